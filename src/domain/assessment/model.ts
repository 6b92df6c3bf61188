import { listInWords } from '../text.ts';
import { US } from '../knowledge/schema.ts';
import type { Signals } from './signals.ts';

// The win-probability model: additive in log-odds over features computed from signals, so each
// feature's share of the probability can be shown and traced to its evidence. Day one uses expert
// priors; an organization's own closed deals then refit the weights, shrunk toward those priors.

export type FeatureDef = {
  key: string;
  /** prior weight (log-odds per unit) */
  prior: number;
  value(s: Signals): number;
  /** plain words for a non-zero value */
  describe(s: Signals, value: number): string;
};

const num = (v: unknown) => (typeof v === 'number' ? v : 0);
const flag = (v: unknown) => (v === true ? 1 : 0);
const pct = (x: number) => `${Math.round(x * 100)} %`;

/** REFERENCE 4.3: the expert-prior features and their log-odds weights. */
const FEATURES = [
  {
    key: 'prefShareGap',
    prior: 1.5,
    value: (s) => num(s.prefShareGap),
    describe: (_s, v) =>
      v > 0
        ? `The buying group leans our way: ${pct(v)} more influence favours us than any alternative`
        : `Another alternative holds ${pct(-v)} more of the buying group's influence than we do`,
  },
  {
    key: 'ebEngaged',
    prior: 0.8,
    value: (s) => flag(s.ebEngaged),
    describe: () => 'We met the economic buyer, who confirmed the priority',
  },
  {
    key: 'ebUnknownLate',
    prior: -1.0,
    value: (s) => (s.ebIdentified === false && num(s.daysToClose) <= 60 ? 1 : 0),
    describe: (s) => `The economic buyer is still unknown with ${num(s.daysToClose)} days to the close date`,
  },
  {
    key: 'championStrength',
    prior: 1.0,
    value: (s) => num(s.championStrength),
    describe: (s) =>
      `Our champion passed ${num(s.championPassedCount)} of 6 tests${s.championPowerPassed ? ', power included' : ', but not the power test'}`,
  },
  {
    key: 'hiInfluenceFavoursOther',
    prior: -0.8,
    value: (s) => num(s.highInfluenceFavouringOther),
    describe: (_s, v) =>
      `${v} high-influence evaluator${v === 1 ? '' : 's'} favour${v === 1 ? 's' : ''} another option or oppose${v === 1 ? 's' : ''} us`,
  },
  {
    key: 'compellingEvent',
    prior: 0.6,
    // a renewal's contract ends: that date forces a decision whatever else is known
    value: (s) => (num(s.P2) >= 1 || s.contractEnds === true ? 1 : 0),
    describe: (s) =>
      s.renewal === true && num(s.P2) < 1
        ? 'The current contract ends: its end date is the deadline for the renewal'
        : s.contractEnds === true
          ? "The current contract's end drives the customer's date"
          : "A real compelling event drives the customer's date",
  },
  {
    key: 'noCompellingEvent',
    prior: -0.7,
    value: (s) => (s.contractEnds !== true && (s.compellingEventType === 'none' || num(s.K2) === 0) ? 1 : 0),
    describe: (s) =>
      s.compellingEventType === 'none'
        ? 'The customer says nothing forces a decision'
        : 'We know of no event that forces a decision',
  },
  {
    key: 'impactAgreed',
    prior: 0.6,
    value: (s) => (num(s.K1) >= 3 && num(s.P1) >= 1 ? 1 : 0),
    describe: () => 'The business impact is quantified and owned by an influential evaluator',
  },
  {
    key: 'criteriaFitAdvantage',
    prior: 1.0,
    value: (s) => num(s.criteriaFitAdvantage),
    describe: (_s, v) =>
      v > 0
        ? 'We fit the weighted decision criteria better than the alternatives'
        : 'An alternative fits the weighted decision criteria better',
  },
  {
    key: 'competitorPresent',
    prior: -0.8,
    value: (s) => flag(s.competitorPresent),
    describe: () => 'A competitor is in the evaluation',
  },
  {
    key: 'newLogo',
    prior: -0.8,
    value: (s) => flag(s.newLogo),
    describe: () => 'A new customer: no relationship to build on yet',
  },
  { key: 'upsell', prior: 1.0, value: (s) => flag(s.upsell), describe: () => 'An up-sell to an existing customer' },
  {
    key: 'mapAgreed',
    prior: 0.5,
    value: (s) => (s.mapAgreed === true && num(s.overdueSteps) === 0 ? 1 : 0),
    describe: () => 'A mutual action plan is agreed and on schedule',
  },
  {
    key: 'budgetAllocated',
    prior: 0.4,
    value: (s) => flag(s.budgetAllocated),
    describe: () => 'The budget is allocated',
  },
  {
    key: 'budgetUnknown',
    prior: -0.6,
    value: (s) => flag(s.budgetUnknown),
    describe: () => 'We do not know whether there is a budget',
  },
  {
    key: 'unknownCritical',
    prior: -0.3,
    value: (s) => num(s.unknownCritical),
    describe: (_s, v) =>
      `${v} of the four critical facts (economic buyer, budget, alternatives, decision process) are still unknown this far into the cycle`,
  },
  {
    key: 'closeDatePushes',
    prior: -0.3,
    value: (s) => Math.min(3, num(s.closeDatePushes)),
    describe: (_s, v) => `The close date has moved later ${v} time${v === 1 ? '' : 's'}`,
  },
] as const satisfies readonly FeatureDef[];

export const KNOWLEDGE_FEATURES: readonly FeatureDef[] = FEATURES;
/** The key of every knowledge feature (what the web names in words). */
export type FeatureKey = (typeof FEATURES)[number]['key'];

/**
 * A guardrail on the probability: a cap it cannot rise above, or a floor it cannot fall below, and
 * the reason in words for the deal it binds on. Caps are disqualifiers and ceilings on what the
 * evidence can support; the one floor says the model does not go near zero without a disqualifier.
 */
export type Cap = {
  key: string;
  bound: 'cap' | 'floor';
  limit: number;
  applies(s: Signals): boolean;
  describe(s: Signals): string;
};

const HOSTILE_SUPPORT = ['non_supporter', 'enemy'];
const COMMITTED_SUPPORT = ['supporter', 'mentor'];
const NOT_RECEPTIVE = ['even_keel', 'overconfident'];

/** The material facts a deal cannot be judged without, each with its words when unknown. */
const MATERIAL_UNKNOWNS = [
  { unknown: (s: Signals) => s.ebIdentified !== true, words: 'who the economic buyer is' },
  { unknown: (s: Signals) => s.budgetUnknown === true, words: 'whether there is a budget' },
  { unknown: (s: Signals) => s.processKnown !== true, words: 'how the customer decides' },
  { unknown: (s: Signals) => s.alternativesKnown !== true, words: 'what else the customer is considering' },
] as const;

/** What a seller would accept as near-certainty: all of them before an open deal shows more than 95 %. */
const CERTAINTY_REASONS = [
  {
    holds: (s: Signals) => s.customerPreference === US,
    words: 'a verbal award (the customer told us we are their choice)',
  },
  {
    holds: (s: Signals) => s.paperProcessKnown === true && s.signatoryKnown === true,
    words: 'the paper process under way with a known signatory',
  },
  {
    holds: (s: Signals) => s.ebEngaged === true && COMMITTED_SUPPORT.includes(String(s.ebSupport)),
    words: 'the economic buyer committed (met, priority confirmed, backing us)',
  },
] as const;

/** The disqualifiers: no cap below 2 % binds without one of them. */
const isDisqualified = (s: Signals) => s.weEliminated === true || s.mandatoryFail === true;

/** Guardrails: whatever else is true, the probability stays within these. */
const CAP_TABLE = [
  {
    key: 'eliminated',
    bound: 'cap',
    limit: 0,
    applies: (s) => s.weEliminated === true,
    describe: () => 'The customer has taken us off the shortlist',
  },
  {
    key: 'mandatoryFail',
    bound: 'cap',
    limit: 0.05,
    applies: (s) => s.mandatoryFail === true,
    describe: () => 'We fail a must-have criterion',
  },
  {
    key: 'noBudgetNoOwnerNoEvent',
    bound: 'cap',
    limit: 0.15,
    applies: (s) =>
      s.budgetStatus === 'none' &&
      s.budgetOwnerKnown === false &&
      ['none', 'unknown'].includes(String(s.compellingEventType)),
    describe: () => 'No budget, nobody who owns one, and nothing forcing a decision',
  },
  {
    key: 'ebHostile',
    bound: 'cap',
    limit: 0.2,
    // a reported preference yields to what the economic buyer himself said or did
    applies: (s) =>
      (HOSTILE_SUPPORT.includes(String(s.ebSupport)) || s.ebFavoursOther === true) && s.ebBacksUsFirstHand !== true,
    describe: (s) =>
      HOSTILE_SUPPORT.includes(String(s.ebSupport))
        ? 'The economic buyer opposes us'
        : 'The economic buyer favours another option',
  },
  {
    key: 'ebNotReceptive',
    bound: 'cap',
    limit: 0.2,
    // a tag ("even keel") yields to the economic buyer's own words or actions showing he wants it
    applies: (s) =>
      NOT_RECEPTIVE.includes(String(s.ebResponseMode)) && num(s.otherReceptiveHigh) === 0 && s.ebShowsIntent !== true,
    describe: () =>
      'The economic buyer sees no need to change, no other influential evaluator is pushing for it, and he has not said or shown otherwise himself',
  },
  {
    key: 'ebNeverMet',
    bound: 'cap',
    limit: 0.4,
    applies: (s) => s.ebMet !== true && (s.late === true || s.largeDeal === true),
    describe: (s) => {
      const who =
        s.ebIdentified === true ? 'We have never met the economic buyer' : 'We do not know who the economic buyer is';
      return s.late === true
        ? `${who}, this late in the cycle (${num(s.daysToClose)} days to the close date)`
        : `${who}, on a large deal`;
    },
  },
  {
    key: 'materialUnknown',
    bound: 'cap',
    limit: 0.5,
    applies: (s) => MATERIAL_UNKNOWNS.some((m) => m.unknown(s)),
    describe: (s) =>
      `No better than even while we do not know ${listInWords(MATERIAL_UNKNOWNS.filter((m) => m.unknown(s)).map((m) => m.words))}`,
  },
  {
    key: 'unprovenCertainty',
    bound: 'cap',
    limit: 0.95,
    applies: (s) => CERTAINTY_REASONS.some((r) => !r.holds(s)),
    describe: (s) =>
      `Above 95 % only with a verbal award, the paper process under way and the economic buyer committed; still missing: ${listInWords(CERTAINTY_REASONS.filter((r) => !r.holds(s)).map((r) => r.words))}`,
  },
  {
    key: 'noDisqualifier',
    bound: 'floor',
    limit: 0.02,
    applies: (s) => !isDisqualified(s),
    describe: () =>
      'Nothing rules us out yet (we are on the shortlist and fail no must-have), so the evidence does not put it below 2 %',
  },
] as const satisfies readonly Cap[];

export const CAPS: readonly Cap[] = CAP_TABLE;
export type CapKey = (typeof CAP_TABLE)[number]['key'];

/** One size of the learning curve as the card keeps it: how the fit and the priors alone did on the next deals. */
export type CardCurvePoint = {
  trainedOn: number;
  testedOn: number;
  model: { auc: number; brier: number };
  prior: { auc: number; brier: number };
  baseRate: { brier: number };
};

export type ModelCard = {
  trainingSize: number;
  wonCount: number;
  trainedAt: string;
  /** how close to the expert priors the fit stayed (their precision), chosen on the latest deals; absent on older cards */
  shrinkage?: number;
  /** the boosting rounds kept on top of the weights (shapes, then pairs), chosen on the latest deals; absent on older cards */
  boosting?: { rounds: number; pairRounds: number };
  crossValidated: { auc: number; brier: number; logLoss: number; ece: number; folds: number } | null;
  reliability: Array<{ from: number; to: number; count: number; meanPredicted: number; observedRate: number }>;
  /** the learning curve on this organization's own history (curve.ts); absent on older cards */
  curve?: CardCurvePoint[];
  comparison: {
    stage: { auc: number; brier: number } | null;
    seller: { auc: number; brier: number; count: number } | null;
  } | null;
};

/**
 * What boosting learned on top of a knowledge feature's weight: log-odds per band of its value (a
 * band holds the values from one edge up to the next), 0 on the band that holds 0, so a deal without
 * the feature weighs nothing for it, as with the weight alone.
 */
export type FeatureShape = { feature: string; edges: number[]; logOdds: number[] };

/**
 * Two knowledge features that this organization's deals weigh differently together than apart: log-
 * odds per pair of bands (a's band, then b's), 0 wherever either is in the band that holds 0.
 */
export type FeaturePair = { a: string; b: string; aEdges: number[]; bEdges: number[]; logOdds: number[][] };

/** A versioned set of weights: intercept plus per-feature log-odds weights (context features included). */
export type WinModel = {
  version: string;
  kind: 'prior' | 'fitted';
  intercept: number;
  weights: Record<string, number>;
  /** amount bands (minor units) for the context feature "amount band" */
  amountBandEdges: number[];
  /** from what amount a deal counts as large, and how long a typical cycle runs (from history) */
  largeDealMinor: number;
  expectedCycleDays: number;
  /**
   * how long this organization's won deals went without news (the 75th percentile of their longest
   * quiet spells), learned at a refit; null (or absent, in models stored before it) when unknown
   */
  quietDaysWon?: number | null;
  /** learned by boosting from the closed deals, when they earned their place (absent in the priors and older models) */
  shapes?: FeatureShape[];
  pairs?: FeaturePair[];
  card: ModelCard | null;
};

export const DEFAULT_LARGE_DEAL_MINOR = 10_000_000;
export const DEFAULT_CYCLE_DAYS = 90;

export const DEFAULT_BASE_RATE = 0.45;
export const PRIOR_MODEL_VERSION = 'prior-1';

const logit = (p: number) => Math.log(p / (1 - p));

/**
 * Day one: the experts' weights on top of the organization's base rate (the share of closed deals
 * won, or 45 % when there is no history). Unknowns weigh against a deal, as they should.
 */
export function priorModel(
  baseRate = DEFAULT_BASE_RATE,
  calibration: { largeDealMinor?: number; expectedCycleDays?: number } = {},
): WinModel {
  const weights: Record<string, number> = {};
  for (const f of KNOWLEDGE_FEATURES) weights[f.key] = f.prior;
  return {
    version: PRIOR_MODEL_VERSION,
    kind: 'prior',
    intercept: logit(Math.min(0.95, Math.max(0.05, baseRate))),
    weights,
    amountBandEdges: [],
    largeDealMinor: calibration.largeDealMinor ?? DEFAULT_LARGE_DEAL_MINOR,
    expectedCycleDays: calibration.expectedCycleDays ?? DEFAULT_CYCLE_DAYS,
    card: null,
  };
}
