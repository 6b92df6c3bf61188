import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOidcProvider, signInAtProvider, type TestOidcProvider } from '../../testing/oidc-provider.ts';
import { statementCounter } from '../../testing/statements.ts';
import { callerWith, createTestApp, signIn, type TestContext } from '../../testing/test-app.ts';
import { buildWorkspace, TEST_PASSWORD, type Workspace } from '../../testing/workspace.ts';
import { SESSION_COOKIE } from './auth.routes.ts';

// Single sign-on through a real OpenID Connect provider running in this process: the app sends the
// browser to the provider, which signs a person in and sends them back with a code.

const APP = 'http://localhost';
const CALLBACK = `${APP}/api/auth/sso/callback`;

let ctx: TestContext;
let ws: Workspace;
let idp: TestOidcProvider;
const counter = statementCounter();

beforeAll(async () => {
  idp = await startOidcProvider([CALLBACK]);
  ctx = await createTestApp({}, { plugin: counter.plugin });
  ws = await buildWorkspace(ctx);
  idp.identities.set('sub-sam', { sub: 'sub-sam', email: 'seller.a1@acme.test', name: 'Sam Seller' });
  idp.identities.set('sub-new', { sub: 'sub-new', email: 'newcomer@acme.test', name: 'Nora Newcomer' });
  idp.identities.set('sub-unverified', { sub: 'sub-unverified', email: 'seller.a2@acme.test', emailVerified: false });
  idp.identities.set('sub-other-domain', { sub: 'sub-other-domain', email: 'someone@elsewhere.test' });
  idp.identities.set('sub-gina', { sub: 'sub-gina', email: 'seller@globex.test' });
});
afterAll(async () => {
  await ctx.close();
  await idp.close();
});

const settings = (overrides: Record<string, unknown> = {}) => ({
  issuer: idp.issuer,
  clientId: idp.clientId,
  clientSecret: idp.clientSecret,
  allowedDomains: ['acme.test'],
  createsUsers: false,
  isEnabled: true,
  ...overrides,
});

/** Starts at the app, signs in at the provider as `login`, comes back: the app's last answer. */
async function signInThroughProvider(email: string, login: string, next?: string) {
  const start = await ctx.app.inject({
    method: 'POST',
    url: '/api/auth/sso/start',
    payload: { email, ...(next ? { next } : {}) },
  });
  expect(start.statusCode, start.body).toBe(200);
  const state = start.cookies.find((c) => c.name === 'winsight_sso_state')!;
  const back = await signInAtProvider(start.json<{ redirectTo: string }>().redirectTo, login, CALLBACK);
  return ctx.app.inject({
    method: 'GET',
    url: `${back.pathname}${back.search}`,
    headers: { cookie: `winsight_sso_state=${state.value}` },
  });
}

const errorOf = (response: { headers: Record<string, unknown> }) =>
  new URL(String(response.headers['location']), APP).searchParams.get('sso_error');

describe('single sign-on settings', () => {
  it('are read from the provider before saving, and answered without the client secret', async () => {
    const empty = await ws.acme.admin.as.get('/api/admin/sso');
    expect(empty.json()).toEqual({ settings: null, redirectUri: CALLBACK });

    const saved = await ws.acme.admin.as.put(
      '/api/admin/sso',
      settings({ allowedDomains: ['ACME.test', '@acme.test'] }),
    );
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().settings).toMatchObject({
      issuer: idp.issuer,
      clientId: idp.clientId,
      isClientSecretSet: true,
      isClientSecretUnreadable: false,
      allowedDomains: ['acme.test'],
      isEnabled: true,
      updatedByName: 'Ada Admin',
    });
    expect(saved.body).not.toContain(idp.clientSecret);
    const row = await ctx.deps.db.selectFrom('sso_settings').select('client_secret').executeTakeFirstOrThrow();
    expect(row.client_secret).not.toContain(idp.clientSecret);
  });

  it('refuses an issuer that is not a provider, naming the field', async () => {
    const response = await ws.acme.admin.as.put('/api/admin/sso', settings({ issuer: `${APP}/nothing-here` }));
    expect(response.statusCode).toBe(422);
    expect(response.json().error.fields.issuer).toMatch(/Could not read the provider's settings/);
  });

  it('refuses a provider over plain http away from this machine', async () => {
    const response = await ws.acme.admin.as.put('/api/admin/sso', settings({ issuer: 'http://login.example.com' }));
    expect(response.statusCode).toBe(422);
    expect(response.json().error.fields.issuer).toMatch(/https/);
  });

  it('refuses a domain another organization signs in, and malformed input naming the field', async () => {
    const taken = await ws.globex.admin.as.put('/api/admin/sso', settings({ allowedDomains: ['acme.test'] }));
    expect(taken.statusCode).toBe(422);
    expect(taken.json().error.fields.allowedDomains).toMatch(/acme\.test signs in through another organization/);

    const bad = await ws.acme.admin.as.put('/api/admin/sso', settings({ allowedDomains: ['not a domain'] }));
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().error.fields)).toMatch(/allowedDomains/);
  });

  it('are for administrators only', async () => {
    expect((await ws.acme.managerA.as.get('/api/admin/sso')).statusCode).toBe(403);
    expect((await ws.acme.sellerA1.as.put('/api/admin/sso', settings())).statusCode).toBe(403);
  });
});

describe('signing in through the provider', () => {
  beforeAll(async () => {
    const saved = await ws.acme.admin.as.put('/api/admin/sso', settings());
    expect(saved.statusCode, saved.body).toBe(200);
  });

  it('signs a known person in and goes where they were going', async () => {
    const back = await signInThroughProvider('seller.a1@acme.test', 'sub-sam', '/opportunities?owner=me');
    expect(back.statusCode).toBe(302);
    expect(errorOf(back)).toBeNull();
    expect(back.headers['location']).toBe('/opportunities?owner=me');
    const cookie = back.cookies.find((c) => c.name === SESSION_COOKIE)!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const session = await callerWith(ctx.app, { cookie: cookie.value }).get('/api/auth/session');
    expect(session.json().user).toMatchObject({ id: ws.acme.sellerA1.user.id, email: 'seller.a1@acme.test' });
  });

  it('finds the person by the identity they signed in with, even after their address changed at the provider', async () => {
    idp.identities.set('sub-sam', { sub: 'sub-sam', email: 'sam.seller@acme.test' });
    try {
      const back = await signInThroughProvider('sam.seller@acme.test', 'sub-sam');
      const cookie = back.cookies.find((c) => c.name === SESSION_COOKIE)!;
      const session = await callerWith(ctx.app, { cookie: cookie.value }).get('/api/auth/session');
      expect(session.json().user.id).toBe(ws.acme.sellerA1.user.id);
    } finally {
      idp.identities.set('sub-sam', { sub: 'sub-sam', email: 'seller.a1@acme.test', name: 'Sam Seller' });
    }
  });

  // starting: the domain's organization, its settings and domains, sweeping stale attempts, the
  // attempt; finishing: taking the attempt, the settings and domains, the identity, the person,
  // refreshing the identity, the session
  it('starts in 5 statements and signs a known person in with 7', async () => {
    counter.take();
    const start = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/sso/start',
      payload: { email: 'seller.a1@acme.test' },
    });
    expect(counter.take().length).toBeLessThanOrEqual(5);
    const state = start.cookies.find((c) => c.name === 'winsight_sso_state')!.value;
    const back = await signInAtProvider(start.json().redirectTo, 'sub-sam', CALLBACK);
    counter.take();
    const done = await ctx.app.inject({
      method: 'GET',
      url: `${back.pathname}${back.search}`,
      headers: { cookie: `winsight_sso_state=${state}` },
    });
    expect(done.headers['location']).toBe('/');
    expect(counter.take().length).toBeLessThanOrEqual(7);
  });

  it('never follows a next address off the app', async () => {
    const back = await signInThroughProvider('seller.a1@acme.test', 'sub-sam', '//evil.example.com/x');
    expect(back.headers['location']).toBe('/');
  });

  it('refuses a newcomer unless the organization lets first sign-ins create sellers', async () => {
    const refused = await signInThroughProvider('newcomer@acme.test', 'sub-new');
    expect(refused.headers['location']).toMatch(/^\/login\?sso_error=/);
    expect(errorOf(refused)).toMatch(/newcomer@acme\.test is not set up in Winsight yet/);
    expect(refused.cookies.find((c) => c.name === SESSION_COOKIE)).toBeUndefined();

    await ws.acme.admin.as.put('/api/admin/sso', { ...settings({ createsUsers: true }), clientSecret: undefined });
    const created = await signInThroughProvider('newcomer@acme.test', 'sub-new');
    expect(created.headers['location']).toBe('/');
    const people = (await ws.acme.admin.as.get('/api/users')).json<{ items: Array<Record<string, unknown>> }>();
    expect(people.items.find((p) => p['email'] === 'newcomer@acme.test')).toMatchObject({
      name: 'Nora Newcomer',
      role: 'seller',
      isActive: true,
      managerId: null,
    });
    // the administrators are told to give the newcomer a manager and a role
    const inbox = (await ws.acme.admin.as.get('/api/inbox')).json<{ items: Array<Record<string, unknown>> }>();
    expect(inbox.items.find((m) => m['kind'] === 'person-joined')).toMatchObject({
      subject: 'Nora Newcomer joined through single sign-on',
      link: '/admin/users',
    });
    const theirs = (await ws.acme.sellerA1.as.get('/api/inbox')).json<{ items: Array<Record<string, unknown>> }>();
    expect(theirs.items.some((m) => m['kind'] === 'person-joined')).toBe(false);
    await ws.acme.admin.as.put('/api/admin/sso', settings());
  });

  it('refuses an address the provider has not verified, or of a domain not allowed', async () => {
    const unverified = await signInThroughProvider('seller.a2@acme.test', 'sub-unverified');
    expect(errorOf(unverified)).toMatch(/has not verified your e-mail address/);
    const otherDomain = await signInThroughProvider('seller.a1@acme.test', 'sub-other-domain');
    expect(errorOf(otherDomain)).toMatch(/elsewhere\.test addresses do not sign in to this organization/);
  });

  it("refuses another organization's people, even with an address of an allowed domain", async () => {
    const otherDomain = await signInThroughProvider('seller.a1@acme.test', 'sub-gina');
    expect(errorOf(otherDomain)).toMatch(/globex\.test addresses do not sign in/);

    const contractor = await ws.globex.admin.as.post('/api/users', {
      email: 'contractor@acme.test',
      name: 'Carl Contractor',
      role: 'seller',
      managerId: ws.globex.admin.user.id,
    });
    expect(contractor.statusCode, contractor.body).toBe(201);
    idp.identities.set('sub-carl', { sub: 'sub-carl', email: 'contractor@acme.test' });
    const back = await signInThroughProvider('contractor@acme.test', 'sub-carl');
    expect(errorOf(back)).toMatch(/belongs to another organization/);
  });

  it('refuses a deactivated person', async () => {
    const person = (await ws.acme.admin.as.get(`/api/users/${ws.acme.sellerB1.user.id}`)).json();
    idp.identities.set('sub-bob', { sub: 'sub-bob', email: 'seller.b1@acme.test' });
    await ws.acme.admin.as.patch(`/api/users/${person.id}`, { isActive: false, version: person.version });
    const back = await signInThroughProvider('seller.b1@acme.test', 'sub-bob');
    expect(errorOf(back)).toMatch(/deactivated/);
    const again = (await ws.acme.admin.as.get(`/api/users/${person.id}`)).json();
    await ws.acme.admin.as.patch(`/api/users/${person.id}`, { isActive: true, version: again.version });
  });

  it('finishes only in the browser that began, and only once', async () => {
    const start = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/sso/start',
      payload: { email: 'seller.a1@acme.test' },
    });
    const state = start.cookies.find((c) => c.name === 'winsight_sso_state')!.value;
    const back = await signInAtProvider(start.json().redirectTo, 'sub-sam', CALLBACK);
    const url = `${back.pathname}${back.search}`;
    const elsewhere = await ctx.app.inject({ method: 'GET', url });
    expect(errorOf(elsewhere)).toMatch(/started in another browser/);
    const first = await ctx.app.inject({ method: 'GET', url, headers: { cookie: `winsight_sso_state=${state}` } });
    expect(first.headers['location']).toBe('/');
    const replay = await ctx.app.inject({ method: 'GET', url, headers: { cookie: `winsight_sso_state=${state}` } });
    expect(errorOf(replay)).toMatch(/expired or was already used/);
  });

  it('says so when the provider refuses, and when an address has no provider', async () => {
    const refused = await ctx.app.inject({
      method: 'GET',
      url: '/api/auth/sso/callback?error=access_denied&error_description=User%20cancelled',
    });
    expect(errorOf(refused)).toBe("Your organization's provider did not sign you in: User cancelled");

    const none = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/sso/start',
      payload: { email: 'someone@globex.test' },
    });
    expect(none.statusCode).toBe(422);
    expect(none.json().error.fields.email).toMatch(/Single sign-on is not set up for globex\.test/);
    const malformed = await ctx.app.inject({ method: 'POST', url: '/api/auth/sso/start', payload: { email: 'x' } });
    expect(malformed.statusCode).toBe(400);
  });

  it('when required, refuses password sign-in to all but administrators (the break-glass), saying where to sign in', async () => {
    const password = (email: string, secret = TEST_PASSWORD) =>
      ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: secret } });
    const before = await signIn(ctx.app, 'seller.a2@acme.test', TEST_PASSWORD);
    expect((await before.get('/api/opportunities')).statusCode).toBe(200);
    const required = await ws.acme.admin.as.put('/api/admin/sso', {
      ...settings({ requiresSso: true }),
      clientSecret: undefined,
    });
    expect(required.statusCode, required.body).toBe(200);
    expect(required.json().settings).toMatchObject({ isEnabled: true, requiresSso: true });
    // the sessions passwords opened end with them; administrators stay signed in
    expect((await before.get('/api/opportunities')).statusCode).toBe(401);
    expect((await ws.acme.admin.as.get('/api/opportunities')).statusCode).toBe(200);
    expect((await ws.globex.seller.as.get('/api/opportunities')).statusCode).toBe(200);

    for (const email of ['seller.a1@acme.test', 'manager.a@acme.test']) {
      const refused = await password(email);
      expect(refused.statusCode, email).toBe(403);
      expect(refused.json().error).toMatchObject({ code: 'forbidden' });
      expect(refused.json().error.message).toMatch(/identity provider: use "Continue with single sign-on"/);
      expect(refused.cookies.find((c) => c.name === SESSION_COOKIE)).toBeUndefined();
    }
    // a wrong password says no more than it did
    expect((await password('seller.a2@acme.test', 'not-the-password')).statusCode).toBe(401);
    // administrators keep their password; another organization's people are not concerned
    expect((await password('admin@acme.test')).statusCode).toBe(200);
    expect((await password('seller@globex.test')).statusCode).toBe(200);
    // through the provider, as before
    expect((await signInThroughProvider('seller.a1@acme.test', 'sub-sam')).headers['location']).toBe('/');

    // saved again without saying, it stays required; the change is in the organization's audit trail
    const kept = await ws.acme.admin.as.put('/api/admin/sso', { ...settings(), clientSecret: undefined });
    expect(kept.json().settings.requiresSso).toBe(true);
    const audited = await ctx.deps.db
      .selectFrom('audit_events')
      .select('changes')
      .where('entity_type', '=', 'organization')
      .where('entity_id', '=', ws.acme.orgId)
      .where('changes', 'like', '%sso.requiresSso%')
      .execute();
    expect(audited.map((a) => JSON.parse(a.changes!) as unknown)).toContainEqual(
      expect.arrayContaining([{ field: 'sso.requiresSso', from: false, to: true }]),
    );

    // it holds only while sign-in through the provider is on
    await ws.acme.admin.as.put('/api/admin/sso', { ...settings({ isEnabled: false }), clientSecret: undefined });
    expect((await password('manager.a@acme.test')).statusCode).toBe(200);
    await ws.acme.admin.as.put('/api/admin/sso', { ...settings({ requiresSso: false }), clientSecret: undefined });
    expect((await password('seller.a1@acme.test')).statusCode).toBe(200);
  });

  it('stops when an administrator turns it off, and local passwords keep working', async () => {
    await ws.acme.admin.as.put('/api/admin/sso', { ...settings({ isEnabled: false }), clientSecret: undefined });
    const start = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/sso/start',
      payload: { email: 'seller.a1@acme.test' },
    });
    expect(start.statusCode).toBe(422);
    const password = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'seller.a1@acme.test', password: TEST_PASSWORD },
    });
    expect(password.statusCode).toBe(200);
    expect((await ws.acme.admin.as.delete('/api/admin/sso')).statusCode).toBe(204);
    expect((await ws.acme.admin.as.get('/api/admin/sso')).json().settings).toBeNull();
    expect((await ws.acme.admin.as.delete('/api/admin/sso')).statusCode).toBe(404);
  });
});
