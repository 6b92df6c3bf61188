import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Opportunity } from '../../contract/opportunities.ts';
import { createTestApp, signIn, type TestContext } from '../../testing/test-app.ts';
import { historyActions } from '../../testing/history.ts';
import { newOpportunity, validOpportunityBody as validBody } from '../../testing/opportunities.ts';
import { createApp } from '../app.ts';
import { csvOf } from '../csv.ts';
import { DEAL_TYPE_LABELS, FORECAST_LABELS, STATUS_LABELS } from '../../domain/words.ts';
import { OPPORTUNITY_COLUMNS } from './opportunities.export.ts';
import { opportunitiesToExport } from './opportunities.service.ts';
import { buildWorkspace, TEST_PASSWORD, type Workspace } from '../../testing/workspace.ts';

let ctx: TestContext;
let ws: Workspace;

beforeAll(async () => {
  ctx = await createTestApp();
  ws = await buildWorkspace(ctx);
});
afterAll(() => ctx.close());

describe('creating an opportunity', () => {
  it('answers 201 with the record, owned by the creator, in the first stage, version 1', async () => {
    const { account } = ws.books.sellerA1;
    const response = await ws.acme.sellerA1.as.post('/api/opportunities', {
      ...validBody(account.id),
      dealType: 'upsell',
      sellerProbability: 70,
    });
    expect(response.statusCode).toBe(201);
    const o = response.json<Opportunity>();
    expect(o).toMatchObject({
      name: 'Expansion 2027',
      ownerId: ws.acme.sellerA1.user.id,
      ownerName: 'Sam Seller',
      accountName: 'Initech',
      amountMinor: 12_500_000,
      currency: 'EUR',
      status: 'open',
      stageName: 'Qualify',
      stageProbability: 10,
      forecastCategory: 'pipeline',
      dealType: 'upsell',
      sellerProbability: 70,
      version: 1,
      createdBy: ws.acme.sellerA1.user.id,
    });
  });

  it.each([
    ['a negative amount', { amountMinor: -1 }, 'amountMinor'],
    ['a fractional amount', { amountMinor: 10.5 }, 'amountMinor'],
    ['an amount given as text', { amountMinor: '100' }, 'amountMinor'],
    ['an unknown currency', { currency: 'XYZ' }, 'currency'],
    ['a lower-case currency', { currency: 'usd' }, 'currency'],
    ['an impossible date', { expectedCloseDate: '2027-02-30' }, 'expectedCloseDate'],
    ['a date in another format', { expectedCloseDate: '31/03/2027' }, 'expectedCloseDate'],
    ['an empty name', { name: '   ' }, 'name'],
    ['a name too long', { name: 'x'.repeat(201) }, 'name'],
    ['an unknown status', { status: 'maybe' }, 'status'],
    ['an unknown field', { colour: 'blue' }, 'colour'],
    ['a probability over 100', { sellerProbability: 101 }, 'sellerProbability'],
  ])('refuses %s with 400 naming the field', async (_label, change, field) => {
    const before = await ws.acme.sellerA1.as.get('/api/opportunities');
    const response = await ws.acme.sellerA1.as.post('/api/opportunities', {
      ...validBody(ws.books.sellerA1.account.id),
      ...change,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('invalid-input');
    expect(Object.keys(response.json().error.fields)).toContain(field);
    const after = await ws.acme.sellerA1.as.get('/api/opportunities');
    expect(after.json().total).toBe(before.json().total);
  });

  // the messages a person reads: what is wrong and what to do, not a format specification
  it.each([
    [{ expectedCloseDate: '3000-01-01' }, 'expectedCloseDate', 'The year 3000 is out of range'],
    [{ expectedCloseDate: '2027-02-30' }, 'expectedCloseDate', 'February 2027 has 28 days'],
    [{ amountMinor: 10.5 }, 'amountMinor', 'whole number of the currency’s smallest unit (cents)'],
    [{ currency: 'XYZ' }, 'currency', 'such as USD or EUR'],
  ])('explains %j in plain words', async (change, field, words) => {
    const response = await ws.acme.sellerA1.as.post('/api/opportunities', {
      ...validBody(ws.books.sellerA1.account.id),
      ...change,
    });
    expect(response.statusCode).toBe(400);
    expect(String(response.json().error.fields[field])).toContain(words);
  });

  it('refuses a missing required field, naming it', async () => {
    const { name: _name, ...body } = validBody(ws.books.sellerA1.account.id);
    const response = await ws.acme.sellerA1.as.post('/api/opportunities', body);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields).toEqual({ name: 'Required' });
  });

  it("refuses another team's account with 422 naming accountId", async () => {
    const response = await ws.acme.sellerA1.as.post('/api/opportunities', validBody(ws.books.sellerB1.account.id));
    expect(response.statusCode).toBe(422);
    expect(response.json().error.fields).toHaveProperty('accountId');
  });

  it("refuses another organization's account with 422", async () => {
    const response = await ws.acme.admin.as.post('/api/opportunities', validBody(ws.books.globexSeller.account.id));
    expect(response.statusCode).toBe(422);
  });

  it('lets a manager give an opportunity to a team member but not to another team', async () => {
    const body = validBody(ws.books.sellerA1.account.id);
    const mine = await ws.acme.managerA.as.post('/api/opportunities', { ...body, ownerId: ws.acme.sellerA2.user.id });
    expect(mine.statusCode).toBe(201);
    const theirs = await ws.acme.managerA.as.post('/api/opportunities', { ...body, ownerId: ws.acme.sellerB1.user.id });
    expect(theirs.statusCode).toBe(422);
    expect(theirs.json().error.fields).toHaveProperty('ownerId');
  });

  it('stores script and SQL payloads as plain text', async () => {
    const name = `<script>alert(1)</script>'; drop table opportunities; --`;
    const response = await ws.acme.sellerA1.as.post('/api/opportunities', {
      ...validBody(ws.books.sellerA1.account.id),
      name,
    });
    expect(response.statusCode).toBe(201);
    const read = await ws.acme.sellerA1.as.get(`/api/opportunities/${response.json().id}`);
    expect(read.json().name).toBe(name);
  });
});

describe('changing an opportunity', () => {
  it('applies a change at the current version and records it in the history', async () => {
    const created = (
      await ws.acme.sellerA2.as.post('/api/opportunities', validBody(ws.books.sellerA2.account.id))
    ).json<Opportunity>();
    const response = await ws.acme.sellerA2.as.patch(`/api/opportunities/${created.id}`, {
      amountMinor: 9_900_000,
      version: 1,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ amountMinor: 9_900_000, version: 2 });
    const history = await ws.acme.managerA.as.get(`/api/opportunities/${created.id}/history`);
    expect(history.statusCode).toBe(200);
    const [latest, first] = history.json().items;
    expect(latest).toMatchObject({
      action: 'update',
      actorName: 'Sue Seller',
      changes: [{ field: 'amountMinor', from: 12_500_000, to: 9_900_000 }],
    });
    expect(first.action).toBe('create');
  });

  it('answers a stale version with 409 and the current record, and changes nothing', async () => {
    const created = (
      await ws.acme.sellerA2.as.post('/api/opportunities', validBody(ws.books.sellerA2.account.id))
    ).json<Opportunity>();
    await ws.acme.sellerA2.as.patch(`/api/opportunities/${created.id}`, { name: 'First edit', version: 1 });
    const stale = await ws.acme.managerA.as.patch(`/api/opportunities/${created.id}`, {
      name: 'Second edit',
      version: 1,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('version-conflict');
    expect(stale.json().error.current).toMatchObject({ name: 'First edit', version: 2 });
    const read = await ws.acme.sellerA2.as.get(`/api/opportunities/${created.id}`);
    expect(read.json().name).toBe('First edit');
  });

  it('stamps the closed date when a deal is won and clears it when reopened', async () => {
    const created = (
      await ws.acme.sellerA2.as.post('/api/opportunities', validBody(ws.books.sellerA2.account.id))
    ).json<Opportunity>();
    const won = await ws.acme.sellerA2.as.patch(`/api/opportunities/${created.id}`, {
      status: 'won',
      closeReason: 'Best fit',
      version: 1,
    });
    expect(won.json()).toMatchObject({ status: 'won', closedDate: '2026-11-20', closeReason: 'Best fit' });
    const reopened = await ws.acme.sellerA2.as.patch(`/api/opportunities/${created.id}`, {
      status: 'open',
      version: 2,
    });
    expect(reopened.json()).toMatchObject({ status: 'open', closedDate: null, closeReason: null });
  });

  it.each([
    ['a closed date on an open deal', { closedDate: '2026-11-01' }, 'closedDate'],
    ['a closed date in the future', { status: 'lost', closedDate: '2026-12-01' }, 'closedDate'],
    ['a stage of another organization', { stageId: 'no-such-stage' }, 'stageId'],
  ])('refuses %s with 422 naming the field', async (_label, change, field) => {
    const created = (
      await ws.acme.sellerA2.as.post('/api/opportunities', validBody(ws.books.sellerA2.account.id))
    ).json<Opportunity>();
    const response = await ws.acme.sellerA2.as.patch(`/api/opportunities/${created.id}`, { ...change, version: 1 });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.fields).toHaveProperty(field);
    expect((await ws.acme.sellerA2.as.get(`/api/opportunities/${created.id}`)).json().version).toBe(1);
  });

  it('requires the version', async () => {
    const { opportunity } = ws.books.sellerA1;
    const response = await ws.acme.sellerA1.as.patch(`/api/opportunities/${opportunity.id}`, { name: 'No version' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields).toHaveProperty('version');
  });
});

describe('deleting and restoring', () => {
  it('hides a deleted opportunity but keeps its history, and restores it', async () => {
    const created = (
      await ws.acme.sellerA1.as.post('/api/opportunities', validBody(ws.books.sellerA1.account.id))
    ).json<Opportunity>();
    expect((await ws.acme.sellerA1.as.delete(`/api/opportunities/${created.id}`)).statusCode).toBe(204);
    expect((await ws.acme.sellerA1.as.get(`/api/opportunities/${created.id}`)).statusCode).toBe(404);
    const history = await ws.acme.sellerA1.as.get(`/api/opportunities/${created.id}/history`);
    expect(history.json().items.map((e: { action: string }) => e.action)).toEqual(['delete', 'create']);
    const restored = await ws.acme.sellerA1.as.post(`/api/opportunities/${created.id}/restore`);
    expect(restored.statusCode).toBe(200);
    expect((await ws.acme.sellerA1.as.get(`/api/opportunities/${created.id}`)).statusCode).toBe(200);
  });
});

describe('writers racing on one opportunity', () => {
  const actions = (id: string) => historyActions(ws.acme.admin.as, 'opportunities', id);
  const fresh = () => newOpportunity(ws);

  it('lets exactly one of many simultaneous deletes, across two app instances, succeed and be recorded', async () => {
    const second = await createApp(ctx.deps);
    try {
      const callers = [ws.acme.sellerA1.as, await signIn(second, ws.acme.sellerA1.user.email, TEST_PASSWORD)];
      const o = await fresh();
      const answers = await Promise.all(
        Array.from({ length: 8 }, (_, i) => callers[i % 2]!.delete(`/api/opportunities/${o.id}`)),
      );
      const statuses = answers.map((a) => a.statusCode).sort();
      expect(statuses).toEqual([204, 404, 404, 404, 404, 404, 404, 404]);
      expect(await actions(o.id)).toEqual(['delete', 'create']);
    } finally {
      await second.close();
    }
  });
});

describe('listing', () => {
  it('shows a seller only their own, a manager their team, an admin everyone', async () => {
    const owners = async (caller: typeof ws.acme.admin.as) => {
      const list = await caller.get('/api/opportunities?limit=200');
      return new Set(list.json().items.map((o: Opportunity) => o.ownerName));
    };
    expect(await owners(ws.acme.sellerA1.as)).toEqual(new Set(['Sam Seller']));
    expect(await owners(ws.acme.managerA.as)).toEqual(new Set(['Sam Seller', 'Sue Seller']));
    expect(await owners(ws.acme.vp.as)).toEqual(new Set(['Sam Seller', 'Sue Seller', 'Bob Seller']));
    expect(await owners(ws.acme.admin.as)).toEqual(new Set(['Sam Seller', 'Sue Seller', 'Bob Seller']));
    expect(await owners(ws.globex.admin.as)).toEqual(new Set(['Gina Seller']));
  });

  it('searches by opportunity or account name, case-insensitively, with wildcards taken literally', async () => {
    const byAccount = await ws.acme.admin.as.get('/api/opportunities?q=hooli');
    expect(byAccount.json().items.map((o: Opportunity) => o.accountName)).toEqual(['Hooli']);
    const literal = await ws.acme.admin.as.get('/api/opportunities?q=%25');
    expect(literal.json().total).toBe(0);
  });

  it('filters, sorts and pages', async () => {
    const page = await ws.acme.admin.as.get('/api/opportunities?sort=name&limit=2&offset=0&status=open');
    expect(page.statusCode).toBe(200);
    const { items, total } = page.json();
    expect(items).toHaveLength(2);
    expect(total).toBeGreaterThan(2);
    expect(items[0].name.localeCompare(items[1].name)).toBeLessThanOrEqual(0);
    const mine = await ws.acme.managerA.as.get('/api/opportunities?owner=me');
    expect(mine.json().total).toBe(0);
  });

  it.each([['limit=0'], ['limit=1000'], ['offset=-1'], ['sort=price'], ['status=closed'], ['limit=abc']])(
    'refuses the query %s with 400',
    async (query) => {
      const response = await ws.acme.admin.as.get(`/api/opportunities?${query}`);
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('invalid-input');
    },
  );
});

describe('exporting the list as CSV', () => {
  const rowsOf = (body: string) => parse(body, { bom: true, columns: true }) as Array<Record<string, string>>;

  it('downloads every opportunity the caller can see, as the list orders them, with the figures side by side', async () => {
    const response = await ws.acme.managerA.as.get('/api/opportunities/export.csv?sort=name');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="winsight-opportunities-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(response.body.startsWith('\uFEFFOpportunity,Account,Owner,Amount,Currency,')).toBe(true);
    const listed = (await ws.acme.managerA.as.get('/api/opportunities?sort=name&limit=200')).json<{
      items: Opportunity[];
    }>().items;
    const rows = rowsOf(response.body);
    expect(rows.map((r) => r.Id)).toEqual(listed.map((o) => o.id));
    const first = listed[0]!;
    expect(rows[0]).toMatchObject({
      Opportunity: first.name,
      Owner: first.ownerName,
      Stage: first.stageName,
      'Stage figure %': String(first.stageProbability),
      "Seller's own figure %": first.sellerProbability === null ? '' : String(first.sellerProbability),
      'Win chance from the evidence %':
        first.winProbability === null ? '' : String(Math.round(first.winProbability * 100)),
      // words, not the API's codes
      Status: STATUS_LABELS[first.status],
      'Forecast category': FORECAST_LABELS[first.forecastCategory],
      'Deal type': DEAL_TYPE_LABELS[first.dealType],
    });
    expect(rows.flatMap((r) => [r.Status, r['Forecast category'], r['Deal type'], r.Source]).join(' ')).not.toMatch(
      /_/,
    );
  });

  it('keeps the filters, writes amounts in major units, and leaves formulas as text', async () => {
    const { account } = ws.books.sellerA1;
    const seller = ws.acme.sellerA1.as;
    await seller.post('/api/opportunities', {
      ...validBody(account.id),
      name: '=HYPERLINK("http://evil.test","click")',
      amountMinor: 12_345,
      currency: 'EUR',
    });
    await seller.post('/api/opportunities', {
      ...validBody(account.id),
      name: 'Yen deal, "quoted"',
      amountMinor: 5_000,
      currency: 'JPY',
    });
    const rows = rowsOf((await seller.get('/api/opportunities/export.csv?status=open&q=deal')).body);
    expect(rows.every((r) => r.Status === 'Open')).toBe(true);
    expect(rows.find((r) => r.Opportunity === 'Yen deal, "quoted"')).toMatchObject({ Amount: '5000', Currency: 'JPY' });
    const formula = rowsOf((await seller.get('/api/opportunities/export.csv?q=HYPERLINK')).body);
    expect(formula).toHaveLength(1);
    expect(formula[0]).toMatchObject({ Opportunity: `'=HYPERLINK("http://evil.test","click")`, Amount: '123.45' });
  });

  it('reads the rows a page at a time without losing or repeating any', async () => {
    const caller = ws.acme.admin;
    const actor = (await caller.as.get('/api/auth/session')).json().user;
    const everything = rowsOf((await caller.as.get('/api/opportunities/export.csv?sort=amount')).body);
    expect(everything.length).toBeGreaterThan(4);
    const paged = csvOf(
      OPPORTUNITY_COLUMNS,
      opportunitiesToExport(
        ctx.deps,
        { userId: actor.id, orgId: actor.orgId, role: 'admin', visibleOwnerIds: 'all' },
        { sort: 'amount' },
        2,
      ),
    );
    const chunks: Buffer[] = [];
    for await (const chunk of paged) chunks.push(Buffer.from(chunk));
    expect(rowsOf(Buffer.concat(chunks).toString('utf8')).map((r) => r.Id)).toEqual(everything.map((r) => r.Id));
  });

  it('refuses a bad filter with 400 naming it', async () => {
    const response = await ws.acme.admin.as.get('/api/opportunities/export.csv?sort=price');
    expect(response.statusCode).toBe(400);
    expect(Object.keys(response.json().error.fields)).toContain('sort');
  });
});
