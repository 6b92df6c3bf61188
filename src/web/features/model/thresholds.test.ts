import { describe, expect, it } from 'vitest';
import { DANGER_ZONE_RULES } from '../../../domain/assessment/catalog.ts';
import { hasThresholdWords, readThresholds, showThreshold, toInput } from './thresholds.ts';

describe('danger-zone thresholds as typed', () => {
  it.each(DANGER_ZONE_RULES.flatMap((r) => Object.keys(r.thresholds).map((key) => [r.id, key])))(
    '%s: %s has words for an administrator',
    (_id, key) => {
      expect(hasThresholdWords(key)).toBe(true);
    },
  );

  it.each([
    ['cycleShare', 0.4, '40', '40 %'],
    ['fitGap', -0.2, '-0.2', '−0.2'],
    ['quietDays', 30, '30', '30 days'],
    ['gapPoints', 30, '30', '30 pts'],
    ['minThreads', 2, '2', '2'],
  ])('%s %s shows as %s in the form and %s in the table', (key, value, input, shown) => {
    expect(toInput(key, value)).toBe(input);
    expect(showThreshold(key, value)).toBe(shown);
  });

  it.each([
    [{ cycleShare: '35' }, { cycleShare: 0.35 }],
    [{ fitGap: '−0.3' }, { fitGap: -0.3 }],
    [{ quietDays: ' 21 ' }, { quietDays: 21 }],
    [{ somethingNew: '7.5' }, { somethingNew: 7.5 }],
  ])('reads %j as %j', (inputs, values) => {
    expect(readThresholds(inputs)).toEqual({ ok: true, values });
  });

  it.each([
    [{ cycleShare: '' }, 'cycleShare', 'Enter a number'],
    [{ cycleShare: 'abc' }, 'cycleShare', 'Enter a number'],
    [{ cycleShare: '140' }, 'cycleShare', 'From 0 to 100 %'],
    [{ minPassedTests: '7' }, 'minPassedTests', 'From 1 to 6'],
    [{ quietDays: '2.5' }, 'quietDays', 'A whole number'],
    [{ fitGap: '0.5' }, 'fitGap', 'From -1 to 0'],
    [{ pushes: '3', manyPushes: '2' }, 'manyPushes', 'At least close-date pushes (3)'],
    [{ minThreads: '4', minThreadsLargeDeal: '3' }, 'minThreadsLargeDeal', 'At least contacts to be talking to (4)'],
    [{ quietDaysNearClose: '40', quietDays: '30' }, 'quietDays', 'At least quiet days, closing soon (40 days)'],
    [{ bestCaseCoverage: '80', commitCoverage: '70' }, 'commitCoverage', 'At least coverage for best case (80 %)'],
  ])('refuses %j: %s says "%s"', (inputs, field, message) => {
    const read = readThresholds(inputs);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.errors[field]).toBe(message);
  });
});
