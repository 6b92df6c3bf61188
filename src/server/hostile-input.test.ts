import { connect, type AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeResponse } from '../contract/knowledge.ts';
import type { Opportunity } from '../contract/opportunities.ts';
import { createTestApp, type Caller, type TestContext } from '../testing/test-app.ts';
import { buildWorkspace, TEST_PASSWORD, type Workspace } from '../testing/workspace.ts';

// Text that no form can produce (NUL and the other control characters, lone surrogates) is refused
// where it enters, naming the field: PostgreSQL cannot store NUL at all, and SQLite would keep it.

let ctx: TestContext;
let ws: Workspace;

beforeAll(async () => {
  ctx = await createTestApp();
  ws = await buildWorkspace(ctx);
});
afterAll(async () => {
  await ctx.close();
});

type Who = 'admin' | 'seller' | 'nobody';
type Case = {
  place: string;
  who: Who;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: () => string;
  body?: () => unknown;
  field: string;
};

const caller = (who: Who): Caller =>
  who === 'admin' ? ws.acme.admin.as : who === 'seller' ? ws.acme.sellerA1.as : nobody();
const nobody = (): Caller => {
  const send = (method: Case['method']) => (url: string, body?: unknown) =>
    ctx.app.inject({ method, url, ...(body !== undefined ? { payload: body as object } : {}) });
  return { get: send('GET'), post: send('POST'), patch: send('PATCH'), put: send('PUT'), delete: send('DELETE') };
};
const book = () => ws.books.sellerA1;
const today = '2026-11-19';
const evidence = (text: string) => ({ text, source: 'buyer_stated', observedAt: today });

const NUL = '\u0000';

const cases: Case[] = [
  // query strings
  { place: 'opportunity search', who: 'seller', method: 'GET', url: () => '/api/opportunities?q=a%00', field: 'q' },
  { place: 'account search', who: 'seller', method: 'GET', url: () => '/api/accounts?q=a%01b', field: 'q' },
  { place: 'contact search', who: 'seller', method: 'GET', url: () => '/api/contacts?q=%1Fa', field: 'q' },
  { place: 'owner filter', who: 'seller', method: 'GET', url: () => '/api/opportunities?owner=me%00', field: 'owner' },
  {
    place: 'account filter',
    who: 'seller',
    method: 'GET',
    url: () => '/api/contacts?accountId=a%00',
    field: 'accountId',
  },
  {
    place: 'export search',
    who: 'seller',
    method: 'GET',
    url: () => '/api/opportunities/export.csv?q=a%00',
    field: 'q',
  },
  // path parameters
  { place: 'account id', who: 'seller', method: 'GET', url: () => '/api/accounts/a%00', field: 'id' },
  {
    place: 'opportunity id',
    who: 'seller',
    method: 'PATCH',
    url: () => '/api/opportunities/a%00',
    body: () => ({ name: 'x', version: 1 }),
    field: 'id',
  },
  { place: 'contact id', who: 'seller', method: 'DELETE', url: () => '/api/contacts/a%00', field: 'id' },
  { place: 'user id', who: 'admin', method: 'GET', url: () => '/api/users/a%00', field: 'id' },
  { place: 'token id', who: 'seller', method: 'DELETE', url: () => '/api/tokens/a%00', field: 'id' },
  {
    place: 'knowledge history',
    who: 'seller',
    method: 'GET',
    url: () => '/api/opportunities/a%00/knowledge/history',
    field: 'id',
  },
  {
    place: 'knowledge item id',
    who: 'seller',
    method: 'DELETE',
    url: () => `/api/opportunities/${book().opportunity.id}/knowledge/items/a%00?version=1`,
    field: 'itemId',
  },
  { place: 'account history', who: 'seller', method: 'GET', url: () => '/api/accounts/a%00/history', field: 'id' },
  {
    place: 'knowledge history query',
    who: 'seller',
    method: 'GET',
    url: () => `/api/opportunities/${book().opportunity.id}/knowledge/history?limit=5%00`,
    field: 'limit',
  },
  {
    place: 'knowledge day',
    who: 'seller',
    method: 'GET',
    url: () => `/api/opportunities/${book().opportunity.id}/knowledge?asOf=2026-11-19%00`,
    field: 'asOf',
  },
  {
    place: 'danger zone id',
    who: 'admin',
    method: 'PATCH',
    url: () => '/api/danger-zones/DZ-0%00',
    body: () => ({ enabled: false, version: 0 }),
    field: 'id',
  },
  // bodies of every record type
  {
    place: 'account name',
    who: 'seller',
    method: 'POST',
    url: () => '/api/accounts',
    body: () => ({ name: `nul${NUL}byte` }),
    field: 'name',
  },
  {
    place: 'account industry (change)',
    who: 'seller',
    method: 'PATCH',
    url: () => `/api/accounts/${book().account.id}`,
    body: () => ({ industry: 'Soft\u0007ware', version: book().account.version }),
    field: 'industry',
  },
  {
    place: 'account name, lone surrogate',
    who: 'seller',
    method: 'POST',
    url: () => '/api/accounts',
    body: () => ({ name: 'half \uD800 a pair' }),
    field: 'name',
  },
  {
    place: 'account name, DEL',
    who: 'seller',
    method: 'POST',
    url: () => '/api/accounts',
    body: () => ({ name: 'del\u007F' }),
    field: 'name',
  },
  {
    place: 'account name, tab',
    who: 'seller',
    method: 'POST',
    url: () => '/api/accounts',
    body: () => ({ name: 'tab\tin a name' }),
    field: 'name',
  },
  {
    place: 'contact name',
    who: 'seller',
    method: 'POST',
    url: () => '/api/contacts',
    body: () => ({ accountId: book().account.id, name: `Pat${NUL}` }),
    field: 'name',
  },
  {
    place: 'contact title (change)',
    who: 'seller',
    method: 'PATCH',
    url: () => `/api/contacts/${book().contact.id}`,
    body: () => ({ title: 'C\u001BFO', version: book().contact.version }),
    field: 'title',
  },
  {
    place: 'opportunity name',
    who: 'seller',
    method: 'POST',
    url: () => '/api/opportunities',
    body: () => ({
      name: `Deal${NUL}`,
      accountId: book().account.id,
      amountMinor: 100,
      currency: 'USD',
      expectedCloseDate: '2027-01-31',
    }),
    field: 'name',
  },
  {
    place: 'opportunity account id',
    who: 'seller',
    method: 'POST',
    url: () => '/api/opportunities',
    body: () => ({
      name: 'Deal',
      accountId: `a${NUL}`,
      amountMinor: 100,
      currency: 'USD',
      expectedCloseDate: '2027-01-31',
    }),
    field: 'accountId',
  },
  {
    place: 'close reason (multi-line, still no NUL)',
    who: 'seller',
    method: 'PATCH',
    url: () => `/api/opportunities/${book().opportunity.id}`,
    body: () => ({ closeReason: `lost${NUL}`, version: book().opportunity.version }),
    field: 'closeReason',
  },
  // sign-in, tokens, people, stages
  {
    place: 'sign-in email',
    who: 'nobody',
    method: 'POST',
    url: () => '/api/auth/login',
    body: () => ({ email: `admin@acme.test${NUL}`, password: TEST_PASSWORD }),
    field: 'email',
  },
  {
    place: 'sign-in password',
    who: 'nobody',
    method: 'POST',
    url: () => '/api/auth/login',
    body: () => ({ email: 'admin@acme.test', password: `${TEST_PASSWORD}${NUL}` }),
    field: 'password',
  },
  {
    place: 'token name',
    who: 'seller',
    method: 'POST',
    url: () => '/api/tokens',
    body: () => ({ name: `laptop${NUL}`, scopes: ['read'] }),
    field: 'name',
  },
  {
    place: 'user name',
    who: 'admin',
    method: 'POST',
    url: () => '/api/users',
    body: () => ({ email: 'new.person@acme.test', name: `New${NUL}Person`, role: 'seller' }),
    field: 'name',
  },
  {
    place: 'user name (change)',
    who: 'admin',
    method: 'PATCH',
    url: () => `/api/users/${ws.acme.sellerA2.user.id}`,
    body: () => ({ name: 'Sue\u000BSeller', version: ws.acme.sellerA2.user.version }),
    field: 'name',
  },
  {
    place: 'reassign target',
    who: 'admin',
    method: 'POST',
    url: () => `/api/users/${ws.acme.sellerA2.user.id}/reassign`,
    body: () => ({ toUserId: `a${NUL}` }),
    field: 'toUserId',
  },
  {
    place: 'stage order',
    who: 'admin',
    method: 'PUT',
    url: () => '/api/stages/order',
    body: () => ({ ids: [`a${NUL}`] }),
    field: 'ids.0',
  },
  {
    place: 'objective wording (multi-line, still no NUL)',
    who: 'admin',
    method: 'PATCH',
    url: () => '/api/objectives/funding_value',
    body: () => ({ definition: `Who pays, and from which budget${NUL}`, version: 0 }),
    field: 'definition',
  },
  {
    place: 'stage name',
    who: 'admin',
    method: 'POST',
    url: () => '/api/stages',
    body: () => ({ name: `Pilot${NUL}`, probability: 40 }),
    field: 'name',
  },
  // the reporting currency and its rates
  {
    place: 'rate currency (path)',
    who: 'admin',
    method: 'DELETE',
    url: () => '/api/currency/rates/EU%00/2026-01-01',
    field: 'currency',
  },
  {
    place: 'rate day (path)',
    who: 'admin',
    method: 'DELETE',
    url: () => '/api/currency/rates/EUR/2026-01-01%00',
    field: 'validFrom',
  },
  {
    place: 'rate day',
    who: 'admin',
    method: 'POST',
    url: () => '/api/currency/rates',
    body: () => ({ currency: 'EUR', validFrom: `2026-01-01${NUL}`, rate: '1.1' }),
    field: 'validFrom',
  },
  {
    place: 'rate',
    who: 'admin',
    method: 'POST',
    url: () => '/api/currency/rates',
    body: () => ({ currency: 'EUR', validFrom: '2026-01-01', rate: `1.1${NUL}` }),
    field: 'rate',
  },
  {
    place: 'reporting currency',
    who: 'admin',
    method: 'PUT',
    url: () => '/api/currency/reporting',
    body: () => ({ reportingCurrency: `US${NUL}` }),
    field: 'reportingCurrency',
  },
  {
    place: 'rates CSV (multi-line, still no NUL)',
    who: 'admin',
    method: 'POST',
    url: () => '/api/currency/rates/import',
    body: () => ({ csv: `currency,valid_from,rate\nEUR,2026-01-01,1.1${NUL}\n` }),
    field: 'csv',
  },
  // knowledge
  {
    place: 'knowledge fact text',
    who: 'seller',
    method: 'POST',
    url: () => `/api/opportunities/${book().opportunity.id}/knowledge/facts`,
    body: () => ({
      version: book().opportunity.version,
      kind: 'compelling_event',
      field: 'description',
      value: `Audit${NUL}`,
      evidence: evidence('The audit is due'),
    }),
    field: 'value',
  },
  {
    place: 'knowledge evidence text',
    who: 'seller',
    method: 'POST',
    url: () => `/api/opportunities/${book().opportunity.id}/knowledge/facts`,
    body: () => ({
      version: book().opportunity.version,
      kind: 'compelling_event',
      field: 'description',
      value: 'Audit',
      evidence: evidence(`The audit${NUL}`),
    }),
    field: 'evidence.text',
  },
  {
    place: 'knowledge item title',
    who: 'seller',
    method: 'POST',
    url: () => `/api/opportunities/${book().opportunity.id}/knowledge/items`,
    body: () => ({
      version: book().opportunity.version,
      kind: 'alternative',
      title: `Rival${NUL}`,
      evidence: evidence('They also look at Rival'),
    }),
    field: 'title',
  },
  {
    place: 'what-if item title',
    who: 'seller',
    method: 'POST',
    url: () => `/api/opportunities/${book().opportunity.id}/assessment/what-if`,
    body: () => ({
      items: [{ ref: 'r', kind: 'alternative', title: `Rival${NUL}` }],
      facts: [{ itemRef: 'r', field: 'status', value: 'shortlisted' }],
    }),
    field: 'items.0.title',
  },
  {
    place: 'meeting log summary',
    who: 'seller',
    method: 'POST',
    url: () => `/api/opportunities/${book().opportunity.id}/knowledge/log`,
    body: () => ({
      version: book().opportunity.version,
      summary: `Call${NUL}`,
      source: 'buyer_stated',
      observedAt: today,
    }),
    field: 'summary',
  },
];

describe('control characters in text', () => {
  it.each(cases)('$place: 400 naming $field', async ({ who, method, url, body, field }) => {
    const as = caller(who);
    const send = { GET: as.get, POST: as.post, PUT: as.put, PATCH: as.patch, DELETE: as.delete }[method];
    const response = await send(url(), body?.());
    expect(response.statusCode, response.body).toBe(400);
    expect(response.headers['content-type']).toMatch(/application\/json/);
    expect(response.headers['content-disposition']).toBeUndefined();
    const error = response.json<{ error: { code: string; fields?: Record<string, string> } }>().error;
    expect(error.code).toBe('invalid-input');
    expect(Object.keys(error.fields ?? {})).toContain(field);
  });

  it('stores nothing that was refused', async () => {
    const accounts = await ws.acme.sellerA1.as.get('/api/accounts?limit=200');
    expect(accounts.json<{ items: Array<{ name: string }> }>().items.map((a) => a.name)).not.toContain(`nul${NUL}byte`);
  });

  it('keeps tabs and line breaks in multi-line fields', async () => {
    const deal = (
      await ws.acme.sellerA2.as.get(`/api/opportunities/${ws.books.sellerA2.opportunity.id}`)
    ).json<Opportunity>();
    const reason = 'Lost on price.\r\n\tThey chose the incumbent.';
    const changed = await ws.acme.sellerA2.as.patch(`/api/opportunities/${deal.id}`, {
      status: 'lost',
      closedDate: today,
      closeReason: reason,
      version: deal.version,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json<Opportunity>().closeReason).toBe(reason);

    const said = 'They said:\n\t"the audit is in February"';
    const fact = await ws.acme.sellerA1.as.post(`/api/opportunities/${book().opportunity.id}/knowledge/facts`, {
      version: (await ws.acme.sellerA1.as.get(`/api/opportunities/${book().opportunity.id}`)).json<Opportunity>()
        .version,
      kind: 'compelling_event',
      field: 'description',
      value: 'Year-end audit\nand a new CFO',
      evidence: evidence(said),
    });
    expect(fact.statusCode, fact.body).toBe(200);
    const recorded = fact
      .json<KnowledgeResponse>()
      .objectives.flatMap((o) => o.facts)
      .find((f) => f.field === 'description');
    expect(recorded?.value).toBe('Year-end audit\nand a new CFO');
    expect(recorded?.evidence.text).toBe(said);
  });
});

describe('router errors answer with the documented body', () => {
  it.each([
    ['a malformed path', '/api/accounts/%E0%A4%A'],
    ['a path parameter longer than the server accepts', `/api/accounts/${'x'.repeat(300)}`],
    ['bad percent-encoding in the query string', '/api/opportunities?q=%E0%A4%A'],
  ])('%s', async (_what, url) => {
    const response = await ws.acme.sellerA1.as.get(url);
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(response.statusCode).toBeLessThan(500);
    expect(response.headers['content-type']).toMatch(/application\/json/);
    const error = response.json<{ error: { code: string; message: string } }>().error;
    expect(error.code).toMatch(/^[a-z-]+$/);
    expect(error.message).toBeTruthy();
  });
});

describe('requests the HTTP parser cannot read', () => {
  /** Sends `request` as raw bytes to the listening app; the answer's status, headers and body. */
  const sendRaw = async (request: string) => {
    const { port } = ctx.app.server.address() as AddressInfo;
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.end(request));
      let received = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => (received += chunk));
      socket.on('close', () => resolve(received));
      socket.on('error', (error: NodeJS.ErrnoException) =>
        error.code === 'ECONNRESET' || error.code === 'EPIPE' ? resolve(received) : reject(error),
      );
    });
    const [head = '', body = ''] = raw.split('\r\n\r\n');
    const [statusLine = '', ...headerLines] = head.split('\r\n');
    const headers = Object.fromEntries(
      headerLines.map((line) => [
        line.slice(0, line.indexOf(':')).toLowerCase(),
        line.slice(line.indexOf(':') + 1).trim(),
      ]),
    );
    return { status: Number(statusLine.split(' ')[1]), headers, body };
  };

  beforeAll(async () => {
    await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  });

  it.each([
    [
      'an address longer than the server reads',
      `GET /api/opportunities?q=${'x'.repeat(20_000)} HTTP/1.1\r\nHost: localhost\r\n\r\n`,
      431,
    ],
    ['a request line that is not HTTP', 'GET /api/accounts HTTP/1.1 and more\r\nHost: localhost\r\n\r\n', 400],
    [
      'a Content-Length that is not a number',
      'POST /api/accounts HTTP/1.1\r\nHost: localhost\r\nContent-Length: ten\r\n\r\n',
      400,
    ],
  ])('%s', async (_what, request, status) => {
    const response = await sendRaw(request);
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toMatch(/application\/json/);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    const error = (JSON.parse(response.body) as { error: { code: string; message: string } }).error;
    expect(error.code).toMatch(/^[a-z-]+$/);
    expect(error.message).toBeTruthy();
  });
});

describe('a CSV export', () => {
  it('that fails before its first row answers with the error body, not a download cut short', async () => {
    const broken = await createTestApp();
    try {
      const org = await buildWorkspace(broken);
      // the database fails the export's query while sign-in still works
      await sql`alter table assessments rename to assessments_gone`.execute(broken.deps.db);
      const response = await org.acme.sellerA1.as.get('/api/opportunities/export.csv');
      expect(response.headers['content-disposition']).toBeUndefined();
      expect(response.headers['content-type']).toMatch(/application\/json/);
      expect(response.json<{ error: { code: string } }>().error.code).toMatch(/^[a-z-]+$/);
    } finally {
      await sql`alter table assessments_gone rename to assessments`.execute(broken.deps.db);
      await broken.close();
    }
  });
});
