import type { Db } from '../../db/database.ts';
import { assignmentReminders } from '../../domain/coaching/assignment-notices.ts';
import { addDays, toDateOnly } from '../../domain/dates.ts';
import type { Reminder } from '../../domain/inbox/messages.ts';
import { listOpenAssignmentsDueBy } from './assignments.repo.ts';

/**
 * The reminder source of learning assignments: for every open assignment due tomorrow or overdue,
 * what its seller (and, 3 days late, the manager who assigned it) should be told today. Read-only;
 * the inbox writes each reminder once.
 */
export async function dueAssignmentReminders(db: Db, now: Date): Promise<Reminder[]> {
  const today = toDateOnly(now);
  const open = await listOpenAssignmentsDueBy(db, addDays(today, 1));
  return open.flatMap((a) => assignmentReminders(a, today));
}
