import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Opportunity } from '../../contract/opportunities.ts';
import type { ReviewChanges } from '../../contract/review-meetings.ts';
import type { TopReview } from '../../contract/reviews.ts';
import { DEMO_PASSWORD } from '../demo/index.ts';
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

/** Every open deal the caller can see, read page by page from the list. */
async function allOpen(caller: Caller): Promise<Opportunity[]> {
  const deals: Opportunity[] = [];
  for (let offset = 0; ; offset += 200) {
    const page = (await caller.get(`/api/opportunities?status=open&limit=200&offset=${offset}`)).json<{
      items: Opportunity[];
    }>();
    deals.push(...page.items);
    if (page.items.length < 200) return deals;
  }
}

/** The rate of `currency` today, read the way the admin entered them. */
function rateOf(book: Rates, currency: string, today: string): number {
  if (currency === book.reportingCurrency) return 1;
  const valid = book.rates
    .filter((r) => r.currency === currency && r.validFrom <= today)
    .sort((a, b) => (a.validFrom < b.validFrom ? 1 : -1));
  return Number(valid[0]!.rate);
}

const today = () => ctx.deps.now().toISOString().slice(0, 10);

describe('the top-20 review', () => {
  it("ranks the manager's team's open deals by value × win probability in one currency, as a plain sort would", async () => {
    const review = (await manager.get('/api/reviews/top')).json<TopReview>();
    const book = (await manager.get('/api/currency')).json<Rates>();
    const deals = await allOpen(manager);
    const expected = deals
      .map((d) => ({ id: d.id, weighted: d.amountMinor * rateOf(book, d.currency, today()) * (d.winProbability ?? 0) }))
      .sort((a, b) => b.weighted - a.weighted || (a.id < b.id ? -1 : 1))
      .slice(0, 20)
      .map((d) => d.id);
    expect(review.scope).toMatchObject({ kind: 'team' });
    expect(review.reportingCurrency).toBe(book.reportingCurrency);
    expect(review.openDeals).toBe(deals.length);
    expect(review.items.map((i) => i.opportunity.id)).toEqual(expected);
    // several currencies in the team, each shown converted beside its original
    expect(new Set(deals.map((d) => d.currency)).size).toBeGreaterThan(1);
    for (const item of review.items) {
      const rate = rateOf(book, item.opportunity.currency, today());
      expect(item.value.currency).toBe(book.reportingCurrency);
      expect(Math.abs(item.value.amountMinor - item.opportunity.amountMinor * rate)).toBeLessThanOrEqual(1);
    }
  });

  it('answers the five questions for each deal from what the seller recorded', async () => {
    const review = (await manager.get('/api/reviews/top')).json<TopReview>();
    const item = review.items.find((i) => i.evaluators.length > 0 && i.decisionCriteria.length > 0)!;
    expect(item).toBeDefined();
    // 1. the probability with its band and coverage, beside the stage and seller figures, and its reasons
    expect(item.band[0]).toBeLessThanOrEqual(item.winProbability);
    expect(item.band[1]).toBeGreaterThanOrEqual(item.winProbability);
    expect(item.stageProbability).toBeGreaterThan(0);
    expect(item.basis.length).toBeGreaterThan(0);
    // 2. evaluators by name, with influence; 3. alternatives and who favours them
    expect(item.evaluators.every((e) => e.name.length > 0)).toBe(true);
    expect(item.alternatives[0]).toMatchObject({ id: 'us', name: 'Us' });
    const favouring = item.evaluators.filter((e) => e.favours !== null);
    for (const e of favouring)
      expect(item.alternatives.find((a) => a.name === e.favours)?.favouredBy).toContain(e.name);
    // 5. criteria with our fit; the rest of each row: zones by name and the next move
    expect(item.decisionCriteria[0]!.title.length).toBeGreaterThan(0);
    expect(review.items.some((i) => i.businessIssues.some((b) => b.impact !== null))).toBe(true);
    expect(review.items.some((i) => i.dangerZones.length > 0)).toBe(true);
    expect(review.items.some((i) => i.nextMove !== null)).toBe(true);
    expect(review.items.some((i) => i.evaluators.some((e) => e.isEconomicBuyer))).toBe(true);
  });

  it('ranks by value, by the nearest close date or by risk, and keeps to a period and a limit', async () => {
    const byValue = (await manager.get('/api/reviews/top?rank=value&limit=5')).json<TopReview>();
    expect(byValue.items).toHaveLength(5);
    const values = byValue.items.map((i) => i.value.amountMinor);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    const byClose = (await manager.get('/api/reviews/top?rank=close_date')).json<TopReview>();
    const dates = byClose.items.map((i) => i.opportunity.expectedCloseDate);
    expect(dates).toEqual([...dates].sort());
    const byRisk = (await manager.get('/api/reviews/top?rank=risk')).json<TopReview>();
    const order = ['critical', 'high', 'medium', 'low', null];
    const severities = byRisk.items.map((i) => order.indexOf(i.opportunity.topSeverity));
    expect(severities).toEqual([...severities].sort((a, b) => a - b));
    const quarter = (await manager.get('/api/reviews/top?period=2027-Q1')).json<TopReview>();
    expect(quarter.period).toMatchObject({ key: '2027-Q1', from: '2027-01-01', to: '2027-03-31', label: 'Q1 2027' });
    for (const i of quarter.items) expect(i.opportunity.expectedCloseDate.slice(0, 7) >= '2027-01').toBe(true);
    for (const i of quarter.items) expect(i.opportunity.expectedCloseDate <= '2027-03-31').toBe(true);
  });

  it('covers only what the caller may see: a seller their own deals, a manager their hierarchy', async () => {
    const own = (await seller.get('/api/reviews/top')).json<TopReview>();
    const me = (await seller.get('/api/auth/session')).json<{ user: { id: string } }>().user.id;
    expect(own.scope).toMatchObject({ kind: 'owner', id: me });
    expect(own.items.every((i) => i.opportunity.ownerId === me)).toBe(true);
    const org = (await admin.get('/api/reviews/top')).json<TopReview>();
    expect(org.scope.kind).toBe('organization');
    expect(org.openDeals).toBeGreaterThan((await manager.get('/api/reviews/top')).json<TopReview>().openDeals);
    // one seller of the team, asked for by the manager
    const one = (await manager.get(`/api/reviews/top?owner=${me}`)).json<TopReview>();
    expect(one.items.map((i) => i.opportunity.id)).toEqual(own.items.map((i) => i.opportunity.id));
    // someone outside the manager's hierarchy (the admin) is nobody the manager can see
    const adminId = (await admin.get('/api/auth/session')).json<{ user: { id: string } }>().user.id;
    const outside = await manager.get(`/api/reviews/top?team=${adminId}`);
    expect(outside.statusCode).toBe(404);
    expect(outside.json().error.fields).toHaveProperty('team');
  });

  it('says on each deal what changed since the last review, as the changes beside the review do', async () => {
    const review = (await manager.get('/api/reviews/top?limit=50')).json<TopReview>();
    // the demo's teams held their review last week
    expect(review.since).toMatchObject({ kind: 'review', heldByName: expect.any(String) });
    const changes = (await manager.get('/api/reviews/changes')).json<ReviewChanges>();
    expect(changes.baseline).toEqual(review.since);
    const byId = new Map(review.items.map((i) => [i.opportunity.id, i.sinceLastReview]));
    const told = <T extends { id: string }>(list: readonly T[]) => list.filter((d) => byId.has(d.id));
    expect(told(changes.moved).length + told(changes.zones).length).toBeGreaterThan(0);
    for (const move of told(changes.moved)) expect(byId.get(move.id)!.winProbability).toBeCloseTo(move.from, 9);
    for (const push of told(changes.closeDates))
      expect(byId.get(push.id)!.closeDate).toEqual({ from: push.from, to: push.to, direction: push.direction });
    for (const zone of told(changes.zones))
      expect(byId.get(zone.id)).toMatchObject({ newZones: zone.entered, resolvedZones: zone.resolved });
    for (const added of told(changes.added)) expect(byId.get(added.id)!.added).toBe(added.why);
    // a deal the changes do not name changed nothing worth telling
    const named = new Set(
      [...changes.moved, ...changes.closeDates, ...changes.zones, ...changes.added].map((d) => d.id),
    );
    for (const item of review.items.filter((i) => !named.has(i.opportunity.id)))
      expect(item.sinceLastReview).toMatchObject({ added: null, closeDate: null, newZones: [], resolvedZones: [] });
  });

  it('compares the organization, which held no review, with the snapshot a week old', async () => {
    const review = (await admin.get('/api/reviews/top')).json<TopReview>();
    expect(review.since.kind).toBe('snapshot');
    const day = (review.since as { day: string }).day;
    expect(day <= new Date(Date.parse(`${today()}T00:00:00Z`) - 7 * 86_400_000).toISOString().slice(0, 10)).toBe(true);
  });

  it.each([
    ['period=2026-Q5', 'period'],
    ['period=last-quarter', 'period'],
    ['rank=biggest', 'rank'],
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['team=x&owner=y', 'owner'],
  ])('refuses %s with a 400 naming %s', async (query, field) => {
    const response = await manager.get(`/api/reviews/top?${query}`);
    expect(response.statusCode).toBe(400);
    expect(JSON.stringify(response.json().error)).toContain(field);
  });

  it('names the currency whose exchange rate is missing instead of mixing currencies', async () => {
    const book = (await admin.get('/api/currency')).json<Rates>();
    const foreign = book.rates.find((r) => r.currency !== book.reportingCurrency)!;
    const removed = book.rates.filter((r) => r.currency === foreign.currency);
    for (const r of removed)
      expect((await admin.delete(`/api/currency/rates/${r.currency}/${r.validFrom}`)).statusCode).toBeLessThan(300);
    try {
      const response = await admin.get('/api/reviews/top');
      expect(response.statusCode).toBe(422);
      expect(response.json().error.message).toContain(foreign.currency);
    } finally {
      for (const r of removed)
        await admin.post('/api/currency/rates', { currency: r.currency, validFrom: r.validFrom, rate: r.rate });
    }
    expect((await admin.get('/api/reviews/top')).statusCode).toBe(200);
  });
});
