import { CompiledQuery, sql, type KyselyPlugin, type QueryId, type RootOperationNode } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpportunitySort } from '../../contract/opportunities.ts';
import type { Actor } from '../../domain/access.ts';
import type { DbHandle } from '../../db/database.ts';
import { createTestDb } from '../../testing/test-db.ts';
import { OrgCache } from '../cache.ts';
import type { ListCursor } from './list-cursor.ts';
import { listOpportunities, type OpportunityFilter } from './opportunities.repo.ts';

// How PostgreSQL reads the opportunity list: a search from the pg_trgm indexes (migration 0009), a
// page after a cursor from a range of the sort's index. The tables hold 20,000 deals on 1,000
// accounts with statistics, and sequential scans are switched off inside each EXPLAIN's
// transaction: the question is whether the indexes can answer, as they do at 100,000 deals.

let handle: DbHandle;
const captured: Array<{ node: RootOperationNode; queryId: QueryId }> = [];
const capture: KyselyPlugin = {
  transformQuery: (args) => {
    captured.push(args);
    return args.node;
  },
  transformResult: async ({ result }) => result,
};

beforeAll(async () => {
  handle = await createTestDb();
  await handle.db.transaction().execute(async (tx) => {
    // rows without their organization, people or stages (only names and keys matter here); with
    // triggers off too, so the copied sort keys (migration 0011) are written as the triggers would
    await sql`set local session_replication_role = replica`.execute(tx);
    await sql`insert into accounts (id, org_id, owner_id, name, relationship, created_by, updated_by, created_at, updated_at, version)
      select 'a' || i, 'org-1', 'u-s' || (i % 10), 'Account ' || md5(i::text), 'new', 'u', 'u', 'now', 'now', 1
      from generate_series(1, 1000) as i`.execute(tx);
    await sql`insert into opportunities (id, org_id, account_id, owner_id, name, amount_minor, currency, expected_close_date,
        stage_id, status, forecast_category, deal_type, created_by, updated_by, created_at, updated_at, version,
        sort_stage_position, sort_account_name, sort_win_probability)
      select 'o' || i, 'org-1', 'a' || (i % 1000 + 1), 'u-s' || (i % 10), 'Deal ' || md5(i::text), i, 'EUR', '2027-01-01',
        's', 'open', 'pipeline', 'new_logo', 'u', 'u', 'now', 'now', 1,
        i % 7, 'Account ' || md5((i % 1000 + 1)::text), (i % 97) / 100.0
      from generate_series(1, 20000) as i`.execute(tx);
  });
  // as after a bulk load once autovacuum has passed: statistics, and the GIN indexes' pending lists merged
  await sql`vacuum analyze accounts, opportunities`.execute(handle.db);
});
afterAll(() => handle.close());

const admin: Actor = { userId: 'u-admin', orgId: 'org-1', role: 'admin', visibleOwnerIds: 'all' };
const seller: Actor = { userId: 'u-s1', orgId: 'org-1', role: 'seller', visibleOwnerIds: ['u-s1'] };

/** EXPLAIN of the page's statements (rows, and the count without a cursor), seq scans off. */
async function plansOf(
  actor: Actor,
  sort: OpportunitySort,
  options: { cursor?: ListCursor; filter?: OpportunityFilter },
): Promise<{ page: string; count: string | undefined }> {
  captured.length = 0;
  await listOpportunities(
    handle.db.withPlugin(capture),
    'postgres',
    actor,
    options.filter ?? {},
    { limit: 50, offset: 0, sort, cursor: options.cursor },
    new OrgCache<number>(() => new Date(0), 0, 1),
  );
  const isCount = (c: { node: RootOperationNode }) => JSON.stringify(c.node).includes('"capped"');
  const explain = (c: { node: RootOperationNode; queryId: QueryId }) =>
    handle.db.transaction().execute(async (tx) => {
      await sql`set local enable_seqscan = off`.execute(tx);
      const compiled = tx.getExecutor().compileQuery(c.node, c.queryId);
      const plan = await tx.executeQuery<{ 'QUERY PLAN': string }>(
        CompiledQuery.raw(`explain ${compiled.sql}`, [...compiled.parameters]),
      );
      return plan.rows.map((r) => r['QUERY PLAN']).join('\n');
    });
  const count = captured.find(isCount);
  return {
    page: await explain(captured.find((c) => !isCount(c))!),
    count: count ? await explain(count) : undefined,
  };
}

describe('on PostgreSQL', () => {
  it.each([admin, seller])("a search reads the names' trigram indexes ($role)", async (actor) => {
    const { count } = await plansOf(actor, '-updatedAt', { filter: { q: 'xyz' } });
    expect(count).toMatch(/Bitmap Index Scan on opps_name_trgm_idx/);
    expect(count).toMatch(/Bitmap Index Scan on accounts_name_trgm_idx/);
    expect(count).not.toMatch(/Seq Scan/);
  });

  it.each([
    [admin, 'name', 'opps_org_name_idx', /Index Cond: .*ROW\(name, id\) > ROW\(/],
    [admin, '-updatedAt', 'opps_org_updated_idx', /Index Cond: .*ROW\(updated_at, id\) < ROW\(/],
    [seller, '-amount', 'opps_owner_amount_idx', /Index Cond: .*ROW\(amount_minor, id\) < ROW\(/],
    [admin, 'stage', 'opps_org_stage_idx', /Index Cond: .*ROW\(sort_stage_position, id\) > ROW\(/],
    [admin, '-account', 'opps_org_account_idx', /Index Cond: .*ROW\(sort_account_name, id\) < ROW\(/],
    [admin, '-winProbability', 'opps_org_win_idx', /Index Cond: .*ROW\(sort_win_probability, id\) < ROW\(/],
    [seller, 'account', 'opps_owner_account_idx', /Index Cond: .*ROW\(sort_account_name, id\) > ROW\(/],
  ] as const)('a page after a cursor ($role, %s) starts in %s', async (actor, sort, index, range) => {
    const key = sort.endsWith('amount')
      ? 1000
      : sort.endsWith('stage')
        ? 3
        : sort.endsWith('winProbability')
          ? 0.5
          : 'x';
    const { page, count } = await plansOf(actor, sort, { cursor: { sort, key, id: 'some-id' } });
    expect(page).toMatch(new RegExp(`Index Scan( Backward)? using ${index} on opportunities`));
    expect(page).toMatch(range);
    expect(page).not.toMatch(/Sort Key/);
    expect(count).toBeUndefined();
  });
});
