import type { Db } from '../db/database.ts';
import type { DialectName } from '../db/dialect.ts';
import { createCaches, type AppCaches } from './cache.ts';
import { createEphemeralSecretBox, type SecretBox } from './secrets.ts';

export type AppConfig = {
  version: string;
  /** mark cookies Secure (set when served over https) */
  secureCookies: boolean;
  /** requests per minute per client across the API; 0 turns the limit off (benchmarks) */
  rateLimitPerMinute: number;
  /** failed sign-ins per email from one address before that address is paused (1, 2, 4 ... minutes) */
  loginMaxFailures: number;
  /** failed sign-ins per email from all addresses together before every address is paused */
  loginEmailMaxFailures: number;
  /** the longest pause */
  loginMaxDelayMinutes: number;
  /** proxies whose X-Forwarded-For is believed (addresses or CIDRs); empty: the socket's address */
  trustProxy: string[];
  /** folder of the built web app; null serves the API only */
  webDir: string | null;
  sessionDays: number;
  /** scrypt cost; lower only in tests */
  passwordCost: number;
  /**
   * whether webhooks may be sent to loopback and private addresses (an on-premises receiver, tests);
   * off, an endpoint there is refused when saved and its host checked again as each is sent
   */
  webhookAllowPrivate: boolean;
  /** how long one webhook try may take before it counts as failed */
  webhookTimeoutMs: number;
};

/** What services may touch. Passed explicitly: no globals, no container. */
export type AppDeps = {
  db: Db;
  dialect: DialectName;
  config: AppConfig;
  now: () => Date;
  /** per-organization caches; dropped by the use cases that change what they hold */
  caches: AppCaches;
  /** seals the secrets kept in the database (SMTP passwords) under the deployment's key */
  secrets: SecretBox;
};

/**
 * Deps with a fresh set of caches timed by `now`. Without `secrets`, a key for this process only
 * (tests, benchmarks): the CLI always passes the deployment's (see cli/main.ts).
 */
export function createAppDeps(base: Omit<AppDeps, 'caches' | 'secrets'> & { secrets?: SecretBox }): AppDeps {
  return { ...base, caches: createCaches(base.now), secrets: base.secrets ?? createEphemeralSecretBox() };
}

export const DEFAULT_CONFIG: AppConfig = {
  version: '0.1.0',
  secureCookies: false,
  rateLimitPerMinute: 1200,
  loginMaxFailures: 5,
  loginEmailMaxFailures: 50,
  loginMaxDelayMinutes: 15,
  trustProxy: [],
  webDir: null,
  sessionDays: 14,
  passwordCost: 16384,
  webhookAllowPrivate: false,
  webhookTimeoutMs: 10_000,
};

export function nowIso(deps: Pick<AppDeps, 'now'>): string {
  return deps.now().toISOString();
}
