import type { Random } from '../random.ts';
import { logit, sigmoid } from './logistic.ts';

// How good are probabilities? Discrimination (AUC), accuracy of the probabilities themselves
// (Brier, log loss) and calibration (expected calibration error and a reliability table).

export type Scored = { p: number; y: 0 | 1 };

/** Area under the ROC curve by ranks (Mann-Whitney), ties sharing the average rank. */
export function auc(items: readonly Scored[]): number {
  const positives = items.filter((i) => i.y === 1).length;
  const negatives = items.length - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  const sorted = [...items].sort((a, b) => a.p - b.p);
  let rankSumPositives = 0;
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1]!.p === sorted[i]!.p) j++;
    const averageRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) if (sorted[k]!.y === 1) rankSumPositives += averageRank;
    i = j + 1;
  }
  return (rankSumPositives - (positives * (positives + 1)) / 2) / (positives * negatives);
}

export function brier(items: readonly Scored[]): number {
  return items.reduce((sum, { p, y }) => sum + (p - y) ** 2, 0) / items.length;
}

export function logLoss(items: readonly Scored[]): number {
  const eps = 1e-12;
  return (
    -items.reduce((sum, { p, y }) => sum + (y === 1 ? Math.log(Math.max(p, eps)) : Math.log(Math.max(1 - p, eps))), 0) /
    items.length
  );
}

export function accuracy(items: readonly Scored[], threshold = 0.5): number {
  return items.filter(({ p, y }) => (p >= threshold ? 1 : 0) === y).length / items.length;
}

export type CalibrationBin = { from: number; to: number; count: number; meanPredicted: number; observedRate: number };

/** Predictions grouped in equal-width bins: what was predicted against what happened. */
export function calibrationTable(items: readonly Scored[], bins = 10): CalibrationBin[] {
  const table = Array.from({ length: bins }, (_, b) => ({
    from: b / bins,
    to: (b + 1) / bins,
    count: 0,
    sumP: 0,
    sumY: 0,
  }));
  for (const { p, y } of items) {
    const bin = table[Math.min(bins - 1, Math.floor(p * bins))]!;
    bin.count += 1;
    bin.sumP += p;
    bin.sumY += y;
  }
  return table.map((b) => ({
    from: b.from,
    to: b.to,
    count: b.count,
    meanPredicted: b.count ? b.sumP / b.count : 0,
    observedRate: b.count ? b.sumY / b.count : 0,
  }));
}

/** Σ (bin share) · |mean predicted − observed rate| over equal-width bins. */
export function expectedCalibrationError(items: readonly Scored[], bins = 10): number {
  return calibrationTable(items, bins).reduce(
    (sum, b) => sum + (b.count / items.length) * Math.abs(b.meanPredicted - b.observedRate),
    0,
  );
}

export type Metrics = { auc: number; brier: number; logLoss: number; ece: number; accuracy: number };

export function evaluate(items: readonly Scored[]): Metrics {
  return {
    auc: auc(items),
    brier: brier(items),
    logLoss: logLoss(items),
    ece: expectedCalibrationError(items),
    accuracy: accuracy(items),
  };
}

// How sure can we be of these numbers? Calibration slope and intercept, the calibration error that
// chance alone would show, paired bootstrap intervals for the gap between two models, and the
// spread of a metric over repeated runs.

/**
 * The logistic regression of outcomes `y` on a score `x`: y ~ sigmoid(intercept + slope · x), fitted
 * by Newton's method with a small ridge pulling (slope, intercept) toward `toward`. Without `shift`,
 * the intercept stays at `toward.intercept` and only the slope is fitted. With one outcome throughout
 * no finite fit exists: the ridge and the cap on steps stop the climb.
 */
export function fitOnScore(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  o: { ridge: number; toward: { slope: number; intercept: number }; maxIterations: number; shift?: boolean },
): { slope: number; intercept: number } {
  const shift = o.shift ?? true;
  let { slope, intercept } = o.toward;
  for (let iteration = 0; iteration < o.maxIterations; iteration++) {
    // gradient of the penalised log-likelihood and the (negated) Hessian, symmetric
    let gA = -o.ridge * (intercept - o.toward.intercept);
    let gB = -o.ridge * (slope - o.toward.slope);
    let hAA = o.ridge;
    let hAB = 0;
    let hBB = o.ridge;
    for (let i = 0; i < x.length; i++) {
      const xi = x[i]!;
      const mu = sigmoid(intercept + slope * xi);
      const w = mu * (1 - mu);
      gA += y[i]! - mu;
      gB += (y[i]! - mu) * xi;
      hAA += w;
      hAB += w * xi;
      hBB += w * xi * xi;
    }
    const determinant = hAA * hBB - hAB * hAB;
    if (!(determinant > 0)) break;
    const stepA = shift ? (hBB * gA - hAB * gB) / determinant : 0;
    const stepB = shift ? (hAA * gB - hAB * gA) / determinant : gB / hBB;
    intercept += stepA;
    slope += stepB;
    if (Math.abs(stepA) + Math.abs(stepB) < 1e-10) break;
  }
  return { slope, intercept };
}

/**
 * Logistic recalibration: y ~ sigmoid(intercept + slope · logit(p)), fitted by Newton's method.
 * Calibrated predictions give slope 1 and intercept 0; a slope below 1 means over-confident (the
 * predictions are too far from the middle), an intercept above 0 that wins come more often than
 * predicted.
 */
export function calibrationFit(items: readonly Scored[]): { slope: number; intercept: number } {
  if (items.length === 0) return { slope: Number.NaN, intercept: Number.NaN };
  const clip = 1e-6;
  return fitOnScore(
    items.map(({ p }) => logit(Math.min(1 - clip, Math.max(clip, p)))),
    items.map(({ y }) => y),
    // a tiny ridge keeps the 2×2 system solvable when every p is equal (the slope is then undetermined)
    { ridge: 1e-6, toward: { slope: 0, intercept: 0 }, maxIterations: 50 },
  );
}

/**
 * The expected calibration error (10 bins) that perfectly calibrated predictions would still show
 * at this size, by chance alone: the mean over `draws` sets of outcomes drawn from the predictions.
 */
export function perfectlyCalibratedEce(predictions: readonly number[], random: Random, draws = 200): number {
  const items: Scored[] = predictions.map((p) => ({ p, y: 0 }));
  let sum = 0;
  for (let d = 0; d < draws; d++) {
    for (const item of items) item.y = random.next() < item.p ? 1 : 0;
    sum += expectedCalibrationError(items);
  }
  return sum / draws;
}

/** A difference between two models and its 95 % interval. */
export type Interval = { difference: number; low: number; high: number };

/**
 * Paired bootstrap of metric(a) − metric(b) for two models' predictions of the same rows, in the
 * same order: each draw resamples the rows with replacement, so both models meet the same rows.
 * Returns the difference on all rows and the 2.5 % and 97.5 % percentiles of the draws.
 */
export function pairedBootstrap(
  a: readonly Scored[],
  b: readonly Scored[],
  random: Random,
  draws = 200,
): { auc: Interval; brier: Interval } {
  const n = a.length;
  if (b.length !== n || a.some((item, i) => item.y !== b[i]!.y))
    throw new Error('pairedBootstrap needs both models scored on the same rows in the same order');
  // Each model's rows sorted once by p; a draw then only counts how often it picked every row.
  const rankedA = rankByP(a);
  const rankedB = rankByP(b);
  const weight = new Float64Array(n);
  const differences = (): [number, number] => [
    weightedAuc(rankedA, weight) - weightedAuc(rankedB, weight),
    weightedBrierGap(a, b, weight),
  ];

  weight.fill(1);
  const [aucDifference, brierDifference] = differences();
  const aucDraws: number[] = [];
  const brierDraws: number[] = [];
  for (let d = 0; d < draws; d++) {
    weight.fill(0);
    for (let k = 0; k < n; k++) {
      const row = Math.floor(random.next() * n);
      weight[row] = weight[row]! + 1;
    }
    const [aucGap, brierGap] = differences();
    // a draw with no wins or no losses has no AUC
    if (!Number.isNaN(aucGap)) aucDraws.push(aucGap);
    brierDraws.push(brierGap);
  }
  return {
    auc: { difference: aucDifference, ...percentileInterval(aucDraws) },
    brier: { difference: brierDifference, ...percentileInterval(brierDraws) },
  };
}

/** The mean and the sample standard deviation (0 for a single value). */
export function spread(values: readonly number[]): { mean: number; sd: number } {
  const n = values.length;
  if (n === 0) return { mean: Number.NaN, sd: Number.NaN };
  const mean = values.reduce((sum, v) => sum + v, 0) / n;
  if (n === 1) return { mean, sd: 0 };
  const squares = values.reduce((sum, v) => sum + (v - mean) ** 2, 0);
  return { mean, sd: Math.sqrt(squares / (n - 1)) };
}

/** Rows in increasing p, with where each run of tied p ends. */
type Ranked = { rows: Int32Array; endsTie: Uint8Array; y: Uint8Array };

function rankByP(items: readonly Scored[]): Ranked {
  const rows = Int32Array.from(items.keys()).sort((i, j) => items[i]!.p - items[j]!.p);
  const endsTie = new Uint8Array(rows.length);
  rows.forEach((row, k) => {
    const next = rows[k + 1];
    endsTie[k] = next === undefined || items[next]!.p !== items[row]!.p ? 1 : 0;
  });
  return { rows, endsTie, y: Uint8Array.from(items, ({ y }) => y) };
}

/** AUC with every row counted `weight` times: the Mann-Whitney count in one pass over the sorted rows. */
function weightedAuc({ rows, endsTie, y }: Ranked, weight: Float64Array): number {
  let negativesBelow = 0;
  let pairs = 0;
  let positives = 0;
  let tiePositives = 0;
  let tieNegatives = 0;
  rows.forEach((row, k) => {
    if (y[row] === 1) tiePositives += weight[row]!;
    else tieNegatives += weight[row]!;
    if (!endsTie[k]) return;
    // a positive beats every negative below it and half of those tied with it
    pairs += tiePositives * (negativesBelow + tieNegatives / 2);
    positives += tiePositives;
    negativesBelow += tieNegatives;
    tiePositives = 0;
    tieNegatives = 0;
  });
  if (positives === 0 || negativesBelow === 0) return Number.NaN;
  return pairs / (positives * negativesBelow);
}

/** Brier(a) − Brier(b) with every row counted `weight` times. */
function weightedBrierGap(a: readonly Scored[], b: readonly Scored[], weight: Float64Array): number {
  let sum = 0;
  let total = 0;
  a.forEach(({ p, y }, i) => {
    const w = weight[i]!;
    if (w === 0) return;
    sum += w * ((p - y) ** 2 - (b[i]!.p - y) ** 2);
    total += w;
  });
  return sum / total;
}

/** The 2.5 % and 97.5 % percentiles, interpolating between order statistics. */
function percentileInterval(values: number[]): { low: number; high: number } {
  if (values.length === 0) return { low: Number.NaN, high: Number.NaN };
  const sorted = Float64Array.from(values).sort();
  const at = (q: number) => {
    const position = q * (sorted.length - 1);
    const below = Math.floor(position);
    const above = Math.min(below + 1, sorted.length - 1);
    return sorted[below]! + (position - below) * (sorted[above]! - sorted[below]!);
  };
  return { low: at(0.025), high: at(0.975) };
}
