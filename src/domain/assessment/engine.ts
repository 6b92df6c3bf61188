import type { ObjectiveDefinition, ObjectiveKey } from '../knowledge/objectives.ts';
import { snapshotAsOf, type KnowledgeSnapshot } from '../knowledge/snapshot.ts';
import { probabilityOf, winProbabilityOf, type BindingLimit, type Contribution, type DealFacts } from './assess.ts';
import type { Hypothesis } from './hypothesis.ts';
import type { PersonNames } from './move-people.ts';
import { recommendMoves, type Recommendation } from './moves.ts';
import type { WinModel } from './model.ts';
import { dangerZones, firingRuleIds, type DangerZone, type DangerZoneRule, type RuleSetting } from './rules.ts';
import { computeSignals, type DealContext, type SignalEvidence, type Signals } from './signals.ts';

// assess(knowledge, context, model, asOf): the win probability with its band, the stage and seller
// figures beside it, what it rests on, the danger zones, and the moves worth making next.

export type AssessmentContext = DealContext &
  DealFacts & {
    stageProbability: number;
    sellerProbability: number | null;
    /** the seller's mean (own - model) gap over their recent deals, in points; null when unknown */
    sellerBias: number | null;
  };

export type { Recommendation };

export type Assessment = {
  winProbability: number;
  /** where the contributions start from: the model's base rate */
  baseProbability: number;
  band: [number, number];
  stageProbability: number;
  sellerProbability: number | null;
  /** seller minus evidence, in points; flagged by SELLER_FIGURE_GAP_RULE when large */
  sellerGap: number | null;
  coverageIndex: number;
  positions: Array<{ key: ObjectiveKey; knowledgeLevel: number; position: number | null }>;
  /** scorecard points per reason (10 double the odds), summing to totalPoints */
  contributions: Contribution[];
  totalPoints: number;
  /** what the total points give on the curve, before a guardrail binds */
  uncappedProbability: number;
  cap: BindingLimit | null;
  floor: BindingLimit | null;
  dangerZones: DangerZone[];
  recommendations: Recommendation[];
  modelVersion: string;
  signals: Signals;
  evidence: SignalEvidence;
};

export type EngineSetup = {
  model: WinModel;
  objectives: readonly ObjectiveDefinition[];
  rules: readonly DangerZoneRule[];
  ruleSettings?: Readonly<Record<string, RuleSetting>>;
};

function core(snapshot: KnowledgeSnapshot, ctx: AssessmentContext, setup: EngineSetup) {
  const set = computeSignals(snapshot, ctx, setup.objectives, { sellerSlots: true });
  const probability = probabilityOf(set, ctx, setup.model);
  const sellerGap = addSellerSignals(set.signals, ctx, probability.winProbability);
  const zones = dangerZones(setup.rules, set.signals, setup.ruleSettings);
  return { set, probability, sellerGap, zones };
}

/** The seller's gap to the model (and their usual bias) as signals; returns the gap in points. */
function addSellerSignals(signals: Signals, ctx: AssessmentContext, winProbability: number): number | null {
  const sellerGap = ctx.sellerProbability === null ? null : ctx.sellerProbability - winProbability * 100;
  signals.sellerGapAbs = sellerGap === null ? null : Math.abs(sellerGap);
  signals.sellerBiasAbs = ctx.sellerBias === null ? null : Math.abs(ctx.sellerBias);
  return sellerGap;
}

/** What a what-if is judged by: the same number and zones as core, without explanations. */
function whatIfOutcome(
  snapshot: KnowledgeSnapshot,
  ctx: AssessmentContext,
  setup: EngineSetup,
): { winProbability: number; zoneIds: () => string[] } {
  const { signals } = computeSignals(snapshot, ctx, setup.objectives, { explain: false, sellerSlots: true });
  const winProbability = winProbabilityOf(signals, ctx, setup.model);
  addSellerSignals(signals, ctx, winProbability);
  // only a move's best outcome is asked which zones it clears
  return { winProbability, zoneIds: () => firingRuleIds(setup.rules, signals, setup.ruleSettings) };
}

/** Knowledge plus hypothetical facts, as of the same day. */
export function withHypothesis(snapshot: KnowledgeSnapshot, hypothesis: Hypothesis): KnowledgeSnapshot {
  return snapshotAsOf(
    [...snapshot.items, ...hypothesis.items],
    [...snapshot.facts, ...hypothesis.facts],
    snapshot.asOf,
  );
}

export function assess(
  snapshot: KnowledgeSnapshot,
  ctx: AssessmentContext,
  setup: EngineSetup,
  options: { recommend?: boolean; names?: PersonNames } = {},
): Assessment {
  const { set, probability, sellerGap, zones } = core(snapshot, ctx, setup);
  const recommendations =
    options.recommend === false
      ? []
      : recommendMoves(
          snapshot,
          set.signals,
          ctx,
          zones,
          probability.winProbability,
          (hypothesis) => whatIfOutcome(withHypothesis(snapshot, hypothesis), ctx, setup),
          options.names,
        );
  return {
    winProbability: probability.winProbability,
    baseProbability: probability.baseProbability,
    band: probability.band,
    stageProbability: ctx.stageProbability,
    sellerProbability: ctx.sellerProbability,
    sellerGap,
    coverageIndex: set.kci,
    positions: set.scores.map((s) => ({ key: s.key, knowledgeLevel: s.knowledgeLevel, position: s.position })),
    contributions: probability.contributions,
    totalPoints: probability.totalPoints,
    uncappedProbability: probability.uncappedProbability,
    cap: probability.cap,
    floor: probability.floor,
    dangerZones: zones,
    recommendations,
    modelVersion: setup.model.version,
    signals: set.signals,
    evidence: set.evidence,
  };
}

/** The same assessment with hypothetical facts added; nothing is written anywhere. */
export function whatIf(
  snapshot: KnowledgeSnapshot,
  hypothesis: Hypothesis,
  ctx: AssessmentContext,
  setup: EngineSetup,
  names?: PersonNames,
): Assessment {
  return assess(withHypothesis(snapshot, hypothesis), ctx, setup, { names });
}
