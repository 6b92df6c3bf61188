// PostgreSQL pass only: each race holds a row lock in another connection (testing/held-write.ts); on SQLite a writer locks the whole database at BEGIN IMMEDIATE.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '../../contract/accounts.ts';
import { accountAndContactKinds } from '../../testing/accounts.ts';
import { holdWrite } from '../../testing/held-write.ts';
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

describe('writers racing on one account or contact', () => {
  const kinds = accountAndContactKinds(() => ws);
  const actions = (kind: string, id: string) => historyActions(ws.acme.admin.as, kind, id);

  it.each(kinds)(
    'answers a delete of $kind that loses to a change 409 with the current record, deleting nothing',
    async ({ kind, make }) => {
      const record = await make();
      const held = await holdWrite(
        ctx.handle,
        `update ${kind} set name = 'Renamed elsewhere', version = version + 1 where id = $1`,
        [record.id],
      );
      const deleting = ws.acme.sellerA1.as.delete(`/api/${kind}/${record.id}`);
      await held.untilSomeoneWaits(deleting);
      await held.commit();
      const response = await deleting;
      expect(response.statusCode).toBe(409);
      expect(response.json().error).toMatchObject({
        code: 'version-conflict',
        current: { name: 'Renamed elsewhere', version: record.version + 1 },
      });
      expect((await ws.acme.sellerA1.as.get(`/api/${kind}/${record.id}`)).statusCode).toBe(200);
      expect(await actions(kind, record.id)).toEqual(['create']);
    },
  );

  it.each(kinds)(
    'answers a restore of $kind that loses to another restore with the live record, recording one restore',
    async ({ kind, make }) => {
      const record = await make();
      expect((await ws.acme.sellerA1.as.delete(`/api/${kind}/${record.id}`)).statusCode).toBe(204);
      const held = await holdWrite(
        ctx.handle,
        `update ${kind} set deleted_at = null, version = version + 1 where id = $1`,
        [record.id],
      );
      const restoring = ws.acme.sellerA1.as.post(`/api/${kind}/${record.id}/restore`);
      await held.untilSomeoneWaits(restoring);
      await held.commit();
      const response = await restoring;
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ id: record.id, version: record.version + 2 });
      expect(await actions(kind, record.id)).toEqual(['delete', 'create']);
    },
  );
});

describe('an account deleted while something is added to it', () => {
  const deal = (accountId: string) => ({
    name: 'Late arrival',
    accountId,
    amountMinor: 1000,
    currency: 'USD',
    expectedCloseDate: '2027-01-10',
  });

  it('refuses a new opportunity or contact on an account whose deletion lands first, 422 naming accountId', async () => {
    for (const [path, body] of [
      ['/api/opportunities', deal],
      ['/api/contacts', (accountId: string) => ({ accountId, name: 'Late Larry' })],
    ] as const) {
      const account = (await ws.acme.sellerA1.as.post('/api/accounts', { name: 'Vanishing Co' })).json<Account>();
      const held = await holdWrite(
        ctx.handle,
        "update accounts set deleted_at = '2026-11-20T09:00:00.000Z', version = version + 1 where id = $1",
        [account.id],
      );
      const adding = ws.acme.sellerA1.as.post(path, body(account.id));
      await held.untilSomeoneWaits(adding);
      await held.commit();
      const response = await adding;
      expect(response.statusCode, path).toBe(422);
      expect(response.json().error.fields).toHaveProperty('accountId');
    }
  });

  it('refuses to delete an account an opportunity is being moved onto, once the move lands', async () => {
    const account = (await ws.acme.sellerA1.as.post('/api/accounts', { name: 'Busy Co' })).json<Account>();
    const o = (await ws.acme.sellerA1.as.post('/api/opportunities', deal(ws.books.sellerA1.account.id))).json();
    // what another instance moving the opportunity does: hold the account live, then move
    const held = await holdWrite(
      ctx.handle,
      'with live as (select id from accounts where id = $1 and deleted_at is null for share) update opportunities set account_id = (select id from live) where id = $2',
      [account.id, o.id],
    );
    const deleting = ws.acme.sellerA1.as.delete(`/api/accounts/${account.id}`);
    await held.untilSomeoneWaits(deleting);
    await held.commit();
    expect((await deleting).statusCode).toBe(409);
    expect((await ws.acme.sellerA1.as.get(`/api/accounts/${account.id}`)).statusCode).toBe(200);
  });
});
