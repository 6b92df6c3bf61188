import type { Binned } from './binned.ts';
import type { AdditiveModel } from './additive.ts';
import type { BoostedTrees, TreeNode } from './trees.ts';

// Points per reason for a row, adding up exactly (in log-odds) to what the model says.
//
// A tree's points are its Shapley values (TreeSHAP, Lundberg et al. 2018, the path-dependent form):
// the value of knowing a set S of a row's features is the tree's output averaged over the training
// rows that reached each node, following the row's own branch at a split on a feature in S and both
// branches (weighted by the rows that went each way) at any other split. Each feature gets its fair
// share of what knowing every feature adds to knowing none; the shares sum exactly to the tree's
// output less its average, so the average plus the points is the output. The recursion below walks
// each root-to-leaf path once, carrying for every feature met on the path the share of subsets that
// reach the leaf with and without it, instead of visiting every subset.

/** The average output of a tree over the training rows that reached it. */
export function expectedValue(node: TreeNode): number {
  if (node.kind === 'leaf') return node.value;
  if (node.cover <= 0) return 0;
  return (node.left.cover * expectedValue(node.left) + node.right.cover * expectedValue(node.right)) / node.cover;
}

/** One feature met on the path: the share of the path taken without it (zero) and with it (one). */
type Step = { feature: number; zero: number; one: number; weight: number };

/** The path with one more feature on it: the subset weights of every length updated. */
function extend(path: Step[], zero: number, one: number, feature: number): Step[] {
  const next = path.map((s) => ({ ...s }));
  const length = next.length;
  next.push({ feature, zero, one, weight: length === 0 ? 1 : 0 });
  for (let i = length - 1; i >= 0; i--) {
    next[i + 1]!.weight += (one * next[i]!.weight * (i + 1)) / (length + 1);
    next[i]!.weight = (zero * next[i]!.weight * (length - i)) / (length + 1);
  }
  return next;
}

/** The path without its step at `index`: extend() undone for that feature. */
function unwind(path: Step[], index: number): Step[] {
  const depth = path.length - 1;
  const { zero, one } = path[index]!;
  const next = path.map((s) => ({ ...s }));
  let carried = next[depth]!.weight;
  for (let i = depth - 1; i >= 0; i--) {
    if (one !== 0) {
      const kept = next[i]!.weight;
      next[i]!.weight = (carried * (depth + 1)) / ((i + 1) * one);
      carried = kept - (next[i]!.weight * zero * (depth - i)) / (depth + 1);
    } else {
      next[i]!.weight = (next[i]!.weight * (depth + 1)) / (zero * (depth - i));
    }
  }
  // the weights stay in place (one fewer is used); the features after `index` move up
  const features = next.map((s) => ({ feature: s.feature, zero: s.zero, one: s.one }));
  features.splice(index, 1);
  return features.map((f, i) => ({ ...f, weight: next[i]!.weight }));
}

/** The total weight of the path's subsets once its step at `index` is taken out. */
function unwoundSum(path: Step[], index: number): number {
  const depth = path.length - 1;
  const { zero, one } = path[index]!;
  let carried = path[depth]!.weight;
  let total = 0;
  for (let i = depth - 1; i >= 0; i--) {
    if (one !== 0) {
      const w = (carried * (depth + 1)) / ((i + 1) * one);
      total += w;
      carried = path[i]!.weight - (w * zero * (depth - i)) / (depth + 1);
    } else {
      total += (path[i]!.weight * (depth + 1)) / (zero * (depth - i));
    }
  }
  return total;
}

/**
 * Adds to `points` (one slot per feature) the Shapley value of each feature in one tree for `row`:
 * together they are exactly the tree's output for the row less expectedValue(tree).
 */
export function addTreeAttributions(
  tree: TreeNode,
  bins: readonly Uint16Array[],
  row: number,
  points: Float64Array,
): void {
  const walk = (node: TreeNode, parent: Step[], zero: number, one: number, feature: number) => {
    let path = extend(parent, zero, one, feature);
    if (node.kind === 'leaf') {
      for (let i = 1; i < path.length; i++) {
        const step = path[i]!;
        points[step.feature]! += unwoundSum(path, i) * (step.one - step.zero) * node.value;
      }
      return;
    }
    const goesLeft = node.goesLeft[bins[node.feature]![row]!] === 1;
    const [hot, cold] = goesLeft ? [node.left, node.right] : [node.right, node.left];
    let incomingZero = 1;
    let incomingOne = 1;
    // a feature split on again higher up: undo its step, to redo it with this split's shares
    const earlier = path.findIndex((s, i) => i > 0 && s.feature === node.feature);
    if (earlier !== -1) {
      incomingZero = path[earlier]!.zero;
      incomingOne = path[earlier]!.one;
      path = unwind(path, earlier);
    }
    const share = (child: TreeNode) => (node.cover > 0 ? child.cover / node.cover : 0.5);
    walk(hot, path, share(hot) * incomingZero, incomingOne, node.feature);
    walk(cold, path, share(cold) * incomingZero, 0, node.feature);
  };
  walk(tree, [], 1, 1, -1);
}

/** The trees' log-odds for `row` as their average (over the training rows) plus points per feature. */
export function treeAttributions(
  model: BoostedTrees,
  bins: readonly Uint16Array[],
  row: number,
): { expected: number; points: Float64Array } {
  const points = new Float64Array(bins.length);
  let expected = model.base;
  for (const tree of model.trees) {
    expected += expectedValue(tree);
    addTreeAttributions(tree, bins, row, points);
  }
  return { expected, points };
}

export type Reason = { name: string; points: number };

/**
 * The log-odds of (1 − weight) × additive + weight × trees for `row`, split into a starting point
 * and points per reason (a feature, or a pair of features the additive model learned together):
 * a feature's points are (1 − weight) × its shape's points plus weight × its tree attribution.
 * The starting point plus every reason's points is the log-odds, exactly (up to rounding).
 */
export function explainBlend(
  blend: { additive: AdditiveModel; trees: BoostedTrees; weight: number },
  data: Binned,
  row: number,
): { start: number; reasons: Reason[]; logOdds: number } {
  const { additive, trees, weight } = blend;
  const a = 1 - weight;
  const fromTrees = weight > 0 ? treeAttributions(trees, data.bins, row) : null;
  const reasons: Reason[] = data.features.map((name, f) => ({
    name,
    points: a * additive.mains[f]![data.bins[f]![row]!]! + (fromTrees ? weight * fromTrees.points[f]! : 0),
  }));
  for (const pair of additive.pairs) {
    const cell = data.bins[pair.a]![row]! * data.binNames[pair.b]!.length + data.bins[pair.b]![row]!;
    reasons.push({ name: `${data.features[pair.a]} × ${data.features[pair.b]}`, points: a * pair.points[cell]! });
  }
  const start = a * additive.intercept + (fromTrees ? weight * fromTrees.expected : 0);
  return { start, reasons, logOdds: reasons.reduce((sum, r) => sum + r.points, start) };
}
