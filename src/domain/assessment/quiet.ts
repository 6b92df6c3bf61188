import { daysBetween } from '../dates.ts';
import type { KnowledgeFact, KnowledgeItem } from '../knowledge/snapshot.ts';

// REFERENCE 5 (DZ-21): a deal is stalled when nothing has been learned about it for longer than
// this organization's won deals usually went without news. What "usually" means is learned from
// the won deals at each refit: the 75th percentile of the longest quiet spell each one had.

/** Below this many won deals, their quiet spells say too little to judge an open deal by. */
export const MIN_WINS_FOR_QUIET = 10;

/** The longest run of days with nothing recorded, from the deal's creation to `until` (its close). */
export function longestQuietSpell(
  items: readonly Pick<KnowledgeItem, 'createdAt'>[],
  facts: readonly Pick<KnowledgeFact, 'recordedAt'>[],
  from: string,
  until: string,
): number {
  const days = [
    from,
    ...items.map((i) => i.createdAt.slice(0, 10)),
    ...facts.map((f) => f.recordedAt.slice(0, 10)),
    until,
  ]
    .filter((d) => d >= from && d <= until)
    .sort();
  let longest = 0;
  for (let i = 1; i < days.length; i++) longest = Math.max(longest, daysBetween(days[i - 1]!, days[i]!));
  return longest;
}

/** How long won deals go without news: the 75th percentile of their longest quiet spells, or null. */
export function quietDaysOfWins(spells: readonly number[]): number | null {
  if (spells.length < MIN_WINS_FOR_QUIET) return null;
  const sorted = [...spells].sort((a, b) => a - b);
  return sorted[Math.ceil(0.75 * sorted.length) - 1]!;
}
