// PostgreSQL pass only: each race holds a row lock in another connection (testing/held-write.ts); on SQLite a writer locks the whole database at BEGIN IMMEDIATE.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { holdWrite } from '../../testing/held-write.ts';
import { historyActions } from '../../testing/history.ts';
import { newOpportunity } from '../../testing/opportunities.ts';
import { createTestApp, type TestContext } from '../../testing/test-app.ts';
import { buildWorkspace, type Workspace } from '../../testing/workspace.ts';

let ctx: TestContext;
let ws: Workspace;

beforeAll(async () => {
  ctx = await createTestApp();
  ws = await buildWorkspace(ctx);
});
afterAll(() => ctx.close());

describe('writers racing on one opportunity', () => {
  const actions = (id: string) => historyActions(ws.acme.admin.as, 'opportunities', id);
  const fresh = () => newOpportunity(ws);

  it('answers a delete that loses to a change 409 with the current record, and deletes nothing', async () => {
    const o = await fresh();
    const held = await holdWrite(
      ctx.handle,
      "update opportunities set name = 'Renamed elsewhere', version = version + 1 where id = $1",
      [o.id],
    );
    const deleting = ws.acme.sellerA1.as.delete(`/api/opportunities/${o.id}`);
    await held.untilSomeoneWaits(deleting);
    await held.commit();
    const response = await deleting;
    expect(response.statusCode).toBe(409);
    expect(response.json().error).toMatchObject({
      code: 'version-conflict',
      current: { name: 'Renamed elsewhere', version: o.version + 1 },
    });
    expect((await ws.acme.sellerA1.as.get(`/api/opportunities/${o.id}`)).statusCode).toBe(200);
    expect(await actions(o.id)).toEqual(['create']);
  });

  it('answers a delete that loses to another delete 404, recording one delete', async () => {
    const o = await fresh();
    const held = await holdWrite(
      ctx.handle,
      "update opportunities set deleted_at = '2026-11-20T09:00:00.000Z', version = version + 1 where id = $1",
      [o.id],
    );
    const deleting = ws.acme.sellerA1.as.delete(`/api/opportunities/${o.id}`);
    await held.untilSomeoneWaits(deleting);
    await held.commit();
    expect((await deleting).statusCode).toBe(404);
    expect(await actions(o.id)).toEqual(['create']);
  });

  it('answers a restore that loses to another restore with the restored record, recording one restore', async () => {
    const o = await fresh();
    expect((await ws.acme.sellerA1.as.delete(`/api/opportunities/${o.id}`)).statusCode).toBe(204);
    const held = await holdWrite(
      ctx.handle,
      'update opportunities set deleted_at = null, version = version + 1 where id = $1',
      [o.id],
    );
    const restoring = ws.acme.sellerA1.as.post(`/api/opportunities/${o.id}/restore`);
    await held.untilSomeoneWaits(restoring);
    await held.commit();
    const response = await restoring;
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id: o.id, version: o.version + 2 });
    expect(await actions(o.id)).toEqual(['delete', 'create']);
  });
});
