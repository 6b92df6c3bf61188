import type { Db } from '../../db/database.ts';

// An organization's gap rules: one row, the set as JSON (null: the defaults apply), replaced whole
// by an administrator at the version they saw.

export type StoredGapRules = {
  /** the set as saved, unparsed; null after a reset */
  ruleSet: unknown;
  version: number;
  updatedBy: string;
  updatedAt: string;
};

export async function findGapRules(db: Db, orgId: string): Promise<StoredGapRules | undefined> {
  const row = await db.selectFrom('coaching_gap_rules').selectAll().where('org_id', '=', orgId).executeTakeFirst();
  if (!row) return undefined;
  return {
    ruleSet: row.rule_set === null ? null : (JSON.parse(row.rule_set) as unknown),
    version: Number(row.version),
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
  };
}

/** Writes the set if the row is still at `expectedVersion` (0: no row yet); false when someone got there first. */
export async function saveGapRulesAtVersion(
  db: Db,
  row: { orgId: string; ruleSet: unknown; expectedVersion: number; by: string; at: string },
): Promise<boolean> {
  const values = {
    rule_set: row.ruleSet === null ? null : JSON.stringify(row.ruleSet),
    version: row.expectedVersion + 1,
    updated_by: row.by,
    updated_at: row.at,
  };
  if (row.expectedVersion === 0) {
    const result = await db
      .insertInto('coaching_gap_rules')
      .values({ org_id: row.orgId, ...values })
      .onConflict((oc) => oc.column('org_id').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }
  const result = await db
    .updateTable('coaching_gap_rules')
    .set(values)
    .where('org_id', '=', row.orgId)
    .where('version', '=', row.expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
