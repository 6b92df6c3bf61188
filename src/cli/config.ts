import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
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

function positiveIntFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = intFrom(env, name, fallback);
  if (value === 0) throw new Error(`${name} must be at least 1, got "0"`);
  return value;
}

// the names proxy-addr (Fastify's trustProxy) knows for whole ranges
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isProxyAddress(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * The proxies whose X-Forwarded-For names the client. Nobody by default: a client that can set the
 * header itself would otherwise choose the address the rate limits and sign-in pauses count.
 */
function trustedProxiesFrom(env: NodeJS.ProcessEnv): string[] {
  const entries = (env.WINSIGHT_TRUST_PROXY ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  const wrong = entries.filter((e) => !isProxyAddress(e));
  if (wrong.length > 0) {
    throw new Error(
      `WINSIGHT_TRUST_PROXY lists proxy addresses or CIDR ranges separated by commas (such as 10.0.0.2,10.1.0.0/16); "${wrong.join('", "')}" is not one`,
    );
  }
  return entries;
}

/** Server settings from the environment; every one has a sensible default. */
export function configFromEnv(env: NodeJS.ProcessEnv, overrides: Partial<AppConfig> = {}): AppConfig {
  return {
    ...DEFAULT_CONFIG,
    version: packageVersion(),
    secureCookies: env.WINSIGHT_SECURE_COOKIES === 'true',
    rateLimitPerMinute: intFrom(env, 'WINSIGHT_RATE_LIMIT', DEFAULT_CONFIG.rateLimitPerMinute),
    loginMaxFailures: positiveIntFrom(env, 'WINSIGHT_LOGIN_MAX_FAILURES', DEFAULT_CONFIG.loginMaxFailures),
    loginEmailMaxFailures: positiveIntFrom(
      env,
      'WINSIGHT_LOGIN_EMAIL_MAX_FAILURES',
      DEFAULT_CONFIG.loginEmailMaxFailures,
    ),
    loginMaxDelayMinutes: positiveIntFrom(env, 'WINSIGHT_LOGIN_MAX_DELAY_MINUTES', DEFAULT_CONFIG.loginMaxDelayMinutes),
    trustProxy: trustedProxiesFrom(env),
    webhookAllowPrivate: env.WINSIGHT_WEBHOOK_ALLOW_PRIVATE === 'true',
    webhookTimeoutMs: positiveIntFrom(env, 'WINSIGHT_WEBHOOK_TIMEOUT_MS', DEFAULT_CONFIG.webhookTimeoutMs),
    webDir: WEB_DIR,
    ...overrides,
  };
}
