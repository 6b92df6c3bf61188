import { describe, expect, it } from 'vitest';
import { periodAccuracy, summarizeAccuracy } from './accuracy.ts';

describe('the accuracy of a forecast', () => {
  it.each([
    // forecast, actual, error, absolute error, accuracy
    [100, 100, 0, 0, 1],
    [110, 100, 10, 10, 0.9],
    [90, 100, -10, 10, 0.9],
    [250, 100, 150, 150, 0],
    [200, 100, 100, 100, 0],
    [0, 100, -100, 100, 0],
    [0, 0, 0, 0, 1],
    [5, 0, 5, 5, 0],
  ])(
    'forecast %d against actual %d: error %d, absolute %d, accuracy %d',
    (forecast, actual, error, absolute, accuracy) => {
      const measured = periodAccuracy(forecast, actual);
      expect(measured.error).toBe(error);
      expect(measured.absoluteError).toBe(absolute);
      expect(measured.accuracy).toBeCloseTo(accuracy, 12);
    },
  );

  it.each([
    {
      name: 'steadily too high',
      periods: [
        { forecast: 120, actual: 100 },
        { forecast: 60, actual: 50 },
      ],
      summary: { periods: 2, meanAccuracy: 0.8, meanAbsoluteError: 15, bias: 15, biasShare: 30 / 150 },
    },
    {
      name: 'off both ways: no bias, the absolute error still shows',
      periods: [
        { forecast: 80, actual: 100 },
        { forecast: 120, actual: 100 },
      ],
      summary: { periods: 2, meanAccuracy: 0.8, meanAbsoluteError: 20, bias: 0, biasShare: 0 },
    },
    {
      name: 'nothing won anywhere: no bias share',
      periods: [
        { forecast: 0, actual: 0 },
        { forecast: 10, actual: 0 },
      ],
      summary: { periods: 2, meanAccuracy: 0.5, meanAbsoluteError: 5, bias: 5, biasShare: null },
    },
  ])('sums up periods $name', ({ periods, summary }) => {
    const result = summarizeAccuracy(periods)!;
    expect(result.periods).toBe(summary.periods);
    expect(result.meanAccuracy).toBeCloseTo(summary.meanAccuracy, 12);
    expect(result.meanAbsoluteError).toBeCloseTo(summary.meanAbsoluteError, 12);
    expect(result.bias).toBeCloseTo(summary.bias, 12);
    if (summary.biasShare === null) expect(result.biasShare).toBeNull();
    else expect(result.biasShare).toBeCloseTo(summary.biasShare, 12);
  });

  it('has nothing to sum up without periods', () => expect(summarizeAccuracy([])).toBeNull());
});
