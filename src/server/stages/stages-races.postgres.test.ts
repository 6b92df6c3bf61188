// PostgreSQL pass only: each race holds a row lock in another connection (testing/held-write.ts); on SQLite a writer locks the whole database at BEGIN IMMEDIATE.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stage } from '../../contract/stages.ts';
import { holdWrite } from '../../testing/held-write.ts';
import { listStages } from '../../testing/stages.ts';
import { createTestApp, type TestContext } from '../../testing/test-app.ts';
import { buildWorkspace, type Workspace } from '../../testing/workspace.ts';

let ctx: TestContext;
let ws: Workspace;

beforeAll(async () => {
  ctx = await createTestApp();
  ws = await buildWorkspace(ctx);
});
afterAll(() => ctx.close());

const stages = () => listStages(ws.acme.admin.as);

describe('a stage deleted while an opportunity moves into it', () => {
  const deal = () => ws.books.sellerB1.opportunity;

  it('refuses the delete 409 when the move lands first, and keeps the stage', async () => {
    const stage = (await ws.acme.admin.as.post('/api/stages', { name: 'Moved into', probability: 50 })).json<Stage>();
    const held = await holdWrite(ctx.handle, 'update opportunities set stage_id = $1 where id = $2', [
      stage.id,
      deal().id,
    ]);
    const deleting = ws.acme.admin.as.delete(`/api/stages/${stage.id}`);
    await held.untilSomeoneWaits(deleting);
    await held.commit();
    const response = await deleting;
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('conflict');
    expect((await stages()).map((s) => s.id)).toContain(stage.id);
  });

  it('refuses the move 409 when the delete lands first', async () => {
    const stage = (
      await ws.acme.admin.as.post('/api/stages', { name: 'Deleted meanwhile', probability: 50 })
    ).json<Stage>();
    const current = (await ws.acme.admin.as.get(`/api/opportunities/${deal().id}`)).json();
    const held = await holdWrite(ctx.handle, 'delete from stages where id = $1', [stage.id]);
    const moving = ws.acme.admin.as.patch(`/api/opportunities/${deal().id}`, {
      stageId: stage.id,
      version: current.version,
    });
    await held.untilSomeoneWaits(moving);
    await held.commit();
    const response = await moving;
    expect(response.statusCode).toBe(409);
    expect((await ws.acme.admin.as.get(`/api/opportunities/${deal().id}`)).json()).toMatchObject({
      stageId: current.stageId,
      version: current.version,
    });
  });
});
