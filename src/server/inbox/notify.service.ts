import { randomUUID } from 'node:crypto';
import type { Notice, Reminder } from '../../domain/inbox/messages.ts';
import type { Db } from '../../db/database.ts';
import type { AppDeps } from '../deps.ts';
import { inTransaction } from '../transaction.ts';
import { insertNewMessages } from './inbox.repo.ts';
import { queueMailFor } from './outbox.repo.ts';

// What other concepts call to tell someone something. The message is written to the person's inbox
// and, when the organization has mail settings, an e-mail is queued in the same transaction; the
// sender delivers it later, so a slow or failing SMTP server never touches the caller's request.

export type NotifyResult = { written: number; queued: number };

/** Tells one person: a message with a dedupe key already in their inbox is not written again. */
export function notify(deps: AppDeps, orgId: string, personId: string, notice: Notice): Promise<NotifyResult> {
  return notifyAll(deps, [{ ...notice, orgId, personId }]);
}

/** Tells many people at once (a reminder pass): two statements however many. */
export async function notifyAll(deps: AppDeps, reminders: readonly Reminder[]): Promise<NotifyResult> {
  if (reminders.length === 0) return { written: 0, queued: 0 };
  const at = deps.now().toISOString();
  return inTransaction(deps, (tx) => notifyIn(tx, at, reminders));
}

/**
 * Tells these people inside a transaction the caller already holds (a change and what it tells
 * someone land together): the same writes as notifyAll, dated `at`.
 */
export async function notifyIn(tx: Db, at: string, reminders: readonly Reminder[]): Promise<NotifyResult> {
  if (reminders.length === 0) return { written: 0, queued: 0 };
  const written = await insertNewMessages(
    tx,
    reminders.map((r) => ({ ...r, id: randomUUID(), createdAt: at })),
  );
  const queued = await queueMailFor(tx, written, at);
  return { written: written.length, queued };
}
