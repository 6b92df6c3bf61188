import { randomUUID } from 'node:crypto';
import { addDays } from '../../domain/dates.ts';
import type { AppDeps } from '../deps.ts';
import { reminderSources, seedReadBefore, sendDueReminders } from '../inbox/index.ts';
import { seedAction } from '../reviews/index.ts';
import type { DemoWorkspace } from './demo.data.ts';

// The inbox as the last few nights left it: the reminder pass run for each of them over the
// actions agreed in last week's reviews (Jordan Patel's team's, seeded with the reviews) and two
// more from the other teams' one-to-ones (one due tomorrow, one four days late, which its manager
// hears of too). Messages older than four days were read; the rest wait under the bell. No mail
// settings: the demo sends no e-mail.

const ONE_TO_ONES = [
  {
    team: 'manager2@demo.example.com',
    text: 'Send the revised proposal with the phased rollout we discussed',
    dueIn: -4,
    agreedDaysAgo: 9,
  },
  {
    team: 'manager3@demo.example.com',
    text: 'Confirm who from their finance team joins Thursday’s call',
    dueIn: 1,
    agreedDaysAgo: 3,
  },
] as const;

export async function seedDemoInbox(deps: AppDeps, ws: DemoWorkspace, today: string): Promise<void> {
  const idOf = new Map(ws.users.map((u) => [u.email, u.id]));
  for (const agreed of ONE_TO_ONES) {
    const sellers = new Set(ws.users.filter((u) => u.managerEmail === agreed.team).map((u) => u.email));
    const deal = ws.opportunities.find((o) => o.status === 'open' && sellers.has(o.ownerEmail));
    if (!deal) continue;
    await seedAction(deps.db, ws.orgId, {
      id: randomUUID(),
      opportunityId: deal.id,
      text: agreed.text,
      ownerId: idOf.get(deal.ownerEmail)!,
      dueDate: addDays(today, agreed.dueIn),
      createdBy: idOf.get(agreed.team)!,
      createdAt: `${addDays(today, -agreed.agreedDaysAgo)}T16:00:00.000Z`,
      doneAt: null,
      doneBy: null,
    });
  }
  // this organization's reminders only: the database may hold others
  const sources = reminderSources().map((source) => ({
    ...source,
    due: async (db: AppDeps['db'], now: Date) => (await source.due(db, now)).filter((r) => r.orgId === ws.orgId),
  }));
  const loadedAt = deps.now();
  for (const daysAgo of [6, 5, 4, 3, 2, 1, 0]) {
    const night = new Date(`${addDays(today, -daysAgo)}T02:05:00.000Z`);
    const at = night < loadedAt ? night : loadedAt;
    await sendDueReminders({ ...deps, now: () => at }, { sources });
  }
  await seedReadBefore(deps.db, ws.orgId, `${addDays(today, -4)}T00:00:00.000Z`, `${addDays(today, -4)}T08:40:00.000Z`);
}
