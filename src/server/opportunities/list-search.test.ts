import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Opportunity, OpportunityList } from '../../contract/opportunities.ts';
import type { Account } from '../../contract/accounts.ts';
import { validOpportunityBody } from '../../testing/opportunities.ts';
import { createTestApp, type TestContext } from '../../testing/test-app.ts';
import { buildWorkspace, type Workspace } from '../../testing/workspace.ts';

// The list's search (`q`): the opportunity's or its account's name contains the text, ignoring
// case, the same on both databases, whether it is answered from the trigram indexes (3 characters
// or more) or from the rows (1 or 2), and still right after names change and deals come and go.

let ctx: TestContext;
let ws: Workspace;

beforeAll(async () => {
  ctx = await createTestApp();
  ws = await buildWorkspace(ctx);
});
afterAll(() => ctx.close());

async function create(name: string, accountId = ws.books.sellerA1.account.id): Promise<Opportunity> {
  const response = await ws.acme.sellerA1.as.post('/api/opportunities', { ...validOpportunityBody(accountId), name });
  if (response.statusCode !== 201) throw new Error(response.body);
  return response.json<Opportunity>();
}

async function found(q: string): Promise<string[]> {
  const response = await ws.acme.admin.as.get(`/api/opportunities?limit=200&sort=name&q=${encodeURIComponent(q)}`);
  if (response.statusCode !== 200) throw new Error(`${q}: ${response.statusCode} ${response.body}`);
  const list = response.json<OpportunityList>();
  expect(list.total).toBe(list.items.length);
  return list.items.map((o) => o.name);
}

describe('searching the list', () => {
  beforeAll(async () => {
    for (const name of ['Été Renewal', 'Straße rollout', '50% off "launch"', 'NEAR OR FAR (phase 2)', 'ab-xy']) {
      await create(name);
    }
  });

  it.each([
    ['platform', ['Hooli platform', 'Initech platform', 'Umbrella platform']],
    ['PLATFORM', ['Hooli platform', 'Initech platform', 'Umbrella platform']],
    ['ech plat', ['Initech platform']],
    // an account's name finds its deals
    ['hooli', ['Hooli platform']],
    ['umbRELLA', ['Umbrella platform']],
    // letters beyond ASCII, either case; accents are not ignored
    ['été', ['Été Renewal']],
    ['ÉTÉ', ['Été Renewal']],
    ['ete', []],
    ['straße', ['Straße rollout']],
    // what would be syntax to a full-text query, or a wildcard to LIKE, is taken literally
    ['50%', ['50% off "launch"']],
    ['"launch"', ['50% off "launch"']],
    ['OR FAR (', ['NEAR OR FAR (phase 2)']],
    ['near or far', ['NEAR OR FAR (phase 2)']],
    ['%', ['50% off "launch"']],
    ['_', []],
    ['*', []],
    // one or two characters, below what a trigram index holds
    ['b-', ['ab-xy']],
    ['XY', ['ab-xy']],
    ['Ho', ['Hooli platform']],
    ['zz', []],
  ])('q=%s finds %j', async (q, names) => {
    expect(await found(q)).toEqual(names);
  });

  it('keeps to what the caller may see', async () => {
    const response = await ws.acme.sellerA2.as.get('/api/opportunities?q=platform');
    expect(response.json<OpportunityList>().items.map((o) => o.name)).toEqual(['Umbrella platform']);
    const globex = await ws.globex.admin.as.get('/api/opportunities?q=platform');
    expect(globex.json<OpportunityList>().items.map((o) => o.name)).toEqual(['Soylent platform']);
  });
});

describe('the search after changes', () => {
  it('finds a deal by its new name once renamed, and no longer by the old one', async () => {
    const deal = await create('Zeppelin upgrade');
    expect(await found('zeppelin')).toEqual(['Zeppelin upgrade']);
    const renamed = await ws.acme.sellerA1.as.patch(`/api/opportunities/${deal.id}`, {
      name: 'Quasar upgrade',
      version: deal.version,
    });
    expect(renamed.statusCode).toBe(200);
    expect(await found('zeppelin')).toEqual([]);
    expect(await found('quasar')).toEqual(['Quasar upgrade']);
    // a change of anything else leaves the name searchable
    await ws.acme.sellerA1.as.patch(`/api/opportunities/${deal.id}`, {
      amountMinor: 1,
      version: renamed.json<Opportunity>().version,
    });
    expect(await found('quasar')).toEqual(['Quasar upgrade']);
  });

  it("finds an account's deals by the account's new name", async () => {
    const account = (
      await ws.acme.sellerA1.as.post('/api/accounts', { name: 'Vandelay', industry: 'Import', relationship: 'new' })
    ).json<Account>();
    await create('Latex order', account.id);
    expect(await found('vandelay')).toEqual(['Latex order']);
    const renamed = await ws.acme.sellerA1.as.patch(`/api/accounts/${account.id}`, {
      name: 'Kramerica',
      version: account.version,
    });
    expect(renamed.statusCode).toBe(200);
    expect(await found('vandelay')).toEqual([]);
    expect(await found('kramerica')).toEqual(['Latex order']);
  });

  it('leaves a deleted deal out and finds it again once restored', async () => {
    const deal = await create('Obsidian pilot');
    expect((await ws.acme.sellerA1.as.delete(`/api/opportunities/${deal.id}`)).statusCode).toBe(204);
    expect(await found('obsidian')).toEqual([]);
    expect((await ws.acme.sellerA1.as.post(`/api/opportunities/${deal.id}/restore`, {})).statusCode).toBe(200);
    expect(await found('obsidian')).toEqual(['Obsidian pilot']);
  });
});
