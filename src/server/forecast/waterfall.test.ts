import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ForecastAccuracy, ForecastWaterfall } from '../../contract/forecast.ts';
import type { Opportunity } from '../../contract/opportunities.ts';
import { waterfallMismatches, type WaterfallStepName } from '../../domain/forecast/waterfall.ts';
import { createTestApp, type Caller, type TestContext } from '../../testing/test-app.ts';
import { buildWorkspace, type Workspace } from '../../testing/workspace.ts';
import { takeSnapshot } from './index.ts';

// One team's October and November told deal by deal: what the snapshot of the first day held,
// and what became of each deal. The clock reads 2026-11-20, so October is over and November runs.

let ctx: TestContext;
let ws: Workspace;

const USD = (major: number) => major * 100;

async function ok<T>(request: Promise<{ statusCode: number; body: string; json<U>(): U }>): Promise<T> {
  const response = await request;
  if (response.statusCode >= 300) throw new Error(`${response.statusCode}: ${response.body}`);
  return response.json<T>();
}

async function open(
  who: Caller,
  accountId: string,
  name: string,
  amountMinor: number,
  expectedCloseDate: string,
  currency = 'USD',
): Promise<Opportunity> {
  return ok(who.post('/api/opportunities', { name, accountId, amountMinor, currency, expectedCloseDate }));
}

async function change(who: Caller, deal: Opportunity, values: Record<string, unknown>): Promise<Opportunity> {
  const now = await ok<Opportunity>(who.get(`/api/opportunities/${deal.id}`));
  return ok(who.patch(`/api/opportunities/${deal.id}`, { ...values, version: now.version }));
}

beforeAll(async () => {
  ctx = await createTestApp();
  ws = await buildWorkspace(ctx);
  const admin = ws.acme.admin.as;
  // EUR is worth 1.10 USD at the start of October, 1.20 from the 15th
  for (const [validFrom, rate] of [
    ['2026-09-01', '1.10'],
    ['2026-10-15', '1.20'],
  ])
    await ok(admin.post('/api/currency/rates', { currency: 'EUR', validFrom, rate }));
  const a1 = ws.acme.sellerA1.as;
  const a2 = ws.acme.sellerA2.as;
  const b1 = ws.acme.sellerB1.as;
  const initech = ws.books.sellerA1.account.id;
  const umbrella = ws.books.sellerA2.account.id;
  const hooli = ws.books.sellerB1.account.id;

  // the team's October pipeline on its first day, and two deals it did not count on
  const lost = await open(a1, initech, 'Lost', USD(100_000), '2026-10-20');
  const slipped = await open(a1, initech, 'Slipped', USD(200_000), '2026-10-25');
  const grown = await open(a2, umbrella, 'Grown', USD(300_000), '2026-10-15');
  const steady = await open(a2, umbrella, 'Steady', USD(400_000), '2026-10-05');
  const deleted = await open(a1, initech, 'Deleted', USD(50_000), '2026-10-30');
  const handedOut = await open(a1, initech, 'Handed out', USD(60_000), '2026-10-30');
  const inEuros = await open(a1, initech, 'In euros', 70_000_00, '2026-10-28', 'EUR');
  const later = await open(a1, initech, 'Pulled in', USD(30_000), '2027-01-10');
  const handedIn = await open(b1, hooli, 'Handed in', USD(40_000), '2026-10-12');
  // November's: one still open, one moved to December
  const stillOpen = await open(a2, umbrella, 'Still open', USD(80_000), '2026-11-25');
  const toDecember = await open(a2, umbrella, 'To December', USD(90_000), '2026-11-10');
  await takeSnapshot(ctx.deps.db, ws.acme.orgId, '2026-10-01');
  await takeSnapshot(ctx.deps.db, ws.acme.orgId, '2026-11-01');

  // what became of them
  await change(a1, lost, { status: 'lost', closedDate: '2026-10-10', closeReason: 'Went with a rival' });
  await change(a1, slipped, { expectedCloseDate: '2026-12-15' });
  await change(a2, grown, { amountMinor: USD(350_000), status: 'won', closedDate: '2026-10-20' });
  await change(a2, steady, { status: 'won', closedDate: '2026-10-05' });
  expect((await a1.delete(`/api/opportunities/${deleted.id}`)).statusCode).toBeLessThan(300);
  await change(admin, handedOut, { ownerId: ws.acme.sellerB1.user.id });
  await change(a1, inEuros, { status: 'won', closedDate: '2026-10-25' });
  await change(a1, later, { status: 'won', closedDate: '2026-10-28' });
  await change(admin, handedIn, { ownerId: ws.acme.sellerA1.user.id });
  await change(a1, handedIn, { status: 'won', closedDate: '2026-10-14' });
  const created = await open(a2, umbrella, 'Created', USD(25_000), '2026-10-31');
  await change(a2, created, { status: 'won', closedDate: '2026-10-12' });
  await change(a2, toDecember, { expectedCloseDate: '2026-12-10' });
  expect(stillOpen.status).toBe('open');
});
afterAll(() => ctx.close());

const stepsOf = (w: ForecastWaterfall) =>
  Object.fromEntries(w.steps!.map((s) => [s.step, [s.deals, s.amountMinor]])) as Record<
    WaterfallStepName,
    [number, number]
  >;

describe("a period's waterfall", () => {
  it('explains October for the team deal by deal, and adds up to what was won', async () => {
    const waterfall = await ok<ForecastWaterfall>(ws.acme.managerA.as.get('/api/forecast/waterfall?period=2026-10'));
    expect(waterfall).toMatchObject({
      scope: { kind: 'team', id: ws.acme.managerA.user.id },
      period: { key: '2026-10', from: '2026-10-01', to: '2026-10-31' },
      reportingCurrency: 'USD',
      isOver: true,
      asOf: '2026-10-01',
    });
    expect(stepsOf(waterfall)).toEqual({
      // 100k + 200k + 300k + 400k + 50k + 60k + €70k at 1.10
      start: [7, USD(1_187_000)],
      lost: [1, USD(100_000)],
      slipped: [1, USD(200_000)],
      removed: [2, USD(110_000)],
      stillOpen: [0, 0],
      // Grown +50k; the euros were won when the euro was worth 1.20: +7k, the deal's own amount unchanged
      resized: [1, USD(57_000)],
      wonFromStart: [3, USD(834_000)],
      created: [1, USD(25_000)],
      // one expected in January, one that was someone else's
      pulledIn: [2, USD(70_000)],
      won: [6, USD(929_000)],
    });
    expect(waterfall.won).toEqual({ deals: 6, amountMinor: USD(929_000) });
    expect(waterfallMismatches(waterfall.steps!)).toEqual([]);
  });

  it('agrees with the accuracy’s actual for every scope, over or running', async () => {
    const callers = [ws.acme.managerA, ws.acme.vp, ws.acme.admin, ws.acme.sellerA1, ws.acme.sellerB1];
    for (const person of callers) {
      const accuracy = await ok<ForecastAccuracy>(person.as.get('/api/forecast/accuracy?kind=month&periods=2'));
      for (const period of accuracy.periods) {
        const waterfall = await ok<ForecastWaterfall>(person.as.get(`/api/forecast/waterfall?period=${period.key}`));
        expect([person.user.email, period.key, waterfall.won.amountMinor]).toEqual([
          person.user.email,
          period.key,
          period.actual,
        ]);
        expect(waterfall.asOf).toBe(period.asOf);
        expect(waterfall.steps!.at(-1)).toMatchObject({ step: 'won', amountMinor: period.actual });
        expect(waterfallMismatches(waterfall.steps!)).toEqual([]);
      }
    }
  });

  it('shows what is still open in a running period', async () => {
    const waterfall = await ok<ForecastWaterfall>(ws.acme.managerA.as.get('/api/forecast/waterfall?period=2026-11'));
    expect(waterfall.isOver).toBe(false);
    const steps = stepsOf(waterfall);
    // the team's November at its start: Still open, To December, and October's Slipped (then expected in October) is not in it
    expect(steps.start).toEqual([2, USD(170_000)]);
    expect(steps.stillOpen).toEqual([1, USD(80_000)]);
    expect(steps.slipped).toEqual([1, USD(90_000)]);
    expect(steps.won).toEqual([0, 0]);
  });

  it('says there is no start where no snapshot was taken near the first day, and still what was won', async () => {
    const waterfall = await ok<ForecastWaterfall>(ws.acme.managerA.as.get('/api/forecast/waterfall?period=2026-Q3'));
    expect(waterfall).toMatchObject({ asOf: null, steps: null, won: { deals: 0, amountMinor: 0 } });
  });

  it('answers last quarter when no period is named, in the caller’s own scope', async () => {
    const waterfall = await ok<ForecastWaterfall>(ws.acme.sellerA1.as.get('/api/forecast/waterfall'));
    expect(waterfall.period.key).toBe('2026-Q3');
    expect(waterfall.scope).toMatchObject({ kind: 'owner', id: ws.acme.sellerA1.user.id });
  });

  it.each([
    ['period=2026-Q9', 'period'],
    ['period=2026', 'period'],
    ['period=2026-10&team=a&owner=b', 'owner'],
  ])('refuses %s with a 400 naming %s', async (query, field) => {
    const response = await ws.acme.managerA.as.get(`/api/forecast/waterfall?${query}`);
    expect(response.statusCode).toBe(400);
    expect(JSON.stringify(response.json().error)).toContain(field);
  });

  it('finds no team outside the caller’s hierarchy or organization', async () => {
    for (const id of [ws.acme.managerB.user.id, ws.globex.admin.user.id])
      expect((await ws.acme.managerA.as.get(`/api/forecast/waterfall?period=2026-10&team=${id}`)).statusCode).toBe(404);
    expect(
      (await ws.acme.admin.as.get(`/api/forecast/waterfall?period=2026-10&owner=${ws.globex.seller.user.id}`))
        .statusCode,
    ).toBe(404);
  });

  it('says which rate is missing rather than guess one (422)', async () => {
    const b1 = ws.acme.sellerB1.as;
    const deal = await open(b1, ws.books.sellerB1.account.id, 'In pounds', 10_000_00, '2026-09-20', 'GBP');
    await takeSnapshot(ctx.deps.db, ws.acme.orgId, '2026-09-01');
    await change(b1, deal, { status: 'lost', closedDate: '2026-09-15' });
    const response = await b1.get('/api/forecast/waterfall?period=2026-09');
    expect(response.statusCode).toBe(422);
    expect(response.json().error.message).toContain('GBP');
  });
});
