import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CONFIG, type AppConfig } from '../server/deps.ts';

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const WEB_DIR = `${PROJECT_ROOT}dist/web`;

export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(`${PROJECT_ROOT}package.json`, 'utf8')) as { version: string };
  return pkg.version;
}

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number, got "${raw}"`);
  return value;
}

/** Server settings from the environment; every one has a sensible default. */
export function configFromEnv(env: NodeJS.ProcessEnv, overrides: Partial<AppConfig> = {}): AppConfig {
  return {
    ...DEFAULT_CONFIG,
    version: packageVersion(),
    secureCookies: env.WINSIGHT_SECURE_COOKIES === 'true',
    rateLimitPerMinute: intFrom(env, 'WINSIGHT_RATE_LIMIT', DEFAULT_CONFIG.rateLimitPerMinute),
    loginMaxFailures: intFrom(env, 'WINSIGHT_LOGIN_MAX_FAILURES', DEFAULT_CONFIG.loginMaxFailures),
    webDir: WEB_DIR,
    ...overrides,
  };
}
