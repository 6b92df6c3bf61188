import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '../../contract/accounts.ts';
import {
  OPPORTUNITY_SORTS,
  type Opportunity,
  type OpportunityList,
  type OpportunityListItem,
  type OpportunitySort,
} from '../../contract/opportunities.ts';
import type { Stage } from '../../contract/stages.ts';
import { listStages } from '../../testing/stages.ts';
import { createTestApp, type Caller, type TestContext } from '../../testing/test-app.ts';
import { buildWorkspace, type Workspace } from '../../testing/workspace.ts';

// Every sort, in both directions, walked by cursor a few rows at a time, for a seller, a manager and
// an administrator, with and without filters, gives what one plain sort of everything the caller
// sees gives: by the sort's key, ties by id. Stage, account and win probability page from other
// tables' order or from copies the database keeps (migration 0012): a stage reorder, an account
// renamed, a deal moved, an assessment stored or removed, each between two pages, must not break a
// walk, and the pages after the change follow the new order.

let ctx: TestContext;
let ws: Workspace;
let stages: Stage[];

type Role = 'admin' | 'manager' | 'seller';
const callerOf = (role: Role): Caller =>
  ({ admin: ws.acme.admin, manager: ws.acme.managerA, seller: ws.acme.sellerA1 })[role].as;
/** who each role sees: the manager's team, the seller's own */
const ownersOf = (role: Role): Set<string> | 'all' =>
  role === 'admin'
    ? 'all'
    : role === 'manager'
      ? new Set([ws.acme.managerA.user.id, ws.acme.sellerA1.user.id, ws.acme.sellerA2.user.id])
      : new Set([ws.acme.sellerA1.user.id]);

beforeAll(async () => {
  ctx = await createTestApp();
  ws = await buildWorkspace(ctx);
  stages = await listStages(ws.acme.admin.as);
  const owners = [ws.acme.sellerA1, ws.acme.sellerA2, ws.acme.sellerB1, ws.acme.managerA];
  // two accounts share a name (ties across accounts), each owner has two
  const accountNames = [
    ['Aspen', 'Cedar'],
    ['Aspen', 'Birch'],
    ['Birch', 'Cedar'],
    ['Cedar', 'Aspen'],
  ];
  const accounts: Account[][] = [];
  for (const [i, owner] of owners.entries()) {
    accounts.push([]);
    for (const name of accountNames[i]!) {
      const response = await owner.as.post('/api/accounts', { name, relationship: 'new' });
      if (response.statusCode !== 201) throw new Error(response.body);
      accounts[i]!.push(response.json<Account>());
    }
  }
  for (let i = 0; i < 32; i++) {
    const o = i % 4;
    if (i % 8 === 0) ctx.clock.advance(60_000);
    const response = await owners[o]!.as.post('/api/opportunities', {
      name: ['Renewal', 'Expansion', 'Pilot'][i % 3],
      accountId: accounts[o]![Math.floor(i / 4) % 2]!.id,
      amountMinor: [1_000, 2_000][i % 2],
      currency: 'EUR',
      expectedCloseDate: ['2027-01-31', '2027-02-28'][Math.floor(i / 3) % 2],
      stageId: stages[i % 3]!.id,
    });
    if (response.statusCode !== 201) throw new Error(response.body);
    const deal = response.json<Opportunity>();
    if (i % 5 === 0) {
      const closed = await owners[o]!.as.patch(`/api/opportunities/${deal.id}`, {
        status: i % 10 === 0 ? 'won' : 'lost',
        version: deal.version,
      });
      if (closed.statusCode !== 200) throw new Error(closed.body);
    }
  }
  // ties of probability, and deals not assessed yet (-1: below every figure)
  const ids = (await everything()).map((o) => o.id).sort();
  await ctx.handle.db
    .updateTable('assessments')
    .set({ win_probability: 0.42 })
    .where(
      'opportunity_id',
      'in',
      ids.filter((_, i) => i % 3 === 0),
    )
    .execute();
  await ctx.handle.db
    .deleteFrom('assessments')
    .where(
      'opportunity_id',
      'in',
      ids.filter((_, i) => i % 4 === 1),
    )
    .execute();
});
afterAll(() => ctx.close());

async function page(caller: Caller, query: string): Promise<OpportunityList> {
  const response = await caller.get(`/api/opportunities?${query}`);
  if (response.statusCode !== 200) throw new Error(`${query}: ${response.statusCode} ${response.body}`);
  return response.json<OpportunityList>();
}

/** Every deal of the organization, from the administrator's list. */
async function everything(): Promise<OpportunityListItem[]> {
  return (await page(ws.acme.admin.as, 'sort=name&limit=200')).items;
}

async function walk(
  caller: Caller,
  query: string,
  limit: number,
  between?: (pageNumber: number) => Promise<void>,
): Promise<OpportunityListItem[][]> {
  const pages = [await page(caller, `${query}&limit=${limit}`)];
  for (let cursor = pages[0]!.nextCursor; cursor !== null; cursor = pages.at(-1)!.nextCursor) {
    await between?.(pages.length);
    pages.push(await page(caller, `${query}&limit=${limit}&cursor=${encodeURIComponent(cursor)}`));
    if (pages.length > 100) throw new Error('the cursor walk does not end');
  }
  return pages.map((p) => p.items);
}

const KEYS = {
  name: (o) => o.name,
  // in the reporting currency (USD, as the workspace's deals); the EUR deals, without a rate, by their own
  amount: (o) => o.value?.amountMinor ?? o.amountMinor,
  closeDate: (o) => o.expectedCloseDate,
  updatedAt: (o) => o.updatedAt,
  stage: (o) => o.stagePosition,
  account: (o) => o.accountName,
  winProbability: (o) => o.winProbability ?? -1,
} satisfies Record<string, (o: OpportunityListItem) => string | number>;

/** The list's order done plainly: by the key, then by id, reversed as a whole for a descending sort. */
function plainSort(items: OpportunityListItem[], sort: OpportunitySort): OpportunityListItem[] {
  const descending = sort.startsWith('-');
  const name = sort.replace(/^-/, '') as keyof typeof KEYS;
  const key = KEYS[name] as (o: OpportunityListItem) => string | number;
  const compare = (a: OpportunityListItem, b: OpportunityListItem) => {
    const [ka, kb] = [key(a), key(b)];
    if (ka !== kb) return ka < kb ? -1 : 1;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  };
  // by amount, the deals whose currency has no rate come after the others either way
  const unconverted = (o: OpportunityListItem) => (name === 'amount' && o.value === null ? 1 : 0);
  return [...items].sort((a, b) => unconverted(a) - unconverted(b) || (descending ? -compare(a, b) : compare(a, b)));
}

type Filter = { query: string; keeps(o: Opportunity): boolean };
const FILTERS: Filter[] = [
  { query: '', keeps: () => true },
  { query: 'status=open', keeps: (o) => o.status === 'open' },
  { query: 'status=won', keeps: (o) => o.status === 'won' },
  // the deal's name or its account's, ignoring case
  { query: 'q=ASP', keeps: (o) => /asp/i.test(o.name) || /asp/i.test(o.accountName) },
  { query: 'q=renewal', keeps: (o) => /renewal/i.test(o.name) || /renewal/i.test(o.accountName) },
];

async function expected(role: Role, filter: Filter, sort: OpportunitySort): Promise<string[]> {
  const owners = ownersOf(role);
  const seen = (await everything()).filter((o) => (owners === 'all' || owners.has(o.ownerId)) && filter.keeps(o));
  return plainSort(seen, sort).map((o) => o.id);
}

const ids = (items: Opportunity[]) => items.map((o) => o.id);
const ROLES: Role[] = ['admin', 'manager', 'seller'];

describe('paging by cursor, against a plain sort', () => {
  it.each(OPPORTUNITY_SORTS)('sorted by %s, for every role and filter', async (sort) => {
    for (const role of ROLES) {
      for (const filter of FILTERS) {
        const want = await expected(role, filter, sort);
        const pages = await walk(callerOf(role), `sort=${sort}&${filter.query}`, 3);
        expect(ids(pages.flat()), `${role} ${filter.query}`).toEqual(want);
      }
    }
  });

  it.each(['stage', '-stage', 'account', '-account', 'winProbability', '-winProbability'] as const)(
    'sorted by %s, applies an offset after the cursor',
    async (sort) => {
      for (const role of ROLES) {
        const want = await expected(role, FILTERS[0]!, sort);
        const first = await page(callerOf(role), `sort=${sort}&limit=3`);
        const skipped = await page(callerOf(role), `sort=${sort}&limit=3&offset=2&cursor=${first.nextCursor}`);
        expect(ids(skipped.items), role).toEqual(want.slice(5, 8));
      }
    },
  );

  it('meets ties on every joined key, unassessed deals, and closed ones', async () => {
    const all = await everything();
    const tied = (key: (o: Opportunity) => unknown) => all.length - new Set(all.map(key)).size;
    expect(tied((o) => o.accountName)).toBeGreaterThan(10);
    expect(tied((o) => o.stagePosition)).toBeGreaterThan(10);
    expect(all.filter((o) => o.winProbability === 0.42).length).toBeGreaterThan(3);
    expect(all.filter((o) => o.winProbability === null).length).toBeGreaterThan(3);
    expect(new Set(all.filter((o) => o.accountName === 'Aspen').map((o) => o.accountId)).size).toBe(3);
    expect(all.some((o) => o.status !== 'open')).toBe(true);
  });
});

/** Each opportunity whose account name copy, assessment mark or assessment's owner differs from its source. */
async function copiesAstray(): Promise<unknown[]> {
  const { rows } = await sql<Record<string, unknown>>`
    select o.id, o.sort_account_name, a.name, u.opportunity_id as unassessed, w.opportunity_id, o.owner_id,
      w.owner_id as assessed_for
    from opportunities o
      join accounts a on a.id = o.account_id
      left join assessments w on w.opportunity_id = o.id
      left join unassessed_deals u on u.opportunity_id = o.id
    where o.sort_account_name <> a.name
      or (u.opportunity_id is null) = (w.opportunity_id is null)
      or w.owner_id <> o.owner_id`.execute(ctx.handle.db);
  return rows;
}

describe('a change between two pages', () => {
  it('a stage reorder: the walk goes on in the new order, and a new walk is the plain sort', async () => {
    const before = stages.map((s) => s.id);
    let reordered = false;
    const pages = await walk(callerOf('admin'), 'sort=stage', 4, async (n) => {
      if (n !== 2) return;
      const response = await ws.acme.admin.as.put('/api/stages/order', { ids: [...before].reverse() });
      expect(response.statusCode).toBe(200);
      reordered = true;
    });
    expect(reordered).toBe(true);
    // every page after the reorder is in the new order
    for (const items of pages.slice(2)) expect(ids(items)).toEqual(ids(plainSort(items, 'stage')));
    expect(await copiesAstray()).toEqual([]);
    for (const sort of ['stage', '-stage'] as const) {
      expect(ids((await walk(callerOf('manager'), `sort=${sort}`, 3)).flat())).toEqual(
        await expected('manager', FILTERS[0]!, sort),
      );
    }
    await ws.acme.admin.as.put('/api/stages/order', { ids: before });
    expect(await copiesAstray()).toEqual([]);
  });

  it('an account renamed: its deals move with it', async () => {
    const aspen = (await everything()).find(
      (o) => o.accountName === 'Aspen' && o.ownerId === ws.acme.sellerA1.user.id,
    )!;
    const account = (await ws.acme.sellerA1.as.get(`/api/accounts/${aspen.accountId}`)).json<Account>();
    await walk(callerOf('seller'), 'sort=-account', 2, async (n) => {
      if (n !== 1) return;
      const renamed = await ws.acme.sellerA1.as.patch(`/api/accounts/${account.id}`, {
        name: 'Zelkova',
        version: account.version,
      });
      expect(renamed.statusCode).toBe(200);
    });
    expect(await copiesAstray()).toEqual([]);
    const first = (await page(callerOf('seller'), 'sort=-account&limit=50')).items;
    expect(first[0]!.accountName).toBe('Zelkova');
    expect(ids(first)).toEqual(await expected('seller', FILTERS[0]!, '-account'));
  });

  it('an assessment stored, changed or removed: the deal moves in the probability order', async () => {
    const [a, b] = (await everything()).filter((o) => o.status === 'open' && o.winProbability !== null);
    await walk(callerOf('admin'), 'sort=-winProbability', 3, async (n) => {
      if (n === 1) await ctx.handle.db.deleteFrom('assessments').where('opportunity_id', '=', a!.id).execute();
      if (n === 2)
        await ctx.handle.db
          .updateTable('assessments')
          .set({ win_probability: 0.99 })
          .where('opportunity_id', '=', b!.id)
          .execute();
    });
    expect(await copiesAstray()).toEqual([]);
    const walked = (await walk(callerOf('admin'), 'sort=-winProbability', 3)).flat();
    expect(walked[0]!.id).toBe(b!.id);
    expect(walked.at(-1)!.winProbability).toBeNull();
    expect(ids(walked)).toEqual(await expected('admin', FILTERS[0]!, '-winProbability'));
    // a change of the deal stores its assessment again: it leaves the unassessed
    const current = (await ws.acme.admin.as.get(`/api/opportunities/${a!.id}`)).json<Opportunity>();
    const changed = await ws.acme.admin.as.patch(`/api/opportunities/${a!.id}`, {
      amountMinor: 7_777,
      version: current.version,
    });
    expect(changed.json<Opportunity>().winProbability).not.toBeNull();
    expect(await copiesAstray()).toEqual([]);
  });

  it("a deal handed to another seller, or an assessment written for the wrong owner: the seller's pages follow", async () => {
    const deal = (await everything()).find((o) => o.ownerId === ws.acme.sellerA2.user.id && o.winProbability !== null)!;
    const handed = await ws.acme.admin.as.patch(`/api/opportunities/${deal.id}`, {
      ownerId: ws.acme.sellerA1.user.id,
      version: deal.version,
    });
    expect(handed.statusCode).toBe(200);
    // a writer that held the deal's former owner (a refit that read it before the hand-over)
    await ctx.handle.db
      .updateTable('assessments')
      .set({ owner_id: ws.acme.sellerA2.user.id })
      .where('opportunity_id', '=', deal.id)
      .execute();
    expect(await copiesAstray()).toEqual([]);
    for (const sort of ['winProbability', '-winProbability'] as const) {
      const walked = ids((await walk(callerOf('seller'), `sort=${sort}`, 3)).flat());
      expect(walked).toContain(deal.id);
      expect(walked).toEqual(await expected('seller', FILTERS[0]!, sort));
      expect(
        ids((await walk(ws.acme.admin.as, `sort=${sort}&owner=${ws.acme.sellerA2.user.id}`, 3)).flat()),
      ).not.toContain(deal.id);
    }
  });

  it('a deal moved to another stage and account keeps its copies', async () => {
    const deal = (await everything()).find((o) => o.ownerId === ws.acme.sellerA2.user.id && o.status === 'open')!;
    const other = (await everything()).find((o) => o.ownerId === deal.ownerId && o.accountId !== deal.accountId)!;
    const moved = await ws.acme.sellerA2.as.patch(`/api/opportunities/${deal.id}`, {
      stageId: stages[5]!.id,
      accountId: other.accountId,
      version: deal.version,
    });
    expect(moved.statusCode).toBe(200);
    expect(await copiesAstray()).toEqual([]);
    expect(ids((await walk(callerOf('manager'), 'sort=account', 4)).flat())).toEqual(
      await expected('manager', FILTERS[0]!, 'account'),
    );
  });
});
