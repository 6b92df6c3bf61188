import { describe, expect, it } from 'vitest';
import { descendantsOf, visibleOwnersFor, wouldCreateCycle } from './access.ts';
import { creationChanges, diffFields } from './audit.ts';
import { isCurrencyCode, minorUnitExponent, toMajorUnits, toMinorUnits } from './currency.ts';
import { addDays, daysBetween, isCalendarDate } from './dates.ts';
import { createRandom, randomFolds, shuffleInPlace } from './random.ts';

describe('isCalendarDate', () => {
  it.each([
    ['2026-02-28', true],
    ['2028-02-29', true],
    ['2026-02-29', false],
    ['2026-02-30', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-04-31', false],
    ['2026-12-31', true],
    ['26-12-31', false],
    ['2026-1-5', false],
    ['2026-12-31T00:00:00Z', false],
    ['', false],
    ['1899-12-31', false],
  ])('%s -> %s', (value, expected) => {
    expect(isCalendarDate(value)).toBe(expected);
  });

  it('adds days across month and year ends', () => {
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-01-01', '2026-12-31')).toBe(364);
  });
});

describe('currencies', () => {
  it.each([
    ['USD', true],
    ['EUR', true],
    ['JPY', true],
    ['usd', false],
    ['XYZ', false],
    ['US', false],
    ['constructor', false],
  ])('%s is a currency code: %s', (code, expected) => {
    expect(isCurrencyCode(code)).toBe(expected);
  });

  it.each([
    ['USD', 12_345.67, 1_234_567],
    ['JPY', 1500, 1500],
    ['KWD', 1.234, 1234],
    ['USD', 19.99, 1999],
  ])('%s %d is %d minor units and back', (code, major, minor) => {
    expect(toMinorUnits(major, code)).toBe(minor);
    expect(toMajorUnits(minor, code)).toBeCloseTo(major, minorUnitExponent(code));
  });

  it('rounds half away from zero at the currency precision', () => {
    expect(toMinorUnits(0.005, 'EUR')).toBe(1);
    expect(toMinorUnits(-0.005, 'EUR')).toBe(-1);
    expect(toMinorUnits(0.5, 'JPY')).toBe(1);
  });
});

describe('who sees whose records', () => {
  const people = [
    { id: 'admin', managerId: null },
    { id: 'vp', managerId: 'admin' },
    { id: 'ma', managerId: 'vp' },
    { id: 'mb', managerId: 'vp' },
    { id: 's1', managerId: 'ma' },
    { id: 's2', managerId: 'ma' },
    { id: 's3', managerId: 'mb' },
  ];

  it.each([
    ['s1', []],
    ['ma', ['s1', 's2']],
    ['vp', ['ma', 'mb', 's1', 's2', 's3']],
  ])('%s manages %j', (id, expected) => {
    expect(descendantsOf(id, people).sort()).toEqual([...expected].sort());
  });

  it('gives admins everything and others themselves plus their reports', () => {
    expect(visibleOwnersFor({ id: 'admin', role: 'admin' }, people)).toBe('all');
    expect(visibleOwnersFor({ id: 'mb', role: 'manager' }, people)).toEqual(['mb', 's3']);
    expect(visibleOwnersFor({ id: 's1', role: 'seller' }, people)).toEqual(['s1']);
  });

  it('survives a cycle that got into the data', () => {
    const looped = [
      { id: 'a', managerId: 'b' },
      { id: 'b', managerId: 'a' },
    ];
    expect(descendantsOf('a', looped)).toEqual(['b']);
  });

  it.each([
    ['vp', 'ma', true],
    ['vp', 's3', true],
    ['s1', 's1', true],
    ['s1', 'mb', false],
    ['ma', 'mb', false],
  ])('making %s report to %s loops: %s', (user, manager, expected) => {
    expect(wouldCreateCycle(user, manager, people)).toBe(expected);
  });
});

describe('audit diffs', () => {
  it('lists only changed fields, in field order, treating undefined as null', () => {
    const before = { a: 1, b: 'x', c: null as string | null, d: { k: 1 } };
    const after = { a: 2, b: 'x', c: undefined as unknown as string | null, d: { k: 2 } };
    expect(diffFields(before, after, ['d', 'a', 'b', 'c'])).toEqual([
      { field: 'd', from: { k: 1 }, to: { k: 2 } },
      { field: 'a', from: 1, to: 2 },
    ]);
  });

  it('records a creation as every set field', () => {
    expect(creationChanges({ a: 1, b: null, c: 'x' }, ['a', 'b', 'c'])).toEqual([
      { field: 'a', from: null, to: 1 },
      { field: 'c', from: null, to: 'x' },
    ]);
  });
});

describe('seeded random source', () => {
  it('repeats exactly for the same seed and differs for another', () => {
    const draw = (seed: number) => {
      const r = createRandom(seed);
      return [
        r.next(),
        r.int(1, 6),
        r.uuid(),
        r.pick(['a', 'b', 'c']),
        r.weighted([
          ['x', 1],
          ['y', 3],
        ] as const),
      ];
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });

  it('keeps int within bounds and weighted near its weights', () => {
    const r = createRandom(1);
    const rolls = Array.from({ length: 4000 }, () => r.int(1, 6));
    expect(Math.min(...rolls)).toBe(1);
    expect(Math.max(...rolls)).toBe(6);
    const ys = Array.from({ length: 4000 }, () =>
      r.weighted([
        ['x', 1],
        ['y', 3],
      ] as const),
    ).filter((v) => v === 'y').length;
    expect(ys / 4000).toBeGreaterThan(0.7);
    expect(ys / 4000).toBeLessThan(0.8);
  });

  it('shuffles in place: the same items, in an order fixed by the seed', () => {
    const shuffled = (seed: number) =>
      shuffleInPlace(
        createRandom(seed),
        Array.from({ length: 50 }, (_, i) => i),
      );
    expect(shuffled(3)).toEqual(shuffled(3));
    expect(shuffled(3)).not.toEqual(shuffled(4));
    expect([...shuffled(3)].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it.each([
    [10, 5],
    [11, 5],
    [7, 2],
    [100, 10],
    [3, 3],
  ])('deals %i rows into %i folds of sizes that differ by at most one, by seed', (rows, folds) => {
    const fold = randomFolds(createRandom(9), rows, folds);
    expect(fold).toHaveLength(rows);
    const sizes = Array.from({ length: folds }, (_, f) => fold.filter((x) => x === f).length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(rows);
    expect(randomFolds(createRandom(9), rows, folds)).toEqual(fold);
  });
});
