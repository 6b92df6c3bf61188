import { describe, expect, it } from 'vitest';
import { CAPS } from '../../../domain/assessment/model.ts';
import {
  describeCondition,
  featureLabel,
  formatPercent,
  formatPoints,
  guardrailLabel,
  wholePointsAddingUp,
} from './labels.ts';

describe('assessment words', () => {
  it.each([
    [0.1041, '10 %'],
    [0.995, '100 %'],
    [0, '0 %'],
  ])('probability %s reads %s', (p, words) => expect(formatPercent(p)).toBe(words));

  it.each([
    [15.89, '+16 pts'],
    [-19.07, '−19 pts'],
    [0.44, '+0.4 pts'],
    [-0.04, '0 pts'],
    [0, '0 pts'],
  ])('%s points read %s', (points, words) => expect(formatPoints(points)).toBe(words));

  it.each([
    ['budgetUnknown', {}, 'Budget unknown'],
    ['dealType:new_logo', {}, 'Deal type: new logo'],
    ['amountBand:2', {}, 'Deal size'],
    ['amountBand:2', { numberBands: true }, 'Deal size band 3'],
    ['somethingNewInTheModel', {}, 'Something new in the model'],
  ])('feature %s %j is called %s', (feature, options, label) => expect(featureLabel(feature, options)).toBe(label));

  it.each([
    [[12.4, -3.4, 0.4, 0.3], [12, -3, 1, 0], 10],
    [[14.6, -8.6, 2.6], [15, -9, 3], 9],
    [[0.4, 0.4, 0.4], [1, 0, 0], 1],
    [[-0.4, -0.4], [-1, 0], -1],
    [[], [], 0],
  ])('points %j are shown as %j, adding up to %s', (points, shown, total) => {
    const result = wholePointsAddingUp(points);
    expect(result).toEqual({ shown, total });
    expect(result.shown.reduce((a, b) => a + b, 0)).toBe(result.total);
  });

  it.each(CAPS.map((c) => [c.key]))('guardrail %s has a name in words', (key) => {
    expect(guardrailLabel(key)).not.toMatch(/[A-Z][a-z]+[A-Z]/);
  });

  it.each([
    [
      { signal: 'championExists', op: 'eq', expected: false, actual: false },
      { label: 'Champion exists', actual: 'no', rule: null },
    ],
    [
      { signal: 'ebCoverage', op: 'in', expected: ['none', 'brief', 'unknown'], actual: 'unknown' },
      { label: 'Economic buyer coverage', actual: 'unknown', rule: 'is one of none / brief / unknown' },
    ],
    [
      { signal: 'K7', op: 'lte', expected: 1, actual: 0 },
      { label: 'Knowledge level of “Decision criteria” (0–4)', actual: '0', rule: '≤ 1' },
    ],
    [
      { signal: 'cyclePct', op: 'gte', expected: 0.4, actual: 0.4412 },
      { label: 'Share of the sales cycle gone', actual: '44 %', rule: '≥ 40 %' },
    ],
    [
      { signal: 'sellerBiasAbs', op: 'gte', expected: 15, actual: 60.54 },
      { label: 'Seller’s usual gap on recent deals, points', actual: '61', rule: '≥ 15' },
    ],
    [
      { signal: 'forecastCategory', op: 'in', expected: ['best_case', 'commit'], actual: 'commit' },
      { label: 'Forecast category', actual: 'commit', rule: 'is one of best case / commit' },
    ],
    [
      { signal: 'daysSinceBuyerEngagement', op: 'gt', expected: 21, actual: null },
      { label: 'Days since buyer engagement', actual: 'not known', rule: '> 21' },
    ],
    [
      { signal: 'ebReceptive', op: 'ne', expected: true, actual: 2.345 },
      { label: 'Economic buyer receptive', actual: '2.35', rule: 'is not yes' },
    ],
  ] as const)('condition %j reads %j', (condition, words) =>
    expect(describeCondition(condition as Parameters<typeof describeCondition>[0])).toEqual(words),
  );
});
