import { createRandom, randomFolds } from '../random.ts';
import { fitLogistic, type SparseRow } from '../learning/logistic.ts';
import { calibrationTable, evaluate, type Scored } from '../learning/metrics.ts';
import { featureVector, probabilityOf, type DealFacts } from './assess.ts';
import { KNOWLEDGE_FEATURES, type ModelCard, type WinModel } from './model.ts';
import type { Signals } from './signals.ts';

// Learning from the organization's own closed deals: the same features, fitted by logistic
// regression whose prior means are the experts' weights. The prior's precision keeps ten deals
// close to the experts and lets a thousand speak for themselves.

export type TrainingExample = {
  signals: Signals;
  kci: number;
  deal: DealFacts;
  won: boolean;
  stageProbability: number;
  sellerProbability: number | null;
  /** the day it closed, for measures taken in the order deals closed (the learning curve) */
  closedOn?: string;
};

export type TrainingOptions = {
  /** prior precision on each weight: higher trusts the experts longer */
  priorPrecision?: number;
  folds?: number;
  seed?: number;
  trainedAt: string;
  version: string;
};

function quartileEdges(amounts: number[]): number[] {
  const sorted = [...amounts].sort((a, b) => a - b);
  const edges = [0.25, 0.5, 0.75].map((q) => sorted[Math.floor(q * (sorted.length - 1))]!);
  return [...new Set(edges)];
}

const logit = (p: number) => Math.log(p / (1 - p));

/** Fits weights on examples, starting from `prior` (the experts' model). */
export function fitWinModel(
  examples: readonly TrainingExample[],
  prior: WinModel,
  options: Omit<TrainingOptions, 'folds' | 'seed'>,
): WinModel {
  const amountBandEdges = quartileEdges(examples.map((e) => e.deal.amountMinor));
  const vectors = examples.map((e) => featureVector(e.signals, e.deal, { amountBandEdges }));
  const names = [
    ...new Set([...KNOWLEDGE_FEATURES.map((f) => f.key), ...vectors.flatMap((v) => Object.keys(v))]),
  ].sort();
  const index = new Map(names.map((n, i) => [n, i]));
  const rows: SparseRow[] = vectors.map((v) => {
    const entries = Object.entries(v).filter(([, x]) => x !== 0);
    return { index: Int32Array.from(entries, ([k]) => index.get(k)!), value: Float64Array.from(entries, ([, x]) => x) };
  });
  const labels = Float64Array.from(examples, (e) => (e.won ? 1 : 0));
  const wonShare = (labels.reduce((s, y) => s + y, 0) + 1) / (examples.length + 2);
  const priorMean = new Float64Array(names.length + 1);
  const precision = new Float64Array(names.length + 1).fill(options.priorPrecision ?? 4);
  priorMean[0] = Number.isFinite(prior.intercept) ? prior.intercept : logit(wonShare);
  precision[0] = 0.5;
  names.forEach((n, i) => (priorMean[i + 1] = prior.weights[n] ?? 0));
  const fitted = fitLogistic(rows, labels, names.length, { priorMean, priorPrecision: precision });
  const weights: Record<string, number> = {};
  names.forEach((n, i) => (weights[n] = fitted.coefficients[i + 1]!));
  return {
    version: options.version,
    kind: 'fitted',
    intercept: fitted.coefficients[0]!,
    weights,
    amountBandEdges,
    largeDealMinor: prior.largeDealMinor,
    expectedCycleDays: prior.expectedCycleDays,
    card: null,
  };
}

function scoredBy(examples: readonly TrainingExample[], figure: (e: TrainingExample) => number | null): Scored[] {
  return examples.flatMap((e) => {
    const p = figure(e);
    return p === null ? [] : [{ p: Math.min(0.999, Math.max(0.001, p)), y: (e.won ? 1 : 0) as 0 | 1 }];
  });
}

/** Fit on everything, and describe how well this way of fitting predicts deals it has not seen. */
export function trainWinModel(
  examples: readonly TrainingExample[],
  prior: WinModel,
  options: TrainingOptions,
): WinModel {
  const folds = Math.min(options.folds ?? 5, examples.length);
  const won = examples.filter((e) => e.won).length;
  let crossValidated: ModelCard['crossValidated'] = null;
  let reliability: ModelCard['reliability'] = [];
  if (folds >= 2 && won >= folds && examples.length - won >= folds) {
    const fold = randomFolds(createRandom(options.seed ?? 1), examples.length, folds);
    const pooled: Scored[] = [];
    for (let f = 0; f < folds; f++) {
      const train = examples.filter((_, i) => fold[i] !== f);
      const model = fitWinModel(train, prior, options);
      examples.forEach((e, i) => {
        if (fold[i] === f) pooled.push({ p: probabilityOf(e, e.deal, model).winProbability, y: e.won ? 1 : 0 });
      });
    }
    const m = evaluate(pooled);
    crossValidated = { auc: m.auc, brier: m.brier, logLoss: m.logLoss, ece: m.ece, folds };
    reliability = calibrationTable(pooled);
  }
  const model = fitWinModel(examples, prior, options);
  const stage = scoredBy(examples, (e) => e.stageProbability / 100);
  const seller = scoredBy(examples, (e) => (e.sellerProbability === null ? null : e.sellerProbability / 100));
  const card: ModelCard = {
    trainingSize: examples.length,
    wonCount: won,
    trainedAt: options.trainedAt,
    crossValidated,
    reliability,
    comparison: {
      stage: stage.length > 1 ? { auc: evaluate(stage).auc, brier: evaluate(stage).brier } : null,
      seller:
        seller.length > 1 ? { auc: evaluate(seller).auc, brier: evaluate(seller).brier, count: seller.length } : null,
    },
  };
  return { ...model, card };
}
