import { describe, expect, it } from 'vitest';
import { periodChoices, reviewParamsFrom, searchOf } from './review-params.ts';

describe('the review in the address bar', () => {
  it('reads its choices, falling back to the defaults for anything it does not know', () => {
    expect(reviewParamsFrom(new URLSearchParams('team=u1&period=2026-Q4&rank=risk&limit=10'))).toEqual({
      team: 'u1',
      owner: undefined,
      period: '2026-Q4',
      rank: 'risk',
      limit: 10,
    });
    expect(reviewParamsFrom(new URLSearchParams('period=soon&rank=biggest&limit=500'))).toEqual({
      team: undefined,
      owner: undefined,
      period: undefined,
      rank: 'value_probability',
      limit: 20,
    });
  });

  it('writes only what differs from the defaults', () => {
    expect(searchOf({ rank: 'value_probability', limit: 20 })).toEqual({});
    expect(searchOf({ owner: 'u2', rank: 'value', limit: 20, period: '2027-01' })).toEqual({
      owner: 'u2',
      rank: 'value',
      period: '2027-01',
    });
  });

  it('offers this and next quarter and month around today', () => {
    expect(periodChoices('2026-12-04').map((c) => c.value)).toEqual([
      '',
      '2026-Q4',
      '2027-Q1',
      '2026-12',
      '2027-01',
      '2026-Q3',
    ]);
    expect(periodChoices('2026-12-04')[1]!.label).toBe('This quarter (Q4 2026)');
  });
});
