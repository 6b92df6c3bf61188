import { randomUUID } from 'node:crypto';
import type { Actor } from '../../domain/access.ts';
import { DEFAULT_OBJECTIVES, type ObjectiveDefinition, type ObjectiveKey } from '../../domain/knowledge/objectives.ts';
import type { Objective } from '../../contract/knowledge.ts';
import type { Db } from '../../db/database.ts';
import { uniqueViolation } from '../../db/constraints.ts';
import type { AppCaches } from '../cache.ts';
import type { AppDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { requireAdmin } from '../policy.ts';
import { inTransaction } from '../transaction.ts';
import { insertObjectiveVersion, listObjectiveVersions } from './knowledge.repo.ts';

/** The organization's catalog: the defaults, with each admin change applied (latest version wins). */
export async function currentObjectives(db: Db, orgId: string): Promise<Objective[]> {
  const versions = await listObjectiveVersions(db, orgId);
  return DEFAULT_OBJECTIVES.map((o) => {
    const latest = versions.filter((v) => v.key === o.key).at(-1);
    if (!latest) return { ...o, questions: [...o.questions], version: 0, changedAt: null, changedByName: null };
    return {
      ...o,
      definition: latest.definition,
      whyItMatters: latest.why_it_matters,
      questions: JSON.parse(latest.questions) as string[],
      weight: latest.weight,
      version: latest.version,
      changedAt: latest.changed_at,
      changedByName: latest.changed_by_name,
    };
  });
}

/** The catalog as `currentObjectives` reads it, from the cache when it is there. */
export function cachedObjectives(db: Db, caches: AppCaches, orgId: string): Promise<Objective[]> {
  return caches.objectives.get(orgId, '', () => currentObjectives(db, orgId));
}

export function asDefinitions(objectives: readonly Objective[]): ObjectiveDefinition[] {
  return objectives.map(({ key, number, name, definition, whyItMatters, questions, weight }) => ({
    key,
    number,
    name,
    definition,
    whyItMatters,
    questions,
    weight,
  }));
}

export function listObjectives(deps: AppDeps, actor: Actor): Promise<Objective[]> {
  return currentObjectives(deps.db, actor.orgId);
}

/** Every version of one objective, oldest first, starting with the default wording. */
export async function objectiveVersions(deps: AppDeps, actor: Actor, key: ObjectiveKey): Promise<Objective[]> {
  const base = DEFAULT_OBJECTIVES.find((o) => o.key === key)!;
  const versions = (await listObjectiveVersions(deps.db, actor.orgId)).filter((v) => v.key === key);
  return [
    { ...base, questions: [...base.questions], version: 0, changedAt: null, changedByName: null },
    ...versions.map((v) => ({
      ...base,
      definition: v.definition,
      whyItMatters: v.why_it_matters,
      questions: JSON.parse(v.questions) as string[],
      weight: v.weight,
      version: v.version,
      changedAt: v.changed_at,
      changedByName: v.changed_by_name,
    })),
  ];
}

/** Admins reword or re-weight an objective; each change is a new version, none is lost. */
export async function updateObjective(
  deps: AppDeps,
  actor: Actor,
  key: ObjectiveKey,
  input: {
    definition?: string | undefined;
    whyItMatters?: string | undefined;
    questions?: string[] | undefined;
    weight?: number | undefined;
    version: number;
  },
): Promise<Objective> {
  requireAdmin(actor);
  const at = deps.now().toISOString();
  try {
    const changed = await inTransaction(deps, async (tx) => {
      const current = (await currentObjectives(tx, actor.orgId)).find((o) => o.key === key)!;
      if (current.version !== input.version) {
        throw new AppError(
          'version-conflict',
          'Someone else changed this objective; review their wording and try again',
          { current },
        );
      }
      await insertObjectiveVersion(tx, {
        id: randomUUID(),
        orgId: actor.orgId,
        key,
        version: current.version + 1,
        definition: input.definition ?? current.definition,
        whyItMatters: input.whyItMatters ?? current.whyItMatters,
        questions: input.questions ?? current.questions,
        weight: input.weight ?? current.weight,
        changedBy: actor.userId,
        changedAt: at,
      });
      return (await currentObjectives(tx, actor.orgId)).find((o) => o.key === key)!;
    });
    // the objectives' weights feed every assessment
    deps.caches.objectives.invalidate(actor.orgId);
    deps.caches.engineSetups.invalidate(actor.orgId);
    return changed;
  } catch (error) {
    if (uniqueViolation(error)) {
      // the other admin's version landed first; PostgreSQL has aborted ours, so read theirs anew
      const current = (await currentObjectives(deps.db, actor.orgId)).find((o) => o.key === key);
      throw new AppError(
        'version-conflict',
        'Someone else changed this objective at the same moment; review their wording and try again',
        { current },
      );
    }
    throw error;
  }
}
