import type { LightMyRequestResponse } from 'fastify';
import type { KyselyPlugin } from 'kysely';
import { createApp, CSRF_HEADER } from '../server/app.ts';
import { SESSION_COOKIE } from '../server/auth/auth.routes.ts';
import { createAppDeps, DEFAULT_CONFIG, type AppConfig, type AppDeps } from '../server/deps.ts';
import type { App } from '../server/http.ts';
import { seedDemoWorkspace, type DemoSeedOptions, type DemoSummary } from '../server/demo/index.ts';
import { createTemplatedTestDb, createTestDb, templatedDatabaseUrl } from './test-db.ts';
import type { DbHandle } from '../db/database.ts';

export type TestClock = { now: () => Date; set(iso: string): void; advance(ms: number): void };

/** A controllable clock that moves on by a millisecond each time it is read, as real time would. */
export function createClock(start = '2026-11-20T09:00:00.000Z'): TestClock {
  let t = Date.parse(start);
  return {
    now: () => new Date(t++),
    set: (iso) => {
      t = Date.parse(iso);
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

export type TestContext = { app: App; deps: AppDeps; handle: DbHandle; clock: TestClock; close(): Promise<void> };

/**
 * The real app on a fresh database, with a controllable clock and cheap password hashing; `plugin`
 * sees every statement the app runs (the statement counts).
 */
export async function createTestApp(
  config: Partial<AppConfig> = {},
  options: { plugin?: KyselyPlugin } = {},
): Promise<TestContext> {
  return appOn(await createTestDb(), createClock(), config, options);
}

/**
 * The real app on a database holding the demo workspace as of `today` (as `createTestApp` then
 * `seedDemoWorkspace` would give), copied from the one the run loads once for every file that asks
 * for the same; the clock goes on from where the loading left it.
 */
export async function createDemoTestApp(
  demo: Pick<DemoSeedOptions, 'startOnPrior'> & { today: string },
  config: Partial<AppConfig> = {},
): Promise<TestContext & { demo: DemoSummary }> {
  const { handle, built } = await createTemplatedTestDb(demoTemplateKey(demo), buildDemo(demo, config));
  const clock = createClock(built.clockAfter);
  return { ...(await appOn(handle, clock, config, {})), demo: built.summary };
}

/**
 * The demo workspace as of `today` (the one createDemoTestApp copies) in a database of its own for
 * the real command in a child process, by its URL; `cleanup` removes it.
 */
export async function demoDatabaseUrl(today: string): Promise<{ url: string; cleanup: () => Promise<void> }> {
  const { url, cleanup } = await templatedDatabaseUrl(demoTemplateKey({ today }), buildDemo({ today }, {}));
  return { url, cleanup };
}

const demoTemplateKey = (demo: Pick<DemoSeedOptions, 'startOnPrior'> & { today: string }) =>
  `demo_${demo.today}${demo.startOnPrior ? '_prior' : ''}`;

const buildDemo =
  (demo: Pick<DemoSeedOptions, 'startOnPrior'> & { today: string }, config: Partial<AppConfig>) =>
  async (fresh: DbHandle) => {
    const clock = createClock();
    const summary = await seedDemoWorkspace(depsOn(fresh, clock, config), demo);
    return { summary, clockAfter: clock.now().toISOString() };
  };

const depsOn = (handle: DbHandle, clock: TestClock, config: Partial<AppConfig>, plugin?: KyselyPlugin): AppDeps =>
  createAppDeps({
    db: plugin ? handle.db.withPlugin(plugin) : handle.db,
    dialect: handle.dialect,
    now: clock.now,
    config: { ...DEFAULT_CONFIG, passwordCost: 1024, rateLimitPerMinute: 0, ...config },
  });

async function appOn(
  handle: DbHandle,
  clock: TestClock,
  config: Partial<AppConfig>,
  options: { plugin?: KyselyPlugin },
): Promise<TestContext> {
  const deps = depsOn(handle, clock, config, options.plugin);
  const app = await createApp(deps);
  return {
    app,
    deps,
    handle,
    clock,
    close: async () => {
      await app.close();
      await handle.close();
    },
  };
}

export type Caller = {
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
};

type Credentials = { cookie?: string; csrf?: string; bearer?: string };

/** Calls the app as someone: with a session cookie (and its CSRF token), a Bearer token, or nobody. */
export function callerWith(app: App, credentials: Credentials = {}): Caller {
  const send = (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE') => (url: string, body?: unknown) =>
    app.inject({
      method,
      url,
      headers: {
        ...(credentials.cookie ? { cookie: `${SESSION_COOKIE}=${credentials.cookie}` } : {}),
        ...(credentials.csrf ? { [CSRF_HEADER]: credentials.csrf } : {}),
        ...(credentials.bearer ? { authorization: `Bearer ${credentials.bearer}` } : {}),
      },
      ...(body !== undefined ? { payload: body as object } : {}),
    });
  return { get: send('GET'), post: send('POST'), patch: send('PATCH'), put: send('PUT'), delete: send('DELETE') };
}

export async function signIn(
  app: App,
  email: string,
  password: string,
): Promise<Caller & { csrf: string; cookie: string }> {
  const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
  if (response.statusCode !== 200)
    throw new Error(`sign-in as ${email} failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE)!.value;
  const csrf = response.json<{ csrfToken: string }>().csrfToken;
  return { ...callerWith(app, { cookie, csrf }), csrf, cookie };
}
