import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, callerWith, signIn, type Caller, type TestContext } from '../testing/test-app.ts';
import { buildWorkspace, TEST_PASSWORD, type Workspace } from '../testing/workspace.ts';
import { notify } from './inbox/index.ts';

// One walk over every API route for every kind of caller. The target records belong to
// sellerA1 of Acme. A new route that is not listed here fails the coverage check below.

let ctx: TestContext;
let ws: Workspace;

beforeAll(async () => {
  ctx = await createTestApp();
  ws = await buildWorkspace(ctx);
});
afterAll(() => ctx.close());

const ROLES = ['seller', 'manager', 'otherManager', 'acmeAdmin', 'otherOrgAdmin', 'anonymous', 'badToken'] as const;
type RoleName = (typeof ROLES)[number];

function callerFor(role: RoleName): Caller {
  switch (role) {
    case 'seller':
      return ws.acme.sellerA1.as;
    case 'manager':
      return ws.acme.managerA.as;
    case 'otherManager':
      return ws.acme.managerB.as;
    case 'acmeAdmin':
      return ws.acme.admin.as;
    case 'otherOrgAdmin':
      return ws.globex.admin.as;
    case 'anonymous':
      return callerWith(ctx.app);
    case 'badToken':
      return callerWith(ctx.app, { bearer: 'wst_not-a-real-token' });
  }
}

type Request = { method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'; url: string; body?: unknown };
type Case = {
  /** builds a fresh target for each call, so destructive routes never affect one another */
  request: (role: RoleName) => Promise<Request>;
  expect: Record<RoleName, number>;
  /** for lists: whether the seller's record appears in the answer, per role that gets 200 */
  listed?: { id: () => string; visibleTo: RoleName[]; /** the answer is CSV with an Id column */ csv?: boolean };
};

const unauthenticated = { anonymous: 401, badToken: 401 } as const;
const teamOnly = (ok: number) => ({
  seller: ok,
  manager: ok,
  otherManager: 404,
  acmeAdmin: ok,
  otherOrgAdmin: 404,
  ...unauthenticated,
});
const everyone = (ok: number) => ({
  seller: ok,
  manager: ok,
  otherManager: ok,
  acmeAdmin: ok,
  otherOrgAdmin: ok,
  ...unauthenticated,
});
const adminOnly = (ok: number, otherOrg: number) => ({
  seller: 403,
  manager: 403,
  otherManager: 403,
  acmeAdmin: ok,
  otherOrgAdmin: otherOrg,
  ...unauthenticated,
});

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

async function json<T>(response: Promise<{ statusCode: number; body: string; json<U>(): U }>): Promise<T> {
  const r = await response;
  if (r.statusCode >= 300) throw new Error(`fixture failed: ${r.statusCode} ${r.body}`);
  return r.json<T>();
}

const seller = () => ws.acme.sellerA1.as;
const freshAccount = () =>
  json<{ id: string; version: number }>(seller().post('/api/accounts', { name: `Acct ${unique()}` }));
const freshContact = () =>
  json<{ id: string; version: number }>(
    seller().post('/api/contacts', { accountId: ws.books.sellerA1.account.id, name: `Contact ${unique()}` }),
  );
const freshOpportunity = () =>
  json<{ id: string; version: number }>(
    seller().post('/api/opportunities', {
      name: `Opp ${unique()}`,
      accountId: ws.books.sellerA1.account.id,
      amountMinor: 100,
      currency: 'USD',
      expectedCloseDate: '2027-01-31',
    }),
  );
const deleted = async (path: string, make: () => Promise<{ id: string }>) => {
  const record = await make();
  await seller().delete(`${path}/${record.id}`);
  return record;
};
const acmeStages = async () =>
  (await json<{ items: Array<{ id: string; version: number }> }>(ws.acme.admin.as.get('/api/stages'))).items;

const CASES: Record<string, Case> = {
  'GET /api/about': {
    request: async () => ({ method: 'GET', url: '/api/about' }),
    expect: { ...everyone(200), anonymous: 200, badToken: 200 },
  },
  'GET /api/health': {
    request: async () => ({ method: 'GET', url: '/api/health' }),
    expect: { ...everyone(200), anonymous: 200, badToken: 200 },
  },
  'POST /api/auth/login': {
    // a wrong pair for everyone (one email per role, so throttling never kicks in here)
    request: async (role) => ({
      method: 'POST',
      url: '/api/auth/login',
      body: { email: `${role.toLowerCase()}@acme.test`, password: 'wrong-password' },
    }),
    expect: { ...everyone(401) },
  },
  'POST /api/auth/logout': {
    request: async () => ({ method: 'POST', url: '/api/auth/logout' }),
    expect: everyone(204),
  },
  'GET /api/auth/session': {
    request: async () => ({ method: 'GET', url: '/api/auth/session' }),
    expect: everyone(200),
  },
  'GET /api/tokens': { request: async () => ({ method: 'GET', url: '/api/tokens' }), expect: everyone(200) },
  'POST /api/tokens': {
    request: async () => ({ method: 'POST', url: '/api/tokens', body: { name: 'walk', scopes: ['read', 'write'] } }),
    expect: everyone(201),
  },
  'DELETE /api/tokens/{id}': {
    request: async () => {
      const token = await json<{ id: string }>(seller().post('/api/tokens', { name: 'to revoke', scopes: ['read'] }));
      return { method: 'DELETE', url: `/api/tokens/${token.id}` };
    },
    // only the token's owner can revoke it; to anyone else it does not exist
    expect: { seller: 204, manager: 404, otherManager: 404, acmeAdmin: 404, otherOrgAdmin: 404, ...unauthenticated },
  },

  'GET /api/users': {
    request: async () => ({ method: 'GET', url: '/api/users' }),
    expect: everyone(200),
    listed: { id: () => ws.acme.sellerA1.user.id, visibleTo: ['seller', 'manager', 'otherManager', 'acmeAdmin'] },
  },
  'POST /api/users': {
    request: async () => ({
      method: 'POST',
      url: '/api/users',
      body: { email: `new.${unique()}@acme.test`, name: 'New Person', role: 'seller' },
    }),
    expect: adminOnly(201, 201),
  },
  'GET /api/users/{id}': {
    request: async () => ({ method: 'GET', url: `/api/users/${ws.acme.sellerA1.user.id}` }),
    expect: { ...everyone(200), otherOrgAdmin: 404 },
  },
  'PATCH /api/users/{id}': {
    request: async () => {
      const user = await json<{ version: number }>(ws.acme.admin.as.get(`/api/users/${ws.acme.sellerA2.user.id}`));
      return {
        method: 'PATCH',
        url: `/api/users/${ws.acme.sellerA2.user.id}`,
        body: { name: `Sue ${unique()}`, version: user.version },
      };
    },
    expect: adminOnly(200, 404),
  },
  'POST /api/users/{id}/reassign': {
    request: async () => ({
      method: 'POST',
      url: `/api/users/${ws.acme.sellerA2.user.id}/reassign`,
      body: { toUserId: ws.acme.sellerA2.user.id },
    }),
    // the acme admin gets past the gate, and is refused for naming the same person twice
    expect: adminOnly(422, 404),
  },
  'GET /api/users/{id}/history': {
    request: async () => ({ method: 'GET', url: `/api/users/${ws.acme.sellerA1.user.id}/history` }),
    expect: adminOnly(200, 404),
  },
  'GET /api/users/{id}/tokens': {
    request: async () => ({ method: 'GET', url: `/api/users/${ws.acme.sellerA1.user.id}/tokens` }),
    expect: adminOnly(200, 404),
  },
  'DELETE /api/users/{id}/tokens/{tokenId}': {
    request: async () => {
      const token = await json<{ id: string }>(seller().post('/api/tokens', { name: 'to revoke', scopes: ['read'] }));
      return { method: 'DELETE', url: `/api/users/${ws.acme.sellerA1.user.id}/tokens/${token.id}` };
    },
    expect: adminOnly(204, 404),
  },

  'GET /api/stages': { request: async () => ({ method: 'GET', url: '/api/stages' }), expect: everyone(200) },
  'POST /api/stages': {
    request: async () => ({ method: 'POST', url: '/api/stages', body: { name: `Stage ${unique()}`, probability: 50 } }),
    expect: adminOnly(201, 201),
  },
  'PATCH /api/stages/{id}': {
    request: async () => {
      const [first] = await acmeStages();
      return { method: 'PATCH', url: `/api/stages/${first!.id}`, body: { probability: 10, version: first!.version } };
    },
    expect: adminOnly(200, 404),
  },
  'PUT /api/stages/order': {
    request: async () => ({
      method: 'PUT',
      url: '/api/stages/order',
      body: { ids: (await acmeStages()).map((s) => s.id) },
    }),
    // to another organization these ids are not its stages
    expect: adminOnly(200, 422),
  },
  'DELETE /api/stages/{id}': {
    request: async () => {
      const stage = await json<{ id: string }>(
        ws.acme.admin.as.post('/api/stages', { name: `Doomed ${unique()}`, probability: 5 }),
      );
      return { method: 'DELETE', url: `/api/stages/${stage.id}` };
    },
    expect: adminOnly(204, 404),
  },
};

// The reporting currency and its rates: every member reads them, administrators change them.
const freshDay = () => new Date(Date.UTC(2000, 0, 1 + counter++)).toISOString().slice(0, 10);
Object.assign(CASES, {
  // sellerA1's deals: their own, their managers' and their admin's to review, nobody else's
  'GET /api/reviews/top': {
    request: async () => ({ method: 'GET', url: `/api/reviews/top?owner=${ws.acme.sellerA1.user.id}` }),
    expect: teamOnly(200),
  },
  'GET /api/reviews/top.csv': {
    request: async () => ({ method: 'GET', url: `/api/reviews/top.csv?owner=${ws.acme.sellerA1.user.id}` }),
    expect: teamOnly(200),
  },
  'GET /api/reviews/top.pdf': {
    request: async () => ({ method: 'GET', url: `/api/reviews/top.pdf?owner=${ws.acme.sellerA1.user.id}` }),
    expect: teamOnly(200),
  },
  'GET /api/actions/mine': {
    request: async () => ({ method: 'GET', url: '/api/actions/mine' }),
    expect: everyone(200),
  },
  'GET /api/opportunities/{id}/actions': {
    request: async () => ({ method: 'GET', url: `/api/opportunities/${(await freshOpportunity()).id}/actions` }),
    expect: teamOnly(200),
  },
  'POST /api/opportunities/{id}/actions': {
    request: async () => ({
      method: 'POST',
      url: `/api/opportunities/${(await freshOpportunity()).id}/actions`,
      body: { text: 'Book the demo', ownerId: ws.acme.sellerA1.user.id, dueDate: '2099-01-31' },
    }),
    expect: teamOnly(201),
  },
  'PATCH /api/opportunities/{id}/actions/{actionId}': {
    request: async () => {
      const deal = await freshOpportunity();
      const action = await json<{ id: string }>(
        seller().post(`/api/opportunities/${deal.id}/actions`, {
          text: 'Send the proposal',
          ownerId: ws.acme.sellerA1.user.id,
          dueDate: '2099-01-31',
        }),
      );
      return { method: 'PATCH', url: `/api/opportunities/${deal.id}/actions/${action.id}`, body: { done: true } };
    },
    expect: teamOnly(200),
  },
  'GET /api/reviews/changes': {
    request: async () => ({ method: 'GET', url: `/api/reviews/changes?owner=${ws.acme.sellerA1.user.id}` }),
    expect: teamOnly(200),
  },
  'POST /api/reviews/meetings': {
    request: async () => ({ method: 'POST', url: '/api/reviews/meetings', body: { owner: ws.acme.sellerA1.user.id } }),
    // a seller is told reviews are their manager's to record before anything else
    expect: { ...teamOnly(201), seller: 403 },
  },
  'GET /api/opportunities/{id}/marks': {
    request: async () => ({ method: 'GET', url: `/api/opportunities/${(await freshOpportunity()).id}/marks` }),
    expect: teamOnly(200),
  },
  'POST /api/opportunities/{id}/marks': {
    request: async () => ({
      method: 'POST',
      url: `/api/opportunities/${(await freshOpportunity()).id}/marks`,
      body: { topic: 'evaluators', note: 'Who signs?' },
    }),
    expect: teamOnly(201),
  },
  'DELETE /api/opportunities/{id}/marks/{markId}': {
    request: async () => {
      const deal = await freshOpportunity();
      const mark = await json<{ id: string }>(seller().post(`/api/opportunities/${deal.id}/marks`, { topic: 'deal' }));
      return { method: 'DELETE', url: `/api/opportunities/${deal.id}/marks/${mark.id}` };
    },
    expect: teamOnly(204),
  },
  // a seller's scorecard: theirs, their managers' and admins', never a peer's
  'GET /api/coaching/sellers/{id}/scorecard': {
    request: async () => ({ method: 'GET', url: `/api/coaching/sellers/${ws.acme.sellerA1.user.id}/scorecard` }),
    expect: teamOnly(200),
  },
  'GET /api/coaching/team': {
    request: async () => ({ method: 'GET', url: `/api/coaching/team?manager=${ws.acme.managerA.user.id}` }),
    expect: { ...teamOnly(200), seller: 403 },
  },
  'GET /api/forecast': {
    request: async () => ({ method: 'GET', url: `/api/forecast?owner=${ws.acme.sellerA1.user.id}` }),
    expect: teamOnly(200),
  },
  'GET /api/forecast/accuracy': {
    request: async () => ({ method: 'GET', url: `/api/forecast/accuracy?owner=${ws.acme.sellerA1.user.id}` }),
    expect: teamOnly(200),
  },
  'GET /api/forecast/waterfall': {
    request: async () => ({ method: 'GET', url: `/api/forecast/waterfall?owner=${ws.acme.sellerA1.user.id}` }),
    expect: teamOnly(200),
  },
  'PUT /api/forecast/target': {
    request: async () => ({
      method: 'PUT',
      url: '/api/forecast/target',
      body: { period: '2027-Q1', owner: ws.acme.sellerA1.user.id, amountMinor: 5_000_000 },
    }),
    // a seller is told targets are not theirs to set before anything else
    expect: { ...teamOnly(200), seller: 403 },
  },
  'POST /api/forecast/calls': {
    request: async () => ({
      method: 'POST',
      url: '/api/forecast/calls',
      body: { period: '2027-Q1', owner: ws.acme.sellerA1.user.id, amountMinor: 4_000_000, reason: 'Two deals slip' },
    }),
    expect: teamOnly(200),
  },

  'GET /api/reviews/win-loss': {
    request: async () => ({ method: 'GET', url: `/api/reviews/win-loss?owner=${ws.acme.sellerA1.user.id}` }),
    expect: teamOnly(200),
  },
  'GET /api/reviews/win-loss.csv': {
    request: async () => ({ method: 'GET', url: `/api/reviews/win-loss.csv?owner=${ws.acme.sellerA1.user.id}` }),
    expect: teamOnly(200),
  },
  // a closed deal's retrospective: whoever may change the deal writes it
  'PUT /api/opportunities/{id}/retrospective': {
    request: async () => {
      const opp = await freshOpportunity();
      await json(seller().patch(`/api/opportunities/${opp.id}`, { status: 'lost', version: opp.version }));
      return { method: 'PUT', url: `/api/opportunities/${opp.id}/retrospective`, body: { text: 'Lost on price' } };
    },
    expect: teamOnly(200),
  },
  'GET /api/currency': { request: async () => ({ method: 'GET', url: '/api/currency' }), expect: everyone(200) },
  'PUT /api/currency/reporting': {
    request: async () => ({ method: 'PUT', url: '/api/currency/reporting', body: { reportingCurrency: 'USD' } }),
    // each organization sets its own
    expect: adminOnly(200, 200),
  },
  'POST /api/currency/rates': {
    request: async () => ({
      method: 'POST',
      url: '/api/currency/rates',
      body: { currency: 'EUR', validFrom: freshDay(), rate: '1.1' },
    }),
    expect: adminOnly(201, 201),
  },
  'DELETE /api/currency/rates/{currency}/{validFrom}': {
    request: async () => {
      const rate = await json<{ currency: string; validFrom: string }>(
        ws.acme.admin.as.post('/api/currency/rates', { currency: 'GBP', validFrom: freshDay(), rate: '1.27' }),
      );
      return { method: 'DELETE', url: `/api/currency/rates/${rate.currency}/${rate.validFrom}` };
    },
    // another organization has no such rate
    expect: adminOnly(204, 404),
  },
  'POST /api/currency/rates/import': {
    request: async () => ({
      method: 'POST',
      url: '/api/currency/rates/import',
      body: { csv: `currency,valid_from,rate\nJPY,${freshDay()},0.0067\n` },
    }),
    expect: adminOnly(200, 200),
  },
} satisfies Record<string, Case>);

function recordCases(
  path: string,
  make: () => Promise<{ id: string; version: number }>,
  createBody: () => unknown,
  patchBody: Record<string, unknown>,
  listedId: () => string,
) {
  const base = `/api/${path}`;
  CASES[`GET ${base}`] = {
    request: async () => ({ method: 'GET', url: `${base}?limit=200` }),
    expect: everyone(200),
    listed: { id: listedId, visibleTo: ['seller', 'manager', 'acmeAdmin'] },
  };
  CASES[`POST ${base}`] = {
    request: async () => ({ method: 'POST', url: base, body: createBody() }),
    expect: { seller: 201, manager: 201, otherManager: 201, acmeAdmin: 201, otherOrgAdmin: 201, ...unauthenticated },
  };
  CASES[`GET ${base}/{id}`] = {
    request: async () => ({ method: 'GET', url: `${base}/${(await make()).id}` }),
    expect: teamOnly(200),
  };
  CASES[`PATCH ${base}/{id}`] = {
    request: async () => {
      const record = await make();
      return { method: 'PATCH', url: `${base}/${record.id}`, body: { ...patchBody, version: record.version } };
    },
    expect: teamOnly(200),
  };
  CASES[`DELETE ${base}/{id}`] = {
    request: async () => ({ method: 'DELETE', url: `${base}/${(await make()).id}` }),
    expect: teamOnly(204),
  };
  CASES[`POST ${base}/{id}/restore`] = {
    request: async () => ({ method: 'POST', url: `${base}/${(await deleted(base, make)).id}/restore` }),
    expect: teamOnly(200),
  };
  CASES[`GET ${base}/{id}/history`] = {
    request: async () => ({ method: 'GET', url: `${base}/${(await make()).id}/history` }),
    expect: teamOnly(200),
  };
  CASES[`GET ${base}/export.csv`] = {
    request: async () => ({ method: 'GET', url: `${base}/export.csv` }),
    expect: everyone(200),
    listed: { id: listedId, visibleTo: ['seller', 'manager', 'acmeAdmin'], csv: true },
  };
}

recordCases(
  'accounts',
  freshAccount,
  () => ({ name: `Created ${unique()}` }),
  { industry: 'Retail' },
  () => ws.books.sellerA1.account.id,
);
recordCases(
  'contacts',
  freshContact,
  () => ({ accountId: ws.books.sellerA1.account.id, name: 'Walker' }),
  { title: 'CTO' },
  () => ws.books.sellerA1.contact.id,
);
recordCases(
  'opportunities',
  freshOpportunity,
  () => ({
    name: `Created ${unique()}`,
    accountId: ws.books.sellerA1.account.id,
    amountMinor: 100,
    currency: 'USD',
    expectedCloseDate: '2027-01-31',
  }),
  { amountMinor: 4200 },
  () => ws.books.sellerA1.opportunity.id,
);
// Knowledge follows its opportunity: the seller and their managers, nobody else.
const evidence = { text: 'Said so in the call', source: 'buyer_stated', observedAt: '2026-11-20' };
type Knowledge = {
  opportunityVersion: number;
  objectives: Array<{ key: string; items: Array<{ id: string }>; facts: Array<{ id: string }> }>;
};
const withKnowledge = async () => {
  const opp = await freshOpportunity();
  const k = await json<Knowledge>(
    seller().post(`/api/opportunities/${opp.id}/knowledge/log`, {
      version: opp.version,
      source: 'buyer_stated',
      observedAt: '2026-11-20',
      summary: 'Call',
      items: [{ ref: 'alt', kind: 'alternative', title: 'Rival', category: 'competitor' }],
      facts: [{ kind: 'funding', field: 'budgetStatus', value: 'allocated' }],
    }),
  );
  const alt = k.objectives.find((o) => o.key === 'alternatives')!.items[0]!.id;
  const fact = k.objectives.find((o) => o.key === 'funding_value')!.facts[0]!.id;
  return { id: opp.id, version: k.opportunityVersion, alt, fact };
};
const knowledgeBase = (id: string) => `/api/opportunities/${id}/knowledge`;
Object.assign(CASES, {
  'GET /api/objectives': { request: async () => ({ method: 'GET', url: '/api/objectives' }), expect: everyone(200) },
  'GET /api/objectives/{key}/versions': {
    request: async () => ({ method: 'GET', url: '/api/objectives/funding_value/versions' }),
    expect: everyone(200),
  },
  'PATCH /api/objectives/{key}': {
    request: async (role: RoleName) => {
      const reader = role === 'anonymous' || role === 'badToken' ? ws.acme.admin.as : callerFor(role);
      const items = (await json<{ items: Array<{ key: string; version: number }> }>(reader.get('/api/objectives')))
        .items;
      return {
        method: 'PATCH',
        url: '/api/objectives/funding_value',
        body: { weight: 1, version: items.find((o) => o.key === 'funding_value')!.version },
      };
    },
    // each organization words its own catalog
    expect: adminOnly(200, 200),
  },
  'GET /api/knowledge/schema': {
    request: async () => ({ method: 'GET', url: '/api/knowledge/schema' }),
    expect: everyone(200),
  },
  'GET /api/opportunities/{id}/knowledge': {
    request: async () => ({ method: 'GET', url: knowledgeBase((await freshOpportunity()).id) }),
    expect: teamOnly(200),
  },
  'GET /api/opportunities/{id}/knowledge/history': {
    request: async () => ({ method: 'GET', url: `${knowledgeBase((await withKnowledge()).id)}/history` }),
    expect: teamOnly(200),
  },
  'POST /api/opportunities/{id}/knowledge/items': {
    request: async () => {
      const opp = await freshOpportunity();
      return {
        method: 'POST',
        url: `${knowledgeBase(opp.id)}/items`,
        body: {
          version: opp.version,
          kind: 'alternative',
          title: 'Build it ourselves',
          category: 'internal_build',
          evidence,
        },
      };
    },
    expect: teamOnly(200),
  },
  'DELETE /api/opportunities/{id}/knowledge/items/{itemId}': {
    request: async () => {
      const k = await withKnowledge();
      return { method: 'DELETE', url: `${knowledgeBase(k.id)}/items/${k.alt}?version=${k.version}` };
    },
    expect: teamOnly(200),
  },
  'POST /api/opportunities/{id}/knowledge/facts': {
    request: async () => {
      const opp = await freshOpportunity();
      return {
        method: 'POST',
        url: `${knowledgeBase(opp.id)}/facts`,
        body: { version: opp.version, kind: 'funding', field: 'pricingDiscussed', value: true, evidence },
      };
    },
    expect: teamOnly(200),
  },
  'DELETE /api/opportunities/{id}/knowledge/facts/{factId}': {
    request: async () => {
      const k = await withKnowledge();
      return { method: 'DELETE', url: `${knowledgeBase(k.id)}/facts/${k.fact}?version=${k.version}` };
    },
    expect: teamOnly(200),
  },
  'POST /api/opportunities/{id}/knowledge/facts/{factId}/verify': {
    request: async () => {
      const k = await withKnowledge();
      return {
        method: 'POST',
        url: `${knowledgeBase(k.id)}/facts/${k.fact}/verify`,
        body: { version: k.version, verifiedOn: '2026-11-20' },
      };
    },
    expect: teamOnly(200),
  },
  'POST /api/opportunities/{id}/knowledge/log': {
    request: async () => {
      const opp = await freshOpportunity();
      return {
        method: 'POST',
        url: `${knowledgeBase(opp.id)}/log`,
        body: {
          version: opp.version,
          source: 'buyer_stated',
          observedAt: '2026-11-20',
          summary: 'Call',
          facts: [{ kind: 'funding', field: 'budgetStatus', unknown: true }],
        },
      };
    },
    expect: teamOnly(200),
  },
} satisfies Record<string, Case>);

// Assessment follows the opportunity too; the model and the rules are organization-wide.
Object.assign(CASES, {
  'GET /api/opportunities/{id}/assessment': {
    request: async () => ({ method: 'GET', url: `/api/opportunities/${(await freshOpportunity()).id}/assessment` }),
    expect: teamOnly(200),
  },
  'GET /api/opportunities/{id}/assessment/history': {
    request: async () => ({
      method: 'GET',
      url: `/api/opportunities/${(await freshOpportunity()).id}/assessment/history`,
    }),
    expect: teamOnly(200),
  },
  'POST /api/opportunities/{id}/assessment/what-if': {
    request: async () => ({
      method: 'POST',
      url: `/api/opportunities/${(await freshOpportunity()).id}/assessment/what-if`,
      body: { facts: [{ kind: 'funding', field: 'budgetStatus', value: 'allocated' }] },
    }),
    expect: teamOnly(200),
  },
  'GET /api/model': { request: async () => ({ method: 'GET', url: '/api/model' }), expect: everyone(200) },
  // too few closed deals here to fit: the admin gets past the gate and is told why
  'POST /api/model/refit': {
    request: async () => ({ method: 'POST', url: '/api/model/refit' }),
    expect: adminOnly(422, 422),
  },
  'GET /api/danger-zones': {
    request: async () => ({ method: 'GET', url: '/api/danger-zones' }),
    expect: everyone(200),
  },
  'PATCH /api/danger-zones/{id}': {
    request: async (role: RoleName) => {
      const reader = role === 'anonymous' || role === 'badToken' ? ws.acme.admin.as : callerFor(role);
      const rule = (
        await json<{ items: Array<{ id: string; version: number }> }>(reader.get('/api/danger-zones'))
      ).items.find((r) => r.id === 'DZ-20')!;
      return {
        method: 'PATCH',
        url: '/api/danger-zones/DZ-20',
        body: { thresholds: { pushes: 2 }, version: rule.version },
      };
    },
    expect: adminOnly(200, 200),
  },
} satisfies Record<string, Case>);

// The learning catalog: every member of an organization reads its own, administrators write it.
const learningItem = () => ({
  title: `Module ${unique()}`,
  type: 'module_quiz',
  summary: 'Champion or coach?',
  content: 'Read, then take the quiz.',
  minutes: 20,
  rootCauses: ['B5'],
  quiz: {
    passMark: 80,
    questions: [{ prompt: 'Who signs?', choices: ['Champion', 'Economic buyer'], answerIndex: 1 }],
  },
});
let acmeLearningItemId: string | undefined;
const acmeLearningItem = async () => {
  acmeLearningItemId ??= (await json<{ id: string }>(ws.acme.admin.as.post('/api/coaching/catalog', learningItem())))
    .id;
  return acmeLearningItemId;
};
Object.assign(CASES, {
  'GET /api/coaching/catalog': {
    request: async () => {
      await acmeLearningItem();
      return { method: 'GET', url: '/api/coaching/catalog' };
    },
    expect: everyone(200),
    listed: { id: () => acmeLearningItemId!, visibleTo: ['seller', 'manager', 'otherManager', 'acmeAdmin'] },
  },
  'GET /api/coaching/catalog/{id}': {
    request: async () => ({ method: 'GET', url: `/api/coaching/catalog/${await acmeLearningItem()}` }),
    expect: { ...everyone(200), otherOrgAdmin: 404 },
  },
  'POST /api/coaching/catalog': {
    request: async () => ({ method: 'POST', url: '/api/coaching/catalog', body: learningItem() }),
    // each organization keeps its own
    expect: adminOnly(201, 201),
  },
  'PATCH /api/coaching/catalog/{id}': {
    request: async () => {
      const item = await json<{ id: string; version: number }>(
        ws.acme.admin.as.post('/api/coaching/catalog', learningItem()),
      );
      return {
        method: 'PATCH',
        url: `/api/coaching/catalog/${item.id}`,
        body: { isArchived: true, version: item.version },
      };
    },
    expect: adminOnly(200, 404),
  },
} satisfies Record<string, Case>);

// The inbox: everyone reads and marks their own messages only (administrators too); mail settings
// are each organization's administrators'. The messages are sellerA1's.
const messageFor = async (subject: string) => {
  await notify(ctx.deps, ws.acme.orgId, ws.acme.sellerA1.user.id, {
    kind: 'action-due',
    subject,
    body: 'An access walk message',
    link: null,
    dedupeKey: `walk:${subject}`,
  });
  const page = await json<{ items: Array<{ id: string; subject: string }> }>(seller().get('/api/inbox?limit=100'));
  return page.items.find((m) => m.subject === subject)!.id;
};
let sellerMessageId: string | undefined;
Object.assign(CASES, {
  'GET /api/inbox': {
    request: async () => {
      sellerMessageId ??= await messageFor(`listed ${unique()}`);
      return { method: 'GET', url: '/api/inbox?limit=100' };
    },
    expect: everyone(200),
    listed: { id: () => sellerMessageId!, visibleTo: ['seller'] },
  },
  'POST /api/inbox/{id}/read': {
    request: async () => ({ method: 'POST', url: `/api/inbox/${await messageFor(`read ${unique()}`)}/read` }),
    expect: { seller: 200, manager: 404, otherManager: 404, acmeAdmin: 404, otherOrgAdmin: 404, ...unauthenticated },
  },
  'POST /api/inbox/read-all': {
    request: async () => ({ method: 'POST', url: '/api/inbox/read-all' }),
    expect: everyone(200),
  },
  'GET /api/admin/tokens': {
    request: async () => ({ method: 'GET', url: '/api/admin/tokens' }),
    expect: adminOnly(200, 200),
  },
  'GET /api/admin/mail': {
    request: async () => ({ method: 'GET', url: '/api/admin/mail' }),
    expect: adminOnly(200, 200),
  },
  'PUT /api/admin/mail': {
    // port 1 refuses at once: the test message below fails fast and clearly
    request: async () => ({
      method: 'PUT',
      url: '/api/admin/mail',
      body: { host: '127.0.0.1', port: 1, tlsMode: 'none', fromAddress: 'winsight@acme.test' },
    }),
    expect: adminOnly(200, 200),
  },
  'POST /api/admin/mail/test': {
    request: async () => ({ method: 'POST', url: '/api/admin/mail/test' }),
    // the administrator gets past the gate: without settings, or with a server that refuses, 422
    expect: adminOnly(422, 422),
  },
} satisfies Record<string, Case>);

// The outbox: each organization's administrators see its e-mails that did not go out and send
// them again; another organization's administrator finds no such e-mail. The e-mail is one queued
// for sellerA1 (Acme's settings point at a port that refuses).
const acmeMailFor = async (subject: string) => {
  await json(
    ws.acme.admin.as.put('/api/admin/mail', {
      host: '127.0.0.1',
      port: 1,
      tlsMode: 'none',
      fromAddress: 'winsight@acme.test',
    }),
  );
  await messageFor(subject);
  const page = await json<{ items: Array<{ id: string; subject: string }> }>(
    ws.acme.admin.as.get('/api/admin/mail/outbox?status=waiting&limit=100'),
  );
  return page.items.find((m) => m.subject === subject)!.id;
};
let acmeMailId: string | undefined;
Object.assign(CASES, {
  'GET /api/admin/mail/outbox': {
    request: async () => {
      acmeMailId ??= await acmeMailFor(`outbox ${unique()}`);
      return { method: 'GET', url: '/api/admin/mail/outbox?status=waiting&limit=100' };
    },
    expect: adminOnly(200, 200),
    listed: { id: () => acmeMailId!, visibleTo: ['acmeAdmin'] },
  },
  'POST /api/admin/mail/outbox/{id}/retry': {
    request: async () => ({
      method: 'POST',
      url: `/api/admin/mail/outbox/${await acmeMailFor(`retry ${unique()}`)}/retry`,
    }),
    expect: adminOnly(200, 404),
  },
  'POST /api/admin/mail/outbox/retry-failed': {
    request: async () => ({ method: 'POST', url: '/api/admin/mail/outbox/retry-failed' }),
    expect: adminOnly(200, 200),
  },
} satisfies Record<string, Case>);

// The gap rules: every member of an organization reads its own (a seller sees why a flag was raised);
// its administrators replace them or reset them, at the version they read.
const gapRulesBody = async (role: RoleName) => {
  const reader = role === 'otherOrgAdmin' ? ws.globex.admin.as : ws.acme.admin.as;
  const read = await json<{ version: number; rules: Array<Record<string, unknown>>; recurrence: object }>(
    reader.get('/api/coaching/gap-rules'),
  );
  return {
    version: read.version,
    // a threshold of its own each time, so every save changes something
    rules: read.rules.map(({ text: _text, ...rule }, k) =>
      k === 0 ? { ...rule, threshold: 0.1 + (counter++ % 50) / 1000 } : rule,
    ),
    recurrence: { share: 0.4, aboveMedianBy: 0.15, minDeals: 3 },
  };
};
Object.assign(CASES, {
  'GET /api/coaching/gap-rules': {
    request: async () => ({ method: 'GET', url: '/api/coaching/gap-rules' }),
    expect: everyone(200),
  },
  'PUT /api/coaching/gap-rules': {
    request: async (role) => ({ method: 'PUT', url: '/api/coaching/gap-rules', body: await gapRulesBody(role) }),
    expect: adminOnly(200, 200),
  },
  'POST /api/coaching/gap-rules/reset': {
    request: async (role) => ({
      method: 'POST',
      url: '/api/coaching/gap-rules/reset',
      body: { version: (await gapRulesBody(role)).version },
    }),
    expect: adminOnly(200, 200),
  },
} satisfies Record<string, Case>);

// Diagnoses of sellerA1's gaps, started by their manager from what they saw. In progress they are
// the manager's working notes: the seller does not see them; concluded, the seller reads them.
const inProgressOnly = (ok: number) => ({ ...teamOnly(ok), seller: 404 });
const freshDiagnosis = () =>
  json<{ id: string; version: number }>(
    ws.acme.managerA.as.post('/api/coaching/diagnoses', {
      seller: ws.acme.sellerA1.user.id,
      observation: `Proposal sent before meeting finance ${unique()}`,
    }),
  );
let concludedDiagnosisId: string | undefined;
const concludedDiagnosis = async () => {
  if (!concludedDiagnosisId) {
    const d = await freshDiagnosis();
    await json(
      ws.acme.managerA.as.post(`/api/coaching/diagnoses/${d.id}/conclude`, { rootCause: 'B4', version: d.version }),
    );
    concludedDiagnosisId = d.id;
  }
  return concludedDiagnosisId;
};
Object.assign(CASES, {
  'POST /api/coaching/diagnoses': {
    request: async () => ({
      method: 'POST',
      url: '/api/coaching/diagnoses',
      body: { seller: ws.acme.sellerA1.user.id, observation: 'Single-threaded on the renewal' },
    }),
    // a seller outside one's team is a field at fault, as for a contact on an account one cannot see
    expect: { ...teamOnly(201), seller: 403, otherManager: 422, otherOrgAdmin: 422 },
  },
  'GET /api/coaching/diagnoses': {
    request: async () => {
      await concludedDiagnosis();
      return { method: 'GET', url: `/api/coaching/diagnoses?seller=${ws.acme.sellerA1.user.id}` };
    },
    expect: teamOnly(200),
    listed: { id: () => concludedDiagnosisId!, visibleTo: ['seller', 'manager', 'acmeAdmin'] },
  },
  'GET /api/coaching/diagnoses/{id}': {
    request: async () => ({ method: 'GET', url: `/api/coaching/diagnoses/${await concludedDiagnosis()}` }),
    expect: teamOnly(200),
  },
  'PUT /api/coaching/diagnoses/{id}/answers': {
    request: async () => {
      const d = await freshDiagnosis();
      return {
        method: 'PUT',
        url: `/api/coaching/diagnoses/${d.id}/answers`,
        body: { step: 'gap', answers: [{ question: 'gap.worth', answer: 'yes' }], version: d.version },
      };
    },
    expect: inProgressOnly(200),
  },
  'POST /api/coaching/diagnoses/{id}/conclude': {
    request: async () => {
      const d = await freshDiagnosis();
      return {
        method: 'POST',
        url: `/api/coaching/diagnoses/${d.id}/conclude`,
        body: { rootCause: 'C4', note: 'Standard agreed', version: d.version },
      };
    },
    expect: inProgressOnly(200),
  },
  'POST /api/coaching/diagnoses/{id}/abandon': {
    request: async () => {
      const d = await freshDiagnosis();
      return { method: 'POST', url: `/api/coaching/diagnoses/${d.id}/abandon`, body: { version: d.version } };
    },
    expect: inProgressOnly(200),
  },
} satisfies Record<string, Case>);

// Learning assigned to sellerA1 by managerA: seen by the seller, their manager chain and admins;
// the seller does the work, whoever coaches them verifies, reopens or drops it.
let acmeJobAidId: string | undefined;
const acmeJobAid = async () => {
  acmeJobAidId ??= (
    await json<{ id: string }>(
      ws.acme.admin.as.post('/api/coaching/catalog', { ...learningItem(), type: 'job_aid', quiz: null }),
    )
  ).id;
  return acmeJobAidId;
};
const assignmentBody = async () => ({
  sellerId: ws.acme.sellerA1.user.id,
  itemId: await acmeJobAid(),
  dueDate: '2026-12-31',
  rootCause: 'B5',
});
let listedAssignmentId: string | undefined;
const freshAssignment = async (completed = false) => {
  const a = await json<{ id: string }>(ws.acme.managerA.as.post('/api/coaching/assignments', await assignmentBody()));
  if (completed) await json(seller().post(`/api/coaching/assignments/${a.id}/complete`, { reflection: 'Read it' }));
  return a.id;
};
const sellerWork = (ok: number) => ({ ...teamOnly(ok), manager: 403, acmeAdmin: 403 });
const coachWork = (ok: number) => ({ ...teamOnly(ok), seller: 403 });
Object.assign(CASES, {
  'GET /api/coaching/success-conditions': {
    request: async () => ({ method: 'GET', url: '/api/coaching/success-conditions' }),
    expect: everyone(200),
  },
  'GET /api/coaching/assignments': {
    request: async () => {
      listedAssignmentId ??= await freshAssignment();
      return { method: 'GET', url: `/api/coaching/assignments?seller=${ws.acme.sellerA1.user.id}` };
    },
    expect: teamOnly(200),
    listed: { id: () => listedAssignmentId!, visibleTo: ['seller', 'manager', 'acmeAdmin'] },
  },
  'GET /api/coaching/assignments/{id}': {
    request: async () => ({ method: 'GET', url: `/api/coaching/assignments/${await freshAssignment()}` }),
    expect: teamOnly(200),
  },
  // an assignment's impact: as the assignment itself, a peer gets 404
  'GET /api/coaching/assignments/{id}/impact': {
    request: async () => ({ method: 'GET', url: `/api/coaching/assignments/${await freshAssignment()}/impact` }),
    expect: teamOnly(200),
  },
  'GET /api/coaching/effectiveness': {
    request: async () => ({ method: 'GET', url: `/api/coaching/effectiveness?manager=${ws.acme.managerA.user.id}` }),
    expect: { ...teamOnly(200), seller: 403 },
  },
  'POST /api/coaching/assignments': {
    // from the seller's concluded diagnosis, which the asker may not be able to read either
    request: async () => ({
      method: 'POST',
      url: '/api/coaching/assignments',
      body: { ...(await assignmentBody()), diagnosisId: await concludedDiagnosis() },
    }),
    // a seller outside one's team is named in the body: refused naming `sellerId`
    expect: { ...teamOnly(201), seller: 403, otherManager: 422, otherOrgAdmin: 422 },
  },
  'POST /api/coaching/assignments/{id}/start': {
    request: async () => ({
      method: 'POST',
      url: `/api/coaching/assignments/${await freshAssignment()}/start`,
      body: {},
    }),
    expect: sellerWork(200),
  },
  'POST /api/coaching/assignments/{id}/complete': {
    request: async () => ({
      method: 'POST',
      url: `/api/coaching/assignments/${await freshAssignment()}/complete`,
      body: { reflection: 'Read it twice' },
    }),
    expect: sellerWork(200),
  },
  'POST /api/coaching/assignments/{id}/verify': {
    request: async () => ({
      method: 'POST',
      url: `/api/coaching/assignments/${await freshAssignment(true)}/verify`,
      body: {},
    }),
    expect: coachWork(200),
  },
  'POST /api/coaching/assignments/{id}/reopen': {
    request: async () => ({
      method: 'POST',
      url: `/api/coaching/assignments/${await freshAssignment(true)}/reopen`,
      body: { note: 'Once more' },
    }),
    expect: coachWork(200),
  },
  'POST /api/coaching/assignments/{id}/abandon': {
    request: async () => ({
      method: 'POST',
      url: `/api/coaching/assignments/${await freshAssignment()}/abandon`,
      body: {},
    }),
    expect: coachWork(200),
  },
} satisfies Record<string, Case>);

// Single sign-on: starting and finishing are public (the provider's answer decides); the settings are
// administrators'. Port 1 refuses at once, so saving a provider there fails fast with 422.
Object.assign(CASES, {
  'POST /api/auth/sso/start': {
    request: async () => ({ method: 'POST', url: '/api/auth/sso/start', body: { email: 'someone@no-sso.test' } }),
    expect: { ...everyone(422), anonymous: 422, badToken: 422 },
  },
  'GET /api/auth/sso/callback': {
    // no state: back to the sign-in page with the reason
    request: async () => ({ method: 'GET', url: '/api/auth/sso/callback?code=x&state=y' }),
    expect: { ...everyone(302), anonymous: 302, badToken: 302 },
  },
  'GET /api/admin/sso': {
    request: async () => ({ method: 'GET', url: '/api/admin/sso' }),
    expect: adminOnly(200, 200),
  },
  'PUT /api/admin/sso': {
    request: async () => ({
      method: 'PUT',
      url: '/api/admin/sso',
      body: {
        issuer: 'http://127.0.0.1:1',
        clientId: 'walk',
        allowedDomains: ['walk.test'],
        createsUsers: false,
        isEnabled: true,
      },
    }),
    expect: adminOnly(422, 422),
  },
  'DELETE /api/admin/sso': {
    request: async () => ({ method: 'DELETE', url: '/api/admin/sso' }),
    expect: adminOnly(404, 404),
  },
} satisfies Record<string, Case>);

// The organization's document and its tables as CSV: administrators, each of their own organization.
Object.assign(CASES, {
  'GET /api/export': {
    request: async () => ({ method: 'GET', url: '/api/export' }),
    expect: adminOnly(200, 200),
  },
  'GET /api/export/tables': {
    request: async () => ({ method: 'GET', url: '/api/export/tables' }),
    expect: adminOnly(200, 200),
  },
  'GET /api/export/tables/{name}': {
    request: async () => ({ method: 'GET', url: '/api/export/tables/opportunities' }),
    expect: adminOnly(200, 200),
  },
} satisfies Record<string, Case>);

// Webhook endpoints: Acme's administrators alone; another organization's administrator finds none.
const freshEndpoint = () =>
  json<{ id: string }>(
    ws.acme.admin.as.post('/api/webhooks', {
      url: 'https://hooks.example.com/winsight',
      events: ['opportunity.created'],
    }),
  );
const freshDelivery = async () => {
  const { id } = await freshEndpoint();
  const delivery = await json<{ id: string }>(ws.acme.admin.as.post(`/api/webhooks/${id}/test`));
  return { id, did: delivery.id };
};

Object.assign(CASES, {
  'GET /api/webhooks': {
    request: async () => ({ method: 'GET', url: '/api/webhooks' }),
    expect: adminOnly(200, 200),
  },
  'POST /api/webhooks': {
    request: async () => ({
      method: 'POST',
      url: '/api/webhooks',
      body: { url: 'https://hooks.example.com/in', events: ['opportunity.updated'] },
    }),
    expect: adminOnly(201, 201),
  },
  'PATCH /api/webhooks/{id}': {
    request: async () => ({
      method: 'PATCH',
      url: `/api/webhooks/${(await freshEndpoint()).id}`,
      body: { events: ['opportunity.closed'] },
    }),
    expect: adminOnly(200, 404),
  },
  'DELETE /api/webhooks/{id}': {
    request: async () => ({ method: 'DELETE', url: `/api/webhooks/${(await freshEndpoint()).id}` }),
    expect: adminOnly(204, 404),
  },
  'POST /api/webhooks/{id}/rotate-secret': {
    request: async () => ({ method: 'POST', url: `/api/webhooks/${(await freshEndpoint()).id}/rotate-secret` }),
    expect: adminOnly(200, 404),
  },
  'POST /api/webhooks/{id}/test': {
    request: async () => ({ method: 'POST', url: `/api/webhooks/${(await freshEndpoint()).id}/test` }),
    expect: adminOnly(201, 404),
  },
  'GET /api/webhooks/{id}/deliveries': {
    request: async () => ({ method: 'GET', url: `/api/webhooks/${(await freshEndpoint()).id}/deliveries` }),
    expect: adminOnly(200, 404),
  },
  'GET /api/webhooks/{id}/deliveries/{did}': {
    request: async () => {
      const { id, did } = await freshDelivery();
      return { method: 'GET', url: `/api/webhooks/${id}/deliveries/${did}` };
    },
    expect: adminOnly(200, 404),
  },
  'POST /api/webhooks/{id}/deliveries/{did}/replay': {
    request: async () => {
      const { id, did } = await freshDelivery();
      return { method: 'POST', url: `/api/webhooks/${id}/deliveries/${did}/replay` };
    },
    expect: adminOnly(201, 404),
  },
} satisfies Record<string, Case>);

// Hand-over (issue 14): an administrator hands a leaver's deals over; one deal moves by a manager of
// its team or an administrator; a brief is read by whoever sees the deal, acknowledged by its new owner.
const freshLeaver = async () => {
  const user = await json<{ id: string }>(
    ws.acme.admin.as.post('/api/users', {
      email: `leaver.${unique()}@acme.test`,
      name: 'Lea Leaver',
      role: 'seller',
      managerId: ws.acme.managerA.user.id,
    }),
  );
  return user.id;
};
/** A deal of sellerA2 handed to sellerA1 by the admin: its brief is sellerA1's to acknowledge. */
const freshHandOver = async () => {
  const deal = await json<{ id: string; version: number }>(
    ws.acme.sellerA2.as.post('/api/opportunities', {
      name: `Handed ${unique()}`,
      accountId: ws.books.sellerA2.account.id,
      amountMinor: 100,
      currency: 'USD',
      expectedCloseDate: '2027-01-31',
    }),
  );
  const handOver = await json<{ id: string }>(
    ws.acme.admin.as.post(`/api/opportunities/${deal.id}/hand-over`, {
      toUserId: ws.acme.sellerA1.user.id,
      version: deal.version,
    }),
  );
  return { dealId: deal.id, id: handOver.id };
};
Object.assign(CASES, {
  'POST /api/users/{id}/hand-over/preview': {
    request: async () => ({
      method: 'POST',
      url: `/api/users/${await freshLeaver()}/hand-over/preview`,
      body: { to: [{ userId: ws.acme.sellerA1.user.id }], split: 'one' },
    }),
    expect: adminOnly(200, 404),
  },
  'POST /api/users/{id}/hand-over': {
    request: async () => ({
      method: 'POST',
      url: `/api/users/${await freshLeaver()}/hand-over`,
      body: { to: [{ userId: ws.acme.sellerA1.user.id }, { userId: ws.acme.sellerA2.user.id }], split: 'balanced' },
    }),
    expect: adminOnly(200, 404),
  },
  'GET /api/hand-overs/mine': {
    request: async () => ({ method: 'GET', url: '/api/hand-overs/mine' }),
    expect: everyone(200),
  },
  'POST /api/opportunities/{id}/hand-over': {
    request: async () => {
      const deal = await freshOpportunity();
      return {
        method: 'POST',
        url: `/api/opportunities/${deal.id}/hand-over`,
        body: { toUserId: ws.acme.sellerA2.user.id, version: deal.version },
      };
    },
    // a seller does not give deals away; a manager outside the team does not find it
    expect: { ...teamOnly(201), seller: 403 },
  },
  'GET /api/opportunities/{id}/hand-overs': {
    request: async () => ({ method: 'GET', url: `/api/opportunities/${(await freshHandOver()).dealId}/hand-overs` }),
    expect: teamOnly(200),
  },
  'GET /api/opportunities/{id}/hand-overs/{hid}': {
    request: async () => {
      const h = await freshHandOver();
      return { method: 'GET', url: `/api/opportunities/${h.dealId}/hand-overs/${h.id}` };
    },
    expect: teamOnly(200),
  },
  'GET /api/opportunities/{id}/hand-overs/{hid}/brief.pdf': {
    request: async () => {
      const h = await freshHandOver();
      return { method: 'GET', url: `/api/opportunities/${h.dealId}/hand-overs/${h.id}/brief.pdf` };
    },
    expect: teamOnly(200),
  },
  'POST /api/opportunities/{id}/hand-overs/{hid}/acknowledge': {
    request: async () => {
      const h = await freshHandOver();
      return { method: 'POST', url: `/api/opportunities/${h.dealId}/hand-overs/${h.id}/acknowledge` };
    },
    // the new owner alone; others who read it are refused
    expect: { ...teamOnly(403), seller: 200 },
  },
} satisfies Record<string, Case>);

// Proposals (issue 15): whoever sees the deal generates, reads, downloads, edits and marks them sent;
// administrators keep their organization's template, at the version they read.
const freshProposal = async () => {
  const deal = await freshOpportunity();
  const proposal = await json<{ id: string }>(seller().post(`/api/opportunities/${deal.id}/proposals`));
  return { dealId: deal.id, id: proposal.id };
};
const templateBody = async (role: RoleName) => {
  const reader = role === 'otherOrgAdmin' ? ws.globex.admin.as : ws.acme.admin.as;
  const read = await json<{ version: number | null }>(reader.get('/api/proposal-template'));
  return { text: `# For {{customer}} ${unique()}\n\n{{pricing}}`, version: read.version };
};
Object.assign(CASES, {
  'POST /api/opportunities/{id}/proposals': {
    request: async () => ({ method: 'POST', url: `/api/opportunities/${(await freshOpportunity()).id}/proposals` }),
    expect: teamOnly(201),
  },
  'GET /api/opportunities/{id}/proposals': {
    request: async () => ({ method: 'GET', url: `/api/opportunities/${(await freshProposal()).dealId}/proposals` }),
    expect: teamOnly(200),
  },
  'GET /api/opportunities/{id}/proposals/{pid}': {
    request: async () => {
      const p = await freshProposal();
      return { method: 'GET', url: `/api/opportunities/${p.dealId}/proposals/${p.id}` };
    },
    expect: teamOnly(200),
  },
  'PUT /api/opportunities/{id}/proposals/{pid}': {
    request: async () => {
      const p = await freshProposal();
      return { method: 'PUT', url: `/api/opportunities/${p.dealId}/proposals/${p.id}`, body: { text: '# Edited' } };
    },
    expect: teamOnly(201),
  },
  'POST /api/opportunities/{id}/proposals/{pid}/sent': {
    request: async () => {
      const p = await freshProposal();
      return { method: 'POST', url: `/api/opportunities/${p.dealId}/proposals/${p.id}/sent` };
    },
    expect: teamOnly(200),
  },
  'GET /api/proposal-template': {
    request: async () => ({ method: 'GET', url: '/api/proposal-template' }),
    expect: adminOnly(200, 200),
  },
  'PUT /api/proposal-template': {
    request: async (role) => ({ method: 'PUT', url: '/api/proposal-template', body: await templateBody(role) }),
    expect: adminOnly(200, 200),
  },
} satisfies Record<string, Case>);

// Creating a contact or opportunity on sellerA1's account is refused to those who cannot see it.
for (const path of ['contacts', 'opportunities']) {
  CASES[`POST /api/${path}`]!.expect = { ...CASES[`POST /api/${path}`]!.expect, otherManager: 422, otherOrgAdmin: 422 };
}

// imports: administrators only, each organization its own. The walk sends JSON: the upload takes the
// CSV itself as the body (text/csv), so an administrator's JSON is a 400 (imports.routes.test.ts uploads)
let importToken: string | null = null;
async function freshImport(): Promise<string> {
  importToken ??= (
    await json<{ token: string }>(
      ws.acme.admin.as.post('/api/tokens', { name: 'walk', scopes: ['read', 'write', 'admin'] }),
    )
  ).token;
  const uploaded = await ctx.app.inject({
    method: 'POST',
    url: '/api/imports?fileName=walk.csv',
    headers: { authorization: `Bearer ${importToken}`, 'content-type': 'text/csv' },
    payload: 'id,name,account,close_date,status\nW-1,Walk,Walk Co,2025-01-02,won\n',
  });
  if (uploaded.statusCode !== 201) throw new Error(`fixture failed: ${uploaded.statusCode} ${uploaded.body}`);
  return uploaded.json<{ id: string }>().id;
}
Object.assign(CASES, {
  'POST /api/imports': {
    request: async () => ({ method: 'POST', url: '/api/imports?fileName=walk.csv', body: { not: 'a file' } }),
    expect: adminOnly(400, 400),
  },
  'GET /api/imports': { request: async () => ({ method: 'GET', url: '/api/imports' }), expect: adminOnly(200, 200) },
  'GET /api/imports/targets': {
    request: async () => ({ method: 'GET', url: '/api/imports/targets' }),
    expect: adminOnly(200, 200),
  },
  'GET /api/imports/{id}': {
    request: async () => ({ method: 'GET', url: `/api/imports/${await freshImport()}` }),
    expect: adminOnly(200, 404),
  },
  'POST /api/imports/{id}/run': {
    request: async () => ({
      method: 'POST',
      url: `/api/imports/${await freshImport()}/run`,
      body: { mapping: 'generic', dryRun: true },
    }),
    expect: adminOnly(202, 404),
  },
} satisfies Record<string, Case>);

describe('every route answers every kind of caller as the access rules say', () => {
  it('covers every operation of the OpenAPI document', async () => {
    const doc = (await ctx.app.inject('/api/openapi.json')).json<{ paths: Record<string, Record<string, unknown>> }>();
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(new Set(documented)).toEqual(new Set(Object.keys(CASES)));
  });

  const rows = Object.entries(CASES).flatMap(([route, c]) =>
    ROLES.map((role) => [route, role, c.expect[role]] as const),
  );
  it.each(rows)('%s as %s -> %i', async (route, role, status) => {
    const c = CASES[route]!;
    const request = await c.request(role);
    // logging out must not end the session the other cases use
    const caller =
      route === 'POST /api/auth/logout' && role !== 'anonymous' && role !== 'badToken'
        ? await freshSession(role)
        : callerFor(role);
    const send = { GET: caller.get, POST: caller.post, PATCH: caller.patch, PUT: caller.put, DELETE: caller.delete }[
      request.method
    ];
    const response = await send(request.url, request.body);
    expect(response.statusCode, response.body).toBe(status);
    if (status >= 400) expect(response.json().error.code).toBeTypeOf('string');
    if (c.listed && status === 200) {
      const ids = c.listed.csv
        ? (parse(response.body, { bom: true, columns: true }) as Array<Record<string, string>>).map((row) => row.Id)
        : response.json<{ items: Array<{ id: string }> }>().items.map((i) => i.id);
      expect(ids.includes(c.listed.id())).toBe(c.listed.visibleTo.includes(role));
    }
  });
});

async function freshSession(role: RoleName): Promise<Caller> {
  const email = {
    seller: ws.acme.sellerA1.user.email,
    manager: ws.acme.managerA.user.email,
    otherManager: ws.acme.managerB.user.email,
    acmeAdmin: ws.acme.admin.user.email,
    otherOrgAdmin: ws.globex.admin.user.email,
  }[role as Exclude<RoleName, 'anonymous' | 'badToken'>];
  return signIn(ctx.app, email, TEST_PASSWORD);
}

describe("an organization's export holds its own rows only", () => {
  it('never gives another organization’s deals, in the document or as CSV', async () => {
    const deal = ws.books.sellerA1.opportunity.id;
    const globexDocument = await ws.globex.admin.as.get('/api/export');
    const globexCsv = await ws.globex.admin.as.get('/api/export/tables/opportunities');
    expect(globexDocument.body).not.toContain(deal);
    expect(globexCsv.body).not.toContain(deal);
    expect((await ws.acme.admin.as.get('/api/export/tables/opportunities')).body).toContain(deal);
  });
});
