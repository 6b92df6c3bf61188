import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssignmentDetail, CompletionResult, SuccessConditionList } from '../../contract/assignments.ts';
import { SUCCESS_CONDITIONS } from '../../domain/coaching/success-conditions.ts';
import { newDealToExplore, today } from '../../testing/knowledge.ts';
import { createTestApp, type TestContext } from '../../testing/test-app.ts';
import { buildWorkspace, type Workspace } from '../../testing/workspace.ts';
import { listEntityHistory } from '../audit/index.ts';

let ctx: TestContext;
let ws: Workspace;
let onTheJobId: string;
let quizItemId: string;
let archivedItemId: string;

beforeAll(async () => {
  ctx = await createTestApp();
  ws = await buildWorkspace(ctx);
  const admin = ws.acme.admin.as;
  const add = async (body: Record<string, unknown>) => {
    const r = await admin.post('/api/coaching/catalog', {
      summary: 'Practise it on a live deal',
      content: 'Ask who funds it, and write down what they said.',
      minutes: 30,
      rootCauses: ['B2', 'B9'],
      ...body,
    });
    expect(r.statusCode, r.body).toBe(201);
    return r.json<{ id: string; version: number }>();
  };
  onTheJobId = (await add({ title: 'Confirm the money', type: 'on_the_job' })).id;
  quizItemId = (
    await add({
      title: 'Champion or coach?',
      type: 'module_quiz',
      rootCauses: ['B5'],
      quiz: {
        passMark: 60,
        questions: [
          { prompt: 'Who signs?', choices: ['The coach', 'The economic buyer'], answerIndex: 1 },
          { prompt: 'A champion sells for us when?', choices: ['We are in the room', 'We are not'], answerIndex: 1 },
        ],
      },
    })
  ).id;
  const archived = await add({ title: 'Old module', type: 'job_aid' });
  await admin.patch(`/api/coaching/catalog/${archived.id}`, { isArchived: true, version: archived.version });
  archivedItemId = archived.id;
});
afterAll(() => ctx.close());

const manager = () => ws.acme.managerA.as;
const seller = () => ws.acme.sellerA1.as;
const inAWeek = '2026-11-27';

const onTheJob = (opportunityId: string, overrides: Record<string, unknown> = {}) => ({
  sellerId: ws.acme.sellerA1.user.id,
  itemId: onTheJobId,
  dueDate: inAWeek,
  rootCause: 'B2',
  opportunityId,
  successCondition: { id: 'funding_confirmed' },
  ...overrides,
});

async function assigned(body: Record<string, unknown>): Promise<AssignmentDetail> {
  const r = await manager().post('/api/coaching/assignments', body);
  expect(r.statusCode, r.body).toBe(201);
  return r.json<AssignmentDetail>();
}

async function logFunding(dealId: string, value: string, source = 'buyer_stated') {
  const deal = (await seller().get(`/api/opportunities/${dealId}`)).json<{ version: number }>();
  const r = await seller().post(`/api/opportunities/${dealId}/knowledge/log`, {
    version: deal.version,
    summary: 'Call with finance',
    source,
    observedAt: today,
    facts: [{ kind: 'funding', field: 'budgetStatus', value, said: 'The money is set aside for Q1' }],
  });
  expect(r.statusCode, r.body).toBe(200);
}

const get = async (id: string, as = seller()) =>
  (await as.get(`/api/coaching/assignments/${id}`)).json<AssignmentDetail>();

describe('the success conditions on offer', () => {
  it('lists every condition of the catalog with its parameters', async () => {
    const r = await seller().get('/api/coaching/success-conditions');
    expect(r.statusCode).toBe(200);
    const list = r.json<SuccessConditionList>();
    expect(list.items.map((c) => c.id)).toEqual(SUCCESS_CONDITIONS.map((c) => c.id));
    expect(list.items.find((c) => c.id === 'champion_tested')!.params[0]).toMatchObject({
      key: 'tests',
      kind: 'integer',
    });
  });
});

describe('on-the-job learning applied on a live deal', () => {
  it('is assigned with the indicator baseline, checked live, marked applied when the knowledge meets it, then verified', async () => {
    const deal = await newDealToExplore(ws);
    const a = await assigned(onTheJob(deal.id, { gapRule: 'GAP-02' }));
    expect(a).toMatchObject({
      status: 'assigned',
      level: 'behaviour',
      indicator: 'economicBuyerAccess',
      deal: { id: deal.id, status: 'open' },
      successCondition: { id: 'funding_confirmed', params: { minEvidence: 'stated' }, now: { met: false } },
      can: { start: false, verify: false, abandon: true },
    });
    expect(a.successCondition!.now!.missing[0]).toMatch(/budget is allocated/);
    expect(a.assignedAt.slice(0, 10)).toBe(today);

    // the seller sees it on their page and starts it
    const mine = (await seller().get('/api/coaching/assignments')).json<{ items: AssignmentDetail[] }>();
    expect(mine.items.map((i) => i.id)).toContain(a.id);
    const started = await seller().post(`/api/coaching/assignments/${a.id}/start`, {});
    expect(started.statusCode, started.body).toBe(200);
    expect(started.json<AssignmentDetail>()).toMatchObject({ status: 'in_progress', can: { complete: true } });

    // knowledge that does not meet it changes nothing; knowledge that does is noticed in the same write
    await logFunding(deal.id, 'identified_not_approved');
    expect((await get(a.id)).appliedAt).toBeNull();
    await logFunding(deal.id, 'allocated');
    const noticed = await get(a.id);
    expect(noticed.status).toBe('in_progress');
    expect(noticed.appliedAt).not.toBeNull();
    expect(noticed.applicationEvidence).toEqual([
      { what: 'Budget allocated', quote: 'The money is set aside for Q1', source: 'buyer_stated', observedAt: today },
    ]);
    expect(noticed.successCondition!.now).toMatchObject({ met: true, missing: [] });

    // completing it: applied at once, since the deal already shows it
    const done = await seller().post(`/api/coaching/assignments/${a.id}/complete`, {
      reflection: 'I asked the CFO where the money comes from.',
      evidenceNote: 'Email from the CFO, 20 Nov',
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json<CompletionResult>()).toMatchObject({
      grade: null,
      assignment: { status: 'applied', reflection: 'I asked the CFO where the money comes from.' },
    });

    // the seller cannot verify their own; the manager does
    expect((await seller().post(`/api/coaching/assignments/${a.id}/verify`, {})).statusCode).toBe(403);
    const verified = await manager().post(`/api/coaching/assignments/${a.id}/verify`, { note: 'Well done' });
    expect(verified.statusCode, verified.body).toBe(200);
    expect(verified.json<AssignmentDetail>()).toMatchObject({
      status: 'verified',
      verifiedBy: { id: ws.acme.managerA.user.id },
      managerNote: 'Well done',
    });
    const history = await listEntityHistory(
      ctx.deps.db,
      { orgId: ws.acme.orgId, entityType: 'coaching_assignment', entityId: a.id },
      { limit: 10, offset: 0 },
    );
    expect(history.items.length).toBe(4);
  });

  it('marks completed work applied when the knowledge comes after it', async () => {
    const deal = await newDealToExplore(ws);
    const a = await assigned(onTheJob(deal.id));
    const done = await seller().post(`/api/coaching/assignments/${a.id}/complete`, { reflection: 'Asked, waiting.' });
    expect(done.json<CompletionResult>().assignment.status).toBe('completed');
    // completed on-the-job work is not verified before it is applied
    expect((await manager().post(`/api/coaching/assignments/${a.id}/verify`, {})).statusCode).toBe(409);
    await logFunding(deal.id, 'allocated', 'seller_inference');
    expect((await get(a.id)).status).toBe('completed');
    await logFunding(deal.id, 'allocated', 'buyer_written');
    expect((await get(a.id)).status).toBe('applied');
    // the manager sends it back: open again, the application forgotten
    expect((await manager().post(`/api/coaching/assignments/${a.id}/reopen`, {})).statusCode).toBe(400);
    const reopened = await manager().post(`/api/coaching/assignments/${a.id}/reopen`, { note: 'Show me the email' });
    expect(reopened.json<AssignmentDetail>()).toMatchObject({
      status: 'in_progress',
      appliedAt: null,
      managerNote: 'Show me the email',
    });
  });
});

describe('a quiz graded on the server', () => {
  it('never sends the answers, grades what was chosen and keeps a failed attempt open', async () => {
    const a = await assigned({
      sellerId: ws.acme.sellerA1.user.id,
      itemId: quizItemId,
      dueDate: today,
      rootCause: 'B5',
    });
    const read = await seller().get(`/api/coaching/assignments/${a.id}`);
    expect(read.body).not.toMatch(/answerIndex/);
    expect(read.json<AssignmentDetail>().content.quiz!.questions).toHaveLength(2);
    // nor to the manager or an admin reading it
    expect((await manager().get(`/api/coaching/assignments/${a.id}`)).body).not.toMatch(/answerIndex/);
    expect((await ws.acme.admin.as.get(`/api/coaching/assignments/${a.id}`)).body).not.toMatch(/answerIndex/);

    const url = `/api/coaching/assignments/${a.id}/complete`;
    const missing = await seller().post(url, { reflection: 'x' });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().error.fields).toHaveProperty('answers');
    const outOfRange = await seller().post(url, { reflection: 'x', answers: [1, 5] });
    expect(outOfRange.json().error.fields).toHaveProperty(['answers.1']);

    const failed = await seller().post(url, { reflection: 'Guessing', answers: [0, 0] });
    expect(failed.statusCode).toBe(200);
    expect(failed.json<CompletionResult>()).toMatchObject({
      grade: { score: 0, passMark: 60, passed: false, correct: [false, false] },
      assignment: { status: 'in_progress', quiz: { score: 0, passed: false, attempts: 1 } },
    });
    expect(failed.body).not.toMatch(/answerIndex/);
    const passed = await seller().post(url, { reflection: 'The EB signs', answers: [1, 1] });
    expect(passed.json<CompletionResult>()).toMatchObject({
      grade: { score: 100, passed: true, correct: [true, true] },
      assignment: { status: 'completed', completedAt: expect.any(String), quiz: { attempts: 2 } },
    });
    // completed once: not again
    expect((await seller().post(url, { reflection: 'again', answers: [1, 1] })).statusCode).toBe(409);
    // learning without a condition is verified from completed
    const verified = await manager().post(`/api/coaching/assignments/${a.id}/verify`, {});
    expect(verified.json<AssignmentDetail>().status).toBe('verified');
  });
});

describe('what is refused, naming the field', () => {
  const base = () => ({ sellerId: ws.acme.sellerA1.user.id, itemId: quizItemId, dueDate: inAWeek, rootCause: 'B5' });
  const refused = async (body: Record<string, unknown>, status: number, field: string, as = manager()) => {
    const r = await as.post('/api/coaching/assignments', body);
    expect(r.statusCode, r.body).toBe(status);
    expect(Object.keys(r.json().error.fields ?? {})).toContain(field);
    return r.json<{ error: { message: string } }>().error.message;
  };

  it('a seller outside the manager’s team, themselves or a stranger', async () => {
    await refused({ ...base(), sellerId: ws.acme.sellerB1.user.id }, 422, 'sellerId');
    await refused({ ...base(), sellerId: ws.globex.seller.user.id }, 422, 'sellerId');
    await refused({ ...base(), sellerId: 'nobody' }, 422, 'sellerId');
    await refused({ ...base(), sellerId: ws.acme.managerA.user.id }, 422, 'sellerId');
  });

  it('a due date in the past, or not a date', async () => {
    expect(await refused({ ...base(), dueDate: '2026-11-19' }, 422, 'dueDate')).toMatch(/past/);
    await refused({ ...base(), dueDate: '2026-02-30' }, 400, 'dueDate');
  });

  it('an unknown, archived or other organization’s learning item', async () => {
    await refused({ ...base(), itemId: 'no-such-item' }, 422, 'itemId');
    await refused({ ...base(), itemId: archivedItemId }, 422, 'itemId');
  });

  it('an unknown success condition, or bad parameters', async () => {
    const deal = await newDealToExplore(ws);
    await refused(onTheJob(deal.id, { successCondition: { id: 'buyer_loves_us' } }), 400, 'successCondition.id');
    await refused(
      onTheJob(deal.id, { successCondition: { id: 'champion_tested', params: { tests: 9 } } }),
      400,
      'successCondition.params.tests',
    );
    await refused(
      onTheJob(deal.id, { successCondition: { id: 'champion_tested', params: { field: 'x' } } }),
      400,
      'successCondition.params.field',
    );
    await refused(
      onTheJob(deal.id, { successCondition: { id: 'danger_zone_resolved' } }),
      400,
      'successCondition.params.zoneId',
    );
  });

  it('a deal that is not the seller’s, closed, missing or unnamed; a condition without a deal; one already met', async () => {
    await refused(onTheJob(ws.books.sellerA2.opportunity.id), 422, 'opportunityId');
    await refused(onTheJob('no-such-deal'), 422, 'opportunityId');
    await refused({ ...onTheJob('x'), opportunityId: undefined }, 422, 'opportunityId');
    await refused({ ...base(), opportunityId: ws.books.sellerA1.opportunity.id }, 422, 'successCondition');
    const closed = await newDealToExplore(ws);
    const lost = await seller().patch(`/api/opportunities/${closed.id}`, {
      version: closed.version,
      status: 'lost',
      closedDate: today,
    });
    expect(lost.statusCode, lost.body).toBe(200);
    expect(await refused(onTheJob(closed.id), 422, 'opportunityId')).toMatch(/closed/);
    const met = await newDealToExplore(ws);
    await logFunding(met.id, 'allocated');
    expect(await refused(onTheJob(met.id), 422, 'successCondition.id')).toMatch(/Already met/);
  });

  it('malformed conditions and answers, as 400s naming the field', async () => {
    const deal = await newDealToExplore(ws);
    await refused(onTheJob(deal.id, { successCondition: { id: 7 } }), 400, 'successCondition.id');
    await refused(
      onTheJob(deal.id, { successCondition: { id: 'champion_tested', params: 'two' } }),
      400,
      'successCondition.params',
    );
    const a = await assigned({ ...base() });
    const bad = await seller().post(`/api/coaching/assignments/${a.id}/complete`, {
      reflection: 'x',
      answers: [-1, 'b'],
    });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields)).toEqual(expect.arrayContaining(['answers.0']));
    const empty = await seller().post(`/api/coaching/assignments/${a.id}/complete`, { reflection: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.fields).toHaveProperty('reflection');
  });

  it('wellbeing, a gap rule that does not exist or does not read the indicator named', async () => {
    await refused({ ...base(), rootCause: 'C8' }, 422, 'rootCause');
    await refused({ ...base(), rootCause: 'Z9' }, 400, 'rootCause');
    await refused({ ...base(), gapRule: 'GAP-99' }, 422, 'gapRule');
    await refused({ ...base(), gapRule: 'GAP-02', indicator: 'winRate' }, 422, 'indicator');
    await refused({ ...base(), gapRule: 'ZONE' }, 422, 'zoneId');
  });

  it('a seller assigning, and nothing half-written', async () => {
    const r = await seller().post('/api/coaching/assignments', base());
    expect(r.statusCode).toBe(403);
    const before = (await seller().get('/api/coaching/assignments')).json<{ items: unknown[] }>().items.length;
    await refused({ ...base(), dueDate: '2020-01-01' }, 422, 'dueDate');
    expect((await seller().get('/api/coaching/assignments')).json<{ items: unknown[] }>().items.length).toBe(before);
  });
});

describe('who sees and moves what', () => {
  it('the seller, their manager chain and admins see a seller’s assignments; a peer’s manager does not', async () => {
    const a = await assigned({
      sellerId: ws.acme.sellerA1.user.id,
      itemId: quizItemId,
      dueDate: inAWeek,
      rootCause: 'S4',
    });
    const url = `/api/coaching/assignments?seller=${ws.acme.sellerA1.user.id}`;
    for (const who of [seller(), manager(), ws.acme.vp.as, ws.acme.admin.as]) {
      const r = await who.get(url);
      expect(r.statusCode).toBe(200);
      expect(r.json<{ items: Array<{ id: string }> }>().items.map((i) => i.id)).toContain(a.id);
    }
    for (const who of [ws.acme.managerB.as, ws.acme.sellerA2.as, ws.globex.admin.as]) {
      expect((await who.get(url)).statusCode).toBe(404);
      expect((await who.get(`/api/coaching/assignments/${a.id}`)).statusCode).toBe(404);
    }
    // the manager reads it but does not do the seller's work; the seller does not drop it
    expect((await manager().post(`/api/coaching/assignments/${a.id}/start`, {})).statusCode).toBe(403);
    expect((await seller().post(`/api/coaching/assignments/${a.id}/abandon`, {})).statusCode).toBe(403);
    expect(
      (
        await ws.acme.vp.as.post(`/api/coaching/assignments/${a.id}/abandon`, { note: 'Covered in training' })
      ).json<AssignmentDetail>().status,
    ).toBe('abandoned');
    expect((await seller().post(`/api/coaching/assignments/${a.id}/start`, {})).statusCode).toBe(409);
  });
});
