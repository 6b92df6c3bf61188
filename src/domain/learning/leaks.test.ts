import { describe, expect, it } from 'vitest';
import { createRandom } from '../random.ts';
import { inferColumn } from './features.ts';
import { findLeaks } from './leaks.ts';

// Tables of closed deals built so that one column does or does not give the outcome away.

const N = 2000;

/** `cell(i, won, random)` writes column "x" of row i; the outcome is won with `rate` unless `outcome` says. */
function table(cell: (i: number, won: boolean, r: ReturnType<typeof createRandom>) => string, seed = 7) {
  const random = createRandom(seed);
  const header = ['x', 'noise'];
  const rows: string[][] = [];
  const won: number[] = [];
  for (let i = 0; i < N; i++) {
    const w = random.chance(0.4);
    rows.push([cell(i, w, random), String(random.int(1, 50_000))]);
    won.push(w ? 1 : 0);
  }
  const columns = header.map((name, k) =>
    inferColumn(
      name,
      rows.map((r) => r[k]!),
    ),
  );
  return { header, rows, won, columns };
}

const leaksOf = (t: ReturnType<typeof table>) => findLeaks(t.header, t.rows, t.won, t.columns);

describe('a column that gives the outcome away', () => {
  it.each([
    [
      'a value that never wins (a cost of 0 filled in on lost deals)',
      (i: number, won: boolean, r: ReturnType<typeof createRandom>) =>
        !won && i % 7 === 0 ? '0' : String(r.int(1, 900) * 37 + 11),
      '0',
    ],
    [
      'round amounts that end worse than the rest',
      (_i: number, won: boolean, r: ReturnType<typeof createRandom>) =>
        !won && r.chance(0.3) ? String(r.int(1, 40) * 10_000) : String(r.int(1, 40_000) * 10 + 3),
      'multiples of 10000',
    ],
    [
      'one exact amount that ends far from the amounts around it',
      (_i: number, won: boolean, r: ReturnType<typeof createRandom>) =>
        !won && r.chance(0.15) ? '25017.5' : String(r.int(1, 5_000) * 10 + 3),
      '25017.5',
    ],
  ])('is named: %s', (_label, cell, value) => {
    const leaks = leaksOf(table(cell));
    expect(leaks.length).toBeGreaterThan(0);
    expect(leaks[0]).toMatchObject({ column: 'x', value });
    expect(leaks[0]!.message).toContain('--drop "x"');
    expect(leaks.every((l) => l.column === 'x')).toBe(true);
  });

  it.each([
    [
      'a category that predicts a lot without deciding',
      (_i: number, won: boolean, r: ReturnType<typeof createRandom>) =>
        r.chance(won ? 0.7 : 0.3) ? 'existing' : 'new',
    ],
    [
      'numbers unrelated to the outcome',
      (_i: number, _won: boolean, r: ReturnType<typeof createRandom>) => String(r.int(1, 9_000) * 10),
    ],
  ])('is not raised for %s', (_label, cell) => {
    expect(leaksOf(table(cell))).toEqual([]);
  });

  it.each([
    ['a factor below one (costs in another currency converted at 0.68)', 0.68, 'multiples of 100000 after × 0.68'],
    ['a factor above one (converted at 1.27)', 1.27, 'multiples of 10000 after × 1.27'],
  ])('names round figures after a conversion, and the factor: %s', (_label, rate, value) => {
    // lost deals' amounts are round figures in the other currency; the rest are plain amounts
    const step = rate < 1 ? 100_000 : 10_000;
    const leaks = leaksOf(
      table((_i, won, r) =>
        !won && r.chance(0.4)
          ? (Math.round((r.int(1, 15) * step * 100) / rate) / 100).toFixed(2)
          : (r.int(100_000, 9_000_000) / 7).toFixed(2),
      ),
    );
    expect(leaks[0]).toMatchObject({ column: 'x', value, factor: rate });
    expect(leaks[0]!.message).toContain(`after multiplying by ${rate}`);
    expect(leaks[0]!.message).toContain('--drop "x"');
  });

  it('is not raised for converted round figures that end like the rest', () => {
    // the same conversion, on won and lost deals alike: a pattern, but not a leak
    const t = table((_i, _won, r) =>
      r.chance(0.4)
        ? (Math.round((r.int(1, 15) * 100_000 * 100) / 0.68) / 100).toFixed(2)
        : (r.int(100_000, 9_000_000) / 7).toFixed(2),
    );
    expect(leaksOf(t)).toEqual([]);
  });

  it('reads own-unit round figures as such, not as a conversion that keeps them round', () => {
    // 50,000 × 0.6 = 30,000: a factor that maps round figures to round figures is no conversion
    const leaks = leaksOf(
      table((_i, won, r) =>
        !won && r.chance(0.3) ? String(r.int(1, 40) * 10_000) : String(r.int(1, 40_000) * 10 + 3),
      ),
    );
    expect(leaks[0]).toMatchObject({ column: 'x', value: 'multiples of 10000' });
    expect(leaks.some((l) => l.factor !== undefined)).toBe(false);
  });

  it('is raised for a category that decides the outcome outright', () => {
    expect(leaksOf(table((_i, won) => (won ? 'signed' : 'open'))).map((l) => l.value)).toEqual(
      expect.arrayContaining(['signed', 'open']),
    );
  });

  it('passes over identifiers and the columns it is told to skip', () => {
    const t = table((i, won) => (!won && i % 7 === 0 ? '0' : String(i * 13 + 1)));
    expect(findLeaks(t.header, t.rows, t.won, t.columns, new Set(['x']))).toEqual([]);
  });
});
