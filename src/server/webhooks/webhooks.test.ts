import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Opportunity } from '../../contract/opportunities.ts';
import type {
  WebhookCreated,
  WebhookDelivery,
  WebhookDeliveryDetail,
  WebhookDeliveryPage,
  WebhookList,
} from '../../contract/webhooks.ts';
import { MAX_WEBHOOK_ATTEMPTS, WEBHOOK_EVENTS } from '../../domain/webhooks/webhooks.ts';
import { validOpportunityBody } from '../../testing/opportunities.ts';
import { createTestApp, signIn, type TestContext } from '../../testing/test-app.ts';
import { startWebhookReceiver, type ReceivedWebhook, type WebhookReceiver } from '../../testing/webhook-receiver.ts';
import { buildWorkspace, TEST_PASSWORD, type Workspace } from '../../testing/workspace.ts';
import { createApp } from '../app.ts';
import { createAppDeps, type AppDeps } from '../deps.ts';
import { deliverDueWebhooks } from './index.ts';
import { postWebhook } from './post.ts';

let ctx: TestContext;
let ws: Workspace;
let receiver: WebhookReceiver;
let other: WebhookReceiver;

const TIMEOUT_MS = 400;
// the jitter pinned to its middle: each pause is exactly the schedule's
const deliver = (deps: AppDeps = ctx.deps) => deliverDueWebhooks(deps, { random: () => 0.5 });

beforeAll(async () => {
  ctx = await createTestApp({ webhookAllowPrivate: true, webhookTimeoutMs: TIMEOUT_MS });
  ws = await buildWorkspace(ctx);
  receiver = await startWebhookReceiver();
  other = await startWebhookReceiver();
});
afterAll(async () => {
  await receiver.close();
  await other.close();
  await ctx.close();
});

const admin = () => ws.acme.admin.as;

/** Verifies a received webhook as an integrator would, from the spec alone: HMAC-SHA256 under the decoded secret. */
function verifies(secret: string, hook: ReceivedWebhook): boolean {
  const id = hook.headers['webhook-id'] as string;
  const timestamp = hook.headers['webhook-timestamp'] as string;
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${hook.body}`).digest('base64');
  const sent = (hook.headers['webhook-signature'] as string).split(' ');
  return sent.includes(`v1,${expected}`);
}

const bodyOf = (hook: ReceivedWebhook) =>
  JSON.parse(hook.body) as { type: string; timestamp: string; data: Record<string, unknown> };

async function addEndpoint(url: string, events: readonly string[] = WEBHOOK_EVENTS, as = admin()) {
  const response = await as.post('/api/webhooks', { url, events, description: 'CRM sync' });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<WebhookCreated>();
}

async function removeAll(as = admin()) {
  for (const e of (await as.get('/api/webhooks')).json<WebhookList>().items) await as.delete(`/api/webhooks/${e.id}`);
}

async function newDeal(name = 'Expansion'): Promise<Opportunity> {
  const response = await ws.acme.sellerA1.as.post('/api/opportunities', {
    ...validOpportunityBody(ws.books.sellerA1.account.id),
    name,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<Opportunity>();
}

/** Delivers everything due and answers the bodies received meanwhile. */
async function deliveredNow(r: WebhookReceiver = receiver) {
  const before = r.received.length;
  await deliver();
  return r.received.slice(before);
}

beforeEach(async () => {
  receiver.answerWith(200);
  other.answerWith(200);
  await removeAll();
  await removeAll(ws.globex.admin.as);
});

describe('endpoints', () => {
  it('answers a whsec_ secret once, kept sealed, never read back', async () => {
    const created = await addEndpoint(receiver.url);
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(created.secret.slice(6), 'base64')).toHaveLength(32);
    const row = await ctx.handle.db
      .selectFrom('webhook_endpoints')
      .select('secret')
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(row.secret).toMatch(/^v1:/);
    expect(row.secret).not.toContain(created.secret.slice(6));
    const list = await admin().get('/api/webhooks');
    expect(list.body).not.toContain(created.secret);
    expect(list.json<WebhookList>().items).toEqual([
      expect.objectContaining({ id: created.id, url: receiver.url, isEnabled: true, description: 'CRM sync' }),
    ]);
  });

  it.each([
    ['a mail address', { url: 'mailto:ops@example.com', events: ['opportunity.created'] }, 422, 'url'],
    ['an ftp address', { url: 'ftp://example.com/in', events: ['opportunity.created'] }, 422, 'url'],
    ['credentials', { url: 'https://user:pw@example.com/in', events: ['opportunity.created'] }, 422, 'url'],
    ['not an address', { url: 'example', events: ['opportunity.created'] }, 422, 'url'],
    ['no address', { events: ['opportunity.created'] }, 400, 'url'],
    ['no event', { url: 'https://example.com/in', events: [] }, 400, 'events'],
    ['an unknown event', { url: 'https://example.com/in', events: ['deal.exploded'] }, 400, 'events.0'],
    ['an unknown field', { url: 'https://example.com/in', events: ['opportunity.created'], x: 1 }, 400, 'x'],
  ])('refuses %s naming the field', async (_what, body, status, field) => {
    const response = await admin().post('/api/webhooks', body);
    expect(response.statusCode, response.body).toBe(status);
    expect(Object.keys(response.json<{ error: { fields: object } }>().error.fields)).toContain(field);
  });

  it('refuses private and local addresses unless the deployment allows them (422 naming url)', async () => {
    const strict = await createApp({ ...ctx.deps, config: { ...ctx.deps.config, webhookAllowPrivate: false } });
    try {
      const as = await signIn(strict, 'admin@acme.test', TEST_PASSWORD);
      for (const url of [
        'http://127.0.0.1:8080/in',
        'http://localhost/in',
        'http://10.1.2.3/',
        'http://[::1]/',
        'http://169.254.169.254/latest',
      ]) {
        const response = await as.post('/api/webhooks', { url, events: ['opportunity.created'] });
        expect(response.statusCode, url).toBe(422);
        expect(response.json<{ error: { fields: object } }>().error.fields).toHaveProperty('url');
      }
      expect(
        (await as.post('/api/webhooks', { url: 'https://hooks.example.com/in', events: ['opportunity.created'] }))
          .statusCode,
      ).toBe(201);
    } finally {
      await strict.close();
    }
  });

  it('refuses, as it sends, a host name that resolves to this machine when private addresses are not allowed', async () => {
    const answer = await postWebhook(receiver.url.replace('127.0.0.1', 'localhost'), {}, '{}', {
      timeoutMs: 2000,
      allowPrivate: false,
    });
    expect(answer.statusCode).toBeNull();
    expect(answer.error).toMatch(/private or local address/);
    expect(receiver.received.filter((r) => r.body === '{}')).toEqual([]);
  });

  it('changes, turns off and deletes an endpoint; other organizations and non-administrators get 404 / 403', async () => {
    const { id } = await addEndpoint(receiver.url, ['opportunity.created']);
    const changed = await admin().patch(`/api/webhooks/${id}`, { events: ['opportunity.updated'], isEnabled: false });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ events: ['opportunity.updated'], isEnabled: false });
    expect((await admin().patch(`/api/webhooks/${id}`, { url: 'gopher://x' })).statusCode).toBe(422);
    expect((await ws.globex.admin.as.patch(`/api/webhooks/${id}`, { isEnabled: true })).statusCode).toBe(404);
    expect((await ws.globex.admin.as.get(`/api/webhooks/${id}/deliveries`)).statusCode).toBe(404);
    expect((await ws.acme.managerA.as.get('/api/webhooks')).statusCode).toBe(403);
    expect((await admin().delete(`/api/webhooks/${id}`)).statusCode).toBe(204);
    expect((await admin().delete(`/api/webhooks/${id}`)).statusCode).toBe(404);
  });
});

describe('delivery', () => {
  it('signs each delivery as Standard Webhooks says, verified by an independent HMAC', async () => {
    const { secret } = await addEndpoint(receiver.url, ['opportunity.created']);
    const deal = await newDeal('Signed deal');
    const [hook, ...more] = await deliveredNow();
    expect(more).toEqual([]);
    expect(hook!.headers['content-type']).toBe('application/json');
    expect(hook!.headers['webhook-id']).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(hook!.headers['webhook-timestamp']).toMatch(/^\d{10}$/);
    expect(Math.abs(Number(hook!.headers['webhook-timestamp']) - ctx.clock.now().getTime() / 1000)).toBeLessThan(5);
    expect(verifies(secret, hook!)).toBe(true);
    expect(verifies(`whsec_${Buffer.alloc(32).toString('base64')}`, hook!)).toBe(false);
    expect(verifies(secret, { ...hook!, body: hook!.body.replace('Signed deal', 'Forged deal') })).toBe(false);
    const body = bodyOf(hook!);
    expect(body).toMatchObject({
      type: 'opportunity.created',
      data: { opportunity: { id: deal.id, name: 'Signed deal' } },
    });
    expect(Date.parse(body.timestamp)).not.toBeNaN();
  });

  it('emits each event from the change that causes it', async () => {
    await addEndpoint(receiver.url);
    const deal = await newDeal('Evented');
    const opened = (await deliveredNow()).map(bodyOf);
    const types = opened.map((b) => b.type);
    expect(types).toContain('opportunity.created');
    // the first assessment of a new deal is a change from nothing
    expect(opened.find((b) => b.type === 'assessment.changed')?.data).toMatchObject({
      opportunityId: deal.id,
      previousWinProbability: null,
    });
    const raised = opened.filter((b) => b.type === 'danger_zone.raised');
    expect(raised.length).toBeGreaterThan(0);
    expect(raised[0]!.data).toMatchObject({ opportunityId: deal.id, zone: { id: expect.stringMatching(/^DZ-\d\d$/) } });

    const patched = await ws.acme.sellerA1.as.patch(`/api/opportunities/${deal.id}`, {
      version: deal.version,
      amountMinor: 99_000_000,
    });
    expect(patched.statusCode, patched.body).toBe(200);
    const updated = (await deliveredNow()).map(bodyOf);
    expect(updated.find((b) => b.type === 'opportunity.updated')?.data).toMatchObject({
      opportunity: { id: deal.id, amountMinor: 99_000_000 },
      changes: [{ field: 'amountMinor', from: 12_500_000, to: 99_000_000 }],
    });
    expect(updated.map((b) => b.type)).not.toContain('opportunity.closed');

    // a zone switched off for the organization is resolved on every open deal in it
    const zone = (raised[0]!.data.zone as { id: string }).id;
    expect((await admin().patch(`/api/danger-zones/${zone}`, { enabled: false, version: 0 })).statusCode).toBe(200);
    const resolved = (await deliveredNow()).map(bodyOf).filter((b) => b.type === 'danger_zone.resolved');
    expect(resolved.map((b) => b.data)).toContainEqual(
      expect.objectContaining({ opportunityId: deal.id, zone: expect.objectContaining({ id: zone }) }),
    );
    expect((await admin().patch(`/api/danger-zones/${zone}`, { enabled: true, version: 1 })).statusCode).toBe(200);
    const again = (await deliveredNow()).map(bodyOf).filter((b) => b.type === 'danger_zone.raised');
    expect(again.map((b) => b.data)).toContainEqual(
      expect.objectContaining({ opportunityId: deal.id, zone: expect.objectContaining({ id: zone }) }),
    );

    const current = (await ws.acme.sellerA1.as.get(`/api/opportunities/${deal.id}`)).json<Opportunity>();
    const lost = await ws.acme.sellerA1.as.patch(`/api/opportunities/${deal.id}`, {
      version: current.version,
      status: 'lost',
    });
    expect(lost.statusCode, lost.body).toBe(200);
    const closed = (await deliveredNow()).map(bodyOf);
    expect(closed.find((b) => b.type === 'opportunity.closed')?.data).toMatchObject({
      opportunity: { id: deal.id, status: 'lost' },
      outcome: 'lost',
    });
    expect(closed.map((b) => b.type)).toContain('opportunity.updated');
  });

  it('tells opportunity.updated when a deal is deleted, restored or moved to another owner', async () => {
    await addEndpoint(receiver.url, ['opportunity.updated']);
    const deal = await newDeal('Moved around');
    await deliveredNow();
    const updates = async () =>
      (await deliveredNow())
        .map(bodyOf)
        .filter((b) => b.type === 'opportunity.updated')
        .map((b) => b.data);

    expect((await ws.acme.sellerA1.as.delete(`/api/opportunities/${deal.id}`)).statusCode).toBe(204);
    const [deleted] = await updates();
    expect(deleted).toMatchObject({
      opportunity: { id: deal.id },
      changes: [{ field: 'deletedAt', from: null, to: expect.any(String) }],
    });
    const deletedAt = (deleted!.changes as Array<{ to: string }>)[0]!.to;
    expect((await ws.acme.sellerA1.as.post(`/api/opportunities/${deal.id}/restore`)).statusCode).toBe(200);
    expect(await updates()).toEqual([
      expect.objectContaining({ changes: [{ field: 'deletedAt', from: deletedAt, to: null }] }),
    ]);
    // restoring what is not deleted changes nothing and tells nothing
    expect((await ws.acme.sellerA1.as.post(`/api/opportunities/${deal.id}/restore`)).statusCode).toBe(200);
    expect(await updates()).toEqual([]);

    const moved = await admin().post(`/api/users/${ws.acme.sellerA1.user.id}/reassign`, {
      toUserId: ws.acme.sellerA2.user.id,
      includeClosed: false,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const owners = await updates();
    expect(owners).toContainEqual({
      opportunity: expect.objectContaining({ id: deal.id, ownerId: ws.acme.sellerA2.user.id }),
      changes: expect.arrayContaining([
        { field: 'ownerId', from: ws.acme.sellerA1.user.id, to: ws.acme.sellerA2.user.id },
      ]),
    });
    expect(owners).toHaveLength(moved.json<{ opportunities: number }>().opportunities);
    // a deal handed over by its manager is a change of owner too
    const mine = (await ws.acme.sellerA2.as.get(`/api/opportunities/${deal.id}`)).json<Opportunity>();
    const handed = await ws.acme.managerA.as.post(`/api/opportunities/${deal.id}/hand-over`, {
      toUserId: ws.acme.sellerA1.user.id,
      version: mine.version,
    });
    expect(handed.statusCode, handed.body).toBe(201);
    expect(await updates()).toEqual([
      {
        opportunity: expect.objectContaining({ id: deal.id, ownerId: ws.acme.sellerA1.user.id }),
        changes: expect.arrayContaining([
          { field: 'ownerId', from: ws.acme.sellerA2.user.id, to: ws.acme.sellerA1.user.id },
        ]),
      },
    ]);
    // and back, so the other tests find sellerA1's deals where they were
    expect(
      (
        await admin().post(`/api/users/${ws.acme.sellerA2.user.id}/reassign`, {
          toUserId: ws.acme.sellerA1.user.id,
          includeClosed: false,
        })
      ).statusCode,
    ).toBe(200);
  });

  it('emits assignment.completed when a seller completes their learning, not when a quiz is failed', async () => {
    await addEndpoint(receiver.url, ['assignment.completed']);
    const item = await admin().post('/api/coaching/catalog', {
      title: 'Champion or coach?',
      summary: 'Tell them apart',
      content: 'A champion sells for us when we are not in the room.',
      minutes: 20,
      rootCauses: ['B5'],
      type: 'module_quiz',
      quiz: {
        passMark: 100,
        questions: [{ prompt: 'Who signs?', choices: ['The coach', 'The buyer'], answerIndex: 1 }],
      },
    });
    expect(item.statusCode, item.body).toBe(201);
    const assigned = await ws.acme.managerA.as.post('/api/coaching/assignments', {
      sellerId: ws.acme.sellerA1.user.id,
      itemId: item.json<{ id: string }>().id,
      dueDate: '2026-11-27',
      rootCause: 'B5',
    });
    expect(assigned.statusCode, assigned.body).toBe(201);
    const { id } = assigned.json<{ id: string }>();
    const complete = (answers: number[]) =>
      ws.acme.sellerA1.as.post(`/api/coaching/assignments/${id}/complete`, { reflection: 'Done.', answers });
    expect((await complete([0])).statusCode).toBe(200);
    expect(await deliveredNow()).toEqual([]);
    expect((await complete([1])).statusCode).toBe(200);
    const [hook, ...more] = await deliveredNow();
    expect(more).toEqual([]);
    expect(bodyOf(hook!)).toMatchObject({
      type: 'assignment.completed',
      data: { assignmentId: id, sellerId: ws.acme.sellerA1.user.id, title: 'Champion or coach?', quizScore: 100 },
    });
  });

  it('sends an endpoint only the events it subscribes to, and nothing while it is off', async () => {
    const { id } = await addEndpoint(receiver.url, ['opportunity.updated']);
    const deal = await newDeal();
    expect(await deliveredNow()).toEqual([]);
    await admin().patch(`/api/webhooks/${id}`, { isEnabled: false });
    await ws.acme.sellerA1.as.patch(`/api/opportunities/${deal.id}`, { version: deal.version, name: 'Quiet' });
    expect(await deliveredNow()).toEqual([]);
    expect((await admin().get(`/api/webhooks/${id}/deliveries`)).json<WebhookDeliveryPage>().total).toBe(0);
  });

  it("never sends one organization's events to another's endpoint", async () => {
    await addEndpoint(receiver.url);
    await addEndpoint(other.url, WEBHOOK_EVENTS, ws.globex.admin.as);
    const acmeDeal = await newDeal('Acme only');
    const globexDeal = (
      await ws.globex.seller.as.post('/api/opportunities', {
        ...validOpportunityBody(ws.books.globexSeller.account.id),
        name: 'Globex only',
      })
    ).json<Opportunity>();
    const before = { acme: receiver.received.length, globex: other.received.length };
    await deliver();
    const toAcme = receiver.received.slice(before.acme).map(bodyOf);
    const toGlobex = other.received.slice(before.globex).map(bodyOf);
    expect(toAcme.length).toBeGreaterThan(0);
    expect(toGlobex.length).toBeGreaterThan(0);
    expect(JSON.stringify(toAcme)).toContain(acmeDeal.id);
    expect(JSON.stringify(toAcme)).not.toContain(globexDeal.id);
    expect(JSON.stringify(toGlobex)).toContain(globexDeal.id);
    expect(JSON.stringify(toGlobex)).not.toContain(acmeDeal.id);
  });

  it('retries a failing endpoint on the schedule, logs every try, then leaves it failed', async () => {
    const { id } = await addEndpoint(receiver.url, ['opportunity.created']);
    await newDeal();
    receiver.answerWith(503, 'down for maintenance');
    expect(await deliver()).toMatchObject({ succeeded: 0, failed: 1 });
    const [first] = (await admin().get(`/api/webhooks/${id}/deliveries`)).json<WebhookDeliveryPage>().items;
    expect(first).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: 503 });
    expect(first!.lastError).toMatch(/503/);
    const pause = (d: WebhookDelivery) => Date.parse(d.nextAttemptAt!) - Date.parse(d.lastAttemptAt!);
    expect(pause(first!)).toBeGreaterThanOrEqual(5000);
    expect(pause(first!)).toBeLessThan(5100);
    // not due before its pause ends
    ctx.clock.advance(3000);
    expect(await deliver()).toMatchObject({ succeeded: 0, failed: 0 });
    const expected = [5, 60, 300, 1800, 7200, 18_000, 36_000, 36_000];
    for (const [index, seconds] of expected.entries()) {
      ctx.clock.advance(seconds * 1000);
      expect(await deliver(), `try ${index + 2}`).toMatchObject({ failed: 1 });
      const [now] = (await admin().get(`/api/webhooks/${id}/deliveries`)).json<WebhookDeliveryPage>().items;
      if (index + 2 < MAX_WEBHOOK_ATTEMPTS) expect(pause(now!) / 1000).toBeCloseTo(expected[index + 1]!, 0);
    }
    const [last] = (await admin().get(`/api/webhooks/${id}/deliveries?status=failed`)).json<WebhookDeliveryPage>()
      .items;
    expect(last).toMatchObject({ status: 'failed', attempts: MAX_WEBHOOK_ATTEMPTS, nextAttemptAt: null });
    ctx.clock.advance(48 * 3600_000);
    expect(await deliver()).toMatchObject({ succeeded: 0, failed: 0 });
    const detail = (await admin().get(`/api/webhooks/${id}/deliveries/${last!.id}`)).json<WebhookDeliveryDetail>();
    expect(detail.attemptLog).toHaveLength(MAX_WEBHOOK_ATTEMPTS);
    expect(detail.attemptLog[0]).toMatchObject({ statusCode: 503, responseBody: 'down for maintenance' });
    expect(JSON.parse(detail.payload)).toMatchObject({ type: 'opportunity.created' });
    // nothing went through for more than a day: the endpoint is turned off and the administrators told
    const [endpoint] = (await admin().get('/api/webhooks')).json<WebhookList>().items;
    expect(endpoint).toMatchObject({ failed: 1, pending: 0, isEnabled: false });
    expect(endpoint!.disabledReason).toMatch(/nothing was delivered for more than a day .*503/);
    const inbox = (await admin().get('/api/inbox')).json<{ items: Array<{ kind: string; body: string }> }>();
    expect(inbox.items.filter((m) => m.kind === 'webhook-disabled').map((m) => m.body)).toEqual([
      expect.stringContaining(receiver.url),
    ]);
    const replayedOff = await admin().post(`/api/webhooks/${id}/deliveries/${last!.id}/replay`);
    expect(replayedOff.statusCode).toBe(422);
    expect(replayedOff.json<{ error: { fields: object } }>().error.fields).toHaveProperty('isEnabled');
    const on = await admin().patch(`/api/webhooks/${id}`, { isEnabled: true });
    expect(on.json()).toMatchObject({ isEnabled: true, disabledReason: null });

    // replayed from the log: the same message id and payload, as a new delivery
    receiver.answerWith(204);
    const replay = await admin().post(`/api/webhooks/${id}/deliveries/${last!.id}/replay`);
    expect(replay.statusCode, replay.body).toBe(201);
    expect(replay.json<WebhookDelivery>()).toMatchObject({ messageId: last!.messageId, status: 'pending' });
    const [sent] = await deliveredNow();
    expect(sent!.headers['webhook-id']).toBe(last!.messageId);
    expect(sent!.body).toBe(detail.payload);
    const page = (await admin().get(`/api/webhooks/${id}/deliveries`)).json<WebhookDeliveryPage>();
    expect(page.items.map((d) => d.status)).toEqual(['succeeded', 'failed']);
    expect(page.items[0]).toMatchObject({ lastStatusCode: 204, attempts: 1 });
  });

  it('pages the delivery log newest first and filters by status; bad queries are 400 naming the field', async () => {
    const { id } = await addEndpoint(receiver.url, ['opportunity.created']);
    for (const name of ['One', 'Two', 'Three']) await newDeal(name);
    await deliver();
    const page = await admin().get(`/api/webhooks/${id}/deliveries?limit=2&status=succeeded`);
    expect(page.json<WebhookDeliveryPage>()).toMatchObject({ total: 3 });
    expect(page.json<WebhookDeliveryPage>().items).toHaveLength(2);
    const all = (await admin().get(`/api/webhooks/${id}/deliveries`)).json<WebhookDeliveryPage>().items;
    const created = all.map((d) => d.createdAt);
    expect(created).toEqual([...created].sort().reverse());
    expect((await admin().get(`/api/webhooks/${id}/deliveries?status=failed`)).json<WebhookDeliveryPage>().total).toBe(
      0,
    );
    const bad = await admin().get(`/api/webhooks/${id}/deliveries?status=lost`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { fields: object } }>().error.fields).toHaveProperty('status');
    expect((await admin().post(`/api/webhooks/${id}/deliveries/nope/replay`)).statusCode).toBe(404);
  });

  it('sends a test event on request, and signs with a rotated secret from then on', async () => {
    const { id, secret } = await addEndpoint(receiver.url, ['opportunity.closed']);
    const test = await admin().post(`/api/webhooks/${id}/test`);
    expect(test.statusCode, test.body).toBe(201);
    const [hook] = await deliveredNow();
    expect(bodyOf(hook!)).toMatchObject({ type: 'webhook.test', data: { endpointId: id } });
    expect(verifies(secret, hook!)).toBe(true);
    const rotated = (await admin().post(`/api/webhooks/${id}/rotate-secret`)).json<{ secret: string }>().secret;
    expect(rotated).not.toBe(secret);
    await admin().post(`/api/webhooks/${id}/test`);
    const [next] = await deliveredNow();
    expect(verifies(rotated, next!)).toBe(true);
    expect(verifies(secret, next!)).toBe(false);
  });

  it('a hanging endpoint delays neither a change to an opportunity nor another endpoint', async () => {
    await addEndpoint(receiver.url, ['opportunity.created', 'opportunity.updated']);
    await addEndpoint(other.url, ['opportunity.created', 'opportunity.updated']);
    const deal = await newDeal('Hanging');
    receiver.answerWith('hang');
    const start = receiver.received.length;
    const otherStart = other.received.length;
    const round = deliver();
    await receiver.waitFor(start + 1);
    // the other endpoint is answered while the first still holds its request
    await other.waitFor(otherStart + 1);
    expect(receiver.held()).toBe(1);
    const patched = await ws.acme.sellerA1.as.patch(`/api/opportunities/${deal.id}`, {
      version: deal.version,
      name: 'Changed while a webhook hangs',
    });
    expect(patched.statusCode).toBe(200);
    expect(receiver.held()).toBe(1);
    const result = await round;
    // the hanging one timed out (a failed try, retried later); the other endpoint's went through
    expect(result).toMatchObject({ succeeded: 1, failed: 1 });
    receiver.release();
  });

  it('survives a restart mid-delivery: delivered exactly once more after the claim runs out', async () => {
    const { id } = await addEndpoint(receiver.url, ['opportunity.created']);
    await newDeal('Restart');
    receiver.answerWith('hang');
    const start = receiver.received.length;
    // an instance of the app on the same database and key, with caches of its own
    const instance = () =>
      createAppDeps({
        db: ctx.handle.db,
        dialect: ctx.handle.dialect,
        now: ctx.clock.now,
        config: ctx.deps.config,
        secrets: ctx.deps.secrets,
      });
    const firstDeps = instance();
    const first = await createApp(firstDeps);
    // the first instance claims the delivery and sends it; the receiver holds it as the app stops
    const inFlight = deliver(firstDeps);
    await receiver.waitFor(start + 1);
    const messageId = receiver.received[start]!.headers['webhook-id'];
    await first.close();

    const secondDeps = instance();
    const second = await createApp(secondDeps);
    try {
      // the claim still holds: the new instance leaves it alone
      expect(await deliver(secondDeps)).toEqual({ succeeded: 0, failed: 0, postponed: 0 });
      receiver.answerWith(200);
      ctx.clock.advance(2 * 60_000);
      expect(await deliver(secondDeps)).toEqual({ succeeded: 1, failed: 0, postponed: 0 });
      // the first instance's try ends (its timeout) without moving the delivery back
      await inFlight;
      receiver.release();
      ctx.clock.advance(60 * 60_000);
      expect(await deliver(secondDeps)).toEqual({ succeeded: 0, failed: 0, postponed: 0 });
      const sent = receiver.received.slice(start).filter((r) => r.headers['webhook-id'] === messageId);
      expect(sent).toHaveLength(2);
      const as = await signIn(second, 'admin@acme.test', TEST_PASSWORD);
      const [delivery] = (await as.get(`/api/webhooks/${id}/deliveries`)).json<WebhookDeliveryPage>().items;
      expect(delivery).toMatchObject({ status: 'succeeded', lastStatusCode: 200 });
    } finally {
      await second.close();
    }
  });
});
