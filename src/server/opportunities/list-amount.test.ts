import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpportunityList, OpportunityListItem } from '../../contract/opportunities.ts';
import { listStages } from '../../testing/stages.ts';
import { createTestApp, type Caller, type TestContext } from '../../testing/test-app.ts';
import { buildWorkspace, type Workspace } from '../../testing/workspace.ts';

// The list sorted by amount orders by the amount in the reporting currency (USD) at today's rate:
// EUR at 1.08, GBP at 1.25, JPY at 0.0067 (yen have no minor unit). CHF and SEK have no rate: their
// deals come after all the others, in either direction, by currency and then amount, with a null
// value. Amounts are chosen so that currencies meet on the same converted figure (1,080 USD cents,
// 1,000 EUR cents and 864 GBP pence), where only the id decides, or nearly (1,612 yen: 1,080.04).
// Walked by cursor a few rows at a time, every role's pages give what one plain sort gives.

let ctx: TestContext;
let ws: Workspace;

const RATES = { EUR: '1.08', GBP: '1.25', JPY: '0.0067' };
/** USD cents per minor unit of each currency with a rate */
const FACTORS: Record<string, number> = { USD: 1, EUR: 1.08, GBP: 1.25, JPY: 0.67 };

const DEALS: Array<[currency: string, amountMinor: number]> = [
  ['USD', 1_080],
  ['EUR', 1_000],
  ['GBP', 864],
  ['USD', 1_080],
  ['EUR', 1_000],
  ['USD', 500],
  ['EUR', 2_500],
  ['GBP', 100],
  ['JPY', 1_612],
  ['JPY', 300_000],
  ['USD', 2_700],
  ['CHF', 5_000],
  ['CHF', 10],
  ['SEK', 99_999],
  ['EUR', 0],
  ['GBP', 2_160],
  ['USD', 99_999_999],
  ['CHF', 5_000],
];

beforeAll(async () => {
  ctx = await createTestApp();
  ws = await buildWorkspace(ctx);
  for (const [currency, rate] of Object.entries(RATES)) {
    const added = await ws.acme.admin.as.post('/api/currency/rates', { currency, validFrom: '2020-01-01', rate });
    if (added.statusCode !== 201) throw new Error(added.body);
  }
  const stages = await listStages(ws.acme.admin.as);
  const owners = [ws.acme.sellerA1, ws.acme.sellerA2, ws.acme.sellerB1] as const;
  const accounts = [ws.books.sellerA1.account, ws.books.sellerA2.account, ws.books.sellerB1.account];
  for (const [i, [currency, amountMinor]] of DEALS.entries()) {
    const response = await owners[i % 3]!.as.post('/api/opportunities', {
      name: `Deal ${i}`,
      accountId: accounts[i % 3]!.id,
      amountMinor,
      currency,
      expectedCloseDate: '2027-01-31',
      stageId: stages[0]!.id,
    });
    if (response.statusCode !== 201) throw new Error(response.body);
  }
});
afterAll(() => ctx.close());

async function page(caller: Caller, query: string): Promise<OpportunityList> {
  const response = await caller.get(`/api/opportunities?${query}`);
  if (response.statusCode !== 200) throw new Error(`${query}: ${response.statusCode} ${response.body}`);
  return response.json<OpportunityList>();
}

async function walk(caller: Caller, query: string, limit: number): Promise<OpportunityListItem[]> {
  const pages = [await page(caller, `${query}&limit=${limit}`)];
  for (let cursor = pages[0]!.nextCursor; cursor !== null; cursor = pages.at(-1)!.nextCursor) {
    pages.push(await page(caller, `${query}&limit=${limit}&cursor=${encodeURIComponent(cursor)}`));
    if (pages.length > 200) throw new Error('the cursor walk does not end');
  }
  return pages.flatMap((p) => p.items);
}

/** The order done plainly: converted first (by amount × factor, then id), then the others by currency, amount, id. */
function plainSort(items: OpportunityListItem[], descending: boolean): string[] {
  const sign = descending ? -1 : 1;
  const byId = (a: OpportunityListItem, b: OpportunityListItem) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return [...items]
    .sort((a, b) => {
      const [fa, fb] = [FACTORS[a.currency], FACTORS[b.currency]];
      if ((fa === undefined) !== (fb === undefined)) return fa === undefined ? 1 : -1;
      if (fa !== undefined && fb !== undefined) {
        const [ka, kb] = [a.amountMinor * fa, b.amountMinor * fb];
        return sign * (ka !== kb ? (ka < kb ? -1 : 1) : byId(a, b));
      }
      if (a.currency !== b.currency) return sign * (a.currency < b.currency ? -1 : 1);
      return sign * (a.amountMinor !== b.amountMinor ? a.amountMinor - b.amountMinor : byId(a, b));
    })
    .map((o) => o.id);
}

const callers = () => ({ admin: ws.acme.admin.as, manager: ws.acme.managerA.as, seller: ws.acme.sellerA1.as });

describe('the list sorted by amount in the reporting currency', () => {
  it('meets converted ties across currencies, and currencies without a rate', async () => {
    const all = (await page(ws.acme.admin.as, 'sort=name&limit=200')).items;
    const at1080 = all.filter((o) => o.value?.amountMinor === 1_080);
    // 1,612 yen show as 1,080 cents too, but are 1,080.04: after the exact ties, whatever their ids
    expect(new Set(at1080.map((o) => o.currency))).toEqual(new Set(['USD', 'EUR', 'GBP', 'JPY']));
    expect(at1080.length).toBeGreaterThanOrEqual(5);
    expect(
      all
        .filter((o) => o.value === null)
        .map((o) => o.currency)
        .sort(),
    ).toEqual(['CHF', 'CHF', 'CHF', 'SEK']);
  });

  it.each(['amount', '-amount'] as const)(
    'sorted by %s, pages by cursor as one plain sort, for every role and page size',
    async (sort) => {
      for (const [role, caller] of Object.entries(callers())) {
        const everything = (await page(caller, 'sort=name&limit=200')).items;
        const want = plainSort(everything, sort.startsWith('-'));
        for (const limit of [1, 2, 3, 7]) {
          const walked = (await walk(caller, `sort=${sort}`, limit)).map((o) => o.id);
          expect(walked, `${role} by ${limit}`).toEqual(want);
        }
        const open = await walk(caller, `sort=${sort}&status=open`, 4);
        expect(
          open.map((o) => o.id),
          `${role} open`,
        ).toEqual(
          plainSort(
            everything.filter((o) => o.status === 'open'),
            sort.startsWith('-'),
          ),
        );
      }
    },
  );

  it('applies an offset after the cursor', async () => {
    const want = plainSort((await page(ws.acme.admin.as, 'sort=name&limit=200')).items, false);
    const first = await page(ws.acme.admin.as, 'sort=amount&limit=3');
    const skipped = await page(ws.acme.admin.as, `sort=amount&limit=3&offset=2&cursor=${first.nextCursor}`);
    expect(skipped.items.map((o) => o.id)).toEqual(want.slice(5, 8));
    // the last converted deals and the first without a rate on one page
    const converted = want.length - 4;
    const across = await page(ws.acme.admin.as, `sort=amount&limit=4&offset=${converted - 2}`);
    expect(across.items.map((o) => o.value === null)).toEqual([false, false, true, true]);
  });

  it('gives each amount in the reporting currency, rounded exactly, and null without a rate', async () => {
    const list = await page(ws.acme.admin.as, 'sort=-amount&limit=200');
    expect(list.reportingCurrency).toBe('USD');
    for (const o of list.items) {
      const factor = FACTORS[o.currency];
      expect(o.value, `${o.amountMinor} ${o.currency}`).toEqual(
        factor === undefined ? null : { amountMinor: Math.round(o.amountMinor * factor), currency: 'USD' },
      );
    }
  });

  it('follows a new rate at once: the currency moves among the converted deals', async () => {
    const added = await ws.acme.admin.as.post('/api/currency/rates', {
      currency: 'SEK',
      validFrom: '2020-01-01',
      rate: '0.1',
    });
    expect(added.statusCode).toBe(201);
    FACTORS.SEK = 0.1;
    try {
      const everything = (await page(ws.acme.admin.as, 'sort=name&limit=200')).items;
      expect(everything.find((o) => o.currency === 'SEK')!.value).toEqual({ amountMinor: 10_000, currency: 'USD' });
      expect((await walk(ws.acme.admin.as, 'sort=-amount', 4)).map((o) => o.id)).toEqual(plainSort(everything, true));
    } finally {
      delete FACTORS.SEK;
      await ws.acme.admin.as.delete('/api/currency/rates/SEK/2020-01-01');
    }
  });

  it('exports in the same order', async () => {
    const response = await ws.acme.admin.as.get('/api/opportunities/export.csv?sort=-amount');
    expect(response.statusCode).toBe(200);
    const ids = response.body
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(',').at(-1)!.trim());
    const everything = (await page(ws.acme.admin.as, 'sort=name&limit=200')).items;
    expect(ids).toEqual(plainSort(everything, true));
  });
});
