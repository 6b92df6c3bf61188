import { createRandom, randomFolds } from '../random.ts';
import { fitLogistic, type SparseRow } from '../learning/logistic.ts';
import { calibrationTable, evaluate, type Scored } from '../learning/metrics.ts';
import { featureVector, probabilityOf, type DealFacts } from './assess.ts';
import { boostModel, chooseBoosting, gainOver, type Boosted } from './boosting.ts';
import { KNOWLEDGE_FEATURES, type ModelCard, type WinModel } from './model.ts';
import type { Signals } from './signals.ts';

// Learning from the organization's own closed deals: the same features, fitted by logistic
// regression whose prior means are the experts' weights. How close to the experts the fit stays (the
// prior's precision) is chosen on the latest deals to close: a few deals stay with the experts unless
// they clearly say otherwise, a thousand speak for themselves. On top of the weights, the boosted
// additive learner (boosting.ts) adds shapes and pairs where the latest deals show they forecast better.

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
  // the intercept moves from the experts in step with the weights (0.5 at the weights' 4, as before)
  precision[0] = (options.priorPrecision ?? 4) / 8;
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

/** The deals in the order they closed, or null when some carry no close date. */
export function inClosingOrder(examples: readonly TrainingExample[]): TrainingExample[] | null {
  if (!examples.every((e) => e.closedOn)) return null;
  return [...examples].sort((a, b) => (a.closedOn! < b.closedOn! ? -1 : a.closedOn! > b.closedOn! ? 1 : 0));
}

type Block = { fit: TrainingExample[]; held: TrainingExample[] };

/**
 * The two ways to hold deals back, as they would have been lived: the fourth fifth to close, learned
 * from the deals before it, and the last fifth, learned from the deals before that. A block with too
 * few held-back deals, or without a win or without a loss among them, cannot argue: undefined.
 */
function heldBackBlocks(ordered: readonly TrainingExample[]): [Block | undefined, Block | undefined] {
  const block = (from: number, to: number): Block | undefined => {
    const fit = ordered.slice(0, Math.round(ordered.length * from));
    const held = ordered.slice(Math.round(ordered.length * from), Math.round(ordered.length * to));
    const won = held.filter((e) => e.won).length;
    return fit.length > 0 && held.length >= MIN_HELD_BACK && won > 0 && won < held.length ? { fit, held } : undefined;
  };
  return [block(0.6, 0.8), block(0.8, 1)];
}

/** The prior precisions the shrinkage is chosen from: the last keeps the experts' weights all but unchanged. */
export const SHRINKAGES = [1, 4, 16, 64, 256, 4096] as const;
/** How much log-likelihood per block of held-back deals a weaker shrinkage may lose to the best and still be preferred. */
const MIN_GAIN = 2;
/** Fewer held-back deals than this (or no win or no loss among them) cannot argue with the experts. */
const MIN_HELD_BACK = 10;

/**
 * How close to the experts a fit on `examples` should stay, chosen as the deals would have lived it:
 * each shrinkage is fitted on the deals that closed before the fourth fifth and scored on it, then on
 * those before the last fifth and scored on that (in the order given when deals carry no close date).
 * The choice is the strongest shrinkage within a margin of the best one's log-likelihood there: as
 * close to the experts as the deals allow, so that a lucky block does not swing the fit to its extreme.
 */
export function chooseShrinkage(examples: readonly TrainingExample[], prior: WinModel): number {
  const strongest = SHRINKAGES.at(-1)!;
  const blocks = heldBackBlocks(inClosingOrder(examples) ?? [...examples]).filter((b) => b !== undefined);
  if (blocks.length === 0) return strongest;
  const logLikelihood = (precision: number) =>
    blocks.reduce((total, { fit, held }) => {
      const model = fitWinModel(fit, prior, { trainedAt: '', version: 'choice', priorPrecision: precision });
      return held.reduce((sum, e) => {
        const p = Math.min(1 - 1e-9, Math.max(1e-9, probabilityOf(e, e.deal, model).winProbability));
        return sum + Math.log(e.won ? p : 1 - p);
      }, total);
    }, 0);
  const scores = SHRINKAGES.map((precision) => ({ precision, ll: logLikelihood(precision) }));
  const best = scores.reduce((a, b) => (b.ll > a.ll ? b : a));
  // the strongest shrinkage within the margin of the best: as close to the experts as the deals allow
  return [...scores].reverse().find((s) => s.ll >= best.ll - MIN_GAIN * blocks.length)!.precision;
}

/** Fewer deals than this before the latest fifth, and boosting learns nothing (the weights speak alone). */
const MIN_BOOSTING_DEALS = 40;

/**
 * How long boosting should run on top of the weights (boosting.ts): learned on the deals before the
 * latest fifth to close, from the weights fitted on those alone, and judged on that fifth. What it
 * learns must also not lose on the fifth before (learned from the deals before that): a shape that
 * only one period shows is that period's noise, not this organization's way of winning.
 */
function chooseBoostingOnLatest(examples: readonly TrainingExample[], prior: WinModel, shrinkage: number): Boosted {
  const none: Boosted = { rounds: 0, pairRounds: 0, pairList: [] };
  const ordered = inClosingOrder(examples) ?? [...examples];
  const [earlier, latest] = heldBackBlocks(ordered);
  if (!latest || latest.fit.length < MIN_BOOSTING_DEALS) return none;
  const weightsOn = (deals: readonly TrainingExample[]) =>
    fitWinModel(deals, prior, { trainedAt: '', version: 'choice', priorPrecision: shrinkage });
  const boosting = chooseBoosting(
    ordered,
    latest.fit.map((_, i) => i),
    latest.held.map((_, i) => latest.fit.length + i),
    weightsOn(latest.fit),
  );
  if ((boosting.rounds === 0 && boosting.pairRounds === 0) || !earlier) return boosting;
  const weighted = weightsOn(earlier.fit);
  return gainOver(earlier.held, boostModel(earlier.fit, weighted, boosting), weighted) > 0 ? boosting : none;
}

export type HistoryFit = WinModel & { shrinkage: number; boosting: { rounds: number; pairRounds: number } };

/**
 * The model learned from the closed deals: the weights, shrunk toward the experts as far as the deals
 * choose (chooseShrinkage), then boosted where the latest deals show that shapes or pairs add to them.
 */
export function fitFromHistory(
  examples: readonly TrainingExample[],
  prior: WinModel,
  options: Omit<TrainingOptions, 'folds' | 'seed' | 'priorPrecision'>,
): HistoryFit {
  const shrinkage = chooseShrinkage(examples, prior);
  const weighted = fitWinModel(examples, prior, { ...options, priorPrecision: shrinkage });
  const boosting = chooseBoostingOnLatest(examples, prior, shrinkage);
  return {
    ...boostModel(examples, weighted, boosting),
    shrinkage,
    boosting: { rounds: boosting.rounds, pairRounds: boosting.pairRounds },
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
      const model = fitFromHistory(train, prior, options);
      examples.forEach((e, i) => {
        if (fold[i] === f) pooled.push({ p: probabilityOf(e, e.deal, model).winProbability, y: e.won ? 1 : 0 });
      });
    }
    const m = evaluate(pooled);
    crossValidated = { auc: m.auc, brier: m.brier, logLoss: m.logLoss, ece: m.ece, folds };
    reliability = calibrationTable(pooled);
  }
  const { shrinkage, boosting, ...model } = fitFromHistory(examples, prior, options);
  const stage = scoredBy(examples, (e) => e.stageProbability / 100);
  const seller = scoredBy(examples, (e) => (e.sellerProbability === null ? null : e.sellerProbability / 100));
  const card: ModelCard = {
    trainingSize: examples.length,
    wonCount: won,
    trainedAt: options.trainedAt,
    shrinkage,
    boosting,
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
