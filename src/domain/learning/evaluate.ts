import { createRandom, shuffleInPlace } from '../random.ts';
import { fitEncoder, inferColumn, parseDate, tokenize, type ColumnInfo, type Tokenized } from './features.ts';
import { fitLogistic, predict } from './logistic.ts';
import { calibrationTable, evaluate, type CalibrationBin, type Metrics, type Scored } from './metrics.ts';
import { findLeaks, type Leak } from './leaks.ts';
import { fitNaiveBayes } from './naive-bayes.ts';
import { TableError, type Table } from './table.ts';

// Honest measurement on any CSV of closed opportunities: k-fold cross-validation (stratified,
// seeded, optionally repeated) or a time split, with the learner next to two baselines computed
// on the very same folds.

export type EvaluationOptions = {
  outcome: string;
  positive: string;
  drop?: readonly string[];
  folds?: number;
  repeats?: number;
  seed?: number;
  /** train on rows dated up to trainUntil, test on rows after it up to testUntil (YYYY-MM-DD) */
  timeSplit?: { column: string; trainUntil: string; testUntil?: string };
  /** prior precision of the learner's coefficients (ridge strength); by default chosen per fold by inner cross-validation */
  ridge?: number;
};

export type EvaluationResult = {
  rows: number;
  positiveRate: number;
  design: string;
  columns: ColumnInfo[];
  features: number;
  model: Metrics;
  baselines: { baseRate: Metrics; naiveBayes: Metrics };
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

function column(table: Table, name: string, flag: string): number {
  const position = table.header.indexOf(name);
  if (position === -1)
    throw new TableError(
      `${flag}: no column named "${name}"; the columns are ${table.header.map((h) => `"${h}"`).join(', ')}`,
    );
  return position;
}

const RIDGES = [1, 4, 16];

/**
 * The ridge strength with the lowest inner cross-validated log loss on (a sample of) the training
 * rows only, so the test rows never influence the choice. Each fit starts from the previous
 * strength's solution, which keeps the search cheap.
 */
export function chooseRidge(data: Tokenized, labels: Uint8Array, train: readonly number[], seed: number): number {
  const random = createRandom(seed);
  const rows = shuffleInPlace(random, [...train]).slice(0, 6000);
  const innerFolds = 2;
  const loss = RIDGES.map(() => 0);
  for (let f = 0; f < innerFolds; f++) {
    const fit = rows.filter((_, k) => k % innerFolds !== f);
    const held = rows.filter((_, k) => k % innerFolds === f);
    const encoder = fitEncoder(data, fit);
    const fitRows = fit.map((i) => encoder.encode(data.rows[i]!));
    const fitLabels = Float64Array.from(fit, (i) => labels[i]!);
    let previous: Float64Array | undefined;
    RIDGES.forEach((ridge, r) => {
      const precision = Float64Array.from({ length: encoder.featureCount + 1 }, (_, j) => (j === 0 ? 1e-4 : ridge));
      const model = fitLogistic(fitRows, fitLabels, encoder.featureCount, {
        priorPrecision: precision,
        ...(previous ? { initial: previous } : {}),
      });
      previous = model.coefficients;
      for (const i of held) {
        const p = Math.min(1 - 1e-12, Math.max(1e-12, predict(model, encoder.encode(data.rows[i]!))));
        loss[r]! -= labels[i] === 1 ? Math.log(p) : Math.log(1 - p);
      }
    });
  }
  return RIDGES[loss.indexOf(Math.min(...loss))]!;
}

/** The learner, the base rate and naive Bayes fitted on `train` and scored on `test`. */
function fitAndScore(
  data: Tokenized,
  labels: Uint8Array,
  train: number[],
  test: number[],
  ridgeOption: number | undefined,
  seed: number,
) {
  const ridge = ridgeOption ?? chooseRidge(data, labels, train, seed);
  const encoder = fitEncoder(data, train);
  const trainRows = train.map((i) => encoder.encode(data.rows[i]!));
  const trainLabels = Float64Array.from(train, (i) => labels[i]!);
  const precision = Float64Array.from({ length: encoder.featureCount + 1 }, (_, j) => (j === 0 ? 1e-4 : ridge));
  const model = fitLogistic(trainRows, trainLabels, encoder.featureCount, { priorPrecision: precision });
  const nb = fitNaiveBayes(
    train.map((i) => encoder.pooled(data.rows[i]!)),
    trainLabels,
  );
  const rate = trainLabels.reduce((s, y) => s + y, 0) / trainLabels.length;
  return {
    ridge,
    featureCount: encoder.featureCount,
    model: test.map((i) => ({ p: predict(model, encoder.encode(data.rows[i]!)), y: labels[i]! as 0 | 1 })),
    naiveBayes: test.map((i) => ({ p: nb.predict(encoder.pooled(data.rows[i]!)), y: labels[i]! as 0 | 1 })),
    baseRate: test.map((i) => ({ p: rate, y: labels[i]! as 0 | 1 })),
  };
}

function average(list: readonly Metrics[]): Metrics {
  const mean = (k: keyof Metrics) => list.reduce((s, m) => s + m[k], 0) / list.length;
  return {
    auc: mean('auc'),
    brier: mean('brier'),
    logLoss: mean('logLoss'),
    ece: mean('ece'),
    accuracy: mean('accuracy'),
  };
}

export function evaluateTable(table: Table, options: EvaluationOptions): EvaluationResult {
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
  const ridge = options.ridge;
  const columns = features.map((f) => f.info);
  const leaks = findLeaks(table.header, table.rows, labels, columns);
  const data = tokenize(features, table.rows);

  if (options.timeSplit) {
    const { column: dateColumn, trainUntil, testUntil } = options.timeSplit;
    const position = column(table, dateColumn, '--time-split');
    const key = (raw: string) => {
      const d = parseDate(raw.trim());
      return d ? `${d.year}-${String(d.month).padStart(2, '0')}` : null;
    };
    const train: number[] = [];
    const test: number[] = [];
    table.rows.forEach((r, i) => {
      const k = key(r[position]!);
      if (k === null) return;
      if (k <= trainUntil.slice(0, 7)) train.push(i);
      else if (!testUntil || k <= testUntil.slice(0, 7)) test.push(i);
    });
    if (train.length === 0 || test.length === 0)
      throw new TableError(
        `--time-split: ${train.length} rows to train on and ${test.length} to test; both must be non-empty`,
      );
    const scored = fitAndScore(data, labels, train, test, ridge, options.seed ?? 1);
    return {
      rows: table.rows.length,
      positiveRate: positives / table.rows.length,
      design: `time split on "${dateColumn}": train ${train.length} rows up to ${trainUntil.slice(0, 7)}, test ${test.length} rows${testUntil ? ` up to ${testUntil.slice(0, 7)}` : ' after'}; ridge ${scored.ridge}`,
      columns,
      features: scored.featureCount,
      model: evaluate(scored.model),
      baselines: { baseRate: evaluate(scored.baseRate), naiveBayes: evaluate(scored.naiveBayes) },
      calibration: calibrationTable(scored.model),
      leaks,
    };
  }

  const folds = options.folds ?? 10;
  const repeats = options.repeats ?? 1;
  if (!Number.isInteger(folds) || folds < 2 || folds > 100) throw new TableError('--folds: from 2 to 100');
  if (Math.min(positives, table.rows.length - positives) < folds)
    throw new TableError(`--folds: each outcome needs at least ${folds} rows`);
  const runs: Array<{ model: Metrics; baseRate: Metrics; naiveBayes: Metrics; pooled: Scored[] }> = [];
  let featureCount = 0;
  const ridges: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const assignment = stratifiedFolds(labels, folds, (options.seed ?? 1) + r);
    const pooled = { model: [] as Scored[], naiveBayes: [] as Scored[], baseRate: [] as Scored[] };
    for (let f = 0; f < folds; f++) {
      const train: number[] = [];
      const test: number[] = [];
      for (let i = 0; i < labels.length; i++) (assignment[i] === f ? test : train).push(i);
      const scored = fitAndScore(data, labels, train, test, ridge, (options.seed ?? 1) * 1000 + f);
      ridges.push(scored.ridge);
      featureCount = Math.max(featureCount, scored.featureCount);
      pooled.model.push(...scored.model);
      pooled.naiveBayes.push(...scored.naiveBayes);
      pooled.baseRate.push(...scored.baseRate);
    }
    runs.push({
      model: evaluate(pooled.model),
      baseRate: evaluate(pooled.baseRate),
      naiveBayes: evaluate(pooled.naiveBayes),
      pooled: pooled.model,
    });
  }
  return {
    rows: table.rows.length,
    positiveRate: positives / table.rows.length,
    design: `${folds}-fold stratified cross-validation${repeats > 1 ? `, repeated ${repeats} times` : ''} (pooled out-of-fold predictions); ridge per fold ${[...new Set(ridges)].join('/')}`,
    columns,
    features: featureCount,
    model: average(runs.map((r) => r.model)),
    baselines: { baseRate: average(runs.map((r) => r.baseRate)), naiveBayes: average(runs.map((r) => r.naiveBayes)) },
    calibration: calibrationTable(runs[0]!.pooled),
    leaks,
  };
}
