import { sql, type Kysely } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';

// The statements of the files that link to records by the other CRM's ids (accounts, contacts,
// contact roles, stage history): look-ups of a batch of ids at once, and multi-row upserts on the
// record's own id, so a record found by name or id is updated and a new one inserted in one statement.

type Stamp = { orgId: string; actorId: string; at: string };

export type LinkedOpportunity = {
  id: string;
  externalId: string;
  accountId: string;
  status: string;
  createdOn: string;
  currency: string;
};

/** Deals by their id in the other CRM (live ones). */
export async function findOpportunitiesByExternalId(
  db: Db,
  orgId: string,
  externalIds: readonly string[],
): Promise<Map<string, LinkedOpportunity>> {
  const found = new Map<string, LinkedOpportunity>();
  for (let i = 0; i < externalIds.length; i += 500) {
    const rows = await db
      .selectFrom('opportunities')
      .select(['id', 'external_id', 'account_id', 'status', 'created_at', 'currency'])
      .where('org_id', '=', orgId)
      .where('deleted_at', 'is', null)
      .where('external_id', 'in', externalIds.slice(i, i + 500))
      .execute();
    for (const r of rows) {
      found.set(r.external_id!, {
        id: r.id,
        externalId: r.external_id!,
        accountId: r.account_id,
        status: r.status,
        createdOn: r.created_at.slice(0, 10),
        currency: r.currency,
      });
    }
  }
  return found;
}

export type ExistingAccount = { id: string; name: string; externalId: string | null; ownerId: string };

/** Accounts by id in the other CRM or by name (live ones). */
export async function findAccountsByExternalIdOrName(
  db: Db,
  orgId: string,
  externalIds: readonly string[],
  names: readonly string[],
): Promise<ExistingAccount[]> {
  if (externalIds.length === 0 && names.length === 0) return [];
  const rows = await db
    .selectFrom('accounts')
    .select(['id', 'name', 'external_id', 'owner_id'])
    .where('org_id', '=', orgId)
    .where('deleted_at', 'is', null)
    .where((eb) =>
      eb.or([
        ...(externalIds.length > 0 ? [eb('external_id', 'in', externalIds)] : []),
        ...(names.length > 0 ? [eb('name', 'in', names)] : []),
      ]),
    )
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, externalId: r.external_id, ownerId: r.owner_id }));
}

export type ExistingContact = { id: string; accountId: string; name: string; externalId: string | null };

/** Contacts by id in the other CRM, or any on the accounts given (to match by name). */
export async function findContactsByExternalIdOrAccount(
  db: Db,
  orgId: string,
  externalIds: readonly string[],
  accountIds: readonly string[],
): Promise<ExistingContact[]> {
  if (externalIds.length === 0 && accountIds.length === 0) return [];
  const rows = await db
    .selectFrom('contacts')
    .select(['id', 'account_id', 'name', 'external_id'])
    .where('org_id', '=', orgId)
    .where('deleted_at', 'is', null)
    .where((eb) =>
      eb.or([
        ...(externalIds.length > 0 ? [eb('external_id', 'in', externalIds)] : []),
        ...(accountIds.length > 0 ? [eb('account_id', 'in', accountIds)] : []),
      ]),
    )
    .execute();
  return rows.map((r) => ({ id: r.id, accountId: r.account_id, name: r.name, externalId: r.external_id }));
}

export type AccountToSave = {
  id: string;
  externalId: string | null;
  name: string;
  industry: string | null;
  sizeBand: string | null;
  website: string | null;
  ownerId: string;
};

/**
 * Inserts the new accounts and updates those already here (same id), in one statement. A cell the
 * file leaves empty keeps what the account had.
 */
export async function upsertAccounts(db: Db, stamp: Stamp, accounts: readonly AccountToSave[]): Promise<void> {
  if (accounts.length === 0) return;
  await db
    .insertInto('accounts')
    .values(
      accounts.map((a) => ({
        id: a.id,
        org_id: stamp.orgId,
        external_id: a.externalId,
        name: a.name,
        industry: a.industry,
        size_band: a.sizeBand,
        website: a.website,
        relationship: 'new',
        owner_id: a.ownerId,
        created_by: stamp.actorId,
        updated_by: stamp.actorId,
        created_at: stamp.at,
        updated_at: stamp.at,
        version: 1,
        deleted_at: null,
      })),
    )
    .onConflict((oc) =>
      oc.column('id').doUpdateSet((eb) => ({
        external_id: sql<string | null>`coalesce(excluded.external_id, accounts.external_id)`,
        name: eb.ref('excluded.name'),
        industry: sql<string | null>`coalesce(excluded.industry, accounts.industry)`,
        size_band: sql<string | null>`coalesce(excluded.size_band, accounts.size_band)`,
        website: sql<string | null>`coalesce(excluded.website, accounts.website)`,
        owner_id: eb.ref('excluded.owner_id'),
        updated_by: eb.ref('excluded.updated_by'),
        updated_at: eb.ref('excluded.updated_at'),
        version: sql<number>`accounts.version + 1`,
      })),
    )
    .execute();
}

export type ContactToSave = {
  id: string;
  accountId: string;
  externalId: string | null;
  name: string;
  email: string | null;
  title: string | null;
  phone: string | null;
};

/** Inserts the new contacts and updates those already here (same id), in one statement; empty cells keep what was there. */
export async function upsertContacts(db: Db, stamp: Stamp, contacts: readonly ContactToSave[]): Promise<void> {
  if (contacts.length === 0) return;
  await db
    .insertInto('contacts')
    .values(
      contacts.map((c) => ({
        id: c.id,
        org_id: stamp.orgId,
        account_id: c.accountId,
        external_id: c.externalId,
        name: c.name,
        title: c.title,
        email: c.email,
        phone: c.phone,
        created_by: stamp.actorId,
        updated_by: stamp.actorId,
        created_at: stamp.at,
        updated_at: stamp.at,
        version: 1,
        deleted_at: null,
      })),
    )
    .onConflict((oc) =>
      oc.column('id').doUpdateSet((eb) => ({
        account_id: eb.ref('excluded.account_id'),
        external_id: sql<string | null>`coalesce(excluded.external_id, contacts.external_id)`,
        name: eb.ref('excluded.name'),
        title: sql<string | null>`coalesce(excluded.title, contacts.title)`,
        email: sql<string | null>`coalesce(excluded.email, contacts.email)`,
        phone: sql<string | null>`coalesce(excluded.phone, contacts.phone)`,
        updated_by: eb.ref('excluded.updated_by'),
        updated_at: eb.ref('excluded.updated_at'),
        version: sql<number>`contacts.version + 1`,
      })),
    )
    .execute();
}

/** Moves deals to the accounts given (a deal-to-company association), in one statement; their list copy of the name follows by trigger. */
export async function moveOpportunitiesToAccounts(
  db: Db,
  stamp: Stamp,
  moves: ReadonlyArray<{ opportunityId: string; accountId: string }>,
): Promise<void> {
  if (moves.length === 0) return;
  const cases = sql.join(
    moves.map((m) => sql`when ${m.opportunityId} then ${m.accountId}`),
    sql` `,
  );
  await db
    .updateTable('opportunities')
    .set({
      account_id: sql<string>`case id ${cases} end`,
      updated_by: stamp.actorId,
      updated_at: stamp.at,
      version: sql<number>`version + 1`,
    })
    .where('org_id', '=', stamp.orgId)
    .where(
      'id',
      'in',
      moves.map((m) => m.opportunityId),
    )
    .execute();
}

/** The open deals of these accounts, whose assessments read the account's profile. */
export async function openOpportunitiesOfAccounts(
  db: Db,
  orgId: string,
  accountIds: readonly string[],
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < accountIds.length; i += 500) {
    const rows = await db
      .selectFrom('opportunities')
      .select('id')
      .where('org_id', '=', orgId)
      .where('status', '=', 'open')
      .where('deleted_at', 'is', null)
      .where('account_id', 'in', accountIds.slice(i, i + 500))
      .execute();
    ids.push(...rows.map((r) => r.id));
  }
  return ids;
}

export type HistoryEvent = { id: string; opportunityId: string; at: string; changes: string };

/**
 * A deal's past changes of stage, amount and close date, as the audit trail records a change made in
 * the app (an update of the opportunity naming the fields that moved), at their own dates. Ids made from what they say
 * keep a re-import from adding them twice.
 */
export async function insertHistoryEvents(db: Db, stamp: Stamp, events: readonly HistoryEvent[]): Promise<void> {
  for (let i = 0; i < events.length; i += 500) {
    await db
      .insertInto('audit_events')
      .values(
        events.slice(i, i + 500).map((e) => ({
          id: e.id,
          org_id: stamp.orgId,
          entity_type: 'opportunity',
          entity_id: e.opportunityId,
          action: 'update',
          actor_id: stamp.actorId,
          at: e.at,
          changes: e.changes,
        })),
      )
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }
}

// A stage-history file is read in the file's order but written in each deal's date order. Rather
// than hold the whole file, its rows wait in a temporary table of the import's transaction (gone
// with it, committed or not, and private to its connection), and are read back sorted a page at a time.

type StagedChangeTable = {
  opportunity_external_id: string;
  day: string;
  line: number;
  stage: string | null;
  status: string | null;
  amount: number | null;
  close_date: string | null;
};
type WithStage = Kysely<Database & { import_stage_history: StagedChangeTable }>;
const staged = (db: Db): WithStage => db.withTables<{ import_stage_history: StagedChangeTable }>();

export type StagedChange = {
  opportunityExternalId: string;
  date: string;
  line: number;
  stage: string | null;
  status: string | null;
  /** in major units of the deal's currency */
  amount: number | null;
  closeDate: string | null;
};
export type StagedKey = Pick<StagedChange, 'opportunityExternalId' | 'date' | 'line'>;

/** Opens the table a stage-history file's rows wait in, inside the import's transaction. */
export async function openHistoryStage(db: Db): Promise<void> {
  await sql`create temporary table import_stage_history (
    opportunity_external_id text not null,
    day text not null,
    line integer not null,
    stage text,
    status text,
    amount double precision,
    close_date text,
    primary key (opportunity_external_id, day, line)
  )`.execute(db);
}

export async function stageHistoryChanges(db: Db, changes: readonly StagedChange[]): Promise<void> {
  for (let i = 0; i < changes.length; i += 500) {
    await staged(db)
      .insertInto('import_stage_history')
      .values(
        changes.slice(i, i + 500).map((c) => ({
          opportunity_external_id: c.opportunityExternalId,
          day: c.date,
          line: c.line,
          stage: c.stage,
          status: c.status,
          amount: c.amount,
          close_date: c.closeDate,
        })),
      )
      .execute();
  }
}

/** The next `limit` waiting rows after `after`, by deal, then date, then line of the file. */
export async function readStagedHistory(db: Db, after: StagedKey | null, limit: number): Promise<StagedChange[]> {
  let query = staged(db)
    .selectFrom('import_stage_history')
    .select(['opportunity_external_id', 'day', 'line', 'stage', 'status', 'amount', 'close_date'])
    .orderBy('opportunity_external_id')
    .orderBy('day')
    .orderBy('line')
    .limit(limit);
  if (after) {
    query = query.where(
      sql<boolean>`(opportunity_external_id, day, line) > (${after.opportunityExternalId}, ${after.date}, ${after.line})`,
    );
  }
  const rows = await query.execute();
  return rows.map((r) => ({
    opportunityExternalId: r.opportunity_external_id,
    date: r.day,
    line: Number(r.line),
    stage: r.stage,
    status: r.status,
    amount: r.amount === null ? null : Number(r.amount),
    closeDate: r.close_date,
  }));
}

export async function closeHistoryStage(db: Db): Promise<void> {
  await sql`drop table import_stage_history`.execute(db);
}
