/**
 * `npm run probe`: attacks the app as a hostile client and an unlucky operator would, on SQLite and
 * on PostgreSQL, two instances each on one database:
 *   1. malformed requests across every operation of the OpenAPI document, spread over both
 *      instances (on PostgreSQL, with the app's database connections killed every few seconds);
 *   2. concurrent writes of every versioned record across the two instances (races.ts);
 *   3. both instances must still be up and healthy at the end.
 * Prints one table; exits 1 when any answer is a 500 (or no answer), an update is lost, an
 * invariant breaks, or an instance crashes. Not part of `npm test`.
 *
 * PROBE_REQUESTS (malformed requests per database, default 10000), PROBE_ROUNDS (race rounds per
 * record, default 5), PROBE_DATABASE_URL (a PostgreSQL server to create the probe's own database
 * in, default postgres://postgres@127.0.0.1:5432/postgres; `skip` leaves PostgreSQL out).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { pool, send, signIn, getJson, type Answer } from './client.ts';
import { startInstance, runCli, type Instance } from './instances.ts';
import { createRandom } from '../src/domain/random.ts';
import { malformedCall, operationsOf, type Ids } from './malformed.ts';
import { raceAll } from './races.ts';

const REQUESTS = Number(process.env.PROBE_REQUESTS ?? 10_000);
const ROUNDS = Number(process.env.PROBE_ROUNDS ?? 5);
const PG_SERVER = process.env.PROBE_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PG_DATABASE = 'winsight_probe';
const CONCURRENCY = 16;
const KILL_EVERY_MS = 2_000;
const ADMIN = { email: 'admin@demo.example.com', password: 'winsight-demo' };

type Row = {
  database: string;
  requests: number;
  /** error answers whose body is not {"error": {"code", "message"}} */
  undocumented: number;
  statuses: Map<number, number>;
  kills: number;
  lostUpdates: string[];
  brokenInvariants: string[];
  crashes: string[];
  failures: string[];
};

type Target = {
  name: 'sqlite' | 'postgres';
  url: string;
  cleanup(): Promise<void>;
  killConnections?: () => Promise<number>;
};

async function sqliteTarget(dir: string): Promise<Target> {
  return { name: 'sqlite', url: join(dir, 'probe.sqlite'), cleanup: async () => undefined };
}

async function postgresTarget(): Promise<Target | null> {
  const admin = new pg.Client({ connectionString: PG_SERVER });
  try {
    await admin.connect();
  } catch (error) {
    console.log(`PostgreSQL at ${PG_SERVER} cannot be reached (${(error as Error).message}): skipped`);
    return null;
  }
  await admin.query(`drop database if exists ${PG_DATABASE} with (force)`);
  await admin.query(`create database ${PG_DATABASE}`);
  const url = new URL(PG_SERVER);
  url.pathname = `/${PG_DATABASE}`;
  return {
    name: 'postgres',
    url: url.toString(),
    // what a failover or a database restart does to every open connection of the app
    killConnections: async () => {
      const result = await admin.query(
        'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
        [PG_DATABASE],
      );
      return result.rowCount ?? 0;
    },
    cleanup: async () => {
      await admin.query(`drop database if exists ${PG_DATABASE} with (force)`);
      await admin.end();
    },
  };
}

function isErrorBody(body: string): boolean {
  try {
    const parsed = JSON.parse(body) as { error?: { code?: unknown; message?: unknown } };
    return typeof parsed.error?.code === 'string' && typeof parsed.error.message === 'string';
  } catch {
    return false;
  }
}

/** Real ids to put in paths, so malformed bodies get past the record lookup. */
async function collectIds(base: string, session: Awaited<ReturnType<typeof signIn>>): Promise<Ids> {
  const ids = async (path: string, key = 'id') =>
    (await getJson<{ items: Array<Record<string, string>> }>(base, path, session)).items
      .map((r) => r[key]!)
      .slice(0, 20);
  return {
    accounts: await ids('/api/accounts?limit=20'),
    contacts: await ids('/api/contacts?limit=20'),
    opportunities: await ids('/api/opportunities?limit=20'),
    users: await ids('/api/users'),
    stages: await ids('/api/stages'),
    objectives: await ids('/api/objectives', 'key'),
    'danger-zones': await ids('/api/danger-zones'),
  };
}

async function probe(target: Target, workDir: string): Promise<Row> {
  const row: Row = {
    database: target.name,
    requests: 0,
    undocumented: 0,
    statuses: new Map(),
    kills: 0,
    lostUpdates: [],
    brokenInvariants: [],
    crashes: [],
    failures: [],
  };
  const env = { DATABASE_URL: target.url };
  await runCli(['migrate'], env);
  await runCli(['seed-demo', '--as-of', '2026-12-03'], env);
  const instances: Instance[] = [];
  try {
    for (const n of [1, 2])
      instances.push(await startInstance(`${target.name}-${n}`, target.url, join(workDir, `${target.name}-${n}.log`)));
    const bases = instances.map((i) => i.base);
    const admin = await signIn(bases[0]!, ADMIN.email, ADMIN.password);
    const doc = await getJson<Parameters<typeof operationsOf>[0]>(bases[0]!, '/api/openapi.json', admin);
    const operations = operationsOf(doc);
    const ids = await collectIds(bases[0]!, admin);
    const random = createRandom(20261203).next;
    const calls = Array.from({ length: REQUESTS }, () =>
      malformedCall(operations[Math.floor(random() * operations.length)]!, { random, session: admin, ids }),
    );

    const record = (answer: Answer, what: string) => {
      row.requests++;
      row.statuses.set(answer.status, (row.statuses.get(answer.status) ?? 0) + 1);
      if ((answer.status >= 500 && answer.status !== 503) || answer.status === 0) {
        if (row.failures.length < 12)
          row.failures.push(`${answer.status || 'no answer'} ${what}: ${answer.body.slice(0, 160)}`);
      } else if (answer.status >= 400 && !isErrorBody(answer.body)) {
        row.undocumented++;
        if (row.failures.length < 12)
          row.failures.push(`${answer.status} without the documented error body ${what}: ${answer.body.slice(0, 160)}`);
      }
    };

    let killing = Boolean(target.killConnections);
    const killer = (async () => {
      while (killing) {
        await new Promise((resolve) => setTimeout(resolve, KILL_EVERY_MS));
        if (killing && target.killConnections && (await target.killConnections()) > 0) row.kills++;
      }
    })();
    const started = performance.now();
    await pool(calls.length, CONCURRENCY, async (i) => {
      const call = calls[i]!;
      record(await send(bases[i % bases.length]!, call), `${call.method} ${call.path.slice(0, 120)}`);
    });
    killing = false;
    await killer;
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `  ${target.name}: ${calls.length} malformed requests in ${seconds.toFixed(1)} s, ${row.kills} connection kills`,
    );

    // every instance must be back to healthy once the database connections are left alone
    for (const instance of instances) {
      let healthy = false;
      for (let attempt = 0; attempt < 50 && !healthy; attempt++) {
        healthy = (await send(instance.base, { method: 'GET', path: '/api/health' })).status === 200;
        if (!healthy) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      if (!healthy && !instance.crashed())
        row.failures.push(`${instance.name}: /api/health not 200 within 10 s after the kills`);
    }

    const races = await raceAll(bases, await signIn(bases[1]!, ADMIN.email, ADMIN.password), ROUNDS);
    row.requests += races.requests;
    for (const [status, n] of races.statuses) {
      row.statuses.set(status, (row.statuses.get(status) ?? 0) + n);
      if (status >= 500 || status === 0) row.failures.push(`${n} race request(s) answered ${status || 'nothing'}`);
    }
    row.lostUpdates.push(...races.lostUpdates);
    row.brokenInvariants.push(...races.brokenInvariants);
  } catch (error) {
    row.failures.push(`probe stopped: ${(error as Error).message}`);
  } finally {
    for (const instance of instances) {
      const crash = instance.crashed();
      if (crash) row.crashes.push(crash);
      await instance.stop();
    }
  }
  return row;
}

function printTable(rows: Row[]): void {
  const statuses = [...new Set(rows.flatMap((r) => [...r.statuses.keys()]))].sort((a, b) => a - b);
  const serverErrors = (r: Row) =>
    [...r.statuses].filter(([s]) => s >= 500 && s !== 503).reduce((n, [, c]) => n + c, 0);
  const header = [
    'database',
    'requests',
    ...statuses.map((s) => (s === 0 ? 'no answer' : String(s))),
    'kills',
    'error bodies not documented',
    '5xx (not 503)',
    'lost updates',
    'broken invariants',
    'crashes',
  ];
  const lines = rows.map((r) => [
    r.database,
    String(r.requests),
    ...statuses.map((s) => String(r.statuses.get(s) ?? 0)),
    String(r.kills),
    String(r.undocumented),
    String(serverErrors(r)),
    String(r.lostUpdates.length),
    String(r.brokenInvariants.length),
    String(r.crashes.length),
  ]);
  console.log(`\n| ${header.join(' | ')} |\n|${header.map(() => '---').join('|')}|`);
  for (const line of lines) console.log(`| ${line.join(' | ')} |`);
  console.log(
    '\n503 answers are requests caught while their database connection was killed; they carry the usual error body.',
  );
  for (const r of rows) {
    for (const [title, list] of [
      ['failures', r.failures],
      ['lost updates', r.lostUpdates],
      ['broken invariants', r.brokenInvariants],
      ['crashes', r.crashes],
    ] as const) {
      if (list.length > 0) console.log(`\n${r.database} ${title}:\n${list.map((l) => `  - ${l}`).join('\n')}`);
    }
  }
}

const workDir = mkdtempSync(join(tmpdir(), 'winsight-probe-'));
const rows: Row[] = [];
try {
  const targets = [await sqliteTarget(workDir), ...(PG_SERVER === 'skip' ? [] : [await postgresTarget()])].filter(
    (t): t is Target => t !== null,
  );
  for (const target of targets) {
    console.log(`Probing ${target.name} with two instances...`);
    try {
      rows.push(await probe(target, workDir));
    } finally {
      await target.cleanup();
    }
  }
} finally {
  printTable(rows);
}
const failed = rows.some(
  (r) => r.failures.length + r.lostUpdates.length + r.brokenInvariants.length + r.crashes.length > 0,
);
if (!failed) rmSync(workDir, { recursive: true, force: true });
else console.log(`\nServer logs are in ${workDir}`);
process.exit(failed ? 1 : 0);
