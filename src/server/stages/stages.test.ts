import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stage } from '../../contract/stages.ts';
import { createTestApp, signIn, type TestContext } from '../../testing/test-app.ts';
import { buildWorkspace, TEST_PASSWORD, type Workspace } from '../../testing/workspace.ts';
import { listStages } from '../../testing/stages.ts';
import { createApp } from '../app.ts';

let ctx: TestContext;
let ws: Workspace;

beforeAll(async () => {
  ctx = await createTestApp();
  ws = await buildWorkspace(ctx);
});
afterAll(() => ctx.close());

const stages = () => listStages(ws.acme.admin.as);

describe('the stage list an admin edits', () => {
  it('starts with the default ordered stages and their stage-based figures', async () => {
    expect((await stages()).map((s) => [s.name, s.probability])).toEqual([
      ['Qualify', 10],
      ['Discover', 20],
      ['Solution', 40],
      ['Propose', 60],
      ['Negotiate', 75],
      ['Commit', 90],
    ]);
  });

  it('adds a stage at the end, renames it, and refuses a duplicate name', async () => {
    const added = await ws.acme.admin.as.post('/api/stages', { name: 'Legal review', probability: 85 });
    expect(added.statusCode).toBe(201);
    expect(added.json().position).toBe(7);
    const renamed = await ws.acme.admin.as.patch(`/api/stages/${added.json().id}`, { name: 'Contracting', version: 1 });
    expect(renamed.json()).toMatchObject({ name: 'Contracting', version: 2 });
    const duplicate = await ws.acme.admin.as.post('/api/stages', { name: 'qualify', probability: 5 });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error.fields).toHaveProperty('name');
  });

  it('reorders, and refuses an order that leaves a stage out', async () => {
    const ids = (await stages()).map((s) => s.id);
    const reversed = [...ids].reverse();
    const response = await ws.acme.admin.as.put('/api/stages/order', { ids: reversed });
    expect(response.statusCode).toBe(200);
    expect(response.json().items.map((s: Stage) => s.id)).toEqual(reversed);
    const partial = await ws.acme.admin.as.put('/api/stages/order', { ids: reversed.slice(1) });
    expect(partial.statusCode).toBe(422);
    await ws.acme.admin.as.put('/api/stages/order', { ids });
  });

  // positions are unique per organization (migration 0012): every move of a reorder lands on a
  // position another stage held, which the stages are moved aside for first
  it.each([
    ['rotated by one', (ids: string[]) => [...ids.slice(1), ids[0]!]],
    ['with the first two swapped', (ids: string[]) => [ids[1]!, ids[0]!, ...ids.slice(2)]],
    ['reversed', (ids: string[]) => [...ids].reverse()],
    ['as it was', (ids: string[]) => ids],
  ])('reorders %s: positions 1 to n, one version more for each stage that moved', async (_how, reorder) => {
    const before = await stages();
    const wanted = reorder(before.map((s) => s.id));
    const response = await ws.acme.admin.as.put('/api/stages/order', { ids: wanted });
    expect(response.statusCode).toBe(200);
    const after = await stages();
    expect(after.map((s) => s.id)).toEqual(wanted);
    expect(after.map((s) => s.position)).toEqual(wanted.map((_, i) => i + 1));
    for (const stage of after) {
      const was = before.find((s) => s.id === stage.id)!;
      expect(stage.version).toBe(was.position === stage.position ? was.version : was.version + 1);
    }
    // and the opportunity list sorted by stage follows
    const listed = (await ws.acme.admin.as.get('/api/opportunities?sort=stage&limit=200')).json<{
      items: Array<{ stagePosition: number }>;
    }>().items;
    expect(listed.map((o) => o.stagePosition)).toEqual([...listed.map((o) => o.stagePosition)].sort((a, b) => a - b));
    await ws.acme.admin.as.put('/api/stages/order', { ids: before.map((s) => s.id) });
  });

  it('keeps a used stage (switch it off instead), and new opportunities cannot use a switched-off one', async () => {
    const qualify = (await stages()).find((s) => s.name === 'Qualify')!;
    const refused = await ws.acme.admin.as.delete(`/api/stages/${qualify.id}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toMatch(/Switch it off/);
    const off = await ws.acme.admin.as.patch(`/api/stages/${qualify.id}`, {
      isActive: false,
      version: qualify.version,
    });
    expect(off.statusCode).toBe(200);
    const created = await ws.acme.sellerA1.as.post('/api/opportunities', {
      name: 'After switch-off',
      accountId: ws.books.sellerA1.account.id,
      amountMinor: 1,
      currency: 'USD',
      expectedCloseDate: '2027-01-01',
    });
    expect(created.json().stageName).toBe('Discover');
    const explicit = await ws.acme.sellerA1.as.post('/api/opportunities', {
      name: 'Explicit',
      accountId: ws.books.sellerA1.account.id,
      amountMinor: 1,
      currency: 'USD',
      expectedCloseDate: '2027-01-01',
      stageId: qualify.id,
    });
    expect(explicit.statusCode).toBe(422);
    expect(explicit.json().error.fields).toHaveProperty('stageId');
  });

  it.each([
    { body: { name: 'x', probability: 101 }, field: 'probability' },
    { body: { name: 'x', probability: 12.5 }, field: 'probability' },
    { body: { name: '', probability: 10 }, field: 'name' },
  ])('refuses $body with 400 naming $field', async ({ body, field }) => {
    const response = await ws.acme.admin.as.post('/api/stages', body);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields).toHaveProperty(field);
  });
});

describe('admins changing stages at the same moment, on two app instances', () => {
  const withSecondInstance = async (
    work: (admins: ReadonlyArray<Awaited<ReturnType<typeof signIn>>>) => Promise<void>,
  ) => {
    const second = await createApp(ctx.deps);
    try {
      const email = ws.acme.admin.user.email;
      await work([await signIn(ctx.app, email, TEST_PASSWORD), await signIn(second, email, TEST_PASSWORD)]);
    } finally {
      await second.close();
    }
  };

  it('gives six stages added at once six distinct positions after the existing ones', async () => {
    await withSecondInstance(async (admins) => {
      const before = await stages();
      const last = Math.max(...before.map((s) => s.position));
      const answers = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          admins[i % 2]!.post('/api/stages', { name: `Parallel ${i}`, probability: 50 }),
        ),
      );
      expect(answers.map((a) => a.statusCode)).toEqual(Array(6).fill(201));
      const positions = answers.map((a) => a.json<Stage>().position).sort((a, b) => a - b);
      expect(positions).toEqual([1, 2, 3, 4, 5, 6].map((n) => last + n));
    });
  });

  it('adds one of six stages with the same name and answers the others 409 naming the field', async () => {
    await withSecondInstance(async (admins) => {
      const answers = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          admins[i % 2]!.post('/api/stages', { name: 'Twin stage', probability: 50 }),
        ),
      );
      expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409, 409, 409, 409, 409]);
      expect(answers.find((a) => a.statusCode === 409)!.json().error.fields).toHaveProperty('name');
      expect((await stages()).filter((s) => s.name === 'Twin stage')).toHaveLength(1);
    });
  });

  it('deletes an unused stage once when asked twice at once, recording one deletion', async () => {
    await withSecondInstance(async (admins) => {
      const doomed = (await admins[0]!.post('/api/stages', { name: 'Short-lived', probability: 50 })).json<Stage>();
      const answers = await Promise.all(
        admins.flatMap((a) => [a.delete(`/api/stages/${doomed.id}`), a.delete(`/api/stages/${doomed.id}`)]),
      );
      expect(answers.map((a) => a.statusCode).sort()).toEqual([204, 404, 404, 404]);
      const events = await ctx.deps.db
        .selectFrom('audit_events')
        .select('action')
        .where('entity_id', '=', doomed.id)
        .execute();
      expect(events.map((e) => e.action).sort()).toEqual(['create', 'delete']);
    });
  });
});
