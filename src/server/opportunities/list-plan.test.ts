import { CompiledQuery, type KyselyPlugin, type QueryId, type RootOperationNode } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpportunitySort } from '../../contract/opportunities.ts';
import type { Actor } from '../../domain/access.ts';
import { createDb, type DbHandle } from '../../db/database.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { OrgCache } from '../cache.ts';
import { listOpportunities } from './opportunities.repo.ts';

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

async function planOfPage(actor: Actor, sort: OpportunitySort): Promise<string[]> {
  captured.length = 0;
  const totals = new OrgCache<number>(() => new Date(0), 0, 1);
  await listOpportunities(handle.db.withPlugin(capture), 'sqlite', actor, {}, { limit: 50, offset: 0, sort }, totals);
  const page = captured.find((c) => c.node.kind === 'SelectQueryNode' && JSON.stringify(c.node).includes('"limit"'))!;
  const compiled = handle.db.getExecutor().compileQuery(page.node, page.queryId);
  const plan = await handle.db.executeQuery<{ detail: string }>(
    CompiledQuery.raw(`explain query plan ${compiled.sql}`, [...compiled.parameters]),
  );
  return plan.rows.map((r) => r.detail);
}

describe('a page of the opportunity list', () => {
  it.each([
    ['admin', 'name', 'opps_org_name_idx'],
    ['admin', '-amount', 'opps_org_amount_idx'],
    ['manager', 'name', 'opps_org_name_idx'],
    ['manager', '-amount', 'opps_org_amount_idx'],
    ['seller', 'name', 'opps_owner_name_idx'],
    ['seller', '-amount', 'opps_owner_amount_idx'],
  ] as const)('for the %s sorted by %s reads its rows in order from %s', async (who, sort, index) => {
    const plan = await planOfPage(callers[who]!, sort);
    expect(plan.find((step) => /^SEARCH opportunities /.test(step))).toContain(`USING INDEX ${index}`);
    expect(plan.filter((step) => step.includes('TEMP B-TREE'))).toEqual([]);
  });
});
