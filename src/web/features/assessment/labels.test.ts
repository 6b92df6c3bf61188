import { describe, expect, it } from 'vitest';
import { describeCondition, featureLabel, formatPercent, formatPoints } from './labels.ts';

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
    ['cap:mandatoryFail', {}, 'Cap: fails a must-have'],
    ['somethingNewInTheModel', {}, 'Something new in the model'],
  ])('feature %s %j is called %s', (feature, options, label) => expect(featureLabel(feature, options)).toBe(label));

  it.each([
    ['championExists is false (is false)', { label: 'Champion exists', actual: 'no', rule: null }],
    ['ebCoverage is one of none/brief/unknown (is unknown)', { label: 'Economic buyer coverage', actual: 'unknown', rule: 'is one of none / brief / unknown' }],
    ['K7 ≤ 1 (is 0)', { label: 'Knowledge level of “Decision criteria” (0–4)', actual: '0', rule: '≤ 1' }],
    ['cyclePct ≥ 0.4 (is 0.44)', { label: 'Share of the sales cycle gone', actual: '44 %', rule: '≥ 40 %' }],
    ['sellerBiasAbs ≥ 15 (is 60.54)', { label: 'Seller’s usual gap on recent deals, points', actual: '61', rule: '≥ 15' }],
    ['forecastCategory is one of best_case/commit (is commit)', { label: 'Forecast category', actual: 'commit', rule: 'is one of best case / commit' }],
    ['something the API words differently', { label: 'something the API words differently', actual: '', rule: null }],
  ])('condition "%s" reads %j', (text, words) => expect(describeCondition(text)).toEqual(words));
});
