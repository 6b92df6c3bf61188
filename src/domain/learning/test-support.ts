import type { AdditiveModel } from './additive.ts';
import type { Binned } from './binned.ts';

// For the learner's tests only: what they check of a fitted model, in one place.

/**
 * The largest mean, in absolute value, of any line of any of the model's pair tables (a bin of one
 * of its features, across the other's) over the given rows that fall in that line: 0 when every
 * pair keeps only what its two features do together (a purified table).
 */
export function largestPairLineMean(model: AdditiveModel, data: Binned, rows: readonly number[]): number {
  let largest = 0;
  for (const pair of model.pairs) {
    const width = data.binNames[pair.b]!.length;
    for (const [side, other] of [
      [pair.a, pair.b],
      [pair.b, pair.a],
    ] as const)
      for (let bin = 1; bin < data.binNames[side]!.length; bin++) {
        const inLine = rows.filter((i) => data.bins[side]![i] === bin);
        if (inLine.length === 0) continue;
        const cellOf = (i: number) =>
          side === pair.a ? bin * width + data.bins[other]![i]! : data.bins[other]![i]! * width + bin;
        largest = Math.max(largest, Math.abs(inLine.reduce((s, i) => s + pair.points[cellOf(i)]!, 0) / inLine.length));
      }
  }
  return largest;
}
