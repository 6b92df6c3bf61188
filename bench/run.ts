/**
 * npm run bench: seeds 100,000 opportunities, then measures the list and detail routes at 50
 * connections on SQLite and PostgreSQL, each next to a bare node:http + raw-driver baseline that
 * replays the very SQL the app produced. See bench/README.md for the knobs and how to read it.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { get as httpGet } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import {
  LIST_COUNT_CAP,
  OPPORTUNITY_SORTS,
  opportunityListQuerySchema,
  type OpportunitySort,
} from '../src/contract/opportunities.ts';
import { createDb, type DbHandle } from '../src/db/database.ts';
import type { Database } from '../src/db/schema.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { authenticate } from '../src/server/auth/auth.service.ts';
import { createAppDeps, DEFAULT_CONFIG, type AppDeps } from '../src/server/deps.ts';
import { getOpportunity, listOpportunities } from '../src/server/opportunities/opportunities.service.ts';
import { measureAssessmentLatency, runEngineBenchmarks, type EngineFigures } from './engine.ts';
import { measureStatements } from './statements.ts';
import { runImportBenchmarks, type ImportFigures } from './import.ts';
import { measureDemoQuality } from './demo-quality.ts';
import { measureReview, type ReviewFigures } from './review.ts';
import { machineCpuSample, runLoad, type LoadResult } from './load.ts';
import { SESSION_COOKIE } from '../src/server/auth/auth.routes.ts';
import { BENCH_PASSWORD, DEFAULT_PLAN, seedWorkspace, type Seeded } from './seed.ts';
import type { BareRoute, CapturedQuery, DbTarget, FromServer, ServerSpec, ToServer } from './shared.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
/** the pipeline review's timings, per database */
const reviews: Array<ReviewFigures[number] & { database: string }> = [];

type Dialect = DbTarget['dialect'];
type RouteName = 'list' | 'detail';
type Scope = 'admin' | 'manager';

const env = process.env;
const settings = {
  databases: (env.BENCH_DB ?? 'sqlite,postgres')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean) as Dialect[],
  routes: (env.BENCH_ROUTES ?? 'list,detail').split(',').map((s) => s.trim()) as RouteName[],
  scopes: (env.BENCH_SCOPES ?? 'admin,manager').split(',').map((s) => s.trim()) as Scope[],
  /** the list's sorts to measure, one scenario each (the web's default first) */
  sorts: (env.BENCH_SORTS ?? '-updatedAt').split(',').map((s) => s.trim()) as OpportunitySort[],
  connections: Number(env.BENCH_CONNECTIONS ?? 50),
  duration: Number(env.BENCH_DURATION ?? 8),
  warmup: Number(env.BENCH_WARMUP ?? 2),
  opportunities: Number(env.BENCH_OPPORTUNITIES ?? DEFAULT_PLAN.opportunities),
  pgUrl: env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
  pgSchema: env.BENCH_PG_SCHEMA ?? 'bench',
  pgPool: Number(env.BENCH_PG_POOL ?? 10),
  /**
   * where to also replay the session and reporting-line reads in the bare server (splits the gap
   * into extra SQL vs framework): 'all', 'detail' (default: on lists the data SQL dominates) or '0'
   */
  bareWithAuth: (env.BENCH_BARE_AUTH ?? 'detail') as 'all' | 'detail' | '0',
  /** measure the app only (quick A/B of a change); no ratio */
  appOnly: env.BENCH_APP_ONLY === '1',
  /** write a V8 CPU profile of the app server into this folder */
  profileDir: env.BENCH_PROFILE_DIR,
  out: env.BENCH_OUT ?? join(HERE, 'results', 'latest.json'),
  keep: env.BENCH_KEEP === '1',
};

const AIM = { ratio: 0.6, p95Ms: 30 };
for (const sort of settings.sorts) {
  if (!(OPPORTUNITY_SORTS as readonly string[]).includes(sort)) throw new Error(`BENCH_SORTS: no sort ${sort}`);
}

type Measured = LoadResult & {
  /** CPU of the server process, in % of one core (200 % = both cores) */
  serverCpuPercent: number;
  /** CPU of the load generator (this process) */
  loadCpuPercent: number;
  /** everything else on the machine: PostgreSQL's backends, and anything unrelated that was running */
  otherCpuPercent: number | null;
  /** server CPU time per answered request, in ms: less sensitive to other load on the machine than req/s */
  serverCpuMsPerRequest: number;
  /** seconds the server needed after the run to finish requests still queued when the run stopped */
  drainSeconds: number;
  /** the server process's peak resident memory so far (seeded database open, caches warm), in MB */
  serverRssMb: number;
};

type ScenarioResult = {
  database: Dialect;
  route: RouteName;
  scope: Scope;
  path: string;
  /** the list's order (list routes) */
  sort: OpportunitySort | null;
  /** rows the caller can see (the list's total; past the count's cap, "at least") */
  visible: number;
  visibleIsLowerBound: boolean;
  app: Measured;
  bare: Measured | null;
  bareWithAuth: Measured | null;
  ratio: number;
  aimMet: boolean;
  sql: { auth: CapturedQuery[]; data: CapturedQuery[] };
};

type ExportRun = { database: Dialect; rows: number; megabytes: number; seconds: number };
/** one download of the whole list per database (rows can hold line breaks: rows counts lines) */
const exportRuns: ExportRun[] = [];

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

// ---------------------------------------------------------------------------------------------
// databases

async function postgresReachable(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => {});
  }
}

async function resetPgSchema(url: string, schema: string, create: boolean): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${schema} cascade`);
    if (create) await client.query(`create schema ${schema}`);
  } finally {
    await client.end();
  }
}

function openHandle(target: DbTarget): DbHandle {
  return target.dialect === 'sqlite'
    ? createDb(target.path)
    : createDb(target.url, { pgSchema: target.schema, poolSize: target.poolSize });
}

function benchDeps(db: DbHandle['db'], dialect: Dialect): AppDeps {
  return createAppDeps({
    db,
    dialect,
    config: { ...DEFAULT_CONFIG, rateLimitPerMinute: 0, passwordCost: 1024 },
    now: () => new Date(),
  });
}

/** A Kysely over the same database that records every statement it runs. */
function capturingDb(target: DbTarget): { db: Kysely<Database>; take(): CapturedQuery[] } {
  let captured: CapturedQuery[] = [];
  const logQuery = (event: { level: string; query: { sql: string; parameters: readonly unknown[] } }) => {
    if (event.level === 'query') captured.push({ sql: event.query.sql, parameters: [...event.query.parameters] });
  };
  const dialect =
    target.dialect === 'sqlite'
      ? new SqliteDialect({ database: new SqliteDatabase(target.path) })
      : new PostgresDialect({
          pool: new pg.Pool({ connectionString: target.url, max: 2, options: `-c search_path=${target.schema}` }),
        });
  return {
    db: new Kysely<Database>({ dialect, log: logQuery }),
    take: () => {
      const out = captured;
      captured = [];
      return out;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// server children

type Child = {
  port: number;
  probePath: string;
  cpu(): Promise<{ micros: number; at: number; rss: number }>;
  inflight(): Promise<number>;
  discard(on: boolean): void;
  stop(): Promise<void>;
};

function startServer(spec: ServerSpec, label: string): Promise<Child> {
  const execArgv = ['--import', 'tsx'];
  if (settings.profileDir && spec.mode === 'app') {
    // one folder per server: the tsx loader thread writes a profile of its own beside the main one
    const dir = join(settings.profileDir, label);
    mkdirSync(dir, { recursive: true });
    execArgv.push('--cpu-prof', `--cpu-prof-dir=${dir}`);
  }
  const child: ChildProcess = fork(join(HERE, 'server.ts'), [], {
    execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waitFor = <T extends FromServer['type']>(type: T) =>
    new Promise<Extract<FromServer, { type: T }>>((resolve, reject) => {
      const onMessage = (message: FromServer) => {
        if (message.type === 'error') {
          cleanup();
          reject(new Error(`${label} server failed: ${message.message}`));
        } else if (message.type === type) {
          cleanup();
          resolve(message as Extract<FromServer, { type: T }>);
        }
      };
      const onExit = (code: number | null) => {
        cleanup();
        reject(new Error(`${label} server exited (code ${code})`));
      };
      const cleanup = () => {
        child.off('message', onMessage);
        child.off('exit', onExit);
      };
      child.on('message', onMessage);
      child.on('exit', onExit);
    });
  const tell = (message: ToServer) => child.send(message);
  const listening = waitFor('listening');
  tell({ type: 'start', spec });
  return listening.then(({ port }) => ({
    port,
    probePath: spec.mode === 'app' ? '/api/health' : '/health',
    cpu: async () => {
      const sample = waitFor('cpu');
      tell({ type: 'cpu' });
      const { user, system, at, peakRss } = await sample;
      return { micros: user + system, at, rss: peakRss };
    },
    discard: (on: boolean) => tell({ type: 'discard', on }),
    inflight: async () => {
      const sample = waitFor('cpu');
      tell({ type: 'cpu' });
      return (await sample).inflight;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        tell({ type: 'stop' });
      }),
  }));
}

async function signIn(port: number, email: string): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: BENCH_PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`sign-in as ${email}: ${response.status} ${await response.text()}`);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!cookie) throw new Error(`sign-in as ${email}: no ${SESSION_COOKIE} cookie`);
  return cookie.split(';')[0]!.slice(SESSION_COOKIE.length + 1);
}

async function getJson(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  const response = await fetch(url, { headers });
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) };
  } catch {
    return { status: response.status, body: text };
  }
}

// ---------------------------------------------------------------------------------------------
// measuring

/** One GET on a fresh connection (not a pooled one), so it queues behind any connection not yet accepted. */
function probe(port: number, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = httpGet({ host: '127.0.0.1', port, path, agent: false, timeout: 300_000 }, (response) => {
      response.resume();
      response.on('end', () => resolve());
    });
    request.on('timeout', () => request.destroy(new Error(`probe ${path} timed out`)));
    request.on('error', reject);
  });
}

/**
 * Waits until the server has worked off what a finished run left behind. autocannon drops its
 * connections at the end, but a slow server still has requests in hand (waiting for the database)
 * and connections it has not even accepted yet, whose requests it will read and run all the same;
 * left alone they would eat into the next run. So, with the server answering leftovers 503 at once:
 * wait until nothing is in hand, then send a probe on a new connection (accepted only after the
 * older ones), and repeat until nothing arrived meanwhile.
 */
async function drain(child: Child): Promise<number> {
  const started = performance.now();
  child.discard(true);
  try {
    return await drainLeftovers(child, started);
  } finally {
    child.discard(false);
    await child.inflight(); // a round trip on the same channel: the server has switched back
  }
}

async function drainLeftovers(child: Child, started: number): Promise<number> {
  for (;;) {
    while ((await child.inflight()) > 0) {
      if (performance.now() - started > 300_000)
        throw new Error('the server did not finish its backlog within 5 minutes');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await probe(child.port, child.probePath);
    if ((await child.inflight()) === 0) return (performance.now() - started) / 1000;
  }
}

async function measure(child: Child, options: Parameters<typeof runLoad>[0]): Promise<Measured> {
  if (settings.warmup > 0) {
    // at most 10 connections (the pool size): enough to warm the JIT and open the pool, while
    // leaving a short backlog behind when a route is slow
    await runLoad({ ...options, duration: settings.warmup, connections: Math.min(options.connections, 10) });
    await drain(child);
  }
  const serverBefore = await child.cpu();
  const loadBefore = process.cpuUsage();
  const machineBefore = machineCpuSample();
  const started = performance.now();
  const result = await runLoad(options);
  const wallMicros = (performance.now() - started) * 1000;
  const serverAfter = await child.cpu();
  const loadAfter = process.cpuUsage(loadBefore);
  const machineAfter = machineCpuSample();
  const drainSeconds = await drain(child);
  if (result.non2xx > 0 || result.errors > Math.max(5, result.requests * 0.01)) {
    throw new Error(
      `${options.url}: ${result.non2xx} non-2xx answers (${JSON.stringify(result.statusCodes)}), ${result.errors} errors ${JSON.stringify(result.errorMessages)}`,
    );
  }
  if (result.errors > 0) log(`  warning: ${result.errors} connection errors ${JSON.stringify(result.errorMessages)}`);
  // over the server's own interval between the two samples: a server busy with a slow query answers
  // the sample late, and the CPU it spent meanwhile belongs to the same interval
  const serverMicros = serverAfter.micros - serverBefore.micros;
  const serverCpuPercent = (serverMicros / ((serverAfter.at - serverBefore.at) * 1000)) * 100;
  const loadCpuPercent = ((loadAfter.user + loadAfter.system) / wallMicros) * 100;
  const machineCpuPercent =
    machineBefore && machineAfter
      ? ((machineAfter.busy - machineBefore.busy) / Math.max(1, machineAfter.total - machineBefore.total)) *
        100 *
        cpus().length
      : null;
  return {
    ...result,
    serverCpuPercent,
    serverCpuMsPerRequest: serverMicros / 1000 / Math.max(1, result.requests),
    loadCpuPercent,
    otherCpuPercent:
      machineCpuPercent === null ? null : Math.max(0, machineCpuPercent - serverCpuPercent - loadCpuPercent),
    drainSeconds,
    serverRssMb: serverAfter.rss / 1024 / 1024,
  };
}

function pickIds(seeded: Seeded, scope: Scope, count: number): string[] {
  const team = new Set(seeded.manager.teamOwnerIds);
  const pool = scope === 'admin' ? seeded.opportunities : seeded.opportunities.filter((o) => team.has(o.ownerId));
  // a fixed stride through the (seeded) rows: the same ids every run, spread over the table
  const stride = Math.max(1, Math.floor(pool.length / count));
  const ids: string[] = [];
  for (let i = 0; i < pool.length && ids.length < count; i += stride) ids.push(pool[i]!.id);
  return ids;
}

async function benchDatabase(dialect: Dialect): Promise<ScenarioResult[]> {
  let target: DbTarget;
  let tempDir: string | undefined;
  if (dialect === 'sqlite') {
    tempDir = mkdtempSync(join(tmpdir(), 'winsight-bench-'));
    target = { dialect, path: join(tempDir, 'bench.sqlite') };
  } else {
    const problem = await postgresReachable(settings.pgUrl);
    if (problem) {
      log(
        `\nPostgreSQL: SKIPPED — cannot reach ${settings.pgUrl} (${problem}). Set BENCH_PG_URL, or BENCH_DB=sqlite to silence this.`,
      );
      return [];
    }
    await resetPgSchema(settings.pgUrl, settings.pgSchema, true);
    target = { dialect, url: settings.pgUrl, schema: settings.pgSchema, poolSize: settings.pgPool };
  }
  const where =
    target.dialect === 'sqlite'
      ? target.path
      : `${settings.pgUrl} schema ${settings.pgSchema}, pool ${settings.pgPool}`;
  log(`\n== ${dialect} (${where})`);

  const children: Child[] = [];
  try {
    log(`seeding ${settings.opportunities} opportunities (seed ${DEFAULT_PLAN.seed})…`);
    const handle = openHandle(target);
    await migrateToLatest(handle);
    const seeded = await seedWorkspace(
      benchDeps(handle.db, dialect),
      { ...DEFAULT_PLAN, opportunities: settings.opportunities },
      log,
    );
    await handle.close();
    log(`seeded in ${seeded.seconds.toFixed(1)} s`);

    const app = await startServer({ mode: 'app', target }, `app-${dialect}`);
    children.push(app);
    const cookies: Record<Scope, string> = {
      admin: await signIn(app.port, seeded.admin.email),
      manager: await signIn(app.port, seeded.manager.email),
    };

    // The SQL the app runs for each request, captured through the app's own services.
    const capture = capturingDb(target);
    const deps = benchDeps(capture.db, dialect);
    // the top-20 pipeline review, in process, on the same deals
    if (env.BENCH_REVIEW !== '0')
      reviews.push(
        ...(await measureReview(deps, seeded, log, { statements: () => capture.take().length })).map((r) => ({
          database: dialect,
          ...r,
        })),
      );
    capture.take();
    const bareRoutes: Record<string, BareRoute> = {};
    /** the second page's cursor of each list scenario (scope-sort) */
    const listCursors: Record<string, string> = {};
    const idsByScope: Record<Scope, string[]> = {
      admin: pickIds(seeded, 'admin', 2000),
      manager: pickIds(seeded, 'manager', 2000),
    };
    for (const scope of settings.scopes) {
      const auth = await authenticate(deps, { sessionToken: cookies[scope] });
      if (!auth) throw new Error(`no session for ${scope}`);
      const authSql = capture.take();
      for (const route of settings.routes) {
        if (route === 'list') {
          // as the web list pages: the first page (with its count), then the next one by its cursor
          for (const sort of settings.sorts) {
            // each first page's capture must hold its count (the app keeps it briefly)
            deps.caches.opportunityCounts.invalidate(auth.actor.orgId);
            const first = await listOpportunities(
              deps,
              auth.actor,
              opportunityListQuerySchema.parse({ limit: '50', sort }),
            );
            bareRoutes[`list-${scope}-${sortSlug(sort)}`] = { kind: 'list', auth: authSql, data: capture.take() };
            await listOpportunities(
              deps,
              auth.actor,
              opportunityListQuerySchema.parse({ limit: '50', sort, cursor: first.nextCursor }),
            );
            bareRoutes[`list-${scope}-${sortSlug(sort)}-next`] = { kind: 'list', auth: authSql, data: capture.take() };
            listCursors[`${scope}-${sort}`] = first.nextCursor!;
          }
          continue;
        }
        await getOpportunity(deps, auth.actor, idsByScope[scope][0]!);
        bareRoutes[`${route}-${scope}`] = {
          kind: route,
          auth: authSql,
          data: capture.take(),
          idParameter: idsByScope[scope][0]!,
        };
      }
    }
    await capture.db.destroy();

    const bare = await startServer({ mode: 'bare', target, routes: bareRoutes }, `bare-${dialect}`);
    children.push(bare);

    const results: ScenarioResult[] = [];
    type Scenario = { route: RouteName; scope: Scope; sort: OpportunitySort | null };
    const scenarios: Scenario[] = settings.routes.flatMap((route) =>
      settings.scopes.flatMap((scope): Scenario[] =>
        route === 'list' ? settings.sorts.map((sort) => ({ route, scope, sort })) : [{ route, scope, sort: null }],
      ),
    );
    for (const { route, scope, sort } of scenarios) {
      const key = sort === null ? `${route}-${scope}` : `${route}-${scope}-${sortSlug(sort)}`;
      const ids = idsByScope[scope];
      const appBase = `http://127.0.0.1:${app.port}`;
      const bareBase = `http://127.0.0.1:${bare.port}`;
      const headers = { cookie: `${SESSION_COOKIE}=${cookies[scope]}` };
      // a list alternates between its first page and the page after it (by the first page's cursor)
      const listPath = `/api/opportunities?limit=50&sort=${encodeURIComponent(sort ?? '')}`;
      const appPaths =
        sort !== null
          ? [listPath, `${listPath}&cursor=${listCursors[`${scope}-${sort}`]}`]
          : ids.map((id) => `/api/opportunities/${id}`);
      const barePaths = (variant: string) =>
        sort !== null ? [`/${key}/${variant}`, `/${key}-next/${variant}`] : ids.map((id) => `/${key}/${variant}/${id}`);

      // the app and the bare server must answer the same thing before we time them
      let firstPage: { total?: unknown; totalIsLowerBound?: unknown } = {};
      for (const [i, appPath] of appPaths.slice(0, 2).entries()) {
        const probeApp = await getJson(`${appBase}${appPath}`, headers);
        const probeBare = await getJson(`${bareBase}${barePaths('data')[i]!}`);
        if (probeApp.status !== 200 || probeBare.status !== 200) {
          throw new Error(
            `${key}: probe failed (app ${probeApp.status} ${JSON.stringify(probeApp.body).slice(0, 200)}; bare ${probeBare.status})`,
          );
        }
        if (
          route === 'list' &&
          // the app reads one row more than the page, to know whether another follows
          (probeApp.body.items.length !== Math.min(probeBare.body.items.length, 50) ||
            (i === 0 && probeApp.body.total !== Math.min(Number(probeBare.body.total), LIST_COUNT_CAP)))
        ) {
          throw new Error(
            `${key}: app ${probeApp.body.items.length} rows of ${probeApp.body.total}, bare ${probeBare.body.items.length} of ${probeBare.body.total}`,
          );
        }
        if (i === 0) firstPage = probeApp.body;
      }
      const visible = route === 'list' ? Number(firstPage.total) : ids.length;
      const visibleIsLowerBound = route === 'list' && firstPage.totalIsLowerBound === true;

      log(`${dialect} ${key}: app…`);
      const appRun = await measure(app, {
        url: appBase,
        connections: settings.connections,
        duration: settings.duration,
        headers,
        paths: appPaths,
      });
      log(`  ${fmtRun(appRun)}`);
      let bareRun: Measured | null = null;
      if (!settings.appOnly) {
        log(`${dialect} ${key}: bare…`);
        bareRun = await measure(bare, {
          url: bareBase,
          connections: settings.connections,
          duration: settings.duration,
          headers,
          paths: barePaths('data'),
        });
        log(`  ${fmtRun(bareRun)}`);
      }
      let bareAuthRun: Measured | null = null;
      if (
        !settings.appOnly &&
        (settings.bareWithAuth === 'all' || (settings.bareWithAuth === 'detail' && route === 'detail'))
      ) {
        log(`${dialect} ${key}: bare + auth SQL…`);
        bareAuthRun = await measure(bare, {
          url: bareBase,
          connections: settings.connections,
          duration: settings.duration,
          headers,
          paths: barePaths('auth'),
        });
        log(`  ${fmtRun(bareAuthRun)}`);
      }
      const ratio = bareRun ? appRun.rps / bareRun.rps : NaN;
      results.push({
        database: dialect,
        route,
        scope,
        path: sort !== null ? `${listPath} (+ its next page by cursor)` : '/api/opportunities/:id',
        sort,
        visible,
        visibleIsLowerBound,
        app: appRun,
        bare: bareRun,
        bareWithAuth: bareAuthRun,
        ratio,
        aimMet: (settings.appOnly || ratio >= AIM.ratio) && appRun.latency.p95 < AIM.p95Ms,
        sql: {
          auth: bareRoutes[key]!.auth,
          data: [...bareRoutes[key]!.data, ...(bareRoutes[`${key}-next`]?.data ?? [])],
        },
      });
    }
    if (settings.scopes.includes('admin')) {
      // the whole list as a download: every row, as one request
      log(`${dialect} export: GET /api/opportunities/export.csv as admin…`);
      const startedExport = performance.now();
      const response = await fetch(`http://127.0.0.1:${app.port}/api/opportunities/export.csv`, {
        headers: { cookie: `${SESSION_COOKIE}=${cookies.admin}` },
      });
      const csv = await response.text();
      if (response.status !== 200) throw new Error(`export: ${response.status} ${csv.slice(0, 200)}`);
      const run: ExportRun = {
        database: dialect,
        rows: csv.trimEnd().split('\n').length - 1,
        megabytes: Buffer.byteLength(csv) / 1e6,
        seconds: (performance.now() - startedExport) / 1000,
      };
      exportRuns.push(run);
      log(`  ${run.rows.toLocaleString('en-US')} rows, ${run.megabytes.toFixed(1)} MB in ${run.seconds.toFixed(1)} s`);
    }
    return results;
  } finally {
    for (const child of children.reverse()) await child.stop();
    if (tempDir && !settings.keep) rmSync(tempDir, { recursive: true, force: true });
    if (target.dialect === 'postgres' && !settings.keep)
      await resetPgSchema(settings.pgUrl, settings.pgSchema, false).catch(() => {});
  }
}

// ---------------------------------------------------------------------------------------------
// reporting

function fmtRun(r: Measured): string {
  const other = r.otherCpuPercent === null ? '' : `, other ${r.otherCpuPercent.toFixed(0)} %`;
  const drained = r.drainSeconds > 0.5 ? `; ${r.drainSeconds.toFixed(1)} s to drain the backlog` : '';
  return `${r.rps.toFixed(0)} req/s, p50 ${r.latency.p50.toFixed(1)} ms, p95 ${r.latency.p95.toFixed(1)} ms, p99 ${r.latency.p99.toFixed(1)} ms (CPU: server ${r.serverCpuPercent.toFixed(0)} %, load generator ${r.loadCpuPercent.toFixed(0)} %${other}${drained})`;
}

/** Too few answers for the percentiles to mean much: most requests were still queued when the run ended. */
function censored(r: Measured): boolean {
  return r.requests < 2 * settings.connections || r.latency.p99 > settings.duration * 500;
}

/** a sort as part of a bare route's path: '-updatedAt' -> 'updatedAt-desc' */
function sortSlug(sort: OpportunitySort): string {
  return sort.startsWith('-') ? `${sort.slice(1)}-desc` : sort;
}

function table(results: ScenarioResult[]): string {
  const header = [
    'database',
    'route',
    'scope (rows)',
    'req/s',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'bare req/s',
    'ratio',
    'bare+auth req/s',
    'CPU ms/req app/bare',
    'RSS MB app/bare',
    'other CPU',
    'aim met?',
  ];
  const rows = results.map((r) => [
    r.database,
    r.sort !== null ? `list ?limit=50&sort=${r.sort}, 1st+next` : 'detail /:id',
    `${r.scope} (${r.visible.toLocaleString('en-US')}${r.visibleIsLowerBound ? '+' : ''} ${r.route === 'list' ? 'rows' : 'ids'})`,
    r.app.rps.toFixed(0),
    ...[r.app.latency.p50, r.app.latency.p95, r.app.latency.p99].map(
      (v) => `${v.toFixed(1)}${censored(r.app) ? '*' : ''}`,
    ),
    r.bare ? r.bare.rps.toFixed(0) : '-',
    r.bare ? `${(r.ratio * 100).toFixed(0)} %` : '-',
    r.bareWithAuth ? r.bareWithAuth.rps.toFixed(0) : '-',
    `${r.app.serverCpuMsPerRequest.toFixed(2)} / ${r.bare ? r.bare.serverCpuMsPerRequest.toFixed(2) : '-'}`,
    `${r.app.serverRssMb.toFixed(0)} / ${r.bare ? r.bare.serverRssMb.toFixed(0) : '-'}`,
    r.app.otherCpuPercent === null ? '-' : `${r.app.otherCpuPercent.toFixed(0)} %`,
    r.aimMet
      ? 'yes'
      : `no (${[r.ratio < AIM.ratio ? 'ratio' : '', r.app.latency.p95 >= AIM.p95Ms ? 'p95' : ''].filter(Boolean).join(', ')})`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const numeric = new Set([3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (numeric.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(' | ')} |`;
  return [
    line(header),
    `|${widths.map((w, i) => (numeric.has(i) ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`,
    ...rows.map(line),
  ].join('\n');
}

async function main(): Promise<void> {
  const started = performance.now();
  log(
    `Winsight benchmark: ${settings.opportunities.toLocaleString('en-US')} opportunities, ${settings.connections} connections, ${settings.warmup} s warm-up + ${settings.duration} s per run`,
  );
  log(
    `machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}; the load generator (this process) and the server (a child process) share these cores`,
  );
  const [load1] = loadavg();
  if (load1 !== undefined && load1 > 0.5) {
    log(
      `note: load average ${load1.toFixed(1)} before starting: something else is using the CPU, so the figures will be understated (see the "other CPU" column)`,
    );
  }
  // the SQL each main route runs: a count, steady from run to run, next to the timings below
  const statements = env.BENCH_STATEMENTS === '0' ? null : await measureStatements(log);
  // how the assessment reads on the demo a buyer sees first (zones, risk, moves, calibration)
  const demo = env.BENCH_DEMO === '0' ? null : await measureDemoQuality(log);
  const results: ScenarioResult[] = [];
  const skipped: string[] = [];
  for (const dialect of settings.databases) {
    const got = await benchDatabase(dialect);
    if (got.length === 0) skipped.push(dialect);
    results.push(...got);
  }
  const seconds = (performance.now() - started) / 1000;
  log('');
  log(
    `Aim: the app keeps >= ${AIM.ratio * 100} % of the bare throughput and p95 < ${AIM.p95Ms} ms. ratio = app req/s / bare req/s.`,
  );
  log(
    "bare = node:http + raw driver replaying the route's own SQL; bare+auth also replays the session/reporting-line reads the app does per request.",
  );
  log(
    `Load generator and server on the same ${cpus().length} cores: absolute figures are lower than on separate machines.`,
  );
  log(
    "CPU ms/req = server process CPU per answered request (app vs bare). RSS MB = the server process's peak resident memory by the end of the run.",
  );
  log('other CPU = the rest of the machine during the app run, in % of one core:');
  log(
    "PostgreSQL's backends, plus anything unrelated; on SQLite a high figure means another job was competing and req/s are understated.",
  );
  log('');
  log(table(results));
  const busy = results.filter((r) => r.database === 'sqlite' && (r.app.otherCpuPercent ?? 0) > 30);
  if (busy.length) {
    log(
      `warning: other processes used ${busy.map((r) => `${(r.app.otherCpuPercent ?? 0).toFixed(0)} %`).join(', ')} of a core during SQLite runs: the machine was not quiet, so compare the CPU ms/req column rather than req/s.`,
    );
  }
  const slow = results.filter((r) => censored(r.app));
  if (slow.length) {
    log(
      `* censored: so few answers that most requests were still queued when the run ended (they are not counted). By Little's law a request waits about ${settings.connections} / req/s on average: ${slow
        .map(
          (r) =>
            `${r.database} ${r.route} ${r.scope} ≈ ${((settings.connections / Math.max(r.app.rps, 0.001)) * 1000).toFixed(0)} ms`,
        )
        .join('; ')}.`,
    );
  }
  for (const run of exportRuns)
    log(
      `${run.database}: the whole list as CSV (GET /api/opportunities/export.csv, admin): ${run.rows.toLocaleString('en-US')} rows, ${run.megabytes.toFixed(1)} MB in ${run.seconds.toFixed(1)} s`,
    );
  if (skipped.length) log(`\nskipped: ${skipped.join(', ')}`);

  // the win-probability engine: learning on the public datasets, fitting, bulk and one-at-a-time assessment
  let engine: { figures: EngineFigures; latency: Awaited<ReturnType<typeof measureAssessmentLatency>> } | null = null;
  if (env.BENCH_ENGINE !== '0') {
    log('\nWin-probability engine (one core, this process):');
    const figures = runEngineBenchmarks(log);
    engine = { figures, latency: await measureAssessmentLatency(log) };
  }
  // imports: the IBM file and a generated 100,000-row Salesforce report, on each database
  let imports: ImportFigures[] | null = null;
  if (env.BENCH_IMPORT !== '0') {
    log('\nImports (each into a fresh database, in a process of its own):');
    imports = await runImportBenchmarks(log, settings.databases.includes('postgres') ? settings.pgUrl : undefined);
  }
  log(`\ntotal ${((performance.now() - started) / 1000).toFixed(0)} s`);

  mkdirSync(dirname(settings.out), { recursive: true });
  writeFileSync(
    settings.out,
    `${JSON.stringify(
      {
        at: new Date().toISOString(),
        node: process.version,
        cores: cpus().length,
        cpu: cpus()[0]?.model,
        loadAverageAtStart: load1,
        settings: { ...settings, profileDir: settings.profileDir ?? null },
        aim: AIM,
        plan: { ...DEFAULT_PLAN, opportunities: settings.opportunities },
        skipped,
        seconds,
        statements,
        demo,
        results,
        exports: exportRuns,
        reviews,
        engine,
        imports,
      },
      null,
      2,
    )}\n`,
  );
  log(`results written to ${settings.out}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
