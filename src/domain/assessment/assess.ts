import type { SignalName, Signals, SignalSet } from './signals.ts';
import {
  CAPS,
  KNOWLEDGE_FEATURES,
  type Cap,
  type FeatureDef,
  type FeatureKey,
  type FeatureShape,
  type WinModel,
} from './model.ts';

// One opportunity's win probability as a scorecard: every reason weighs points on the log-odds
// scale (10 points double the odds; the base rate is 0 points), so a reason's points depend on that
// reason alone and the points add up to the total exactly. One curve turns the total into the
// probability; a guardrail (cap or floor) may then bind, in words. The band widens when little is known.

/** Scorecard points per doubling of the odds. */
export const POINTS_PER_DOUBLING = 10;
const POINTS_PER_LOG_ODDS = POINTS_PER_DOUBLING / Math.LN2;

/** A weight in log-odds as scorecard points. */
export function pointsOfLogOdds(logOdds: number): number {
  return logOdds * POINTS_PER_LOG_ODDS;
}

/** The one curve: the probability a total of scorecard points gives, from the base rate. */
export function probabilityAtPoints(baseProbability: number, points: number): number {
  return sigmoid(Math.log(baseProbability / (1 - baseProbability)) + points / POINTS_PER_LOG_ODDS);
}

export type Contribution = {
  feature: string;
  /** scorecard points: its log-odds x 10 / ln 2 (10 points double the odds) */
  points: number;
  logOdds: number;
  reason: string;
  /** the signals whose evidence explains it */
  signals: string[];
};

/** A guardrail that binds on this deal: the limit, and why. */
export type BindingLimit = { key: string; limit: number; reason: string };

export type Probability = {
  winProbability: number;
  band: [number, number];
  baseProbability: number;
  /** the sum of the contributions' points */
  totalPoints: number;
  /** the probability the total points give on the curve, before any guardrail */
  uncappedProbability: number;
  cap: BindingLimit | null;
  floor: BindingLimit | null;
  contributions: Contribution[];
};

export type DealFacts = {
  dealType: string;
  relationship: string;
  source: string | null;
  segment: string | null;
  amountMinor: number;
};

function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** Which signals each knowledge feature reads, for tracing its evidence. */
const FEATURE_SIGNALS: Record<string, SignalName[]> = {
  prefShareGap: ['prefShareGap'],
  ebEngaged: ['ebEngaged', 'ebMet', 'ebConfirmedPriority'],
  ebUnknownLate: ['ebIdentified'],
  championStrength: ['championStrength', 'championPowerPassed'],
  hiInfluenceFavoursOther: ['highInfluenceFavouringOther'],
  compellingEvent: ['compellingEventType'],
  noCompellingEvent: ['compellingEventType'],
  impactAgreed: ['impactQuantified', 'impactAgreed'],
  criteriaFitAdvantage: ['criteriaFitAdvantage'],
  competitorPresent: ['competitorPresent'],
  mapAgreed: ['mapAgreed'],
  budgetAllocated: ['budgetAllocated'],
  budgetUnknown: ['budgetUnknown'],
} satisfies Partial<Record<FeatureKey, SignalName[]>>;

/** The band a value falls in: how many of the (ascending) edges it reaches. */
export function bandIn(value: number, edges: readonly number[]): number {
  let band = 0;
  while (band < edges.length && value >= edges[band]!) band++;
  return band;
}

export const amountBand = bandIn;

/** The key of a learned pair's term: both features' keys. */
export const pairKey = (a: string, b: string) => `${a}+${b}`;

/** Whether a term weighs what we know (a knowledge feature or a learned pair of them) rather than the deal's context. */
export function isKnowledgeTerm(feature: string): boolean {
  return feature.split('+').every((key) => FEATURE_BY_KEY.has(key));
}

/** The context one-hots that are 1 for this deal, in order (every other context feature is 0). */
export function contextKeys(deal: DealFacts, model: Pick<WinModel, 'amountBandEdges'>): string[] {
  const keys = [
    `dealType:${deal.dealType}`,
    `relationship:${deal.relationship}`,
    `source:${deal.source ?? 'unknown'}`,
    `segment:${deal.segment ?? 'unknown'}`,
  ];
  if (model.amountBandEdges.length > 0) keys.push(`amountBand:${amountBand(deal.amountMinor, model.amountBandEdges)}`);
  return keys;
}

/** Context features (present with weight 0 in the prior model; a fitted model learns them). */
export function contextFeatures(deal: DealFacts, model: Pick<WinModel, 'amountBandEdges'>): Record<string, number> {
  const features: Record<string, number> = {};
  for (const key of contextKeys(deal, model)) features[key] = 1;
  return features;
}

/** The full feature vector the model weighs: knowledge features and context one-hots. */
export function featureVector(
  signals: Signals,
  deal: DealFacts,
  model: Pick<WinModel, 'amountBandEdges'>,
): Record<string, number> {
  const x: Record<string, number> = {};
  for (const f of KNOWLEDGE_FEATURES) x[f.key] = f.value(signals);
  return { ...x, ...contextFeatures(deal, model) };
}

function describeContext(key: string): string {
  const [kind, value] = key.split(':') as [string, string];
  const words = value.replaceAll('_', ' ');
  switch (kind) {
    case 'dealType':
      return `Deals of type "${words}" in your history`;
    case 'relationship':
      return `Deals with ${words} customers in your history`;
    case 'source':
      return `Deals from source "${words}" in your history`;
    case 'segment':
      return `Deals in the ${words} segment in your history`;
    default:
      return 'Deals of this size in your history';
  }
}

/**
 * The number, its band and its cap without building explanations: the same model as
 * probabilityOf, for re-assessing many deals at once from their stored signals.
 */
export function quickProbability(
  signals: Signals,
  kci: number,
  deal: DealFacts,
  model: WinModel,
): { winProbability: number; band: [number, number] } {
  const z = logOddsOf(signals, deal, model);
  const { cap, floor } = guardrails(signals);
  const p = within(sigmoid(z), cap, floor);
  return { winProbability: p, band: bandOf(z, kci, p, cap, floor) };
}

/** The model's log-odds for a deal, before any guardrail (what the points add up to, with the intercept). */
export function logOddsOf(signals: Signals, deal: DealFacts, model: WinModel): number {
  const weighed = weighedModel(model);
  let z = model.intercept + knowledgeLogOdds(weighed, signals, null);
  z +=
    (weighed.dealType.get(deal.dealType)?.weight ?? 0) +
    (weighed.relationship.get(deal.relationship)?.weight ?? 0) +
    (weighed.source.get(deal.source ?? 'unknown')?.weight ?? 0) +
    (weighed.segment.get(deal.segment ?? 'unknown')?.weight ?? 0);
  if (model.amountBandEdges.length > 0)
    z += weighed.amountBand.get(String(amountBand(deal.amountMinor, model.amountBandEdges)))?.weight ?? 0;
  return z;
}

/** The guardrails that apply: the lowest cap and the highest floor (the first of equals). */
export function guardrails(signals: Signals): { cap: Cap | undefined; floor: Cap | undefined } {
  let cap: Cap | undefined;
  let floor: Cap | undefined;
  for (const c of CAPS) {
    if (c.bound === 'cap' ? cap && c.limit >= cap.limit : floor && c.limit <= floor.limit) continue;
    if (!c.applies(signals)) continue;
    if (c.bound === 'cap') cap = c;
    else floor = c;
  }
  return { cap, floor };
}

/** p held between the floor and the cap; the cap wins should they cross. */
function within(p: number, cap: Cap | undefined, floor: Cap | undefined): number {
  const raised = floor && p < floor.limit ? floor.limit : p;
  return cap && raised > cap.limit ? cap.limit : raised;
}

/** The band around the log-odds, held by the same guardrails, and never excluding the figure itself. */
function bandOf(z: number, kci: number, p: number, cap: Cap | undefined, floor: Cap | undefined): [number, number] {
  const spread = bandSpread(kci);
  return [Math.min(p, within(sigmoid(z - spread), cap, floor)), Math.max(p, within(sigmoid(z + spread), cap, floor))];
}

/** The less we know, the wider the band: an 80 % interval on the log-odds scale. */
function bandSpread(kci: number): number {
  return 1.28 * (0.35 + 1.65 * (1 - kci));
}

const FEATURE_BY_KEY = new Map<string, FeatureDef>(KNOWLEDGE_FEATURES.map((f) => [f.key, f]));

type Weighed = { key: string; weight: number };

/** A learned pair as a deal reads it: which knowledge features (by their place in KNOWLEDGE_FEATURES), and its table. */
type WeighedPair = { key: string; a: number; b: number; aEdges: number[]; bEdges: number[]; logOdds: number[][] };

/**
 * A model's weights as every deal reads them: each knowledge feature beside its weight, and per
 * kind of context (deal type, relationship ...) the weight of each value the model knows. Built
 * once per model (an organization assesses all its deals with one), so a deal neither looks its
 * features up by name nor builds "dealType:..." keys to look them up. Weak keys: nothing outlives
 * the model; a model's weights are never changed once made (a refit makes a new model).
 */
type WeighedModel = {
  knowledge: Array<{ feature: FeatureDef; weight: number; shape: FeatureShape | undefined }>;
  pairs: WeighedPair[];
  /** each knowledge feature's value for the deal being weighed (scratch, filled by knowledgeLogOdds) */
  values: Float64Array;
  dealType: Map<string, Weighed>;
  relationship: Map<string, Weighed>;
  source: Map<string, Weighed>;
  segment: Map<string, Weighed>;
  amountBand: Map<string, Weighed>;
};

const CONTEXT_KINDS = ['dealType', 'relationship', 'source', 'segment', 'amountBand'] as const;
const weighedModels = new WeakMap<WinModel, WeighedModel>();

function weighedModel(model: WinModel): WeighedModel {
  let weighed = weighedModels.get(model);
  if (!weighed) {
    const byKind = (kind: (typeof CONTEXT_KINDS)[number]) => {
      const values = new Map<string, Weighed>();
      for (const [key, weight] of Object.entries(model.weights)) {
        const colon = key.indexOf(':');
        // the first colon ends the kind, as describeContext reads it
        if (colon > 0 && key.slice(0, colon) === kind && weight !== undefined)
          values.set(key.slice(colon + 1), { key, weight });
      }
      return values;
    };
    const place = new Map(KNOWLEDGE_FEATURES.map((f, i) => [f.key, i]));
    const shapes = new Map((model.shapes ?? []).map((shape) => [shape.feature, shape]));
    weighed = {
      knowledge: KNOWLEDGE_FEATURES.map((feature) => ({
        feature,
        weight: model.weights[feature.key] ?? 0,
        shape: shapes.get(feature.key),
      })),
      // a pair of features this version of the engine no longer has weighs nothing
      pairs: (model.pairs ?? []).flatMap((pair) => {
        const a = place.get(pair.a);
        const b = place.get(pair.b);
        return a === undefined || b === undefined ? [] : [{ ...pair, key: pairKey(pair.a, pair.b), a, b }];
      }),
      values: new Float64Array(KNOWLEDGE_FEATURES.length),
      dealType: byKind('dealType'),
      relationship: byKind('relationship'),
      source: byKind('source'),
      segment: byKind('segment'),
      amountBand: byKind('amountBand'),
    };
    weighedModels.set(model, weighed);
  }
  return weighed;
}

type Term = { key: string; value: number; logOdds: number; pair?: WeighedPair };

/**
 * What the knowledge weighs, in log-odds: each feature's weight × its value plus its learned shape at
 * that value, then each learned pair; every non-zero one is pushed onto `terms` when given.
 */
function knowledgeLogOdds(weighed: WeighedModel, signals: Signals, terms: Term[] | null): number {
  const { values } = weighed;
  let sum = 0;
  weighed.knowledge.forEach(({ feature, weight, shape }, i) => {
    const value = feature.value(signals);
    values[i] = value;
    const logOdds = weight * value + (shape ? shape.logOdds[bandIn(value, shape.edges)]! : 0);
    if (logOdds === 0) return;
    sum += logOdds;
    terms?.push({ key: feature.key, value, logOdds });
  });
  for (const pair of weighed.pairs) {
    const logOdds = pair.logOdds[bandIn(values[pair.a]!, pair.aEdges)]![bandIn(values[pair.b]!, pair.bEdges)]!;
    if (logOdds === 0) continue;
    sum += logOdds;
    terms?.push({ key: pair.key, value: 1, logOdds, pair });
  }
  return sum;
}

/** A learned pair in words: both features as the deal shows them. */
function describePair(signals: Signals, pair: WeighedPair, values: Float64Array): string {
  const a = KNOWLEDGE_FEATURES[pair.a]!;
  const b = KNOWLEDGE_FEATURES[pair.b]!;
  const second = b.describe(signals, values[pair.b]!);
  return `Together: ${a.describe(signals, values[pair.a]!)}, and ${second.charAt(0).toLowerCase()}${second.slice(1)} (your closed deals weigh the two together differently from each alone)`;
}

/** A context one-hot (value 1) weighs its weight; the model may not know the value at all. */
function addContextTerm(terms: Term[], found: Weighed | undefined): void {
  const logOdds = found?.weight ?? 0;
  if (found && logOdds !== 0) terms.push({ key: found.key, value: 1, logOdds });
}

/** The terms of featureVector that weigh anything, in its order (knowledge features, then context), and the log-odds they sum to. */
function weighTerms(signals: Signals, deal: DealFacts, model: WinModel): { terms: Term[]; z0: number; z: number } {
  const weighed = weighedModel(model);
  const terms: Term[] = [];
  knowledgeLogOdds(weighed, signals, terms);
  // contextKeys' order: deal type, relationship, source, segment, then the amount band
  addContextTerm(terms, weighed.dealType.get(deal.dealType));
  addContextTerm(terms, weighed.relationship.get(deal.relationship));
  addContextTerm(terms, weighed.source.get(deal.source ?? 'unknown'));
  addContextTerm(terms, weighed.segment.get(deal.segment ?? 'unknown'));
  if (model.amountBandEdges.length > 0)
    addContextTerm(terms, weighed.amountBand.get(String(amountBand(deal.amountMinor, model.amountBandEdges))));
  let sum = 0;
  for (const t of terms) sum += t.logOdds;
  return { terms, z0: model.intercept, z: model.intercept + sum };
}

/** probabilityOf(...).winProbability, to the last digit, without the explanations (for what-ifs). */
export function winProbabilityOf(signals: Signals, deal: DealFacts, model: WinModel): number {
  const { cap, floor } = guardrails(signals);
  return within(sigmoid(weighTerms(signals, deal, model).z), cap, floor);
}

/** The signals whose evidence explains a knowledge feature. */
const signalsOf = (key: string) => FEATURE_SIGNALS[key] ?? [key];

export function probabilityOf(set: Pick<SignalSet, 'signals' | 'kci'>, deal: DealFacts, model: WinModel): Probability {
  const { terms, z0, z } = weighTerms(set.signals, deal, model);
  const { values } = weighedModel(model);
  const contributions: Contribution[] = terms.map((t) => {
    const def = FEATURE_BY_KEY.get(t.key);
    const pair = t.pair;
    return {
      feature: t.key,
      points: pointsOfLogOdds(t.logOdds),
      logOdds: t.logOdds,
      reason: pair
        ? describePair(set.signals, pair, values)
        : def
          ? def.describe(set.signals, t.value)
          : describeContext(t.key),
      signals: pair
        ? [...new Set([...signalsOf(KNOWLEDGE_FEATURES[pair.a]!.key), ...signalsOf(KNOWLEDGE_FEATURES[pair.b]!.key)])]
        : def
          ? signalsOf(t.key)
          : [],
    };
  });
  // summed in the order they are shown, so what the panel adds up is this figure to the last digit
  contributions.sort((a, b) => Math.abs(b.points) - Math.abs(a.points));
  let totalPoints = 0;
  for (const c of contributions) totalPoints += c.points;
  const p = sigmoid(z);
  const { cap, floor } = guardrails(set.signals);
  const final = within(p, cap, floor);
  const binding = (limit: Cap | undefined, binds: boolean): BindingLimit | null =>
    limit && binds ? { key: limit.key, limit: limit.limit, reason: limit.describe(set.signals) } : null;
  return {
    winProbability: final,
    band: bandOf(z, set.kci, final, cap, floor),
    baseProbability: sigmoid(z0),
    totalPoints,
    uncappedProbability: p,
    cap: binding(cap, final < p),
    floor: binding(floor, final > p),
    contributions,
  };
}
