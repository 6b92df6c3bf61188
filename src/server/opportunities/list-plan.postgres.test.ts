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
    // rows without their organization or people (only names and keys matter here); with triggers
    // off too, so the account name copies and assessed marks (migrations 0012 and 0038) are written as theirs would
    await sql`set local session_replication_role = replica`.execute(tx);
    await sql`insert into stages (id, org_id, name, position, probability, created_at, updated_at)
      select 's' || i, 'org-1', 'Stage ' || i, i, i * 10, 'now', 'now' from generate_series(1, 7) as i`.execute(tx);
    await sql`insert into accounts (id, org_id, owner_id, name, relationship, created_by, updated_by, created_at, updated_at, version)
      select 'a' || i, 'org-1', 'u-s' || (i % 10), 'Account ' || md5(i::text), 'new', 'u', 'u', 'now', 'now', 1
      from generate_series(1, 1000) as i`.execute(tx);
    await sql`insert into opportunities (id, org_id, account_id, owner_id, name, amount_minor, currency, expected_close_date,
        stage_id, status, forecast_category, deal_type, created_by, updated_by, created_at, updated_at, version,
        sort_account_name)
      select 'o' || i, 'org-1', 'a' || (i % 1000 + 1), 'u-s' || (i % 10), 'Deal ' || md5(i::text), i,
        case (i / 7) % 10 when 0 then 'GBP' when 1 then 'USD' when 2 then 'USD' else 'EUR' end, '2027-01-01',
        's' || (i % 7 + 1), 'open', 'pipeline', 'new_logo', 'u', 'u', 'now', 'now', 1,
        'Account ' || md5((i % 1000 + 1)::text)
      from generate_series(1, 20000) as i`.execute(tx);
    await sql`insert into unassessed_deals (opportunity_id, org_id)
      select 'o' || i, 'org-1' from generate_series(1, 20000) as i where i % 100 = 0`.execute(tx);
    // 99 % assessed, as the bench's deals
    await sql`insert into assessments (opportunity_id, org_id, owner_id, model_version, win_probability, band_low,
        band_high, coverage_index, zone_ids, computed_at)
      select 'o' || i, 'org-1', 'u-s' || (i % 10), 'm', (i % 97) / 100.0, 0, 1, 0.5, '[]', 'now'
      from generate_series(1, 20000) as i where i % 100 <> 0`.execute(tx);
  });
  // as after a bulk load once autovacuum has passed: statistics, and the GIN indexes' pending lists merged
  await sql`vacuum analyze stages, accounts, opportunities, assessments, unassessed_deals`.execute(handle.db);
});
afterAll(() => handle.close());

/** USD reporting, EUR at 1.08, GBP in use without a rate */
const AMOUNTS = {
  factors: new Map([
    ['USD', 1],
    ['EUR', 1.08],
  ]),
  currencies: ['EUR', 'GBP', 'USD'],
};

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
    AMOUNTS,
  );
  // subqueries pass the plugin too: the page is the statement that joins the owners
  const isCount = (c: { node: RootOperationNode }) => JSON.stringify(c.node).includes('"capped"');
  const isPage = (c: { node: RootOperationNode }) => JSON.stringify(c.node).includes('"owners"');
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
    page: await explain(captured.find(isPage)!),
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
    [admin, '-account', 'opps_org_account_idx', /Index Cond: .*ROW\(sort_account_name, id\) < ROW\(/],
    [seller, 'account', 'opps_owner_account_idx', /Index Cond: .*ROW\(sort_account_name, id\) > ROW\(/],
  ] as const)('a page after a cursor ($role, %s) starts in %s', async (actor, sort, index, range) => {
    const key = sort.endsWith('stage') ? 3 : sort.endsWith('winProbability') ? 0.5 : 'x';
    const { page, count } = await plansOf(actor, sort, { cursor: { sort, key, id: 'some-id' } });
    expect(page).toMatch(new RegExp(`Index Scan( Backward)? using ${index} on opportunities`));
    expect(page).toMatch(range);
    expect(page).not.toMatch(/Sort Key/);
    expect(count).toBeUndefined();
  });

  // stage: each stage's deals from the (scope, stage_id, id) index, at most a page of each (LATERAL);
  // win probability: the assessments' index in order, and the small index of deals without one
  it.each([
    [admin, 'stage', 3, [/Index Scan using opps_org_stage_idx on opportunities/, /stage_id = \$\d+\) AND \(id > /]],
    [seller, '-stage', 3, [/Index Scan Backward using opps_owner_stage_idx on opportunities/]],
    [admin, '-winProbability', 0.5, [/Index (Only )?Scan Backward using assessments_org_win_idx on assessments/]],
    [seller, 'winProbability', -1, [/unassessed_deals_pkey/, /Index (Only )?Scan using assessments_owner_win_idx/]],
  ] as const)('a page after a cursor ($role, %s at %s) reads in order', async (actor, sort, key, steps) => {
    const { page } = await plansOf(actor, sort, { cursor: { sort, key, id: 'some-id' } });
    for (const step of steps) expect(page).toMatch(step);
    // no sort of a stage's deals (by id alone), nor of the scope by probability: the sorts left merge
    // at most a page from each part
    expect(page).not.toMatch(/Sort Key: opportunities(_\d+)?\.id( DESC)?$/m);
    expect(page).not.toMatch(/Sort Key: .*coalesce/);
  });

  // amount in the reporting currency: each currency's deals in amount order from the (scope,
  // currency, amount, id) index, from the cursor's place in each, at most a page of each, merged
  it.each([
    [admin, 'amount', undefined, 'opps_org_currency_amount_idx'],
    [admin, '-amount', 1081, 'opps_org_currency_amount_idx'],
    [seller, 'amount', 1081, 'opps_owner_currency_amount_idx'],
    [seller, '-amount', ['GBP', 500], 'opps_owner_currency_amount_idx'],
  ] as const)(
    'a page sorted by amount ($role, %s at %j) merges the currencies in order',
    async (actor, sort, key, index) => {
      const cursor = key === undefined ? undefined : { sort, key, id: 'some-id' };
      const { page } = await plansOf(actor, sort, cursor ? { cursor } : {});
      // one range of a currency index per currency (the planner may read a seller's rarer currency
      // in the organization's, filtered by owner, or a handful of rows by bitmap and sort those):
      // after a GBP cursor only GBP is left, EUR and USD having rates and coming before
      const scans = page.match(
        /(Index Scan( Backward)? using|Bitmap Index Scan on) opps_(org|owner)_currency_amount_idx/g,
      );
      expect(scans?.length).toBe(Array.isArray(key) ? 1 : 3);
      expect(page).toContain(index);
      if (typeof key === 'number') {
        expect(page).toMatch(/ROW\(amount_minor, id\) [<>] ROW\(/);
        expect(page).toMatch(/amount_minor [<>]= /);
      }
      // never the scope read and sorted
      expect(page).not.toMatch(/Seq Scan/);
    },
  );
});
