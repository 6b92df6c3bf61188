import { pointsOfLogOdds } from '../../../domain/assessment/assess.ts';
import { featureLabel } from '../assessment/labels.ts';
import type { ModelView } from './queries.ts';

// The words and bars of what boosting learned on top of the weights (LearnedTerms).

const figure = (n: number) => String(Number(n.toFixed(2)));

/** Whether the edges cut a feature that is there or not (a flag, or a count that is 0 or more). */
const isFlag = (edges: readonly number[]) => edges.length === 1 && edges[0] === 1;

/** The name of each band the edges cut: "with" and "without" for a feature that is there or not. */
export function bandLabels(edges: readonly number[]): string[] {
  if (isFlag(edges)) return ['without', 'with'];
  return [
    `under ${figure(edges[0]!)}`,
    ...edges.slice(1).map((edge, k) => `${figure(edges[k]!)} to ${figure(edge)}`),
    `${figure(edges.at(-1)!)} and over`,
  ];
}

export type Bar = { key: string; label: string; logOdds: number };

const lowerFirst = (words: string) => words.charAt(0).toLowerCase() + words.slice(1);

/** The bars of a pair: one per combination of bands that weighs anything (both present, in any band). */
export function pairBars(pair: ModelView['pairs'][number]): Bar[] {
  const [aBands, bBands] = [bandLabels(pair.aEdges), bandLabels(pair.bEdges)];
  const [aFlag, bFlag] = [isFlag(pair.aEdges), isFlag(pair.bEdges)];
  const label = (i: number, j: number) => {
    if (aFlag && bFlag) return 'when both hold';
    if (bFlag) return `${aBands[i]}, with ${lowerFirst(featureLabel(pair.b))}`;
    if (aFlag) return `${bBands[j]}, with ${lowerFirst(featureLabel(pair.a))}`;
    return `${aBands[i]} and ${bBands[j]}`;
  };
  return pair.logOdds.flatMap((row, i) =>
    row.flatMap((logOdds, j) =>
      Math.round(pointsOfLogOdds(logOdds)) === 0 ? [] : [{ key: `${i}:${j}`, label: label(i, j), logOdds }],
    ),
  );
}
