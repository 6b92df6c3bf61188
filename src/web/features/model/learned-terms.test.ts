import { describe, expect, it } from 'vitest';
import { featureLabel } from '../assessment/labels.ts';
import { bandLabels, pairBars } from './learned-terms.ts';

describe('what boosting learned, in words', () => {
  it('names a present-or-absent feature’s bands "without" and "with", others by their edges', () => {
    expect(bandLabels([1])).toEqual(['without', 'with']);
    expect(bandLabels([0.08333, 0.5, 2 / 3])).toEqual(['under 0.08', '0.08 to 0.5', '0.5 to 0.67', '0.67 and over']);
    expect(bandLabels([-0.25])).toEqual(['under -0.25', '-0.25 and over']);
  });

  it('shows a pair of flags as one bar "when both hold", skipping cells worth less than a point', () => {
    const flags = { a: 'competitorPresent', b: 'newLogo', aEdges: [1], bEdges: [1] };
    expect(
      pairBars({
        ...flags,
        logOdds: [
          [0, 0],
          [0, -0.8],
        ],
      }),
    ).toEqual([{ key: '1:1', label: 'when both hold', logOdds: -0.8 }]);
    expect(
      pairBars({
        ...flags,
        logOdds: [
          [0, 0],
          [0, 0.02],
        ],
      }),
    ).toEqual([]);
  });

  it('names each cell of a pair of banded features by both bands', () => {
    const bars = pairBars({
      a: 'championStrength',
      b: 'competitorPresent',
      aEdges: [0.5],
      bEdges: [1],
      logOdds: [
        [0, 0],
        [0, 0.6],
      ],
    });
    expect(bars).toEqual([{ key: '1:1', label: '0.5 and over, with competitor in the evaluation', logOdds: 0.6 }]);
  });

  it('labels a pair term by both features', () => {
    expect(featureLabel('competitorPresent+newLogo')).toBe('Competitor in the evaluation, together with new customer');
  });
});
