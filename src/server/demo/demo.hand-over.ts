import type { Actor } from '../../domain/access.ts';
import { addDays } from '../../domain/dates.ts';
import { handOverLeaver } from '../deals/index.ts';
import type { AppDeps } from '../deps.ts';
import { acknowledgeHandOver } from '../hand-overs/index.ts';
import type { DemoWorkspace } from './demo.data.ts';

// A seller left three days ago: the administrator deactivated them and spread their open deals
// over two colleagues of the same team in one step, each deal with its brief. One colleague read
// and acknowledged every brief the next day; the other has acknowledged the first two so far.
// Their closed deals, figures and history stay theirs.

export const DEMO_LEAVER = 'seller8@demo.example.com';
const TAKERS = ['seller6@demo.example.com', 'seller9@demo.example.com'] as const;

const at = (day: string, time: string) => new Date(`${day}T${time}Z`);

export async function seedDemoHandOver(deps: AppDeps, ws: DemoWorkspace, today: string): Promise<void> {
  const byEmail = new Map(ws.users.map((u) => [u.email, u]));
  const admin = ws.users.find((u) => u.role === 'admin')!;
  const leaver = byEmail.get(DEMO_LEAVER)!;
  const takers = TAKERS.map((email) => byEmail.get(email)!);
  const asAdmin: Actor = { userId: admin.id, orgId: ws.orgId, role: 'admin', visibleOwnerIds: 'all' };
  const handedOn = addDays(today, -3);
  const result = await handOverLeaver({ ...deps, now: () => at(handedOn, '09:40:00.000') }, asAdmin, leaver.id, {
    to: takers.map((t) => ({ userId: t.id })),
    split: 'balanced',
  });
  const [first, second] = takers;
  const theirs = (id: string) => result.handOvers.filter((h) => h.toUserId === id);
  const acknowledge = async (taker: (typeof takers)[number], ids: readonly string[], day: string, time: string) => {
    const asTaker: Actor = { userId: taker.id, orgId: ws.orgId, role: 'seller', visibleOwnerIds: [taker.id] };
    for (const h of result.handOvers.filter((x) => ids.includes(x.id)))
      await acknowledgeHandOver({ ...deps, now: () => at(day, time) }, asTaker, h.opportunityId, h.id);
  };
  await acknowledge(
    first!,
    theirs(first!.id).map((h) => h.id),
    addDays(today, -2),
    '08:15:00.000',
  );
  await acknowledge(
    second!,
    theirs(second!.id)
      .slice(0, 2)
      .map((h) => h.id),
    addDays(today, -1),
    '16:05:00.000',
  );
}
