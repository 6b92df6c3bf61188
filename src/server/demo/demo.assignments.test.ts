import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Assignment, AssignmentDetail } from '../../contract/assignments.ts';
import type { EffectivenessReport, Impact } from '../../contract/impact.ts';
import type { KnowledgeResponse } from '../../contract/knowledge.ts';
import { createDemoTestApp, signIn, type Caller, type TestContext } from '../../testing/test-app.ts';
import { DEMO_PASSWORD } from './demo.data.ts';

// The demo's coaching assignments: every state a page shows, and the on-the-job one a visitor can
// make met by recording what the economic buyer said.

let ctx: TestContext;
let manager1: Caller;
let seller1: Caller;
const today = '2026-11-20';

beforeAll(async () => {
  ctx = await createDemoTestApp({ today });
  manager1 = await signIn(ctx.app, 'manager1@demo.example.com', DEMO_PASSWORD);
  seller1 = await signIn(ctx.app, 'seller1@demo.example.com', DEMO_PASSWORD);
});
afterAll(() => ctx.close());

const listOf = async (as: Caller, email: string) => {
  const people = (await as.get('/api/users?limit=100')).json<{ items: Array<{ id: string; email: string }> }>();
  const id = people.items.find((p) => p.email === email)!.id;
  const r = await as.get(`/api/coaching/assignments?seller=${id}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json<{ items: Assignment[] }>().items;
};

describe('the demo’s coaching assignments', () => {
  it('shows manager1’s team learning in progress, completed, applied and verified', async () => {
    const team = (
      await Promise.all(['seller1', 'seller2', 'seller3'].map((s) => listOf(manager1, `${s}@demo.example.com`)))
    ).flat();
    expect(new Set(team.map((a) => a.status))).toEqual(new Set(['in_progress', 'verified', 'completed', 'applied']));
    const quiz = team.find((a) => a.status === 'completed')!;
    expect(quiz.quiz).toMatchObject({ passed: true, attempts: 1 });
    const applied = team.find((a) => a.status === 'applied')!;
    expect(applied.applicationEvidence.length).toBeGreaterThan(0);
    expect(applied.successCondition?.now?.met).toBe(true);
  });

  it('lets seller1 meet their on-the-job condition by recording the economic buyer meeting', async () => {
    const mine = (await seller1.get('/api/coaching/assignments')).json<{ items: Assignment[] }>().items;
    const work = mine.find((a) => a.successCondition?.id === 'economic_buyer_met')!;
    expect(work).toMatchObject({ status: 'in_progress', appliedAt: null, successCondition: { now: { met: false } } });
    const deal = (await seller1.get(`/api/opportunities/${work.deal!.id}`)).json<{
      accountId: string;
      version: number;
    }>();
    const contact = (
      await seller1.post('/api/contacts', { accountId: deal.accountId, name: 'Rhea Budget', title: 'CFO' })
    ).json<{ id: string }>();
    const added = await seller1.post(`/api/opportunities/${work.deal!.id}/knowledge/log`, {
      version: deal.version,
      source: 'buyer_stated',
      contactId: contact.id,
      observedAt: today,
      items: [{ ref: 'cfo', kind: 'evaluator', contactId: contact.id, said: 'I sign anything above 100k' }],
    });
    expect(added.statusCode, added.body).toBe(200);
    const cfo = added.json<KnowledgeResponse>().evaluatorMatrix.rows.find((r) => r.contactId === contact.id)!;
    const now = (await seller1.get(`/api/opportunities/${work.deal!.id}`)).json<{ version: number }>();
    const met = await seller1.post(`/api/opportunities/${work.deal!.id}/knowledge/log`, {
      version: now.version,
      source: 'buyer_stated',
      contactId: contact.id,
      observedAt: today,
      facts: [
        { kind: 'power_access', field: 'economicBuyer', value: cfo.evaluatorId, said: 'The budget is mine' },
        { kind: 'power_access', field: 'ebMet', value: true, said: 'Good to meet you at last' },
      ],
    });
    expect(met.statusCode, met.body).toBe(200);
    const after = (await seller1.get(`/api/coaching/assignments/${work.id}`)).json<AssignmentDetail>();
    expect(after.appliedAt).not.toBeNull();
    expect(after.applicationEvidence.map((e) => e.what)).toEqual(['Economic buyer named', 'Economic buyer met']);
  });
});

describe('the demo’s impact of learning and coaching effectiveness', () => {
  it('draws 64 days of seller1’s fresh knowledge against the sellers not coached on it, from the replayed snapshots', async () => {
    const verified = (await listOf(manager1, 'seller1@demo.example.com')).find((a) => a.status === 'verified')!;
    const r = await manager1.get(`/api/coaching/assignments/${verified.id}/impact`);
    expect(r.statusCode, r.body).toBe(200);
    const impact = r.json<Impact>();
    expect(impact.measure?.id).toBe('freshKnowledge');
    expect(impact.points.map((p) => p.offset)).toEqual([0, 30, 60, 64]);
    // the baseline kept with the assignment is the chart's first point
    expect(impact.baselineAtAssignment).toBe(impact.points[0]!.seller);
    expect(impact.points.every((p) => p.seller !== null && p.notCoached !== null)).toBe(true);
    expect(['more', 'less', 'same']).toContain(impact.verdict.kind);
  });

  it('sums manager1’s coaching over the last 90 days', async () => {
    const r = await manager1.get('/api/coaching/effectiveness');
    expect(r.statusCode, r.body).toBe(200);
    const e = r.json<EffectivenessReport>();
    expect(e.period.key).toBe('last-90-days');
    expect(e.diagnosesStarted.count).toBe(2);
    expect(e.assignedInPeriod).toBeGreaterThanOrEqual(5);
    // the role-play the concluded diagnosis prescribed: started 9 days ago, concluded 6 days ago and
    // assigned from it the morning after, 5 days ago
    expect(e.daysToAssignment).toMatchObject({ median: 4, assignments: 1 });
    expect(e.due).toBeGreaterThan(0);
    expect(e.indicators.map((i) => i.measure)).toContain('freshKnowledge');
  });
});
