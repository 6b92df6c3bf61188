import type { Db } from '../../db/database.ts';

// Closed deals' retrospectives: one per deal, versioned. A write is conditional on the version
// seen (or on there being none yet, which the primary key holds against a concurrent first write).

export type StoredRetrospective = {
  opportunityId: string;
  text: string;
  version: number;
  updatedBy: string;
  updatedAt: string;
};

const COLUMNS = ['opportunity_id', 'text', 'version', 'updated_by', 'updated_at'] as const;

const toRetrospective = (r: {
  opportunity_id: string;
  text: string;
  version: number;
  updated_by: string;
  updated_at: string;
}): StoredRetrospective => ({
  opportunityId: r.opportunity_id,
  text: r.text,
  version: Number(r.version),
  updatedBy: r.updated_by,
  updatedAt: r.updated_at,
});

/** The retrospectives of these deals, by deal (500 deals a statement). */
export async function listRetrospectives(
  db: Db,
  orgId: string,
  opportunityIds: readonly string[],
): Promise<Map<string, StoredRetrospective>> {
  const found = new Map<string, StoredRetrospective>();
  for (let i = 0; i < opportunityIds.length; i += 500) {
    const rows = await db
      .selectFrom('retrospectives')
      .select(COLUMNS)
      .where('org_id', '=', orgId)
      .where('opportunity_id', 'in', opportunityIds.slice(i, i + 500))
      .execute();
    for (const r of rows) found.set(r.opportunity_id, toRetrospective(r));
  }
  return found;
}

export async function findRetrospective(
  db: Db,
  orgId: string,
  opportunityId: string,
): Promise<StoredRetrospective | undefined> {
  const row = await db
    .selectFrom('retrospectives')
    .select(COLUMNS)
    .where('org_id', '=', orgId)
    .where('opportunity_id', '=', opportunityId)
    .executeTakeFirst();
  return row && toRetrospective(row);
}

export async function insertRetrospective(
  db: Db,
  row: { orgId: string; opportunityId: string; text: string; by: string; at: string },
): Promise<void> {
  await db
    .insertInto('retrospectives')
    .values({
      opportunity_id: row.opportunityId,
      org_id: row.orgId,
      text: row.text,
      version: 1,
      created_by: row.by,
      created_at: row.at,
      updated_by: row.by,
      updated_at: row.at,
    })
    .execute();
}

/** Rewrites the text if the version is still the one seen; false when someone got there first. */
export async function updateRetrospectiveAtVersion(
  db: Db,
  target: { orgId: string; opportunityId: string; version: number },
  change: { text: string; by: string; at: string },
): Promise<boolean> {
  const result = await db
    .updateTable('retrospectives')
    .set((eb) => ({
      text: change.text,
      version: eb('version', '+', 1),
      updated_by: change.by,
      updated_at: change.at,
    }))
    .where('org_id', '=', target.orgId)
    .where('opportunity_id', '=', target.opportunityId)
    .where('version', '=', target.version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
