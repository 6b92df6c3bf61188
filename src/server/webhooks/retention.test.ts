import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { WebhookCreated } from '../../contract/webhooks.ts';
import { createTestApp, type TestContext } from '../../testing/test-app.ts';
import { buildWorkspace, type Workspace } from '../../testing/workspace.ts';
import { pruneWebhookDeliveries } from './index.ts';

// The delivery log's retention: deliveries done with (delivered, or failed for good) and queued more
// than 30 days ago go with their tries, each endpoint's newest few excepted; a pending delivery,
// however old, is never touched. That the nightly pass runs it: assessment/nightly-webhooks.test.ts.

let ctx: TestContext;
let ws: Workspace;

beforeAll(async () => {
  ctx = await createTestApp({ webhookAllowPrivate: true });
  ws = await buildWorkspace(ctx);
});
afterAll(() => ctx.close());

type Status = 'pending' | 'succeeded' | 'failed';
type Seeded = { id: string; status: Status; daysAgo: number };

const DAY = 86_400_000;
let endpoint: string;

async function addEndpoint(as = ws.acme.admin.as): Promise<string> {
  const response = await as.post('/api/webhooks', { url: 'http://127.0.0.1:9/hook', events: ['opportunity.created'] });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<WebhookCreated>().id;
}

/** Deliveries queued `daysAgo` days before now, each with one try, written as the sender leaves them. */
async function seed(endpointId: string, orgId: string, deliveries: ReadonlyArray<Omit<Seeded, 'id'>>) {
  const now = ctx.deps.now().getTime();
  const rows = deliveries.map((d) => ({ ...d, id: randomUUID() }));
  for (let i = 0; i < rows.length; i += 200) {
    const chunk = rows.slice(i, i + 200);
    const at = (d: Seeded) => new Date(now - d.daysAgo * DAY).toISOString();
    await ctx.handle.db
      .insertInto('webhook_deliveries')
      .values(
        chunk.map((d) => ({
          id: d.id,
          org_id: orgId,
          endpoint_id: endpointId,
          message_id: `msg_${d.id}`,
          event_type: 'opportunity.created',
          payload: '{}',
          created_at: at(d),
          status: d.status,
          attempts: 1,
          // a pending one waits for its next try (an old one: its endpoint was turned off meanwhile)
          next_attempt_at: d.status === 'pending' ? new Date(now + 60_000).toISOString() : null,
          last_status_code: d.status === 'succeeded' ? 200 : 500,
          last_error: null,
          last_attempt_at: at(d),
          delivered_at: d.status === 'succeeded' ? at(d) : null,
        })),
      )
      .execute();
    await ctx.handle.db
      .insertInto('webhook_attempts')
      .values(
        chunk.map((d) => ({
          id: randomUUID(),
          delivery_id: d.id,
          org_id: orgId,
          at: at(d),
          status_code: d.status === 'succeeded' ? 200 : 500,
          duration_ms: 12,
          response_body: null,
          error: null,
        })),
      )
      .execute();
  }
  return rows;
}

/** The endpoint's deliveries left (id and status) and how many tries are left of them. */
async function left(endpointId: string) {
  const deliveries = await ctx.handle.db
    .selectFrom('webhook_deliveries')
    .select(['id', 'status', 'created_at'])
    .where('endpoint_id', '=', endpointId)
    .orderBy('created_at', 'desc')
    .execute();
  const tries = await ctx.handle.db
    .selectFrom('webhook_attempts')
    .select('delivery_id')
    .where('delivery_id', 'in', deliveries.length > 0 ? deliveries.map((d) => d.id) : ['none'])
    .execute();
  return { ids: deliveries.map((d) => d.id), tries: tries.length };
}

async function orphanTries(): Promise<number> {
  const rows = await ctx.handle.db
    .selectFrom('webhook_attempts')
    .select('id')
    .where('delivery_id', 'not in', (eb) => eb.selectFrom('webhook_deliveries').select('id'))
    .execute();
  return rows.length;
}

beforeEach(async () => {
  await ctx.handle.db.deleteFrom('webhook_attempts').execute();
  await ctx.handle.db.deleteFrom('webhook_deliveries').execute();
  await ctx.handle.db.deleteFrom('webhook_endpoints').execute();
  endpoint = await addEndpoint();
});

describe("the webhook delivery log's retention", () => {
  it('removes deliveries done with and queued over 30 days ago, with their tries; pending ones stay however old', async () => {
    const [oldDelivered, oldFailed, oldPending, recentDelivered, recentFailed, recentPending] = await seed(
      endpoint,
      ws.acme.orgId,
      [
        { status: 'succeeded', daysAgo: 40 },
        { status: 'failed', daysAgo: 31 },
        { status: 'pending', daysAgo: 90 },
        { status: 'succeeded', daysAgo: 29 },
        { status: 'failed', daysAgo: 2 },
        { status: 'pending', daysAgo: 1 },
      ],
    );
    expect(await pruneWebhookDeliveries(ctx.deps, { keepPerEndpoint: 0 })).toBe(2);
    const after = await left(endpoint);
    expect(after.ids.sort()).toEqual([oldPending!.id, recentDelivered!.id, recentFailed!.id, recentPending!.id].sort());
    expect(after.ids).not.toContain(oldDelivered!.id);
    expect(after.ids).not.toContain(oldFailed!.id);
    expect(after.tries).toBe(4);
    expect(await orphanTries()).toBe(0);
    // run again, nothing more goes
    expect(await pruneWebhookDeliveries(ctx.deps, { keepPerEndpoint: 0 })).toBe(0);
  });

  it("keeps each endpoint's newest deliveries done with, however old", async () => {
    const other = await addEndpoint();
    const seeded = await seed(
      endpoint,
      ws.acme.orgId,
      [31, 32, 33, 34, 35].map((daysAgo) => ({ status: 'succeeded' as const, daysAgo })),
    );
    // pending ones do not count among the newest kept
    await seed(endpoint, ws.acme.orgId, [{ status: 'pending', daysAgo: 1 }]);
    const quiet = await seed(other, ws.acme.orgId, [
      { status: 'failed', daysAgo: 60 },
      { status: 'succeeded', daysAgo: 70 },
    ]);
    expect(await pruneWebhookDeliveries(ctx.deps, { keepPerEndpoint: 2 })).toBe(3);
    const kept = await left(endpoint);
    expect(kept.ids).toHaveLength(3);
    expect(kept.ids).toEqual(expect.arrayContaining([seeded[0]!.id, seeded[1]!.id]));
    expect((await left(other)).ids.sort()).toEqual(quiet.map((d) => d.id).sort());
  });

  it('goes through every organization, a thousand at a time, keeping the newest hundred by default', async () => {
    const globex = await addEndpoint(ws.globex.admin.as);
    await seed(
      globex,
      ws.globex.orgId,
      Array.from({ length: 1150 }, (_, i) => ({ status: 'succeeded' as const, daysAgo: 31 + i / 100 })),
    );
    const [pending] = await seed(endpoint, ws.acme.orgId, [{ status: 'pending', daysAgo: 45 }]);
    const [old] = await seed(endpoint, ws.acme.orgId, [{ status: 'failed', daysAgo: 45 }]);
    expect(await pruneWebhookDeliveries(ctx.deps)).toBe(1050);
    expect((await left(globex)).ids).toHaveLength(100);
    // acme's endpoint has fewer than a hundred: its old failure stays too
    expect((await left(endpoint)).ids.sort()).toEqual([pending!.id, old!.id].sort());
    expect(await pruneWebhookDeliveries(ctx.deps)).toBe(0);
    expect(await orphanTries()).toBe(0);
  });
});
