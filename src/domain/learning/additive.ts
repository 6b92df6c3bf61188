import { UNSEEN, type Binned } from './binned.ts';
import { sigmoid } from './logistic.ts';
import { fitOnScore } from './metrics.ts';

// The learner: a boosted additive model (the family known as explainable boosting machines, or
// GA2M). The log-odds of winning is an intercept plus one learned shape per feature (points per bin)
// plus a few learned pair terms (points per pair of bins), so every probability splits exactly into
// points per reason. Shapes grow by cyclic boosting: each round visits every feature in turn and
// moves each of its bins a small Newton step toward what the rows in that bin still get wrong. Then
// the pairs that the shapes leave most unexplained get a table of their own, boosted all together,
// with a ridge that keeps thinly populated cells near zero. How long each stage runs is chosen on
// validation rows the fit never learns from, and a stage that does not gain a clear margin there is
// dropped: on data with nothing to learn, the model is the win rate and says so. Where the shapes
// stop is chosen for the whole model, with the pairs fitted after each stop tried, and a pair's
// table keeps only what its two features do together (purify()), so the shapes read alone.

export type PairTerm = { a: number; b: number; points: Float64Array };

export type AdditiveModel = {
  intercept: number;
  /** per feature, points per bin; bin 0 (unseen in training) always 0 */
  mains: Float64Array[];
  /** per pair of features, points per cell (bin of a × bins of b + bin of b) */
  pairs: PairTerm[];
  /** the boosting rounds kept for the shapes and for the pairs */
  rounds: { mains: number; pairs: number };
  /** the step of each round of the shapes */
  learningRate: number;
};

export type AdditiveOptions = {
  learningRate?: number;
  pairLearningRate?: number;
  /** the ridge on a pair table's cells: lighter than the shapes', as each cell is a combination the shapes already average */
  pairLambda?: number;
  /** damps every step: a bin's step is its gradient over (its weight + lambda) */
  lambda?: number;
  maxRounds?: number;
  /** rounds without a better validation loss before a stage stops */
  patience?: number;
  /** how much lower a validation loss must be to count as better */
  tolerance?: number;
  /** how many pair terms at most (0: shapes only) */
  pairs?: number;
  /**
   * fixed rounds instead of early stopping (a refit on all rows with rounds chosen before); without
   * `pairs`, the shapes' rounds alone are fixed and the pairs' are chosen on the validation rows
   */
  rounds?: { mains: number; pairs?: number; pairList?: ReadonlyArray<readonly [number, number]> };
  /**
   * per row of the table, log-odds the model starts from and learns corrections to (another model's
   * score): with it, 0 rounds leaves that model as it is, and the intercept starts at 0
   */
  offset?: ArrayLike<number>;
  /** the features a pair term may join (all when absent) */
  pairable?: readonly number[];
};

/** The least validation log-likelihood a boosting stage must gain to be kept. */
const MIN_GAIN = 2;

const DEFAULTS = {
  learningRate: 0.3,
  pairLearningRate: 0.1,
  pairLambda: 1,
  lambda: 10,
  maxRounds: 1000,
  patience: 25,
  pairs: 24,
  tolerance: 1e-5,
};

/** The model's log-odds for one row of the table (its correction, when fitted on an offset). */
export function additiveScore(model: AdditiveModel, data: Binned, row: number): number {
  let z = model.intercept;
  for (let f = 0; f < model.mains.length; f++) z += model.mains[f]![data.bins[f]![row]!]!;
  for (const pair of model.pairs) z += pair.points[cell(data, pair, row)]!;
  return z;
}

export const predictAdditive = (model: AdditiveModel, data: Binned, row: number) =>
  sigmoid(additiveScore(model, data, row));

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
 * Boosting of `terms` on the training rows (cyclic, or all terms from the same gradients), scored on
 * the validation rows after every round.
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
  o: {
    learningRate: number;
    lambda: number;
    /** the ridge on the points themselves (0: only early stopping holds them back) */
    penalty: number;
    maxRounds: number;
    patience: number;
    tolerance: number;
    cyclic: boolean;
    rounds?: number;
  },
  /** when given, receives every term's points after each round (a copy per round) */
  trail?: Float64Array[][],
): number {
  const trainCells = terms.map((t) => Int32Array.from(train, (r) => t.cells(r)));
  const validationCells = terms.map((t) => Int32Array.from(validation, (r) => t.cells(r)));
  const initial = terms.map((t) => Float64Array.from(t.points));
  const best = initial.map((points) => Float64Array.from(points));
  const startLoss = validation.length > 0 ? loss(validationScores, validation, labels) : Infinity;
  let bestLoss = startLoss;
  let bestRound = 0;
  const limit = o.rounds ?? o.maxRounds;
  const g = new Float64Array(train.length);
  const h = new Float64Array(train.length);
  const gradients = () => {
    for (let k = 0; k < train.length; k++) {
      const p = sigmoid(trainScores[k]!);
      g[k] = labels[train[k]!]! - p;
      h[k] = p * (1 - p);
    }
  };
  /** A Newton step per cell on the penalised loss: the penalty pulls sparse cells toward the average. */
  const stepOf = (term: Term, t: number) => {
    const size = term.points.length;
    const G = new Float64Array(size);
    const H = new Float64Array(size);
    const cells = trainCells[t]!;
    for (let k = 0; k < train.length; k++) {
      G[cells[k]!]! += g[k]!;
      H[cells[k]!]! += h[k]!;
    }
    const step = new Float64Array(size);
    for (let c = 0; c < size; c++)
      if (!term.frozen[c]) step[c] = (o.learningRate * (G[c]! - o.penalty * term.points[c]!)) / (H[c]! + o.lambda);
    return step;
  };
  const apply = (term: Term, t: number, step: Float64Array) => {
    for (let c = 0; c < step.length; c++) term.points[c]! += step[c]!;
    const cells = trainCells[t]!;
    for (let k = 0; k < train.length; k++) trainScores[k]! += step[cells[k]!]!;
    const vc = validationCells[t]!;
    for (let k = 0; k < validation.length; k++) validationScores[k]! += step[vc[k]!]!;
  };
  for (let round = 1; round <= limit; round++) {
    if (o.cyclic) {
      // each term sees the others' latest steps: needed where features overlap (a band and its category)
      terms.forEach((term, t) => {
        gradients();
        apply(term, t, stepOf(term, t));
      });
    } else {
      // every term steps from the same gradients: the pair tables, nearly independent, in one sweep
      gradients();
      const steps = terms.map(stepOf);
      terms.forEach((term, t) => apply(term, t, steps[t]!));
    }
    trail?.push(terms.map((t) => Float64Array.from(t.points)));
    if (o.rounds !== undefined) continue;
    const now = loss(validationScores, validation, labels);
    if (now < bestLoss - o.tolerance) {
      bestLoss = now;
      bestRound = round;
      terms.forEach((t, i) => best[i]!.set(t.points));
    } else if (round - bestRound >= o.patience) break;
  }
  if (o.rounds !== undefined) return o.rounds;
  // a stage that gains less log-likelihood than this on the validation rows has not shown it learned
  // anything that will hold (Akaike's margin for a couple of parameters): it learns nothing
  if ((startLoss - bestLoss) * validation.length < MIN_GAIN) {
    bestRound = 0;
    best.forEach((b, i) => b.set(initial[i]!));
  }
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
  pairable: readonly number[],
): Array<[number, number]> {
  const g = new Float64Array(train.length);
  const h = new Float64Array(train.length);
  for (let k = 0; k < train.length; k++) {
    const p = sigmoid(scores[k]!);
    g[k] = labels[train[k]!]! - p;
    h[k] = p * (1 - p);
  }
  const ranked: Array<{ pair: [number, number]; gain: number }> = [];
  for (const a of pairable) {
    for (const b of pairable) {
      if (b <= a) continue;
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

/**
 * Moves what each pair table says of one of its features alone into that feature's shape: each row
 * and column of the table is shifted to average zero over the training rows in it, the shift added to
 * the feature's bin, until nothing is left to move. Every score stays exactly as it was; what a
 * feature does alone reads in its shape, and a pair's points are only what the two do together.
 */
export function purify(model: AdditiveModel, data: Binned, train: Int32Array): void {
  for (const pair of model.pairs) {
    const height = data.binNames[pair.a]!.length;
    const width = data.binNames[pair.b]!.length;
    const counts = new Float64Array(height * width);
    for (const r of train) counts[cell(data, pair, r)]! += 1;
    const points = pair.points;
    /** shifts line `i` of the table (cells at `at(i, j)`) by its mean over the training rows into `shape` */
    const sweep = (lines: number, across: number, at: (i: number, j: number) => number, shape: Float64Array) => {
      let moved = 0;
      for (let i = 0; i < lines; i++) {
        let rows = 0;
        let sum = 0;
        for (let j = 0; j < across; j++) {
          rows += counts[at(i, j)]!;
          sum += counts[at(i, j)]! * points[at(i, j)]!;
        }
        if (rows === 0) continue;
        const mean = sum / rows;
        for (let j = 0; j < across; j++) points[at(i, j)]! -= mean;
        shape[i]! += mean;
        moved = Math.max(moved, Math.abs(mean));
      }
      return moved;
    };
    for (let round = 0; round < PURIFY_ROUNDS; round++) {
      const moved = Math.max(
        sweep(height, width, (a, b) => a * width + b, model.mains[pair.a]!),
        sweep(width, height, (b, a) => a * width + b, model.mains[pair.b]!),
      );
      if (moved < 1e-12) break;
    }
  }
}
const PURIFY_ROUNDS = 100;

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
  const offset = options.offset;
  const base = offset ? 0 : Math.log((won + 0.5) / (train.length - won + 0.5));
  const model: AdditiveModel = {
    intercept: base,
    mains: data.binNames.map((names) => new Float64Array(names.length)),
    pairs: [],
    rounds: { mains: 0, pairs: 0 },
    learningRate: o.learningRate,
  };
  const startOf = (rows: Int32Array) => Float64Array.from(rows, (r) => base + (offset ? offset[r]! : 0));
  // the shapes are held back by early stopping alone; the pair tables, many sparse cells each, also
  // by a ridge on their points that keeps a thinly populated cell near the shapes' own view
  const stage = (
    rounds: number | undefined,
    learningRate = o.learningRate,
    cyclic = true,
    lambda = o.lambda,
    penalty = 0,
  ) => ({
    learningRate,
    cyclic,
    lambda,
    penalty,
    maxRounds: o.maxRounds,
    patience: o.patience,
    tolerance: o.tolerance,
    ...(rounds !== undefined ? { rounds } : {}),
  });

  const trainScores = startOf(trainRows);
  const validationScores = startOf(validationRows);
  const mainTerms: Term[] = model.mains.map((points, f) => ({
    cells: (r) => data.bins[f]![r]!,
    points,
    frozen: Uint8Array.from(points, (_, c) => (c === UNSEEN ? 1 : 0)),
  }));
  const pairable = options.pairable ?? data.features.map((_, f) => f);
  // with held-back rows, where the shapes stop is chosen for the whole model, pairs included
  const choosing = validationRows.length > 0 && options.rounds === undefined && o.pairs > 0 && pairable.length > 1;
  const trail: Float64Array[][] = [];
  model.rounds.mains = boost(
    mainTerms,
    labels,
    trainRows,
    trainScores,
    validationRows,
    validationScores,
    stage(options.rounds?.mains),
    choosing ? trail : undefined,
  );

  /** `target` with its shapes as they are, and the pair stage target on what they leave unexplained */
  const withPairs = (target: AdditiveModel, scores: Float64Array, heldScores: Float64Array) => {
    const pairList =
      options.rounds?.pairList ?? strongestPairs(data, labels, trainRows, scores, o.lambda, o.pairs, pairable);
    if (pairList.length === 0 || (options.rounds?.pairs ?? 1) === 0) return target;
    target.pairs = pairList.map(([a, b]) => ({
      a,
      b,
      points: new Float64Array(data.binNames[a]!.length * data.binNames[b]!.length),
    }));
    const pairTerms: Term[] = target.pairs.map((pair) => {
      const width = data.binNames[pair.b]!.length;
      return {
        cells: (r) => cell(data, pair, r),
        points: pair.points,
        frozen: Uint8Array.from(pair.points, (_, c) =>
          Math.floor(c / width) === UNSEEN || c % width === UNSEEN ? 1 : 0,
        ),
      };
    });
    target.rounds.pairs = boost(
      pairTerms,
      labels,
      trainRows,
      scores,
      validationRows,
      heldScores,
      stage(options.rounds?.pairs, o.pairLearningRate, false, o.pairLambda, o.pairLambda),
    );
    if (target.rounds.pairs === 0) target.pairs = [];
    return target;
  };

  let fitted = withPairs(model, trainScores, validationScores);
  if (choosing && model.rounds.mains > 0) {
    // The shapes stopped where they did best alone; the pairs may then explain some of what the
    // shapes' later rounds had learned (a feature's effect that differs across another's levels)
    // and better. So earlier stopping points are tried too, each with its own pairs, and the whole
    // model that does best on the held-back rows is kept. Purified pairs (purify()) give any effect
    // a feature has alone back to its shape, whichever stage learned it.
    let best = { model: fitted, loss: loss(validationScores, validationRows, labels) };
    for (const rounds of earlierStops(model.rounds.mains)) {
      // the trail's copies are the candidate's own: no other stop reads them
      const mains = rounds === 0 ? model.mains.map((m) => new Float64Array(m.length)) : trail[rounds - 1]!;
      const candidate: AdditiveModel = {
        ...model,
        mains,
        pairs: [],
        rounds: { mains: rounds, pairs: 0 },
      };
      const scored = (rows: Int32Array) => {
        const scores = startOf(rows);
        for (let k = 0; k < rows.length; k++)
          for (let f = 0; f < mains.length; f++) scores[k]! += mains[f]![data.bins[f]![rows[k]!]!]!;
        return scores;
      };
      const candidateValidation = scored(validationRows);
      withPairs(candidate, scored(trainRows), candidateValidation);
      const candidateLoss = loss(candidateValidation, validationRows, labels);
      if (candidateLoss < best.loss - o.tolerance) best = { model: candidate, loss: candidateLoss };
    }
    fitted = best.model;
  }
  return settle(fitted, data, train);
}

/**
 * The model's pairs purified (purify()) and every term centred on the `train` rows, in place: the
 * same scores for every bin training saw, the points read against the average training row. Also
 * for an average of models fitted on different rows, whose tables each settled on their own.
 */
export function settle(model: AdditiveModel, data: Binned, train: readonly number[]): AdditiveModel {
  const rows = Int32Array.from(train);
  purify(model, data, rows);
  centre(model, data, rows);
  return model;
}

/** The fractions of the shapes' own stopping round (sixths, 0 included) also tried with pairs. */
const STOPS = 6;
const earlierStops = (rounds: number) =>
  [...new Set(Array.from({ length: STOPS }, (_, k) => Math.round((rounds * k) / STOPS)))].filter((r) => r < rounds);

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
    learningRate: models[0]!.learningRate,
    rounds: {
      mains: Math.round(models.reduce((s, m) => s + m.rounds.mains, 0) / n),
      pairs: Math.round(models.reduce((s, m) => s + m.rounds.pairs, 0) / n),
    },
  };
}

/** The model with every point scaled by `slope` and `shift` added to the intercept: still additive. */
export function rescaleModel(model: AdditiveModel, slope: number, shift: number): AdditiveModel {
  return {
    ...model,
    intercept: model.intercept * slope + shift,
    mains: model.mains.map((points) => points.map((x) => x * slope)),
    pairs: model.pairs.map((pair) => ({ ...pair, points: pair.points.map((x) => x * slope) })),
  };
}

/**
 * The slope and shift that recalibrate `model` on `rows` (held back from its fit), when they earn
 * their keep: the log-likelihood they gain must beat the parameters they cost (Akaike's rule), or the
 * model is left as it is (slope 1, shift 0). Without `shift`, only the slope: in time order the win
 * rate drifts, and the latest rows' level is no forecast of the next period's, while over- or
 * under-confidence carries over.
 */
export function recalibration(
  model: AdditiveModel,
  data: Binned,
  labels: ArrayLike<number>,
  rows: readonly number[],
  options: { shift: boolean } = { shift: true },
): { slope: number; shift: number } {
  // without a shift the level stays where it is: only the points (the score less the intercept) scale
  const level = options.shift ? 0 : model.intercept;
  const x = rows.map((r) => additiveScore(model, data, r) - level);
  const y = rows.map((r) => labels[r]!);
  const logLikelihood = (a: number, b: number) =>
    x.reduce((sum, xi, k) => {
      const s = b + a * xi;
      const signed = y[k] === 1 ? -s : s;
      return sum - (signed > 0 ? signed + Math.log1p(Math.exp(-signed)) : Math.log1p(Math.exp(signed)));
    }, 0);
  const { slope: a, intercept: b } = fitOnScore(x, y, {
    ridge: 1e-3,
    toward: { slope: 1, intercept: level },
    maxIterations: 25,
    shift: options.shift,
  });
  const cost = options.shift ? 2 : 1;
  // rescaleModel makes the intercept intercept × a + shift: b + a × (intercept − level), the level kept without a shift
  return logLikelihood(a, b) - logLikelihood(1, level) > cost && a > 0
    ? { slope: a, shift: b - a * level }
    : { slope: 1, shift: 0 };
}
