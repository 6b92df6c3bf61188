import { UNSEEN, type Binned } from './binned.ts';
import { sigmoid } from './logistic.ts';

// Gradient-boosted trees on binned data: a reference learner for the evaluation, to show how much a
// model free to combine features (and not bound to explain itself) would gain over ours. Log-loss
// boosting with Newton leaves; every split is found on per-bin histograms of gradient and hessian.
// Ordinal features split at a threshold; categorical ones sort their bins by the leaf value each
// would take alone and split that order, so one split can send any set of bins left.

export type TreeOptions = {
  /** boosting rounds (trees); with validation rows, the most that are tried; default 300 */
  rounds?: number;
  /** shrinkage applied to every leaf; default 0.1 */
  learningRate?: number;
  /** depth of every tree (1 = stumps, an additive model); default 3 */
  depth?: number;
  /** L2 penalty on leaf values; default 1 */
  lambda?: number;
  /** least hessian (training weight) a child may hold; default 5 */
  minChildWeight?: number;
};

export type BoostedTrees = {
  /** trees kept (the best count on the validation rows when they were given) */
  rounds: number;
  /** the log-odds every row starts from (the training rows' win rate) */
  base: number;
  /** the trees kept, in the order they were grown */
  trees: TreeNode[];
  /** log-odds of a win for a row of the table the model was fitted on */
  score(row: number): number;
  /** probability of a win for a row of the table the model was fitted on */
  predict(row: number): number;
};

/** `cover`: how many training rows reached the node (what an attribution averages over). */
type Leaf = { kind: 'leaf'; value: number; cover: number };
type Split = { kind: 'split'; feature: number; goesLeft: Uint8Array; left: TreeNode; right: TreeNode; cover: number };
export type TreeNode = Leaf | Split;

/** A split that a node could take, before its children are built. */
type Candidate = { gain: number; feature: number; goesLeft: Uint8Array };

/** Validation rounds without a better log loss before boosting stops. */
const PATIENCE = 30;

export function fitBoostedTrees(
  data: Binned,
  labels: ArrayLike<number>,
  train: readonly number[],
  options: TreeOptions & { validation?: readonly number[] } = {},
): BoostedTrees {
  const { rounds = 300, learningRate = 0.1, depth = 3, lambda = 1, minChildWeight = 5, validation = [] } = options;
  const n = train.length;
  if (n === 0) throw new Error('fitBoostedTrees needs at least one training row');
  const layout = layoutOf(data);
  const featureCount = layout.ordinal.length;

  // The training rows' bins, row by row (all features of a row side by side, rows in `train` order):
  // building a histogram then reads memory in sequence.
  const rowBins = new Uint16Array(n * featureCount);
  train.forEach((row, i) => data.bins.forEach((column, f) => (rowBins[i * featureCount + f] = column[row]!)));
  const y = Float64Array.from(train, (row) => labels[row]!);

  const positives = y.reduce((sum, v) => sum + v, 0);
  const rate = Math.min(1 - 1e-6, Math.max(1e-6, positives / n));
  const base = Math.log(rate / (1 - rate));

  const score = new Float64Array(n).fill(base);
  const gradient = new Float64Array(n);
  const hessian = new Float64Array(n);
  // A node's rows are a segment of `order` (positions in `train`); `scratch` helps split it stably.
  const order = new Int32Array(n);
  const scratch = new Int32Array(n);
  // Two histograms per level, one per child, reused by every node of every tree.
  const histograms = Array.from({ length: depth }, () => [emptyHistogram(layout), emptyHistogram(layout)] as const);

  const fill = (target: Histogram, start: number, end: number) =>
    fillHistogram(target, layout, rowBins, order.subarray(start, end), gradient, hessian);

  /** Grows a tree over order[start, end), whose histogram is given above the last level. */
  const grow = (start: number, end: number, level: number, histogram: Histogram | undefined): TreeNode => {
    let sumG = 0;
    let sumH = 0;
    for (let k = start; k < end; k++) {
      sumG += gradient[order[k]!]!;
      sumH += hessian[order[k]!]!;
    }
    const split = histogram && bestSplit(histogram, layout, sumG, sumH, lambda, minChildWeight);
    if (!split) {
      const value = (-sumG / (sumH + lambda)) * learningRate;
      for (let k = start; k < end; k++) score[order[k]!] = score[order[k]!]! + value;
      return { kind: 'leaf', value, cover: end - start };
    }
    // Stable partition: rows going left keep their order at the front, the others follow.
    let middle = start;
    let right = 0;
    for (let k = start; k < end; k++) {
      const i = order[k]!;
      if (split.goesLeft[rowBins[i * featureCount + split.feature]!]) order[middle++] = i;
      else scratch[right++] = i;
    }
    order.set(scratch.subarray(0, right), middle);

    // Only the smaller child's histogram is counted; the larger one's is what remains of the parent's.
    const children = histograms[level + 1];
    if (histogram && children) {
      const [leftHistogram, rightHistogram] = children;
      if (middle - start <= end - middle) {
        fill(leftHistogram, start, middle);
        subtractHistogram(rightHistogram, histogram, leftHistogram);
      } else {
        fill(rightHistogram, middle, end);
        subtractHistogram(leftHistogram, histogram, rightHistogram);
      }
    }
    return {
      kind: 'split',
      cover: end - start,
      feature: split.feature,
      goesLeft: split.goesLeft,
      left: grow(start, middle, level + 1, children?.[0]),
      right: grow(middle, end, level + 1, children?.[1]),
    };
  };

  const validationScore = new Float64Array(validation.length).fill(base);
  let bestLoss = validationLoss(validationScore, validation, labels);
  let bestRounds = 0;

  const trees: TreeNode[] = [];
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < n; i++) {
      const p = sigmoid(score[i]!);
      gradient[i] = p - y[i]!;
      hessian[i] = p * (1 - p);
      order[i] = i;
    }
    const root = histograms[0]?.[0];
    if (root) fill(root, 0, n);
    const tree = grow(0, n, 0, root);
    trees.push(tree);
    if (validation.length === 0) continue;
    validation.forEach((row, v) => (validationScore[v] = validationScore[v]! + treeValue(tree, data.bins, row)));
    const loss = validationLoss(validationScore, validation, labels);
    if (loss < bestLoss) {
      bestLoss = loss;
      bestRounds = trees.length;
    } else if (trees.length - bestRounds >= PATIENCE) break;
  }

  const kept = validation.length === 0 ? trees : trees.slice(0, bestRounds);
  const logOdds = (row: number) => {
    let z = base;
    for (const tree of kept) z += treeValue(tree, data.bins, row);
    return z;
  };
  return { rounds: kept.length, base, trees: kept, score: logOdds, predict: (row) => sigmoid(logOdds(row)) };
}

/** Where each feature's bins sit in a histogram, and how its bins are ordered. */
type Layout = { offsets: Int32Array; binCounts: number[]; ordinal: boolean[] };

/** Per feature and bin: the summed gradient and hessian of a node's rows, and how many rows. */
type Histogram = { g: Float64Array; h: Float64Array; count: Int32Array };

function layoutOf(data: Binned): Layout {
  // Bin counts come from the rows themselves, so hand-built tables need not name every bin.
  const binCounts = data.bins.map((column, f) => Math.max(data.binNames[f]?.length ?? 0, maxOf(column) + 1));
  const offsets = new Int32Array(binCounts.length + 1);
  binCounts.forEach((count, f) => (offsets[f + 1] = offsets[f]! + count));
  // a feature is split in order when every bin it holds is a number band; else its bins are sorted by gain
  return {
    offsets,
    binCounts,
    ordinal: binCounts.map((count, f) => (data.bands[f] ?? 0) > 0 && data.bands[f]! >= count - 1),
  };
}

function emptyHistogram(layout: Layout): Histogram {
  const size = layout.offsets[layout.binCounts.length]!;
  return { g: new Float64Array(size), h: new Float64Array(size), count: new Int32Array(size) };
}

function fillHistogram(
  target: Histogram,
  layout: Layout,
  rowBins: Uint16Array,
  rows: Int32Array,
  gradient: Float64Array,
  hessian: Float64Array,
): void {
  const { g, h, count } = target;
  const { offsets } = layout;
  const featureCount = layout.binCounts.length;
  g.fill(0);
  h.fill(0);
  count.fill(0);
  for (const i of rows) {
    const gi = gradient[i]!;
    const hi = hessian[i]!;
    const first = i * featureCount;
    for (let f = 0; f < featureCount; f++) {
      const slot = offsets[f]! + rowBins[first + f]!;
      g[slot] = g[slot]! + gi;
      h[slot] = h[slot]! + hi;
      count[slot] = count[slot]! + 1;
    }
  }
}

/** target = parent − child, bin by bin: the sibling of `child`. */
function subtractHistogram(target: Histogram, parent: Histogram, child: Histogram): void {
  for (let s = 0; s < target.g.length; s++) {
    target.g[s] = parent.g[s]! - child.g[s]!;
    target.h[s] = parent.h[s]! - child.h[s]!;
    target.count[s] = parent.count[s]! - child.count[s]!;
  }
}

/** The split of a node with the largest gain, or undefined when none gains or leaves a child too light. */
function bestSplit(
  histogram: Histogram,
  layout: Layout,
  sumG: number,
  sumH: number,
  lambda: number,
  minChildWeight: number,
): Candidate | undefined {
  const parentScore = (sumG * sumG) / (sumH + lambda);
  let best: Candidate | undefined;
  layout.binCounts.forEach((binCount, f) => {
    const offset = layout.offsets[f]!;
    const g = (b: number) => histogram.g[offset + b]!;
    const h = (b: number) => histogram.h[offset + b]!;
    const has = (b: number) => histogram.count[offset + b]! > 0;
    // Bins present at this node, the unseen bin aside: it takes whichever side suits it (below).
    const present: number[] = [];
    for (let b = 0; b < binCount; b++) if (b !== UNSEEN && has(b)) present.push(b);
    if (present.length < 2) return;
    const isOrdinal = layout.ordinal[f]!;
    // Categories in the order of the leaf value each would take alone: the best set to send left is
    // then a prefix of this order.
    if (!isOrdinal) present.sort((a, b) => g(a) / (h(a) + lambda) - g(b) / (h(b) + lambda) || a - b);

    const unseenG = has(UNSEEN) ? g(UNSEEN) : 0;
    const unseenH = has(UNSEEN) ? h(UNSEEN) : 0;
    let leftG = 0;
    let leftH = 0;
    for (let k = 0; k < present.length - 1; k++) {
      leftG += g(present[k]!);
      leftH += h(present[k]!);
      const rightG = sumG - unseenG - leftG;
      const rightH = sumH - unseenH - leftH;
      // The unseen bin goes where it gains more; when it is empty here (as it always is on binTokens
      // tables), with the heavier child, so a new category later lands with most of the data.
      const gainLeft = splitScore(leftG + unseenG, leftH + unseenH, rightG, rightH, lambda);
      const gainRight = splitScore(leftG, leftH, rightG + unseenG, rightH + unseenH, lambda);
      const isUnseenLeft = has(UNSEEN) ? gainLeft >= gainRight : leftH >= rightH;
      const childLeftH = isUnseenLeft ? leftH + unseenH : leftH;
      if (childLeftH < minChildWeight || sumH - childLeftH < minChildWeight) continue;
      const gain = (isUnseenLeft ? gainLeft : gainRight) - parentScore;
      if (gain <= 1e-12 || (best && gain <= best.gain)) continue;

      const goesLeft = new Uint8Array(binCount);
      goesLeft[UNSEEN] = isUnseenLeft ? 1 : 0;
      if (isOrdinal) {
        // A threshold: bins up to this one go left, those absent at this node included.
        for (let b = 1; b <= present[k]!; b++) goesLeft[b] = 1;
      } else {
        for (let j = 0; j <= k; j++) goesLeft[present[j]!] = 1;
        // Categories absent at this node follow the unseen bin.
        for (let b = 1; b < binCount; b++) if (!has(b)) goesLeft[b] = goesLeft[UNSEEN]!;
      }
      best = { gain, feature: f, goesLeft };
    }
  });
  return best;
}

/** GL²/(HL+λ) + GR²/(HR+λ): the part of the gain that depends on how the rows are split. */
function splitScore(leftG: number, leftH: number, rightG: number, rightH: number, lambda: number): number {
  return (leftG * leftG) / (leftH + lambda) + (rightG * rightG) / (rightH + lambda);
}

export function treeValue(tree: TreeNode, bins: readonly Uint16Array[], row: number): number {
  let node = tree;
  while (node.kind === 'split') node = node.goesLeft[bins[node.feature]![row]!] ? node.left : node.right;
  return node.value;
}

/** Mean log loss of the validation rows at their current scores (log-odds). */
function validationLoss(scores: Float64Array, rows: readonly number[], labels: ArrayLike<number>): number {
  let sum = 0;
  rows.forEach((row, v) => {
    const z = scores[v]!;
    // log(1 + e^-z) for a win, log(1 + e^z) for a loss, written so neither overflows
    const margin = labels[row] === 1 ? z : -z;
    sum += Math.max(-margin, 0) + Math.log1p(Math.exp(-Math.abs(margin)));
  });
  return sum / Math.max(rows.length, 1);
}

function maxOf(values: Uint16Array): number {
  let max = 0;
  for (const v of values) if (v > max) max = v;
  return max;
}
