import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Db } from '../../db/database.ts';
import { refreshStatistics, withIndexesRebuilt } from '../../db/bulk-indexes.ts';
import { withBulkRows } from '../../db/bulk-rows.ts';
import type { DialectName } from '../../db/dialect.ts';
import type { ImportTable } from '../../db/schema.ts';

// Every statement an import runs: what it reads once (stages, people, the currency), the lookups of
// records it may already hold (by external id or name, a batch at a time), and multi-row writes.

export type OrgForImport = {
  reportingCurrency: string;
  stages: Array<{ id: string; name: string; position: number; probability: number; isActive: boolean }>;
  people: Array<{ id: string; email: string; name: string }>;
};

export async function readOrgForImport(db: Db, orgId: string): Promise<OrgForImport | null> {
  const [org, stages, people] = await Promise.all([
    db.selectFrom('organizations').select('reporting_currency').where('id', '=', orgId).executeTakeFirst(),
    db
      .selectFrom('stages')
      .select(['id', 'name', 'position', 'probability', 'is_active'])
      .where('org_id', '=', orgId)
      .orderBy('position')
      .execute(),
    db.selectFrom('users').select(['id', 'email', 'name']).where('org_id', '=', orgId).execute(),
  ]);
  if (!org) return null;
  return {
    reportingCurrency: org.reporting_currency,
    stages: stages.map((s) => ({ ...s, isActive: s.is_active === 1 })),
    people,
  };
}

export async function findOrgByName(db: Db, name: string): Promise<{ id: string; name: string } | undefined> {
  return db.selectFrom('organizations').select(['id', 'name']).where('name', '=', name).executeTakeFirst();
}

export async function listOrgs(db: Db): Promise<Array<{ id: string; name: string }>> {
  return db.selectFrom('organizations').select(['id', 'name']).orderBy('created_at').execute();
}

export async function firstAdminOf(db: Db, orgId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where('org_id', '=', orgId)
    .where('role', '=', 'admin')
    .where('is_active', '=', 1)
    .orderBy('created_at')
    .executeTakeFirst();
  return row?.id;
}

export async function takenEmails(db: Db, emails: readonly string[]): Promise<Set<string>> {
  if (emails.length === 0) return new Set();
  const rows = await db.selectFrom('users').select('email').where('email', 'in', emails).execute();
  return new Set(rows.map((r) => r.email));
}

export async function insertInactivePeople(
  db: Db,
  people: ReadonlyArray<{ id: string; orgId: string; email: string; name: string; at: string }>,
): Promise<void> {
  if (people.length === 0) return;
  await db
    .insertInto('users')
    .values(
      people.map((p) => ({
        id: p.id,
        org_id: p.orgId,
        email: p.email,
        name: p.name,
        role: 'seller',
        manager_id: null,
        is_active: 0 as const,
        password_hash: null,
        created_at: p.at,
        updated_at: p.at,
        version: 1,
      })),
    )
    .execute();
}

/** Accounts already there, by external id and by name (live ones). */
/** Every live account of the organization, read once per import: a lookup per batch would cost a scan each on PostgreSQL, whose statistics cannot see the rows the import itself added. */
export async function readAccounts(
  db: Db,
  orgId: string,
): Promise<Array<{ id: string; name: string; external_id: string | null }>> {
  return db
    .selectFrom('accounts')
    .select(['id', 'name', 'external_id'])
    .where('org_id', '=', orgId)
    .where('deleted_at', 'is', null)
    .execute();
}

/** A bulk write of `rows` new deals, with the deals' indexes rebuilt once after it where that pays. */
export function withBulkIndexes<T>(tx: Db, dialect: DialectName, rows: number, work: () => Promise<T>): Promise<T> {
  return withIndexesRebuilt(tx, dialect, 'opportunities', rows, work);
}

/** The planner's statistics of the deals and accounts, gathered again after a bulk write of `rows` deals. */
export const refreshDealStatistics = (db: Db, dialect: DialectName, rows: number) =>
  refreshStatistics(db, dialect, ['opportunities', 'accounts'], rows);

type TrackedStamp = { orgId: string; actorId: string; at: string };

export type ImportedOpportunity = {
  id: string;
  externalId: string | null;
  accountId: string;
  /** the account's name as stored (the list's sort by account reads this copy) */
  accountName: string;
  ownerId: string;
  name: string;
  amountMinor: number;
  currency: string;
  expectedCloseDate: string;
  stageId: string;
  status: string;
  closedDate: string | null;
  closeReason: string | null;
  forecastCategory: string;
  sellerProbability: number | null;
  source: string | null;
  dealType: string;
  createdAt: string;
};

/** the columns an import writes of a deal, with their PostgreSQL types */
const OPPORTUNITY_COLUMNS = {
  id: 'text',
  org_id: 'text',
  external_id: 'text',
  account_id: 'text',
  sort_account_name: 'text',
  owner_id: 'text',
  name: 'text',
  amount_minor: 'bigint',
  currency: 'text',
  expected_close_date: 'text',
  stage_id: 'text',
  status: 'text',
  closed_date: 'text',
  close_reason: 'text',
  forecast_category: 'text',
  seller_probability: 'integer',
  source: 'text',
  deal_type: 'text',
  created_by: 'text',
  updated_by: 'text',
  created_at: 'text',
  updated_at: 'text',
  version: 'integer',
  deleted_at: 'text',
} as const;

/**
 * Adds the deals, or updates those whose external id the organization already holds (a re-import):
 * their id stays, their version moves on. Returns each row's id by external id.
 */
export async function upsertOpportunities(
  db: Db,
  dialect: DialectName,
  stamp: TrackedStamp,
  rows: readonly ImportedOpportunity[],
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  if (rows.length === 0) return ids;
  const returned = await withBulkRows(
    db.insertInto('opportunities'),
    dialect,
    OPPORTUNITY_COLUMNS,
    rows.map((o) => ({
      id: o.id,
      org_id: stamp.orgId,
      external_id: o.externalId,
      account_id: o.accountId,
      sort_account_name: o.accountName,
      owner_id: o.ownerId,
      name: o.name,
      amount_minor: o.amountMinor,
      currency: o.currency,
      expected_close_date: o.expectedCloseDate,
      stage_id: o.stageId,
      status: o.status,
      closed_date: o.closedDate,
      close_reason: o.closeReason,
      forecast_category: o.forecastCategory,
      seller_probability: o.sellerProbability,
      source: o.source,
      deal_type: o.dealType,
      created_by: stamp.actorId,
      updated_by: stamp.actorId,
      created_at: o.createdAt,
      updated_at: stamp.at,
      version: 1,
      deleted_at: null,
    })),
  )
    .onConflict((oc) =>
      oc.columns(['org_id', 'external_id']).doUpdateSet((eb) => ({
        account_id: eb.ref('excluded.account_id'),
        owner_id: eb.ref('excluded.owner_id'),
        name: eb.ref('excluded.name'),
        amount_minor: eb.ref('excluded.amount_minor'),
        currency: eb.ref('excluded.currency'),
        expected_close_date: eb.ref('excluded.expected_close_date'),
        stage_id: eb.ref('excluded.stage_id'),
        status: eb.ref('excluded.status'),
        closed_date: eb.ref('excluded.closed_date'),
        close_reason: eb.ref('excluded.close_reason'),
        forecast_category: eb.ref('excluded.forecast_category'),
        seller_probability: eb.ref('excluded.seller_probability'),
        source: eb.ref('excluded.source'),
        deal_type: eb.ref('excluded.deal_type'),
        created_at: eb.ref('excluded.created_at'),
        updated_by: eb.ref('excluded.updated_by'),
        updated_at: eb.ref('excluded.updated_at'),
        deleted_at: null,
        version: sql<number>`opportunities.version + 1`,
      })),
    )
    .returning(['id', 'external_id'])
    .execute();
  for (const r of returned) if (r.external_id !== null) ids.set(r.external_id, r.id);
  return ids;
}

/** Contacts already there, by external id and by (account, name). */
export type ImportedItem = {
  id: string;
  opportunityId: string;
  kind: string;
  title: string | null;
  contactId: string | null;
  category: string | null;
  evidenceText: string;
  observedAt: string;
};

export type ImportedFact = {
  id: string;
  opportunityId: string;
  itemId: string;
  field: string;
  isUnknown: boolean;
  value: unknown;
  evidenceText: string;
  observedAt: string;
};

/**
 * Items and facts keep ids made from what they say, so a re-import adds only what changed. Each is
 * dated at the day it was observed (the deal's creation) rather than at the import: the other CRM
 * knew it then, and the learner and the win/loss review read a closed deal's knowledge as of the
 * day it closed, before any import.
 */
export async function insertKnowledge(
  db: Db,
  stamp: TrackedStamp,
  items: readonly ImportedItem[],
  facts: readonly ImportedFact[],
): Promise<void> {
  const evidence = { evidence_source: 'imported', evidence_contact_id: null, log_id: null, recorded_by: stamp.actorId };
  for (let i = 0; i < items.length; i += 500) {
    await db
      .insertInto('knowledge_items')
      .values(
        items.slice(i, i + 500).map((it) => ({
          id: it.id,
          org_id: stamp.orgId,
          opportunity_id: it.opportunityId,
          kind: it.kind,
          title: it.title,
          contact_id: it.contactId,
          category: it.category,
          ...evidence,
          evidence_text: it.evidenceText,
          observed_at: it.observedAt,
          created_at: startOf(it.observedAt),
          retired_at: null,
          retired_by: null,
        })),
      )
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }
  for (let i = 0; i < facts.length; i += 500) {
    const batch = facts.slice(i, i + 500);
    const recordedAt = await importedFactTimes(db, batch);
    await db
      .insertInto('knowledge_facts')
      .values(
        batch.map((f, n) => ({
          id: f.id,
          org_id: stamp.orgId,
          opportunity_id: f.opportunityId,
          item_id: f.itemId,
          field: f.field,
          qualifier: null,
          is_unknown: f.isUnknown ? (1 as const) : (0 as const),
          value: f.isUnknown ? null : JSON.stringify(f.value),
          ...evidence,
          evidence_text: f.evidenceText,
          observed_at: f.observedAt,
          last_verified_at: null,
          recorded_at: recordedAt[n]!,
          retired_at: null,
          retired_by: null,
        })),
      )
      // a value said again after another is the latest again
      .onConflict((oc) =>
        oc
          .column('id')
          .doUpdateSet((eb) => ({ recorded_at: eb.ref('excluded.recorded_at') }))
          .where('knowledge_facts.recorded_at', '<>', (eb) => eb.ref('excluded.recorded_at')),
      )
      .execute();
  }
}

const startOf = (date: string) => `${date.slice(0, 10)}T00:00:00.000Z`;

/**
 * When each fact of a batch is recorded: the start of the day it was observed, or, where an import
 * already said something else of the same field, just after that: a re-import bringing another
 * value (or one said before, again) dates it at the same day, and it must still be the latest.
 * One read per batch.
 */
async function importedFactTimes(db: Db, facts: readonly ImportedFact[]): Promise<string[]> {
  const held = await db
    .selectFrom('knowledge_facts')
    .select(['id', 'item_id', 'field', 'recorded_at'])
    .where('item_id', 'in', [...new Set(facts.map((f) => f.itemId))])
    .where('evidence_source', '=', 'imported')
    .where('qualifier', 'is', null)
    .where('retired_at', 'is', null)
    .execute();
  const heldAt = new Map(held.map((h) => [h.id, h.recorded_at]));
  const latest = new Map<string, { id: string; at: string }>();
  const keep = (key: string, id: string, at: string) => {
    const known = latest.get(key);
    if (!known || known.at < at || (known.at === at && known.id < id)) latest.set(key, { id, at });
  };
  for (const h of held) keep(`${h.item_id}|${h.field}`, h.id, h.recorded_at);
  return facts.map((f) => {
    const key = `${f.itemId}|${f.field}`;
    const before = latest.get(key);
    const own = heldAt.get(f.id) ?? startOf(f.observedAt);
    const at = !before || before.id === f.id || before.at < own ? own : after(before.at);
    keep(key, f.id, at);
    return at;
  });
}

const after = (instant: string) => new Date(Date.parse(instant) + 1).toISOString();

// ---- imports uploaded through the app ----

export type ImportRecord = Selectable<ImportTable>;

export async function insertImport(db: Db, row: Insertable<ImportTable>): Promise<void> {
  await db.insertInto('imports').values(row).execute();
}

export async function findImport(db: Db, orgId: string, id: string): Promise<ImportRecord | undefined> {
  return db.selectFrom('imports').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
}

export async function listImports(db: Db, orgId: string, limit: number): Promise<ImportRecord[]> {
  return db
    .selectFrom('imports')
    .selectAll()
    .where('org_id', '=', orgId)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}

export async function updateImport(
  db: Db,
  id: string,
  patch: Omit<Updateable<ImportTable>, 'id' | 'org_id' | 'created_by' | 'created_at'>,
): Promise<void> {
  await db.updateTable('imports').set(patch).where('id', '=', id).execute();
}

/** Claims an import for a run: only one run at a time moves it out of a resting status. */
export async function claimImport(
  db: Db,
  id: string,
  from: readonly string[],
  to: string,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('imports')
    .set({ status: to, updated_at: at, rows_done: 0 })
    .where('id', '=', id)
    .where('status', 'in', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
