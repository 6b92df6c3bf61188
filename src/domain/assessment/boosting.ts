import { fitAdditive, type AdditiveModel } from '../learning/additive.ts';
import { quantileEdges, UNSEEN, type Binned } from '../learning/binned.ts';
import { bandIn, contextKeys, logOddsOf } from './assess.ts';
import { KNOWLEDGE_FEATURES, type FeaturePair, type FeatureShape, type WinModel } from './model.ts';
import type { TrainingExample } from './training.ts';

// What a weight per feature cannot say, learned from the closed deals by the same boosted additive
// learner `winsight eval` measures: a feature may weigh differently at different values (a shape)
// and two features may weigh differently together than apart (a pair). Boosting starts from the
// weighted model's own log-odds for each deal, so no rounds at all leaves that model exactly as it
// is, and a stage is kept only when it gains a clear margin on the deals it never learned from.
// What it learns is folded back into the model's terms: a shape per knowledge feature (0 where the
// feature is absent), a table per pair (0 unless both are present), and the context weights.

/**
 * Bands per knowledge feature, cut at the training deals' quantiles (fewer where values repeat): at
 * most this many, and few enough that a band holds about MIN_BAND_DEALS deals.
 */
const MAX_BANDS = 10;
const MIN_BAND_DEALS = 30;

type Column =
  { kind: 'feature'; key: string; edges: number[] } | { kind: 'context'; name: string; bins: Map<string, number> };

/** The deals as bins, learned from `train` only: knowledge features by band, context by value. */
export type EngineTable = { data: Binned; columns: Column[] };

function contextOf(example: TrainingExample, model: Pick<WinModel, 'amountBandEdges'>): Array<[string, string]> {
  return contextKeys(example.deal, model).map((key) => {
    const colon = key.indexOf(':');
    return [key.slice(0, colon), key.slice(colon + 1)];
  });
}

export function engineTable(
  examples: readonly TrainingExample[],
  train: readonly number[],
  model: Pick<WinModel, 'amountBandEdges'>,
): EngineTable {
  const columns: Column[] = [];
  const bins: Uint16Array[] = [];
  const binNames: string[][] = [];
  for (const feature of KNOWLEDGE_FEATURES) {
    const values = examples.map((e) => feature.value(e.signals));
    const edges = quantileEdges(
      train.map((i) => values[i]!),
      Math.max(2, Math.min(MAX_BANDS, Math.floor(train.length / MIN_BAND_DEALS))),
    );
    columns.push({ kind: 'feature', key: feature.key, edges });
    bins.push(Uint16Array.from(values, (v) => 1 + bandIn(v, edges)));
    binNames.push(['(unseen)', ...Array.from({ length: edges.length + 1 }, (_, k) => `band ${k}`)]);
  }
  const contexts = examples.map((e) => contextOf(e, model));
  (contexts[0] ?? []).forEach(([name], c) => {
    const seen = new Map<string, number>();
    for (const i of train) {
      const value = contexts[i]![c]![1];
      if (!seen.has(value)) seen.set(value, seen.size + 1);
    }
    columns.push({ kind: 'context', name, bins: seen });
    bins.push(Uint16Array.from(contexts, (context) => seen.get(context[c]![1]) ?? UNSEEN));
    binNames.push(['(unseen)', ...seen.keys()]);
  });
  return {
    data: { features: columns.map((c) => (c.kind === 'feature' ? c.key : c.name)), binNames, bins, bands: [] },
    columns,
  };
}

/** At most this many pairs: a few a sales leader can read, as the strongest of what the shapes leave unexplained. */
const MAX_PAIRS = 8;

/** The columns a pair may join: knowledge features only, so that every pair reads as "this, together with that". */
const pairable = (table: EngineTable) =>
  table.columns.flatMap((column, c) => (column.kind === 'feature' && column.edges.length > 0 ? [c] : []));

const labelsOf = (examples: readonly TrainingExample[]) => Float64Array.from(examples, (e) => (e.won ? 1 : 0));

export type Boosted = { rounds: number; pairRounds: number; pairList: Array<[number, number]> };

/**
 * How long to boost on top of `weighted`: the rounds (and pairs) that did best on `validation`,
 * learned from the `train` deals (`weighted` must have been fitted on those alone).
 */
export function chooseBoosting(
  examples: readonly TrainingExample[],
  train: readonly number[],
  validation: readonly number[],
  weighted: WinModel,
): Boosted {
  const table = engineTable(examples, train, weighted);
  const offset = examples.map((e) => logOddsOf(e.signals, e.deal, weighted));
  const fitted = fitAdditive(table.data, labelsOf(examples), train, validation, {
    offset,
    pairable: pairable(table),
    pairs: MAX_PAIRS,
  });
  return {
    rounds: fitted.rounds.mains,
    pairRounds: fitted.rounds.pairs,
    pairList: fitted.pairs.map((p) => [p.a, p.b]),
  };
}

/** `weighted` with `boosting`'s rounds learned on every deal and folded into its terms. */
export function boostModel(examples: readonly TrainingExample[], weighted: WinModel, boosting: Boosted): WinModel {
  if (boosting.rounds === 0 && boosting.pairRounds === 0) return weighted;
  const all = examples.map((_, i) => i);
  const table = engineTable(examples, all, weighted);
  const offset = examples.map((e) => logOddsOf(e.signals, e.deal, weighted));
  const fitted = fitAdditive(table.data, labelsOf(examples), all, [], {
    offset,
    rounds: { mains: boosting.rounds, pairs: boosting.pairRounds, pairList: boosting.pairList },
  });
  return foldIntoModel(weighted, fitted, table);
}

/** How much log-likelihood `boosted` gains over `weighted` on the `held` deals (negative: it loses). */
export function gainOver(held: readonly TrainingExample[], boosted: WinModel, weighted: WinModel): number {
  let gain = 0;
  for (const e of held) {
    const sign = e.won ? -1 : 1;
    gain +=
      softplus(sign * logOddsOf(e.signals, e.deal, weighted)) - softplus(sign * logOddsOf(e.signals, e.deal, boosted));
  }
  return gain;
}

/** log(1 + e^x) without overflow: the log loss of log-odds −x for a win, x for a loss. */
const softplus = (x: number) => (x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x)));

const NEGLIGIBLE = 1e-9;
/** A pair whose every cell weighs less than half a scorecard point moves no deal's figure: it is left out. */
const HALF_A_POINT = (0.5 * Math.LN2) / 10;

/**
 * The additive correction as the model's own terms, exactly: each pair table keeps only what its two
 * features do together (its rows and columns at a feature's zero band go to that feature's shape),
 * each shape is 0 on its feature's zero band (the rest to the intercept), and a context column's
 * points join the weight of each value. A deal's log-odds are the same either way, but for a pair
 * left out because none of its cells reaches half a point.
 */
export function foldIntoModel(weighted: WinModel, fitted: AdditiveModel, table: EngineTable): WinModel {
  let intercept = weighted.intercept + fitted.intercept;
  const mains = fitted.mains.map((points) => Array.from(points));
  const zeroBin = (c: number) => {
    const column = table.columns[c]!;
    return column.kind === 'feature' ? 1 + bandIn(0, column.edges) : UNSEEN;
  };
  const pairs: FeaturePair[] = [];
  for (const pair of fitted.pairs) {
    const a = table.columns[pair.a]!;
    const b = table.columns[pair.b]!;
    if (a.kind !== 'feature' || b.kind !== 'feature') throw new Error('a pair joins knowledge features only');
    const width = table.data.binNames[pair.b]!.length;
    const at = (i: number, j: number) => pair.points[i * width + j]!;
    const [za, zb] = [zeroBin(pair.a), zeroBin(pair.b)];
    const rows = table.data.binNames[pair.a]!.length;
    for (let i = 1; i < rows; i++) mains[pair.a]![i]! += at(i, zb) - at(za, zb);
    for (let j = 1; j < width; j++) mains[pair.b]![j]! += at(za, j) - at(za, zb);
    intercept += at(za, zb);
    const logOdds = Array.from({ length: rows - 1 }, (_, i) =>
      Array.from({ length: width - 1 }, (_, j) =>
        i + 1 === za || j + 1 === zb ? 0 : at(i + 1, j + 1) - at(i + 1, zb) - at(za, j + 1) + at(za, zb),
      ),
    );
    if (logOdds.some((row) => row.some((x) => Math.abs(x) >= HALF_A_POINT)))
      pairs.push({ a: a.key, b: b.key, aEdges: a.edges, bEdges: b.edges, logOdds });
  }
  const shapes: FeatureShape[] = [];
  const weights = { ...weighted.weights };
  table.columns.forEach((column, c) => {
    const points = mains[c]!;
    if (column.kind === 'feature') {
      const anchor = points[zeroBin(c)]!;
      intercept += anchor;
      const logOdds = points.slice(1).map((x) => x - anchor);
      if (logOdds.some((x) => Math.abs(x) > NEGLIGIBLE))
        shapes.push({ feature: column.key, edges: column.edges, logOdds });
    } else {
      for (const [value, bin] of column.bins) {
        const key = `${column.name}:${value}`;
        weights[key] = (weights[key] ?? 0) + points[bin]!;
      }
    }
  });
  return { ...weighted, intercept, weights, shapes, pairs };
}
