import { CompiledQuery, type KyselyPlugin, type QueryId, type RootOperationNode } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpportunitySort } from '../../contract/opportunities.ts';
import type { Actor } from '../../domain/access.ts';
import { createDb, type DbHandle } from '../../db/database.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { OrgCache } from '../cache.ts';
import type { ListCursor } from './list-cursor.ts';
import { listOpportunities, type OpportunityFilter } from './opportunities.repo.ts';

// How SQLite reads one page of the opportunity list, from the list's own SQL: the order must come
// from an index, not from sorting the caller's whole scope (what made a name-sorted page take
// 400 ms at 100,000 deals). Without statistics SQLite plans alike on an empty database and a full
// one, so an empty one shows the plan. About SQLite alone: it runs on its own database in both
// passes of the suite.

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
  handle = createDb(':memory:');
  await migrateToLatest(handle);
});
afterAll(() => handle.close());

const org = 'org-1';
/** USD reporting, EUR at 1.08, GBP in use without a rate */
const AMOUNTS = {
  factors: new Map([
    ['USD', 1],
    ['EUR', 1.08],
  ]),
  currencies: ['EUR', 'GBP', 'USD'],
};
const callers: Record<string, Actor> = {
  admin: { userId: 'u-admin', orgId: org, role: 'admin', visibleOwnerIds: 'all' },
  manager: { userId: 'u-manager', orgId: org, role: 'manager', visibleOwnerIds: ['u-manager', 'u-s1', 'u-s2'] },
  seller: { userId: 'u-s1', orgId: org, role: 'seller', visibleOwnerIds: ['u-s1'] },
};

/** The plans of the statements behind one page: its rows, and (without a cursor) the count. */
async function plansOfPage(
  actor: Actor,
  sort: OpportunitySort,
  options: { cursor?: ListCursor; filter?: OpportunityFilter } = {},
): Promise<{ page: string[]; count: string[] | undefined }> {
  captured.length = 0;
  const totals = new OrgCache<number>(() => new Date(0), 0, 1);
  await listOpportunities(
    handle.db.withPlugin(capture),
    'sqlite',
    actor,
    options.filter ?? {},
    { limit: 50, offset: 0, sort, cursor: options.cursor },
    totals,
    AMOUNTS,
  );
  const planOf = async ({ node, queryId }: { node: RootOperationNode; queryId: QueryId }) => {
    const compiled = handle.db.getExecutor().compileQuery(node, queryId);
    const plan = await handle.db.executeQuery<{ parent: number; detail: string }>(
      CompiledQuery.raw(`explain query plan ${compiled.sql}`, [...compiled.parameters]),
    );
    // steps inside a subquery indented
    return plan.rows.map((r) => (r.parent === 0 ? r.detail : `  ${r.detail}`));
  };
  // subqueries pass the plugin too: the page is the statement that joins the owners, the count the
  // one that counts the capped rows
  const isCount = (c: { node: RootOperationNode }) => JSON.stringify(c.node).includes('"capped"');
  const isPage = (c: { node: RootOperationNode }) => JSON.stringify(c.node).includes('"owners"');
  const count = captured.find(isCount);
  return {
    page: await planOf(captured.find(isPage)!),
    count: count ? await planOf(count) : undefined,
  };
}

const planOfPage = async (actor: Actor, sort: OpportunitySort) => (await plansOfPage(actor, sort)).page;

describe('a page of the opportunity list', () => {
  it.each([
    ['admin', 'name', 'opps_org_name_idx'],
    ['manager', 'name', 'opps_org_name_idx'],
    ['seller', 'name', 'opps_owner_name_idx'],
    ['admin', '-account', 'opps_org_account_idx'],
    ['manager', 'account', 'opps_org_account_idx'],
    ['seller', 'account', 'opps_owner_account_idx'],
  ] as const)('for the %s sorted by %s reads its rows in order from %s', async (who, sort, index) => {
    const plan = await planOfPage(callers[who]!, sort);
    expect(plan.find((step) => /^SEARCH opportunities /.test(step))).toContain(`USING INDEX ${index}`);
    expect(plan.filter((step) => step.includes('TEMP B-TREE'))).toEqual([]);
  });
});

// A page after a cursor starts at the cursor's (key, id) in the same index: a range, not a walk
// past every row before it (what an OFFSET does).
describe('a page after a cursor', () => {
  it.each([
    ['admin', 'name', 'opps_org_name_idx', '(name,id)>(?,?)'],
    ['admin', '-updatedAt', 'opps_org_updated_idx', '(updated_at,id)<(?,?)'],
    ['admin', 'closeDate', 'opps_org_close_idx', '(expected_close_date,id)>(?,?)'],
    ['manager', '-name', 'opps_org_name_idx', '(name,id)<(?,?)'],
    ['manager', '-updatedAt', 'opps_org_updated_idx', '(updated_at,id)<(?,?)'],
    ['seller', '-updatedAt', 'opps_owner_updated_idx', '(updated_at,id)<(?,?)'],
    ['seller', '-closeDate', 'opps_owner_close_idx', '(expected_close_date,id)<(?,?)'],
    ['admin', '-account', 'opps_org_account_idx', '(sort_account_name,id)<(?,?)'],
    ['seller', 'account', 'opps_owner_account_idx', '(sort_account_name,id)>(?,?)'],
  ] as const)('for the %s sorted by %s starts in %s at %s', async (who, sort, index, range) => {
    const key = sort.endsWith('stage') ? 3 : sort.endsWith('winProbability') ? 0.5 : 'x';
    const { page, count } = await plansOfPage(callers[who]!, sort, { cursor: { sort, key, id: 'some-id' } });
    expect(page.find((step) => /^SEARCH opportunities /.test(step))).toContain(`USING INDEX ${index}`);
    expect(page.find((step) => /^SEARCH opportunities /.test(step))).toContain(range);
    expect(page.filter((step) => step.includes('TEMP B-TREE'))).toEqual([]);
    // later pages do not count again
    expect(count).toBeUndefined();
  });
});

// Stage and win probability are keys of other tables: a page reads them in order from those tables'
// indexes (the stages by position, each stage's deals by id; the assessments by probability, and the
// small index of deals without one), at most a page of rows from each, and sorts only those.
describe('a page sorted by stage or win probability', () => {
  it.each([
    [
      'admin',
      'stage',
      undefined,
      ['stages_org_position_idx (org_id=?)', 'opps_org_stage_idx (org_id=? AND stage_id=?)'],
    ],
    [
      'manager',
      '-stage',
      3,
      [
        'stages_org_position_idx (org_id=? AND position=?)',
        'opps_org_stage_idx (org_id=? AND stage_id=? AND id<?)',
        'stages_org_position_idx (org_id=? AND position<?)',
      ],
    ],
    [
      'seller',
      'stage',
      3,
      [
        'opps_owner_stage_idx (owner_id=? AND stage_id=? AND id>?)',
        'stages_org_position_idx (org_id=? AND position>?)',
      ],
    ],
    [
      'admin',
      'winProbability',
      undefined,
      ['unassessed_deals USING PRIMARY KEY (org_id=?)', 'assessments_org_win_idx (org_id=?)'],
    ],
    [
      'manager',
      '-winProbability',
      0.5,
      [
        'assessments_org_win_idx (org_id=? AND (win_probability,opportunity_id)<(?,?))',
        'unassessed_deals USING PRIMARY KEY (org_id=?)',
      ],
    ],
    [
      'seller',
      'winProbability',
      -1,
      ['unassessed_deals USING PRIMARY KEY (org_id=? AND opportunity_id>?)', 'assessments_owner_win_idx (owner_id=?)'],
    ],
    ['seller', '-winProbability', -1, ['unassessed_deals USING PRIMARY KEY (org_id=? AND opportunity_id<?)']],
  ] as const)('for the %s sorted by %s (cursor at %s) reads in order from %j', async (who, sort, key, indexes) => {
    const cursor = key === undefined ? undefined : { sort, key, id: 'some-id' };
    const { page } = await plansOfPage(callers[who]!, sort, cursor ? { cursor } : {});
    for (const index of indexes)
      expect(page.some((step) => /^\s+SEARCH /.test(step) && step.includes(index))).toBe(true);
    // the outer rows come from the page (joined by id), never from a walk of the scope
    expect(page.filter((step) => /^(SCAN|SEARCH) /.test(step))[0]).toBe('SCAN page');
    // the only sort is the page's own, of at most a page from each part
    expect(page.filter((step) => /^\s+.*TEMP B-TREE/.test(step))).toEqual([]);
    expect(page.filter((step) => /^SCAN (opportunities|assessments|stages)\b/.test(step))).toEqual([]);
  });
});

// Search from 3 characters on reads the trigram indexes (MATCH on the FTS5 tables) for the page
// and the count; the page keeps its order from the sort's index.
// The amount in the reporting currency is each currency's amount times its rate today: no index
// holds that order, but within a currency it is the amount's. A page reads each currency in use in
// amount order from the (scope, currency, amount, id) index (migration 0019), at most a page of
// each, from the cursor's place in each (the amount that converts to the cursor's key), and sorts
// only those: never the scope.
describe('a page sorted by amount in the reporting currency', () => {
  it.each([
    ['admin', '-amount', undefined, ['opps_org_currency_amount_idx (org_id=? AND currency=?)']],
    ['manager', 'amount', undefined, ['opps_org_currency_amount_idx (org_id=? AND currency=?)']],
    ['seller', '-amount', undefined, ['opps_owner_currency_amount_idx (owner_id=? AND currency=?)']],
    [
      'admin',
      'amount',
      1081,
      [
        // 1,081 USD cents are the key itself: past (1081, id); in EUR from 1,001 (1,000 give 1,080)
        'opps_org_currency_amount_idx (org_id=? AND currency=? AND (amount_minor,id)>(?,?))',
        'opps_org_currency_amount_idx (org_id=? AND currency=? AND amount_minor>?)',
      ],
    ],
    [
      'seller',
      '-amount',
      1081,
      [
        'opps_owner_currency_amount_idx (owner_id=? AND currency=? AND (amount_minor,id)<(?,?))',
        'opps_owner_currency_amount_idx (owner_id=? AND currency=? AND amount_minor<?)',
      ],
    ],
    [
      'manager',
      'amount',
      ['GBP', 500],
      ['opps_org_currency_amount_idx (org_id=? AND currency=? AND (amount_minor,id)>(?,?))'],
    ],
  ] as const)('for the %s sorted by %s (cursor at %j) reads in order from %j', async (who, sort, key, indexes) => {
    const cursor = key === undefined ? undefined : { sort, key, id: 'some-id' };
    const { page } = await plansOfPage(callers[who]!, sort, cursor ? { cursor } : {});
    for (const index of indexes)
      expect(page.some((step) => /^\s+SEARCH /.test(step) && step.includes(index))).toBe(true);
    // the outer rows come from the merged branches (one of them alone after an unconverted cursor)
    expect(page.filter((step) => /^(SCAN|SEARCH) /.test(step))[0]).toMatch(/^SCAN (page|b0)$/);
    expect(page.filter((step) => /^\s+.*TEMP B-TREE/.test(step))).toEqual([]);
    expect(page.filter((step) => /^\s*SCAN opportunities\b/.test(step))).toEqual([]);
  });
});

describe('a search', () => {
  it.each(['admin', 'manager', 'seller'] as const)('for the %s looks names up in the trigram indexes', async (who) => {
    const { page, count } = await plansOfPage(callers[who]!, '-updatedAt', { filter: { q: 'acme' } });
    for (const plan of [page, count!].map((steps) => steps.map((step) => step.trim()))) {
      expect(plan).toContain('SCAN opportunity_name_search VIRTUAL TABLE INDEX 0:M1');
      expect(plan).toContain('SCAN account_name_search VIRTUAL TABLE INDEX 0:M1');
      expect(plan.filter((step) => /^SCAN (opportunities|accounts)\b/.test(step))).toEqual([]);
    }
    expect(page.filter((step) => step.includes('TEMP B-TREE'))).toEqual([]);
  });
});
