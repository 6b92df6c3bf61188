import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Forecast, ForecastAccuracy, ForecastWaterfall } from '../../contract/forecast.ts';
import type { Opportunity } from '../../contract/opportunities.ts';
import { addDays } from '../../domain/dates.ts';
import { waterfallMismatches } from '../../domain/forecast/waterfall.ts';
import { previousPeriod, quarterOf } from '../../domain/periods.ts';
import { DEMO_PASSWORD } from '../demo/index.ts';
import { takeSnapshot } from './index.ts';
import { createDemoTestApp, signIn, type Caller, type TestContext } from '../../testing/test-app.ts';

let ctx: TestContext;
let seller: Caller;
let manager: Caller;
let admin: Caller;

beforeAll(async () => {
  ctx = await createDemoTestApp({ today: '2026-11-20' });
  [seller, manager, admin] = await Promise.all([
    signIn(ctx.app, 'seller1@demo.example.com', DEMO_PASSWORD),
    signIn(ctx.app, 'manager1@demo.example.com', DEMO_PASSWORD),
    signIn(ctx.app, 'admin@demo.example.com', DEMO_PASSWORD),
  ]);
});
afterAll(() => ctx.close());

type Rates = { reportingCurrency: string; rates: Array<{ currency: string; validFrom: string; rate: string }> };

async function everyDeal(caller: Caller, status: string): Promise<Opportunity[]> {
  const deals: Opportunity[] = [];
  for (let offset = 0; ; offset += 200) {
    const page = (await caller.get(`/api/opportunities?status=${status}&limit=200&offset=${offset}`)).json<{
      items: Opportunity[];
    }>();
    deals.push(...page.items);
    if (page.items.length < 200) return deals;
  }
}

function rateOn(book: Rates, currency: string, day: string): number {
  if (currency === book.reportingCurrency) return 1;
  return Number(
    book.rates
      .filter((r) => r.currency === currency && r.validFrom <= day)
      .sort((a, b) => (a.validFrom < b.validFrom ? 1 : -1))[0]!.rate,
  );
}

const today = () => ctx.deps.now().toISOString().slice(0, 10);

describe('the forecast', () => {
  it("calls this quarter for the manager's team by every method, as the deals themselves add up", async () => {
    const forecast = (await manager.get('/api/forecast')).json<Forecast>();
    const quarter = quarterOf(today());
    expect(forecast.period).toMatchObject({ key: quarter.key, from: quarter.from, to: quarter.to });
    expect(forecast.scope.kind).toBe('team');
    const book = (await manager.get('/api/currency')).json<Rates>();
    const inQuarter = (d: string | null) => d !== null && d >= quarter.from && d <= quarter.to;
    const open = (await everyDeal(manager, 'open')).filter(
      (d) => inQuarter(d.expectedCloseDate) && d.forecastCategory !== 'omitted',
    );
    const won = (await everyDeal(manager, 'won')).filter((d) => inQuarter(d.closedDate));
    const inReporting = (d: Opportunity, day: string) => d.amountMinor * rateOn(book, d.currency, day);
    const wonAmount = won.reduce((s, d) => s + inReporting(d, d.closedDate!), 0);
    const weighted = (p: (d: Opportunity) => number) =>
      wonAmount + open.reduce((s, d) => s + inReporting(d, today()) * p(d), 0);
    const near = (actual: number, expected: number) =>
      expect(Math.abs(actual - expected)).toBeLessThanOrEqual(open.length + won.length + 1);
    expect(open.length + won.length).toBeGreaterThan(3);
    near(forecast.totals.won.amountMinor, wonAmount);
    near(
      forecast.totals.methods.knowledge,
      weighted((d) => d.winProbability ?? 0),
    );
    near(
      forecast.totals.methods.stage,
      weighted((d) => d.stageProbability / 100),
    );
    near(
      forecast.totals.methods.seller,
      weighted((d) => (d.sellerProbability ?? d.stageProbability) / 100),
    );
    near(
      forecast.totals.methods.commit,
      wonAmount + open.filter((d) => d.forecastCategory === 'commit').reduce((s, d) => s + inReporting(d, today()), 0),
    );
    // the sellers' rows add up to the team's
    const sum = forecast.bySeller.reduce((s, r) => s + r.methods.knowledge, 0);
    expect(Math.abs(sum - forecast.totals.methods.knowledge)).toBeLessThanOrEqual(forecast.bySeller.length);
  });

  it('holds a target a manager sets for their team, and refuses a seller', async () => {
    const period = quarterOf(today()).key;
    // the demo's VP set each team's target a stretch above its best case, and the organization's as their sum
    const seeded = (await manager.get('/api/forecast')).json<Forecast>();
    expect(seeded.target!.amountMinor).toBeGreaterThanOrEqual(seeded.totals.methods.bestCase);
    const orgTarget = (await admin.get('/api/forecast')).json<Forecast>().target!.amountMinor;
    expect(orgTarget).toBeGreaterThan(seeded.target!.amountMinor);
    expect((await seller.put('/api/forecast/target', { period, amountMinor: 100_000_00 })).statusCode).toBe(403);
    const set = await manager.put('/api/forecast/target', { period, amountMinor: 2_500_000_00 });
    expect(set.statusCode).toBe(200);
    expect(set.json<Forecast>().target).toMatchObject({ amountMinor: 2_500_000_00, setByName: expect.any(String) });
    // the organization's target is another scope's: the admin's view keeps its own
    expect((await admin.get('/api/forecast')).json<Forecast>().target!.amountMinor).toBe(orgTarget);
  });

  it('keeps every call: a seller calls their own deals, a manager calls the team with a reason', async () => {
    const period = quarterOf(today()).key;
    const own = await seller.post('/api/forecast/calls', { period, amountMinor: 300_000_00 });
    expect(own.statusCode).toBe(200);
    expect(own.json<Forecast>().calls[0]).toMatchObject({ kind: 'seller', amount: { amountMinor: 300_000_00 } });
    const bare = await manager.post('/api/forecast/calls', { period, amountMinor: 1_900_000_00 });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error.fields).toHaveProperty('reason');
    await manager.post('/api/forecast/calls', { period, amountMinor: 1_900_000_00, reason: 'Glenmore slips to Q1' });
    const second = await manager.post('/api/forecast/calls', {
      period,
      amountMinor: 2_000_000_00,
      reason: 'Glenmore is back',
    });
    expect(second.json<Forecast>().calls.map((c) => c.reason)).toEqual(['Glenmore is back', 'Glenmore slips to Q1']);
    // the seller's call belongs to the seller's own scope, not the team's: the team sees it added up with the others
    const team = second.json<Forecast>();
    expect(team.calls.every((c) => c.kind === 'manager')).toBe(true);
    const sellerId = (await seller.get('/api/auth/session')).json<{ user: { id: string } }>().user.id;
    expect(team.sellersCalls).toMatchObject({ amountMinor: 300_000_00, callers: 1 });
    expect(team.sellersCalls!.sellers).toBeGreaterThan(1);
    expect(team.bySeller.find((r) => r.ownerId === sellerId)!.call).toBe(300_000_00);
    expect(team.bySeller.filter((r) => r.ownerId !== sellerId).every((r) => r.call === null)).toBe(true);
    expect(own.json<Forecast>().sellersCalls).toBeNull();
  });

  it('keeps to what the caller may see', async () => {
    const me = (await seller.get('/api/auth/session')).json<{ user: { id: string } }>().user.id;
    const own = (await seller.get('/api/forecast')).json<Forecast>();
    expect(own.scope).toMatchObject({ kind: 'owner', id: me });
    expect(own.bySeller.every((r) => r.ownerId === me)).toBe(true);
    const adminId = (await admin.get('/api/auth/session')).json<{ user: { id: string } }>().user.id;
    expect((await manager.get(`/api/forecast?team=${adminId}`)).statusCode).toBe(404);
    expect(
      (await seller.post('/api/forecast/calls', { period: '2026-Q4', owner: adminId, amountMinor: 1 })).statusCode,
    ).toBe(404);
  });

  it.each([
    ['get', '/api/forecast?period=2026-Q9', 'period'],
    ['put', '/api/forecast/target', 'amountMinor', { period: '2026-Q4', amountMinor: -5 }],
    ['put', '/api/forecast/target', 'period', { period: 'Q4', amountMinor: 5 }],
    ['post', '/api/forecast/calls', 'amountMinor', { period: '2026-Q4', amountMinor: 'lots' }],
  ] as const)('%s %s refuses bad input with a 400 naming %s', async (method, url, field, body?: unknown) => {
    const response = method === 'get' ? await manager.get(url) : await manager[method](url, body);
    expect(response.statusCode).toBe(400);
    expect(JSON.stringify(response.json().error)).toContain(field);
  });

  it("opens the demo with last quarter's calls scored and this quarter's followed week by week", async () => {
    const accuracy = (await manager.get('/api/forecast/accuracy?periods=2')).json<ForecastAccuracy>();
    const [last, current] = accuracy.periods;
    expect(last).toMatchObject({ isOver: true, asOf: previousPeriod(quarterOf(today())).from });
    expect(last!.calls!.knowledge).toBeGreaterThan(0);
    expect(last!.accuracy!.knowledge).toBeGreaterThanOrEqual(0);
    expect(current!.trend.length).toBeGreaterThan(1);
    expect(accuracy.summary.map((s) => s.method)).toEqual(['knowledge', 'stage', 'seller', 'commit', 'bestCase']);
  });

  it("explains last quarter's won amount from its first day's pipeline, to the cent of the accuracy's actual", async () => {
    for (const caller of [manager, admin, seller]) {
      const accuracy = (await caller.get('/api/forecast/accuracy')).json<ForecastAccuracy>();
      const last = (await caller.get('/api/forecast/waterfall')).json<ForecastWaterfall>();
      expect(last.period.key).toBe(previousPeriod(quarterOf(today())).key);
      for (const period of accuracy.periods) {
        const waterfall =
          period.key === last.period.key
            ? last
            : (await caller.get(`/api/forecast/waterfall?period=${period.key}`)).json<ForecastWaterfall>();
        expect([period.key, waterfall.asOf, waterfall.won.amountMinor]).toEqual([
          period.key,
          period.asOf,
          period.actual,
        ]);
        if (waterfall.steps) {
          expect(waterfallMismatches(waterfall.steps)).toEqual([]);
          expect(waterfall.steps.at(-1)).toMatchObject({ step: 'won', amountMinor: period.actual });
        }
      }
    }
    // the manager's team: a quarter that started with deals, some won from them, some lost
    const steps = (await manager.get('/api/forecast/waterfall')).json<ForecastWaterfall>().steps!;
    const step = (name: string) => steps.find((s) => s.step === name)!;
    expect(step('start').deals).toBeGreaterThan(5);
    expect(step('wonFromStart').deals).toBeGreaterThan(0);
    expect(step('lost').deals).toBeGreaterThan(0);
  });

  it('snapshots every open deal once a day as it stands, a second taking changing nothing', async () => {
    const orgId = (await admin.get('/api/auth/session')).json<{ user: { orgId: string } }>().user.orgId;
    const day = today();
    await takeSnapshot(ctx.deps.db, orgId, day);
    await takeSnapshot(ctx.deps.db, orgId, day);
    const rows = await ctx.deps.db
      .selectFrom('opportunity_snapshots')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('day', '=', day)
      .execute();
    const open = await everyDeal(admin, 'open');
    expect(rows).toHaveLength(open.length);
    const deal = open.find((d) => d.winProbability !== null)!;
    const row = rows.find((r) => r.opportunity_id === deal.id)!;
    expect(row).toMatchObject({
      owner_id: deal.ownerId,
      currency: deal.currency,
      expected_close_date: deal.expectedCloseDate,
      forecast_category: deal.forecastCategory,
      stage_probability: deal.stageProbability,
    });
    expect(Number(row.amount_minor)).toBe(deal.amountMinor);
    expect(Number(row.win_probability)).toBeCloseTo(deal.winProbability!, 9);
  });

  it("scores each method's call from the snapshot at the start of each quarter against what was won", async () => {
    const orgId = (await admin.get('/api/auth/session')).json<{ user: { orgId: string } }>().user.orgId;
    const current = quarterOf(today());
    const previous = previousPeriod(current);
    for (const day of [previous.from, current.from, addDays(current.from, 7)])
      await takeSnapshot(ctx.deps.db, orgId, day);
    const accuracy = (await manager.get('/api/forecast/accuracy?periods=2')).json<ForecastAccuracy>();
    expect(accuracy.periods.map((p) => [p.key, p.isOver, p.asOf])).toEqual([
      [previous.key, true, previous.from],
      [current.key, false, current.from],
    ]);
    // the previous quarter, recomputed from the snapshot rows and the won deals
    const book = (await manager.get('/api/currency')).json<Rates>();
    const team = new Set(
      [...(await everyDeal(manager, 'open')), ...(await everyDeal(manager, 'won'))].map((d) => d.id),
    );
    const rows = (
      await ctx.deps.db.selectFrom('opportunity_snapshots').selectAll().where('day', '=', previous.from).execute()
    ).filter(
      (r) =>
        team.has(r.opportunity_id) &&
        r.expected_close_date >= previous.from &&
        r.expected_close_date <= previous.to &&
        r.forecast_category !== 'omitted',
    );
    const won = (await everyDeal(manager, 'won')).filter(
      (d) => d.closedDate! >= previous.from && d.closedDate! <= previous.to,
    );
    const converted = (minor: number, currency: string, day: string) => minor * rateOn(book, currency, day);
    const actual = won.reduce((s, d) => s + converted(d.amountMinor, d.currency, d.closedDate!), 0);
    const wonFirstDay = won
      .filter((d) => d.closedDate === previous.from)
      .reduce((s, d) => s + converted(d.amountMinor, d.currency, d.closedDate!), 0);
    const knowledge =
      wonFirstDay +
      rows.reduce(
        (s, r) => s + converted(Number(r.amount_minor), r.currency, previous.from) * Number(r.win_probability ?? 0),
        0,
      );
    const row = accuracy.periods[0]!;
    expect(Math.abs(row.actual - actual)).toBeLessThanOrEqual(won.length + 1);
    expect(Math.abs(row.calls!.knowledge - knowledge)).toBeLessThanOrEqual(rows.length + won.length + 1);
    expect(row.accuracy!.knowledge).toBeCloseTo(
      row.actual === 0
        ? row.calls!.knowledge === 0
          ? 1
          : 0
        : Math.max(0, 1 - Math.abs(row.actual - row.calls!.knowledge) / row.actual),
      9,
    );
    expect(accuracy.summary.map((s) => [s.method, s.periods])).toEqual([
      ['knowledge', 1],
      ['stage', 1],
      ['seller', 1],
      ['commit', 1],
      ['bestCase', 1],
    ]);
    // the running quarter is not scored, and its calls are followed week by week
    expect(accuracy.periods[1]!.accuracy).toBeNull();
    const weeks = accuracy.periods[1]!.trend.map((t) => t.day);
    expect(weeks.slice(0, 2)).toEqual([current.from, addDays(current.from, 7)]);
    // one point a week at most (the other tests' snapshot of today may add one)
    for (let k = 1; k < weeks.length; k++) expect(weeks[k]! >= addDays(weeks[k - 1]!, 7)).toBe(true);
  });
});
