import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebhookCreated } from '../../contract/webhooks.ts';
import { createTestApp, type TestContext } from '../../testing/test-app.ts';
import { buildWorkspace, type Workspace } from '../../testing/workspace.ts';
import { refitDueModels } from './nightly.ts';

// The nightly pass also trims the webhook delivery log (webhooks/retention.test.ts says how): old
// deliveries done with go, the newest hundred of an endpoint and the pending ones stay.
let ctx: TestContext;
let ws: Workspace;

beforeAll(async () => {
  ctx = await createTestApp({ webhookAllowPrivate: true });
  ws = await buildWorkspace(ctx);
});
afterAll(() => ctx.close());

describe('the nightly pass', () => {
  it('removes the webhook deliveries past their retention, never a pending one', async () => {
    const created = await ws.acme.admin.as.post('/api/webhooks', {
      url: 'http://127.0.0.1:9/hook',
      events: ['opportunity.created'],
    });
    expect(created.statusCode, created.body).toBe(201);
    const endpointId = created.json<WebhookCreated>().id;
    const now = ctx.deps.now().getTime();
    const ago = (days: number) => new Date(now - days * 86_400_000).toISOString();
    const delivery = (status: 'succeeded' | 'pending', days: number) => ({
      id: randomUUID(),
      org_id: ws.acme.orgId,
      endpoint_id: endpointId,
      message_id: `msg_${randomUUID()}`,
      event_type: 'opportunity.created',
      payload: '{}',
      created_at: ago(days),
      status,
      next_attempt_at: status === 'pending' ? new Date(now + 60_000).toISOString() : null,
      last_status_code: null,
      last_error: null,
      last_attempt_at: ago(days),
      delivered_at: status === 'succeeded' ? ago(days) : null,
    });
    const pending = delivery('pending', 60);
    const oldest = delivery('succeeded', 50);
    const rows = [pending, oldest, ...Array.from({ length: 100 }, () => delivery('succeeded', 40))];
    for (let i = 0; i < rows.length; i += 50) {
      await ctx.handle.db
        .insertInto('webhook_deliveries')
        .values(rows.slice(i, i + 50))
        .execute();
    }
    const log = { info: () => undefined, warn: () => undefined };
    await refitDueModels(ctx.deps, log);
    await refitDueModels(ctx.deps, log);
    const left = await ctx.handle.db
      .selectFrom('webhook_deliveries')
      .select('id')
      .where('endpoint_id', '=', endpointId)
      .execute();
    const ids = left.map((r) => r.id);
    expect(ids).toHaveLength(101);
    expect(ids).toContain(pending.id);
    expect(ids).not.toContain(oldest.id);
  });
});
