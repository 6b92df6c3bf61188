import type { Db } from '../../db/database.ts';
import type { Reminder } from '../../domain/inbox/messages.ts';
import type { AppDeps } from '../deps.ts';
import { dueAssignmentReminders } from '../coaching/index.ts';
import { dueActionReminders } from '../reviews/index.ts';
import { notifyAll } from './notify.service.ts';

// The reminder pass: every source says which reminders are due now, and each is written (and
// mailed) once, however often the pass runs: the nightly pass runs it, and `winsight remind`.

/** A concept's reminders: read-only, across organizations, each with a key naming its occasion. */
export type ReminderSource = { name: string; due: (db: Db, now: Date) => Promise<Reminder[]> };

/**
 * The sources the pass asks, in order. A concept adds its own in one line here, e.g.
 * `{ name: 'coaching-assignments', due: (db, now) => dueAssignmentReminders(db, now) }`.
 * Built when asked (not at load), so the sources' modules may import this one's concept too.
 */
export function reminderSources(): ReminderSource[] {
  return [
    { name: 'agreed-actions', due: (db, now) => dueActionReminders(db, now) },
    { name: 'coaching-assignments', due: (db, now) => dueAssignmentReminders(db, now) },
  ];
}

export type ReminderPassResult = Array<{
  source: string;
  due: number;
  written: number;
  queued: number;
  error?: string;
}>;

type PassLog = { warn(details: object, message: string): void };

/** Runs every source; one that fails is logged and the others still run. */
export async function sendDueReminders(
  deps: AppDeps,
  options: { sources?: readonly ReminderSource[]; log?: PassLog } = {},
): Promise<ReminderPassResult> {
  const results: ReminderPassResult = [];
  for (const source of options.sources ?? reminderSources()) {
    try {
      const due = await source.due(deps.db, deps.now());
      const { written, queued } = await notifyAll(deps, due);
      results.push({ source: source.name, due: due.length, written, queued });
    } catch (error) {
      const message = (error as Error).message;
      options.log?.warn({ source: source.name, reason: message }, 'reminder source failed');
      results.push({ source: source.name, due: 0, written: 0, queued: 0, error: message });
    }
  }
  return results;
}
