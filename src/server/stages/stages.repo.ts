import type { Db } from '../../db/database.ts';
import type { StageTable } from '../../db/schema.ts';
import type { Stage } from '../../contract/stages.ts';

function toStage(r: StageTable): Stage {
  return {
    id: r.id,
    name: r.name,
    position: r.position,
    probability: r.probability,
    isActive: r.is_active === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

export async function listStages(db: Db, orgId: string): Promise<Stage[]> {
  const rows = await db.selectFrom('stages').selectAll().where('org_id', '=', orgId).orderBy('position').execute();
  return rows.map(toStage);
}

export async function findStage(db: Db, orgId: string, id: string): Promise<Stage | undefined> {
  const row = await db
    .selectFrom('stages')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toStage(row) : undefined;
}

export async function insertStages(
  db: Db,
  stages: ReadonlyArray<{ id: string; orgId: string; name: string; position: number; probability: number; at: string }>,
): Promise<void> {
  if (stages.length === 0) return;
  await db
    .insertInto('stages')
    .values(
      stages.map((s) => ({
        id: s.id,
        org_id: s.orgId,
        name: s.name,
        position: s.position,
        probability: s.probability,
        is_active: 1 as const,
        created_at: s.at,
        updated_at: s.at,
        version: 1,
      })),
    )
    .execute();
}

export async function updateStageAtVersion(
  db: Db,
  target: { orgId: string; id: string; version: number },
  patch: Partial<{ name: string; probability: number; isActive: boolean; position: number }>,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('stages')
    .set((eb) => ({
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.probability !== undefined ? { probability: patch.probability } : {}),
      ...(patch.isActive !== undefined ? { is_active: patch.isActive ? (1 as const) : (0 as const) } : {}),
      ...(patch.position !== undefined ? { position: patch.position } : {}),
      updated_at: at,
      version: eb('version', '+', 1),
    }))
    .where('org_id', '=', target.orgId)
    .where('id', '=', target.id)
    .where('version', '=', target.version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Moves the stages out of the way of a reorder (each to minus its position, which no other stage
 * holds): positions are unique per organization, and stages are then placed one at a time.
 */
export async function moveStagesAside(db: Db, orgId: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('stages')
    .set((eb) => ({ position: eb('position', '*', -1) }))
    .where('org_id', '=', orgId)
    .where('id', 'in', ids)
    .execute();
}

/** Returns whether there was such a stage to delete. */
export async function deleteStage(db: Db, orgId: string, id: string): Promise<boolean> {
  const result = await db.deleteFrom('stages').where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
