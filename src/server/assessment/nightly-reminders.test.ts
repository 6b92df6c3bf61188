import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboxPage } from '../../contract/inbox.ts';
import { createTestApp, type TestContext } from '../../testing/test-app.ts';
import { buildWorkspace, type Workspace } from '../../testing/workspace.ts';
import { refitDueModels } from './nightly.ts';

// The nightly pass also sends the reminders due: an overdue agreed action reaches its owner's
// inbox once, however many times the pass runs in the night.
let ctx: TestContext;
let ws: Workspace;

beforeAll(async () => {
  ctx = await createTestApp();
  ws = await buildWorkspace(ctx);
});
afterAll(() => ctx.close());

describe('the nightly pass', () => {
  it('sends the reminders due, each once', async () => {
    const agreed = await ws.acme.managerA.as.post(`/api/opportunities/${ws.books.sellerA1.opportunity.id}/actions`, {
      text: 'Send the security questionnaire back',
      ownerId: ws.acme.sellerA1.user.id,
      dueDate: '2026-11-20',
    });
    expect(agreed.statusCode, agreed.body).toBe(201);
    ctx.clock.set('2026-11-22T02:00:00.000Z');
    const log = { info: () => undefined, warn: () => undefined };
    await refitDueModels(ctx.deps, log);
    await refitDueModels(ctx.deps, log);
    const inbox = (await ws.acme.sellerA1.as.get('/api/inbox')).json<InboxPage>();
    expect(inbox.items.map((m) => m.subject)).toEqual(['Overdue: Send the security questionnaire back']);
  });
});
