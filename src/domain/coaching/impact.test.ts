import { describe, expect, it } from 'vitest';
import {
  formatMove,
  impactCheckpoints,
  impactPoints,
  impactVerdict,
  improvement,
  measureDef,
  measureOf,
  sameMeasure,
  zoneShare,
  type ImpactPoint,
  type MeasureDef,
} from './impact.ts';

describe('impactCheckpoints', () => {
  it.each([
    ['the day itself', '2026-11-20', [[0, '2026-11-20']]],
    [
      'nine days on: the day and today',
      '2026-11-29',
      [
        [0, '2026-11-20'],
        [9, '2026-11-29'],
      ],
    ],
    [
      '30 days on exactly',
      '2026-12-20',
      [
        [0, '2026-11-20'],
        [30, '2026-12-20'],
      ],
    ],
    [
      '45 days on: 30 and today',
      '2027-01-04',
      [
        [0, '2026-11-20'],
        [30, '2026-12-20'],
        [45, '2027-01-04'],
      ],
    ],
    [
      '120 days on: 30, 60 and 90 only',
      '2027-03-20',
      [
        [0, '2026-11-20'],
        [30, '2026-12-20'],
        [60, '2027-01-19'],
        [90, '2027-02-18'],
      ],
    ],
  ] as const)('%s', (_, today, expected) => {
    expect(impactCheckpoints('2026-11-20', today).map((c) => [c.offset, c.day])).toEqual(expected);
  });
});

describe('improvement', () => {
  it.each([
    ['higher', 0.5, 0.75, 0.25],
    ['higher', 0.5, 0.25, -0.25],
    ['lower', 90, 70, 20],
    ['lower', 0.2, 0.3, -0.1],
    ['closer_to_zero', 20, -5, 15],
    ['closer_to_zero', -5, 10, -5],
    ['higher', null, 1, null],
    ['lower', 1, null, null],
  ] as const)('%s from %s to %s is %s', (better, from, to, expected) => {
    const moved = improvement(better, from, to);
    if (expected === null) expect(moved).toBeNull();
    else expect(moved).toBeCloseTo(expected, 10);
  });
});

describe('measures', () => {
  it('an indicator first, else the recurring zone, else none', () => {
    expect(measureOf({ indicator: 'winRate', zoneId: 'DZ-01' })).toEqual({ kind: 'indicator', key: 'winRate' });
    expect(measureOf({ indicator: null, zoneId: 'DZ-01' })).toEqual({ kind: 'zone', zoneId: 'DZ-01' });
    expect(measureOf({ indicator: null, zoneId: null })).toBeNull();
  });
  it('a zone is read as a share of the open deals, lower being better', () => {
    expect(measureDef({ kind: 'zone', zoneId: 'DZ-01' }, 'No access to power')).toEqual({
      label: 'Deals with “No access to power”',
      unit: 'share',
      better: 'lower',
    });
    const open = { deals: 4, coverageSum: null, zoneCounts: { 'DZ-01': 1 }, withSellerFigure: 0, sellerGapSum: 0 };
    expect(zoneShare(open, 'DZ-01')).toBe(0.25);
    expect(zoneShare(open, 'DZ-03')).toBe(0);
    expect(zoneShare({ ...open, deals: 0 }, 'DZ-01')).toBeNull();
  });
  it('the same measure is the same indicator or the same zone', () => {
    expect(sameMeasure({ kind: 'indicator', key: 'winRate' }, { kind: 'indicator', key: 'winRate' })).toBe(true);
    expect(sameMeasure({ kind: 'indicator', key: 'winRate' }, { kind: 'indicator', key: 'dealSize' })).toBe(false);
    expect(sameMeasure({ kind: 'zone', zoneId: 'DZ-01' }, { kind: 'indicator', key: 'economicBuyerAccess' })).toBe(
      false,
    );
    expect(sameMeasure({ kind: 'zone', zoneId: 'DZ-01' }, { kind: 'zone', zoneId: 'DZ-01' })).toBe(true);
  });
});

const checkpoints = [
  { day: 'd0', offset: 0 },
  { day: 'd30', offset: 30 },
  { day: 'd60', offset: 60 },
];

describe('impactPoints', () => {
  it('compares the seller’s move with the median of each not-coached seller’s own move', () => {
    const points = impactPoints(
      checkpoints,
      'higher',
      [0.5, 0.6, 0.8],
      [
        [0.4, 0.4, 0.5],
        [0.9, 0.7, 0.9],
        [null, 0.5, 0.6], // nothing on the day of the assignment: no move to count
        [0.2, 0.3, 0.1],
      ],
    );
    expect(points.map((p) => p.seller)).toEqual([0.5, 0.6, 0.8]);
    expect(points.map((p) => p.compared)).toEqual([3, 3, 3]);
    // moves at 30: 0, −0.2, +0.1 → 0; at 60: +0.1, 0, −0.1 → 0
    expect(points[1]!.notCoachedImprovement).toBeCloseTo(0, 10);
    expect(points[2]!.notCoachedImprovement).toBeCloseTo(0, 10);
    expect(points[2]!.sellerImprovement).toBeCloseTo(0.3, 10);
    // the drawn median value is of the values there are that day
    expect(points[1]!.notCoached).toBeCloseTo(0.45, 10);
  });
  it('reads a lower-is-better measure the better way', () => {
    const points = impactPoints(checkpoints, 'lower', [120, 110, 90], [[100, 100, 95]]);
    expect(points.map((p) => p.sellerImprovement)).toEqual([0, 10, 30]);
    expect(points.map((p) => p.notCoachedImprovement)).toEqual([0, 0, 5]);
  });
  it('with nobody to compare with, the median is unknown', () => {
    const points = impactPoints(checkpoints, 'higher', [0.5, 0.6, 0.7], []);
    expect(points.map((p) => [p.notCoached, p.notCoachedImprovement, p.compared])).toEqual([
      [null, null, 0],
      [null, null, 0],
      [null, null, 0],
    ]);
  });
});

const share: MeasureDef = { label: 'Economic buyer reached', unit: 'share', better: 'higher' };
const point = (offset: number, seller: number | null, others: number | null, compared = 4): ImpactPoint => ({
  day: `d${offset}`,
  offset,
  seller: null,
  notCoached: null,
  sellerImprovement: seller,
  notCoachedImprovement: others,
  compared,
});

describe('impactVerdict', () => {
  it('too early before 30 days, whatever moved', () => {
    const v = impactVerdict([point(0, 0, 0), point(9, 0.3, 0)], share, 9, 'EUR');
    expect(v).toMatchObject({ kind: 'too_early', difference: null });
    expect(v.sentence).toBe('Too early to tell: 9 days since assignment; the first reading is at 30 days.');
    expect(impactVerdict([point(0, 0, 0)], share, 1, 'EUR').sentence).toContain('1 day since');
  });
  it('reads the latest checkpoint with a value', () => {
    const v = impactVerdict([point(0, 0, 0), point(30, 0.2, 0.05), point(60, 0.25, 0.13)], share, 61, 'EUR');
    expect(v).toMatchObject({ kind: 'more', offset: 60 });
    expect(v.difference).toBeCloseTo(0.12, 10);
    expect(v.sentence).toBe(
      'After 60 days, economic buyer reached improved 12 points more than for sellers not coached on it (improved by 25 points against 13 points for the median of 4 sellers not coached on it).',
    );
  });
  it('less, when the others moved further', () => {
    const v = impactVerdict([point(0, 0, 0), point(30, -0.05, 0.1, 1)], share, 40, 'EUR');
    expect(v.kind).toBe('less');
    expect(v.sentence).toContain('improved 15 points less than');
    expect(v.sentence).toContain('worsened by 5 points against 10 points for the median of 1 seller');
  });
  it('about the same when the difference rounds to nothing', () => {
    const v = impactVerdict([point(0, 0, 0), point(30, 0.1, 0.098)], share, 30, 'EUR');
    expect(v.kind).toBe('same');
    expect(v.sentence).toContain('moved about as much as for sellers not coached on it');
  });
  it('no comparison when nobody else had a value', () => {
    const v = impactVerdict([point(0, 0, null, 0), point(30, 0.1, null, 0)], share, 35, 'EUR');
    expect(v).toMatchObject({ kind: 'no_comparison', offset: 30, difference: null });
    expect(v.sentence).toContain('improved by 10 points; no seller outside this coaching had a value');
  });
  it('nothing to read when the seller had no value', () => {
    const v = impactVerdict([point(0, null, 0), point(30, null, 0.1)], share, 35, 'EUR');
    expect(v.kind).toBe('nothing_to_read');
  });
  it('days and money in their own units', () => {
    const days: MeasureDef = { label: 'Cycle time', unit: 'days', better: 'lower' };
    expect(impactVerdict([point(0, 0, 0), point(90, 20, 5)], days, 95, 'EUR').sentence).toContain(
      'improved 15 days more',
    );
    expect(formatMove('money', 420_000_00, 'EUR')).toBe('420,000 EUR');
    expect(formatMove('points', -7.4, 'EUR')).toBe('7 points');
    expect(formatMove('share', 0.01, 'EUR')).toBe('1 point');
  });
});
