import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { createTestApp, callerWith, signIn, type TestContext } from '../../testing/test-app.ts';
import { buildWorkspace, TEST_PASSWORD, type Workspace } from '../../testing/workspace.ts';
import { SESSION_COOKIE } from './auth.routes.ts';

let ctx: TestContext;
let ws: Workspace;

beforeAll(async () => {
  ctx = await createTestApp({ loginMaxFailures: 3, loginEmailMaxFailures: 8, loginMaxDelayMinutes: 15 });
  ws = await buildWorkspace(ctx);
});
afterAll(() => ctx.close());

const login = (
  email: string,
  password: string,
  from = '127.0.0.1',
  headers: Record<string, string> = {},
  app = ctx.app,
) => app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, remoteAddress: from, headers });

const statusesOf = async (responses: Promise<{ statusCode: number }>[]) =>
  (await Promise.all(responses)).map((r) => r.statusCode);
const count = (statuses: number[], status: number) => statuses.filter((s) => s === status).length;

let people = 0;
/** A new Acme seller with TEST_PASSWORD, so each lockout case starts from clean counts. */
async function newPerson(): Promise<{ id: string; email: string }> {
  const email = `locked.${people++}@acme.test`;
  const response = await ws.acme.admin.as.post('/api/users', {
    email,
    name: `Lock ${people}`,
    role: 'seller',
    managerId: ws.acme.managerA.user.id,
    password: TEST_PASSWORD,
  });
  if (response.statusCode !== 201) throw new Error(response.body);
  return response.json();
}

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

  it('refuses a deactivated person and ends their sessions; records and history stay', async () => {
    const victim = await signIn(ctx.app, 'seller.a2@acme.test', TEST_PASSWORD);
    const user = (await ws.acme.admin.as.get(`/api/users/${ws.acme.sellerA2.user.id}`)).json();
    const off = await ws.acme.admin.as.patch(`/api/users/${user.id}`, { isActive: false, version: user.version });
    expect(off.statusCode).toBe(200);
    expect((await victim.get('/api/auth/session')).statusCode).toBe(401);
    expect((await login('seller.a2@acme.test', TEST_PASSWORD, '192.0.2.60')).statusCode).toBe(401);
    const theirDeal = await ws.acme.managerA.as.get(`/api/opportunities/${ws.books.sellerA2.opportunity.id}`);
    expect(theirDeal.statusCode).toBe(200);
    await ws.acme.admin.as.patch(`/api/users/${user.id}`, { isActive: true, version: off.json().version });
  });

  it('answers a deactivated account the same for the right and a wrong password, so a guess learns nothing', async () => {
    const { email, id } = await newPerson();
    const user = (await ws.acme.admin.as.get(`/api/users/${id}`)).json();
    const off = await ws.acme.admin.as.patch(`/api/users/${user.id}`, { isActive: false, version: user.version });
    const right = await login(email, TEST_PASSWORD, '192.0.2.61');
    const wrong = await login(email, 'not-the-password', '192.0.2.62');
    const unknown = await login('nobody.at.all@acme.test', 'not-the-password', '192.0.2.63');
    expect(right.statusCode).toBe(401);
    expect(right.json()).toEqual(wrong.json());
    expect(right.json()).toEqual(unknown.json());
    await ws.acme.admin.as.patch(`/api/users/${user.id}`, { isActive: true, version: off.json().version });
    expect((await login(email, TEST_PASSWORD, '192.0.2.61')).statusCode).toBe(200);
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

describe('the sign-in lockout', () => {
  // loginMaxFailures 3 per email and address, loginEmailMaxFailures 8 per email across addresses

  it('lets at most the limit of 60 parallel wrong guesses be checked; the rest answer 429 with Retry-After', async () => {
    const { email } = await newPerson();
    const responses = await Promise.all(Array.from({ length: 60 }, () => login(email, 'bad-guess', '198.51.100.1')));
    const statuses = responses.map((r) => r.statusCode);
    expect(count(statuses, 401)).toBeLessThanOrEqual(3);
    expect(count(statuses, 429)).toBe(60 - count(statuses, 401));
    const paused = responses.find((r) => r.statusCode === 429)!;
    expect(paused.json().error).toMatchObject({
      code: 'too-many-requests',
      message: expect.stringMatching(/Wait 1 minute/),
    });
    expect(Number(paused.headers['retry-after'])).toBeGreaterThan(0);
    // parallel requests read the test clock (1 ms a reading) in any order: a second of slack
    expect(Number(paused.headers['retry-after'])).toBeLessThanOrEqual(61);
  });

  it('never checks more than the limit when the right password races 19 wrong ones', async () => {
    const { email } = await newPerson();
    const guesses = Array.from({ length: 19 }, () => login(email, 'bad-guess', '198.51.100.2'));
    const statuses = await statusesOf([...guesses, login(email, TEST_PASSWORD, '198.51.100.2')]);
    // each attempt is counted before its password is checked: the right one is checked only if it
    // came among the first three, never after three wrong ones
    expect(statuses.filter((s) => s !== 429).length).toBeLessThanOrEqual(3);
    expect(count(statuses, 429)).toBeGreaterThanOrEqual(17);
  });

  it('pauses the guessing address while the owner signs in from another one', async () => {
    const { email } = await newPerson();
    for (let i = 0; i < 3; i++) expect((await login(email, 'bad-guess', '198.51.100.3')).statusCode).toBe(401);
    expect((await login(email, TEST_PASSWORD, '198.51.100.3')).statusCode).toBe(429);
    expect((await login(email, TEST_PASSWORD, '192.0.2.3')).statusCode).toBe(200);
  });

  it('makes the pause grow with each failure past the limit (1, 2, 4 minutes) and forgets it after a success', async () => {
    const { email } = await newPerson();
    const from = '198.51.100.4';
    const pausedFor = async () => {
      const paused = await login(email, TEST_PASSWORD, from);
      expect(paused.statusCode).toBe(429);
      return paused.json().error.message as string;
    };
    for (let i = 0; i < 3; i++) expect((await login(email, 'bad-guess', from)).statusCode).toBe(401);
    expect(await pausedFor()).toMatch(/Wait 1 minute /);
    ctx.clock.advance(61_000);
    expect((await login(email, 'bad-guess', from)).statusCode).toBe(401);
    expect(await pausedFor()).toMatch(/Wait 2 minutes/);
    ctx.clock.advance(121_000);
    expect((await login(email, 'bad-guess', from)).statusCode).toBe(401);
    expect(await pausedFor()).toMatch(/Wait 4 minutes/);
    ctx.clock.advance(241_000);
    expect((await login(email, TEST_PASSWORD, from)).statusCode).toBe(200);
    for (let i = 0; i < 3; i++) expect((await login(email, 'bad-guess', from)).statusCode).toBe(401);
    expect(await pausedFor()).toMatch(/Wait 1 minute /);
  });

  it('pauses an email guessed from many addresses once it passes the higher ceiling', async () => {
    const { email } = await newPerson();
    for (let i = 0; i < 8; i++) expect((await login(email, 'bad-guess', `203.0.113.${100 + i}`)).statusCode).toBe(401);
    const paused = await login(email, TEST_PASSWORD, '192.0.2.8');
    expect(paused.statusCode).toBe(429);
    expect(paused.headers['retry-after']).toBeDefined();
    ctx.clock.advance(61_000);
    expect((await login(email, TEST_PASSWORD, '192.0.2.8')).statusCode).toBe(200);
  });

  it('sweeps the counts of guesses at made-up emails once they are a day old', async () => {
    const stale = ['made.up.1@acme.test', 'made.up.2@acme.test'];
    for (const email of stale) await login(email, 'bad-guess', '198.51.100.9');
    const rowsOf = async () =>
      (await ctx.deps.db.selectFrom('login_throttles').select('email').where('email', 'in', stale).execute()).length;
    expect(await rowsOf()).toBe(4);
    ctx.clock.advance(25 * 3_600_000);
    const { email } = await newPerson();
    expect((await login(email, TEST_PASSWORD, '192.0.2.11')).statusCode).toBe(200);
    expect(await rowsOf()).toBe(0);
  });

  it("ignores X-Forwarded-For from an untrusted client: changing it escapes nothing and spends no one else's allowance", async () => {
    const { email } = await newPerson();
    const statuses = [];
    for (let i = 0; i < 5; i++)
      statuses.push(
        (await login(email, 'bad-guess', '198.51.100.5', { 'x-forwarded-for': `192.0.2.${200 + i}` })).statusCode,
      );
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    for (let i = 0; i < 4; i++) await login(email, 'bad-guess', '198.51.100.6', { 'x-forwarded-for': '192.0.2.9' });
    expect((await login(email, TEST_PASSWORD, '192.0.2.9')).statusCode).toBe(200);
  });

  it('keys the global rate limit on the real address, whatever X-Forwarded-For says', async () => {
    const limited = await createApp({ ...ctx.deps, config: { ...ctx.deps.config, rateLimitPerMinute: 5 } });
    try {
      const get = (i: number) =>
        limited.inject({
          method: 'GET',
          url: '/api/health',
          remoteAddress: '198.51.100.7',
          headers: { 'x-forwarded-for': `192.0.2.${i}` },
        });
      const statuses = [];
      for (let i = 0; i < 6; i++) statuses.push((await get(i)).statusCode);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    } finally {
      await limited.close();
    }
  });

  it('honours X-Forwarded-For from a proxy named in WINSIGHT_TRUST_PROXY, as a second instance sharing the counts', async () => {
    const behindProxy = await createApp({ ...ctx.deps, config: { ...ctx.deps.config, trustProxy: ['10.0.0.2'] } });
    try {
      const { email } = await newPerson();
      const via = (client: string, password: string) =>
        login(email, password, '10.0.0.2', { 'x-forwarded-for': client }, behindProxy);
      for (let i = 0; i < 3; i++) expect((await via('198.51.100.8', 'bad-guess')).statusCode).toBe(401);
      expect((await via('198.51.100.8', TEST_PASSWORD)).statusCode).toBe(429);
      // the first instance sees the same pause for that client
      expect((await login(email, TEST_PASSWORD, '198.51.100.8')).statusCode).toBe(429);
      expect((await via('192.0.2.10', TEST_PASSWORD)).statusCode).toBe(200);
    } finally {
      await behindProxy.close();
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
    const created = await ws.acme.managerA.as.post('/api/tokens', {
      name: 'Spreadsheet sync',
      scopes: ['read', 'write'],
    });
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

  it('do what their scopes allow: a read token reads and is refused every write', async () => {
    const { token, scopes, expiresAt } = (
      await ws.acme.sellerA1.as.post('/api/tokens', { name: 'Dashboard', scopes: ['read'] })
    ).json();
    expect(scopes).toEqual(['read']);
    // 90 days when not said
    expect(Date.parse(expiresAt) - ctx.deps.now().getTime()).toBeGreaterThan(89 * 86_400_000);
    const bearer = callerWith(ctx.app, { bearer: token });
    expect((await bearer.get('/api/accounts')).statusCode).toBe(200);
    const write = await bearer.post('/api/accounts', { name: 'Via a read token' });
    expect(write.statusCode).toBe(403);
    expect(write.json().error.message).toMatch(/only read/);
    expect((await ws.acme.sellerA1.as.get('/api/accounts?q=Via%20a%20read')).json().items).toEqual([]);
  });

  it('give an administrator’s token administration only with the admin scope', async () => {
    const make = async (scopes: string[]) =>
      callerWith(ctx.app, {
        bearer: (await ws.acme.admin.as.post('/api/tokens', { name: `admin ${scopes}`, scopes })).json().token,
      });
    const plain = await make(['read', 'write']);
    const admin = await make(['read', 'write', 'admin']);
    // records: both; administration: only the admin token
    expect((await plain.get('/api/accounts')).statusCode).toBe(200);
    expect((await plain.get('/api/admin/tokens')).statusCode).toBe(403);
    expect((await admin.get('/api/admin/tokens')).statusCode).toBe(200);
    // a seller's token never carries admin
    const refused = await ws.acme.sellerA1.as.post('/api/tokens', { name: 'x', scopes: ['read', 'admin'] });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.fields).toHaveProperty('scopes');
    // nor does a token make tokens (it could grant itself more than it has)
    const byToken = await admin.post('/api/tokens', { name: 'y', scopes: ['read'] });
    expect(byToken.statusCode).toBe(403);
  });

  it('stop working at their expiry, and refuse one in the past or over a year ahead, naming the field', async () => {
    const now = ctx.deps.now().getTime();
    const soon = new Date(now + 3_600_000).toISOString();
    const { token } = (
      await ws.acme.sellerA1.as.post('/api/tokens', { name: 'Short', scopes: ['read'], expiresAt: soon })
    ).json();
    const bearer = callerWith(ctx.app, { bearer: token });
    expect((await bearer.get('/api/accounts')).statusCode).toBe(200);
    ctx.clock.advance(2 * 3_600_000);
    try {
      expect((await bearer.get('/api/accounts')).statusCode).toBe(401);
    } finally {
      ctx.clock.advance(-2 * 3_600_000);
    }
    for (const [expiresAt, status] of [
      [new Date(now - 60_000).toISOString(), 422],
      [new Date(now + 400 * 86_400_000).toISOString(), 422],
      ['next week', 400],
    ] as const) {
      const response = await ws.acme.sellerA1.as.post('/api/tokens', { name: 'z', scopes: ['read'], expiresAt });
      expect(response.statusCode, expiresAt).toBe(status);
      expect(JSON.stringify(response.json().error)).toContain('expiresAt');
    }
    for (const scopes of [[], ['write'], ['read', 'root']]) {
      const response = await ws.acme.sellerA1.as.post('/api/tokens', { name: 'z', scopes });
      expect(response.statusCode).toBe(400);
      expect(JSON.stringify(response.json().error)).toContain('scopes');
    }
  });

  it('are all listed to an administrator with their owners, and revoked by them', async () => {
    const made = await ws.acme.managerB.as.post('/api/tokens', { name: 'Laptop script', scopes: ['read', 'write'] });
    expect(made.statusCode, made.body).toBe(201);
    const { id, token } = made.json();
    const listedResponse = await ws.acme.admin.as.get('/api/admin/tokens');
    expect(listedResponse.statusCode, listedResponse.body).toBe(200);
    const listed = listedResponse.json().items;
    const mine = listed.find((t: { id: string }) => t.id === id);
    expect(mine).toMatchObject({
      name: 'Laptop script',
      scopes: ['read', 'write'],
      owner: { id: ws.acme.managerB.user.id, isActive: true },
    });
    expect(JSON.stringify(listed)).not.toContain(token);
    // only the organization's own
    expect(listed.every((t: { owner: { id: string } }) => t.owner.id !== ws.globex.admin.user.id)).toBe(true);
    expect((await ws.acme.managerA.as.get('/api/admin/tokens')).statusCode).toBe(403);
    const revoked = await ws.acme.admin.as.delete(`/api/users/${ws.acme.managerB.user.id}/tokens/${id}`);
    expect(revoked.statusCode).toBe(204);
    expect((await callerWith(ctx.app, { bearer: token }).get('/api/accounts')).statusCode).toBe(401);
  });

  it('rejects a malformed Authorization header with 401', async () => {
    const response = await ctx.app.inject({
      method: 'GET',
      url: '/api/accounts',
      headers: { authorization: 'Basic abc' },
    });
    expect(response.statusCode).toBe(401);
  });
});

describe('malformed requests never cause a 500', () => {
  it.each([
    { label: 'malformed JSON', payload: '{"name": ', contentType: 'application/json', status: 400 },
    { label: 'an empty JSON body', payload: '', contentType: 'application/json', status: 400 },
    { label: 'a text body', payload: 'name=x', contentType: 'text/plain', status: 400 },
    {
      label: 'a 10 MB string',
      payload: JSON.stringify({ name: 'x'.repeat(10 * 1024 * 1024) }),
      contentType: 'application/json',
      status: 413,
    },
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
