import type { SignalName, Signals, SignalSet } from './signals.ts';
import { CAPS, KNOWLEDGE_FEATURES, type Cap, type FeatureDef, type FeatureKey, type WinModel } from './model.ts';

// One opportunity's win probability: the model's log-odds, split into contributions measured in
// probability points, then capped by any disqualifier, with a band that widens when little is known.

export type Contribution = {
  feature: string;
  /** share of the probability, in points (0-100 scale), relative to the base rate */
  points: number;
  logOdds: number;
  reason: string;
  /** the signals whose evidence explains it */
  signals: string[];
};

export type Probability = {
  winProbability: number;
  band: [number, number];
  baseProbability: number;
  uncappedProbability: number;
  cap: { key: string; limit: number; reason: string } | null;
  contributions: Contribution[];
};

export type DealFacts = {
  dealType: string;
  relationship: string;
  source: string | null;
  segment: string | null;
  amountMinor: number;
};

const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

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

export function amountBand(amountMinor: number, edges: readonly number[]): number {
  let band = 0;
  while (band < edges.length && amountMinor >= edges[band]!) band++;
  return band;
}

/** The context one-hots that are 1 for this deal, in order (every other context feature is 0). */
function contextKeys(deal: DealFacts, model: Pick<WinModel, 'amountBandEdges'>): string[] {
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
  const weighed = weighedModel(model);
  let z = model.intercept;
  for (const { feature, weight } of weighed.knowledge) if (weight) z += weight * feature.value(signals);
  z +=
    (weighed.dealType.get(deal.dealType)?.weight ?? 0) +
    (weighed.relationship.get(deal.relationship)?.weight ?? 0) +
    (weighed.source.get(deal.source ?? 'unknown')?.weight ?? 0) +
    (weighed.segment.get(deal.segment ?? 'unknown')?.weight ?? 0);
  if (model.amountBandEdges.length > 0)
    z += weighed.amountBand.get(String(amountBand(deal.amountMinor, model.amountBandEdges)))?.weight ?? 0;
  let limit = 1;
  for (const cap of CAPS) if (cap.limit < limit && cap.applies(signals)) limit = cap.limit;
  const p = Math.min(sigmoid(z), limit);
  const spread = bandSpread(kci);
  return { winProbability: p, band: [Math.min(p, sigmoid(z - spread)), Math.min(limit, sigmoid(z + spread))] };
}

/** The less we know, the wider the band: an 80 % interval on the log-odds scale. */
function bandSpread(kci: number): number {
  return 1.28 * (0.35 + 1.65 * (1 - kci));
}

const FEATURE_BY_KEY = new Map(KNOWLEDGE_FEATURES.map((f) => [f.key, f]));

type Weighed = { key: string; weight: number };

/**
 * A model's weights as every deal reads them: each knowledge feature beside its weight, and per
 * kind of context (deal type, relationship ...) the weight of each value the model knows. Built
 * once per model (an organization assesses all its deals with one), so a deal neither looks its
 * features up by name nor builds "dealType:..." keys to look them up. Weak keys: nothing outlives
 * the model; a model's weights are never changed once made (a refit makes a new model).
 */
type WeighedModel = {
  knowledge: Array<{ feature: FeatureDef; weight: number }>;
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
    weighed = {
      knowledge: KNOWLEDGE_FEATURES.map((feature) => ({ feature, weight: model.weights[feature.key] ?? 0 })),
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

type Term = { key: string; value: number; logOdds: number };

/** A context one-hot (value 1) weighs its weight; the model may not know the value at all. */
function addContextTerm(terms: Term[], found: Weighed | undefined): void {
  const logOdds = found?.weight ?? 0;
  if (found && logOdds !== 0) terms.push({ key: found.key, value: 1, logOdds });
}

/** The terms of featureVector that weigh anything, in its order (knowledge features, then context), and the log-odds they sum to. */
function weighTerms(signals: Signals, deal: DealFacts, model: WinModel): { terms: Term[]; z0: number; z: number } {
  const weighed = weighedModel(model);
  const terms: Term[] = [];
  for (const { feature, weight } of weighed.knowledge) {
    const value = feature.value(signals);
    const logOdds = weight * value;
    if (logOdds !== 0) terms.push({ key: feature.key, value, logOdds });
  }
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

/** The lowest cap that applies (the first of equals). */
function lowestCap(signals: Signals): Cap | undefined {
  let cap: Cap | undefined;
  for (const c of CAPS) if ((!cap || c.limit < cap.limit) && c.applies(signals)) cap = c;
  return cap;
}

/** probabilityOf(...).winProbability, to the last digit, without the explanations (for what-ifs). */
export function winProbabilityOf(signals: Signals, deal: DealFacts, model: WinModel): number {
  const p = sigmoid(weighTerms(signals, deal, model).z);
  const cap = lowestCap(signals);
  return cap ? Math.min(p, cap.limit) : p;
}

export function probabilityOf(set: Pick<SignalSet, 'signals' | 'kci'>, deal: DealFacts, model: WinModel): Probability {
  const { terms, z0, z } = weighTerms(set.signals, deal, model);
  const p0 = sigmoid(z0);
  const p = sigmoid(z);
  // additive split: each term gets its log-odds times the average slope between base and result
  const slope = Math.abs(z - z0) < 1e-9 ? p0 * (1 - p0) : (p - p0) / (z - z0);
  const contributions: Contribution[] = terms.map((t) => {
    const def = FEATURE_BY_KEY.get(t.key);
    return {
      feature: t.key,
      points: t.logOdds * slope * 100,
      logOdds: t.logOdds,
      reason: def ? def.describe(set.signals, t.value) : describeContext(t.key),
      signals: FEATURE_SIGNALS[t.key] ?? (def ? [t.key] : []),
    };
  });
  const cap = lowestCap(set.signals);
  const capped = cap ? Math.min(p, cap.limit) : p;
  if (cap && capped < p) {
    contributions.push({
      feature: `cap:${cap.key}`,
      points: (capped - p) * 100,
      logOdds: 0,
      reason: `Capped at ${Math.round(cap.limit * 100)} %: ${cap.describe}`,
      signals: [],
    });
  }
  contributions.sort((a, b) => Math.abs(b.points) - Math.abs(a.points));
  const spread = bandSpread(set.kci);
  const band: [number, number] = [
    Math.min(capped, sigmoid(z - spread)),
    Math.min(cap ? cap.limit : 1, sigmoid(z + spread)),
  ];
  return {
    winProbability: capped,
    band,
    baseProbability: p0,
    uncappedProbability: p,
    cap: cap && capped < p ? { key: cap.key, limit: cap.limit, reason: cap.describe } : null,
    contributions,
  };
}
