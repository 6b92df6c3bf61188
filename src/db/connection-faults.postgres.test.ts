import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../server/app.ts';
import { createAppDeps, DEFAULT_CONFIG, type AppDeps } from '../server/deps.ts';
import type { App } from '../server/http.ts';
import { createOrganization } from '../server/organizations/organizations.service.ts';
import { createClock, signIn } from '../testing/test-app.ts';
import { createDb, type DbHandle } from './database.ts';
import { migrateToLatest } from './migrate.ts';

// A failover or a database restart, played by pg_terminate_backend. Other test files share the
// PostgreSQL database, so this file names its connections and only ever terminates those.
// Part of the suite's PostgreSQL pass only (see vitest.config.ts).

const url = process.env.DATABASE_URL ?? '';

describe('a PostgreSQL connection dropped under a running app', () => {
  const schema = `faults_${randomBytes(5).toString('hex')}`;
  const reported: Error[] = [];
  let handle: DbHandle;
  let app: App;
  let admin: pg.Client;

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: url, application_name: `${schema}_admin` });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    handle = createDb(url, {
      pgSchema: schema,
      poolSize: 4,
      applicationName: schema,
      onConnectionError: (error) => reported.push(error),
    });
    await migrateToLatest(handle);
    const deps: AppDeps = createAppDeps({
      db: handle.db,
      dialect: handle.dialect,
      now: createClock().now,
      config: { ...DEFAULT_CONFIG, passwordCost: 1024, rateLimitPerMinute: 0 },
    });
    await createOrganization(deps, {
      name: 'Faulty',
      admin: { email: 'admin@faulty.test', name: 'Fay Admin', password: 'correct-horse-battery' },
    });
    app = await createApp(deps);
  });

  afterAll(async () => {
    await app?.close();
    await handle?.close();
    await admin.query(`drop schema ${schema} cascade`);
    await admin.end();
  });

  const terminateOurs = async (extraCondition = 'true') =>
    (
      await admin.query(
        `select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1 and ${extraCondition}`,
        [schema],
      )
    ).rowCount ?? 0;

  it('logs idle connections terminated under it, reconnects and keeps answering', async () => {
    const as = await signIn(app, 'admin@faulty.test', 'correct-horse-battery');
    expect((await as.get('/api/accounts')).statusCode).toBe(200);
    const terminated = await terminateOurs();
    expect(terminated).toBeGreaterThan(0);
    // the pool hears of each when its socket closes, a moment after the termination
    await expect.poll(() => reported.length).toBeGreaterThanOrEqual(terminated);
    expect(reported[0]!.message).toMatch(/terminat/i);
    expect((await as.get('/api/accounts')).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });

  it('answers 503 with the error body to a request whose connection is killed mid-query, then serves the next', async () => {
    const as = await signIn(app, 'admin@faulty.test', 'correct-horse-battery');
    // hold the request inside its query: a lock it must wait for, taken on another connection
    await admin.query('begin');
    await admin.query(`lock table ${schema}.accounts in access exclusive mode`);
    const caught = as.get('/api/accounts');
    await expect
      .poll(
        async () =>
          (
            await admin.query(
              `select count(*)::int as n from pg_stat_activity where application_name = $1 and wait_event_type = 'Lock'`,
              [schema],
            )
          ).rows[0].n,
      )
      .toBeGreaterThan(0);
    expect(await terminateOurs(`wait_event_type = 'Lock'`)).toBeGreaterThan(0);
    await admin.query('rollback');
    const response = await caught;
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({ error: { code: 'unavailable', message: expect.stringMatching(/database/) } });
    expect((await as.get('/api/accounts')).statusCode).toBe(200);
  });

  it('reports health 503 unavailable while the database refuses it, and 200 again once it is back, on the same instance', async () => {
    // "down" for this app alone: its role may not log in, and its open connections are ended
    const role = `${schema}_role`;
    await admin.query(`create role ${role} login`);
    const asRole = new URL(url);
    asRole.username = role;
    const roleHandle = createDb(asRole.toString(), {
      poolSize: 2,
      applicationName: role,
      onConnectionError: () => undefined,
    });
    const roleApp = await createApp(
      createAppDeps({ db: roleHandle.db, dialect: roleHandle.dialect, now: () => new Date(), config: DEFAULT_CONFIG }),
    );
    const health = async () => (await roleApp.inject({ method: 'GET', url: '/api/health' })).statusCode;
    try {
      expect(await health()).toBe(200);
      await admin.query(`alter role ${role} nologin`);
      await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1', [role]);
      // a request may still meet the connection the pool has not yet heard is gone; the next cannot log in
      await health();
      expect(await health()).toBe(503);
      const down = await roleApp.inject({ method: 'GET', url: '/api/health' });
      expect(down.json()).toEqual({
        error: { code: 'unavailable', message: 'The postgres database cannot be reached' },
      });
      await admin.query(`alter role ${role} login`);
      expect(await health()).toBe(200);
    } finally {
      await roleApp.close();
      await roleHandle.close();
      await admin.query(`drop role ${role}`);
    }
  });

  it('reports health 503 unavailable while the database cannot be reached, 200 on a live one', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/health' })).json()).toMatchObject({
      status: 'ok',
      database: 'postgres',
    });
    const closed = new URL(url);
    closed.port = '1';
    const unreachable = createDb(closed.toString(), { connectTimeoutMs: 2000, onConnectionError: () => undefined });
    const down = await createApp(
      createAppDeps({
        db: unreachable.db,
        dialect: unreachable.dialect,
        now: () => new Date(),
        config: DEFAULT_CONFIG,
      }),
    );
    try {
      const response = await down.inject({ method: 'GET', url: '/api/health' });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toEqual({
        error: { code: 'unavailable', message: 'The postgres database cannot be reached' },
      });
    } finally {
      await down.close();
      await unreachable.close();
    }
  });
});
