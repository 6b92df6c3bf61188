import type { z } from 'zod';
import type { GapRules, gapRulesBodySchema } from '../../contract/gap-rules.ts';
import type { Actor } from '../../domain/access.ts';
import {
  DEFAULT_GAP_RULE_SET,
  describeGapRule,
  describeRecurrence,
  gapRuleSetChanges,
  gapRuleSetSchema,
  type GapRuleSet,
} from '../../domain/coaching/gap-rule-set.ts';
import { appendAuditEvents, organizationChange } from '../audit/index.ts';
import type { AppDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { requireAdmin } from '../policy.ts';
import { inTransaction } from '../transaction.ts';
import { cachedUserNames } from '../users/index.ts';
import * as repo from './gap-rules.repo.ts';

// When a scorecard flags a gap: the organization's own rules once an administrator saved them,
// the defaults otherwise. Every member reads them; administrators replace them whole, or reset
// them, at the version they saw, each change an audit event of the organization (its history).

/** The set a stored row stands for: its own when it holds a valid one, the defaults otherwise. */
function effectiveSet(stored: repo.StoredGapRules | undefined): GapRuleSet {
  if (!stored || stored.ruleSet === null) return DEFAULT_GAP_RULE_SET;
  const parsed = gapRuleSetSchema.safeParse(stored.ruleSet);
  // saved valid; a set a later version of the rules' shape refuses falls back to the defaults
  // rather than failing every scorecard (the administrator sees the defaults and saves again)
  return parsed.success ? parsed.data : DEFAULT_GAP_RULE_SET;
}

/** The rules every scorecard of the organization is read with, from the caches (a statement when cold). */
export function organizationGapRules(deps: Pick<AppDeps, 'db' | 'caches'>, orgId: string): Promise<GapRuleSet> {
  return deps.caches.gapRules.get(orgId, 'set', async () => effectiveSet(await repo.findGapRules(deps.db, orgId)));
}

async function present(deps: AppDeps, orgId: string, stored: repo.StoredGapRules | undefined): Promise<GapRules> {
  const set = effectiveSet(stored);
  const names = stored ? await cachedUserNames(deps.db, deps.caches, orgId) : null;
  return {
    rules: set.rules.map((rule) => ({ ...rule, text: describeGapRule(rule) })),
    recurrence: { ...set.recurrence, text: describeRecurrence(set.recurrence) },
    isDefault: set === DEFAULT_GAP_RULE_SET,
    version: stored?.version ?? 0,
    updatedAt: stored?.updatedAt ?? null,
    updatedByName: stored ? (names!.get(stored.updatedBy) ?? 'Former colleague') : null,
  };
}

export async function readGapRules(deps: AppDeps, actor: Actor): Promise<GapRules> {
  return present(deps, actor.orgId, await repo.findGapRules(deps.db, actor.orgId));
}

/** Replaces the whole set (`null`: back to the defaults) if nobody changed it since `version`. */
async function writeGapRules(deps: AppDeps, actor: Actor, version: number, next: GapRuleSet | null): Promise<GapRules> {
  requireAdmin(actor);
  const at = deps.now().toISOString();
  const saved = await inTransaction(deps, async (tx) => {
    const current = await repo.findGapRules(tx, actor.orgId);
    if ((current?.version ?? 0) !== version) throw await staleRules(deps, actor.orgId, current);
    const changes = gapRuleSetChanges(effectiveSet(current), next ?? DEFAULT_GAP_RULE_SET);
    const wasDefault = !current || current.ruleSet === null;
    // nothing to change (saving the defaults as they are keeps following them): no version, no history
    if (changes.length === 0 && (next !== null || wasDefault)) return current;
    const stored: repo.StoredGapRules = { ruleSet: next, version: version + 1, updatedBy: actor.userId, updatedAt: at };
    const written = await repo.saveGapRulesAtVersion(tx, {
      orgId: actor.orgId,
      ruleSet: next,
      expectedVersion: version,
      by: actor.userId,
      at,
    });
    // another administrator saved between our read and our write: theirs stands, ours is refused
    if (!written) throw await staleRules(deps, actor.orgId, await repo.findGapRules(tx, actor.orgId));
    await appendAuditEvents(tx, [
      organizationChange(
        actor,
        at,
        next === null ? [...changes, { field: 'gapRules', from: 'own', to: 'defaults' }] : changes,
      ),
    ]);
    return stored;
  });
  deps.caches.gapRules.invalidate(actor.orgId);
  return present(deps, actor.orgId, saved);
}

export function replaceGapRules(
  deps: AppDeps,
  actor: Actor,
  body: z.output<typeof gapRulesBodySchema>,
): Promise<GapRules> {
  const { version, rules, recurrence } = body;
  return writeGapRules(deps, actor, version, { rules, recurrence });
}

export function resetGapRules(deps: AppDeps, actor: Actor, version: number): Promise<GapRules> {
  return writeGapRules(deps, actor, version, null);
}

async function staleRules(deps: AppDeps, orgId: string, current: repo.StoredGapRules | undefined): Promise<AppError> {
  return new AppError('version-conflict', 'Someone else changed the gap rules; review their set and try again', {
    current: await present(deps, orgId, current),
  });
}
