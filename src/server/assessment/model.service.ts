import { randomUUID } from 'node:crypto';
import type { Actor } from '../../domain/access.ts';
import { DANGER_ZONE_RULES } from '../../domain/assessment/catalog.ts';
import type { WinModel } from '../../domain/assessment/model.ts';
import { ruleSettingSchema } from '../../domain/assessment/rules.ts';
import { quickProbability } from '../../domain/assessment/assess.ts';
import { compileRules } from '../../domain/assessment/rules.ts';
import { computeSignals } from '../../domain/assessment/signals.ts';
import { trainWithCurve } from '../../domain/assessment/curve.ts';
import type { TrainingExample } from '../../domain/assessment/training.ts';
import { zoneUsage } from '../../domain/assessment/zone-effects.ts';
import { longestQuietSpell, quietDaysOfWins } from '../../domain/assessment/quiet.ts';
import { snapshotAsOf } from '../../domain/knowledge/snapshot.ts';
import type { Db } from '../../db/database.ts';
import type { AppCaches } from '../cache.ts';
import type { AppDeps } from '../deps.ts';
import { AppError, notFound, unprocessable } from '../errors.ts';
import { listOpportunitiesByIds, listOpportunityIds, listOrgOpportunities } from '../opportunities/index.ts';
import { requireAdmin } from '../policy.ts';
import { inTransaction } from '../transaction.ts';
import * as repo from './assessment.repo.ts';
import { fitOffThread } from './fit.ts';
import type { AssessmentCause } from './cause.ts';
import { saveAssessmentsWithEvents, type AssessmentToSave } from './assessment-events.ts';
import {
  assessMany,
  closedOn,
  engineSetup,
  organizationPrior,
  recordsAndContexts,
  SAVE_BATCH,
} from './assessment.service.ts';

/** Each closed deal as the engine saw it on the day it closed, with how it ended. */
export async function trainingExamples(
  db: Db,
  caches: AppCaches,
  orgId: string,
  prior: WinModel,
): Promise<TrainingExample[]> {
  return (await closedDealHistory(db, caches, orgId, prior)).examples;
}

/**
 * The closed deals replayed to the day each closed: the training examples, and how long the won
 * ones went without news (what DZ-21 holds an open deal's silence against).
 */
async function closedDealHistory(
  db: Db,
  caches: AppCaches,
  orgId: string,
  prior: WinModel,
): Promise<{ examples: TrainingExample[]; quietDaysWon: number | null }> {
  const closed = await listOrgOpportunities(db, orgId, 'closed');
  const setup = await engineSetup(db, caches, orgId);
  const read = await recordsAndContexts(db, orgId, closed, prior, closedOn);
  const examples: TrainingExample[] = [];
  const wonSpells: number[] = [];
  for (const [index, o] of closed.entries()) {
    // replaying thousands of deals takes a while: let the requests waiting meanwhile be answered
    if (index > 0 && index % 100 === 0) await new Promise((resolve) => setImmediate(resolve));
    const { items, facts, ctx } = read.get(o.id)!;
    if (o.status === 'won') wonSpells.push(longestQuietSpell(items, facts, ctx.createdOn, ctx.asOf));
    const snapshot = snapshotAsOf(items, facts, ctx.asOf);
    const set = computeSignals(snapshot, ctx, setup.objectives);
    examples.push({
      signals: set.signals,
      kci: set.kci,
      deal: ctx,
      won: o.status === 'won',
      stageProbability: o.stageProbability,
      sellerProbability: o.sellerProbability,
      closedOn: ctx.asOf,
    });
  }
  return { examples, quietDaysWon: quietDaysOfWins(wonSpells) };
}

/** A refit whose holder died leaves its claim behind; after this long another may take it over. */
const ABANDONED_REFIT_MS = 60 * 60_000;

/**
 * Fits a new model version on the organization's closed deals, shrunk toward the calibrated
 * priors, makes it current and re-assesses every deal with it. One refit per organization at a
 * time across every instance and command; a second answers 409. The fit runs in a worker thread
 * and its result lands in one short transaction: the model and the assessments it gives.
 */
export async function refitModel(deps: AppDeps, orgId: string, by: string | null): Promise<WinModel> {
  return whileRefitClaimed(deps, orgId, async () => {
    const { prior, examples, quietDaysWon } = await fitInputs(deps, orgId);
    const at = deps.now().toISOString();
    const count = await repo.countModels(deps.db, orgId);
    const fitted = await fitOffThread(examples, prior, { ...FIT, trainedAt: at, version: `fitted-${count + 1}` });
    const model: WinModel = { ...fitted, quietDaysWon };
    const assessments = await assessmentsFromInputs(deps, orgId, 'all', { kind: 'refit', model: model.version }, model);
    await inTransaction(deps, async (tx) => {
      await repo.insertCurrentModel(tx, { id: randomUUID(), orgId, model, createdBy: by, at });
      await saveAssessmentsWithEvents(tx, deps, assessments);
    });
    deps.caches.engineSetups.invalidate(orgId);
    return model;
  });
}

/** How every model is fitted: checked on five folds of the closed deals, the same folds each time. */
const FIT = { folds: 5, seed: 1 } as const;

/** The calibrated prior and the closed deals to fit on, refused when they cannot teach a model. */
async function fitInputs(deps: AppDeps, orgId: string) {
  const prior = await organizationPrior(deps.db, deps.caches, orgId);
  const { examples, quietDaysWon } = await closedDealHistory(deps.db, deps.caches, orgId, prior);
  if (examples.length < 10 || examples.every((e) => e.won) || examples.every((e) => !e.won)) {
    throw new AppError(
      'unprocessable',
      `A model needs at least ten closed deals with both wins and losses; this organization has ${examples.length}`,
    );
  }
  return { prior, examples, quietDaysWon };
}

/**
 * The first model of a workspace that arrives with its history (the demo): fitted in this process
 * and in the caller's transaction, so the workspace opens on what its own closed deals teach rather
 * than on the untested expert prior. Re-assessing the deals with it is the caller's next step.
 */
export async function fitFirstModel(deps: AppDeps, orgId: string, by: string): Promise<WinModel> {
  const { prior, examples, quietDaysWon } = await fitInputs(deps, orgId);
  const at = deps.now().toISOString();
  const model: WinModel = {
    ...trainWithCurve(examples, prior, { ...FIT, trainedAt: at, version: 'fitted-1' }),
    quietDaysWon,
  };
  await repo.insertCurrentModel(deps.db, { id: randomUUID(), orgId, model, createdBy: by, at });
  deps.caches.engineSetups.invalidate(orgId);
  return model;
}

async function whileRefitClaimed<T>(deps: AppDeps, orgId: string, work: () => Promise<T>): Promise<T> {
  const at = deps.now().toISOString();
  const abandonedBefore = new Date(Date.parse(at) - ABANDONED_REFIT_MS).toISOString();
  const claimed =
    (await repo.claimRefit(deps.db, orgId, 'running', at)) ||
    (await repo.takeOverRefitClaim(deps.db, orgId, 'running', abandonedBefore, at));
  if (!claimed)
    throw new AppError('conflict', 'A refit of this model is already running; its result shows here when it ends');
  try {
    return await work();
  } finally {
    await repo.releaseRefitClaim(deps.db, orgId, 'running', at);
  }
}

/**
 * Re-assesses every deal from the signals stored with its last assessment: what a new model or
 * new rule settings change, without replaying any knowledge (100,000 deals take about a second).
 * The explanations follow when a deal is next opened, which recomputes it in full.
 */
export async function reassessFromInputs(
  deps: AppDeps,
  orgId: string,
  which: 'open' | 'all',
  cause: AssessmentCause,
): Promise<number> {
  const updated = await assessmentsFromInputs(deps, orgId, which, cause);
  await inTransaction(deps, (tx) => saveAssessmentsWithEvents(tx, deps, updated));
  return updated.length;
}

/** The stored assessments recomputed from their inputs, with the current model or the one given. */
async function assessmentsFromInputs(
  deps: AppDeps,
  orgId: string,
  which: 'open' | 'all',
  cause: AssessmentCause,
  model?: WinModel,
): Promise<AssessmentToSave[]> {
  const setup = await engineSetup(deps.db, deps.caches, orgId);
  const use = model ?? setup.model;
  const zonesOf = compileRules(setup.rules, setup.ruleSettings);
  const at = deps.now().toISOString();
  const rows = await repo.listAssessmentInputs(deps.db, orgId, which);
  const assessments: AssessmentToSave[] = [];
  for (const [index, row] of rows.entries()) {
    // a large organization takes about a second: let the requests waiting meanwhile be answered
    if (index > 0 && index % 2000 === 0) await new Promise((resolve) => setImmediate(resolve));
    const { signals, kci, deal } = row.inputs;
    const p = quickProbability(signals, kci, deal, use);
    const sellerGap = row.sellerProbability === null ? null : row.sellerProbability - p.winProbability * 100;
    const zones = zonesOf({ ...signals, sellerGapAbs: sellerGap === null ? null : Math.abs(sellerGap) });
    assessments.push({
      opportunityId: row.opportunityId,
      orgId,
      ownerId: row.ownerId,
      modelVersion: use.version,
      winProbability: p.winProbability,
      bandLow: p.band[0],
      bandHigh: p.band[1],
      coverageIndex: kci,
      sellerGap,
      topSeverity: zones[0]?.severity ?? null,
      zoneIds: zones.map((z) => z.id),
      zoneSeverities: new Map(zones.map((z) => [z.id, z.severity])),
      computedAt: at,
      inputs: row.inputs,
      cause,
    });
  }
  return assessments;
}

/** Recomputes the stored assessments of every open deal (after a refit or a rule change), or of all deals. */
export async function reassessDeals(
  deps: AppDeps,
  orgId: string,
  which: 'open' | 'all',
  cause: AssessmentCause,
): Promise<number> {
  const setup = await engineSetup(deps.db, deps.caches, orgId);
  const opportunities = await listOrgOpportunities(deps.db, orgId, which);
  await assessMany(deps, orgId, opportunities, setup, cause);
  return opportunities.length;
}

/** Re-assesses a few deals as they now stand, after a change made to them in bulk (a reassignment). */
export async function reassessDealsById(
  deps: AppDeps,
  orgId: string,
  ids: readonly string[],
  cause: AssessmentCause,
  /** told after each transaction of assessments, with how many of `ids` are done */
  onProgress?: (done: number) => unknown,
): Promise<void> {
  const setup = await engineSetup(deps.db, deps.caches, orgId);
  // read as many deals at once as assessMany writes in one transaction
  for (let i = 0; i < ids.length; i += SAVE_BATCH) {
    const batch = ids.slice(i, i + SAVE_BATCH);
    await assessMany(deps, orgId, await listOpportunitiesByIds(deps.db, orgId, batch), setup, cause);
    await onProgress?.(i + batch.length);
  }
}

export async function refitForActor(deps: AppDeps, actor: Actor) {
  requireAdmin(actor);
  await refitModel(deps, actor.orgId, actor.userId);
  return modelCard(deps, actor);
}

export async function modelCard(deps: AppDeps, actor: Actor) {
  const current =
    (await repo.findCurrentModel(deps.db, actor.orgId)) ?? (await organizationPrior(deps.db, deps.caches, actor.orgId));
  const [history, closed] = await Promise.all([
    repo.listModelVersions(deps.db, actor.orgId),
    listOpportunityIds(deps.db, actor.orgId, 'closed'),
  ]);
  const nanToNull = (n: number) => (Number.isNaN(n) ? null : n);
  const card = current.card
    ? {
        ...current.card,
        crossValidated: current.card.crossValidated
          ? { ...current.card.crossValidated, auc: nanToNull(current.card.crossValidated.auc) }
          : null,
        comparison: current.card.comparison
          ? {
              stage: current.card.comparison.stage
                ? { ...current.card.comparison.stage, auc: nanToNull(current.card.comparison.stage.auc) }
                : null,
              seller: current.card.comparison.seller
                ? { ...current.card.comparison.seller, auc: nanToNull(current.card.comparison.seller.auc) }
                : null,
            }
          : null,
      }
    : null;
  return {
    version: current.version,
    kind: current.kind,
    intercept: current.intercept,
    weights: current.weights,
    shapes: current.shapes ?? [],
    pairs: current.pairs ?? [],
    card,
    history,
    closedDeals: closed.length,
    quietDaysWon: current.quietDaysWon ?? null,
  };
}

// ---- danger-zone rules ----

export async function listRules(deps: AppDeps, actor: Actor) {
  const [settings, outcomes] = await Promise.all([
    repo.listRuleSettings(deps.db, actor.orgId),
    repo.listZoneOutcomes(deps.db, actor.orgId),
  ]);
  const usage = zoneUsage(
    outcomes,
    DANGER_ZONE_RULES.map((r) => r.id),
  );
  return DANGER_ZONE_RULES.map((r) => ({ ...ruleView(r, settings[r.id]), usage: usage.get(r.id)! }));
}

function ruleView(r: (typeof DANGER_ZONE_RULES)[number], s: repo.StoredRuleSetting | undefined) {
  return {
    id: r.id,
    name: r.name,
    objectives: r.objectives,
    severity: r.severity,
    enabled: s?.enabled ?? true,
    thresholds: { ...r.thresholds, ...(s?.thresholds ?? {}) },
    defaultThresholds: r.thresholds,
    actions: r.actions,
    questions: r.questions,
    rootCauses: r.rootCauses,
    version: s?.version ?? 0,
  };
}

export async function updateRule(
  deps: AppDeps,
  actor: Actor,
  ruleId: string,
  input: { enabled?: boolean | undefined; thresholds?: Record<string, number> | undefined; version: number },
) {
  requireAdmin(actor);
  const rule = DANGER_ZONE_RULES.find((r) => r.id === ruleId);
  if (!rule) throw notFound('Danger-zone rule');
  for (const key of Object.keys(input.thresholds ?? {})) {
    if (!(key in rule.thresholds)) {
      const known = Object.keys(rule.thresholds);
      throw unprocessable(
        `thresholds.${key}`,
        known.length ? `This rule's thresholds are ${known.join(', ')}` : 'This rule has no thresholds to tune',
      );
    }
  }
  await inTransaction(deps, async (tx) => {
    const current = (await repo.listRuleSettings(tx, actor.orgId))[ruleId];
    if ((current?.version ?? 0) !== input.version) throw staleRule(rule, current);
    const setting = ruleSettingSchema.parse({
      enabled: input.enabled ?? current?.enabled ?? true,
      thresholds: { ...(current?.thresholds ?? {}), ...(input.thresholds ?? {}) },
    });
    const saved = await repo.saveRuleSettingAtVersion(tx, {
      orgId: actor.orgId,
      ruleId,
      setting,
      expectedVersion: input.version,
      by: actor.userId,
      at: deps.now().toISOString(),
    });
    // another admin saved between our read and our write: theirs stands, ours is refused
    if (!saved) throw staleRule(rule, (await repo.listRuleSettings(tx, actor.orgId))[ruleId]);
  });
  deps.caches.engineSetups.invalidate(actor.orgId);
  await reassessFromInputs(deps, actor.orgId, 'all', { kind: 'rule', rule: ruleId });
  return (await listRules(deps, actor)).find((r) => r.id === ruleId)!;
}

function staleRule(rule: (typeof DANGER_ZONE_RULES)[number], current: repo.StoredRuleSetting | undefined): AppError {
  return new AppError('version-conflict', 'Someone else changed this rule; review their setting and try again', {
    current: ruleView(rule, current),
  });
}
