import type { MarkTopic } from '../../../contract/marks.ts';
import type { ADDED_WHY, DROPPED_WHY } from '../../../domain/review/changes.ts';

/** What a mark is about, as the review card names its answers. */
export const TOPIC_LABELS: Record<MarkTopic, string> = {
  deal: 'The deal as a whole',
  probability: 'How likely, and why',
  evaluators: 'Who decides',
  alternatives: 'The alternatives',
  business_issues: 'The business issues',
  criteria: 'The criteria that decide',
  danger_zones: 'The danger zones',
  next_move: 'The next move',
  close_date: 'The close date',
};

export const ADDED_LABELS: Record<(typeof ADDED_WHY)[number], string> = {
  new: 'new deal',
  into_period: 'now closing in this period',
  into_scope: 'reassigned in or reopened',
};

export const DROPPED_LABELS: Record<(typeof DROPPED_WHY)[number], string> = {
  won: 'won',
  lost: 'lost',
  no_decision: 'no decision',
  out_of_period: 'slipped out of the period',
  out_of_scope: 'reassigned out',
  deleted: 'deleted',
};

/** "3 deals", "1 deal". */
export const deals = (n: number) => `${n} ${n === 1 ? 'deal' : 'deals'}`;
