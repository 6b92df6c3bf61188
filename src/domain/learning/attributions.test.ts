import { describe, expect, it } from 'vitest';
import { createRandom } from '../random.ts';
import { additiveScore, fitAdditive } from './additive.ts';
import { addTreeAttributions, expectedValue, explainBlend, treeAttributions } from './attributions.ts';
import type { Binned } from './binned.ts';
import { fitBoostedTrees, treeValue, type TreeNode } from './trees.ts';

// Random tables with an interaction, fitted by our trees; every attribution is checked against the
// tree's own output and against Shapley values computed the slow way, subset by subset.

function table(count: number, features: number, seed: number) {
  const random = createRandom(seed);
  const bins = Array.from({ length: features }, () => new Uint16Array(count));
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    for (let f = 0; f < features; f++) bins[f]![i] = random.int(1, 5);
    const z = (bins[0]![i]! > 3 === bins[1]![i]! > 2 ? 1.2 : -1.2) + 0.4 * (bins[2]![i]! - 3);
    labels[i] = random.chance(1 / (1 + Math.exp(-z))) ? 1 : 0;
  }
  const data: Binned = {
    features: bins.map((_, f) => `f${f}`),
    binNames: bins.map(() => ['(unseen)', 'b1', 'b2', 'b3', 'b4', 'b5']),
    bins,
    // f0 and f1 are number bands (split at a threshold), the rest categories
    bands: bins.map((_, f) => (f < 2 ? 5 : 0)),
  };
  return { data, labels };
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** The tree's average output when only the features in `known` are known for `row`. */
function valueKnowing(node: TreeNode, bins: readonly Uint16Array[], row: number, known: Set<number>): number {
  if (node.kind === 'leaf') return node.value;
  if (known.has(node.feature))
    return valueKnowing(node.goesLeft[bins[node.feature]![row]!] ? node.left : node.right, bins, row, known);
  return (
    (node.left.cover * valueKnowing(node.left, bins, row, known) +
      node.right.cover * valueKnowing(node.right, bins, row, known)) /
    node.cover
  );
}

function featuresOf(node: TreeNode, into = new Set<number>()): Set<number> {
  if (node.kind === 'split') {
    into.add(node.feature);
    featuresOf(node.left, into);
    featuresOf(node.right, into);
  }
  return into;
}

function splitsTwiceOnAPath(node: TreeNode, above: ReadonlySet<number> = new Set()): boolean {
  if (node.kind === 'leaf') return false;
  if (above.has(node.feature)) return true;
  const next = new Set([...above, node.feature]);
  return splitsTwiceOnAPath(node.left, next) || splitsTwiceOnAPath(node.right, next);
}

/** Shapley values by their definition: every subset of the tree's features, weighted. */
function slowShapley(tree: TreeNode, bins: readonly Uint16Array[], row: number, featureCount: number) {
  const used = [...featuresOf(tree)];
  const n = used.length;
  const factorial = (k: number): number => (k <= 1 ? 1 : k * factorial(k - 1));
  const points = new Float64Array(featureCount);
  used.forEach((feature, i) => {
    const others = used.filter((_, j) => j !== i);
    for (let mask = 0; mask < 1 << others.length; mask++) {
      const known = new Set(others.filter((_, j) => mask & (1 << j)));
      const weight = (factorial(known.size) * factorial(n - known.size - 1)) / factorial(n);
      const without = valueKnowing(tree, bins, row, known);
      known.add(feature);
      points[feature]! += weight * (valueKnowing(tree, bins, row, known) - without);
    }
  });
  return points;
}

describe('tree attributions (TreeSHAP)', () => {
  it.each([
    [2, 11],
    [3, 12],
    [5, 13],
  ])('depth %i: equal the Shapley values computed subset by subset, and add up to the tree', (depth, seed) => {
    const { data, labels } = table(1500, 5, seed);
    const model = fitBoostedTrees(data, labels, range(1200), { depth, rounds: 15, minChildWeight: 2 });
    const random = createRandom(seed + 100);
    let checked = 0;
    for (const tree of model.trees) {
      for (let k = 0; k < 5; k++) {
        const row = random.int(0, 1499);
        const fast = new Float64Array(5);
        addTreeAttributions(tree, data.bins, row, fast);
        const slow = slowShapley(tree, data.bins, row, 5);
        fast.forEach((x, f) => expect(x).toBeCloseTo(slow[f]!, 10));
        const total = fast.reduce((s, x) => s + x, expectedValue(tree));
        expect(total).toBeCloseTo(treeValue(tree, data.bins, row), 10);
        checked++;
      }
    }
    expect(checked).toBe(75);
    // deep trees split on the same feature twice on a path: the case TreeSHAP unwinds
    if (depth === 5) expect(model.trees.some((t) => splitsTwiceOnAPath(t))).toBe(true);
  });

  it('over all the trees: the average plus the points is the model log-odds on any row, and unused features get 0', () => {
    const { data, labels } = table(2000, 6, 21);
    const model = fitBoostedTrees(data, labels, range(1500), { rounds: 60 });
    const used = new Set(model.trees.flatMap((t) => [...featuresOf(t)]));
    for (const row of [0, 7, 1501, 1999]) {
      const { expected, points } = treeAttributions(model, data.bins, row);
      expect(points.reduce((s, x) => s + x, expected)).toBeCloseTo(model.score(row), 10);
      points.forEach((x, f) => {
        if (!used.has(f)) expect(x).toBe(0);
      });
    }
  });
});

describe('explainBlend', () => {
  const { data, labels } = table(2000, 4, 31);
  const additive = fitAdditive(data, labels, range(1200), range(1600).slice(1200), { pairs: 2 });
  const trees = fitBoostedTrees(data, labels, range(1600), { rounds: 40 });

  it.each([0, 0.3, 1])('weight %f: the start plus every reason is the blended log-odds', (weight) => {
    for (const row of [3, 999, 1700, 1999]) {
      const explained = explainBlend({ additive, trees, weight }, data, row);
      const blended = (1 - weight) * additiveScore(additive, data, row) + weight * trees.score(row);
      expect(explained.logOdds).toBeCloseTo(blended, 10);
      expect(explained.reasons.reduce((s, r) => s + r.points, explained.start)).toBeCloseTo(blended, 10);
      expect(explained.reasons).toHaveLength(4 + additive.pairs.length);
    }
  });

  it('names a pair term as its two features', () => {
    const explained = explainBlend({ additive, trees, weight: 0.5 }, data, 0);
    for (const pair of additive.pairs)
      expect(explained.reasons.map((r) => r.name)).toContain(`f${pair.a} × f${pair.b}`);
  });
});
