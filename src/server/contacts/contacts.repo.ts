import type { Expression, ExpressionBuilder, Selectable, SqlBool } from 'kysely';
import type { Db } from '../../db/database.ts';
import { insertTracked, updateTrackedAtVersion } from '../tracked.repo.ts';
import { containsText, type DialectName } from '../../db/dialect.ts';
import type { ContactTable, Database } from '../../db/schema.ts';
import type { Actor } from '../../domain/access.ts';
import type { Contact, ContactListQuery } from '../../contract/contacts.ts';
import { accountVisible } from '../scope.repo.ts';

function selectContacts(db: Db) {
  return db
    .selectFrom('contacts')
    .innerJoin('accounts', 'accounts.id', 'contacts.account_id')
    .selectAll('contacts')
    .select('accounts.name as account_name');
}

function toContact(r: Selectable<ContactTable> & { account_name: string }): Contact {
  return {
    id: r.id,
    accountId: r.account_id,
    accountName: r.account_name,
    name: r.name,
    title: r.title,
    email: r.email,
    phone: r.phone,
    createdBy: r.created_by,
    updatedBy: r.updated_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

/** A contact is visible when its account is (the account is joined as `accounts`). */
function contactVisible(eb: ExpressionBuilder<Database, 'contacts' | 'accounts'>, actor: Actor) {
  return accountVisible(eb as unknown as ExpressionBuilder<Database, 'accounts'>, actor);
}

export type ContactFilter = Pick<ContactListQuery, 'q' | 'accountId'>;

function listedCondition(
  eb: ExpressionBuilder<Database, 'contacts' | 'accounts'>,
  dialect: DialectName,
  actor: Actor,
  filter: ContactFilter,
): Expression<SqlBool> {
  const conditions: Expression<SqlBool>[] = [
    eb('contacts.org_id', '=', actor.orgId),
    eb('contacts.deleted_at', 'is', null),
    eb('accounts.deleted_at', 'is', null),
    contactVisible(eb, actor),
  ];
  if (filter.accountId !== undefined) conditions.push(eb('contacts.account_id', '=', filter.accountId));
  const needle = filter.q?.trim();
  if (needle) {
    conditions.push(
      eb.or([
        containsText(dialect, eb.ref('contacts.name'), needle),
        containsText(dialect, eb.ref('contacts.title'), needle),
        containsText(dialect, eb.ref('contacts.email'), needle),
        containsText(dialect, eb.ref('accounts.name'), needle),
      ]),
    );
  }
  return eb.and(conditions);
}

export async function listContacts(
  db: Db,
  dialect: DialectName,
  actor: Actor,
  filter: ContactFilter,
  page: { limit: number; offset: number; sort: ContactListQuery['sort'] },
): Promise<{ items: Contact[]; total: number }> {
  const direction = page.sort.startsWith('-') ? 'desc' : 'asc';
  const column = page.sort.endsWith('name') ? 'contacts.name' : 'contacts.updated_at';
  const [rows, count] = await Promise.all([
    selectContacts(db)
      .where((eb) => listedCondition(eb, dialect, actor, filter))
      .orderBy(column, direction)
      .orderBy('contacts.id', direction)
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    db
      .selectFrom('contacts')
      .innerJoin('accounts', 'accounts.id', 'contacts.account_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where((eb) => listedCondition(eb, dialect, actor, filter))
      .executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toContact), total: Number(count.n) };
}

export async function findContact(
  db: Db,
  actor: Actor,
  id: string,
  options: { includeDeleted?: boolean } = {},
): Promise<(Contact & { deletedAt: string | null }) | undefined> {
  const row = await selectContacts(db)
    .where('contacts.org_id', '=', actor.orgId)
    .where('contacts.id', '=', id)
    .where((eb) => contactVisible(eb, actor))
    .$if(!options.includeDeleted, (q) => q.where('contacts.deleted_at', 'is', null))
    .executeTakeFirst();
  return row ? { ...toContact(row), deletedAt: row.deleted_at } : undefined;
}

export type ContactValues = {
  accountId: string;
  name: string;
  title: string | null;
  email: string | null;
  phone: string | null;
};

function toColumns(v: Partial<ContactValues>): Partial<ContactTable> {
  const c: Partial<ContactTable> = {};
  if (v.accountId !== undefined) c.account_id = v.accountId;
  if (v.name !== undefined) c.name = v.name;
  if (v.title !== undefined) c.title = v.title;
  if (v.email !== undefined) c.email = v.email;
  if (v.phone !== undefined) c.phone = v.phone;
  return c;
}

export function insertContacts(
  db: Db,
  records: ReadonlyArray<{ id: string; orgId: string; actorId: string; at: string; values: ContactValues }>,
): Promise<void> {
  return insertTracked(
    db,
    'contacts',
    records.map(({ values, ...r }) => ({ ...r, columns: toColumns(values) })),
  );
}

export function updateContactAtVersion(
  db: Db,
  target: { orgId: string; id: string; version: number },
  change: { values?: Partial<ContactValues>; deletedAt?: string | null },
  stamp: { actorId: string; at: string },
): Promise<boolean> {
  return updateTrackedAtVersion(
    db,
    'contacts',
    target,
    { columns: toColumns(change.values ?? {}), deletedAt: change.deletedAt },
    stamp,
  );
}

/** Names and accounts of contacts by id, deleted ones included (history keeps pointing at them). */
export async function findContactsByIds(db: Db, orgId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('contacts')
    .select(['id', 'name', 'title', 'account_id', 'deleted_at'])
    .where('org_id', '=', orgId)
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    title: r.title,
    accountId: r.account_id,
    deletedAt: r.deleted_at,
  }));
}
