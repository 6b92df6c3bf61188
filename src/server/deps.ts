import type { Db } from '../db/database.ts';
import type { DialectName } from '../db/dialect.ts';

export type AppConfig = {
  version: string;
  /** mark cookies Secure (set when served over https) */
  secureCookies: boolean;
  /** requests per minute per client across the API; 0 turns the limit off (benchmarks) */
  rateLimitPerMinute: number;
  /** failed sign-ins per email within the window before sign-in is paused */
  loginMaxFailures: number;
  loginWindowMinutes: number;
  /** folder of the built web app; null serves the API only */
  webDir: string | null;
  sessionDays: number;
  /** scrypt cost; lower only in tests */
  passwordCost: number;
};

/** What services may touch. Passed explicitly: no globals, no container. */
export type AppDeps = {
  db: Db;
  dialect: DialectName;
  config: AppConfig;
  now: () => Date;
};

export const DEFAULT_CONFIG: AppConfig = {
  version: '0.1.0',
  secureCookies: false,
  rateLimitPerMinute: 1200,
  loginMaxFailures: 5,
  loginWindowMinutes: 15,
  webDir: null,
  sessionDays: 14,
  passwordCost: 16384,
};

export function nowIso(deps: Pick<AppDeps, 'now'>): string {
  return deps.now().toISOString();
}
