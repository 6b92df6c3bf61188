import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../db/database.ts';
import { selectParts, type ColumnType, type PartRow, type RowPart } from '../../db/row-parts.ts';
import type { KnowledgeFactTable, KnowledgeItemTable } from '../../db/schema.ts';
import type { EvidenceSource } from '../../domain/knowledge/evidence.ts';
import type { ItemKind } from '../../domain/knowledge/schema.ts';
import type { Evidence, KnowledgeFact, KnowledgeItem } from '../../domain/knowledge/snapshot.ts';

/** The full record (retired rows too) so it can be replayed to any date. */
export type StoredItem = KnowledgeItem & { logId: string | null; retiredBy: string | null };
export type StoredFact = KnowledgeFact & { logId: string | null; retiredBy: string | null };

function evidenceOf(
  r: Pick<
    KnowledgeItemTable,
    'evidence_text' | 'evidence_source' | 'evidence_contact_id' | 'observed_at' | 'recorded_by'
  >,
): Evidence {
  return {
    text: r.evidence_text,
    source: r.evidence_source as EvidenceSource,
    contactId: r.evidence_contact_id,
    observedAt: r.observed_at,
    recordedBy: r.recorded_by,
  };
}

export async function listItems(db: Db, orgId: string, opportunityId: string): Promise<StoredItem[]> {
  const rows = await db
    .selectFrom('knowledge_items')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('opportunity_id', '=', opportunityId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toStoredItem);
}

function toStoredItem(r: KnowledgeItemTable): StoredItem {
  return {
    id: r.id,
    kind: r.kind as ItemKind,
    title: r.title,
    contactId: r.contact_id,
    category: r.category,
    evidence: evidenceOf(r),
    createdAt: r.created_at,
    retiredAt: r.retired_at,
    logId: r.log_id,
    retiredBy: r.retired_by,
  };
}

/**
 * The columns of a statement that reads an opportunity's record: its items, its facts and, when
 * asked, the contacts they name. Other parts may join the same statement (db/row-parts.ts): the
 * assessment of one deal reads its record and its context at once.
 */
export const RECORD_COLUMNS = {
  id: 'text',
  kind: 'text',
  title: 'text',
  contact_id: 'text',
  category: 'text',
  created_at: 'text',
  item_id: 'text',
  field: 'text',
  qualifier: 'text',
  is_unknown: 'integer',
  value: 'text',
  last_verified_at: 'text',
  recorded_at: 'text',
  evidence_text: 'text',
  evidence_source: 'text',
  evidence_contact_id: 'text',
  observed_at: 'text',
  log_id: 'text',
  recorded_by: 'text',
  retired_at: 'text',
  retired_by: 'text',
  name: 'text',
  account_id: 'text',
  deleted_at: 'text',
} as const satisfies Record<string, ColumnType>;

type RecordColumn = keyof typeof RECORD_COLUMNS;
type RecordRow = PartRow<typeof RECORD_COLUMNS>;

/** A contact a record names (or a write is about to), as `findContactsByIds` gives it. */
export type NamedContact = {
  id: string;
  name: string;
  title: string | null;
  accountId: string;
  deletedAt: string | null;
};

const columnsOf = (names: readonly RecordColumn[]) =>
  Object.fromEntries(names.map((n) => [n, sql.ref(n)])) as Partial<Record<RecordColumn, RawBuilder<unknown>>>;
// what items and facts both have: evidence, log, retirement
const SHARED = [
  'evidence_text',
  'evidence_source',
  'evidence_contact_id',
  'observed_at',
  'log_id',
  'recorded_by',
  'retired_at',
  'retired_by',
] as const;

/**
 * The parts of a statement that reads an opportunity's items and facts (retired ones too) and,
 * with `contacts`, the contacts they name plus those of `contacts.ids`.
 */
export function recordParts(
  orgId: string,
  opportunityId: string,
  contacts?: { ids: readonly string[] },
): Array<RowPart<RecordColumn>> {
  const ofDeal = sql`org_id = ${orgId} and opportunity_id = ${opportunityId}`;
  const parts: Array<RowPart<RecordColumn>> = [
    {
      kind: 'item',
      columns: columnsOf(['id', 'kind', 'title', 'contact_id', 'category', 'created_at', ...SHARED]),
      from: sql`from knowledge_items where ${ofDeal}`,
    },
    {
      kind: 'fact',
      columns: columnsOf([
        'id',
        'item_id',
        'field',
        'qualifier',
        'is_unknown',
        'value',
        'last_verified_at',
        'recorded_at',
        ...SHARED,
      ]),
      from: sql`from knowledge_facts where ${ofDeal}`,
    },
  ];
  if (contacts) {
    const named = sql`select evidence_contact_id from knowledge_items where ${ofDeal}
      union select contact_id from knowledge_items where ${ofDeal}
      union select evidence_contact_id from knowledge_facts where ${ofDeal}`;
    const asked = contacts.ids.length > 0 ? sql` or id in (${sql.join([...new Set(contacts.ids)])})` : sql``;
    parts.push({
      kind: 'contact',
      columns: columnsOf(['id', 'name', 'title', 'account_id', 'deleted_at']),
      from: sql`from contacts where org_id = ${orgId} and (id in (${named})${asked})`,
    });
  }
  return parts;
}

/**
 * The record among a statement's rows, ordered as listItems and listFacts order them, and the
 * contacts read with it by id (undefined for an id asked for that names no contact).
 */
export function recordFromRows(
  rows: readonly RecordRow[],
  asked: readonly string[] = [],
): { record: { items: StoredItem[]; facts: StoredFact[] }; contacts: Map<string, NamedContact | undefined> } {
  const byTimeThenId = (at: (r: RecordRow) => string) => (a: RecordRow, b: RecordRow) =>
    at(a) < at(b) ? -1 : at(a) > at(b) ? 1 : a.id! < b.id! ? -1 : a.id! > b.id! ? 1 : 0;
  const evidence = (r: RecordRow): Evidence => ({
    text: r.evidence_text,
    source: r.evidence_source as EvidenceSource,
    contactId: r.evidence_contact_id,
    observedAt: r.observed_at!,
    recordedBy: r.recorded_by!,
  });
  const items = rows
    .filter((r) => r.part === 'item')
    .sort(byTimeThenId((r) => r.created_at!))
    .map((r): StoredItem => ({
      id: r.id!,
      kind: r.kind as ItemKind,
      title: r.title,
      contactId: r.contact_id,
      category: r.category,
      evidence: evidence(r),
      createdAt: r.created_at!,
      retiredAt: r.retired_at,
      logId: r.log_id,
      retiredBy: r.retired_by,
    }));
  const facts = rows
    .filter((r) => r.part === 'fact')
    .sort(byTimeThenId((r) => r.recorded_at!))
    .map((r): StoredFact => ({
      id: r.id!,
      itemId: r.item_id!,
      field: r.field!,
      qualifier: r.qualifier,
      isUnknown: Number(r.is_unknown) === 1,
      value: r.value === null ? null : (JSON.parse(r.value) as unknown),
      evidence: evidence(r),
      lastVerifiedAt: r.last_verified_at,
      recordedAt: r.recorded_at!,
      retiredAt: r.retired_at,
      logId: r.log_id,
      retiredBy: r.retired_by,
    }));
  const contacts = new Map<string, NamedContact | undefined>(asked.map((id) => [id, undefined]));
  for (const r of rows.filter((r) => r.part === 'contact')) {
    contacts.set(r.id!, {
      id: r.id!,
      name: r.name!,
      title: r.title,
      accountId: r.account_id!,
      deletedAt: r.deleted_at,
    });
  }
  return { record: { items, facts }, contacts };
}

/** An opportunity's items and facts (retired ones too) in one statement: what every write and assessment starts from. */
export async function listRecord(
  db: Db,
  orgId: string,
  opportunityId: string,
): Promise<{ items: StoredItem[]; facts: StoredFact[] }> {
  const rows = await selectParts(RECORD_COLUMNS, recordParts(orgId, opportunityId)).execute(db);
  return recordFromRows(rows.rows).record;
}

/** The record and, in the same statement, the contacts it names and those of `contactIds`. */
export async function listRecordWithContacts(
  db: Db,
  orgId: string,
  opportunityId: string,
  contactIds: readonly string[] = [],
) {
  const rows = await selectParts(RECORD_COLUMNS, recordParts(orgId, opportunityId, { ids: contactIds })).execute(db);
  return recordFromRows(rows.rows, contactIds);
}

export async function listFacts(db: Db, orgId: string, opportunityId: string): Promise<StoredFact[]> {
  const rows = await db
    .selectFrom('knowledge_facts')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('opportunity_id', '=', opportunityId)
    .orderBy('recorded_at')
    .orderBy('id')
    .execute();
  return rows.map(toStoredFact);
}

function toStoredFact(r: KnowledgeFactTable): StoredFact {
  return {
    id: r.id,
    itemId: r.item_id,
    field: r.field,
    qualifier: r.qualifier,
    isUnknown: r.is_unknown === 1,
    value: r.value === null ? null : (JSON.parse(r.value) as unknown),
    evidence: evidenceOf(r),
    lastVerifiedAt: r.last_verified_at,
    recordedAt: r.recorded_at,
    retiredAt: r.retired_at,
    logId: r.log_id,
    retiredBy: r.retired_by,
  };
}

export type NewItem = Omit<KnowledgeItem, 'retiredAt'> & { orgId: string; opportunityId: string; logId: string | null };
export type NewFact = Omit<KnowledgeFact, 'retiredAt'> & { orgId: string; opportunityId: string; logId: string | null };

const CHUNK = 200;

export async function insertItems(db: Db, items: readonly NewItem[]): Promise<void> {
  for (let i = 0; i < items.length; i += CHUNK) {
    await db
      .insertInto('knowledge_items')
      .values(
        items.slice(i, i + CHUNK).map((it) => ({
          id: it.id,
          org_id: it.orgId,
          opportunity_id: it.opportunityId,
          kind: it.kind,
          title: it.title,
          contact_id: it.contactId,
          category: it.category,
          evidence_text: it.evidence.text,
          evidence_source: it.evidence.source,
          evidence_contact_id: it.evidence.contactId,
          observed_at: it.evidence.observedAt,
          log_id: it.logId,
          recorded_by: it.evidence.recordedBy,
          created_at: it.createdAt,
          retired_at: null,
          retired_by: null,
        })),
      )
      .execute();
  }
}

export async function insertFacts(db: Db, facts: readonly NewFact[]): Promise<void> {
  for (let i = 0; i < facts.length; i += CHUNK) {
    await db
      .insertInto('knowledge_facts')
      .values(
        facts.slice(i, i + CHUNK).map((f): KnowledgeFactTable => ({
          id: f.id,
          org_id: f.orgId,
          opportunity_id: f.opportunityId,
          item_id: f.itemId,
          field: f.field,
          qualifier: f.qualifier,
          is_unknown: f.isUnknown ? 1 : 0,
          value: f.isUnknown ? null : JSON.stringify(f.value),
          evidence_text: f.evidence.text,
          evidence_source: f.evidence.source,
          evidence_contact_id: f.evidence.contactId,
          observed_at: f.evidence.observedAt,
          last_verified_at: f.lastVerifiedAt,
          log_id: f.logId,
          recorded_by: f.evidence.recordedBy,
          recorded_at: f.recordedAt,
          retired_at: null,
          retired_by: null,
        })),
      )
      .execute();
  }
}

export async function insertLog(
  db: Db,
  log: {
    id: string;
    orgId: string;
    opportunityId: string;
    summary: string | null;
    source: EvidenceSource;
    contactId: string | null;
    observedAt: string;
    recordedBy: string;
    recordedAt: string;
  },
): Promise<void> {
  await db
    .insertInto('knowledge_logs')
    .values({
      id: log.id,
      org_id: log.orgId,
      opportunity_id: log.opportunityId,
      summary: log.summary,
      source: log.source,
      contact_id: log.contactId,
      observed_at: log.observedAt,
      recorded_by: log.recordedBy,
      recorded_at: log.recordedAt,
    })
    .execute();
}

export async function listLogs(db: Db, orgId: string, opportunityId: string) {
  return db
    .selectFrom('knowledge_logs')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('opportunity_id', '=', opportunityId)
    .orderBy('recorded_at')
    .execute();
}

/** Marks a live item, and every live fact about it, retired. */
export async function retireItem(
  db: Db,
  target: { orgId: string; opportunityId: string; itemId: string },
  stamp: { by: string; at: string },
): Promise<void> {
  await db
    .updateTable('knowledge_items')
    .set({ retired_at: stamp.at, retired_by: stamp.by })
    .where('org_id', '=', target.orgId)
    .where('opportunity_id', '=', target.opportunityId)
    .where('id', '=', target.itemId)
    .where('retired_at', 'is', null)
    .execute();
}

export async function retireFact(
  db: Db,
  target: { orgId: string; opportunityId: string; factId: string },
  stamp: { by: string; at: string },
): Promise<void> {
  await db
    .updateTable('knowledge_facts')
    .set({ retired_at: stamp.at, retired_by: stamp.by })
    .where('org_id', '=', target.orgId)
    .where('opportunity_id', '=', target.opportunityId)
    .where('id', '=', target.factId)
    .where('retired_at', 'is', null)
    .execute();
}

export async function listObjectiveVersions(db: Db, orgId: string) {
  return db
    .selectFrom('objective_versions')
    .leftJoin('users', 'users.id', 'objective_versions.changed_by')
    .selectAll('objective_versions')
    .select('users.name as changed_by_name')
    .where('objective_versions.org_id', '=', orgId)
    .orderBy('objective_versions.key')
    .orderBy('objective_versions.version')
    .execute();
}

export async function insertObjectiveVersion(
  db: Db,
  row: {
    id: string;
    orgId: string;
    key: string;
    version: number;
    definition: string;
    whyItMatters: string;
    questions: string[];
    weight: number;
    changedBy: string;
    changedAt: string;
  },
): Promise<void> {
  await db
    .insertInto('objective_versions')
    .values({
      id: row.id,
      org_id: row.orgId,
      key: row.key,
      version: row.version,
      definition: row.definition,
      why_it_matters: row.whyItMatters,
      questions: JSON.stringify(row.questions),
      weight: row.weight,
      changed_by: row.changedBy,
      changed_at: row.changedAt,
    })
    .execute();
}

const storedEvidence = (e: Evidence): Evidence => ({
  text: e.text,
  source: e.source,
  contactId: e.contactId,
  observedAt: e.observedAt,
  recordedBy: e.recordedBy,
});

/** An item just inserted as a later read would give it back, so a writer need not read it again. */
export function asStoredItem(n: NewItem): StoredItem {
  return {
    id: n.id,
    kind: n.kind,
    title: n.title,
    contactId: n.contactId,
    category: n.category,
    evidence: storedEvidence(n.evidence),
    createdAt: n.createdAt,
    retiredAt: null,
    logId: n.logId,
    retiredBy: null,
  };
}

/** A fact just inserted as a later read would give it back (its value through JSON, as stored). */
export function asStoredFact(n: NewFact): StoredFact {
  return {
    id: n.id,
    itemId: n.itemId,
    field: n.field,
    qualifier: n.qualifier,
    isUnknown: n.isUnknown,
    value: n.isUnknown || n.value === undefined ? null : (JSON.parse(JSON.stringify(n.value)) as unknown),
    evidence: storedEvidence(n.evidence),
    lastVerifiedAt: n.lastVerifiedAt,
    recordedAt: n.recordedAt,
    retiredAt: null,
    logId: n.logId,
    retiredBy: null,
  };
}

/** The full knowledge record of many opportunities at once, grouped by opportunity. */
export async function listRecordsOf(db: Db, orgId: string, opportunityIds: readonly string[]) {
  const records = new Map<string, { items: StoredItem[]; facts: StoredFact[] }>(
    opportunityIds.map((id) => [id, { items: [], facts: [] }]),
  );
  for (let i = 0; i < opportunityIds.length; i += 500) {
    const chunk = opportunityIds.slice(i, i + 500);
    const [items, facts] = await Promise.all([
      db
        .selectFrom('knowledge_items')
        .selectAll()
        .where('org_id', '=', orgId)
        .where('opportunity_id', 'in', chunk)
        .orderBy('created_at')
        .orderBy('id')
        .execute(),
      db
        .selectFrom('knowledge_facts')
        .selectAll()
        .where('org_id', '=', orgId)
        .where('opportunity_id', 'in', chunk)
        .orderBy('recorded_at')
        .orderBy('id')
        .execute(),
    ]);
    for (const r of items) records.get(r.opportunity_id)!.items.push(toStoredItem(r));
    for (const r of facts) records.get(r.opportunity_id)!.facts.push(toStoredFact(r));
  }
  return records;
}
