import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Assignment } from '../../contract/assignments.ts';
import type { Diagnosis, DiagnosisSummary } from '../../contract/diagnoses.ts';
import type { InboxPage } from '../../contract/inbox.ts';
import { createDemoTestApp, signIn, type Caller, type TestContext } from '../../testing/test-app.ts';
import { sendDueReminders } from '../inbox/index.ts';
import { DEMO_PASSWORD } from './demo.data.ts';

// The demo's learning as people's inboxes heard of it, and the role-play assigned from the
// concluded diagnosis.

let ctx: TestContext & { demo: { logins: Array<{ email: string; name: string }> } };
const as: Record<string, Caller> = {};
const login = async (who: string) => (as[who] ??= await signIn(ctx.app, `${who}@demo.example.com`, DEMO_PASSWORD));
const kindsOf = async (who: string) =>
  (await (await login(who)).get('/api/inbox?limit=100')).json<InboxPage>().items.map((m) => m.kind);

beforeAll(async () => {
  ctx = await createDemoTestApp({ today: '2026-11-20' });
});
afterAll(() => ctx.close());

describe('the demo’s news of assigned learning', () => {
  it('told each seller of the learning assigned to them, and manager1 of what their team completed and applied', async () => {
    for (const seller of ['seller2', 'seller3', 'seller6', 'seller11'])
      expect(await kindsOf(seller)).toContain('assignment-assigned');
    const manager1 = await kindsOf('manager1');
    expect(manager1).toContain('assignment-completed');
    expect(manager1).toContain('assignment-applied');
  });

  it('reminded seller6 once of their overdue learning, and told manager2 once it was 3 days late', async () => {
    expect((await kindsOf('seller6')).filter((k) => k === 'assignment-overdue')).toHaveLength(1);
    expect((await kindsOf('manager2')).filter((k) => k === 'team-assignment-overdue')).toHaveLength(1);
    // tonight's pass finds nothing new to tell
    const pass = await sendDueReminders(ctx.deps);
    expect(pass.find((r) => r.source === 'coaching-assignments')).toMatchObject({ written: 0 });
  });

  it('holds a role-play assigned from the concluded diagnosis, due tomorrow, which the diagnosis lists', async () => {
    const manager = await login('manager1');
    const team = (await manager.get('/api/coaching/diagnoses')).json<{ items: DiagnosisSummary[] }>().items;
    const concluded = team.find((d) => d.status === 'concluded')!;
    const diagnosis = (await manager.get(`/api/coaching/diagnoses/${concluded.id}`)).json<Diagnosis>();
    expect(diagnosis.assignments).toEqual([
      expect.objectContaining({ title: 'Executive conversation: a 20-minute role-play', dueDate: '2026-11-21' }),
    ]);
    const assignment = (
      await manager.get(`/api/coaching/assignments/${diagnosis.assignments[0]!.id}`)
    ).json<Assignment>();
    expect(assignment).toMatchObject({
      status: 'in_progress',
      diagnosis: { id: concluded.id },
      rootCause: { id: 'S7' },
    });
    const seller = (await manager.get(`/api/coaching/assignments?seller=${assignment.seller.id}`)).json<{
      items: Assignment[];
    }>();
    expect(seller.items.map((a) => a.id)).toContain(assignment.id);
    // last night's pass told the seller it is due tomorrow
    const email = ctx.demo.logins.find((l) => l.name === assignment.seller.name)!.email;
    expect(await kindsOf(email.split('@')[0]!)).toContain('assignment-due');
  });
});
