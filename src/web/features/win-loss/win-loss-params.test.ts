import { describe, expect, it } from 'vitest';
import { lastQuarterOf, winLossParamsFrom, winLossPeriodChoices } from './win-loss-params.ts';

describe('the win/loss review in the address bar', () => {
  it('reads its choices, the last full quarter when no period is given', () => {
    expect(winLossParamsFrom(new URLSearchParams('team=u1&period=2026-07&show=lost'), '2026-11-20')).toEqual({
      team: 'u1',
      owner: undefined,
      period: '2026-07',
      show: 'lost',
    });
    expect(winLossParamsFrom(new URLSearchParams('period=soon&show=everything'), '2026-11-20')).toEqual({
      team: undefined,
      owner: undefined,
      period: '2026-Q3',
      show: 'all',
    });
  });

  it.each([
    ['2026-11-20', '2026-Q3'],
    ['2026-01-02', '2025-Q4'],
    ['2026-04-01', '2026-Q1'],
  ])('on %s the last full quarter is %s', (today, key) => {
    expect(lastQuarterOf(today)).toBe(key);
  });

  it('offers the quarters, months and years a meeting looks back on, the last quarter first', () => {
    expect(winLossPeriodChoices('2026-01-15').map((c) => c.value)).toEqual([
      '2025-Q4',
      '2025-Q3',
      '2026-Q1',
      '2025-12',
      '2026-01',
      '2026',
      '2025',
    ]);
    expect(winLossPeriodChoices('2026-11-20')[0]).toEqual({ value: '2026-Q3', label: 'Last quarter (Q3 2026)' });
  });
});
