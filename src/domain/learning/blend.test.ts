import { describe, expect, it } from 'vitest';
import { createRandom } from '../random.ts';
import { additiveScore } from './additive.ts';
import type { Binned } from './binned.ts';
import { largestPairLineMean } from './test-support.ts';
import { explainBlend } from './attributions.ts';
import { chooseAndFitAdditive, chooseAndFitBlend, chooseBlendWeight, innerSplit } from './evaluate.ts';
import { auc } from './metrics.ts';

// Our learner blends the additive model with boosted trees in log-odds, the trees' weight chosen on
// the training set's held-back rows only.

/** Rows of `features` features with 4 bins each; `chance` gives a row's chance of a win from its bins. */
function table(count: number, chance: (bins: number[]) => number, seed: number, features = 4) {
  const random = createRandom(seed);
  const bins = Array.from({ length: features }, () => new Uint16Array(count));
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const row = bins.map(() => random.int(1, 4));
    row.forEach((b, f) => (bins[f]![i] = b));
    labels[i] = random.chance(chance(row)) ? 1 : 0;
  }
  const data: Binned = {
    features: bins.map((_, f) => `f${f}`),
    binNames: bins.map(() => ['(unseen)', 'b1', 'b2', 'b3', 'b4']),
    bins,
    bands: bins.map(() => 4),
  };
  return { data, labels };
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Wins when three features are all high or all low: beyond the additive model's shapes and pairs. */
const threeWay = (b: number[]) => {
  const high = b.slice(0, 3).filter((x) => x > 2).length;
  return sigmoid(high === 0 || high === 3 ? 1.6 : -0.6);
};

function fitted(data: Binned, labels: Uint8Array, train: number[], seed = 1) {
  const split = innerSplit(train, labels, null, createRandom(seed));
  return { blend: chooseAndFitBlend(data, labels, train, split, { seed }), split };
}

describe('the blend of the additive model and boosted trees', () => {
  it('gives the trees weight where they see what the additive model cannot, and ranks better for it', () => {
    const { data, labels } = table(6000, threeWay, 3);
    const train = range(0, 4000);
    const test = range(4000, 6000);
    const { blend } = fitted(data, labels, train);
    expect(blend.weight).toBeGreaterThan(0.3);
    const heldOut = (score: (i: number) => number) => auc(test.map((i) => ({ p: score(i), y: labels[i]! as 0 | 1 })));
    expect(heldOut(blend.score)).toBeGreaterThan(heldOut((i) => additiveScore(blend.additive, data, i)) + 0.01);
  });

  it('keeps the additive model alone (weight 0) where the trees add nothing', () => {
    // one feature acting alone, in steps: the additive model holds all there is to learn
    const { data, labels } = table(3000, (b) => sigmoid(0.5 * (b[0]! - 2.5)), 4);
    const { blend } = fitted(data, labels, range(0, 3000));
    expect(blend.weight).toBe(0);
    expect(blend.score(5)).toBe(additiveScore(blend.additive, data, 5));
  });

  it('averages its bags into pair tables that keep only what their two features do together, on all training rows', () => {
    const { data, labels } = table(4000, threeWay, 8);
    const train = range(0, 4000);
    const model = chooseAndFitAdditive(data, labels, train, innerSplit(train, labels, null, createRandom(2)), {
      seed: 19,
    });
    expect(model.pairs.length).toBeGreaterThan(0);
    // each bag's tables were purified on its own rows; the average on all of them
    expect(largestPairLineMean(model, data, train)).toBeLessThan(1e-9);
  });

  it('keeps weight 0 on data with nothing to learn', () => {
    const { data, labels } = table(3000, () => 0.4, 5);
    expect(fitted(data, labels, range(0, 3000)).blend.weight).toBe(0);
  });

  it('chooses the weight from the training rows alone: other outcomes on the test rows change nothing', () => {
    const { data, labels } = table(5000, threeWay, 6);
    const train = range(0, 3500);
    const flipped = Uint8Array.from(labels, (y, i) => (i >= 3500 ? 1 - y : y));
    const before = fitted(data, labels, train);
    const after = fitted(data, flipped, train);
    expect(after.blend.weight).toBe(before.blend.weight);
    expect(after.blend.ridgeShare).toBe(before.blend.ridgeShare);
    for (const i of [0, 100, 3600, 4999]) expect(after.blend.score(i)).toBe(before.blend.score(i));
  });

  it('mixes in the ridge regression where many faint effects leave the boosted shapes little to learn, and ranks better for it', () => {
    const gains: number[] = [];
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      // forty features, each bin worth up to ±0.1 in log-odds: no one step stands out, but together they tell
      const random = createRandom(seed + 100);
      const effects = Array.from({ length: 40 }, () => Array.from({ length: 5 }, () => (random.next() - 0.5) * 0.2));
      const { data, labels } = table(4000, (b) => sigmoid(b.reduce((z, bin, f) => z + effects[f]![bin]!, 0)), seed, 40);
      const train = range(0, 2000);
      const test = range(2000, 4000);
      const { blend, split } = fitted(data, labels, train, seed);
      const shapes = chooseAndFitAdditive(data, labels, train, split, { seed });
      const heldOut = (score: (i: number) => number) => auc(test.map((i) => ({ p: score(i), y: labels[i]! as 0 | 1 })));
      const gain = heldOut(blend.score) - heldOut((i) => additiveScore(shapes, data, i));
      // where the shapes stopped before their first round, the regression carries the model
      if (shapes.rounds.mains === 0) expect(blend.ridgeShare).toBeGreaterThan(0);
      gains.push(gain);
      // the regression mixed in is points per bin too: the reasons still add up to the score
      for (const i of [2000, 3999]) expect(explainBlend(blend, data, i).logOdds).toBeCloseTo(blend.score(i), 9);
    }
    // on average over the tables: one table alone is too noisy to show it
    expect(gains.reduce((s, g) => s + g, 0) / gains.length).toBeGreaterThan(0.015);
  });

  it.each([
    // the trees' score is the outcome itself: all weight to them
    [(y: number) => (y ? 3 : -3), () => 0, 1],
    // the trees' score is the outcome upside down: none
    [(y: number) => (y ? -3 : 3), () => 0, 0],
  ])('chooseBlendWeight reads the held-back rows only (%#)', (treeScore, additive, expected) => {
    const labels = Uint8Array.from({ length: 200 }, (_, i) => i % 2);
    const rows = range(0, 100);
    // the other hundred rows would say the opposite; they are not the held-back rows
    const trees = (r: number) => (r < 100 ? treeScore(labels[r]!) : -treeScore(labels[r]!));
    expect(chooseBlendWeight(additive, trees, labels, rows)).toBe(expected);
  });
});
