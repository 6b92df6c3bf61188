import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { OpportunitySort } from '../src/contract/opportunities.ts';
import { createDb, type DbHandle } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import type { Actor } from '../src/domain/access.ts';
import { insertRates } from '../src/server/currency/index.ts';
import { createAppDeps, DEFAULT_CONFIG } from '../src/server/deps.ts';
import { listOpportunities } from '../src/server/opportunities/opportunities.service.ts';
import { listStages, reorderStages } from '../src/server/stages/stages.service.ts';
import { DEFAULT_PLAN, seedWorkspace, type Seeded } from './seed.ts';

// One page of the opportunity list at a time, in-process, no load: what a page costs the database
// for each sort, scope and status filter, first page and the page after its cursor. The seeded
// database is kept (a SQLite file, a PostgreSQL schema) so that a later run, on other code, migrates
// it forward and measures the same rows. Last, the time of a stage reorder (two stages swapped).
//
//   node --import tsx bench/list-pages.ts            (both databases)
//   PAGES_DB=sqlite PAGES_SORTS=stage,-stage node --import tsx bench/list-pages.ts
//   PAGES_FRESH=1 ...                               (seed again)

const env = process.env;
const databases = (env.PAGES_DB ?? 'sqlite,postgres').split(',');
const sorts = (env.PAGES_SORTS ?? '-updatedAt,stage,-stage,account,-account,winProbability,-winProbability').split(
  ',',
) as OpportunitySort[];
const repeats = Number(env.PAGES_REPEATS ?? 5);
const sqlitePath = env.PAGES_SQLITE ?? '/tmp/winsight-list-pages.sqlite';
const pgUrl = env.PAGES_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const pgSchema = env.PAGES_PG_SCHEMA ?? 'list_pages';
const fresh = env.PAGES_FRESH === '1';

type Kept = Pick<Seeded, 'orgId' | 'admin' | 'manager' | 'ownerIds'>;

async function open(dialect: 'sqlite' | 'postgres'): Promise<{ handle: DbHandle; kept: Kept }> {
  const keptFile = `${sqlitePath}.${dialect}.json`;
  let seed = fresh || !existsSync(keptFile);
  if (dialect === 'postgres') {
    const client = new pg.Client({ connectionString: pgUrl });
    await client.connect();
    if (seed) await client.query(`drop schema if exists ${pgSchema} cascade`);
    await client.query(`create schema if not exists ${pgSchema}`);
    await client.end();
  } else if (seed) {
    for (const suffix of ['', '-wal', '-shm']) rmSync(sqlitePath + suffix, { force: true });
  }
  const handle = dialect === 'sqlite' ? createDb(sqlitePath) : createDb(pgUrl, { pgSchema, poolSize: 2 });
  const started = performance.now();
  const migrated = await migrateToLatest(handle);
  if (migrated.length > 0 && !seed) {
    console.log(`${dialect}: migrated ${migrated.map((m) => m.migrationName).join(', ')} in ${ms(started)} ms`);
  }
  if (seed) {
    const seeded = await seedWorkspace(deps(handle), DEFAULT_PLAN, () => {});
    console.log(`${dialect}: seeded ${DEFAULT_PLAN.opportunities} deals in ${seeded.seconds.toFixed(0)} s`);
    // rates for the seeded EUR and GBP deals (USD reports), so that sorting by amount converts them
    const at = new Date().toISOString();
    await insertRates(
      handle.db,
      [
        ['EUR', '1.0843'],
        ['GBP', '1.2716'],
      ].map(([currency, rate]) => ({
        orgId: seeded.orgId,
        currency: currency!,
        validFrom: '2020-01-01',
        rate: rate!,
        at,
        by: seeded.admin.id,
      })),
    );
    const kept: Kept = { orgId: seeded.orgId, admin: seeded.admin, manager: seeded.manager, ownerIds: seeded.ownerIds };
    writeFileSync(keptFile, JSON.stringify(kept));
    seed = false;
  }
  return { handle, kept: JSON.parse(readFileSync(keptFile, 'utf8')) as Kept };
}

function deps(handle: DbHandle) {
  return createAppDeps({
    db: handle.db,
    dialect: handle.dialect,
    config: { ...DEFAULT_CONFIG, rateLimitPerMinute: 0, passwordCost: 1024 },
    now: () => new Date(),
  });
}

const ms = (since: number) => (performance.now() - since).toFixed(1);

function percentile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}
const median = (values: number[]) => percentile(values, 0.5);

for (const dialect of databases as Array<'sqlite' | 'postgres'>) {
  const { handle, kept } = await open(dialect);
  const appDeps = deps(handle);
  const seller = kept.manager.teamOwnerIds.find((id) => id !== kept.manager.id)!;
  const callers: Record<string, Actor> = {
    admin: { userId: kept.admin.id, orgId: kept.orgId, role: 'admin', visibleOwnerIds: 'all' },
    manager: {
      userId: kept.manager.id,
      orgId: kept.orgId,
      role: 'manager',
      visibleOwnerIds: kept.manager.teamOwnerIds,
    },
    seller: { userId: seller, orgId: kept.orgId, role: 'seller', visibleOwnerIds: [seller] },
  };
  console.log(`\n${dialect}: ms per page (median of ${repeats}); first page without its count; next = by cursor`);
  console.log(
    'sort'.padEnd(17) + ['admin', 'manager', 'seller'].map((r) => `${r} all|open first/next`.padStart(30)).join(''),
  );
  for (const sort of sorts) {
    const cells: string[] = [];
    const slowest: number[] = [];
    for (const actor of Object.values(callers)) {
      const figures: string[] = [];
      for (const status of [undefined, 'open'] as const) {
        const query = { limit: 50, offset: 0, sort, ...(status ? { status } : {}) };
        const first: number[] = [];
        const next: number[] = [];
        for (let i = 0; i < repeats; i++) {
          appDeps.caches.opportunityCounts.invalidate(kept.orgId);
          // the count is kept per scope and filter: fill it, so that the timing below is the page's
          await listOpportunities(appDeps, actor, query);
          let t = performance.now();
          const page = await listOpportunities(appDeps, actor, query);
          first.push(performance.now() - t);
          t = performance.now();
          await listOpportunities(appDeps, actor, { ...query, cursor: page.nextCursor ?? undefined });
          next.push(performance.now() - t);
        }
        figures.push(`${median(first).toFixed(1)}/${median(next).toFixed(1)}`);
        slowest.push(percentile(first, 0.95), percentile(next, 0.95));
      }
      cells.push(figures.join(' | ').padStart(30));
    }
    console.log(`${sort.padEnd(17)}${cells.join('')}   p95 of all ${Math.max(...slowest).toFixed(1)}`);
  }
  // what moving stages costs once every deal carries its stage's position: the first two swapped, and back
  const admin = callers.admin!;
  const order = (await listStages(appDeps, admin)).map((s) => s.id);
  const swapped = [order[1]!, order[0]!, ...order.slice(2)];
  const moved = await appDeps.db
    .selectFrom('opportunities')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('stage_id', 'in', order.slice(0, 2))
    .executeTakeFirstOrThrow();
  for (const ids of [swapped, order]) {
    const t = performance.now();
    await reorderStages(appDeps, admin, ids);
    console.log(`stage reorder (first two swapped, ${Number(moved.n)} deals in them): ${ms(t)} ms`);
  }
  await handle.close();
}
