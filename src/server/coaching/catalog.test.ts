import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogItem } from '../../contract/coaching.ts';
import { createTestApp, type TestContext } from '../../testing/test-app.ts';
import { buildWorkspace, type Workspace } from '../../testing/workspace.ts';
import { listEntityHistory } from '../audit/index.ts';

let ctx: TestContext;
let ws: Workspace;

beforeAll(async () => {
  ctx = await createTestApp();
  ws = await buildWorkspace(ctx);
});
afterAll(() => ctx.close());

const admin = () => ws.acme.admin.as;
const seller = () => ws.acme.sellerA1.as;

const quiz = {
  passMark: 80,
  questions: [
    { prompt: 'Who signs?', choices: ['The champion', 'The economic buyer', 'Procurement'], answerIndex: 1 },
    { prompt: 'Is a coach selling for us?', choices: ['Yes', 'No'], answerIndex: 1 },
  ],
};

const validItem = (overrides: Record<string, unknown> = {}) => ({
  title: 'Champion or coach?',
  type: 'module_quiz',
  summary: 'Tell the two apart with evidence.',
  content: 'A **champion** sells for you when you are not there. See [the guide](https://example.com/guide).',
  minutes: 20,
  rootCauses: ['B5', 'S4'],
  quiz,
  ...overrides,
});

async function created(overrides: Record<string, unknown> = {}): Promise<CatalogItem> {
  const response = await admin().post('/api/coaching/catalog', validItem(overrides));
  expect(response.statusCode).toBe(201);
  return response.json<CatalogItem>();
}

const answerKeys = (body: string) => body.match(/answerIndex/g)?.length ?? 0;

describe('the learning catalog an administrator keeps', () => {
  it('adds an item that every member then reads, with its audit event', async () => {
    const item = await created();
    expect(item).toMatchObject({ type: 'module_quiz', rootCauses: ['B5', 'S4'], isArchived: false, version: 1 });
    expect(item.quiz?.questions[0]?.answerIndex).toBe(1);
    for (const reader of [seller(), ws.acme.managerB.as, admin()]) {
      const list = await reader.get('/api/coaching/catalog');
      expect(list.statusCode).toBe(200);
      expect(list.json<{ items: CatalogItem[] }>().items.map((i) => i.id)).toContain(item.id);
    }
    const history = await listEntityHistory(
      ctx.deps.db,
      { orgId: ws.acme.orgId, entityType: 'learning_item', entityId: item.id },
      { limit: 10, offset: 0 },
    );
    expect(history.items.map((e) => e.action)).toEqual(['create']);
    expect(history.items[0]!.changes.map((c) => c.field)).toEqual([
      'title',
      'type',
      'summary',
      'content',
      'minutes',
      'rootCauses',
      'quiz',
    ]);
  });

  it("never sends a quiz's right answers to a seller or a manager, in the list or the item", async () => {
    const item = await created({ title: 'Economic buyer quiz' });
    for (const reader of [seller(), ws.acme.managerA.as]) {
      const one = await reader.get(`/api/coaching/catalog/${item.id}`);
      expect(one.statusCode).toBe(200);
      expect(answerKeys(one.body)).toBe(0);
      expect(one.json<CatalogItem>().quiz?.questions.map((q) => q.choices)).toEqual(
        quiz.questions.map((q) => q.choices),
      );
      const list = await reader.get('/api/coaching/catalog');
      expect(answerKeys(list.body)).toBe(0);
    }
    const asAdmin = await admin().get(`/api/coaching/catalog/${item.id}`);
    expect(asAdmin.json<CatalogItem>().quiz?.questions.map((q) => q.answerIndex)).toEqual([1, 1]);
  });

  it('is not another organization’s to read (404) and not a seller’s to write (403)', async () => {
    const item = await created({ title: 'Acme only' });
    expect((await ws.globex.admin.as.get(`/api/coaching/catalog/${item.id}`)).statusCode).toBe(404);
    expect(
      (await ws.globex.admin.as.get('/api/coaching/catalog')).json<{ items: CatalogItem[] }>().items.map((i) => i.id),
    ).not.toContain(item.id);
    expect((await seller().post('/api/coaching/catalog', validItem())).statusCode).toBe(403);
    expect((await seller().patch(`/api/coaching/catalog/${item.id}`, { title: 'Mine', version: 1 })).statusCode).toBe(
      403,
    );
  });

  it('changes an item at the version seen, refuses a stale version 409 with the item as it is, and audits the change', async () => {
    const item = await created({ title: 'Access ask talk track', type: 'job_aid', quiz: null });
    const changed = await admin().patch(`/api/coaching/catalog/${item.id}`, { minutes: 15, version: 1 });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ minutes: 15, version: 2 });
    const stale = await admin().patch(`/api/coaching/catalog/${item.id}`, { minutes: 30, version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'version-conflict', current: { minutes: 15, version: 2 } });
    const history = await listEntityHistory(
      ctx.deps.db,
      { orgId: ws.acme.orgId, entityType: 'learning_item', entityId: item.id },
      { limit: 10, offset: 0 },
    );
    expect(history.items[0]).toMatchObject({ action: 'update', changes: [{ field: 'minutes', from: 20, to: 15 }] });
  });

  it('archives an item: gone from the list everyone reads, still there by id and for the administrator who asks', async () => {
    const item = await created({ title: 'Old module' });
    const archived = await admin().patch(`/api/coaching/catalog/${item.id}`, { isArchived: true, version: 1 });
    expect(archived.json()).toMatchObject({ isArchived: true, version: 2 });
    const ids = async (url: string) =>
      (await seller().get(url)).json<{ items: CatalogItem[] }>().items.map((i) => i.id);
    expect(await ids('/api/coaching/catalog')).not.toContain(item.id);
    expect(await ids('/api/coaching/catalog?archived=only')).toEqual([item.id]);
    expect(await ids('/api/coaching/catalog?archived=include')).toContain(item.id);
    expect((await seller().get(`/api/coaching/catalog/${item.id}`)).json()).toMatchObject({ isArchived: true });
    const back = await admin().patch(`/api/coaching/catalog/${item.id}`, { isArchived: false, version: 2 });
    expect(back.json()).toMatchObject({ isArchived: false, version: 3 });
  });

  it('filters by root cause (B1 never matching B10) and by type', async () => {
    const b10 = await created({ title: 'Value before price', type: 'job_aid', rootCauses: ['B10'], quiz: null });
    const b1 = await created({ title: 'Prospecting cadence', type: 'on_the_job', rootCauses: ['B1'], quiz: null });
    const ids = async (query: string) =>
      (await seller().get(`/api/coaching/catalog?${query}`)).json<{ items: CatalogItem[] }>().items.map((i) => i.id);
    expect(await ids('rootCause=B1')).toEqual([b1.id]);
    expect(await ids('rootCause=B10')).toEqual([b10.id]);
    expect(await ids('type=on_the_job')).toEqual([b1.id]);
    expect(await ids('rootCause=B10&type=on_the_job')).toEqual([]);
  });

  it('keeps the content or the link: clearing both is refused 422 naming content', async () => {
    const item = await created({ title: 'Linked', content: null, externalUrl: 'https://example.com/x', quiz: null });
    expect(item).toMatchObject({ content: null, externalUrl: 'https://example.com/x' });
    const cleared = await admin().patch(`/api/coaching/catalog/${item.id}`, { externalUrl: null, version: 1 });
    expect(cleared.statusCode).toBe(422);
    expect(cleared.json().error.fields).toHaveProperty('content');
  });

  it.each([
    { query: 'rootCause=X9', field: 'rootCause' },
    { query: 'type=webinar', field: 'type' },
    { query: 'archived=yes', field: 'archived' },
  ])('refuses the filter $query with 400 naming $field', async ({ query, field }) => {
    const response = await seller().get(`/api/coaching/catalog?${query}`);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields).toHaveProperty(field);
  });

  it.each([
    { why: 'an unknown root cause', body: validItem({ rootCauses: ['B4', 'Z1'] }), field: 'rootCauses' },
    { why: 'no root cause', body: validItem({ rootCauses: [] }), field: 'rootCauses' },
    { why: 'a root cause twice', body: validItem({ rootCauses: ['B4', 'B4'] }), field: 'rootCauses' },
    {
      why: 'an answer outside the choices',
      body: validItem({
        quiz: { passMark: 80, questions: [quiz.questions[0], { prompt: 'Two?', choices: ['a', 'b'], answerIndex: 2 }] },
      }),
      field: 'quiz.questions.1.answerIndex',
    },
    {
      why: 'a question with one choice',
      body: validItem({ quiz: { passMark: 80, questions: [{ prompt: 'One?', choices: ['a'], answerIndex: 0 }] } }),
      field: 'quiz.questions.0.choices',
    },
    {
      why: 'a question with six choices',
      body: validItem({
        quiz: {
          passMark: 80,
          questions: [{ prompt: 'Six?', choices: ['a', 'b', 'c', 'd', 'e', 'f'], answerIndex: 0 }],
        },
      }),
      field: 'quiz.questions.0.choices',
    },
    { why: 'a pass mark over 100', body: validItem({ quiz: { ...quiz, passMark: 120 } }), field: 'quiz.passMark' },
    { why: 'a javascript: link', body: validItem({ externalUrl: 'javascript:alert(1)' }), field: 'externalUrl' },
    { why: 'an ftp link', body: validItem({ externalUrl: 'ftp://example.com/file' }), field: 'externalUrl' },
    { why: 'an unknown type', body: validItem({ type: 'webinar' }), field: 'type' },
    { why: 'no content and no link', body: validItem({ content: '' }), field: 'content' },
    { why: 'zero minutes', body: validItem({ minutes: 0 }), field: 'minutes' },
  ])('refuses $why with 400 naming $field', async ({ body, field }) => {
    const response = await admin().post('/api/coaching/catalog', body);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields).toHaveProperty([field]);
  });

  it('refuses a quiz answer outside its choices on a change too', async () => {
    const item = await created({ title: 'Quiz to break' });
    const response = await admin().patch(`/api/coaching/catalog/${item.id}`, {
      quiz: { passMark: 50, questions: [{ prompt: 'Which?', choices: ['a', 'b', 'c'], answerIndex: 3 }] },
      version: 1,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields).toHaveProperty(['quiz.questions.0.answerIndex']);
  });
});
