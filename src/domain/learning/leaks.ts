import type { ColumnInfo } from './features.ts';

// A column that knows the answer: a field filled in or rounded off when the deal closed, so that its
// values say how it ended. A model trained on it scores beautifully and predicts nothing on an open
// deal. Two tell-tales, named so a user can drop the column (or ask who fills it in):
// - one value that almost never wins, or almost never loses, on many rows (a cost of 0 that wins 2 %);
// - round numbers that end differently from the rest (amounts in whole tens of thousands that win 9 %
//   where the rest win 35 %), which bands of the number cannot see but its exact values can.

export type Leak = {
  column: string;
  /** the value, or the round-number pattern, as a reader would write it */
  value: string;
  rows: number;
  /** the share of those rows won, and of all the others */
  wonShare: number;
  othersWonShare: number;
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
    // round numbers: the rounding that tells most (the larger step when two cover the same rows)
    let roundest: Leak | null = null;
    for (const step of ROUNDINGS) {
      const round: Tally = { rows: 0, won: 0 };
      for (const [value, tally] of byValue) {
        const n = Number(value);
        if (value !== '' && Number.isFinite(n) && n !== 0 && n % step === 0) {
          round.rows += tally.rows;
          round.won += tally.won;
        }
      }
      const words = `values that are whole multiples of ${step.toLocaleString('en-US')}`;
      const leak = judge(info.name, `multiples of ${step}`, round, minus(total, round), total.rows, words, false);
      if (leak && (!roundest || strength(leak) >= strength(roundest))) roundest = leak;
    }
    if (roundest) leaks.push(roundest);
  }
  return leaks.sort((a, b) => strength(b) - strength(a));
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
