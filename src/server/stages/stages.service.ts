import { randomUUID } from 'node:crypto';
import type { Actor } from '../../domain/access.ts';
import { diffFields } from '../../domain/audit.ts';
import type { Stage } from '../../contract/stages.ts';
import { isForeignKeyViolation } from '../../db/constraints.ts';
import { lockOrganizationWrites } from '../../db/locks.ts';
import { appendAuditEvents } from '../audit/index.ts';
import type { AppDeps } from '../deps.ts';
import { AppError, notFound } from '../errors.ts';
import { requireAdmin } from '../policy.ts';
import { countOpportunitiesInStage } from '../opportunities/index.ts';
import { inTransaction } from '../transaction.ts';
import * as repo from './stages.repo.ts';

export function listStages(deps: AppDeps, actor: Actor): Promise<Stage[]> {
  return repo.listStages(deps.db, actor.orgId);
}

export async function createStage(
  deps: AppDeps,
  actor: Actor,
  input: { name: string; probability: number },
): Promise<Stage> {
  requireAdmin(actor);
  const id = randomUUID();
  const at = deps.now().toISOString();
  return inTransaction(deps, async (tx) => {
    await lockOrganizationWrites(tx, deps.dialect, actor.orgId);
    const existing = await repo.listStages(tx, actor.orgId);
    assertUniqueName(existing, input.name);
    const position = existing.reduce((max, s) => Math.max(max, s.position), 0) + 1;
    await repo.insertStages(tx, [
      { id, orgId: actor.orgId, name: input.name, position, probability: input.probability, at },
    ]);
    await appendAuditEvents(tx, [
      {
        orgId: actor.orgId,
        entityType: 'stage',
        entityId: id,
        action: 'create',
        actorId: actor.userId,
        at,
        changes: [
          { field: 'name', from: null, to: input.name },
          { field: 'probability', from: null, to: input.probability },
        ],
      },
    ]);
    return (await repo.findStage(tx, actor.orgId, id))!;
  });
}

export async function updateStage(
  deps: AppDeps,
  actor: Actor,
  id: string,
  input: {
    name?: string | undefined;
    probability?: number | undefined;
    isActive?: boolean | undefined;
    version: number;
  },
): Promise<Stage> {
  requireAdmin(actor);
  const at = deps.now().toISOString();
  return inTransaction(deps, async (tx) => {
    await lockOrganizationWrites(tx, deps.dialect, actor.orgId);
    const current = await repo.findStage(tx, actor.orgId, id);
    if (!current) throw notFound('Stage');
    if (current.version !== input.version) throw staleStage(current);
    if (input.name !== undefined && input.name !== current.name) {
      assertUniqueName(await repo.listStages(tx, actor.orgId), input.name);
    }
    if (input.isActive === false && current.isActive) {
      const active = (await repo.listStages(tx, actor.orgId)).filter((s) => s.isActive);
      if (active.length <= 1) {
        throw new AppError('unprocessable', 'At least one stage must stay active', {
          fields: { isActive: 'At least one stage must stay active' },
        });
      }
    }
    const patch = { name: input.name, probability: input.probability, isActive: input.isActive };
    const updated = await repo.updateStageAtVersion(tx, { orgId: actor.orgId, id, version: input.version }, patch, at);
    if (!updated) throw staleStage((await repo.findStage(tx, actor.orgId, id)) ?? current);
    const after = (await repo.findStage(tx, actor.orgId, id))!;
    await appendAuditEvents(tx, [
      {
        orgId: actor.orgId,
        entityType: 'stage',
        entityId: id,
        action: 'update',
        actorId: actor.userId,
        at,
        changes: diffFields(current, after, ['name', 'probability', 'isActive']),
      },
    ]);
    return after;
  });
}

/** Puts the stages in the given order; the list must name every stage exactly once. */
export async function reorderStages(deps: AppDeps, actor: Actor, ids: readonly string[]): Promise<Stage[]> {
  requireAdmin(actor);
  const at = deps.now().toISOString();
  return inTransaction(deps, async (tx) => {
    await lockOrganizationWrites(tx, deps.dialect, actor.orgId);
    const stages = await repo.listStages(tx, actor.orgId);
    const known = new Set(stages.map((s) => s.id));
    const given = new Set(ids);
    if (given.size !== ids.length || given.size !== known.size || ids.some((id) => !known.has(id))) {
      throw new AppError('unprocessable', 'List every stage exactly once', {
        fields: { ids: 'List every stage exactly once' },
      });
    }
    const byId = new Map(stages.map((s) => [s.id, s]));
    await repo.moveStagesAside(
      tx,
      actor.orgId,
      ids.filter((id, index) => byId.get(id)!.position !== index + 1),
    );
    for (const [index, id] of ids.entries()) {
      const stage = byId.get(id)!;
      if (stage.position === index + 1) continue;
      const moved = await repo.updateStageAtVersion(
        tx,
        { orgId: actor.orgId, id, version: stage.version },
        { position: index + 1 },
        at,
      );
      if (!moved) throw staleStage((await repo.findStage(tx, actor.orgId, id)) ?? stage);
      await appendAuditEvents(tx, [
        {
          orgId: actor.orgId,
          entityType: 'stage',
          entityId: id,
          action: 'update',
          actorId: actor.userId,
          at,
          changes: [{ field: 'position', from: stage.position, to: index + 1 }],
        },
      ]);
    }
    return repo.listStages(tx, actor.orgId);
  });
}

/** Only a stage no opportunity has ever used can be deleted; others are switched off instead. */
export async function deleteStage(deps: AppDeps, actor: Actor, id: string): Promise<void> {
  try {
    await removeStage(deps, actor, id);
  } catch (error) {
    // an opportunity moved into the stage after we counted: the database kept the reference
    if (isForeignKeyViolation(error)) throw stageInUse(1);
    throw error;
  }
}

async function removeStage(deps: AppDeps, actor: Actor, id: string): Promise<void> {
  requireAdmin(actor);
  const at = deps.now().toISOString();
  await inTransaction(deps, async (tx) => {
    await lockOrganizationWrites(tx, deps.dialect, actor.orgId);
    const current = await repo.findStage(tx, actor.orgId, id);
    if (!current) throw notFound('Stage');
    const used = await countOpportunitiesInStage(tx, id);
    if (used > 0) throw stageInUse(used);
    const active = (await repo.listStages(tx, actor.orgId)).filter((s) => s.isActive && s.id !== id);
    if (active.length === 0) throw new AppError('unprocessable', 'At least one stage must stay active');
    if (!(await repo.deleteStage(tx, actor.orgId, id))) throw notFound('Stage');
    await appendAuditEvents(tx, [
      {
        orgId: actor.orgId,
        entityType: 'stage',
        entityId: id,
        action: 'delete',
        actorId: actor.userId,
        at,
        changes: [{ field: 'name', from: current.name, to: null }],
      },
    ]);
  });
}

function stageInUse(used: number): AppError {
  return new AppError(
    'conflict',
    `${used} opportunit${used === 1 ? 'y uses' : 'ies use'} this stage. Switch it off instead, so their history keeps its meaning.`,
  );
}

function assertUniqueName(stages: readonly Stage[], name: string): void {
  if (stages.some((s) => s.name.toLowerCase() === name.toLowerCase())) {
    throw new AppError('conflict', `A stage named "${name}" already exists`, {
      fields: { name: 'Another stage already has this name' },
    });
  }
}

function staleStage(current: Stage): AppError {
  return new AppError('version-conflict', 'Someone else changed this stage; review their change and try again', {
    current,
  });
}
