import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReviewMark } from '../../contract/marks.ts';
import type { ReviewChanges, ReviewMeeting } from '../../contract/review-meetings.ts';
import type { Opportunity } from '../../contract/opportunities.ts';
import { takeSnapshot } from '../forecast/index.ts';
import { newDealToExplore, said, today } from '../../testing/knowledge.ts';
import { createTestApp, type Caller, type TestContext } from '../../testing/test-app.ts';
import { buildWorkspace, type Workspace } from '../../testing/workspace.ts';

let ctx: TestContext;
let ws: Workspace;
let seller: Caller;
let manager: Caller;

beforeAll(async () => {
  ctx = await createTestApp();
  ws = await buildWorkspace(ctx);
  seller = ws.acme.sellerA1.as;
  manager = ws.acme.managerA.as;
});
afterAll(() => ctx.close());

const sellerId = () => ws.acme.sellerA1.user.id;

async function newDeal(name: string, expectedCloseDate = '2027-03-15'): Promise<Opportunity> {
  const response = await seller.post('/api/opportunities', {
    name,
    accountId: ws.books.sellerA1.account.id,
    amountMinor: 5_000_000,
    currency: 'USD',
    expectedCloseDate,
  });
  expect(response.statusCode).toBe(201);
  return response.json<Opportunity>();
}

const changes = async (caller: Caller, query = '') => {
  const response = await caller.get(`/api/reviews/changes?owner=${sellerId()}${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<ReviewChanges>();
};

const patch = async (deal: Opportunity, body: Record<string, unknown>) => {
  const current = (await seller.get(`/api/opportunities/${deal.id}`)).json<Opportunity>();
  const response = await seller.patch(`/api/opportunities/${deal.id}`, { ...body, version: current.version });
  expect(response.statusCode, response.body).toBe(200);
};

const probabilityOf = async (id: string) =>
  (await seller.get(`/api/opportunities/${id}/assessment`)).json<{ winProbability: number }>().winProbability;

describe('the review as a meeting: marks, the review recorded, and what changed since', () => {
  let toWin: Opportunity;
  let toLose: Opportunity;
  let toPush: Opportunity;
  let steady: Opportunity;
  let explored: Awaited<ReturnType<typeof newDealToExplore>>;

  beforeAll(async () => {
    toWin = await newDeal('Renewal to win');
    toLose = await newDeal('Pilot to lose');
    toPush = await newDeal('Expansion to push', '2027-03-20');
    steady = await newDeal('Steady deal');
    explored = await newDealToExplore(ws);
  });

  it('before any review and any snapshot, says there is nothing to compare with', async () => {
    const before = await changes(manager);
    expect(before.baseline).toEqual({ kind: 'none', reason: expect.stringContaining('No review') });
    expect(before.added).toEqual([]);
  });

  it('lists the items marked to discuss, by anyone who sees the deal, until a review takes them up', async () => {
    const byManager = await manager.post(`/api/opportunities/${explored.id}/marks`, {
      topic: 'evaluators',
      note: 'Who signs above the CFO?',
    });
    expect(byManager.statusCode).toBe(201);
    expect(byManager.json<ReviewMark>()).toMatchObject({ topic: 'evaluators', markedByName: 'Max Manager' });
    const bySeller = await seller.post(`/api/opportunities/${toPush.id}/marks`, { topic: 'close_date' });
    const dropped = await seller.post(`/api/opportunities/${steady.id}/marks`, { topic: 'deal' });
    expect(
      (await seller.delete(`/api/opportunities/${steady.id}/marks/${dropped.json<ReviewMark>().id}`)).statusCode,
    ).toBe(204);
    expect((await seller.get(`/api/opportunities/${explored.id}/marks`)).json<{ items: ReviewMark[] }>().items).toEqual(
      [byManager.json()],
    );
    const agenda = (await changes(manager)).toDiscuss;
    expect(agenda.map((d) => [d.name, d.marks.map((m) => m.topic)])).toEqual([
      [expect.stringContaining('Deal'), ['evaluators']],
      ['Expansion to push', ['close_date']],
    ]);
    expect(agenda[1]!.marks[0]!.id).toBe(bySeller.json<ReviewMark>().id);
  });

  it('refuses a topic it does not know and a note too long, naming the field', async () => {
    for (const [body, field] of [
      [{ topic: 'weather' }, 'topic'],
      [{ topic: 'deal', note: 'x'.repeat(201) }, 'note'],
    ] as const) {
      const response = await manager.post(`/api/opportunities/${steady.id}/marks`, body);
      expect(response.statusCode).toBe(400);
      expect(Object.keys(response.json().error.fields)).toEqual([field]);
    }
  });

  it('is recorded by the manager, keeping the deals as they stand and taking up the marks', async () => {
    expect((await seller.post('/api/reviews/meetings', { owner: sellerId() })).statusCode).toBe(403);
    const open = (await seller.get('/api/opportunities?status=open&limit=200')).json<{ total: number }>().total;
    const held = await manager.post('/api/reviews/meetings', { owner: sellerId() });
    expect(held.statusCode).toBe(201);
    expect(held.json<ReviewMeeting>()).toMatchObject({ heldByName: 'Max Manager', deals: open, marksDiscussed: 2 });
    const after = await changes(manager);
    expect(after.baseline).toMatchObject({ kind: 'review', heldByName: 'Max Manager' });
    expect(after.dealsThen).toBe(open);
    expect(after.toDiscuss).toEqual([]);
    expect(after.counts).toEqual({ added: 0, dropped: 0, moved: 0, closeDates: 0, zones: 0 });
    // a mark taken up by a review is no longer there to take off
    const marks = (await seller.get(`/api/opportunities/${explored.id}/marks`)).json<{ items: ReviewMark[] }>();
    expect(marks.items).toEqual([]);
  });

  it('shows deals added and dropped, close dates moved and probability moves with what moved them', async () => {
    await patch(toWin, { status: 'won', closeReason: 'Chosen for the integration' });
    await patch(toLose, { status: 'lost', closeReason: 'Went with the incumbent' });
    await patch(toPush, { expectedCloseDate: '2027-04-15' });
    const fresh = await newDeal('Fresh inbound');
    const before = await probabilityOf(explored.id);
    const knowledge = (await seller.get(`/api/opportunities/${explored.id}/knowledge`)).json<{
      opportunityVersion: number;
    }>();
    const logged = await seller.post(`/api/opportunities/${explored.id}/knowledge/log`, {
      version: knowledge.opportunityVersion,
      summary: 'Call with the CFO',
      source: 'buyer_stated',
      contactId: explored.contactId,
      observedAt: today,
      items: [{ ref: 'cfo', kind: 'evaluator', contactId: explored.contactId, said: 'I sign this off' }],
      facts: [
        { itemRef: 'cfo', field: 'favours', value: 'us', said: 'Yours is the only one that fixes the close' },
        { itemRef: 'cfo', field: 'influence', value: 'high', said: 'Nothing moves without me' },
        { kind: 'funding', field: 'budgetStatus', value: 'allocated', said: 'The money is set aside' },
        { kind: 'compelling_event', field: 'eventDate', value: '2027-02-28', said: 'The audit is end of February' },
      ],
    });
    expect(logged.statusCode, logged.body).toBe(200);
    const after = await probabilityOf(explored.id);
    // the call is worth telling the review about
    expect(Math.abs(after - before)).toBeGreaterThanOrEqual(0.05);

    const report = await changes(manager);
    expect(report.added.map((d) => [d.id, d.why])).toEqual([[fresh.id, 'new']]);
    expect(report.dropped.map((d) => [d.name, d.why]).sort()).toEqual([
      ['Pilot to lose', 'lost'],
      ['Renewal to win', 'won'],
    ]);
    expect(report.closeDates).toEqual([
      expect.objectContaining({ id: toPush.id, from: '2027-03-20', to: '2027-04-15', direction: 'pushed' }),
    ]);
    const move = report.moved.find((m) => m.id === explored.id)!;
    expect(move.to).toBeCloseTo(after, 6);
    expect(move.reasons[0]!.text).toContain('logged by Sam Seller');
    expect(move.reasons.reduce((sum, r) => sum + r.points, 0)).toBeCloseTo((move.to - move.from) * 100, -0.5);
    expect(report.dropped[0]!.value).toEqual({ amountMinor: 5_000_000, currency: 'USD' });

    // in a quarter, the pushed deal left it
    const q1 = await changes(manager, '&period=2027-Q1');
    expect(q1.dropped.find((d) => d.id === toPush.id)?.why).toBe('out_of_period');
  });

  it('compares with a day’s snapshot when asked, and refuses a day to come', async () => {
    await takeSnapshot(ctx.deps.db, ws.acme.orgId, '2026-11-19');
    await newDeal('After the snapshot');
    const report = await changes(manager, '&since=2026-11-19');
    expect(report.baseline).toMatchObject({ kind: 'snapshot', day: '2026-11-19' });
    expect(report.added.map((d) => d.name)).toContain('After the snapshot');
    const future = await manager.get(`/api/reviews/changes?owner=${sellerId()}&since=2099-01-01`);
    expect(future.statusCode).toBe(400);
    expect(Object.keys(future.json().error.fields)).toEqual(['since']);
  });

  it("is nobody else's business: another team's manager finds neither the scope nor the deal", async () => {
    const other = ws.acme.managerB.as;
    expect((await other.get(`/api/reviews/changes?owner=${sellerId()}`)).statusCode).toBe(404);
    expect((await other.post('/api/reviews/meetings', { owner: sellerId() })).statusCode).toBe(404);
    expect((await other.post(`/api/opportunities/${steady.id}/marks`, { topic: 'deal' })).statusCode).toBe(404);
    // and their own team's changes never hold sellerA1's deals
    const theirs = (await other.get('/api/reviews/changes')).json<ReviewChanges>();
    expect([...theirs.added, ...theirs.dropped].map((d) => d.id)).not.toContain(steady.id);
  });
});
