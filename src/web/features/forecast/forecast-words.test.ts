import { describe, expect, it } from 'vitest';
import { againstTarget, forecastPeriods } from './forecast-words.ts';

describe('the forecast in words', () => {
  it.each([
    [880, 1000, '12 % short of the target'],
    [1030, 1000, '3 % above the target'],
    [1002, 1000, 'on target'],
    [500, null, null],
    [500, 0, null],
  ])('a call of %s against %s reads %s', (call, target, words) => expect(againstTarget(call, target)).toBe(words));

  it('offers quarters and months, never every open deal', () => {
    expect(forecastPeriods('2026-12-04').map((p) => p.value)).toEqual([
      '2026-Q4',
      '2027-Q1',
      '2026-12',
      '2027-01',
      '2026-Q3',
    ]);
  });
});
