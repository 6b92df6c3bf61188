import { describe, expect, it } from 'vitest';
import { wilsonShare, zoneUsage } from './zone-effects.ts';

describe('wilsonShare', () => {
  // reference values: the 95 % Wilson score interval as published tables give it
  it.each([
    [0, 10, 0, 0.2775],
    [10, 10, 0.7225, 1],
    [5, 10, 0.2366, 0.7634],
    [1, 20, 0.0089, 0.2361],
    [81, 263, 0.2553, 0.3662],
  ])('%i of %i lies between %f and %f', (count, total, low, high) => {
    const share = wilsonShare(count, total);
    expect(share.low).toBeCloseTo(low, 3);
    expect(share.high).toBeCloseTo(high, 3);
    expect(share.low).toBeLessThanOrEqual(count / total);
    expect(share.high).toBeGreaterThanOrEqual(count / total);
  });

  it('knows nothing from nothing', () => {
    expect(wilsonShare(0, 0)).toEqual({ count: 0, total: 0, low: 0, high: 1 });
  });
});

describe('zoneUsage', () => {
  const deals = [
    { status: 'open' as const, zoneIds: ['DZ-01', 'DZ-03'] },
    { status: 'open' as const, zoneIds: ['DZ-03'] },
    { status: 'open' as const, zoneIds: [] },
    { status: 'won' as const, zoneIds: ['DZ-01'] },
    { status: 'lost' as const, zoneIds: ['DZ-01'] },
    { status: 'no_decision' as const, zoneIds: ['DZ-01', 'DZ-03'] },
    { status: 'won' as const, zoneIds: [] },
    { status: 'won' as const, zoneIds: ['DZ-03'] },
  ];

  it('counts the open deals each zone fires on, and how flagged and unflagged closed deals ended', () => {
    const usage = zoneUsage(deals, ['DZ-01', 'DZ-03', 'DZ-09']);
    expect(usage.get('DZ-01')).toMatchObject({
      open: { firing: 1, total: 3 },
      wonWith: { count: 1, total: 3 },
      wonWithout: { count: 2, total: 2 },
    });
    expect(usage.get('DZ-03')).toMatchObject({
      open: { firing: 2, total: 3 },
      wonWith: { count: 1, total: 2 },
      wonWithout: { count: 2, total: 3 },
    });
    // a zone that never fired: nothing flagged, every closed deal in the comparison group
    expect(usage.get('DZ-09')).toMatchObject({
      open: { firing: 0, total: 3 },
      wonWith: { count: 0, total: 0, low: 0, high: 1 },
      wonWithout: { count: 3, total: 5 },
    });
  });
});
