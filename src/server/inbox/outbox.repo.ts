import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

// E-mails waiting to be delivered. A row is queued in the transaction that wrote its message; a
// sender claims the due ones by pushing their next try forward, so two senders never send one twice.

export type QueuedMail = {
  id: string;
  orgId: string;
  toAddress: string;
  subject: string;
  body: string;
  attempts: number;
};

/**
 * Queues an e-mail for each of these messages whose person is active and whose organization has
 * mail settings; answers how many were queued. One statement whatever the number.
 */
export async function queueMailFor(db: Db, messageIds: readonly string[], at: string): Promise<number> {
  if (messageIds.length === 0) return 0;
  let queued = 0;
  for (let start = 0; start < messageIds.length; start += 500) {
    const ids = messageIds.slice(start, start + 500);
    const result = await db
      .insertInto('mail_outbox')
      .columns(['id', 'org_id', 'message_id', 'to_address', 'subject', 'body', 'created_at', 'next_attempt_at'])
      .expression((eb) =>
        eb
          .selectFrom('inbox_messages')
          .innerJoin('users', 'users.id', 'inbox_messages.user_id')
          .innerJoin('mail_settings', 'mail_settings.org_id', 'inbox_messages.org_id')
          .select((s) => [
            // a fresh id per row without a function the two databases share: the message's own id is unique
            sql<string>`'mail-' || ${s.ref('inbox_messages.id')}`.as('id'),
            'inbox_messages.org_id',
            'inbox_messages.id',
            'users.email',
            'inbox_messages.subject',
            // the link becomes an address in the e-mail when it is sent, from the settings then in force
            'inbox_messages.body',
            s.val(at).as('created_at'),
            s.val(at).as('next_attempt_at'),
          ])
          .where('inbox_messages.id', 'in', ids)
          .where('users.is_active', '=', 1),
      )
      .executeTakeFirst();
    queued += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return queued;
}

/** Queues one e-mail not tied to a message. */
export async function queueMail(
  db: Db,
  mail: { orgId: string; toAddress: string; subject: string; body: string },
  at: string,
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('mail_outbox')
    .values({
      id,
      org_id: mail.orgId,
      message_id: null,
      to_address: mail.toAddress,
      subject: mail.subject,
      body: mail.body,
      created_at: at,
      next_attempt_at: at,
      last_error: null,
      sent_at: null,
    })
    .execute();
  return id;
}

/**
 * Claims up to `limit` e-mails due by `now` (not sent, tries left): each claimed row's next try is
 * pushed to `claimUntil`, so another sender passes it by while this one tries it.
 */
export async function claimDueMail(
  db: Db,
  now: string,
  claimUntil: string,
  maxAttempts: number,
  limit: number,
): Promise<QueuedMail[]> {
  const due = await db
    .selectFrom('mail_outbox')
    .select('id')
    .where('sent_at', 'is', null)
    .where('next_attempt_at', '<=', now)
    .where('attempts', '<', maxAttempts)
    .orderBy('next_attempt_at')
    .limit(limit)
    .execute();
  if (due.length === 0) return [];
  const rows = await db
    .updateTable('mail_outbox')
    .set({ next_attempt_at: claimUntil })
    .where(
      'id',
      'in',
      due.map((d) => d.id),
    )
    .where('sent_at', 'is', null)
    .where('next_attempt_at', '<=', now)
    .returning(['id', 'org_id', 'to_address', 'subject', 'body', 'attempts'])
    .execute();
  return rows.map((r) => ({
    id: r.id,
    orgId: r.org_id,
    toAddress: r.to_address,
    subject: r.subject,
    body: r.body,
    attempts: Number(r.attempts),
  }));
}

/** The link of the message an e-mail tells of, by e-mail id. */
export async function linksOf(db: Db, mailIds: readonly string[]): Promise<Map<string, string | null>> {
  if (mailIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('mail_outbox')
    .leftJoin('inbox_messages', 'inbox_messages.id', 'mail_outbox.message_id')
    .select(['mail_outbox.id', 'inbox_messages.link'])
    .where('mail_outbox.id', 'in', mailIds)
    .execute();
  return new Map(rows.map((r) => [r.id, r.link]));
}

export async function markSent(db: Db, id: string, at: string): Promise<void> {
  await db
    .updateTable('mail_outbox')
    .set((eb) => ({ sent_at: at, attempts: eb('attempts', '+', 1), last_error: null }))
    .where('id', '=', id)
    .execute();
}

/** Records a failed try; `retryAt` null leaves the e-mail with its last error for good. */
export async function markFailed(db: Db, id: string, error: string, retryAt: string | null): Promise<void> {
  await db
    .updateTable('mail_outbox')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: error.slice(0, 1000), next_attempt_at: retryAt }))
    .where('id', '=', id)
    .execute();
}

export type OutboxRow = {
  id: string;
  toAddress: string;
  subject: string;
  attempts: number;
  lastError: string | null;
  sentAt: string | null;
  nextAttemptAt: string | null;
};

/** An organization's e-mails, latest first (for tests and a future admin view). */
export async function listOutbox(db: Db, orgId: string): Promise<OutboxRow[]> {
  const rows = await db
    .selectFrom('mail_outbox')
    .select(['id', 'to_address', 'subject', 'attempts', 'last_error', 'sent_at', 'next_attempt_at'])
    .where('org_id', '=', orgId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    toAddress: r.to_address,
    subject: r.subject,
    attempts: Number(r.attempts),
    lastError: r.last_error,
    sentAt: r.sent_at,
    nextAttemptAt: r.next_attempt_at,
  }));
}

/** Puts claimed e-mails back to wait until `at`, without counting a try (their server just failed another). */
export async function postponeMail(db: Db, ids: readonly string[], at: string): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('mail_outbox')
    .set({ next_attempt_at: at })
    .where('id', 'in', ids)
    .where('sent_at', 'is', null)
    .execute();
}

// What administrators see of their organization's e-mails: failed for good (not sent, no next try)
// or waiting (not sent, a next try set; a claimed one too, its next try pushed forward).

export type OutboxMailRow = OutboxRow & { createdAt: string };
export type OutboxListStatus = 'failed' | 'waiting';

const OUTBOX_COLUMNS = [
  'id',
  'to_address',
  'subject',
  'created_at',
  'attempts',
  'last_error',
  'sent_at',
  'next_attempt_at',
] as const;

type OutboxSelected = {
  id: string;
  to_address: string;
  subject: string;
  created_at: string;
  attempts: number | string;
  last_error: string | null;
  sent_at: string | null;
  next_attempt_at: string | null;
};

const outboxMailOf = (r: OutboxSelected): OutboxMailRow => ({
  id: r.id,
  toAddress: r.to_address,
  subject: r.subject,
  createdAt: r.created_at,
  attempts: Number(r.attempts),
  lastError: r.last_error,
  sentAt: r.sent_at,
  nextAttemptAt: r.next_attempt_at,
});

/** A page of an organization's e-mails failed for good or waiting, newest first. */
export async function pageOutboxMail(
  db: Db,
  orgId: string,
  status: OutboxListStatus,
  page: { limit: number; offset: number },
): Promise<OutboxMailRow[]> {
  const rows = await db
    .selectFrom('mail_outbox')
    .select(OUTBOX_COLUMNS)
    .where('org_id', '=', orgId)
    .where('sent_at', 'is', null)
    .where('next_attempt_at', status === 'failed' ? 'is' : 'is not', null)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map(outboxMailOf);
}

/** How many of an organization's e-mails are failed for good and how many wait, in one statement. */
export async function countUnsentMail(db: Db, orgId: string): Promise<{ failed: number; waiting: number }> {
  const row = await db
    .selectFrom('mail_outbox')
    .select((eb) => [
      eb.fn.count<number | string>('id').as('unsent'),
      eb.fn.count<number | string>('next_attempt_at').as('waiting'),
    ])
    .where('org_id', '=', orgId)
    .where('sent_at', 'is', null)
    .executeTakeFirstOrThrow();
  const waiting = Number(row.waiting);
  return { failed: Number(row.unsent) - waiting, waiting };
}

export async function findOutboxMail(db: Db, orgId: string, id: string): Promise<OutboxMailRow | undefined> {
  const row = await db
    .selectFrom('mail_outbox')
    .select(OUTBOX_COLUMNS)
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? outboxMailOf(row) : undefined;
}

const failedOf = (db: Db, orgId: string, at: string) =>
  db
    .updateTable('mail_outbox')
    .set({ attempts: 0, next_attempt_at: at })
    .where('org_id', '=', orgId)
    .where('sent_at', 'is', null)
    .where('next_attempt_at', 'is', null);

/**
 * Puts an organization's failed e-mail back in the queue, due `at`, its tries started over; the last
 * error stays until the next try. Only a failed one moves: one sent, waiting or in a sender's hands
 * is left alone (undefined), so asking twice queues nothing twice.
 */
export async function requeueFailedMail(
  db: Db,
  orgId: string,
  id: string,
  at: string,
): Promise<OutboxMailRow | undefined> {
  const row = await failedOf(db, orgId, at).where('id', '=', id).returning(OUTBOX_COLUMNS).executeTakeFirst();
  return row ? outboxMailOf(row) : undefined;
}

/** Puts every failed e-mail of an organization back in the queue (as requeueFailedMail); answers how many. */
export async function requeueAllFailedMail(db: Db, orgId: string, at: string): Promise<number> {
  const result = await failedOf(db, orgId, at).executeTakeFirst();
  return Number(result.numUpdatedRows);
}
