import { describe, expect, it } from 'vitest';
import { createRandom } from '../random.ts';
import { additiveScore } from './additive.ts';
import type { Binned } from './binned.ts';
import { chooseAndFitBlend, chooseBlendWeight, innerSplit } from './evaluate.ts';
import { auc } from './metrics.ts';

// Our learner blends the additive model with boosted trees in log-odds, the trees' weight chosen on
// the training set's held-back rows only.

/** Rows of four features with 4 bins each; `chance` gives a row's chance of a win from its bins. */
function table(count: number, chance: (bins: number[]) => number, seed: number) {
  const random = createRandom(seed);
  const bins = Array.from({ length: 4 }, () => new Uint16Array(count));
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
    for (const i of [0, 100, 3600, 4999]) expect(after.blend.score(i)).toBe(before.blend.score(i));
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
