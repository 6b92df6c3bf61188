import type { Db } from '../../db/database.ts';
import { addDays, toDateOnly } from '../../domain/dates.ts';
import type { Reminder } from '../../domain/inbox/messages.ts';
import { actionReminders } from '../../domain/review/action-reminders.ts';
import { listOpenActionsDueBy } from './actions.repo.ts';

/**
 * The reminder source of agreed actions: for every open action due tomorrow or overdue, what its
 * owner (and, 3 days late, the manager who agreed it) should be told today. Read-only; the inbox
 * writes each reminder once.
 */
export async function dueActionReminders(db: Db, now: Date): Promise<Reminder[]> {
  const today = toDateOnly(now);
  const actions = await listOpenActionsDueBy(db, addDays(today, 1));
  return actions.flatMap((action) => actionReminders(action, today));
}
