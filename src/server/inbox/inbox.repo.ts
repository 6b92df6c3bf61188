import type { Db } from '../../db/database.ts';
import type { InboxKind, Reminder } from '../../domain/inbox/messages.ts';

// People's inbox messages: written once per (person, occasion), read and marked by their person only.

export type StoredMessage = {
  id: string;
  kind: InboxKind;
  subject: string;
  body: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
};

export type NewMessage = Reminder & { id: string; createdAt: string };

const CHUNK = 500;

/**
 * Writes the messages whose (person, dedupe key) is new, answering the ids written: a message
 * already there, from this run or an earlier one, is left as it is.
 */
export async function insertNewMessages(db: Db, messages: readonly NewMessage[]): Promise<string[]> {
  const written: string[] = [];
  for (let start = 0; start < messages.length; start += CHUNK) {
    const rows = await db
      .insertInto('inbox_messages')
      .values(
        messages.slice(start, start + CHUNK).map((m) => ({
          id: m.id,
          org_id: m.orgId,
          user_id: m.personId,
          kind: m.kind,
          subject: m.subject,
          body: m.body,
          link: m.link,
          dedupe_key: m.dedupeKey,
          created_at: m.createdAt,
          read_at: null,
        })),
      )
      .onConflict((oc) => oc.columns(['user_id', 'dedupe_key']).doNothing())
      .returning('id')
      .execute();
    written.push(...rows.map((r) => r.id));
  }
  return written;
}

/** A page of someone's messages, newest first. */
export async function listMessages(
  db: Db,
  orgId: string,
  userId: string,
  page: { limit: number; offset: number; unreadOnly: boolean },
): Promise<StoredMessage[]> {
  let query = db
    .selectFrom('inbox_messages')
    .select(['id', 'kind', 'subject', 'body', 'link', 'created_at', 'read_at'])
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId);
  if (page.unreadOnly) query = query.where('read_at', 'is', null);
  const rows = await query
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map(toMessage);
}

/** How many messages someone has, and how many of them are unread, in one statement. */
export async function countMessages(db: Db, orgId: string, userId: string): Promise<{ total: number; unread: number }> {
  const row = await db
    .selectFrom('inbox_messages')
    .select((eb) => [
      eb.fn.countAll<number | string>().as('total'),
      eb.fn.count<number | string>('id').filterWhere('read_at', 'is', null).as('unread'),
    ])
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return { total: Number(row.total), unread: Number(row.unread) };
}

/**
 * Marks one of someone's messages read (a message read already keeps its first reading) and answers
 * it as it now is; undefined when it is not theirs.
 */
export async function markRead(
  db: Db,
  orgId: string,
  userId: string,
  id: string,
  at: string,
): Promise<StoredMessage | undefined> {
  const row = await db
    .updateTable('inbox_messages')
    .set((eb) => ({ read_at: eb.fn.coalesce('read_at', eb.val(at)) }))
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .where('id', '=', id)
    .returning(['id', 'kind', 'subject', 'body', 'link', 'created_at', 'read_at'])
    .executeTakeFirst();
  return row ? toMessage(row) : undefined;
}

type MessageRow = {
  id: string;
  kind: string;
  subject: string;
  body: string;
  link: string | null;
  created_at: string;
  read_at: string | null;
};

function toMessage(r: MessageRow): StoredMessage {
  return {
    id: r.id,
    kind: r.kind as InboxKind,
    subject: r.subject,
    body: r.body,
    link: r.link,
    createdAt: r.created_at,
    readAt: r.read_at,
  };
}

/** Marks every unread message of someone read, answering how many. */
export async function markAllRead(db: Db, orgId: string, userId: string, at: string): Promise<number> {
  const result = await db
    .updateTable('inbox_messages')
    .set({ read_at: at })
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Marks read every message of an organization written before `before` (the demo: what people read already). */
export async function markReadBefore(db: Db, orgId: string, before: string, at: string): Promise<number> {
  const result = await db
    .updateTable('inbox_messages')
    .set({ read_at: at })
    .where('org_id', '=', orgId)
    .where('created_at', '<', before)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
