// PostgreSQL pass only: each race holds a row lock in another connection (testing/held-write.ts); on SQLite a writer locks the whole database at BEGIN IMMEDIATE.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../contract/users.ts';
import { holdWrite } from '../../testing/held-write.ts';
import { createTestApp, signIn, type TestContext } from '../../testing/test-app.ts';
import { buildWorkspace, TEST_PASSWORD, type Workspace } from '../../testing/workspace.ts';

let ctx: TestContext;
let ws: Workspace;

beforeAll(async () => {
  ctx = await createTestApp();
  ws = await buildWorkspace(ctx);
});
afterAll(() => ctx.close());

const admin = () => ws.acme.admin.as;

describe('simultaneous changes to people', () => {
  it('moves nothing when a record changes while a reassignment runs, and says which one', async () => {
    const leaver = (
      await admin().post('/api/users', {
        email: 'mover@acme.test',
        name: 'Mo Mover',
        role: 'seller',
        managerId: ws.acme.managerA.user.id,
        password: TEST_PASSWORD,
      })
    ).json<User>();
    const mo = await signIn(ctx.app, 'mover@acme.test', TEST_PASSWORD);
    const account = (await mo.post('/api/accounts', { name: 'Mover Co' })).json();
    const deal = (
      await mo.post('/api/opportunities', {
        accountId: account.id,
        name: 'Moving deal',
        amountMinor: 1000,
        currency: 'USD',
        expectedCloseDate: '2027-01-10',
      })
    ).json();
    const held = await holdWrite(
      ctx.handle,
      "update opportunities set name = 'Renamed meanwhile', version = version + 1 where id = $1",
      [deal.id],
    );
    const reassigning = admin().post(`/api/users/${leaver.id}/reassign`, { toUserId: ws.acme.sellerA1.user.id });
    await held.untilSomeoneWaits(reassigning);
    await held.commit();
    const response = await reassigning;
    expect(response.statusCode).toBe(409);
    expect(response.json().error).toMatchObject({
      code: 'version-conflict',
      current: { id: deal.id, name: 'Renamed meanwhile' },
    });
    expect((await admin().get(`/api/opportunities/${deal.id}`)).json().ownerId).toBe(leaver.id);
    expect((await admin().get(`/api/accounts/${account.id}`)).json().ownerId).toBe(leaver.id);
    const history = (await admin().get(`/api/opportunities/${deal.id}/history`)).json().items;
    expect(history.map((e: { action: string }) => e.action)).toEqual(['create']);
  });
});
