import type { ColumnInfo } from './features.ts';

// A column that knows the answer: a field filled in or rounded off when the deal closed, so that its
// values say how it ended. A model trained on it scores beautifully and predicts nothing on an open
// deal. Two tell-tales, named so a user can drop the column (or ask who fills it in):
// - one value that almost never wins, or almost never loses, on many rows (a cost of 0 that wins 2 %);
// - round numbers that end differently from the rest (amounts in whole tens of thousands that win 9 %
//   where the rest win 35 %), which bands of the number cannot see but its exact values can; also
//   round in another currency: 294,117.65 is 200,000 converted at 0.68, and such costs win 19 % where
//   the rest win 45 % (a finer cut of the number learns those exact values, and so the outcome).

export type Leak = {
  column: string;
  /** the value, or the round-number pattern, as a reader would write it */
  value: string;
  rows: number;
  /** the share of those rows won, and of all the others */
  wonShare: number;
  othersWonShare: number;
  /** for round numbers after a conversion: the factor the values were multiplied by */
  factor?: number;
  message: string;
};

/** A value must cover this many rows (and this share of them) before its win rate is news. */
const MIN_ROWS = 30;
const MIN_SHARE = 0.01;
/** How far from the rest a value's win rate must sit: a third of the odds, or three times them. */
const ODDS_RATIO = 3;
/** And how sure: a two-proportion z-score at least this large. */
const MIN_Z = 4;

const odds = (p: number) => (p <= 0 ? 1e-6 : p >= 1 ? 1e6 : p / (1 - p));
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

/** The two-proportion z-score of a rate on `n` rows against the rate on `m` others. */
function zScore(won: number, n: number, otherWon: number, m: number): number {
  const pooled = (won + otherWon) / (n + m);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n + 1 / m));
  return se === 0 ? 0 : Math.abs(won / n - otherWon / m) / se;
}

type Tally = { rows: number; won: number };

/** A value that all but settles the outcome: won this rarely, or this often. */
const SETTLED = 0.03;

/**
 * The leak `group` shows against `others` (the rest of the table, or the rest of its band), or
 * null: too few rows, too near the others, or not sure enough. With `settledOnly`, only a value that
 * all but settles the outcome counts (a category may rightly predict a lot; it should not decide).
 */
function judge(
  column: string,
  value: string,
  group: Tally,
  others: Tally,
  total: number,
  describe: string,
  settledOnly: boolean,
): Leak | null {
  if (group.rows < Math.max(MIN_ROWS, MIN_SHARE * total) || others.rows < MIN_ROWS) return null;
  const share = group.won / group.rows;
  const rest = others.won / others.rows;
  if (settledOnly && share > SETTLED && share < 1 - SETTLED) return null;
  const ratio = odds(share) / odds(rest);
  if (ratio > 1 / ODDS_RATIO && ratio < ODDS_RATIO) return null;
  if (zScore(group.won, group.rows, others.won, others.rows) < MIN_Z) return null;
  return {
    column,
    value,
    rows: group.rows,
    wonShare: share,
    othersWonShare: rest,
    message: `"${column}": ${describe} win ${pct(share)} of the time (${group.rows} rows) against ${pct(rest)} for the rest; if it is filled in or rounded when a deal closes, it leaks the outcome: drop it (--drop "${column}") or check who fills it in`,
  };
}

const minus = (a: Tally, b: Tally): Tally => ({ rows: a.rows - b.rows, won: a.won - b.won });

/** The powers of ten a round-number pattern is checked at. */
const ROUNDINGS = [1_000, 10_000, 100_000, 1_000_000];
/** Bands a number is cut into, as the learner reads it. */
const BANDS = 10;

/**
 * The columns whose values give the outcome away, most telling first. `won[i]` says whether row i
 * was won; identifiers are passed over (each value is one row), as are the columns in `skip`.
 * Three tell-tales: a value that all but settles the outcome; for a number, an exact value that ends
 * far from the rest of its band (what bands cannot see), or round numbers that end far from the rest.
 */
export function findLeaks(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  won: ArrayLike<number>,
  columns: readonly ColumnInfo[],
  skip: ReadonlySet<string> = new Set(),
): Leak[] {
  const total: Tally = { rows: rows.length, won: 0 };
  for (let i = 0; i < rows.length; i++) total.won += won[i]!;
  const leaks: Leak[] = [];
  for (const info of columns) {
    if (info.kind === 'identifier' || skip.has(info.name)) continue;
    const at = header.indexOf(info.name);
    if (at === -1) continue;
    const byValue = new Map<string, Tally>();
    for (let i = 0; i < rows.length; i++) {
      const raw = rows[i]![at]!.trim();
      const t = byValue.get(raw) ?? { rows: 0, won: 0 };
      t.rows++;
      t.won += won[i]!;
      byValue.set(raw, t);
    }
    const named = new Set<string>();
    for (const [value, tally] of byValue) {
      const words = value === '' ? 'blank cells' : `rows with "${value}"`;
      const leak = judge(info.name, value, tally, minus(total, tally), total.rows, words, true);
      if (leak) (leaks.push(leak), named.add(value));
    }
    if (info.kind !== 'numeric') continue;
    leaks.push(...exactAgainstBand(info.name, byValue, total.rows, named));
    // round numbers, in the column's own unit or after a conversion: the pattern that tells most
    const amounts = [...byValue]
      .map(([value, tally]) => ({ value, n: Number(value), tally }))
      .filter((x) => x.value !== '' && Number.isFinite(x.n) && x.n !== 0);
    let roundest: RoundPattern | null = null;
    for (const factor of [1, ...conversionFactors(amounts)])
      roundest = rounder(roundest, roundAfter(info.name, amounts, factor, total));
    if (roundest) leaks.push(roundest.leak);
  }
  return leaks.sort((a, b) => strength(b) - strength(a));
}

/** A number of a column (not blank, not 0), with how its rows ended. */
type Amount = { value: string; n: number; tally: Tally };

/** A round-number leak, and the step it is round at in the column's own unit (step / factor). */
type RoundPattern = { leak: Leak; quantum: number };

/**
 * The more telling of two round-number patterns: the stronger, or, when they tell about as much
 * (the same rows, read at another step or through a multiple of the factor: 0.34 for 0.68), the one
 * that is round at the larger step in the column's own unit, the less likely by chance.
 */
function rounder(a: RoundPattern | null, b: RoundPattern | null): RoundPattern | null {
  if (!a || !b) return a ?? b;
  const [sa, sb] = [strength(a.leak), strength(b.leak)];
  if (Math.abs(sa - sb) <= SAME_STRENGTH * Math.max(sa, sb)) return b.quantum > a.quantum ? b : a;
  return sb > sa ? b : a;
}

/** Two patterns whose strengths differ by less than this share tell about as much. */
const SAME_STRENGTH = 0.05;

/**
 * The most telling round-number pattern of a column once its values are multiplied by `factor` (1:
 * as they are), over the ROUNDINGS.
 */
function roundAfter(column: string, amounts: readonly Amount[], factor: number, total: Tally) {
  let roundest: RoundPattern | null = null;
  for (const step of ROUNDINGS) {
    const round: Tally = { rows: 0, won: 0 };
    let values = 0;
    let example: Amount | null = null;
    for (const x of amounts) {
      if (!isWholeMultiple(x.n * factor, step, factor) || (factor !== 1 && isOwnRound(x.n))) continue;
      round.rows += x.tally.rows;
      round.won += x.tally.won;
      values++;
      if (!example || x.tally.rows > example.tally.rows) example = x;
    }
    // after a conversion, a pattern is several values made round, not one value (exactAgainstBand's)
    if (factor !== 1 && values < MIN_CONVERTED_VALUES) continue;
    const multiples = `whole multiples of ${step.toLocaleString('en-US')}`;
    const words =
      factor === 1
        ? `values that are ${multiples}`
        : `amounts that are ${multiples} after multiplying by ${figure(factor)} (dividing by ${figure(1 / factor)}: round figures converted at ${figure(factor)}, e.g. ${example!.n.toLocaleString('en-US')} × ${figure(factor)} = ${Math.round(example!.n * factor).toLocaleString('en-US')})`;
    const value = factor === 1 ? `multiples of ${step}` : `multiples of ${step} after × ${figure(factor)}`;
    const leak = judge(column, value, round, minus(total, round), total.rows, words, false);
    if (leak)
      roundest = rounder(roundest, {
        leak: factor === 1 ? leak : { ...leak, factor: Number(figure(factor)) },
        quantum: step / factor,
      });
  }
  return roundest;
}

/**
 * Round in the column's own unit: the own-unit check's, whatever a conversion makes of it (a factor
 * of 0.6 turns 50,000 into 30,000, round figures of round figures, not a conversion).
 */
const isOwnRound = (n: number) => n % ROUNDINGS[0]! === 0;

/** A factor shown with four significant figures at most: 0.68, 1.4706. */
const figure = (x: number) => String(Number(x.toPrecision(x < 1 ? 4 : 5)));

/**
 * Whether `x` (a value times `factor`) is a whole multiple of `step`, allowing for the cents the
 * converted value was rounded to and for a factor read from rounded values.
 */
function isWholeMultiple(x: number, step: number, factor: number): boolean {
  const nearest = Math.round(x / step) * step;
  return nearest !== 0 && Math.abs(x - nearest) <= 0.006 * factor + 2e-6 * Math.abs(x);
}

/** How many of a column's most frequent values propose conversion factors. */
const FREQUENT_VALUES = 40;
/** How many of the best-supported factors are checked as patterns. */
const FACTORS_CHECKED = 3;
/** How many distinct values a conversion must make round to count as a pattern. */
const MIN_CONVERTED_VALUES = 3;

/**
 * Factors that would turn many of a column's frequent values into round figures: what amounts
 * converted from round figures in another currency look like (294,117.65 = 200,000 / 0.68). Each
 * frequent value proposes the factors that make it a one-digit round figure (100,000, 200,000, ...)
 * of about its size (factors from 1/√10 to √10); the factors proposed for the most rows win. Values
 * already round, and factors that only halve, double or scale by ten, are left to the own-unit
 * check. Cheap: a few dozen values.
 */
function conversionFactors(amounts: readonly Amount[]): number[] {
  const frequent = amounts
    .filter((x) => x.tally.rows > 1 && !isOwnRound(x.n))
    .map((x) => ({ n: Math.abs(x.n), rows: x.tally.rows }))
    .sort((a, b) => b.rows - a.rows)
    .slice(0, FREQUENT_VALUES);
  const votes = new Map<string, { rows: number; ratios: number[] }>();
  for (const { n, rows } of frequent) {
    const decade = 10 ** Math.floor(Math.log10(n));
    for (const scale of [decade / 10, decade, decade * 10])
      for (let digit = 1; digit <= 9; digit++) {
        const factor = (digit * scale) / n;
        if (factor < 1 / Math.sqrt(10) || factor >= Math.sqrt(10)) continue;
        const key = factor.toPrecision(3);
        const vote = votes.get(key) ?? { rows: 0, ratios: [] };
        vote.rows += rows;
        vote.ratios.push(factor);
        votes.set(key, vote);
      }
  }
  return [...votes.values()]
    .filter((v) => v.ratios.length >= MIN_CONVERTED_VALUES)
    .sort((a, b) => b.rows - a.rows)
    .map((v) => v.ratios.sort((a, b) => a - b)[v.ratios.length >> 1]!)
    .filter((f) => !isPlainScale(f))
    .slice(0, FACTORS_CHECKED);
}

/** 1, 2 or 5 times a power of ten: a factor that makes round figures of round figures. */
function isPlainScale(factor: number): boolean {
  const mantissa = factor / 10 ** Math.floor(Math.log10(factor) + 1e-9);
  return [1, 2, 5, 10].some((m) => Math.abs(mantissa - m) < 1e-3 * m);
}

/** How telling a leak is: how far its odds sit from the rest's, weighed by how many rows show it. */
const strength = (l: Leak) => Math.abs(Math.log(odds(l.wonShare) / odds(l.othersWonShare))) * Math.sqrt(l.rows);

/** Exact values of a number that end far from the other rows of their quantile band. */
function exactAgainstBand(
  column: string,
  byValue: ReadonlyMap<string, Tally>,
  totalRows: number,
  named: ReadonlySet<string>,
): Leak[] {
  const numbers = [...byValue]
    .filter(([value]) => value !== '' && Number.isFinite(Number(value)))
    .map(([value, tally]) => ({ value, n: Number(value), tally }))
    .sort((a, b) => a.n - b.n);
  const count = numbers.reduce((sum, x) => sum + x.tally.rows, 0);
  const bandOf = new Map<string, number>();
  const bands: Tally[] = Array.from({ length: BANDS }, () => ({ rows: 0, won: 0 }));
  let seen = 0;
  for (const x of numbers) {
    const band = Math.min(BANDS - 1, Math.floor((seen * BANDS) / Math.max(1, count)));
    bandOf.set(x.value, band);
    bands[band]!.rows += x.tally.rows;
    bands[band]!.won += x.tally.won;
    seen += x.tally.rows;
  }
  const leaks: Leak[] = [];
  for (const x of numbers) {
    // a value that fills half a band or more is what its band is: bands already see it
    if (named.has(x.value) || x.tally.rows * BANDS * 2 > count) continue;
    const others = minus(bands[bandOf.get(x.value)!]!, x.tally);
    const leak = judge(column, x.value, x.tally, others, totalRows, `rows with exactly ${x.value}`, false);
    if (leak) leaks.push({ ...leak, message: leak.message.replace('for the rest', 'for the rest of its band') });
  }
  return leaks;
}
