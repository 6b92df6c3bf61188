import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ForecastAccuracy } from '../../contract/forecast.ts';
import type { HandOver, HandOverSummary } from '../../contract/hand-overs.ts';
import type { Scorecard } from '../../contract/scorecard.ts';
import type { User } from '../../contract/users.ts';
import { createDemoTestApp, signIn, type Caller, type TestContext } from '../../testing/test-app.ts';
import { DEMO_PASSWORD } from '../demo/index.ts';

let ctx: TestContext;
let admin: Caller;
let users: User[];

beforeAll(async () => {
  ctx = await createDemoTestApp({ today: '2026-11-20' });
  admin = await signIn(ctx.app, 'admin@demo.example.com', DEMO_PASSWORD);
  users = (await admin.get('/api/users')).json<{ items: User[] }>().items;
});
afterAll(() => ctx.close());

const person = (email: string) => users.find((u) => u.email === email)!;

async function figuresOf(id: string) {
  const card = (await admin.get(`/api/coaching/sellers/${id}/scorecard`)).json<Scorecard>();
  const accuracy = (await admin.get(`/api/forecast/accuracy?owner=${id}&periods=4`)).json<ForecastAccuracy>();
  const results = card.indicators.filter((i) => i.kind === 'result').map((i) => [i.key, i.value]);
  const over = accuracy.periods.filter((p) => p.isOver).map((p) => [p.key, p.actual, p.calls]);
  const won = (await admin.get(`/api/opportunities?owner=${id}&status=won&limit=1`)).json<{ total: number }>().total;
  return { openDeals: card.openDeals, closedDeals: card.closedDeals, results, over, won };
}

describe("a leaver's figures and history stay theirs", () => {
  it('keeps their closed deals, scorecard results and past forecast accuracy; the takers gain open deals only', async () => {
    const leaver = person('seller5@demo.example.com');
    const taker = person('seller4@demo.example.com');
    const [leaverBefore, takerBefore] = [await figuresOf(leaver.id), await figuresOf(taker.id)];
    expect(leaverBefore.closedDeals).toBeGreaterThan(0);
    expect(leaverBefore.over.some(([, actual]) => (actual as number) > 0)).toBe(true);

    const response = await admin.post(`/api/users/${leaver.id}/hand-over`, {
      to: [{ userId: taker.id }],
      split: 'one',
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().opportunities).toBe(leaverBefore.openDeals);

    const [leaverAfter, takerAfter] = [await figuresOf(leaver.id), await figuresOf(taker.id)];
    expect(leaverAfter).toEqual({ ...leaverBefore, openDeals: 0 });
    expect(takerAfter).toEqual({ ...takerBefore, openDeals: takerBefore.openDeals + leaverBefore.openDeals });
  });
});

describe('the demo', () => {
  it('holds a seller who left, their deals handed over with briefs, some acknowledged and some not', async () => {
    const leaver = person('seller8@demo.example.com');
    expect(leaver.isActive).toBe(false);
    expect((await admin.get(`/api/opportunities?owner=${leaver.id}&status=open&limit=1`)).json().total).toBe(0);
    expect((await admin.get(`/api/opportunities?owner=${leaver.id}&status=won&limit=1`)).json().total).toBeGreaterThan(
      0,
    );

    const takers = ['seller6@demo.example.com', 'seller9@demo.example.com'];
    const pending: HandOverSummary[] = [];
    const handed: HandOverSummary[] = [];
    for (const email of takers) {
      const as = await signIn(ctx.app, email, DEMO_PASSWORD);
      const all = (await as.get('/api/hand-overs/mine?status=all')).json<{ items: HandOverSummary[] }>().items;
      expect(all.length).toBeGreaterThan(0);
      handed.push(...all);
      pending.push(...all.filter((h) => h.acknowledgedAt === null));
    }
    expect(handed.every((h) => h.fromName === leaver.name && h.reason === 'leaver')).toBe(true);
    expect(pending.length).toBeGreaterThan(0);
    expect(pending.length).toBeLessThan(handed.length);

    // a brief written three days ago tells what was known then, with who learned it
    const one = handed[0]!;
    const brief = (await admin.get(`/api/opportunities/${one.opportunityId}/hand-overs/${one.id}`)).json<HandOver>();
    expect(brief.at.slice(0, 10)).toBe('2026-11-17');
    expect(brief.brief.timeline.every((t) => t.at <= brief.at)).toBe(true);
    expect(brief.brief.known.length + brief.brief.notExplored.length).toBeGreaterThan(0);
  });
});
