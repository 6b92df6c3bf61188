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
  );
  const planOf = async ({ node, queryId }: { node: RootOperationNode; queryId: QueryId }) => {
    const compiled = handle.db.getExecutor().compileQuery(node, queryId);
    const plan = await handle.db.executeQuery<{ detail: string }>(
      CompiledQuery.raw(`explain query plan ${compiled.sql}`, [...compiled.parameters]),
    );
    return plan.rows.map((r) => r.detail);
  };
  const isCount = (c: { node: RootOperationNode }) => JSON.stringify(c.node).includes('"capped"');
  const count = captured.find(isCount);
  return {
    page: await planOf(captured.find((c) => c.node.kind === 'SelectQueryNode' && !isCount(c))!),
    count: count ? await planOf(count) : undefined,
  };
}

const planOfPage = async (actor: Actor, sort: OpportunitySort) => (await plansOfPage(actor, sort)).page;

describe('a page of the opportunity list', () => {
  it.each([
    ['admin', 'name', 'opps_org_name_idx'],
    ['admin', '-amount', 'opps_org_amount_idx'],
    ['manager', 'name', 'opps_org_name_idx'],
    ['manager', '-amount', 'opps_org_amount_idx'],
    ['seller', 'name', 'opps_owner_name_idx'],
    ['seller', '-amount', 'opps_owner_amount_idx'],
    ['admin', 'stage', 'opps_org_stage_idx'],
    ['admin', '-account', 'opps_org_account_idx'],
    ['admin', '-winProbability', 'opps_org_win_idx'],
    ['manager', '-stage', 'opps_org_stage_idx'],
    ['manager', 'account', 'opps_org_account_idx'],
    ['manager', 'winProbability', 'opps_org_win_idx'],
    ['seller', 'stage', 'opps_owner_stage_idx'],
    ['seller', 'account', 'opps_owner_account_idx'],
    ['seller', '-winProbability', 'opps_owner_win_idx'],
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
    ['admin', '-amount', 'opps_org_amount_idx', '(amount_minor,id)<(?,?)'],
    ['admin', '-updatedAt', 'opps_org_updated_idx', '(updated_at,id)<(?,?)'],
    ['admin', 'closeDate', 'opps_org_close_idx', '(expected_close_date,id)>(?,?)'],
    ['manager', '-name', 'opps_org_name_idx', '(name,id)<(?,?)'],
    ['manager', '-updatedAt', 'opps_org_updated_idx', '(updated_at,id)<(?,?)'],
    ['seller', 'amount', 'opps_owner_amount_idx', '(amount_minor,id)>(?,?)'],
    ['seller', '-updatedAt', 'opps_owner_updated_idx', '(updated_at,id)<(?,?)'],
    ['seller', '-closeDate', 'opps_owner_close_idx', '(expected_close_date,id)<(?,?)'],
    ['admin', 'stage', 'opps_org_stage_idx', '(sort_stage_position,id)>(?,?)'],
    ['admin', '-account', 'opps_org_account_idx', '(sort_account_name,id)<(?,?)'],
    ['admin', '-winProbability', 'opps_org_win_idx', '(sort_win_probability,id)<(?,?)'],
    ['manager', '-stage', 'opps_org_stage_idx', '(sort_stage_position,id)<(?,?)'],
    ['manager', 'winProbability', 'opps_org_win_idx', '(sort_win_probability,id)>(?,?)'],
    ['seller', '-stage', 'opps_owner_stage_idx', '(sort_stage_position,id)<(?,?)'],
    ['seller', 'account', 'opps_owner_account_idx', '(sort_account_name,id)>(?,?)'],
    ['seller', 'winProbability', 'opps_owner_win_idx', '(sort_win_probability,id)>(?,?)'],
  ] as const)('for the %s sorted by %s starts in %s at %s', async (who, sort, index, range) => {
    const key = sort.endsWith('amount')
      ? 1000
      : sort.endsWith('stage')
        ? 3
        : sort.endsWith('winProbability')
          ? 0.5
          : 'x';
    const { page, count } = await plansOfPage(callers[who]!, sort, { cursor: { sort, key, id: 'some-id' } });
    expect(page.find((step) => /^SEARCH opportunities /.test(step))).toContain(`USING INDEX ${index}`);
    expect(page.find((step) => /^SEARCH opportunities /.test(step))).toContain(range);
    expect(page.filter((step) => step.includes('TEMP B-TREE'))).toEqual([]);
    // later pages do not count again
    expect(count).toBeUndefined();
  });
});

// Search from 3 characters on reads the trigram indexes (MATCH on the FTS5 tables) for the page
// and the count; the page keeps its order from the sort's index.
describe('a search', () => {
  it.each(['admin', 'manager', 'seller'] as const)('for the %s looks names up in the trigram indexes', async (who) => {
    const { page, count } = await plansOfPage(callers[who]!, '-updatedAt', { filter: { q: 'acme' } });
    for (const plan of [page, count!]) {
      expect(plan).toContain('SCAN opportunity_name_search VIRTUAL TABLE INDEX 0:M1');
      expect(plan).toContain('SCAN account_name_search VIRTUAL TABLE INDEX 0:M1');
      expect(plan.filter((step) => /^SCAN (opportunities|accounts)\b/.test(step))).toEqual([]);
    }
    expect(page.filter((step) => step.includes('TEMP B-TREE'))).toEqual([]);
  });
});
