import { describe, expect, it } from 'vitest';
import { createRandom } from '../random.ts';
import { logit, sigmoid } from './logistic.ts';
import {
  auc,
  brier,
  calibrationFit,
  expectedCalibrationError,
  pairedBootstrap,
  perfectlyCalibratedEce,
  spread,
  type Scored,
} from './metrics.ts';

/** `count` chances of a win spread over (0.02, 0.98), and outcomes drawn from them. */
function drawn(count: number, seed = 1): Scored[] {
  const random = createRandom(seed);
  return Array.from({ length: count }, () => {
    const p = 0.02 + 0.96 * random.next();
    return { p, y: random.chance(p) ? 1 : 0 };
  });
}

describe('calibrationFit', () => {
  const truth = drawn(20_000);

  // Each row reports the outcomes drawn from the true chances against predictions bent on the logit
  // scale: logit(shown) = (logit(true) − shift) / stretch recovers slope `stretch`, intercept `shift`.
  it.each([
    ['calibrated predictions', 1, 0, 1, 0],
    ['over-confident predictions (pushed away from 0.5)', 0.5, 0, 0.5, 0],
    ['under-confident predictions (pulled towards 0.5)', 2, 0, 2, 0],
    ['predictions too low (wins come more often)', 1, 1, 1, 1],
  ])('%s: slope and intercept', (_label, stretch, shift, slope, intercept) => {
    const shown = truth.map(({ p, y }) => ({ p: sigmoid((logit(p) - shift) / stretch), y }));
    const fit = calibrationFit(shown);
    // 20,000 rows leave a standard error of about 0.02 on each
    expect(Math.abs(fit.slope - slope)).toBeLessThan(0.1);
    expect(Math.abs(fit.intercept - intercept)).toBeLessThan(0.1);
  });

  it('reads over-confidence as a slope below 1 and too-low predictions as an intercept above 0', () => {
    const overConfident = calibrationFit(truth.map(({ p, y }) => ({ p: sigmoid(1.5 * logit(p)), y })));
    const tooLow = calibrationFit(truth.map(({ p, y }) => ({ p: p * 0.8, y })));
    expect(overConfident.slope).toBeLessThan(0.9);
    expect(tooLow.intercept).toBeGreaterThan(0.1);
  });

  it('stays finite on predictions of exactly 0 and 1', () => {
    const fit = calibrationFit([
      { p: 0, y: 0 },
      { p: 1, y: 1 },
      { p: 0.3, y: 1 },
      { p: 0.6, y: 0 },
    ]);
    expect(Number.isFinite(fit.slope)).toBe(true);
    expect(Number.isFinite(fit.intercept)).toBe(true);
  });
});

describe('perfectlyCalibratedEce', () => {
  it('is what chance alone gives: larger on 100 rows than on 10,000', () => {
    const random = createRandom(2);
    const [small, large] = [100, 10_000].map((count) =>
      perfectlyCalibratedEce(
        drawn(count, count).map(({ p }) => p),
        random,
      ),
    );
    expect(small).toBeGreaterThan(3 * large!);
    expect(large).toBeGreaterThan(0);
    expect(large).toBeLessThan(0.02);
  });

  it('averages the draws: the mean of the calibration errors of outcomes drawn from the predictions', () => {
    const predictions = drawn(50).map(({ p }) => p);
    const replay = createRandom(3);
    const errors = Array.from({ length: 5 }, () =>
      expectedCalibrationError(predictions.map((p) => ({ p, y: replay.next() < p ? 1 : 0 }))),
    );
    expect(perfectlyCalibratedEce(predictions, createRandom(3), 5)).toBeCloseTo(spread(errors).mean, 12);
  });
});

describe('pairedBootstrap', () => {
  // Model a knows the true chance (rounded, so it has ties); model b adds noise on the logit scale.
  const truth = drawn(3000, 4);
  const noise = createRandom(5);
  const a = truth.map(({ p, y }) => ({ p: Math.round(p * 10) / 10, y }));
  const b = truth.map(({ p, y }) => ({ p: sigmoid(logit(p) + 3 * (noise.next() - 0.5) * 2), y }));

  it('finds the better model: the AUC gap above 0 and the Brier gap below 0, throughout the interval', () => {
    const gap = pairedBootstrap(a, b, createRandom(6));
    expect(gap.auc.difference).toBeCloseTo(auc(a) - auc(b), 12);
    expect(gap.brier.difference).toBeCloseTo(brier(a) - brier(b), 12);
    expect(gap.auc.low).toBeGreaterThan(0);
    expect(gap.brier.high).toBeLessThan(0);
    for (const interval of [gap.auc, gap.brier]) {
      expect(interval.low).toBeLessThanOrEqual(interval.difference);
      expect(interval.difference).toBeLessThanOrEqual(interval.high);
    }
  });

  it('finds no gap between a model and itself', () => {
    const gap = pairedBootstrap(a, a, createRandom(6));
    expect(gap).toEqual({ auc: { difference: 0, low: 0, high: 0 }, brier: { difference: 0, low: 0, high: 0 } });
  });

  it('finds no clear gap between two equally good models', () => {
    const c = truth.map(({ p, y }) => ({ p: sigmoid(logit(p) + 3 * (noise.next() - 0.5) * 2), y }));
    const gap = pairedBootstrap(b, c, createRandom(7));
    for (const interval of [gap.auc, gap.brier]) {
      expect(interval.low).toBeLessThan(0);
      expect(interval.high).toBeGreaterThan(0);
      expect(interval.low).toBeLessThanOrEqual(interval.difference);
      expect(interval.difference).toBeLessThanOrEqual(interval.high);
    }
  });

  it('refuses predictions of different rows', () => {
    const flipped = a.map(({ p, y }, i) => ({ p, y: i === 7 ? ((1 - y) as 0 | 1) : y }));
    expect(() => pairedBootstrap(a, flipped, createRandom(1))).toThrow(/same rows/);
    expect(() => pairedBootstrap(a, a.slice(1), createRandom(1))).toThrow(/same rows/);
  });
});

describe('spread', () => {
  it.each([
    [[2, 4, 4, 4, 5, 5, 7, 9], 5, Math.sqrt(32 / 7)],
    [[1, 2], 1.5, Math.sqrt(0.5)],
    [[0.8, 0.8, 0.8], 0.8, 0],
    [[3], 3, 0],
  ])('of %j: mean %f, sample sd %f', (values, mean, sd) => {
    const result = spread(values);
    expect(result.mean).toBeCloseTo(mean, 12);
    expect(result.sd).toBeCloseTo(sd, 12);
  });
});
