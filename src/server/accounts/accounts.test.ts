import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '../../contract/accounts.ts';
import type { Contact } from '../../contract/contacts.ts';
import { accountAndContactKinds } from '../../testing/accounts.ts';
import { historyActions } from '../../testing/history.ts';
import { createTestApp, type TestContext } from '../../testing/test-app.ts';
import { buildWorkspace, type Workspace } from '../../testing/workspace.ts';

let ctx: TestContext;
let ws: Workspace;

beforeAll(async () => {
  ctx = await createTestApp();
  ws = await buildWorkspace(ctx);
});
afterAll(() => ctx.close());

describe('accounts', () => {
  it('creates an account owned by its creator and counts its open opportunities', async () => {
    const account = await ws.acme.sellerA1.as.get(`/api/accounts/${ws.books.sellerA1.account.id}`);
    expect(account.json()).toMatchObject({
      name: 'Initech',
      ownerName: 'Sam Seller',
      relationship: 'new',
      openOpportunityCount: 1,
    });
  });

  it.each([
    { body: { name: 'A', website: 'not a url' }, field: 'website' },
    { body: { name: 'A', sizeBand: 'huge' }, field: 'sizeBand' },
    { body: { name: 'A', relationship: 'friend' }, field: 'relationship' },
    { body: { name: 'A', industry: 'x'.repeat(101) }, field: 'industry' },
  ])('refuses $body naming $field', async ({ body, field }) => {
    const response = await ws.acme.sellerA1.as.post('/api/accounts', body);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields).toHaveProperty(field);
  });

  it('shows a seller an account someone else owns once they work an opportunity on it', async () => {
    const admin = ws.acme.admin.as;
    const shared = (
      await admin.post('/api/accounts', { name: 'Shared Corp', ownerId: ws.acme.sellerB1.user.id })
    ).json<Account>();
    expect((await ws.acme.sellerA1.as.get(`/api/accounts/${shared.id}`)).statusCode).toBe(404);
    const deal = await admin.post('/api/opportunities', {
      name: 'Shared deal',
      accountId: shared.id,
      ownerId: ws.acme.sellerA1.user.id,
      amountMinor: 100,
      currency: 'USD',
      expectedCloseDate: '2027-01-01',
    });
    expect(deal.statusCode).toBe(201);
    expect((await ws.acme.sellerA1.as.get(`/api/accounts/${shared.id}`)).statusCode).toBe(200);
    const names = (await ws.acme.sellerA1.as.get('/api/accounts')).json().items.map((a: Account) => a.name);
    expect(names).toContain('Shared Corp');
  });

  it('refuses to delete an account that still has opportunities, and deletes an empty one softly', async () => {
    const busy = await ws.acme.sellerA1.as.delete(`/api/accounts/${ws.books.sellerA1.account.id}`);
    expect(busy.statusCode).toBe(409);
    const empty = (await ws.acme.sellerA1.as.post('/api/accounts', { name: 'Empty Inc' })).json<Account>();
    expect((await ws.acme.sellerA1.as.delete(`/api/accounts/${empty.id}`)).statusCode).toBe(204);
    expect((await ws.acme.sellerA1.as.get('/api/accounts?q=Empty')).json().total).toBe(0);
    const history = (await ws.acme.managerA.as.get(`/api/accounts/${empty.id}/history`)).json().items;
    expect(history.map((e: { action: string }) => e.action)).toEqual(['delete', 'create']);
  });

  it('records each changed field in the history, and nothing for a no-op save', async () => {
    const account = (await ws.acme.sellerA2.as.post('/api/accounts', { name: 'Tracked Ltd' })).json<Account>();
    await ws.acme.sellerA2.as.patch(`/api/accounts/${account.id}`, {
      industry: 'Retail',
      sizeBand: '50-249',
      version: 1,
    });
    const noop = await ws.acme.sellerA2.as.patch(`/api/accounts/${account.id}`, { industry: 'Retail', version: 2 });
    expect(noop.json().version).toBe(2);
    const [update] = (await ws.acme.sellerA2.as.get(`/api/accounts/${account.id}/history`)).json().items;
    expect(update.changes).toEqual([
      { field: 'industry', from: null, to: 'Retail' },
      { field: 'sizeBand', from: null, to: '50-249' },
    ]);
  });
});

describe('contacts', () => {
  it('belong to an account and are visible exactly where the account is', async () => {
    const { contact } = ws.books.sellerA1;
    expect((await ws.acme.managerA.as.get(`/api/contacts/${contact.id}`)).json<Contact>()).toMatchObject({
      accountName: 'Initech',
      title: 'CFO',
    });
    expect((await ws.acme.managerB.as.get(`/api/contacts/${contact.id}`)).statusCode).toBe(404);
    const listed = (await ws.acme.sellerA1.as.get(`/api/contacts?accountId=${ws.books.sellerA1.account.id}`)).json()
      .items;
    expect(listed.map((c: Contact) => c.id)).toContain(contact.id);
  });

  it.each([
    { body: { email: 'not-an-email' }, field: 'email' },
    { body: { phone: 'call me' }, field: 'phone' },
    { body: { name: '' }, field: 'name' },
  ])('refuses $body naming $field', async ({ body, field }) => {
    const response = await ws.acme.sellerA1.as.post('/api/contacts', {
      accountId: ws.books.sellerA1.account.id,
      name: 'Valid',
      ...body,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields).toHaveProperty(field);
  });

  it('refuses to move a contact to an account the person cannot see', async () => {
    const { contact } = ws.books.sellerA1;
    const response = await ws.acme.sellerA1.as.patch(`/api/contacts/${contact.id}`, {
      accountId: ws.books.sellerB1.account.id,
      version: contact.version,
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.fields).toHaveProperty('accountId');
  });

  it('searches by name, title, email or account', async () => {
    const byTitle = (await ws.acme.admin.as.get('/api/contacts?q=cfo')).json();
    expect(byTitle.total).toBe(3);
    const byAccount = (await ws.acme.admin.as.get('/api/contacts?q=hooli')).json();
    expect(byAccount.items.map((c: Contact) => c.accountName)).toEqual(['Hooli']);
  });
});

describe('exporting accounts and contacts as CSV', () => {
  const rowsOf = (body: string) => parse(body, { bom: true, columns: true }) as Array<Record<string, string>>;

  it('downloads every account the caller can see, in the list order, filters kept', async () => {
    const seller = ws.acme.sellerA1.as;
    await seller.post('/api/accounts', { name: '@SUM(1+1) Holdings', industry: 'Retail' });
    const response = await seller.get('/api/accounts/export.csv?sort=name');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="winsight-accounts-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const rows = rowsOf(response.body);
    const listed = (await seller.get('/api/accounts?sort=name&limit=200')).json<{ items: Account[] }>().items;
    expect(rows.map((r) => r.Id)).toEqual(listed.map((a) => a.id));
    expect(rows.find((r) => r.Industry === 'Retail' && r.Account?.includes('SUM'))).toMatchObject({
      Account: `'@SUM(1+1) Holdings`,
      Relationship: 'Prospect',
    });
    const filtered = rowsOf((await seller.get('/api/accounts/export.csv?q=holdings')).body);
    expect(filtered.map((r) => r.Account)).toEqual([`'@SUM(1+1) Holdings`]);
  });

  it('downloads contacts with their account, only those the caller can see', async () => {
    const rows = rowsOf((await ws.acme.managerB.as.get('/api/contacts/export.csv')).body);
    const listed = (await ws.acme.managerB.as.get('/api/contacts?limit=200')).json<{ items: Contact[] }>().items;
    expect(rows.map((r) => r.Id)).toEqual(listed.map((c) => c.id));
    expect(rows.map((r) => r.Id)).not.toContain(ws.books.sellerA1.contact.id);
    expect(rows.length).toBeGreaterThan(0);
    expect(Object.keys(rows[0]!)).toEqual([
      'Contact',
      'Title',
      'Account',
      'Email',
      'Phone',
      'Created',
      'Last changed',
      'Id',
    ]);
    expect((await ws.acme.managerB.as.get('/api/contacts/export.csv?sort=shoe-size')).statusCode).toBe(400);
  });
});

describe('writers racing on one account or contact', () => {
  const kinds = accountAndContactKinds(() => ws);
  const actions = (kind: string, id: string) => historyActions(ws.acme.admin.as, kind, id);

  it.each(kinds)(
    'lets exactly one of many simultaneous deletes of $kind succeed and be recorded',
    async ({ kind, make }) => {
      const record = await make();
      const answers = await Promise.all(
        Array.from({ length: 6 }, () => ws.acme.sellerA1.as.delete(`/api/${kind}/${record.id}`)),
      );
      expect(answers.map((a) => a.statusCode).sort()).toEqual([204, 404, 404, 404, 404, 404]);
      expect(await actions(kind, record.id)).toEqual(['delete', 'create']);
    },
  );
});
