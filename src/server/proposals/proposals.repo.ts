import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

// Every statement proposals run: the versions of a deal's proposal and the organization's template.

export type StoredProposal = {
  id: string;
  orgId: string;
  opportunityId: string;
  number: number;
  origin: 'generated' | 'edited';
  basedOn: string | null;
  createdBy: string;
  createdAt: string;
  completeness: number;
  sentAt: string | null;
  sentBy: string | null;
};

/** A version with what it holds: its text, its draft (JSON) and the knowledge it was made from (JSON). */
export type FullProposal = StoredProposal & { text: string; draft: string; knowledge: string };

type Row = {
  id: string;
  org_id: string;
  opportunity_id: string;
  number: number;
  origin: string;
  based_on: string | null;
  created_by: string;
  created_at: string;
  draft: string;
  sent_at: string | null;
  sent_by: string | null;
};

const COLUMNS = [
  'id',
  'org_id',
  'opportunity_id',
  'number',
  'origin',
  'based_on',
  'created_by',
  'created_at',
  'draft',
  'sent_at',
  'sent_by',
] as const;

const toStored = (r: Row): StoredProposal => ({
  id: r.id,
  orgId: r.org_id,
  opportunityId: r.opportunity_id,
  number: Number(r.number),
  origin: r.origin === 'edited' ? 'edited' : 'generated',
  basedOn: r.based_on,
  createdBy: r.created_by,
  createdAt: r.created_at,
  completeness: (JSON.parse(r.draft) as { completeness: number }).completeness,
  sentAt: r.sent_at,
  sentBy: r.sent_by,
});

export async function insertProposal(db: Db, p: Omit<FullProposal, 'number' | 'completeness'>): Promise<number> {
  // one statement numbers the version after the deal's last and writes it
  const value = <T>(v: T) => sql<T>`${v}`;
  const inserted = await db
    .insertInto('proposals')
    // the columns read back, up to when it was made, then the texts (a new version is not sent)
    .columns([...COLUMNS.slice(0, COLUMNS.indexOf('created_at') + 1), 'text', 'draft', 'knowledge'])
    .expression((eb) =>
      eb
        .selectFrom('proposals')
        .where('opportunity_id', '=', p.opportunityId)
        .select([
          value(p.id).as('id'),
          value(p.orgId).as('org_id'),
          value(p.opportunityId).as('opportunity_id'),
          sql<number>`coalesce(max(${sql.ref('number')}), 0) + 1`.as('number'),
          value(p.origin).as('origin'),
          value(p.basedOn).as('based_on'),
          value(p.createdBy).as('created_by'),
          value(p.createdAt).as('created_at'),
          value(p.text).as('text'),
          value(p.draft).as('draft'),
          value(p.knowledge).as('knowledge'),
        ]),
    )
    .returning('number')
    .executeTakeFirstOrThrow();
  return Number(inserted.number);
}

/** A deal's proposal versions, newest first. */
export async function listProposalsOf(db: Db, orgId: string, opportunityId: string): Promise<StoredProposal[]> {
  const rows = await db
    .selectFrom('proposals')
    .select(COLUMNS)
    .where('org_id', '=', orgId)
    .where('opportunity_id', '=', opportunityId)
    .orderBy('number', 'desc')
    .execute();
  return rows.map(toStored);
}

export async function findProposal(
  db: Db,
  orgId: string,
  opportunityId: string,
  id: string,
): Promise<FullProposal | undefined> {
  const row = await db
    .selectFrom('proposals')
    .select([...COLUMNS, 'text', 'knowledge'])
    .where('id', '=', id)
    .where('org_id', '=', orgId)
    .where('opportunity_id', '=', opportunityId)
    .executeTakeFirst();
  return row ? { ...toStored(row), text: row.text, draft: row.draft, knowledge: row.knowledge } : undefined;
}

/** Marks a version sent to the customer, once: answers whether this call marked it. */
export async function markSent(db: Db, orgId: string, id: string, by: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('proposals')
    .set({ sent_at: at, sent_by: by })
    .where('id', '=', id)
    .where('org_id', '=', orgId)
    .where('sent_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export type StoredTemplate = { text: string; version: number; updatedBy: string; updatedAt: string };

export async function findTemplate(db: Db, orgId: string): Promise<StoredTemplate | undefined> {
  const row = await db
    .selectFrom('proposal_templates')
    .select(['text', 'version', 'updated_by', 'updated_at'])
    .where('org_id', '=', orgId)
    .executeTakeFirst();
  return row
    ? { text: row.text, version: Number(row.version), updatedBy: row.updated_by, updatedAt: row.updated_at }
    : undefined;
}

/**
 * Replaces the organization's template if it is still at `seenVersion` (null: none saved yet);
 * answers the new version, or null when someone saved another in between.
 */
export async function saveTemplate(
  db: Db,
  orgId: string,
  seenVersion: number | null,
  t: { text: string; updatedBy: string; updatedAt: string },
): Promise<number | null> {
  const values = { text: t.text, updated_by: t.updatedBy, updated_at: t.updatedAt };
  if (seenVersion === null) {
    const inserted = await db
      .insertInto('proposal_templates')
      .values({ org_id: orgId, version: 1, ...values })
      .onConflict((oc) => oc.column('org_id').doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0 ? 1 : null;
  }
  const result = await db
    .updateTable('proposal_templates')
    .set({ ...values, version: seenVersion + 1 })
    .where('org_id', '=', orgId)
    .where('version', '=', seenVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0 ? seenVersion + 1 : null;
}
