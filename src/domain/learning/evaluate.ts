import { createRandom, shuffleInPlace, type Random } from '../random.ts';
import {
  additiveScore,
  averageModels,
  fitAdditive,
  predictAdditive,
  recalibration,
  rescaleModel,
  settle,
  type AdditiveModel,
} from './additive.ts';
import { explainBlend } from './attributions.ts';
import { binTokens, oneHot, type Binned } from './binned.ts';
import { inferColumn, parseDate, tokenize, type ColumnInfo, type Tokenized } from './features.ts';
import { findLeaks, type Leak } from './leaks.ts';
import { fitLogistic, sigmoid } from './logistic.ts';
import {
  calibrationFit,
  calibrationTable,
  evaluate,
  pairedBootstrap,
  perfectlyCalibratedEce,
  spread,
  type CalibrationBin,
  type Interval,
  type Metrics,
  type Scored,
} from './metrics.ts';
import { fitNaiveBayes } from './naive-bayes.ts';
import { TableError, type Table } from './table.ts';
import { fitBoostedTrees, type BoostedTrees } from './trees.ts';

// Honest measurement on any CSV of closed opportunities: k-fold cross-validation (stratified,
// seeded, optionally repeated) or a time split, with our learner next to four baselines computed on
// the very same folds and the very same bins. Every choice a learner makes (bands, pooling, rounds,
// pairs, ridge) is made inside the training rows: on their latest fifth in a time split (what will be
// asked of the model is the next period), else on random fifths.

export type EvaluationOptions = {
  outcome: string;
  positive: string;
  drop?: readonly string[];
  folds?: number;
  repeats?: number;
  seed?: number;
  /** train on rows dated up to trainUntil, test on rows after it up to testUntil (YYYY-MM-DD) */
  timeSplit?: { column: string; trainUntil: string; testUntil?: string };
  /** the band counts ours chooses from for numbers, inside each training set (default BAND_CHOICES) */
  bands?: readonly number[];
};

/** The measures of one learner: the usual five, how its calibration fits, and its spread over repeats. */
export type Measured = Metrics & {
  /** from regressing the outcome on the predicted log-odds: 1 and 0 when calibrated */
  calibrationSlope: number;
  calibrationIntercept: number;
  /** the spread of AUC and Brier over the repeats (sd 0 for one run) */
  spread: { auc: { mean: number; sd: number }; brier: { mean: number; sd: number } };
};

export const BASELINES = ['baseRate', 'naiveBayes', 'logistic', 'boostedTrees'] as const;
export type BaselineName = (typeof BASELINES)[number];

export type EvaluationResult = {
  rows: number;
  positiveRate: number;
  design: string;
  columns: ColumnInfo[];
  features: number;
  model: Measured;
  baselines: Record<BaselineName, Measured>;
  /** the ECE a perfectly calibrated model would show on this many rows, by chance alone */
  perfectEce: number;
  /** ours minus the best baseline (by AUC), paired on the same rows, with a 95 % bootstrap interval */
  versusBest: { baseline: BaselineName; auc: Interval; brier: Interval };
  /** what inner selection chose, per fold */
  choices: Array<{
    ridge: number;
    rounds: number;
    learningRate: number;
    /** the trees' share of our log-odds (0: the additive model alone) */
    blendWeight: number;
    /** the ridge regression's share of the additive model (0: the boosted shapes alone) */
    ridgeShare: number;
    /** the depth of the trees in ours */
    blendDepth: number;
    /**
     * the largest gap between ours' log-odds and its start plus points per reason (attributions.ts),
     * over the first EXPLAINED_ROWS test rows: 0 but for rounding when the points add up
     */
    explanationGap: number;
    pairs: string[];
    treeRounds: number;
    /** the bands ours cut numbers into (the baselines read BASELINE_BANDS) */
    bands: number;
  }>;
  calibration: CalibrationBin[];
  /** columns whose values give the outcome away (see leaks.ts), most telling first */
  leaks: Leak[];
};

function stratifiedFolds(labels: ArrayLike<number>, folds: number, seed: number): Int32Array {
  const random = createRandom(seed);
  const assignment = new Int32Array(labels.length);
  for (const cls of [0, 1]) {
    const members: number[] = [];
    for (let i = 0; i < labels.length; i++) if (labels[i] === cls) members.push(i);
    shuffleInPlace(random, members).forEach((row, k) => (assignment[row] = k % folds));
  }
  return assignment;
}

export function column(table: Table, name: string, flag: string): number {
  const position = table.header.indexOf(name);
  if (position === -1)
    throw new TableError(
      `${flag}: no column named "${name}"; the columns are ${table.header.map((h) => `"${h}"`).join(', ')}`,
    );
  return position;
}

/** The ridge strengths logistic regression chooses from. */
export const RIDGES = [0.25, 1, 4, 16, 64, 256];
/** The share of the training rows held back to make the choices on. */
const VALIDATION_SHARE = 0.2;

/**
 * The training rows split for the choices: the latest fifth when `when` dates the rows (ties kept
 * together in row order), else a random fifth of each outcome.
 */
export function innerSplit(
  train: readonly number[],
  labels: ArrayLike<number>,
  when: Float64Array | null,
  random: Random,
): { fit: number[]; validation: number[] } {
  if (when) {
    // undated rows count as the oldest
    const at = (i: number) => (Number.isNaN(when[i]!) ? -Infinity : when[i]!);
    const ordered = [...train].sort((a, b) => at(a) - at(b) || a - b);
    const cut = Math.round(ordered.length * (1 - VALIDATION_SHARE));
    return { fit: ordered.slice(0, cut), validation: ordered.slice(cut) };
  }
  const fit: number[] = [];
  const validation: number[] = [];
  for (const cls of [0, 1]) {
    const members = shuffleInPlace(
      random,
      train.filter((i) => labels[i] === cls),
    );
    const cut = Math.round(members.length * (1 - VALIDATION_SHARE));
    fit.push(...members.slice(0, cut));
    validation.push(...members.slice(cut));
  }
  return { fit, validation };
}

const clip = (p: number) => Math.min(1 - 1e-12, Math.max(1e-12, p));

/**
 * Logistic regression on the bins' one-hot features, its ridge chosen on the validation rows, as an
 * additive model (a bin's coefficient is its points): `held` fitted on split.fit with the ridge
 * chosen, `final` on all of `train`.
 */
function chooseAndFitRidge(
  data: Binned,
  labels: ArrayLike<number>,
  train: readonly number[],
  split: { fit: number[]; validation: number[] },
) {
  const encoder = oneHot(data);
  const fitWith = (rows: readonly number[], ridge: number, initial?: Float64Array) =>
    fitLogistic(
      rows.map((i) => encoder.encode(i)),
      Float64Array.from(rows, (i) => labels[i]!),
      encoder.featureCount,
      {
        priorPrecision: Float64Array.from({ length: encoder.featureCount + 1 }, (_, j) => (j === 0 ? 1e-4 : ridge)),
        ...(initial ? { initial } : {}),
      },
    ).coefficients;
  let best: { ridge: number; loss: number; coefficients: Float64Array } = {
    ridge: RIDGES[0]!,
    loss: Infinity,
    coefficients: new Float64Array(0),
  };
  let previous: Float64Array | undefined;
  // strongest first: each fit starts from the last, and the path to weaker ridges is short
  for (const ridge of [...RIDGES].reverse()) {
    const coefficients = fitWith(split.fit, ridge, previous);
    previous = coefficients;
    const loss = logLossOn(asAdditive(data, coefficients), data, labels, split.validation);
    if (loss < best.loss) best = { ridge, loss, coefficients };
  }
  return {
    ridge: best.ridge,
    featureCount: encoder.featureCount,
    fitOn: (rows: readonly number[]) => asAdditive(data, fitWith(rows, best.ridge, best.coefficients)),
    held: asAdditive(data, best.coefficients),
    final: asAdditive(data, fitWith(train, best.ridge, best.coefficients)),
  };
}

/** Coefficients over oneHot(data)'s features (intercept first) as an additive model of the same bins. */
function asAdditive(data: Binned, coefficients: Float64Array): AdditiveModel {
  let offset = 1;
  const mains = data.binNames.map((names) => {
    const points = new Float64Array(names.length);
    for (let bin = 1; bin < names.length; bin++) points[bin] = coefficients[offset++]!;
    return points;
  });
  return { intercept: coefficients[0]!, mains, pairs: [], rounds: { mains: 0, pairs: 0 }, learningRate: 0 };
}

/** How many held-back fifths our learner is fitted on when rows are not dated (one when they are). */
const BAGS = 3;
/**
 * The steps of each boosting round tried (larger than the family's usual 0.01, which costs rounds and
 * gains nothing here), chosen on the first held-back rows; the larger wins ties, as it stops sooner.
 */
const LEARNING_RATES = [0.3, 0.1] as const;

/** Mean log loss of `model` on `rows`. */
function logLossOn(model: AdditiveModel, data: Binned, labels: ArrayLike<number>, rows: readonly number[]): number {
  let sum = 0;
  for (const r of rows) {
    const p = clip(predictAdditive(model, data, r));
    sum -= labels[r] === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return sum / Math.max(1, rows.length);
}

/**
 * Our learner. In time order: learning rate, rounds and pairs chosen on the latest fifth, then
 * refitted on all training rows. Otherwise: one model per random fifth held back (the learning rate
 * chosen on the first), each stopped where its fifth did best, averaged (points and all), so no single
 * lucky or unlucky fifth decides. Either way each fit is recalibrated on the rows it was stopped on
 * when that earns its keep (recalibration()), unless `recalibrate` is false: in time order the slope
 * alone multiplies the intercept too, so on a model that learned little it moves the level to the
 * latest fifth's, which the forecast's back-test showed to be no guide to the next period's.
 */
export function chooseAndFitAdditive(
  data: Binned,
  labels: ArrayLike<number>,
  train: readonly number[],
  split: { fit: number[]; validation: number[] },
  options: { dated?: boolean; seed?: number; recalibrate?: boolean } = {},
): AdditiveModel {
  return fitAdditiveWithHeld(data, labels, train, split, options).model;
}

/**
 * chooseAndFitAdditive, and the model of its first split (fitted on split.fit only, recalibrated as
 * the final one is), whose scores on split.validation are what a blend weight is chosen on. `bags`:
 * every model fitted on part of `train`, with the rows it was fitted on and those held back from it
 * (the random fifths when undated; in time order the latest fifth alone).
 */
function fitAdditiveWithHeld(
  data: Binned,
  labels: ArrayLike<number>,
  train: readonly number[],
  split: { fit: number[]; validation: number[] },
  { dated = false, seed = 1, recalibrate = true }: { dated?: boolean; seed?: number; recalibrate?: boolean },
): {
  model: AdditiveModel;
  held: AdditiveModel;
  learningRate: number;
  bags: Bag[];
} {
  const tried = LEARNING_RATES.map((learningRate) =>
    fitAdditive(data, labels, split.fit, split.validation, { learningRate }),
  );
  const losses = tried.map((model) => logLossOn(model, data, labels, split.validation));
  const best = losses.reduce((b, loss, k) => (loss < losses[b]! - 1e-9 ? k : b), 0);
  const learningRate = LEARNING_RATES[best]!;
  /** stopped on one split's validation rows, and recalibrated there when that earns its keep */
  const calibrated = (model: AdditiveModel, validation: number[]) => ({
    model,
    calibration: recalibrate
      ? recalibration(model, data, labels, validation, { shift: !dated })
      : { slope: 1, shift: 0 },
  });
  const first = calibrated(tried[best]!, split.validation);
  const held = rescaleModel(first.model, first.calibration.slope, first.calibration.shift);
  if (!dated) {
    const random = createRandom(seed);
    const fitted = [{ ...first, ...split }];
    for (let b = 1; b < BAGS; b++) {
      const { fit, validation } = innerSplit(train, labels, null, random);
      fitted.push({
        ...calibrated(fitAdditive(data, labels, fit, validation, { learningRate }), validation),
        fit,
        validation,
      });
    }
    const bags = fitted.map(({ model, calibration, fit, validation }) => ({
      held: rescaleModel(model, calibration.slope, calibration.shift),
      fit,
      validation,
    }));
    // each bag's pairs were purified on its own rows: the average is settled on all of them
    return { model: settle(averageModels(bags.map((b) => b.held)), data, train), held, learningRate, bags };
  }
  const refit = fitAdditive(data, labels, train, [], {
    learningRate,
    rounds: {
      mains: first.model.rounds.mains,
      pairs: first.model.rounds.pairs,
      pairList: first.model.pairs.map((p) => [p.a, p.b] as const),
    },
  });
  return {
    model: rescaleModel(refit, first.calibration.slope, first.calibration.shift),
    held,
    learningRate,
    bags: [{ held, ...split }],
  };
}

/** A model fitted on `fit` and the rows held back from it. */
type Bag = { held: AdditiveModel; fit: number[]; validation: number[] };

/**
 * In time order, a second say for a choice beside the latest fifth: the fifth before it, held back
 * from the rows before that, with the shapes fitted and recalibrated there as the latest fifth's were.
 */
function earlierPeriod(
  data: Binned,
  labels: ArrayLike<number>,
  split: { fit: number[]; validation: number[] },
  learningRate: number,
): Bag[] {
  const cut = Math.round(split.fit.length * (1 - VALIDATION_SHARE / (1 - VALIDATION_SHARE)));
  const fit = split.fit.slice(0, cut);
  const validation = split.fit.slice(cut);
  if (fit.length === 0 || validation.length === 0) return [];
  const model = fitAdditive(data, labels, fit, validation, { learningRate });
  const { slope, shift } = recalibration(model, data, labels, validation, { shift: false });
  return [{ held: rescaleModel(model, slope, shift), fit, validation }];
}

/** The blend weights tried for the trees (0: the additive model alone). */
export const BLEND_WEIGHTS = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1] as const;
/** The log-likelihood on the held-back rows a blend must gain over the additive model alone to be kept. */
const MIN_BLEND_GAIN = 2;

/** A held-back row as two models score it (log-odds), and its outcome. */
type HeldRow = { a: number; b: number; y: number };

/**
 * The weight w in (1 − w) × a + w × b that does best on `held` (rows held back from both models'
 * fits), and the log-likelihood it gains there over a alone; 0 (a alone) unless it gains more than
 * `margin`.
 */
function chooseWeight(held: readonly HeldRow[], margin: number): { weight: number; gain: number } {
  const logLikelihood = (w: number) => {
    let sum = 0;
    for (const { a, b, y } of held) {
      const z = (1 - w) * a + w * b;
      const m = y === 1 ? z : -z;
      sum -= Math.max(-m, 0) + Math.log1p(Math.exp(-Math.abs(m)));
    }
    return sum;
  };
  const alone = logLikelihood(0);
  let best = { weight: 0, gain: 0 };
  for (const weight of BLEND_WEIGHTS) {
    const gain = logLikelihood(weight) - alone;
    if (gain > best.gain) best = { weight, gain };
  }
  return best.gain > margin ? best : { weight: 0, gain: 0 };
}

/**
 * The trees' weight w in (1 − w) × additive + w × trees that does best on `validation` (rows held back
 * from both models' fits), and the log-likelihood it gains there over the additive model alone; 0
 * (the additive model alone) unless it gains more than MIN_BLEND_GAIN.
 */
export function chooseBlend(
  additive: (row: number) => number,
  trees: (row: number) => number,
  labels: ArrayLike<number>,
  validation: readonly number[],
): { weight: number; gain: number } {
  return chooseWeight(
    validation.map((r) => ({ a: additive(r), b: trees(r), y: labels[r]! })),
    MIN_BLEND_GAIN,
  );
}

export const chooseBlendWeight = (...args: Parameters<typeof chooseBlend>) => chooseBlend(...args).weight;

export type Blend = {
  /** the boosted shapes and pairs mixed with the regression's points, (1 − ridgeShare) and ridgeShare */
  additive: AdditiveModel;
  /** the ridge logistic regression's share of the additive model (0: the boosted shapes alone) */
  ridgeShare: number;
  trees: BoostedTrees;
  /** the trees' share of the log-odds (0: the additive model alone) */
  weight: number;
  /** the depth of the trees blended in */
  treeDepth: number;
  score(row: number): number;
  predict(row: number): number;
};

/**
 * The trees ours may blend in besides the reference ones: deeper (six levels, the depth boosted-tree
 * libraries commonly default to), each leaf on more rows.
 */
const DEEP_TREES = { depth: 6, minChildWeight: 20 } as const;

/**
 * Our learner: the additive model (chooseAndFitAdditive) averaged in log-odds with boosted trees,
 * (1 − w) × additive + w × trees, so a feature's points are (1 − w) × its additive points plus
 * w × its exact tree attribution (attributions.ts). The trees (the reference depth or deeper ones)
 * and w are chosen together on the training set's held-back rows (split.validation), from models
 * fitted on the rest (split.fit); the chosen trees are then refitted on all of `train` with the
 * rounds chosen. `trees`: the reference trees when already fitted (they are the same fits).
 *
 * The additive model is itself a mix: the boosted shapes (chooseAndFitAdditive) and the ridge logistic
 * regression of the same bins, (1 − s) × shapes + s × regression, term by term, so it stays points per
 * bin. The shapes stop early on data with a faint signal, where the regression still reads one; s is
 * chosen on every held-back fifth the shapes were fitted for (the two latest periods in time order),
 * pooled, as one fifth is too noisy to tell two close models apart. `ridge`: the regression when
 * already fitted on these bins and split (the logistic baseline is the same fit).
 */
export function chooseAndFitBlend(
  data: Binned,
  labels: ArrayLike<number>,
  train: readonly number[],
  split: { fit: number[]; validation: number[] },
  options: {
    dated?: boolean;
    seed?: number;
    trees?: { held: BoostedTrees; final: BoostedTrees };
    ridge?: { held: AdditiveModel; final: AdditiveModel; fitOn: (rows: readonly number[]) => AdditiveModel };
  } = {},
): Blend {
  const { dated = false, seed = 1 } = options;
  // the reference trees' refit on all of train is needed only when they are the ones chosen
  const referenceHeld = options.trees?.held ?? fitReferenceTrees(data, labels, split);
  const deepHeld = fitBoostedTrees(data, labels, split.fit, {
    ...DEEP_TREES,
    validation: split.validation,
    rounds: 1000,
  });
  const boosted = fitAdditiveWithHeld(data, labels, train, split, { dated, seed });
  // the regression's share, chosen on every held-back period or fifth the boosted shapes stopped on
  const regression = options.ridge ?? chooseAndFitRidge(data, labels, train, split);
  const bags = dated ? [...boosted.bags, ...earlierPeriod(data, labels, split, boosted.learningRate)] : boosted.bags;
  const ridgeShare = chooseWeight(
    bags.flatMap((bag, b) => {
      const ridge = b === 0 ? regression.held : regression.fitOn(bag.fit);
      return bag.validation.map((r) => ({
        a: additiveScore(bag.held, data, r),
        b: additiveScore(ridge, data, r),
        y: labels[r]!,
      }));
    }),
    0,
  ).weight;
  const model = mixModels(boosted.model, regression.final, ridgeShare);
  const held = mixModels(boosted.held, regression.held, ridgeShare);
  const heldScores = new Map(split.validation.map((r) => [r, additiveScore(held, data, r)]));
  const additiveHeld = (r: number) => heldScores.get(r)!;
  const onReference = chooseBlend(additiveHeld, referenceHeld.score, labels, split.validation);
  const onDeep = chooseBlend(additiveHeld, deepHeld.score, labels, split.validation);
  const isDeep = onDeep.gain > onReference.gain;
  const weight = isDeep ? onDeep.weight : onReference.weight;
  // refitted on all of train, a fifth more rows than they were stopped on: as many more rounds
  const trees = isDeep
    ? fitBoostedTrees(data, labels, train, {
        ...DEEP_TREES,
        rounds: Math.max(1, Math.round((deepHeld.rounds * train.length) / split.fit.length)),
      })
    : (options.trees?.final ?? refitReferenceTrees(data, labels, train, referenceHeld));
  const score = (row: number) =>
    weight === 0
      ? additiveScore(model, data, row)
      : (1 - weight) * additiveScore(model, data, row) + weight * trees.score(row);
  return {
    additive: model,
    ridgeShare,
    trees,
    weight,
    treeDepth: isDeep ? DEEP_TREES.depth : 3,
    score,
    predict: (row) => sigmoid(score(row)),
  };
}

/**
 * (1 − w) × a + w × b, term by term: an additive model of the same bins, with a's rounds and rate
 * (b, the regression, has none).
 */
function mixModels(a: AdditiveModel, b: AdditiveModel, w: number): AdditiveModel {
  if (w === 0) return a;
  // the mean of 2(1 − w) × a and 2w × b
  const mixed = averageModels([rescaleModel(a, 2 * (1 - w), 0), rescaleModel(b, 2 * w, 0)]);
  return { ...mixed, rounds: a.rounds, learningRate: a.learningRate };
}

/** Boosted trees with their rounds chosen on split, and the same fitted on split.fit alone. */
export function chooseAndFitTrees(
  data: Binned,
  labels: ArrayLike<number>,
  train: readonly number[],
  split: { fit: number[]; validation: number[] },
): { held: BoostedTrees; final: BoostedTrees } {
  const held = fitReferenceTrees(data, labels, split);
  return { held, final: refitReferenceTrees(data, labels, train, held) };
}

/** The reference trees fitted on split.fit, their rounds chosen on split.validation. */
const fitReferenceTrees = (data: Binned, labels: ArrayLike<number>, split: { fit: number[]; validation: number[] }) =>
  fitBoostedTrees(data, labels, split.fit, { validation: split.validation, rounds: 1000 });

/** The reference trees refitted on all of `train` with the rounds `held` kept. */
const refitReferenceTrees = (data: Binned, labels: ArrayLike<number>, train: readonly number[], held: BoostedTrees) =>
  fitBoostedTrees(data, labels, train, { rounds: Math.max(1, held.rounds) });

/** The bands the baselines cut numbers into, and ours unless it is given other choices. */
export const BASELINE_BANDS = 10;
/** The band counts ours chooses from by default. */
export const BAND_CHOICES: readonly number[] = [BASELINE_BANDS];
/** The learning rate the band counts are compared at (the faster of LEARNING_RATES). */
const BAND_CHOICE_RATE = 0.3;

/**
 * The band count, of `choices`, whose additive model fitted on split.fit does best on
 * split.validation (the fewer bands on a tie), and the training rows binned with it: edges and
 * pooling from `train` alone, so no test row reaches the choice. Finer bands can follow a number's
 * shape more closely, and also isolate its exact values, which is how a leaky column's round figures
 * get learned: the leak warning names those columns.
 */
export function chooseBands(
  data: Tokenized,
  labels: ArrayLike<number>,
  train: readonly number[],
  split: { fit: number[]; validation: number[] },
  choices: readonly number[],
): { bands: number; binned: Binned; losses: number[] } {
  const tried = choices.map((bands) => binTokens(data, train, { bands }));
  if (tried.length === 1) return { bands: choices[0]!, binned: tried[0]!, losses: [0] };
  const losses = tried.map((binned) =>
    logLossOn(
      fitAdditive(binned, labels, split.fit, split.validation, { learningRate: BAND_CHOICE_RATE }),
      binned,
      labels,
      split.validation,
    ),
  );
  const best = losses.reduce((b, loss, k) => (loss < losses[b]! - 1e-9 ? k : b), 0);
  return { bands: choices[best]!, binned: tried[best]!, losses };
}

export type FoldScores = Record<'model' | BaselineName, Scored[]>;

/** How many test rows of each training set have ours explained, to check its points add up. */
export const EXPLAINED_ROWS = 20;

/** Every learner fitted on `train` (its choices made inside it) and scored on `test`. */
export function fitAndScore(
  data: Tokenized,
  labels: Uint8Array,
  train: number[],
  test: number[],
  when: Float64Array | null,
  seed: number,
  bandChoices: readonly number[] = BAND_CHOICES,
) {
  const binned = binTokens(data, train, { bands: BASELINE_BANDS });
  const split = innerSplit(train, labels, when, createRandom(seed));
  const treeFits = chooseAndFitTrees(binned, labels, train, split);
  const trees = treeFits.final;
  // without a number to band, every choice bins alike: nothing to choose
  const chosen =
    (bandChoices.length === 1 && bandChoices[0] === BASELINE_BANDS) || !data.numbers.some(Boolean)
      ? { bands: BASELINE_BANDS, binned }
      : chooseBands(data, labels, train, split, bandChoices);
  const logistic = chooseAndFitRidge(binned, labels, train, split);
  const ours = chooseAndFitBlend(chosen.binned, labels, train, split, {
    dated: when !== null,
    seed: seed + 17,
    // the reference trees and the regression are ours' to blend only when they read the same bins
    ...(chosen.bands === BASELINE_BANDS ? { trees: treeFits, ridge: logistic } : {}),
  });
  const tokensOf = (i: number) => binned.bins.map((column) => String(column[i]!));
  const trainLabels = Float64Array.from(train, (i) => labels[i]!);
  const nb = fitNaiveBayes(train.map(tokensOf), trainLabels);
  const rate = trainLabels.reduce((s, y) => s + y, 0) / trainLabels.length;
  const scored = (p: (i: number) => number) => test.map((i) => ({ p: p(i), y: labels[i]! as 0 | 1 }));
  const scores: FoldScores = {
    model: scored(ours.predict),
    baseRate: scored(() => rate),
    naiveBayes: scored((i) => nb.predict(tokensOf(i))),
    logistic: scored((i) => predictAdditive(logistic.final, binned, i)),
    boostedTrees: scored(trees.predict),
  };
  return {
    scores,
    featureCount: logistic.featureCount,
    choice: {
      ridge: logistic.ridge,
      rounds: ours.additive.rounds.mains,
      learningRate: ours.additive.learningRate,
      blendWeight: ours.weight,
      ridgeShare: ours.ridgeShare,
      blendDepth: ours.treeDepth,
      explanationGap: test
        .slice(0, EXPLAINED_ROWS)
        .reduce((gap, i) => Math.max(gap, Math.abs(explainBlend(ours, chosen.binned, i).logOdds - ours.score(i))), 0),
      pairs: ours.additive.pairs.map((p) => `${binned.features[p.a]} × ${binned.features[p.b]}`),
      treeRounds: trees.rounds,
      bands: chosen.bands,
    },
  };
}

/** The measures of one learner over its runs (one per repeat; the calibration read on the first). */
function measured(runs: ReadonlyArray<readonly Scored[]>): Measured {
  const each = runs.map(evaluate);
  const mean = (k: keyof Metrics) => each.reduce((s, m) => s + m[k], 0) / each.length;
  const fit = calibrationFit(runs[0]!);
  return {
    auc: mean('auc'),
    brier: mean('brier'),
    logLoss: mean('logLoss'),
    ece: mean('ece'),
    accuracy: mean('accuracy'),
    calibrationSlope: fit.slope,
    calibrationIntercept: fit.intercept,
    spread: { auc: spread(each.map((m) => m.auc)), brier: spread(each.map((m) => m.brier)) },
  };
}

/** Everything measured from the runs' pooled scores. */
function summarize(runs: readonly FoldScores[], seed: number) {
  const model = measured(runs.map((r) => r.model));
  const baselines = Object.fromEntries(BASELINES.map((name) => [name, measured(runs.map((r) => r[name]))])) as Record<
    BaselineName,
    Measured
  >;
  const best = (['logistic', 'boostedTrees', 'naiveBayes'] as const).reduce((a, b) =>
    baselines[b].auc > baselines[a].auc ? b : a,
  );
  const random = createRandom(seed);
  const first = runs[0]!;
  return {
    model,
    baselines,
    perfectEce: perfectlyCalibratedEce(
      first.model.map((s) => s.p),
      random,
    ),
    versusBest: { baseline: best, ...pairedBootstrap(first.model, first[best], random) },
    calibration: calibrationTable(first.model),
  };
}

/** A number for each row's date (months since year 0), or null when the table has no date column. */
export function rowDates(table: Table, position: number | null): Float64Array | null {
  if (position === null) return null;
  return Float64Array.from(table.rows, (r) => {
    const d = parseDate(r[position]!.trim());
    return d ? d.year * 12 + d.month - 1 : Number.NaN;
  });
}

/** The table read for learning: outcome labels, the features' columns and their tokens. */
export function prepareTable(table: Table, options: Pick<EvaluationOptions, 'outcome' | 'positive' | 'drop'>) {
  const outcome = column(table, options.outcome, '--outcome');
  const dropped = new Set((options.drop ?? []).map((d) => column(table, d, '--drop')));
  const values = new Set(table.rows.map((r) => r[outcome]!.trim()));
  if (!values.has(options.positive)) {
    throw new TableError(
      `--positive: no row has "${options.positive}" in "${options.outcome}"; it holds ${[...values]
        .slice(0, 10)
        .map((v) => `"${v}"`)
        .join(', ')}`,
    );
  }
  if (values.size < 2)
    throw new TableError(
      `"${options.outcome}" holds only one value ("${options.positive}"): there is nothing to tell apart`,
    );
  const labels = Uint8Array.from(table.rows, (r) => (r[outcome]!.trim() === options.positive ? 1 : 0));
  const positives = labels.reduce((s, y) => s + y, 0);
  const features = table.header
    .map((name, position) => ({ name, position }))
    .filter((c) => c.position !== outcome && !dropped.has(c.position))
    .map((c) => ({
      position: c.position,
      info: inferColumn(
        c.name,
        table.rows.map((r) => r[c.position]!.trim()),
      ),
    }));
  if (features.every((f) => f.info.kind === 'identifier'))
    throw new TableError('No column is left to learn from once the outcome and dropped columns are set aside');
  const columns = features.map((f) => f.info);
  return { labels, positives, features, columns, data: tokenize(features, table.rows) };
}

export function evaluateTable(table: Table, options: EvaluationOptions): EvaluationResult {
  const { labels, positives, features, columns, data } = prepareTable(table, options);
  const leaks = findLeaks(table.header, table.rows, labels, columns);
  const seed = options.seed ?? 1;
  const bandChoices = options.bands ?? BAND_CHOICES;
  if (bandChoices.length === 0 || bandChoices.some((b) => !Number.isInteger(b) || b < 2 || b > 200))
    throw new TableError('--bands: whole numbers from 2 to 200');
  // the choices are made the way the measure is taken: on the latest period in a time split (what
  // the model will be asked is the next period), on random fifths when the folds are random
  const dateColumn = options.timeSplit ? column(table, options.timeSplit.column, '--time-split') : null;
  const when = rowDates(table, dateColumn);
  const chosenOn = when
    ? `choices made on the latest fifth of the training rows by "${table.header[dateColumn!]}"`
    : 'choices made on random fifths of each training set';
  const result = (design: string, runs: FoldScores[], choices: EvaluationResult['choices'], featureCount: number) => ({
    rows: table.rows.length,
    positiveRate: positives / table.rows.length,
    design: `${design}; ${chosenOn}`,
    columns,
    features: featureCount,
    ...summarize(runs, seed),
    choices,
    leaks,
  });

  if (options.timeSplit) {
    const { trainUntil, testUntil } = options.timeSplit;
    const month = (date: string) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
    const train: number[] = [];
    const test: number[] = [];
    when!.forEach((m, i) => {
      if (Number.isNaN(m)) return;
      if (m <= month(trainUntil)) train.push(i);
      else if (!testUntil || m <= month(testUntil)) test.push(i);
    });
    if (train.length === 0 || test.length === 0)
      throw new TableError(
        `--time-split: ${train.length} rows to train on and ${test.length} to test; both must be non-empty`,
      );
    const fold = fitAndScore(data, labels, train, test, when, seed, bandChoices);
    return result(
      `time split on "${options.timeSplit.column}": train ${train.length} rows up to ${trainUntil.slice(0, 7)}, test ${test.length} rows${testUntil ? ` up to ${testUntil.slice(0, 7)}` : ' after'}`,
      [fold.scores],
      [fold.choice],
      fold.featureCount,
    );
  }

  const folds = options.folds ?? 10;
  const repeats = options.repeats ?? 1;
  if (!Number.isInteger(folds) || folds < 2 || folds > 100) throw new TableError('--folds: from 2 to 100');
  if (Math.min(positives, table.rows.length - positives) < folds)
    throw new TableError(`--folds: each outcome needs at least ${folds} rows`);
  const runs: FoldScores[] = [];
  const choices: EvaluationResult['choices'] = [];
  let featureCount = 0;
  for (let r = 0; r < repeats; r++) {
    const assignment = stratifiedFolds(labels, folds, seed + r);
    const pooled: FoldScores = { model: [], baseRate: [], naiveBayes: [], logistic: [], boostedTrees: [] };
    for (let f = 0; f < folds; f++) {
      const train: number[] = [];
      const test: number[] = [];
      for (let i = 0; i < labels.length; i++) (assignment[i] === f ? test : train).push(i);
      const fold = fitAndScore(data, labels, train, test, when, (seed + r) * 1000 + f, bandChoices);
      choices.push(fold.choice);
      featureCount = Math.max(featureCount, fold.featureCount);
      for (const name of ['model', ...BASELINES] as const) pooled[name].push(...fold.scores[name]);
    }
    runs.push(pooled);
  }
  return result(
    `${folds}-fold stratified cross-validation${repeats > 1 ? `, repeated ${repeats} times` : ''} (pooled out-of-fold predictions)`,
    runs,
    choices,
    featureCount,
  );
}
