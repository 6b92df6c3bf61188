import { UNSEEN, type Binned } from './binned.ts';
import { sigmoid } from './logistic.ts';

// The learner: a boosted additive model (the family known as explainable boosting machines, or
// GA2M). The log-odds of winning is an intercept plus one learned shape per feature (points per bin)
// plus a few learned pair terms (points per pair of bins), so every probability splits exactly into
// points per reason. Shapes grow by cyclic boosting: each round visits every feature in turn and
// moves each of its bins a small Newton step toward what the rows in that bin still get wrong. Then
// the pairs that the shapes leave most unexplained get a table of their own, boosted the same way.
// How long each stage runs is chosen on validation rows the fit never learns from.

export type PairTerm = { a: number; b: number; points: Float64Array };

export type AdditiveModel = {
  intercept: number;
  /** per feature, points per bin; bin 0 (unseen in training) always 0 */
  mains: Float64Array[];
  /** per pair of features, points per cell (bin of a × bins of b + bin of b) */
  pairs: PairTerm[];
  /** the boosting rounds kept for the shapes and for the pairs */
  rounds: { mains: number; pairs: number };
};

export type AdditiveOptions = {
  learningRate?: number;
  pairLearningRate?: number;
  /** the ridge on every step: a bin's step is its gradient over (its weight + lambda) */
  lambda?: number;
  maxRounds?: number;
  /** rounds without a better validation loss before a stage stops */
  patience?: number;
  /** how much lower a validation loss must be to count as better */
  tolerance?: number;
  /** how many pair terms at most (0: shapes only) */
  pairs?: number;
  /** fixed rounds instead of early stopping (a refit on all rows with rounds chosen before) */
  rounds?: { mains: number; pairs: number; pairList?: ReadonlyArray<readonly [number, number]> };
  /** per table row, log-odds the model starts from (an earlier model's view); default the base rate */
  offset?: Float64Array;
};

const DEFAULTS = {
  learningRate: 0.3,
  pairLearningRate: 0.05,
  lambda: 10,
  maxRounds: 1000,
  patience: 25,
  pairs: 24,
  tolerance: 1e-5,
};

/** The model's log-odds for one row of the table. */
export function additiveScore(model: AdditiveModel, data: Binned, row: number, offset?: Float64Array): number {
  let z = offset ? offset[row]! : model.intercept;
  for (let f = 0; f < model.mains.length; f++) z += model.mains[f]![data.bins[f]![row]!]!;
  for (const pair of model.pairs) z += pair.points[cell(data, pair, row)]!;
  return z;
}

export const predictAdditive = (model: AdditiveModel, data: Binned, row: number, offset?: Float64Array) =>
  sigmoid(additiveScore(model, data, row, offset));

const cell = (data: Binned, pair: { a: number; b: number }, row: number) =>
  data.bins[pair.a]![row]! * data.binNames[pair.b]!.length + data.bins[pair.b]![row]!;

/** Log loss of `scores` (log-odds) against the labels of `rows`. */
function loss(scores: Float64Array, rows: Int32Array, labels: ArrayLike<number>): number {
  let sum = 0;
  for (let k = 0; k < rows.length; k++) {
    const z = scores[k]!;
    // log(1 + e^-z) for a win, log(1 + e^z) for a loss, computed without overflow
    const s = labels[rows[k]!] === 1 ? -z : z;
    sum += s > 0 ? s + Math.log1p(Math.exp(-s)) : Math.log1p(Math.exp(s));
  }
  return sum / Math.max(1, rows.length);
}

/** One term being boosted: which cell each row falls in, and its points per cell. */
type Term = { cells: (row: number) => number; points: Float64Array; frozen: Uint8Array };

/**
 * Cyclic boosting of `terms` on the training rows, scored on the validation rows after every round.
 * With validation rows, keeps the round with the lowest validation loss (stopping `patience` rounds
 * later); without, runs exactly `rounds`. Scores are updated in place.
 */
function boost(
  terms: Term[],
  labels: ArrayLike<number>,
  train: Int32Array,
  trainScores: Float64Array,
  validation: Int32Array,
  validationScores: Float64Array,
  o: { learningRate: number; lambda: number; maxRounds: number; patience: number; tolerance: number; rounds?: number },
): number {
  const trainCells = terms.map((t) => Int32Array.from(train, (r) => t.cells(r)));
  const validationCells = terms.map((t) => Int32Array.from(validation, (r) => t.cells(r)));
  const best = terms.map((t) => Float64Array.from(t.points));
  let bestLoss = validation.length > 0 ? loss(validationScores, validation, labels) : Infinity;
  let bestRound = 0;
  const limit = o.rounds ?? o.maxRounds;
  for (let round = 1; round <= limit; round++) {
    terms.forEach((term, t) => {
      const size = term.points.length;
      const g = new Float64Array(size);
      const h = new Float64Array(size);
      const cells = trainCells[t]!;
      for (let k = 0; k < train.length; k++) {
        const p = sigmoid(trainScores[k]!);
        const c = cells[k]!;
        g[c]! += labels[train[k]!]! - p;
        h[c]! += p * (1 - p);
      }
      const step = new Float64Array(size);
      for (let c = 0; c < size; c++) if (!term.frozen[c]) step[c] = (o.learningRate * g[c]!) / (h[c]! + o.lambda);
      for (let c = 0; c < size; c++) term.points[c]! += step[c]!;
      for (let k = 0; k < train.length; k++) trainScores[k]! += step[cells[k]!]!;
      const vc = validationCells[t]!;
      for (let k = 0; k < validation.length; k++) validationScores[k]! += step[vc[k]!]!;
    });
    if (o.rounds !== undefined) continue;
    const now = loss(validationScores, validation, labels);
    if (now < bestLoss - o.tolerance) {
      bestLoss = now;
      bestRound = round;
      terms.forEach((t, i) => best[i]!.set(t.points));
    } else if (round - bestRound >= o.patience) break;
  }
  if (o.rounds !== undefined) return o.rounds;
  // back to the best round, scores included
  terms.forEach((term, t) => {
    const undo = term.points.map((x, c) => best[t]![c]! - x);
    term.points.set(best[t]!);
    trainCells[t]!.forEach((c, k) => (trainScores[k]! += undo[c]!));
    validationCells[t]!.forEach((c, k) => (validationScores[k]! += undo[c]!));
  });
  return bestRound;
}

/**
 * The pairs of features whose bins together explain most of what the shapes leave unexplained:
 * for each pair, the gain of one Newton step per cell, less what that step gains on pure noise
 * (so a pair of many sparse cells does not win by its size alone).
 */
function strongestPairs(
  data: Binned,
  labels: ArrayLike<number>,
  train: Int32Array,
  scores: Float64Array,
  lambda: number,
  count: number,
): Array<[number, number]> {
  const features = data.features.length;
  const g = new Float64Array(train.length);
  const h = new Float64Array(train.length);
  for (let k = 0; k < train.length; k++) {
    const p = sigmoid(scores[k]!);
    g[k] = labels[train[k]!]! - p;
    h[k] = p * (1 - p);
  }
  const ranked: Array<{ pair: [number, number]; gain: number }> = [];
  for (let a = 0; a < features; a++) {
    for (let b = a + 1; b < features; b++) {
      const width = data.binNames[b]!.length;
      const size = data.binNames[a]!.length * width;
      const G = new Float64Array(size);
      const H = new Float64Array(size);
      const binsA = data.bins[a]!;
      const binsB = data.bins[b]!;
      for (let k = 0; k < train.length; k++) {
        const c = binsA[train[k]!]! * width + binsB[train[k]!]!;
        G[c]! += g[k]!;
        H[c]! += h[k]!;
      }
      let gain = 0;
      for (let c = 0; c < size; c++) if (H[c]! > 0) gain += (G[c]! ** 2 - H[c]!) / (H[c]! + lambda);
      if (gain > 0) ranked.push({ pair: [a, b], gain });
    }
  }
  return ranked
    .sort((x, y) => y.gain - x.gain)
    .slice(0, count)
    .map((r) => r.pair);
}

/** Shifts each shape to average zero over the training rows, into the intercept; unseen stays 0. */
function centre(model: AdditiveModel, data: Binned, train: Int32Array): void {
  const centreTerm = (points: Float64Array, cellOf: (row: number) => number, keepZero: (c: number) => boolean) => {
    let mean = 0;
    for (const r of train) mean += points[cellOf(r)]!;
    mean /= Math.max(1, train.length);
    for (let c = 0; c < points.length; c++) if (!keepZero(c)) points[c]! -= mean;
    model.intercept += mean;
  };
  model.mains.forEach((points, f) =>
    centreTerm(
      points,
      (r) => data.bins[f]![r]!,
      (c) => c === UNSEEN,
    ),
  );
  for (const pair of model.pairs) {
    const width = data.binNames[pair.b]!.length;
    centreTerm(
      pair.points,
      (r) => cell(data, pair, r),
      (c) => Math.floor(c / width) === UNSEEN || c % width === UNSEEN,
    );
  }
}

/**
 * Fits the additive model on `train`. With `validation` rows, the rounds of each stage and the pairs
 * kept are those that did best on them; with `options.rounds`, it runs those rounds on the pairs given.
 */
export function fitAdditive(
  data: Binned,
  labels: ArrayLike<number>,
  train: readonly number[],
  validation: readonly number[],
  options: AdditiveOptions = {},
): AdditiveModel {
  const o = { ...DEFAULTS, ...options };
  const trainRows = Int32Array.from(train);
  const validationRows = Int32Array.from(validation);
  let won = 0;
  for (const r of train) won += labels[r]!;
  const base = Math.log((won + 0.5) / (train.length - won + 0.5));
  const model: AdditiveModel = {
    intercept: base,
    mains: data.binNames.map((names) => new Float64Array(names.length)),
    pairs: [],
    rounds: { mains: 0, pairs: 0 },
  };
  const start = (r: number) => (options.offset ? options.offset[r]! : base);
  const trainScores = Float64Array.from(trainRows, start);
  const validationScores = Float64Array.from(validationRows, start);
  const stage = (rounds: number | undefined, learningRate = o.learningRate) => ({
    learningRate,
    lambda: o.lambda,
    maxRounds: o.maxRounds,
    patience: o.patience,
    tolerance: o.tolerance,
    ...(rounds !== undefined ? { rounds } : {}),
  });

  const mainTerms: Term[] = model.mains.map((points, f) => ({
    cells: (r) => data.bins[f]![r]!,
    points,
    frozen: Uint8Array.from(points, (_, c) => (c === UNSEEN ? 1 : 0)),
  }));
  model.rounds.mains = boost(
    mainTerms,
    labels,
    trainRows,
    trainScores,
    validationRows,
    validationScores,
    stage(options.rounds?.mains),
  );

  const pairList = options.rounds?.pairList ?? strongestPairs(data, labels, trainRows, trainScores, o.lambda, o.pairs);
  if (pairList.length > 0 && (options.rounds?.pairs ?? 1) > 0) {
    model.pairs = pairList.map(([a, b]) => ({
      a,
      b,
      points: new Float64Array(data.binNames[a]!.length * data.binNames[b]!.length),
    }));
    const pairTerms: Term[] = model.pairs.map((pair) => {
      const width = data.binNames[pair.b]!.length;
      return {
        cells: (r) => cell(data, pair, r),
        points: pair.points,
        frozen: Uint8Array.from(pair.points, (_, c) =>
          Math.floor(c / width) === UNSEEN || c % width === UNSEEN ? 1 : 0,
        ),
      };
    });
    model.rounds.pairs = boost(
      pairTerms,
      labels,
      trainRows,
      trainScores,
      validationRows,
      validationScores,
      stage(options.rounds?.pairs, o.pairLearningRate),
    );
    if (model.rounds.pairs === 0) model.pairs = [];
  }
  if (!options.offset) centre(model, data, trainRows);
  return model;
}

/**
 * The average of several fitted models, itself an additive model: each shape and pair table is the
 * mean of the bags' (a bag without a pair counts it as zero points), so points still add up exactly.
 */
export function averageModels(models: readonly AdditiveModel[]): AdditiveModel {
  const n = models.length;
  const mains = models[0]!.mains.map((points, f) => {
    const mean = new Float64Array(points.length);
    for (const m of models) m.mains[f]!.forEach((x, c) => (mean[c]! += x / n));
    return mean;
  });
  const pairs = new Map<string, PairTerm>();
  for (const m of models) {
    for (const pair of m.pairs) {
      const key = `${pair.a}:${pair.b}`;
      const sum = pairs.get(key) ?? { a: pair.a, b: pair.b, points: new Float64Array(pair.points.length) };
      pair.points.forEach((x, c) => (sum.points[c]! += x / n));
      pairs.set(key, sum);
    }
  }
  return {
    intercept: models.reduce((s, m) => s + m.intercept, 0) / n,
    mains,
    pairs: [...pairs.values()].sort((x, y) => x.a - y.a || x.b - y.b),
    rounds: {
      mains: Math.round(models.reduce((s, m) => s + m.rounds.mains, 0) / n),
      pairs: Math.round(models.reduce((s, m) => s + m.rounds.pairs, 0) / n),
    },
  };
}
