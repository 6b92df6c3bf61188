import { describe, expect, it } from 'vitest';
import { createRandom, type Random } from '../random.ts';
import { UNSEEN, type Binned } from './binned.ts';
import { auc } from './metrics.ts';
import { fitBoostedTrees } from './trees.ts';

// Tables built by hand: per feature, the bin of every row, and whether its bins are number bands in order.

function binned(columns: number[][], ordinal: boolean[]): Binned {
  return {
    features: columns.map((_, f) => `f${f}`),
    binNames: columns.map((column) => [
      '(unseen)',
      ...Array.from({ length: Math.max(...column) }, (_, b) => `b${b + 1}`),
    ]),
    bins: columns.map((column) => Uint16Array.from(column)),
    // an ordinal feature's bins are all number bands
    bands: columns.map((column, f) => (ordinal[f] ? Math.max(...column) : 0)),
  };
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

/** `row(random)` gives the bins of one row and its chance of a win; the outcome is drawn from it. */
function table(count: number, ordinal: boolean[], row: (random: Random) => { bins: number[]; p: number }, seed = 1) {
  const random = createRandom(seed);
  const columns: number[][] = ordinal.map(() => []);
  const labels: number[] = [];
  for (let i = 0; i < count; i++) {
    const { bins, p } = row(random);
    bins.forEach((b, f) => columns[f]!.push(b));
    labels.push(random.chance(p) ? 1 : 0);
  }
  return { data: binned(columns, ordinal), labels };
}

const heldOutAuc = (model: { predict(row: number): number }, labels: number[], rows: number[]) =>
  auc(rows.map((i) => ({ p: model.predict(i), y: labels[i] === 1 ? 1 : 0 })));

describe('fitBoostedTrees', () => {
  // Wins when exactly one of a and b is low: each alone says nothing, so an additive model (trees of
  // depth 1 are one) ranks no better than chance, while deeper trees find the interaction.
  const xor = table(4000, [true, true, false, false], (random) => {
    const a = random.int(1, 4);
    const b = random.int(1, 4);
    return { bins: [a, b, random.int(1, 6), random.int(1, 6)], p: a <= 2 !== b <= 2 ? 0.95 : 0.05 };
  });

  it.each([
    [1, 0.4, 0.6],
    [2, 0.9, 1],
    [3, 0.9, 1],
  ])('learns an interaction no additive model can: depth %i gives a held-out AUC in [%f, %f]', (depth, low, high) => {
    const model = fitBoostedTrees(xor.data, xor.labels, range(0, 3000), { depth });
    const value = heldOutAuc(model, xor.labels, range(3000, 4000));
    expect(value).toBeGreaterThanOrEqual(low);
    expect(value).toBeLessThanOrEqual(high);
  });

  // Bins 1, 3 and 5 win, 2 and 4 lose. Treated as categories, one split can send {1, 3, 5} one way;
  // treated as ordered, a single threshold cannot.
  const alternating = table(2000, [false], (random) => {
    const x = random.int(1, 5);
    return { bins: [x], p: x % 2 === 1 ? 0.9 : 0.1 };
  });

  it.each([
    [false, true],
    [true, false],
  ])('with bins flagged ordinal = %s, one split separates winning bins from losing ones: %s', (ordinal, separates) => {
    const data = { ...alternating.data, bands: [ordinal ? alternating.data.binNames[0]!.length - 1 : 0] };
    const model = fitBoostedTrees(data, alternating.labels, range(0, 2000), { rounds: 1, learningRate: 1, depth: 1 });
    const rowOfBin = (b: number) => range(0, 2000).find((i) => data.bins[0]![i] === b)!;
    const odd = [1, 3, 5].map((b) => model.predict(rowOfBin(b)));
    const even = [2, 4].map((b) => model.predict(rowOfBin(b)));
    expect(Math.min(...odd) > Math.max(...even)).toBe(separates);
  });

  // 1000 training rows: `share` of them in bin 1 (mostly won), the rest in bin 2 (mostly lost); one
  // more row, the last, in the unseen bin. The unseen bin joins whichever side holds more rows.
  it.each([
    [false, 0.7, 1],
    [false, 0.3, 2],
    [true, 0.7, 1],
    [true, 0.3, 2],
  ])('with ordinal = %s and %f of the rows in bin 1, an unseen bin is scored as bin %i', (ordinal, share, like) => {
    const { data, labels } = table(1000, [ordinal], (random) => {
      const x = random.chance(share) ? 1 : 2;
      return { bins: [x], p: x === 1 ? 0.8 : 0.2 };
    });
    data.bins[0] = Uint16Array.from([...data.bins[0]!, UNSEEN]);
    const model = fitBoostedTrees(data, labels, range(0, 1000), { rounds: 1, learningRate: 1, depth: 1 });
    const rowOfBin = (b: number) => range(0, 1000).find((i) => data.bins[0]![i] === b)!;
    expect(model.predict(1000)).toBe(model.predict(rowOfBin(like)));
    expect(model.predict(rowOfBin(1))).toBeGreaterThan(model.predict(rowOfBin(2)));
  });

  it('gives a probability to a row whose every bin went unseen in training', () => {
    const data: Binned = { ...xor.data, bins: xor.data.bins.map((column) => Uint16Array.from([...column, UNSEEN])) };
    const p = fitBoostedTrees(data, xor.labels, range(0, 3000)).predict(4000);
    expect(Number.isFinite(p)).toBe(true);
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1);
  });

  it('starts from the training win rate and stays there when no split leaves both children heavy enough', () => {
    const model = fitBoostedTrees(xor.data, xor.labels, range(0, 3000), { minChildWeight: 3000 });
    const rate = range(0, 3000).reduce((sum, i) => sum + xor.labels[i]!, 0) / 3000;
    for (const row of [0, 1, 3500]) expect(model.predict(row)).toBeCloseTo(rate, 10);
  });

  // Five features; with signal the chance of a win follows the first three, with noise it is a coin.
  const fiveFeatures = (strength: number) =>
    table(3000, [true, true, false, false, false], (random) => {
      const bins = [1, 2, 3, 4, 5].map(() => random.int(1, 8));
      const z = strength * ((bins[0]! - 4.5) / 2 + (bins[1]! % 3) - 1 + (bins[2]! > 5 ? 1 : -0.5));
      return { bins, p: 1 / (1 + Math.exp(-z)) };
    });
  const signal = fiveFeatures(1);
  const noise = fiveFeatures(0);
  const validation = range(2000, 3000);

  it('stops early on validation rows: many rounds for signal, next to none for noise', () => {
    const onSignal = fitBoostedTrees(signal.data, signal.labels, range(0, 2000), { validation });
    const onNoise = fitBoostedTrees(noise.data, noise.labels, range(0, 2000), { validation });
    expect(onSignal.rounds).toBeGreaterThan(50);
    expect(onSignal.rounds).toBeLessThan(300);
    expect(heldOutAuc(onSignal, signal.labels, validation)).toBeGreaterThan(0.75);
    expect(onNoise.rounds).toBeLessThan(20);
  });

  it.each([
    ['signal', signal],
    ['noise', noise],
  ])('keeps exactly the rounds early stopping chose (%s)', (_label, { data, labels }) => {
    const stopped = fitBoostedTrees(data, labels, range(0, 2000), { validation });
    const refitted = fitBoostedTrees(data, labels, range(0, 2000), { rounds: stopped.rounds });
    const longer = fitBoostedTrees(data, labels, range(0, 2000), { rounds: stopped.rounds + 1 });
    const predictions = (model: { predict(row: number): number }) => range(0, 3000).map((i) => model.predict(i));
    expect(predictions(stopped)).toEqual(predictions(refitted));
    expect(predictions(stopped)).not.toEqual(predictions(longer));
  });

  it('gives the same model twice', () => {
    const fit = () => fitBoostedTrees(xor.data, xor.labels, range(0, 2500), { validation: range(2500, 3000) });
    const [first, second] = [fit(), fit()];
    expect(second.rounds).toBe(first.rounds);
    expect(range(0, 4000).map((i) => second.predict(i))).toEqual(range(0, 4000).map((i) => first.predict(i)));
  });
});
