import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssignmentDetail } from '../../contract/assignments.ts';
import type { Diagnosis } from '../../contract/diagnoses.ts';
import type { InboxPage } from '../../contract/inbox.ts';
import { newDealToExplore, today } from '../../testing/knowledge.ts';
import { startSmtpServer, type TestSmtpServer } from '../../testing/smtp.ts';
import { createTestApp, type Caller, type TestContext } from '../../testing/test-app.ts';
import { buildWorkspace, type Workspace } from '../../testing/workspace.ts';
import { deliverDueMail, sendDueReminders } from '../inbox/index.ts';

// Learning assigned from a concluded diagnosis, and what the inbox (and e-mail, through a real SMTP
// server in this process) tells whom as the learning moves: the seller when it is assigned and as
// its due date comes and goes, the assigning manager when it is completed, applied, or 3 days late.
// The test clock starts on 2026-11-20 at 09:00 UTC.

let ctx: TestContext;
let ws: Workspace;
let smtp: TestSmtpServer;
let jobAidId: string;
let onTheJobId: string;

const manager = () => ws.acme.managerA.as;
const seller = () => ws.acme.sellerA1.as;
const inAWeek = '2026-11-27';
const errorOf = (r: { json<T>(): T }) =>
  r.json<{ error: { code: string; message: string; fields?: Record<string, string> } }>().error;

beforeAll(async () => {
  ctx = await createTestApp();
  ws = await buildWorkspace(ctx);
  smtp = await startSmtpServer();
  const admin = ws.acme.admin.as;
  const mail = await admin.put('/api/admin/mail', {
    host: '127.0.0.1',
    port: smtp.port,
    tlsMode: 'none',
    fromAddress: 'winsight@acme.test',
    appUrl: 'https://winsight.acme.test',
  });
  expect(mail.statusCode, mail.body).toBe(200);
  const add = async (body: Record<string, unknown>) => {
    const r = await admin.post('/api/coaching/catalog', {
      summary: 'Practise it',
      content: 'Ask who funds it, and write down what they said.',
      minutes: 30,
      rootCauses: ['B2'],
      ...body,
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json<{ id: string }>().id;
  };
  jobAidId = await add({ title: 'The funding questions', type: 'job_aid' });
  onTheJobId = await add({ title: 'Confirm the money', type: 'on_the_job' });
});
afterAll(async () => {
  await smtp.close();
  await ctx.close();
});

async function inbox(as: Caller): Promise<InboxPage> {
  const r = await as.get('/api/inbox?limit=100');
  expect(r.statusCode, r.body).toBe(200);
  return r.json<InboxPage>();
}
const aboutIt = async (as: Caller, id: string) =>
  (await inbox(as)).items.filter((m) => m.link === `/development/${id}`).map((m) => m.kind);

async function diagnosisOf(sellerId: string, as = manager(), conclude = true): Promise<Diagnosis> {
  const started = await as.post('/api/coaching/diagnoses', {
    seller: sellerId,
    observation: 'Deals reach proposal without anyone asking who funds them',
  });
  expect(started.statusCode, started.body).toBe(201);
  const d = started.json<Diagnosis>();
  if (!conclude) return d;
  const done = await as.post(`/api/coaching/diagnoses/${d.id}/conclude`, {
    rootCause: 'B2',
    note: 'Knows the questions, skips them under time pressure',
    version: d.version,
  });
  expect(done.statusCode, done.body).toBe(200);
  return done.json<Diagnosis>();
}

const jobAid = (overrides: Record<string, unknown> = {}) => ({
  sellerId: ws.acme.sellerA1.user.id,
  itemId: jobAidId,
  dueDate: inAWeek,
  rootCause: 'B2',
  ...overrides,
});

async function assigned(body: Record<string, unknown>): Promise<AssignmentDetail> {
  const r = await manager().post('/api/coaching/assignments', body);
  expect(r.statusCode, r.body).toBe(201);
  return r.json<AssignmentDetail>();
}

describe('learning assigned from a diagnosis', () => {
  it('is made from a concluded diagnosis of the same seller, which lists it and which it names', async () => {
    const d = await diagnosisOf(ws.acme.sellerA1.user.id);
    const a = await assigned(jobAid({ diagnosisId: d.id }));
    expect(a.diagnosis).toEqual({ id: d.id, gap: d.gap });
    // the seller may read a concluded diagnosis: they see where it came from too
    expect((await seller().get(`/api/coaching/assignments/${a.id}`)).json<AssignmentDetail>().diagnosis).toEqual({
      id: d.id,
      gap: d.gap,
    });
    const read = (await manager().get(`/api/coaching/diagnoses/${d.id}`)).json<Diagnosis>();
    expect(read.assignments).toEqual([
      { id: a.id, title: 'The funding questions', status: 'assigned', dueDate: inAWeek },
    ]);
    await seller().post(`/api/coaching/assignments/${a.id}/start`, {});
    const bySeller = (await seller().get(`/api/coaching/diagnoses/${d.id}`)).json<Diagnosis>();
    expect(bySeller.assignments.map((x) => x.status)).toEqual(['in_progress']);
    // learning assigned straight from the scorecard names none
    expect((await assigned(jobAid())).diagnosis).toBeNull();
  });

  it.each([
    ['one still in progress', 'in progress'],
    ['another seller’s', 'No diagnosis of this seller'],
    ['an unknown id', 'No diagnosis of this seller'],
  ])('is refused from %s, naming diagnosisId, writing nothing', async (which, message) => {
    const diagnosisId =
      which === 'one still in progress'
        ? (await diagnosisOf(ws.acme.sellerA1.user.id, manager(), false)).id
        : which === 'another seller’s'
          ? (await diagnosisOf(ws.acme.sellerA2.user.id)).id
          : 'no-such-diagnosis';
    const before = (await seller().get('/api/coaching/assignments')).json<{ items: unknown[] }>().items.length;
    const unread = (await inbox(seller())).unread;
    const r = await manager().post('/api/coaching/assignments', jobAid({ diagnosisId }));
    expect(r.statusCode, r.body).toBe(422);
    expect(Object.keys(errorOf(r).fields ?? {})).toEqual(['diagnosisId']);
    expect(errorOf(r).message).toContain(message);
    expect((await seller().get('/api/coaching/assignments')).json<{ items: unknown[] }>().items).toHaveLength(before);
    expect((await inbox(seller())).unread).toBe(unread);
  });

  it('is refused to another team’s manager with a diagnosis of ours', async () => {
    const d = await diagnosisOf(ws.acme.sellerA1.user.id);
    const r = await ws.acme.managerB.as.post(
      '/api/coaching/assignments',
      jobAid({ sellerId: ws.acme.sellerB1.user.id, diagnosisId: d.id }),
    );
    expect(r.statusCode, r.body).toBe(422);
    expect(Object.keys(errorOf(r).fields ?? {})).toEqual(['diagnosisId']);
  });
});

describe('what the inbox tells of assigned learning', () => {
  it('tells the seller it is assigned, in the inbox and by e-mail, with the link to it; the manager nothing', async () => {
    await deliverDueMail(ctx.deps);
    const sent = smtp.received.length;
    const a = await assigned(jobAid());
    const [message] = (await inbox(seller())).items;
    expect(message).toMatchObject({
      kind: 'assignment-assigned',
      subject: 'New learning from Max Manager: The funding questions',
      link: `/development/${a.id}`,
      readAt: null,
    });
    expect(await aboutIt(manager(), a.id)).toEqual([]);
    expect(await deliverDueMail(ctx.deps)).toEqual({ sent: 1, failed: 0 });
    const mail = smtp.received[sent]!;
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toBe('seller.a1@acme.test');
    expect(mail.subject).toBe('New learning from Max Manager: The funding questions');
    expect(mail.text).toContain(`Open in Winsight: https://winsight.acme.test/development/${a.id}`);
  });

  it('tells the assigning manager when the seller completes it, to verify', async () => {
    const a = await assigned(jobAid());
    const done = await seller().post(`/api/coaching/assignments/${a.id}/complete`, {
      reflection: 'I asked who funds it on both calls this week',
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(await aboutIt(manager(), a.id)).toEqual(['assignment-completed']);
    const [message] = (await inbox(manager())).items;
    expect(message).toMatchObject({ subject: 'Sam Seller completed “The funding questions”' });
    expect(message!.body).toContain('verify it');
    expect(await aboutIt(seller(), a.id)).toEqual(['assignment-assigned']);
  });

  it('tells the manager of on-the-job work completed, then once when the deal’s knowledge shows it applied', async () => {
    const deal = await newDealToExplore(ws);
    const a = await assigned({
      ...jobAid({ itemId: onTheJobId }),
      opportunityId: deal.id,
      successCondition: { id: 'funding_confirmed' },
    });
    await seller().post(`/api/coaching/assignments/${a.id}/complete`, { reflection: 'Asked finance directly' });
    expect(await aboutIt(manager(), a.id)).toEqual(['assignment-completed']);
    expect((await inbox(manager())).items[0]!.body).toContain('The app will tell you');
    const log = async () => {
      const current = (await seller().get(`/api/opportunities/${deal.id}`)).json<{ version: number }>();
      const r = await seller().post(`/api/opportunities/${deal.id}/knowledge/log`, {
        version: current.version,
        summary: 'Call with finance',
        source: 'buyer_stated',
        observedAt: today,
        facts: [{ kind: 'funding', field: 'budgetStatus', value: 'allocated', said: 'The money is set aside' }],
      });
      expect(r.statusCode, r.body).toBe(200);
    };
    await log();
    expect((await seller().get(`/api/coaching/assignments/${a.id}`)).json<AssignmentDetail>().status).toBe('applied');
    expect(await aboutIt(manager(), a.id)).toEqual(['assignment-applied', 'assignment-completed']);
    expect((await inbox(manager())).items[0]!.subject).toBe('Applied: Sam Seller’s “Confirm the money”');
    await log();
    expect(await aboutIt(manager(), a.id)).toEqual(['assignment-applied', 'assignment-completed']);
    expect(await aboutIt(seller(), a.id)).toEqual(['assignment-assigned']);
  });

  it('tells the manager it is applied, once, when the deal already showed it as the seller completed it', async () => {
    const deal = await newDealToExplore(ws);
    const a = await assigned({
      ...jobAid({ itemId: onTheJobId }),
      opportunityId: deal.id,
      successCondition: { id: 'funding_confirmed' },
    });
    const current = (await seller().get(`/api/opportunities/${deal.id}`)).json<{ version: number }>();
    await seller().post(`/api/opportunities/${deal.id}/knowledge/log`, {
      version: current.version,
      source: 'buyer_stated',
      observedAt: today,
      facts: [{ kind: 'funding', field: 'budgetStatus', value: 'allocated', said: 'The money is set aside' }],
    });
    // the app noticed, but the seller has not completed it: nothing for the manager yet
    expect(await aboutIt(manager(), a.id)).toEqual([]);
    const done = await seller().post(`/api/coaching/assignments/${a.id}/complete`, { reflection: 'Done' });
    expect(done.json<{ assignment: AssignmentDetail }>().assignment.status).toBe('applied');
    expect(await aboutIt(manager(), a.id)).toEqual(['assignment-applied']);
  });
});

describe('reminders of assigned learning', () => {
  let id: string;
  const pass = async () => (await sendDueReminders(ctx.deps)).find((r) => r.source === 'coaching-assignments')!;

  it('tell the seller the day before it is due, by e-mail too, once however often the pass runs', async () => {
    id = (await assigned(jobAid({ dueDate: '2026-11-21' }))).id;
    await deliverDueMail(ctx.deps);
    const sent = smtp.received.length;
    expect(await pass()).toMatchObject({ written: 1, queued: 1 });
    expect(await aboutIt(seller(), id)).toEqual(['assignment-due', 'assignment-assigned']);
    expect(await deliverDueMail(ctx.deps)).toEqual({ sent: 1, failed: 0 });
    expect(smtp.received[sent]!.subject).toBe('Learning due tomorrow: The funding questions');
    expect(await pass()).toMatchObject({ written: 0, queued: 0 });
    expect(await aboutIt(seller(), id)).toEqual(['assignment-due', 'assignment-assigned']);
  });

  it('tell the seller once it is overdue, and the assigning manager once when 3 days late', async () => {
    ctx.clock.set('2026-11-22T02:00:00.000Z');
    await pass();
    await pass();
    expect(await aboutIt(seller(), id)).toEqual(['assignment-overdue', 'assignment-due', 'assignment-assigned']);
    expect(await aboutIt(manager(), id)).toEqual([]);
    ctx.clock.set('2026-11-24T02:00:00.000Z');
    await pass();
    await pass();
    expect(await aboutIt(seller(), id)).toEqual(['assignment-overdue', 'assignment-due', 'assignment-assigned']);
    expect(await aboutIt(manager(), id)).toEqual(['team-assignment-overdue']);
    expect((await inbox(manager())).items[0]!.subject).toBe('Sam Seller is 3 days late: The funding questions');
  });

  it('stop once it is completed', async () => {
    ctx.clock.set('2026-11-25T09:00:00.000Z');
    await seller().post(`/api/coaching/assignments/${id}/complete`, { reflection: 'Late, but done' });
    const kinds = await aboutIt(manager(), id);
    ctx.clock.set('2026-11-28T02:00:00.000Z');
    await pass();
    expect(await aboutIt(manager(), id)).toEqual(kinds);
  });
});
