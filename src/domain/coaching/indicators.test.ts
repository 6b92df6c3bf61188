import { describe, expect, it } from 'vitest';
import {
  INDICATOR_DEFS,
  INDICATOR_KEYS,
  INDICATORS,
  indicatorValues,
  median,
  shortfall,
  type IndicatorKey,
  type OpenFigures,
  type WindowFigures,
} from './indicators.ts';

const open: OpenFigures = {
  deals: 10,
  coverageSum: 4.5,
  zoneCounts: { 'DZ-01': 6, 'DZ-03': 2, 'DZ-04': 5, 'DZ-20': 1, 'DZ-27': 0 },
  withSellerFigure: 4,
  sellerGapSum: 60,
};
const window: WindowFigures = {
  won: 3,
  lost: 5,
  noDecision: 2,
  wonValue: 900_000,
  wonDaysSum: 270,
  createdValue: 1_250_000,
};

describe('each indicator’s formula', () => {
  const values = indicatorValues(open, window);
  it.each<[IndicatorKey, number | null]>([
    ['knowledgeCoverage', 0.45],
    ['economicBuyerAccess', 0.4],
    ['multiThreading', 0.8],
    ['championTested', 0.5],
    ['processControl', 0.9],
    ['freshKnowledge', 1],
    ['forecastBias', 15],
    ['pipelineCreated', 1_250_000],
    ['winRate', 3 / 8],
    ['noDecisionRate', 0.2],
    ['cycleDays', 90],
    ['dealSize', 300_000],
  ])('%s = %s', (key, expected) => {
    expect(values[key]).toBeCloseTo(expected!, 9);
  });

  it('has a definition for every key, and every key a value', () => {
    expect(INDICATORS.map((d) => d.key)).toEqual([...INDICATOR_KEYS]);
    expect(Object.keys(values).sort()).toEqual([...INDICATOR_KEYS].sort());
  });

  it.each<[string, Partial<OpenFigures>, Partial<WindowFigures>, IndicatorKey[]]>([
    [
      'no open deal: nothing about open deals',
      { deals: 0, coverageSum: 0 },
      {},
      ['knowledgeCoverage', 'multiThreading'],
    ],
    ['no seller figure: no bias', { withSellerFigure: 0, sellerGapSum: 0 }, {}, ['forecastBias']],
    ['no win: no cycle, no deal size', {}, { won: 0, wonValue: 0, wonDaysSum: 0 }, ['cycleDays', 'dealSize']],
    ['nothing decided: no win rate', {}, { won: 0, lost: 0 }, ['winRate']],
    ['nothing closed: no no-decision rate', {}, { won: 0, lost: 0, noDecision: 0 }, ['noDecisionRate']],
    ['a snapshot without coverage', { coverageSum: null }, {}, ['knowledgeCoverage']],
  ])('is null where there is nothing to measure: %s', (_name, o, w, nulls) => {
    const v = indicatorValues({ ...open, ...o }, { ...window, ...w });
    for (const key of nulls) expect(v[key]).toBeNull();
  });

  it('counts created pipeline even without a deal open now', () => {
    expect(indicatorValues({ ...open, deals: 0 }, window).pipelineCreated).toBe(1_250_000);
  });
});

describe('median', () => {
  it.each<[Array<number | null>, number | null]>([
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
    [[null, 5, null], 5],
    [[null], null],
    [[], null],
  ])('of %j is %s', (values, expected) => expect(median(values)).toBe(expected));
});

describe('shortfall: how much worse than the reference, positive when worse', () => {
  it.each<[IndicatorKey, number | null, number | null, number | null]>([
    ['multiThreading', 0.5, 0.8, 0.3],
    ['multiThreading', 0.9, 0.8, -0.1],
    ['noDecisionRate', 0.3, 0.1, 0.2],
    // days and money: relative to the reference
    ['cycleDays', 130, 100, 0.3],
    ['dealSize', 50_000, 100_000, 0.5],
    ['dealSize', 10, 0, 0],
    // a bias: further from zero either way is worse
    ['forecastBias', -20, 5, 15],
    ['forecastBias', 4, -10, -6],
    ['winRate', null, 0.4, null],
    ['winRate', 0.4, null, null],
  ])('%s at %s against %s: %s', (key, value, reference, expected) => {
    const gap = shortfall(INDICATOR_DEFS.get(key)!, value, reference);
    if (expected === null) expect(gap).toBeNull();
    else expect(gap).toBeCloseTo(expected, 9);
  });
});
