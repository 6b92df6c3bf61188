import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../contract/users.ts';
import { callerWith, createTestApp, signIn, type TestContext } from '../../testing/test-app.ts';
import { buildWorkspace, TEST_PASSWORD, type Workspace } from '../../testing/workspace.ts';

let ctx: TestContext;
let ws: Workspace;

beforeAll(async () => {
  ctx = await createTestApp();
  ws = await buildWorkspace(ctx);
});
afterAll(() => ctx.close());

const admin = () => ws.acme.admin.as;
const current = async (id: string) => (await admin().get(`/api/users/${id}`)).json<User>();

describe('simultaneous changes to people', () => {
  it('adds one person when ten requests bring the same email at once, and answers the others 409 naming the field', async () => {
    const body = { email: 'twin@acme.test', name: 'Tess Twin', role: 'seller', managerId: ws.acme.managerA.user.id };
    const answers = await Promise.all(Array.from({ length: 10 }, () => admin().post('/api/users', body)));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, ...Array(9).fill(409)]);
    for (const refused of answers.filter((a) => a.statusCode === 409)) {
      expect(refused.json().error).toMatchObject({ code: 'conflict', fields: { email: expect.any(String) } });
    }
    const users = (await admin().get('/api/users')).json().items as User[];
    expect(users.filter((u) => u.email === 'twin@acme.test')).toHaveLength(1);
  });
});

describe('managing people', () => {
  it('adds a person who can then sign in, and records who added them', async () => {
    const response = await admin().post('/api/users', {
      email: 'Nina.New@Acme.test',
      name: 'Nina New',
      role: 'seller',
      managerId: ws.acme.managerB.user.id,
      password: 'a-long-password',
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ email: 'nina.new@acme.test', managerName: 'Mia Manager', isActive: true });
    await signIn(ctx.app, 'nina.new@acme.test', 'a-long-password');
    const history = await admin().get(`/api/users/${response.json().id}/history`);
    expect(history.json().items[0]).toMatchObject({ action: 'create', actorName: 'Ada Admin' });
  });

  it.each([
    { label: 'an email in use', body: { email: 'seller.a1@acme.test' }, status: 409, field: 'email' },
    { label: 'an invalid email', body: { email: 'not-an-email' }, status: 400, field: 'email' },
    { label: 'an unknown role', body: { role: 'owner' }, status: 400, field: 'role' },
    { label: 'a short password', body: { password: 'short' }, status: 400, field: 'password' },
    { label: 'a seller as manager', body: { managerId: 'SELLER' }, status: 422, field: 'managerId' },
    { label: 'a manager of another organization', body: { managerId: 'GLOBEX' }, status: 422, field: 'managerId' },
  ])('refuses $label, naming the field', async ({ body, status, field }) => {
    const ids: Record<string, string> = { SELLER: ws.acme.sellerA1.user.id, GLOBEX: ws.globex.admin.user.id };
    const resolved = { ...body, ...(body.managerId ? { managerId: ids[body.managerId] } : {}) };
    const before = (await admin().get('/api/users')).json().total;
    const response = await admin().post('/api/users', {
      email: 'fresh@acme.test',
      name: 'Fresh',
      role: 'seller',
      ...resolved,
    });
    expect(response.statusCode).toBe(status);
    expect(response.json().error.fields).toHaveProperty(field);
    expect((await admin().get('/api/users')).json().total).toBe(before);
  });

  it('moves a person under another manager, which changes what that manager sees', async () => {
    const sam = await current(ws.acme.sellerA1.user.id);
    const moved = await admin().patch(`/api/users/${sam.id}`, {
      managerId: ws.acme.managerB.user.id,
      version: sam.version,
    });
    expect(moved.statusCode).toBe(200);
    const mia = await signIn(ctx.app, 'manager.b@acme.test', TEST_PASSWORD);
    expect((await mia.get(`/api/opportunities/${ws.books.sellerA1.opportunity.id}`)).statusCode).toBe(200);
    const max = await signIn(ctx.app, 'manager.a@acme.test', TEST_PASSWORD);
    expect((await max.get(`/api/opportunities/${ws.books.sellerA1.opportunity.id}`)).statusCode).toBe(404);
    await admin().patch(`/api/users/${sam.id}`, { managerId: ws.acme.managerA.user.id, version: moved.json().version });
  });

  it('refuses a reporting loop', async () => {
    const vp = await current(ws.acme.vp.user.id);
    const response = await admin().patch(`/api/users/${vp.id}`, {
      managerId: ws.acme.managerA.user.id,
      version: vp.version,
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.fields).toHaveProperty('managerId');
  });

  it('refuses to make a manager with reports a seller', async () => {
    const max = await current(ws.acme.managerA.user.id);
    const response = await admin().patch(`/api/users/${max.id}`, { role: 'seller', version: max.version });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.fields).toHaveProperty('role');
  });

  it('refuses to let admins lock themselves out', async () => {
    const me = await current(ws.acme.admin.user.id);
    expect((await admin().patch(`/api/users/${me.id}`, { isActive: false, version: me.version })).statusCode).toBe(422);
    expect((await admin().patch(`/api/users/${me.id}`, { role: 'manager', version: me.version })).statusCode).toBe(422);
  });

  it('answers a stale version with 409', async () => {
    const bob = await current(ws.acme.sellerB1.user.id);
    await admin().patch(`/api/users/${bob.id}`, { name: 'Bob Renamed', version: bob.version });
    const stale = await admin().patch(`/api/users/${bob.id}`, { name: 'Bob Again', version: bob.version });
    expect(stale.statusCode).toBe(409);
  });

  it('resets a password, which ends the old sessions', async () => {
    const session = await signIn(ctx.app, 'seller.b1@acme.test', TEST_PASSWORD);
    const bob = await current(ws.acme.sellerB1.user.id);
    expect(
      (await admin().patch(`/api/users/${bob.id}`, { password: 'brand-new-secret', version: bob.version })).statusCode,
    ).toBe(200);
    expect((await session.get('/api/auth/session')).statusCode).toBe(401);
    const fresh = await signIn(ctx.app, 'seller.b1@acme.test', 'brand-new-secret');
    expect((await fresh.get('/api/auth/session')).statusCode).toBe(200);
    const history = (await admin().get(`/api/users/${bob.id}/history`)).json().items[0];
    expect(JSON.stringify(history)).not.toContain('brand-new-secret');
  });
});

describe('a password reset', () => {
  it('lifts the sign-in pause the person ran into, as the pause message promises', async () => {
    const email = 'forgetful@acme.test';
    const person = (
      await admin().post('/api/users', { email, name: 'Fay Forgetful', role: 'seller', password: TEST_PASSWORD })
    ).json<User>();
    const login = (password: string) =>
      ctx.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email, password },
        remoteAddress: '192.0.2.30',
      });
    for (let i = 0; i < 5; i++) expect((await login('what-was-it')).statusCode).toBe(401);
    const paused = await login('what-was-it');
    expect(paused.statusCode).toBe(429);
    expect(paused.json().error.message).toMatch(/ask your administrator to reset your password/);
    expect(
      (await admin().patch(`/api/users/${person.id}`, { password: 'a-fresh-start', version: person.version }))
        .statusCode,
    ).toBe(200);
    expect((await login('a-fresh-start')).statusCode).toBe(200);
  });
});

describe('when someone leaves', () => {
  it("reassigns a deactivated seller's open opportunities and accounts, keeping closed ones and all history", async () => {
    const leaver = (
      await admin().post('/api/users', {
        email: 'leaver@acme.test',
        name: 'Lee Leaver',
        role: 'seller',
        managerId: ws.acme.managerA.user.id,
        password: TEST_PASSWORD,
      })
    ).json<User>();
    const lee = await signIn(ctx.app, 'leaver@acme.test', TEST_PASSWORD);
    const account = (await lee.post('/api/accounts', { name: 'Leaver Co' })).json();
    const deal = { accountId: account.id, amountMinor: 1000, currency: 'USD', expectedCloseDate: '2027-01-10' };
    const open = (await lee.post('/api/opportunities', { ...deal, name: 'Open one' })).json();
    const won = (
      await lee.post('/api/opportunities', { ...deal, name: 'Won one', status: 'won', closedDate: '2026-10-01' })
    ).json();

    const off = await admin().patch(`/api/users/${leaver.id}`, { isActive: false, version: leaver.version });
    expect(off.statusCode).toBe(200);
    const result = await admin().post(`/api/users/${leaver.id}/reassign`, { toUserId: ws.acme.sellerA1.user.id });
    expect(result.statusCode).toBe(200);
    expect(result.json()).toEqual({ opportunities: 1, accounts: 1 });

    const sam = ws.acme.sellerA1.as;
    expect((await sam.get(`/api/opportunities/${open.id}`)).json().ownerName).toBe('Sam Seller');
    const stillLees = await admin().get(`/api/opportunities/${won.id}`);
    expect(stillLees.json().ownerName).toBe('Lee Leaver');
    const history = (await sam.get(`/api/opportunities/${open.id}/history`)).json().items;
    expect(history[0]).toMatchObject({
      actorName: 'Ada Admin',
      changes: [{ field: 'ownerId', from: leaver.id, to: ws.acme.sellerA1.user.id }],
    });
    expect(history.at(-1)).toMatchObject({ action: 'create', actorName: 'Lee Leaver' });
  });

  it("keeps each seller's own figure with the person who gave it: the new owner starts without one", async () => {
    const leaver = (
      await admin().post('/api/users', {
        email: 'optimist@acme.test',
        name: 'Olly Optimist',
        role: 'seller',
        managerId: ws.acme.managerA.user.id,
        password: TEST_PASSWORD,
      })
    ).json<User>();
    const olly = await signIn(ctx.app, 'optimist@acme.test', TEST_PASSWORD);
    const account = (await olly.post('/api/accounts', { name: 'Optimism Ltd' })).json();
    const deal = (
      await olly.post('/api/opportunities', {
        accountId: account.id,
        name: 'Sure thing',
        amountMinor: 5000,
        currency: 'USD',
        expectedCloseDate: '2027-01-10',
        sellerProbability: 95,
      })
    ).json();
    expect((await olly.get(`/api/opportunities/${deal.id}/assessment`)).json().sellerProbability).toBe(0.95);

    await admin().patch(`/api/users/${leaver.id}`, { isActive: false, version: leaver.version });
    const result = await admin().post(`/api/users/${leaver.id}/reassign`, { toUserId: ws.acme.sellerA1.user.id });
    expect(result.statusCode).toBe(200);

    const sam = ws.acme.sellerA1.as;
    expect((await sam.get(`/api/opportunities/${deal.id}`)).json()).toMatchObject({
      ownerName: 'Sam Seller',
      sellerProbability: null,
    });
    const assessment = (await sam.get(`/api/opportunities/${deal.id}/assessment`)).json();
    expect(assessment.sellerProbability).toBeNull();
    expect(assessment.sellerGap).toBeNull();
    // the stored assessment behind the lists follows at once, without waiting for the next write
    const listed = (await sam.get('/api/opportunities?q=Sure%20thing')).json().items[0];
    expect(listed).toMatchObject({ id: deal.id, sellerProbability: null });
    const history = (await sam.get(`/api/opportunities/${deal.id}/history`)).json().items;
    expect(history[0].changes).toEqual([
      { field: 'ownerId', from: leaver.id, to: ws.acme.sellerA1.user.id },
      { field: 'sellerProbability', from: 95, to: null },
    ]);
  });

  it("hands one deal over by changing its owner: the old owner's figure stays in the history, not on the deal", async () => {
    const sam = ws.acme.sellerA1.as;
    const deal = (
      await sam.post('/api/opportunities', {
        accountId: ws.books.sellerA1.account.id,
        name: 'Handed over',
        amountMinor: 5000,
        currency: 'USD',
        expectedCloseDate: '2027-01-10',
        sellerProbability: 80,
      })
    ).json();
    const manager = ws.acme.managerA.as;
    const moved = await manager.patch(`/api/opportunities/${deal.id}`, {
      ownerId: ws.acme.sellerA2.user.id,
      version: deal.version,
    });
    expect(moved.json()).toMatchObject({ ownerId: ws.acme.sellerA2.user.id, sellerProbability: null });
    // a figure given with the hand-over is the one kept
    const again = await manager.patch(`/api/opportunities/${deal.id}`, {
      ownerId: ws.acme.sellerA1.user.id,
      sellerProbability: 40,
      version: moved.json().version,
    });
    expect(again.json()).toMatchObject({ ownerId: ws.acme.sellerA1.user.id, sellerProbability: 40 });
  });

  it('refuses to reassign to a deactivated person', async () => {
    const ghost = (
      await admin().post('/api/users', { email: 'ghost@acme.test', name: 'Ghost', role: 'seller' })
    ).json<User>();
    await admin().patch(`/api/users/${ghost.id}`, { isActive: false, version: ghost.version });
    const response = await admin().post(`/api/users/${ws.acme.sellerA2.user.id}/reassign`, { toUserId: ghost.id });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.fields).toHaveProperty('toUserId');
  });

  it('refuses new records for a deactivated owner', async () => {
    const ghost = (await admin().get('/api/users')).json().items.find((u: User) => u.email === 'ghost@acme.test');
    const response = await admin().post('/api/accounts', { name: 'Ghost town', ownerId: ghost.id });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.fields).toHaveProperty('ownerId');
  });
});

describe("a person's API tokens", () => {
  let people = 0;
  /** A new Acme seller, signed in, holding one API token. */
  async function personWithToken() {
    const email = `token.holder.${people++}@acme.test`;
    const user = (
      await admin().post('/api/users', {
        email,
        name: `Tia Token ${people}`,
        role: 'seller',
        managerId: ws.acme.managerA.user.id,
        password: TEST_PASSWORD,
      })
    ).json<User>();
    const session = await signIn(ctx.app, email, TEST_PASSWORD);
    const created = (await session.post('/api/tokens', { name: 'Spreadsheet sync', scopes: ['read', 'write'] })).json<{
      id: string;
      token: string;
    }>();
    const bearer = callerWith(ctx.app, { bearer: created.token });
    expect((await bearer.get('/api/accounts')).statusCode).toBe(200);
    return { user, session, tokenId: created.id, bearer };
  }

  it('stop working when an administrator resets the password', async () => {
    const { user, bearer } = await personWithToken();
    expect(
      (await admin().patch(`/api/users/${user.id}`, { password: 'brand-new-secret', version: user.version }))
        .statusCode,
    ).toBe(200);
    expect((await bearer.get('/api/accounts')).statusCode).toBe(401);
    const fresh = await signIn(ctx.app, user.email, 'brand-new-secret');
    const [token] = (await fresh.get('/api/tokens')).json().items;
    expect(token.revokedAt).not.toBeNull();
  });

  it('end with deactivation, and reactivation brings back neither tokens nor sessions', async () => {
    const { user, session, bearer } = await personWithToken();
    const off = await admin().patch(`/api/users/${user.id}`, { isActive: false, version: user.version });
    const on = await admin().patch(`/api/users/${user.id}`, { isActive: true, version: off.json().version });
    expect(on.statusCode).toBe(200);
    expect((await bearer.get('/api/accounts')).statusCode).toBe(401);
    expect((await session.get('/api/auth/session')).statusCode).toBe(401);
    const history = (await admin().get(`/api/users/${user.id}/history`)).json().items;
    expect(
      history.find((e: { changes: Array<{ field: string }> }) => e.changes.some((c) => c.field === 'apiTokens')),
    ).toMatchObject({
      changes: expect.arrayContaining([{ field: 'apiTokens', from: '1 active', to: 'revoked' }]),
    });
  });

  it('are listed for an administrator, who can revoke any of them; the revocation is in the history', async () => {
    const { user, tokenId, bearer } = await personWithToken();
    const listed = await admin().get(`/api/users/${user.id}/tokens`);
    expect(listed.statusCode).toBe(200);
    expect(listed.json().items).toEqual([
      expect.objectContaining({
        id: tokenId,
        name: 'Spreadsheet sync',
        revokedAt: null,
        lastUsedAt: expect.any(String),
      }),
    ]);
    expect(listed.json().items[0]).not.toHaveProperty('token');

    expect((await admin().delete(`/api/users/${user.id}/tokens/${tokenId}`)).statusCode).toBe(204);
    expect((await bearer.get('/api/accounts')).statusCode).toBe(401);
    expect((await admin().get(`/api/users/${user.id}/tokens`)).json().items[0].revokedAt).not.toBeNull();
    const [event] = (await admin().get(`/api/users/${user.id}/history`)).json().items;
    expect(event).toMatchObject({
      action: 'update',
      actorName: 'Ada Admin',
      changes: [{ field: 'apiToken', from: expect.stringContaining('Spreadsheet sync'), to: 'revoked' }],
    });

    const again = await admin().delete(`/api/users/${user.id}/tokens/${tokenId}`);
    expect(again.statusCode).toBe(404);
    expect(again.json().error.code).toBe('not-found');
  });

  it('are out of reach of everyone else: 403 for a non-administrator, 404 from another organization or under another person', async () => {
    const { user, tokenId, bearer } = await personWithToken();
    const other = await personWithToken();
    expect((await ws.acme.managerA.as.get(`/api/users/${user.id}/tokens`)).statusCode).toBe(403);
    expect((await ws.acme.managerA.as.delete(`/api/users/${user.id}/tokens/${tokenId}`)).statusCode).toBe(403);
    expect((await ws.globex.admin.as.get(`/api/users/${user.id}/tokens`)).statusCode).toBe(404);
    expect((await ws.globex.admin.as.delete(`/api/users/${user.id}/tokens/${tokenId}`)).statusCode).toBe(404);
    expect((await admin().delete(`/api/users/${other.user.id}/tokens/${tokenId}`)).statusCode).toBe(404);
    expect((await bearer.get('/api/accounts')).statusCode).toBe(200);
  });
});
