import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CurrencySettings, ExchangeRate } from '../../contract/currency.ts';
import { convertMinor } from '../../domain/money/convert.ts';
import { createTestApp, signIn, type Caller, type TestContext } from '../../testing/test-app.ts';
import { buildWorkspace, TEST_PASSWORD, type Workspace } from '../../testing/workspace.ts';
import { createApp } from '../app.ts';
import { rateBook } from './currency.service.ts';

// The test clock starts on 2026-11-20: "today" for the rates is that day.
let ctx: TestContext;
let ws: Workspace;

beforeAll(async () => {
  ctx = await createTestApp();
  ws = await buildWorkspace(ctx);
  // besides every seller's USD deal: sellerA1 sells in EUR, sellerA2 in GBP (one open, one lost)
  await openDeal(ws.acme.sellerA1.as, ws.books.sellerA1.account.id, 'EUR');
  await openDeal(ws.acme.sellerA2.as, ws.books.sellerA2.account.id, 'GBP');
  const lost = await openDeal(ws.acme.sellerA2.as, ws.books.sellerA2.account.id, 'JPY');
  const closed = await ws.acme.sellerA2.as.patch(`/api/opportunities/${lost.id}`, {
    status: 'lost',
    closedDate: '2026-11-19',
    closeReason: 'Budget went elsewhere',
    version: lost.version,
  });
  expect(closed.statusCode, closed.body).toBe(200);
});
afterAll(() => ctx.close());

async function openDeal(as: Caller, accountId: string, currency: string) {
  const response = await as.post('/api/opportunities', {
    name: `Deal in ${currency}`,
    accountId,
    amountMinor: 1_000_000,
    currency,
    expectedCloseDate: '2027-03-31',
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string; version: number }>();
}

const admin = () => ws.acme.admin.as;
const settings = async (as: Caller = admin()) => {
  const response = await as.get('/api/currency');
  expect(response.statusCode, response.body).toBe(200);
  return response.json<CurrencySettings>();
};
const errorOf = (response: { json<T>(): T }) =>
  response.json<{ error: { code: string; message: string; fields?: Record<string, string> } }>().error;

describe('the currency settings every member reads', () => {
  it('start on USD without rates, and name the currencies in use and those that cannot convert today', async () => {
    expect(await settings()).toEqual({
      reportingCurrency: 'USD',
      rates: [],
      currenciesInUse: [
        { currency: 'USD', opportunities: 3, openOpportunities: 3 },
        { currency: 'EUR', opportunities: 1, openOpportunities: 1 },
        { currency: 'GBP', opportunities: 1, openOpportunities: 1 },
        { currency: 'JPY', opportunities: 1, openOpportunities: 0 },
      ],
      // JPY is only on a closed deal
      missing: ['EUR', 'GBP'],
    });
  });

  it('count only the opportunities the reader sees', async () => {
    const seller = await settings(ws.acme.sellerA1.as);
    expect(seller.currenciesInUse).toEqual([
      { currency: 'EUR', opportunities: 1, openOpportunities: 1 },
      { currency: 'USD', opportunities: 1, openOpportunities: 1 },
    ]);
    expect(seller.missing).toEqual(['EUR']);
    const otherTeam = await settings(ws.acme.sellerB1.as);
    expect(otherTeam.currenciesInUse.map((c) => c.currency)).toEqual(['USD']);
    expect(otherTeam.missing).toEqual([]);
  });
});

describe('adding and deleting a rate', () => {
  it('adds a rate in its canonical form, says who gave it, and converts with it from that day', async () => {
    const added = await admin().post('/api/currency/rates', {
      currency: 'EUR',
      validFrom: '2026-01-01',
      rate: '01.0800',
    });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json<ExchangeRate>()).toEqual({
      currency: 'EUR',
      validFrom: '2026-01-01',
      rate: '1.08',
      createdAt: expect.stringMatching(/^2026-11-20T/),
      createdByName: 'Ada Admin',
    });
    // a JSON number is read as the decimal it is written as
    const asNumber = await admin().post('/api/currency/rates', { currency: 'EUR', validFrom: '2026-06-01', rate: 1.1 });
    expect(asNumber.json<ExchangeRate>().rate).toBe('1.1');

    const read = await settings(ws.acme.sellerA1.as);
    expect(read.rates.map((r) => [r.currency, r.validFrom, r.rate, r.createdByName])).toEqual([
      ['EUR', '2026-06-01', '1.1', 'Ada Admin'],
      ['EUR', '2026-01-01', '1.08', 'Ada Admin'],
    ]);
    expect(read.missing).toEqual([]);

    const book = await rateBook(ctx.deps, ws.acme.orgId);
    expect(book).toEqual({
      reportingCurrency: 'USD',
      rates: [
        { currency: 'EUR', validFrom: '2026-06-01', rate: 1.1 },
        { currency: 'EUR', validFrom: '2026-01-01', rate: 1.08 },
      ],
    });
    expect(convertMinor(book, 1_000_000, 'EUR', '2026-05-31')).toBe(1_080_000);
    expect(convertMinor(book, 1_000_000, 'EUR', '2026-06-01')).toBe(1_100_000);
    expect(convertMinor(book, 1_000_000, 'EUR', '2025-12-31')).toBeNull();
  });

  it('keeps another organization’s rates apart', async () => {
    expect((await settings(ws.globex.admin.as)).rates).toEqual([]);
    expect((await rateBook(ctx.deps, ws.globex.orgId)).rates).toEqual([]);
    const gone = await ws.globex.admin.as.delete('/api/currency/rates/EUR/2026-01-01');
    expect(gone.statusCode).toBe(404);
    expect((await settings()).rates).toHaveLength(2);
  });

  it('refuses a second rate for the same currency and day, naming the day and the rate there', async () => {
    const again = await admin().post('/api/currency/rates', { currency: 'EUR', validFrom: '2026-01-01', rate: '1.5' });
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).fields?.validFrom).toMatch(/EUR already has a rate from 2026-01-01 \(1\.08\)/);
  });

  it('refuses a rate for the reporting currency itself (422 naming currency)', async () => {
    const self = await admin().post('/api/currency/rates', { currency: 'USD', validFrom: '2026-01-01', rate: '1' });
    expect(self.statusCode).toBe(422);
    expect(errorOf(self).fields).toHaveProperty('currency');
  });

  it.each([
    [{ currency: 'EUX', validFrom: '2026-01-01', rate: '1.1' }, 'currency'],
    [{ currency: 'eur', validFrom: '2026-01-01', rate: '1.1' }, 'currency'],
    [{ currency: 'EUR', validFrom: '2026-02-30', rate: '1.1' }, 'validFrom'],
    [{ currency: 'EUR', validFrom: '01/02/2026', rate: '1.1' }, 'validFrom'],
    [{ currency: 'EUR', validFrom: '2026-01-02', rate: '0' }, 'rate'],
    [{ currency: 'EUR', validFrom: '2026-01-02', rate: -1.1 }, 'rate'],
    [{ currency: 'EUR', validFrom: '2026-01-02', rate: 'abc' }, 'rate'],
    [{ currency: 'EUR', validFrom: '2026-01-02', rate: '1,08' }, 'rate'],
    [{ currency: 'EUR', validFrom: '2026-01-02', rate: '0.0000000000001' }, 'rate'],
    [{ currency: 'EUR', validFrom: '2026-01-02', rate: true }, 'rate'],
    [{ currency: 'EUR', validFrom: '2026-01-02', rate: null }, 'rate'],
    [{ currency: 'EUR', validFrom: '2026-01-02' }, 'rate'],
    [{ currency: 'EUR', validFrom: '2026-01-02', rate: '1.1', note: 'x' }, 'note'],
  ])('refuses %j with 400 naming %s, and keeps nothing', async (body, field) => {
    const response = await admin().post('/api/currency/rates', body);
    expect(response.statusCode, response.body).toBe(400);
    expect(errorOf(response).code).toBe('invalid-input');
    expect(errorOf(response).fields).toHaveProperty(field);
    expect((await settings()).rates.filter((r) => r.validFrom === '2026-01-02')).toEqual([]);
  });

  it('is for administrators only', async () => {
    for (const as of [ws.acme.sellerA1.as, ws.acme.vp.as]) {
      const response = await as.post('/api/currency/rates', { currency: 'GBP', validFrom: '2026-01-01', rate: '1.27' });
      expect(response.statusCode).toBe(403);
      expect((await as.delete('/api/currency/rates/EUR/2026-01-01')).statusCode).toBe(403);
    }
    expect((await settings()).rates).toHaveLength(2);
  });

  it('deletes a rate once, and records who added and deleted it', async () => {
    expect((await admin().delete('/api/currency/rates/EUR/2026-06-01')).statusCode).toBe(204);
    expect((await admin().delete('/api/currency/rates/EUR/2026-06-01')).statusCode).toBe(404);
    expect((await settings()).rates.map((r) => r.validFrom)).toEqual(['2026-01-01']);
    const events = await ctx.deps.db
      .selectFrom('audit_events')
      .select(['action', 'changes'])
      .where('entity_type', '=', 'exchange_rate')
      .where('entity_id', '=', 'EUR/2026-06-01')
      .orderBy('seq')
      .execute();
    expect(events.map((e) => [e.action, JSON.parse(e.changes)])).toEqual([
      ['create', [{ field: 'rate', from: null, to: '1.1' }]],
      ['delete', [{ field: 'rate', from: '1.1', to: null }]],
    ]);
  });

  it.each([
    ['/api/currency/rates/EUX/2026-01-01', 'currency'],
    ['/api/currency/rates/EUR/2026-13-01', 'validFrom'],
    ['/api/currency/rates/EUR/yesterday', 'validFrom'],
  ])('refuses DELETE %s with 400 naming %s', async (url, field) => {
    const response = await admin().delete(url);
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).fields).toHaveProperty(field);
  });
});

describe('importing rates from CSV', () => {
  const importCsv = (csv: string, as: Caller = admin()) => as.post('/api/currency/rates/import', { csv });

  it('adds new rates, replaces changed ones, counts the unchanged, in one go', async () => {
    const first = await importCsv(
      'currency,valid_from,rate\nGBP,2026-01-01,1.27\nGBP,2026-07-01,1.3\nJPY,2026-01-01,0.0067\nEUR,2026-01-01,1.08\n',
    );
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ added: 3, updated: 0, unchanged: 1 });
    const second = await importCsv('currency,valid_from,rate\r\nGBP,2026-07-01,1.31\r\nGBP,2026-01-01,1.27\r\n');
    expect(second.json()).toEqual({ added: 0, updated: 1, unchanged: 1 });
    const read = await settings();
    expect(read.rates.map((r) => [r.currency, r.validFrom, r.rate])).toEqual([
      ['EUR', '2026-01-01', '1.08'],
      ['GBP', '2026-07-01', '1.31'],
      ['GBP', '2026-01-01', '1.27'],
      ['JPY', '2026-01-01', '0.0067'],
    ]);
    expect(read.missing).toEqual([]);
    const history = await ctx.deps.db
      .selectFrom('audit_events')
      .select(['action', 'changes'])
      .where('entity_type', '=', 'exchange_rate')
      .where('entity_id', '=', 'GBP/2026-07-01')
      .orderBy('seq')
      .execute();
    expect(history.map((e) => [e.action, JSON.parse(e.changes)])).toEqual([
      ['create', [{ field: 'rate', from: null, to: '1.3' }]],
      ['update', [{ field: 'rate', from: '1.3', to: '1.31' }]],
    ]);
  });

  it('refuses the whole file when any line is bad, naming each line and column, and keeps nothing', async () => {
    const before = await settings();
    const response = await importCsv(
      [
        'currency,valid_from,rate',
        'CHF,2026-01-01,1.12',
        'EUX,2026-01-01,1.1',
        'CHF,2026-02-30,1.1',
        'CHF,2026-03-01,-2',
        'CHF,2026-01-01,1.12',
        'USD,2026-01-01,1',
      ].join('\n'),
    );
    expect(response.statusCode).toBe(400);
    const error = errorOf(response);
    expect(error.code).toBe('invalid-input');
    expect(error.message).toMatch(
      /^The CSV has problems on 5 lines, so nothing was imported\. Line 3: Unknown currency code EUX/,
    );
    expect(error.fields).toEqual({
      'csv.3.currency': 'Unknown currency code EUX',
      'csv.4.valid_from': 'February 2026 has 28 days',
      'csv.5.rate': expect.stringMatching(/positive decimal/),
      'csv.6.valid_from': expect.stringMatching(/^Line 2 already gives CHF a rate from 2026-01-01/),
      'csv.7.currency': expect.stringMatching(/USD is the reporting currency/),
    });
    expect(await settings()).toEqual(before);
  });

  it('keeps thousands of lines in one transaction', async () => {
    const days = Array.from({ length: 1200 }, (_, i) => new Date(Date.UTC(2020, 0, 1 + i)).toISOString().slice(0, 10));
    const response = await importCsv(
      ['currency,valid_from,rate', ...days.map((d, i) => `SEK,${d},0.09${i % 10}`)].join('\n'),
    );
    expect(response.json()).toEqual({ added: 1200, updated: 0, unchanged: 0 });
    expect((await settings()).rates.filter((r) => r.currency === 'SEK')).toHaveLength(1200);
  });

  it.each([
    [{}, 'csv'],
    [{ csv: '' }, 'csv'],
    [{ csv: 42 }, 'csv'],
    [{ csv: 'currency,valid_from,rate\nEUR,2026-01-01,1.1\u0000' }, 'csv'],
    [{ csv: 'currency,valid_from,rate', extra: 1 }, 'extra'],
  ])('refuses the body %j with 400 naming %s', async (body, field) => {
    const response = await admin().post('/api/currency/rates/import', body);
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).fields).toHaveProperty(field);
  });

  it('is for administrators only', async () => {
    const response = await importCsv('currency,valid_from,rate\nNOK,2026-01-01,0.094', ws.acme.managerA.as);
    expect(response.statusCode).toBe(403);
    expect((await settings()).rates.some((r) => r.currency === 'NOK')).toBe(false);
  });
});

describe('changing the reporting currency', () => {
  it('changes nothing when it is the same', async () => {
    const same = await admin().put('/api/currency/reporting', { reportingCurrency: 'USD' });
    expect(same.json()).toEqual({ reportingCurrency: 'USD', discardedRates: 0 });
    expect((await settings()).rates.length).toBeGreaterThan(0);
  });

  it('will not leave rates quoted in the old currency behind: refuses until told to discard them', async () => {
    const count = (await settings()).rates.length;
    const refused = await admin().put('/api/currency/reporting', { reportingCurrency: 'EUR' });
    expect(refused.statusCode).toBe(409);
    expect(errorOf(refused).fields?.discardRates).toMatch(new RegExp(`^${count} exchange rates are quoted in USD`));
    expect((await settings()).reportingCurrency).toBe('USD');

    const changed = await admin().put('/api/currency/reporting', { reportingCurrency: 'EUR', discardRates: true });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toEqual({ reportingCurrency: 'EUR', discardedRates: count });
    const after = await settings(ws.acme.sellerA1.as);
    expect(after).toMatchObject({ reportingCurrency: 'EUR', rates: [], missing: ['USD'] });
    expect((await rateBook(ctx.deps, ws.acme.orgId)).reportingCurrency).toBe('EUR');
    const event = await ctx.deps.db
      .selectFrom('audit_events')
      .select('changes')
      .where('entity_type', '=', 'organization')
      .where('entity_id', '=', ws.acme.orgId)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(event.changes)).toEqual([
      { field: 'reportingCurrency', from: 'USD', to: 'EUR' },
      { field: 'exchangeRates', from: count, to: 0 },
    ]);
  });

  it.each([
    [{ reportingCurrency: 'XXY' }, 'reportingCurrency'],
    [{}, 'reportingCurrency'],
    [{ reportingCurrency: 'USD', discardRates: 'yes' }, 'discardRates'],
  ])('refuses %j with 400 naming %s', async (body, field) => {
    const response = await admin().put('/api/currency/reporting', body);
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).fields).toHaveProperty(field);
  });

  it('is for administrators only, and each organization has its own', async () => {
    expect((await ws.acme.vp.as.put('/api/currency/reporting', { reportingCurrency: 'GBP' })).statusCode).toBe(403);
    const globex = await ws.globex.admin.as.put('/api/currency/reporting', { reportingCurrency: 'JPY' });
    expect(globex.statusCode).toBe(200);
    expect((await settings()).reportingCurrency).toBe('EUR');
    expect((await settings(ws.globex.seller.as)).reportingCurrency).toBe('JPY');
  });
});

describe('administrators adding rates at the same moment, on two app instances', () => {
  it('keeps one of six identical rates and answers the others 409 naming the day', async () => {
    const second = await createApp(ctx.deps);
    try {
      const email = ws.acme.admin.user.email;
      const admins = [await signIn(ctx.app, email, TEST_PASSWORD), await signIn(second, email, TEST_PASSWORD)];
      const answers = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          admins[i % 2]!.post('/api/currency/rates', { currency: 'CAD', validFrom: '2026-04-01', rate: `0.6${i}` }),
        ),
      );
      expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409, 409, 409, 409, 409]);
      expect(errorOf(answers.find((a) => a.statusCode === 409)!).fields).toHaveProperty('validFrom');
      expect((await settings()).rates.filter((r) => r.currency === 'CAD')).toHaveLength(1);
    } finally {
      await second.close();
    }
  });
});
