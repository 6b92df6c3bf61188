import type { Tokenized } from './features.ts';
import type { SparseRow } from './logistic.ts';

// The rows as small integers, one array per feature, learned from the training rows only so that
// nothing of a test fold reaches a choice: a number is cut into bands at the training rows'
// quantiles; a category seen fewer than `minCount` times in training joins its feature's "(rare)"
// bin; and bin 0 holds whatever training never showed (a new category, a later year), which every
// learner scores as the average, never as a guess. Every learner of a fold reads the same bins.

export const UNSEEN = 0;
const RARE = '(rare)';

export type Binned = {
  /** feature names, as in Tokenized.columns */
  features: string[];
  /** per feature, the name of each bin; bin 0 is "(unseen)" */
  binNames: string[][];
  /** per feature, the bin of every row of the table (training and test alike) */
  bins: Uint16Array[];
  /** per feature, how many of its first bins (after bin 0) are number bands, in order */
  bands: number[];
};

export type BinOptions = { minCount?: number; bands?: number };

/** Up to `bands` − 1 cut points at the quantiles of `values` (fewer where values repeat). */
export function quantileEdges(values: ArrayLike<number>, bands: number): number[] {
  const sorted = Float64Array.from(values).sort();
  const edges: number[] = [];
  for (let q = 1; q < bands; q++) {
    const edge = sorted[Math.floor((q * sorted.length) / bands)]!;
    if (edge > sorted[0]! && edges.at(-1) !== edge) edges.push(edge);
  }
  return edges;
}

const figure = (n: number) => (Math.abs(n) >= 1000 ? n.toLocaleString('en-US') : String(Number(n.toPrecision(4))));

/** "under 5,000", "5,000 to 12,000", "12,000 and over" */
function bandNames(edges: readonly number[]): string[] {
  if (edges.length === 0) return ['any value'];
  return [
    `under ${figure(edges[0]!)}`,
    ...edges.slice(1).map((edge, k) => `${figure(edges[k]!)} to ${figure(edge)}`),
    `${figure(edges.at(-1)!)} and over`,
  ];
}

export function binTokens(data: Tokenized, trainRows: readonly number[], options: BinOptions = {}): Binned {
  const minCount = options.minCount ?? 5;
  const bandCount = options.bands ?? 10;
  const binNames: string[][] = [];
  const bins: Uint16Array[] = [];
  const bands: number[] = [];
  data.columns.forEach((_, c) => {
    const numbers = data.numbers[c];
    const names = ['(unseen)'];
    let edges: number[] | null = null;
    if (numbers) {
      const training = trainRows.map((i) => numbers[i]!).filter((n) => !Number.isNaN(n));
      if (training.length > 0) {
        edges = quantileEdges(training, bandCount);
        names.push(...bandNames(edges));
      }
    }
    bands.push(names.length - 1);
    // what is left as categories: every cell of a category column, the non-numbers of a number column
    const counts = new Map<string, number>();
    for (const i of trainRows) {
      if (edges && !Number.isNaN(numbers![i]!)) continue;
      const t = data.rows[i]![c]!;
      counts.set(t, (counts.get(t) ?? 0) + 1);
    }
    const index = new Map<string, number>();
    let rare = 0;
    for (const [token, n] of [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (n >= minCount) {
        index.set(token, names.length);
        names.push(token);
      } else rare += n;
    }
    const rareBin = rare > 0 ? names.push(RARE) - 1 : UNSEEN;
    const column = new Uint16Array(data.rows.length);
    for (let i = 0; i < data.rows.length; i++) {
      const n = numbers ? numbers[i]! : Number.NaN;
      if (edges && !Number.isNaN(n)) {
        let band = 0;
        while (band < edges.length && n >= edges[band]!) band++;
        column[i] = 1 + band;
      } else {
        const t = data.rows[i]![c]!;
        column[i] = index.get(t) ?? (counts.has(t) ? rareBin : UNSEEN);
      }
    }
    binNames.push(names);
    bins.push(column);
  });
  return { features: [...data.columns], binNames, bins, bands };
}

/** The bins as one-hot features for logistic regression: one feature per bin except bin 0. */
export type OneHot = { featureCount: number; featureNames: string[]; encode(row: number): SparseRow };

export function oneHot(data: Binned): OneHot {
  const offsets: number[] = [];
  const featureNames: string[] = [];
  data.binNames.forEach((names, f) => {
    offsets.push(featureNames.length - 1);
    featureNames.push(...names.slice(1).map((name) => `${data.features[f]}=${name}`));
  });
  return {
    featureCount: featureNames.length,
    featureNames,
    encode: (row) => {
      const active: number[] = [];
      data.bins.forEach((column, f) => {
        const bin = column[row]!;
        if (bin !== UNSEEN) active.push(offsets[f]! + bin);
      });
      return { index: Int32Array.from(active), value: new Float64Array(active.length).fill(1) };
    },
  };
}
