import { randomUUID } from 'node:crypto';
import {
  appliedNotice,
  assignedNotice,
  completedNotice,
  type AssignmentForNotice,
} from '../../domain/coaching/assignment-notices.ts';
import { addDays } from '../../domain/dates.ts';
import type { Reminder } from '../../domain/inbox/messages.ts';
import { listStoredDiagnoses, seedAssignments, type NewAssignment } from '../coaching/index.ts';
import type { AppDeps } from '../deps.ts';
import { notifyIn, reminderSources, seedReadBefore, sendDueReminders } from '../inbox/index.ts';
import type { DemoWorkspace } from './demo.data.ts';

// The learning the managers assigned, as people's inboxes heard of it: the role-play manager1
// assigned from last week's concluded diagnosis (due tomorrow), each assignment told to its seller
// when it was assigned, each completion and application told to the manager who assigned it, then
// the nights' reminder passes over them (the overdue one, and its manager told once 3 days late).
// What is older than four days was read, as in the rest of the demo's inbox.

type Catalog = ReadonlyArray<{ id: string; title: string }>;

export async function seedDemoAssignmentNews(
  deps: AppDeps,
  ws: DemoWorkspace,
  assigned: readonly NewAssignment[],
  catalog: Catalog,
  today: string,
): Promise<void> {
  const rows = [...assigned, ...(await assignFromDiagnosis(deps, ws, catalog, today))];
  const loadedAt = deps.now();
  const notBeyondNow = (at: string) => (new Date(at) < loadedAt ? at : loadedAt.toISOString());
  const name = new Map(ws.users.map((u) => [u.id, u.name]));
  const title = new Map(catalog.map((i) => [i.id, i.title]));
  const dealName = new Map(ws.opportunities.map((o) => [o.id, o.name]));
  for (const a of rows) {
    const about: AssignmentForNotice = {
      id: a.id,
      title: title.get(a.itemId) ?? 'Learning',
      sellerName: name.get(a.sellerId) ?? 'Someone',
      assignedByName: name.get(a.assignedBy) ?? 'Your manager',
      dueDate: a.dueDate,
      dealName: a.opportunityId ? (dealName.get(a.opportunityId) ?? null) : null,
    };
    const tell = (at: string, personId: string, notice: ReturnType<typeof assignedNotice>) =>
      notifyIn(deps.db, notBeyondNow(at), [{ ...notice, orgId: ws.orgId, personId } satisfies Reminder]);
    await tell(a.assignedAt, a.sellerId, assignedNotice(about));
    const { completedAt, appliedAt } = a;
    if (!completedAt) continue;
    const appliedOnCompletion = appliedAt != null && appliedAt <= completedAt;
    await tell(
      completedAt,
      a.assignedBy,
      appliedOnCompletion
        ? appliedNotice(about, completedAt)
        : completedNotice(about, completedAt, a.conditionId !== null),
    );
    if (appliedAt && !appliedOnCompletion) await tell(appliedAt, a.assignedBy, appliedNotice(about, appliedAt));
  }
  // the nightly passes of the last week, over this organization's assignments only
  const sources = reminderSources()
    .filter((s) => s.name === 'coaching-assignments')
    .map((source) => ({
      ...source,
      due: async (db: AppDeps['db'], now: Date) => (await source.due(db, now)).filter((r) => r.orgId === ws.orgId),
    }));
  for (const daysAgo of [6, 5, 4, 3, 2, 1, 0]) {
    const night = new Date(`${addDays(today, -daysAgo)}T02:05:00.000Z`);
    await sendDueReminders({ ...deps, now: () => (night < loadedAt ? night : loadedAt) }, { sources });
  }
  await seedReadBefore(deps.db, ws.orgId, `${addDays(today, -4)}T00:00:00.000Z`, `${addDays(today, -4)}T08:40:00.000Z`);
}

/** The role-play manager1 assigned the morning after concluding the demo's diagnosis, due tomorrow. */
async function assignFromDiagnosis(
  deps: AppDeps,
  ws: DemoWorkspace,
  catalog: Catalog,
  today: string,
): Promise<NewAssignment[]> {
  const diagnosis = (await listStoredDiagnoses(deps.db, ws.orgId, 'all')).find(
    (d) => d.status === 'concluded' && d.rootCause === 'S7' && d.level !== null,
  );
  const item = catalog.find((i) => i.title.startsWith('Executive conversation'));
  if (!diagnosis?.closedAt || !diagnosis.level || !item) return [];
  const row: NewAssignment = {
    id: randomUUID(),
    sellerId: diagnosis.sellerId,
    itemId: item.id,
    assignedBy: diagnosis.closedBy ?? diagnosis.startedBy,
    assignedAt: `${addDays(diagnosis.closedAt.slice(0, 10), 1)}T08:45:00.000Z`,
    dueDate: addDays(today, 1),
    rootCause: 'S7',
    level: diagnosis.level,
    gapRule: diagnosis.flag?.rule ?? null,
    zoneId: diagnosis.flag?.zoneId ?? null,
    indicator: diagnosis.flag?.indicator ?? null,
    baselineValue: null,
    opportunityId: null,
    conditionId: null,
    conditionParams: null,
    status: 'in_progress',
    startedAt: `${addDays(today, -3)}T15:10:00.000Z`,
    diagnosisId: diagnosis.id,
  };
  await seedAssignments(deps.db, ws.orgId, [row], row.assignedAt);
  return [row];
}
