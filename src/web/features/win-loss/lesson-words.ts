import type { LessonKind } from '../../../domain/review/win-loss.ts';

// The lessons of the win/loss review, as the page names and colours them.

export const LESSON_LABELS: Record<LessonKind, string> = {
  unrecordedAlternative: 'Alternative nobody recorded',
  unmappedEvaluator: 'Evaluator nobody mapped',
  unknownCriterion: 'Criterion we never learned',
  surprise: 'Surprise',
};

export const LESSON_COLORS: Record<LessonKind, string> = {
  unrecordedAlternative: 'grape',
  unmappedEvaluator: 'orange',
  unknownCriterion: 'indigo',
  surprise: 'cyan',
};

/** What each lesson means, for the figures' notes. */
export const LESSON_NOTES: Record<LessonKind, string> = {
  unrecordedAlternative: 'Lost to an alternative not on record, or recorded only at the end',
  unmappedEvaluator: 'Lost with no economic buyer, one nobody met, too few people mapped, or a decider found late',
  unknownCriterion: 'Lost with no criteria, our fit never learned, or learned too late',
  surprise: 'An outcome the probability at the close did not expect',
};

export const OUTCOME_LABELS = { won: 'Won', lost: 'Lost', no_decision: 'No decision' } as const;
export const OUTCOME_COLORS = { won: 'teal', lost: 'red', no_decision: 'gray' } as const;
