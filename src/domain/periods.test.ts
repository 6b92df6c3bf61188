import { describe, expect, it } from 'vitest';
import { nextPeriod, parsePeriod, periodOf, previousPeriod, quarterOf } from './periods.ts';

describe('reporting periods', () => {
  it.each([
    ['2026-Q4', { kind: 'quarter', from: '2026-10-01', to: '2026-12-31', label: 'Q4 2026' }],
    ['2024-Q1', { kind: 'quarter', from: '2024-01-01', to: '2024-03-31', label: 'Q1 2024' }],
    ['2024-02', { kind: 'month', from: '2024-02-01', to: '2024-02-29', label: 'February 2024' }],
    ['2026-12', { kind: 'month', from: '2026-12-01', to: '2026-12-31', label: 'December 2026' }],
    ['2026', { kind: 'year', from: '2026-01-01', to: '2026-12-31', label: '2026' }],
  ])('%s covers the days of its period', (key, period) => expect(parsePeriod(key)).toEqual({ key, ...period }));

  it.each(['2026-Q5', '2026-Q0', '2026-13', '2026-00', 'Q4', '26-Q4', '2026-q4', '', '2026-12-01'])(
    '"%s" names no period',
    (key) => expect(parsePeriod(key)).toBeNull(),
  );

  it('finds the quarter of a day and the period before one', () => {
    expect(quarterOf('2026-12-04').key).toBe('2026-Q4');
    expect(quarterOf('2026-01-01').key).toBe('2026-Q1');
    expect(previousPeriod(parsePeriod('2026-Q1')!).key).toBe('2025-Q4');
    expect(previousPeriod(parsePeriod('2026-Q3')!).key).toBe('2026-Q2');
    expect(previousPeriod(parsePeriod('2026-01')!).key).toBe('2025-12');
    expect(previousPeriod(parsePeriod('2026')!).key).toBe('2025');
  });

  it.each([
    ['2026-12-04', 'month', '2026-12', '2027-01'],
    ['2024-02-29', 'month', '2024-02', '2024-03'],
    ['2026-12-31', 'quarter', '2026-Q4', '2027-Q1'],
    ['2026-04-01', 'quarter', '2026-Q2', '2026-Q3'],
  ] as const)('%s falls in the %s %s, followed by %s', (day, kind, key, next) => {
    const period = periodOf(day, kind);
    expect(period.key).toBe(key);
    expect(nextPeriod(period).key).toBe(next);
    expect(previousPeriod(nextPeriod(period)).key).toBe(key);
  });

  it('follows a year with the next', () => expect(nextPeriod(parsePeriod('2026')!).key).toBe('2027'));
});
