import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
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

type RecordRow = Omit<KnowledgeItemTable, 'org_id' | 'opportunity_id' | 'kind' | 'created_at'> &
  Omit<
    KnowledgeFactTable,
    'id' | 'org_id' | 'opportunity_id' | keyof KnowledgeItemTable | 'item_id' | 'field' | 'is_unknown' | 'recorded_at'
  > & {
    row_kind: 'item' | 'fact';
    kind: string | null;
    created_at: string | null;
    item_id: string | null;
    field: string | null;
    is_unknown: KnowledgeFactTable['is_unknown'] | null;
    recorded_at: string | null;
  };

/**
 * An opportunity's items and facts (retired ones too) in one statement, ordered as listItems and
 * listFacts order them: what every write and every assessment of one deal starts from.
 */
export async function listRecord(
  db: Db,
  orgId: string,
  opportunityId: string,
): Promise<{ items: StoredItem[]; facts: StoredFact[] }> {
  const { rows } = await sql<RecordRow>`
    select 'item' as row_kind, id, kind, title, contact_id, category, created_at,
      null as item_id, null as field, null as qualifier, null as is_unknown, null as value, null as last_verified_at, null as recorded_at,
      evidence_text, evidence_source, evidence_contact_id, observed_at, log_id, recorded_by, retired_at, retired_by
    from knowledge_items where org_id = ${orgId} and opportunity_id = ${opportunityId}
    union all
    select 'fact', id, null, null, null, null, null,
      item_id, field, qualifier, is_unknown, value, last_verified_at, recorded_at,
      evidence_text, evidence_source, evidence_contact_id, observed_at, log_id, recorded_by, retired_at, retired_by
    from knowledge_facts where org_id = ${orgId} and opportunity_id = ${opportunityId}`.execute(db);
  const byTimeThenId = (at: (r: RecordRow) => string) => (a: RecordRow, b: RecordRow) =>
    at(a) < at(b) ? -1 : at(a) > at(b) ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  const common = { org_id: orgId, opportunity_id: opportunityId };
  return {
    items: rows
      .filter((r) => r.row_kind === 'item')
      .sort(byTimeThenId((r) => r.created_at!))
      .map((r) => toStoredItem({ ...r, ...common, kind: r.kind!, created_at: r.created_at! })),
    facts: rows
      .filter((r) => r.row_kind === 'fact')
      .sort(byTimeThenId((r) => r.recorded_at!))
      .map((r) =>
        toStoredFact({
          ...r,
          ...common,
          item_id: r.item_id!,
          field: r.field!,
          is_unknown: Number(r.is_unknown) as KnowledgeFactTable['is_unknown'],
          recorded_at: r.recorded_at!,
        }),
      ),
  };
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
