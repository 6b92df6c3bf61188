import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, callerWith, signIn, type TestContext } from '../../testing/test-app.ts';
import { buildWorkspace, TEST_PASSWORD, type Workspace } from '../../testing/workspace.ts';
import { SESSION_COOKIE } from './auth.routes.ts';

let ctx: TestContext;
let ws: Workspace;

beforeAll(async () => {
  ctx = await createTestApp({ loginMaxFailures: 3, loginWindowMinutes: 15 });
  ws = await buildWorkspace(ctx);
});
afterAll(() => ctx.close());

const login = (email: string, password: string) =>
  ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });

describe('signing in', () => {
  it('sets an httpOnly SameSite session cookie and returns the person and a CSRF token', async () => {
    const response = await login('SELLER.A1@acme.test ', TEST_PASSWORD);
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE)!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(response.json()).toMatchObject({ user: { email: 'seller.a1@acme.test', role: 'seller', orgName: 'Acme' } });
    expect(response.json().csrfToken).toMatch(/^[\w-]{20,}$/);
  });

  it('answers a wrong pair with 401 and the same message whether or not the email exists', async () => {
    const wrongPassword = await login('seller.a2@acme.test', 'not-the-password');
    const unknownEmail = await login('nobody@acme.test', 'not-the-password');
    expect(wrongPassword.statusCode).toBe(401);
    expect(unknownEmail.statusCode).toBe(401);
    expect(wrongPassword.json().error.message).toBe(unknownEmail.json().error.message);
  });

  it('pauses sign-in for an email after repeated failures, with a clear message, and reopens after the window', async () => {
    for (let i = 0; i < 3; i++) expect((await login('seller.b1@acme.test', 'bad-guess')).statusCode).toBe(401);
    const throttled = await login('seller.b1@acme.test', TEST_PASSWORD);
    expect(throttled.statusCode).toBe(429);
    expect(throttled.json().error.message).toMatch(/Too many failed sign-in attempts.*Wait 15 minutes/);
    ctx.clock.advance(16 * 60_000);
    expect((await login('seller.b1@acme.test', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('refuses a deactivated person and ends their sessions; records and history stay', async () => {
    const victim = await signIn(ctx.app, 'seller.a2@acme.test', TEST_PASSWORD);
    const user = (await ws.acme.admin.as.get(`/api/users/${ws.acme.sellerA2.user.id}`)).json();
    const off = await ws.acme.admin.as.patch(`/api/users/${user.id}`, { isActive: false, version: user.version });
    expect(off.statusCode).toBe(200);
    expect((await victim.get('/api/auth/session')).statusCode).toBe(401);
    const again = await login('seller.a2@acme.test', TEST_PASSWORD);
    expect(again.statusCode).toBe(401);
    expect(again.json().error).toMatchObject({ code: 'account-deactivated', message: expect.stringMatching(/deactivated/) });
    const theirDeal = await ws.acme.managerA.as.get(`/api/opportunities/${ws.books.sellerA2.opportunity.id}`);
    expect(theirDeal.statusCode).toBe(200);
    await ws.acme.admin.as.patch(`/api/users/${user.id}`, { isActive: true, version: off.json().version });
  });

  it('ends the session on logout', async () => {
    const session = await signIn(ctx.app, 'manager.b@acme.test', TEST_PASSWORD);
    expect((await session.post('/api/auth/logout')).statusCode).toBe(204);
    expect((await session.get('/api/auth/session')).statusCode).toBe(401);
  });

  it('expires sessions after their lifetime', async () => {
    const session = await signIn(ctx.app, 'vp@acme.test', TEST_PASSWORD);
    ctx.clock.advance(15 * 24 * 3_600_000);
    try {
      expect((await session.get('/api/auth/session')).statusCode).toBe(401);
    } finally {
      ctx.clock.advance(-15 * 24 * 3_600_000);
    }
  });
});

describe('CSRF protection of cookie-authenticated writes', () => {
  it('refuses a write that carries the cookie but not the token, and changes nothing', async () => {
    const { cookie } = ws.acme.sellerA1.as as unknown as { cookie: string };
    const noToken = callerWith(ctx.app, { cookie });
    const response = await noToken.post('/api/accounts', { name: 'Forged' });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('csrf-failed');
    const wrongToken = await callerWith(ctx.app, { cookie, csrf: 'guess' }).post('/api/accounts', { name: 'Forged' });
    expect(wrongToken.statusCode).toBe(403);
    const accounts = await ws.acme.sellerA1.as.get('/api/accounts?q=Forged');
    expect(accounts.json().total).toBe(0);
  });

  it('lets reads through without the token', async () => {
    const { cookie } = ws.acme.sellerA1.as as unknown as { cookie: string };
    expect((await callerWith(ctx.app, { cookie }).get('/api/accounts')).statusCode).toBe(200);
  });
});

describe('personal API tokens', () => {
  it('authenticate as Bearer without CSRF, record when last used, and stop working once revoked', async () => {
    const created = await ws.acme.managerA.as.post('/api/tokens', { name: 'Spreadsheet sync' });
    expect(created.statusCode).toBe(201);
    const { id, token, hint } = created.json();
    expect(token).toMatch(/^wst_/);
    expect(hint).not.toContain(token.slice(8, -4));
    const bearer = callerWith(ctx.app, { bearer: token });
    expect((await bearer.post('/api/accounts', { name: 'Via token' })).statusCode).toBe(201);
    const listed = (await ws.acme.managerA.as.get('/api/tokens')).json().items.find((t: { id: string }) => t.id === id);
    expect(listed.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(listed)).not.toContain(token);
    expect((await ws.acme.managerA.as.delete(`/api/tokens/${id}`)).statusCode).toBe(204);
    const after = await bearer.get('/api/accounts');
    expect(after.statusCode).toBe(401);
    expect(after.json().error.message).toMatch(/revoked/);
  });

  it('rejects a malformed Authorization header with 401', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/api/accounts', headers: { authorization: 'Basic abc' } });
    expect(response.statusCode).toBe(401);
  });
});

describe('malformed requests never cause a 500', () => {
  it.each([
    { label: 'malformed JSON', payload: '{"name": ', contentType: 'application/json', status: 400 },
    { label: 'an empty JSON body', payload: '', contentType: 'application/json', status: 400 },
    { label: 'a text body', payload: 'name=x', contentType: 'text/plain', status: 400 },
    { label: 'a 10 MB string', payload: JSON.stringify({ name: 'x'.repeat(10 * 1024 * 1024) }), contentType: 'application/json', status: 413 },
    { label: 'a JSON array', payload: '[1,2]', contentType: 'application/json', status: 400 },
    { label: 'JSON null', payload: 'null', contentType: 'application/json', status: 400 },
  ])('$label -> $status with an error body', async ({ payload, contentType, status }) => {
    const { cookie, csrf } = ws.acme.sellerA1.as as unknown as { cookie: string; csrf: string };
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/accounts',
      payload,
      headers: { 'content-type': contentType, cookie: `${SESSION_COOKIE}=${cookie}`, 'x-csrf-token': csrf },
    });
    expect(response.statusCode).toBe(status);
    expect(response.json().error.code).toMatch(/invalid-input|payload-too-large/);
  });

  it('answers unknown routes with a 404 error body', async () => {
    const response = await ws.acme.sellerA1.as.get('/api/nope');
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('not-found');
  });

  it('answers an over-long id with 400 and an unknown id with 404', async () => {
    expect((await ws.acme.sellerA1.as.get(`/api/opportunities/${'x'.repeat(100)}`)).statusCode).toBe(400);
    expect((await ws.acme.sellerA1.as.get(`/api/opportunities/${"1' or '1'='1"}`)).statusCode).toBe(404);
  });
});
