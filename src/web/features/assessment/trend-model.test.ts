import { describe, expect, it } from 'vitest';
import type { HistoryPoint } from './queries.ts';
import { trendMoments } from './trend-model.ts';

const point = (at: string, p: number, cause: string | null): HistoryPoint => ({
  at,
  winProbability: p,
  band: [p - 0.1, p + 0.1],
  coverageIndex: 0.3,
  topSeverity: null,
  dangerZones: [],
  modelVersion: 'prior-1',
  cause: cause === null ? null : { kind: 'knowledge', text: cause },
});

describe('the trend’s moments', () => {
  it('says how far each moment moved the probability, in points, and why', () => {
    const moments = trendMoments([
      point('2026-11-01T10:00:00.000Z', 0.2, 'Opened by Sam Seller'),
      point('2026-11-03T10:00:00.000Z', 0.314, 'Budget status logged by Sam Seller'),
      point('2026-11-04T10:00:00.000Z', 0.3, null),
    ]);
    expect(moments.map((m) => [m.probability, m.moved, m.cause])).toEqual([
      [20, null, 'Opened by Sam Seller'],
      [31.4, expect.closeTo(11.4, 5), 'Budget status logged by Sam Seller'],
      [30, expect.closeTo(-1.4, 5), 'Not recorded'],
    ]);
    expect(moments[0]!.band).toEqual([10, 30]);
  });
});
