import type { SparseRow } from './logistic.ts';

// From raw cells to model features. Each column is read as categories (blank and "Unknown" are
// categories of their own, never imputed), as numbers cut into quantile bands, as a date (year and
// month), or set aside as an identifier. Encoders are fitted on training rows only.

export type ColumnKind = 'categorical' | 'numeric' | 'date' | 'identifier';
export type ColumnInfo = { name: string; kind: ColumnKind; distinct: number };

export const BLANK = '(blank)';
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** "2018-03-27", "27-Mar-18", "27/03/2018" -> { year, month }, else null */
export function parseDate(raw: string): { year: number; month: number } | null {
  let m = /^(\d{4})-(\d{2})-(\d{2})/.exec(raw);
  if (m) return { year: Number(m[1]), month: Number(m[2]) };
  m = /^(\d{1,2})-([A-Za-z]{3})-(\d{2}|\d{4})$/.exec(raw);
  if (m) {
    const month = MONTHS.indexOf(m[2]!.toLowerCase()) + 1;
    if (month === 0) return null;
    const y = Number(m[3]);
    return { year: y < 100 ? 2000 + y : y, month };
  }
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(raw);
  if (m) return { year: Number(m[3]), month: Number(m[2]) };
  return null;
}

const asNumber = (raw: string): number | null => {
  if (raw === '' || !/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(raw)) return null;
  return Number(raw);
};

export function inferColumn(name: string, values: readonly string[]): ColumnInfo {
  const present = values.filter((v) => v !== '');
  const distinct = new Set(values).size;
  const numbers = present.map(asNumber);
  const numericShare = present.length ? numbers.filter((n) => n !== null).length / present.length : 0;
  if (numericShare >= 0.95 && new Set(numbers).size > 12) {
    const allIntegers = numbers.every((n) => n === null || Number.isInteger(n));
    if (allIntegers && distinct >= 0.99 * values.length) return { name, kind: 'identifier', distinct };
    return { name, kind: 'numeric', distinct };
  }
  if (present.length && present.filter((v) => parseDate(v) !== null).length / present.length >= 0.95)
    return { name, kind: 'date', distinct };
  if (distinct >= 0.9 * values.length && values.length > 50) return { name, kind: 'identifier', distinct };
  return { name, kind: 'categorical', distinct };
}

/** How one column turns a cell into a token: a category, a band, or a date part. */
type ColumnCoder = { name: string; tokens(raw: string): string[] };

function quantileEdges(values: number[], bands: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const edges: number[] = [];
  for (let q = 1; q < bands; q++) {
    const edge = sorted[Math.floor((q * sorted.length) / bands)]!;
    if (edges.at(-1) !== edge) edges.push(edge);
  }
  return edges;
}

function coderFor(info: ColumnInfo, values: readonly string[]): ColumnCoder | null {
  switch (info.kind) {
    case 'identifier':
      return null;
    case 'categorical':
      return { name: info.name, tokens: (raw) => [raw === '' ? BLANK : raw] };
    case 'date':
      return {
        name: info.name,
        tokens: (raw) => {
          const d = parseDate(raw);
          return d ? [`month=${d.month}`, `year=${d.year}`] : [raw === '' ? BLANK : raw];
        },
      };
    case 'numeric': {
      const edges = quantileEdges(
        values.map(asNumber).filter((n): n is number => n !== null),
        10,
      );
      return {
        name: info.name,
        tokens: (raw) => {
          const n = asNumber(raw);
          if (n === null) return [raw === '' ? BLANK : raw];
          let band = 0;
          while (band < edges.length && n >= edges[band]!) band++;
          return [`band${band}`];
        },
      };
    }
  }
}

/** Every row as tokens per usable column: computed once, shared by all folds. */
export type Tokenized = { columns: string[]; rows: string[][][] };

/**
 * Turns cells into tokens. Numeric bands are cut at quantiles of the whole column: that uses no
 * outcome, so it leaks nothing into the folds, and it is computed once instead of per fold.
 */
export function tokenize(
  columns: ReadonlyArray<{ position: number; info: ColumnInfo }>,
  rows: readonly (readonly string[])[],
): Tokenized {
  const coders = columns
    .map((c) => ({
      position: c.position,
      coder: coderFor(
        c.info,
        rows.map((r) => r[c.position]!.trim()),
      ),
    }))
    .filter((c): c is { position: number; coder: ColumnCoder } => c.coder !== null);
  return {
    columns: coders.map((c) => c.coder.name),
    rows: rows.map((row) => coders.map((c) => c.coder.tokens(row[c.position]!.trim()))),
  };
}

export type Encoder = {
  featureCount: number;
  featureNames: string[];
  encode(tokens: readonly string[][]): SparseRow;
  /** tokens with rare ones pooled, as the encoder sees them (for naive Bayes) */
  pooled(tokens: readonly string[][]): string[][];
};

const RARE = '(rare)';

/**
 * One-hot features learned from the training rows. Tokens seen fewer than `minCount` times are
 * pooled as "(rare)"; tokens never seen activate nothing.
 */
export function fitEncoder(data: Tokenized, trainRows: readonly number[], minCount = 5): Encoder {
  const counts = data.columns.map(() => new Map<string, number>());
  for (const i of trainRows) {
    data.rows[i]!.forEach((tokens, c) => {
      for (const t of tokens) counts[c]!.set(t, (counts[c]!.get(t) ?? 0) + 1);
    });
  }
  const index = data.columns.map(() => new Map<string, number>());
  const featureNames: string[] = [];
  counts.forEach((columnCounts, c) => {
    let rare = 0;
    for (const [token, n] of [...columnCounts.entries()].sort()) {
      if (n >= minCount) {
        index[c]!.set(token, featureNames.length);
        featureNames.push(`${data.columns[c]}=${token}`);
      } else rare += n;
    }
    if (rare >= minCount) {
      index[c]!.set(RARE, featureNames.length);
      featureNames.push(`${data.columns[c]}=${RARE}`);
    }
  });
  const resolve = (c: number, t: string) => index[c]!.get(t) ?? index[c]!.get(RARE);
  return {
    featureCount: featureNames.length,
    featureNames,
    pooled: (tokens) => tokens.map((ts, c) => ts.map((t) => (index[c]!.has(t) ? t : index[c]!.has(RARE) ? RARE : t))),
    encode: (tokens) => {
      const active: number[] = [];
      tokens.forEach((ts, c) => {
        for (const t of ts) {
          const f = resolve(c, t);
          if (f !== undefined) active.push(f);
        }
      });
      return { index: Int32Array.from(active), value: new Float64Array(active.length).fill(1) };
    },
  };
}
