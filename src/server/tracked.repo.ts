import type { Db } from '../db/database.ts';

/** Tables whose rows carry created/updated by-and-at, a version and a soft-delete mark. */
export type TrackedTable = 'accounts' | 'contacts' | 'opportunities';

export type TrackedInsert<C> = {
  id: string;
  orgId: string;
  actorId: string;
  at: string;
  /** for records imported with a past life: when last changed, and how many versions so far */
  updatedAt?: string;
  version?: number;
  columns: C;
};

export async function insertTracked<C extends object>(
  db: Db,
  table: TrackedTable,
  records: ReadonlyArray<TrackedInsert<C>>,
): Promise<void> {
  if (records.length === 0) return;
  const rows = records.map((r) => ({
    ...r.columns,
    id: r.id,
    org_id: r.orgId,
    created_by: r.actorId,
    updated_by: r.actorId,
    created_at: r.at,
    updated_at: r.updatedAt ?? r.at,
    version: r.version ?? 1,
    deleted_at: null,
  }));
  // The three tables share the tracked columns; each caller's `columns` type fits its own table.
  await db
    .insertInto(table as 'accounts')
    .values(rows as never)
    .execute();
}

/**
 * Applies the change only if nobody changed the row since `version` (optimistic locking), and
 * stamps who and when. Returns whether the row was updated.
 */
export async function updateTrackedAtVersion<C extends object>(
  db: Db,
  table: TrackedTable,
  target: { orgId: string; id: string; version: number },
  change: { columns?: C; deletedAt?: string | null },
  stamp: { actorId: string; at: string },
): Promise<boolean> {
  const result = await db
    .updateTable(table as 'accounts')
    .set((eb) => ({
      ...(change.columns ?? {}),
      ...(change.deletedAt !== undefined ? { deleted_at: change.deletedAt } : {}),
      updated_by: stamp.actorId,
      updated_at: stamp.at,
      version: eb('version', '+', 1),
    }))
    .where('org_id', '=', target.orgId)
    .where('id', '=', target.id)
    .where('version', '=', target.version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
