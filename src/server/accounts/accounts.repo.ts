import type { Expression, ExpressionBuilder, Selectable, SqlBool } from 'kysely';
import type { Db } from '../../db/database.ts';
import { insertTracked, updateTrackedAtVersion } from '../tracked.repo.ts';
import { containsText, type DialectName } from '../../db/dialect.ts';
import type { AccountTable, Database } from '../../db/schema.ts';
import type { Actor } from '../../domain/access.ts';
import type { Relationship, SizeBand } from '../../domain/enums.ts';
import type { Account, AccountListQuery } from '../../contract/accounts.ts';
import { accountVisible } from '../scope.repo.ts';

function selectAccounts(db: Db) {
  return db
    .selectFrom('accounts')
    .innerJoin('users as owners', 'owners.id', 'accounts.owner_id')
    .selectAll('accounts')
    .select((eb) => [
      'owners.name as owner_name',
      eb
        .selectFrom('opportunities')
        .select((inner) => inner.fn.countAll<number>().as('n'))
        .whereRef('opportunities.account_id', '=', 'accounts.id')
        .where('opportunities.status', '=', 'open')
        .where('opportunities.deleted_at', 'is', null)
        .as('open_opportunity_count'),
    ]);
}

type AccountRow = Selectable<AccountTable> & { owner_name: string; open_opportunity_count: number | null };

function toAccount(r: AccountRow): Account {
  return {
    id: r.id,
    name: r.name,
    industry: r.industry,
    sizeBand: r.size_band as SizeBand | null,
    website: r.website,
    relationship: r.relationship as Relationship,
    ownerId: r.owner_id,
    ownerName: r.owner_name,
    openOpportunityCount: Number(r.open_opportunity_count ?? 0),
    createdBy: r.created_by,
    updatedBy: r.updated_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

export type AccountFilter = Pick<AccountListQuery, 'q' | 'relationship'> & { ownerId?: string | undefined };

function listedCondition(
  eb: ExpressionBuilder<Database, 'accounts'>,
  dialect: DialectName,
  actor: Actor,
  filter: AccountFilter,
): Expression<SqlBool> {
  const conditions: Expression<SqlBool>[] = [
    eb('accounts.org_id', '=', actor.orgId),
    eb('accounts.deleted_at', 'is', null),
    accountVisible(eb, actor),
  ];
  if (filter.ownerId !== undefined) conditions.push(eb('accounts.owner_id', '=', filter.ownerId));
  if (filter.relationship !== undefined) conditions.push(eb('accounts.relationship', '=', filter.relationship));
  const needle = filter.q?.trim();
  if (needle) {
    conditions.push(
      eb.or([
        containsText(dialect, eb.ref('accounts.name'), needle),
        containsText(dialect, eb.ref('accounts.industry'), needle),
      ]),
    );
  }
  return eb.and(conditions);
}

export async function listAccounts(
  db: Db,
  dialect: DialectName,
  actor: Actor,
  filter: AccountFilter,
  page: { limit: number; offset: number; sort: AccountListQuery['sort'] },
): Promise<{ items: Account[]; total: number }> {
  const descending = page.sort.startsWith('-');
  const column = page.sort.endsWith('name') ? 'accounts.name' : 'accounts.updated_at';
  const direction = descending ? 'desc' : 'asc';
  const [rows, count] = await Promise.all([
    selectAccounts(db)
      .where((eb) => listedCondition(eb, dialect, actor, filter))
      .orderBy(column, direction)
      .orderBy('accounts.id', direction)
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    db
      .selectFrom('accounts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where((eb) => listedCondition(eb, dialect, actor, filter))
      .executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toAccount), total: Number(count.n) };
}

export async function findAccount(
  db: Db,
  actor: Actor,
  id: string,
  options: { includeDeleted?: boolean } = {},
): Promise<(Account & { deletedAt: string | null }) | undefined> {
  const row = await selectAccounts(db)
    .where('accounts.org_id', '=', actor.orgId)
    .where('accounts.id', '=', id)
    .where((eb) => accountVisible(eb, actor))
    .$if(!options.includeDeleted, (q) => q.where('accounts.deleted_at', 'is', null))
    .executeTakeFirst();
  return row ? { ...toAccount(row), deletedAt: row.deleted_at } : undefined;
}

/**
 * Keeps the account from being deleted until the caller's transaction ends, and says whether it
 * is still live. Whatever adds a record to an account takes this and deleting one takes the
 * stronger lockAccountForDelete, so either the delete counts the new record or the new record
 * sees the delete. SQLite needs neither: it runs one writing transaction at a time.
 */
export async function holdLiveAccount(db: Db, dialect: DialectName, orgId: string, id: string): Promise<boolean> {
  if (dialect !== 'postgres') return true;
  const row = await db
    .selectFrom('accounts')
    .select('id')
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .forShare()
    .executeTakeFirst();
  return row !== undefined;
}

export async function lockAccountForDelete(db: Db, dialect: DialectName, orgId: string, id: string): Promise<void> {
  if (dialect !== 'postgres') return;
  await db
    .selectFrom('accounts')
    .select('id')
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .forNoKeyUpdate()
    .execute();
}

export type AccountValues = {
  name: string;
  industry: string | null;
  sizeBand: SizeBand | null;
  website: string | null;
  relationship: Relationship;
  ownerId: string;
};

function toColumns(v: Partial<AccountValues>): Partial<AccountTable> {
  const c: Partial<AccountTable> = {};
  if (v.name !== undefined) c.name = v.name;
  if (v.industry !== undefined) c.industry = v.industry;
  if (v.sizeBand !== undefined) c.size_band = v.sizeBand;
  if (v.website !== undefined) c.website = v.website;
  if (v.relationship !== undefined) c.relationship = v.relationship;
  if (v.ownerId !== undefined) c.owner_id = v.ownerId;
  return c;
}

export function insertAccounts(
  db: Db,
  records: ReadonlyArray<{ id: string; orgId: string; actorId: string; at: string; values: AccountValues }>,
): Promise<void> {
  return insertTracked(
    db,
    'accounts',
    records.map(({ values, ...r }) => ({ ...r, columns: toColumns(values) })),
  );
}

export function updateAccountAtVersion(
  db: Db,
  target: { orgId: string; id: string; version: number },
  change: { values?: Partial<AccountValues>; deletedAt?: string | null },
  stamp: { actorId: string; at: string },
): Promise<boolean> {
  return updateTrackedAtVersion(
    db,
    'accounts',
    target,
    { columns: toColumns(change.values ?? {}), deletedAt: change.deletedAt },
    stamp,
  );
}

export async function listOwnedAccounts(db: Db, orgId: string, ownerId: string) {
  return db
    .selectFrom('accounts')
    .select(['id', 'version'])
    .where('org_id', '=', orgId)
    .where('owner_id', '=', ownerId)
    .where('deleted_at', 'is', null)
    .execute();
}

/** Relationship and size of accounts by id (for the probability model's context). */
export async function accountProfiles(db: Db, orgId: string, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, { relationship: Relationship; sizeBand: SizeBand | null }>();
  const rows = await db
    .selectFrom('accounts')
    .select(['id', 'relationship', 'size_band'])
    .where('org_id', '=', orgId)
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(
    rows.map((r) => [r.id, { relationship: r.relationship as Relationship, sizeBand: r.size_band as SizeBand | null }]),
  );
}
