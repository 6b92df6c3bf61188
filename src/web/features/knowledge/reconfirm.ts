import type { KnowledgeFactView, KnowledgeGapView, KnowledgeResponse } from '../../../contract/knowledge.ts';
import { formatDate } from '../../shared/format.ts';

// Re-confirming a fact ("still true"): a buyer said it again, so it is fresh from that day on.

/** What is wrong with the day given for a re-confirmation: empty, in the future, or before the fact was first observed. */
export function checkVerifiedOn(day: string, observedAt: string, today: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return 'When did the buyer confirm it?';
  if (day > today) return 'A confirmation cannot be dated in the future';
  if (day < observedAt) return `Not before ${formatDate(observedAt)}, when it was first observed`;
  return null;
}

/** Whether a fact can be re-confirmed: an explicit unknown has nothing to confirm. */
export function canConfirmAgain(fact: KnowledgeFactView): boolean {
  return !fact.isUnknown;
}

/** The fact behind a "gone stale" gap, to re-confirm it from the list of unknowns. */
export function staleFactOf(knowledge: KnowledgeResponse, gap: KnowledgeGapView): KnowledgeFactView | undefined {
  if (gap.kind !== 'stale' || !gap.itemId || !gap.field) return undefined;
  return knowledge.objectives
    .flatMap((o) => o.facts)
    .find((f) => f.itemId === gap.itemId && f.field === gap.field && !f.fresh && canConfirmAgain(f));
}
