import { describe, expect, it } from 'vitest';
import { createRandom, type Random } from '../random.ts';
import {
  additiveScore,
  averageModels,
  fitAdditive,
  predictAdditive,
  purify,
  recalibration,
  rescaleModel,
  type AdditiveModel,
} from './additive.ts';
import type { Binned } from './binned.ts';
import { largestPairLineMean } from './test-support.ts';
import { auc, calibrationFit } from './metrics.ts';

// Tables built by hand: per feature the bin of every row (bin 0 is "unseen in training").

function table(count: number, features: number, outcome: (bins: number[], random: Random) => number, seed = 3) {
  const random = createRandom(seed);
  const columns = Array.from({ length: features }, () => new Uint16Array(count));
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const bins = columns.map(() => random.int(1, 4));
    bins.forEach((b, f) => (columns[f]![i] = b));
    labels[i] = random.chance(outcome(bins, random)) ? 1 : 0;
  }
  const data: Binned = {
    features: columns.map((_, f) => `f${f}`),
    binNames: columns.map(() => ['(unseen)', 'b1', 'b2', 'b3', 'b4']),
    bins: columns,
    bands: columns.map(() => 0),
  };
  return { data, labels };
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

// f0 and f1 act together (high and high, or low and low, win); f2 acts alone; f3 is noise
const interacting = (bins: number[]) =>
  sigmoid((bins[0]! > 2 === bins[1]! > 2 ? 1.5 : -1.5) + (bins[2]! === 4 ? 1 : bins[2]! === 1 ? -1 : 0));

describe('the boosted additive learner', () => {
  const { data, labels } = table(6000, 4, interacting);
  const fit = range(0, 3200);
  const validation = range(3200, 4000);
  const test = range(4000, 6000);
  const heldOutAuc = (model: ReturnType<typeof fitAdditive>) =>
    auc(test.map((i) => ({ p: predictAdditive(model, data, i), y: labels[i]! as 0 | 1 })));

  it('finds the pair that acts together, and ranks far better with it than shapes alone can', () => {
    const withPairs = fitAdditive(data, labels, fit, validation, { pairs: 2 });
    const shapesOnly = fitAdditive(data, labels, fit, validation, { pairs: 0 });
    expect(withPairs.pairs.map((p) => [p.a, p.b])).toContainEqual([0, 1]);
    expect(shapesOnly.pairs).toEqual([]);
    expect(heldOutAuc(withPairs)).toBeGreaterThan(0.8);
    expect(heldOutAuc(shapesOnly)).toBeLessThan(0.7);
  });

  it('learns the shape of a feature acting alone and nothing of a noise feature', () => {
    const model = fitAdditive(data, labels, fit, validation, { pairs: 2 });
    const [, low, , , high] = model.mains[2]!;
    expect(high! - low!).toBeGreaterThan(0.8);
    const noise = model.mains[3]!.slice(1);
    expect(Math.max(...noise) - Math.min(...noise)).toBeLessThan(0.3);
  });

  it('splits every probability exactly into its points: intercept, one shape per feature, the pairs', () => {
    const model = fitAdditive(data, labels, fit, validation, { pairs: 2 });
    for (const row of [4000, 4321, 5999]) {
      const points =
        model.intercept +
        model.mains.reduce((s, shape, f) => s + shape[data.bins[f]![row]!]!, 0) +
        model.pairs.reduce((s, p) => s + p.points[data.bins[p.a]![row]! * 5 + data.bins[p.b]![row]!]!, 0);
      expect(additiveScore(model, data, row)).toBeCloseTo(points, 12);
      expect(predictAdditive(model, data, row)).toBeCloseTo(sigmoid(points), 12);
    }
  });

  it('centres each shape on the training rows, so a bin training never saw scores as the average', () => {
    const model = fitAdditive(data, labels, fit, validation, { pairs: 2 });
    model.mains.forEach((shape, f) => {
      expect(shape[0]).toBe(0);
      const mean = fit.reduce((s, i) => s + shape[data.bins[f]![i]!]!, 0) / fit.length;
      expect(Math.abs(mean)).toBeLessThan(1e-9);
    });
    const rate = fit.reduce((s, i) => s + labels[i]!, 0) / fit.length;
    expect(sigmoid(model.intercept)).toBeCloseTo(rate, 1);
  });

  it('stops early on an outcome that is pure chance, and keeps no pair', () => {
    const noise = table(4000, 4, () => 0.3, 9);
    const model = fitAdditive(noise.data, noise.labels, range(0, 3000), range(3000, 4000), { pairs: 4 });
    expect(model.rounds.mains).toBeLessThan(15);
    expect(model.pairs).toEqual([]);
  });

  it('refitted with the rounds and pairs it chose, it is the same model again', () => {
    const chosen = fitAdditive(data, labels, fit, validation, { pairs: 2 });
    const refit = fitAdditive(data, labels, fit, [], {
      pairs: 2,
      rounds: { ...chosen.rounds, pairList: chosen.pairs.map((p) => [p.a, p.b] as const) },
    });
    expect(refit.intercept).toBeCloseTo(chosen.intercept, 12);
    refit.mains.forEach((shape, f) => shape.forEach((x, b) => expect(x).toBeCloseTo(chosen.mains[f]![b]!, 12)));
  });

  it('is calibrated on rows it never saw', () => {
    const model = fitAdditive(data, labels, fit, validation, { pairs: 2 });
    const { slope, intercept } = calibrationFit(
      test.map((i) => ({ p: predictAdditive(model, data, i), y: labels[i]! as 0 | 1 })),
    );
    expect(slope).toBeGreaterThan(0.85);
    expect(slope).toBeLessThan(1.15);
    expect(Math.abs(intercept)).toBeLessThan(0.15);
  });

  it('averages models into one whose points are the mean points', () => {
    const a = fitAdditive(data, labels, range(0, 2000), validation, { pairs: 1 });
    const b = fitAdditive(data, labels, range(2000, 3200), validation, { pairs: 1 });
    const mean = averageModels([a, b]);
    for (const row of [4000, 4500])
      expect(additiveScore(mean, data, row)).toBeCloseTo(
        (additiveScore(a, data, row) + additiveScore(b, data, row)) / 2,
        12,
      );
  });

  it('keeps nothing a stage learned unless its validation rows gain a clear margin', () => {
    // an outcome of pure chance: whatever the training rows seem to say, the held-back rows do not confirm it
    const noise = table(4000, 4, () => 0.3, 21);
    const model = fitAdditive(noise.data, noise.labels, range(0, 3000), range(3000, 4000), { pairs: 4 });
    expect(model.rounds).toEqual({ mains: 0, pairs: 0 });
    expect(model.mains.every((shape) => shape.every((x) => x === 0))).toBe(true);
    expect(fitAdditive(data, labels, fit, validation, { pairs: 0 }).rounds.mains).toBeGreaterThan(0);
  });

  it('chooses where the shapes stop for the whole model, pairs included, on the held-back rows', () => {
    const validationLoss = (model: ReturnType<typeof fitAdditive>) =>
      validation.reduce((s, i) => {
        const p = predictAdditive(model, data, i);
        return s - (labels[i] === 1 ? Math.log(p) : Math.log(1 - p));
      }, 0) / validation.length;
    // alone, the shapes stop where the held-back rows do best for them
    const alone = fitAdditive(data, labels, fit, validation, { pairs: 0 }).rounds.mains;
    const chosen = fitAdditive(data, labels, fit, validation, { pairs: 2 });
    // every earlier stop, each with the pairs that follow it (their own rounds chosen on the same rows)
    const stops = Array.from({ length: alone + 1 }, (_, r) => r).filter(
      (r) => r === alone || [0, 1, 2, 3, 4, 5].some((k) => Math.round((alone * k) / 6) === r),
    );
    const tried = stops.map((mains) => fitAdditive(data, labels, fit, validation, { pairs: 2, rounds: { mains } }));
    const best = Math.min(...tried.map(validationLoss));
    expect(stops).toContain(chosen.rounds.mains);
    expect(validationLoss(chosen)).toBeCloseTo(best, 9);
    // here f0 and f1 matter only together, and the shapes' later rounds learn what the pair says better
    expect(chosen.rounds.mains).toBeLessThan(alone);
    expect(validationLoss(chosen)).toBeLessThan(validationLoss(tried.at(-1)!) - 1e-5);
  });

  it('keeps in a pair only what its two features do together; what one does alone reads in its shape', () => {
    const model = fitAdditive(data, labels, fit, validation, { pairs: 2 });
    expect(model.pairs.length).toBeGreaterThan(0);
    // every line of every table averages zero over the training rows in it
    expect(largestPairLineMean(model, data, fit)).toBeLessThan(1e-9);
    // f2 acts alone: its effect is in its shape whichever stage learned it
    const [, low, , , high] = model.mains[2]!;
    expect(high! - low!).toBeGreaterThan(0.8);
  });

  it('purifying a pair changes no score, for bins training saw or not', () => {
    const random = createRandom(5);
    const model: AdditiveModel = {
      intercept: 0.2,
      mains: [0, 1, 2, 3].map(() => Float64Array.from({ length: 5 }, (_, b) => (b === 0 ? 0 : random.next() - 0.5))),
      pairs: [{ a: 0, b: 2, points: Float64Array.from({ length: 25 }, () => random.next() * 2 - 1) }],
      rounds: { mains: 1, pairs: 1 },
      learningRate: 0.3,
    };
    // every combination of f0 and f2, bin 0 (unseen in training) included, on otherwise alike rows
    const probe: Binned = {
      ...data,
      bins: [0, 1, 2, 3].map((f) =>
        Uint16Array.from({ length: 25 }, (_, k) => (f === 0 ? Math.floor(k / 5) : f === 2 ? k % 5 : 1)),
      ),
    };
    const before = Array.from({ length: 25 }, (_, k) => additiveScore(model, probe, k));
    const shapes = model.mains.map((m) => Float64Array.from(m));
    purify(model, data, Int32Array.from(fit));
    // the table's lines had means of their own, which moved into both features' shapes
    for (const f of [0, 2]) expect(model.mains[f]!.some((x, b) => Math.abs(x - shapes[f]![b]!) > 0.01)).toBe(true);
    before.forEach((score, k) => expect(additiveScore(model, probe, k)).toBeCloseTo(score, 12));
  });

  it('recalibrates on held-back rows only when that earns its keep, and stays additive', () => {
    const model = fitAdditive(data, labels, fit, validation, { pairs: 2 });
    expect(recalibration(model, data, labels, validation)).toEqual({ slope: 1, shift: 0 });
    // the same model made twice as confident and too hopeful: the recalibration finds its way back
    const overconfident = rescaleModel(model, 2, 0.8);
    const { slope, shift } = recalibration(overconfident, data, labels, validation);
    expect(slope).toBeGreaterThan(0.35);
    expect(slope).toBeLessThan(0.65);
    // in time order only the confidence is corrected, never the level
    const slopeOnly = recalibration(overconfident, data, labels, validation, { shift: false });
    // the points scale, the intercept (the level) stays where it was
    expect(rescaleModel(overconfident, slopeOnly.slope, slopeOnly.shift).intercept).toBeCloseTo(
      overconfident.intercept,
      12,
    );
    expect(slopeOnly.slope).toBeGreaterThan(0.35);
    expect(slopeOnly.slope).toBeLessThan(0.75);
    const repaired = rescaleModel(overconfident, slope, shift);
    for (const row of [4000, 4777])
      expect(additiveScore(repaired, data, row)).toBeCloseTo(
        slope * additiveScore(overconfident, data, row) + shift,
        12,
      );
    const held = (m: typeof model) =>
      calibrationFit(test.map((i) => ({ p: predictAdditive(m, data, i), y: labels[i]! as 0 | 1 })));
    expect(Math.abs(held(repaired).slope - 1)).toBeLessThan(Math.abs(held(overconfident).slope - 1));
  });
});
