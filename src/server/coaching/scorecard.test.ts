import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Opportunity } from '../../contract/opportunities.ts';
import type { Scorecard, TeamCoaching } from '../../contract/scorecard.ts';
import { INDICATOR_KEYS } from '../../domain/coaching/indicators.ts';
import { addDays } from '../../domain/dates.ts';
import { DEMO_PASSWORD } from '../demo/index.ts';
import { createDemoTestApp, signIn, type Caller, type TestContext } from '../../testing/test-app.ts';

let ctx: TestContext;
let manager: Caller;
let otherManager: Caller;
let seller: Caller;
let peer: Caller;
let admin: Caller;

beforeAll(async () => {
  ctx = await createDemoTestApp({ today: '2026-11-20' });
  [manager, otherManager, seller, peer, admin] = await Promise.all([
    signIn(ctx.app, 'manager1@demo.example.com', DEMO_PASSWORD),
    signIn(ctx.app, 'manager2@demo.example.com', DEMO_PASSWORD),
    signIn(ctx.app, 'seller1@demo.example.com', DEMO_PASSWORD),
    signIn(ctx.app, 'seller2@demo.example.com', DEMO_PASSWORD),
    signIn(ctx.app, 'admin@demo.example.com', DEMO_PASSWORD),
  ]);
});
afterAll(() => ctx.close());

const idOf = async (caller: Caller) => (await caller.get('/api/auth/session')).json<{ user: { id: string } }>().user.id;
const today = () => ctx.deps.now().toISOString().slice(0, 10);

async function dealsOf(caller: Caller, ownerId: string, status: string): Promise<Opportunity[]> {
  const deals: Opportunity[] = [];
  for (let offset = 0; ; offset += 200) {
    const page = (
      await caller.get(`/api/opportunities?status=${status}&owner=${ownerId}&limit=200&offset=${offset}`)
    ).json<{ items: Opportunity[] }>();
    deals.push(...page.items);
    if (page.items.length < 200) return deals;
  }
}

describe('a seller’s scorecard', () => {
  it('reads every indicator from the seller’s own deals, as the deals themselves add up', async () => {
    const sellerId = await idOf(seller);
    const response = await manager.get(`/api/coaching/sellers/${sellerId}/scorecard`);
    expect(response.statusCode, response.body).toBe(200);
    const card = response.json<Scorecard>();
    expect(card.indicators.map((i) => i.key)).toEqual([...INDICATOR_KEYS]);
    const value = (key: string) => card.indicators.find((i) => i.key === key)!.value;

    const open = await dealsOf(manager, sellerId, 'open');
    expect(card.openDeals).toBe(open.length);
    const coverage = open.reduce((sum, d) => sum + d.coverageIndex!, 0) / open.length;
    expect(value('knowledgeCoverage')).toBeCloseTo(coverage, 9);

    const since = addDays(today(), -180);
    const closed = (await Promise.all(['won', 'lost', 'no_decision'].map((s) => dealsOf(manager, sellerId, s))))
      .flat()
      .filter((d) => d.closedDate! >= since && d.closedDate! <= today());
    const won = closed.filter((d) => d.status === 'won');
    const lost = closed.filter((d) => d.status === 'lost');
    expect(card.closedDeals).toBe(closed.length);
    if (won.length + lost.length > 0) expect(value('winRate')).toBeCloseTo(won.length / (won.length + lost.length), 9);
    if (closed.length > 0)
      expect(value('noDecisionRate')).toBeCloseTo(
        closed.filter((d) => d.status === 'no_decision').length / closed.length,
        9,
      );
    // each flag names its root causes, and the deals showing a zone
    for (const flag of card.flags) {
      expect(flag.rootCauses.length).toBeGreaterThan(0);
      if (flag.zoneId) for (const d of flag.deals) expect(open.map((o) => o.id)).toContain(d.id);
    }
    expect(card.summary.length).toBeGreaterThan(10);
  });

  it('is the seller’s own, their managers’ and admins’, never a peer’s', async () => {
    const sellerId = await idOf(seller);
    expect((await seller.get(`/api/coaching/sellers/${sellerId}/scorecard`)).statusCode).toBe(200);
    expect((await admin.get(`/api/coaching/sellers/${sellerId}/scorecard`)).statusCode).toBe(200);
    expect((await peer.get(`/api/coaching/sellers/${sellerId}/scorecard`)).statusCode).toBe(404);
    expect((await otherManager.get(`/api/coaching/sellers/${sellerId}/scorecard`)).statusCode).toBe(404);
    expect((await manager.get('/api/coaching/sellers/nobody/scorecard')).statusCode).toBe(404);
  });
});

describe('the team view', () => {
  it('shows every seller of the manager’s team with deals, the most flagged first', async () => {
    const team = (await manager.get('/api/coaching/team')).json<TeamCoaching>();
    expect(team.manager.id).toBe(await idOf(manager));
    expect(team.sellers.length).toBeGreaterThan(2);
    expect(team.sellers.map((s) => s.flags.length)).toEqual(
      [...team.sellers.map((s) => s.flags.length)].sort((a, b) => b - a),
    );
    // the same figures as each seller's own scorecard
    const first = team.sellers[0]!;
    const card = (await manager.get(`/api/coaching/sellers/${first.id}/scorecard`)).json<Scorecard>();
    expect(card.flags.map((f) => f.rule)).toEqual(first.flags.map((f) => f.rule));
    for (const i of card.indicators) expect(first.values[i.key]).toEqual(i.value);
    // the demo's sellers do not all show the same gaps
    expect(new Set(team.sellers.map((s) => s.flags.map((f) => f.rule + (f.zoneId ?? '')).join())).size).toBeGreaterThan(
      2,
    );
  });

  it('is for managers and admins, of a team they can see', async () => {
    expect((await seller.get('/api/coaching/team')).statusCode).toBe(403);
    const managerId = await idOf(manager);
    const outside = await otherManager.get(`/api/coaching/team?manager=${managerId}`);
    expect(outside.statusCode).toBe(404);
    expect(outside.json().error.fields).toHaveProperty('manager');
    expect((await admin.get(`/api/coaching/team?manager=${managerId}`)).json<TeamCoaching>().manager.id).toBe(
      managerId,
    );
  });
});
