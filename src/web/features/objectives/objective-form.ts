import type { FieldErrors } from '../../shared/form.ts';
import type { Objective } from './queries.ts';

// Editing an objective: the form's text, what it would send, and the checks the API makes, made
// first so a mistake is explained before the round trip.

export const QUESTION_LIMIT = 12;
export const WEIGHT_RANGE = { min: 0.1, max: 5 } as const;

export type ObjectiveDraft = { definition: string; whyItMatters: string; questions: string[]; weight: string };

/** What the API takes: any of the wording and the weight. */
export type ObjectiveChanges = Partial<Pick<Objective, 'definition' | 'whyItMatters' | 'questions' | 'weight'>>;

export function draftOf(o: Pick<Objective, 'definition' | 'whyItMatters' | 'questions' | 'weight'>): ObjectiveDraft {
  return {
    definition: o.definition,
    whyItMatters: o.whyItMatters,
    questions: [...o.questions],
    weight: String(o.weight),
  };
}

function checkSentence(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed.length < 10) return 'Write at least a sentence';
  if (trimmed.length > 2000) return 'At most 2000 characters';
  return null;
}

/** The draft as values, or the errors keyed as the API names them (definition, questions.2, weight ...). */
export function readDraft(
  draft: ObjectiveDraft,
): { ok: true; values: Required<ObjectiveChanges> } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const definition = checkSentence(draft.definition);
  if (definition) errors.definition = definition;
  const why = checkSentence(draft.whyItMatters);
  if (why) errors.whyItMatters = why;
  if (draft.questions.length === 0) errors.questions = 'Keep at least one question';
  if (draft.questions.length > QUESTION_LIMIT) errors.questions = `At most ${QUESTION_LIMIT} questions`;
  draft.questions.forEach((q, i) => {
    const text = q.trim();
    if (text.length < 5)
      errors[`questions.${i}`] = text === '' ? 'Write the question, or remove it' : 'Too short to be a question';
    else if (text.length > 300) errors[`questions.${i}`] = 'At most 300 characters';
  });
  const weight = Number(draft.weight.trim().replace(',', '.'));
  if (draft.weight.trim() === '' || !Number.isFinite(weight)) errors.weight = 'A number from 0.1 to 5';
  else if (weight < WEIGHT_RANGE.min) errors.weight = `At least ${WEIGHT_RANGE.min}`;
  else if (weight > WEIGHT_RANGE.max) errors.weight = `At most ${WEIGHT_RANGE.max}`;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    values: {
      definition: draft.definition.trim(),
      whyItMatters: draft.whyItMatters.trim(),
      questions: draft.questions.map((q) => q.trim()),
      weight,
    },
  };
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Only what differs from the version the form started from. */
export function changesFrom(base: Objective, values: Required<ObjectiveChanges>): ObjectiveChanges {
  const changes: ObjectiveChanges = {};
  if (values.definition !== base.definition) changes.definition = values.definition;
  if (values.whyItMatters !== base.whyItMatters) changes.whyItMatters = values.whyItMatters;
  if (!sameList(values.questions, base.questions)) changes.questions = values.questions;
  if (values.weight !== base.weight) changes.weight = values.weight;
  return changes;
}

/**
 * Someone else saved first: their version, with the parts this person changed (compared with the
 * version they opened) put back on top. Text they typed is never lost.
 */
export function reapplyDraft(opened: Objective, theirs: Objective, mine: ObjectiveDraft): ObjectiveDraft {
  const before = draftOf(opened);
  const next = draftOf(theirs);
  return {
    definition: mine.definition !== before.definition ? mine.definition : next.definition,
    whyItMatters: mine.whyItMatters !== before.whyItMatters ? mine.whyItMatters : next.whyItMatters,
    questions: sameList(mine.questions, before.questions) ? next.questions : mine.questions,
    weight: mine.weight !== before.weight ? mine.weight : next.weight,
  };
}

/** Each objective's share of the total weight: how much of the coverage index it can carry. */
export function weightShares<T extends { key: string; weight: number }>(
  objectives: readonly T[],
  override?: { key: string; weight: number },
): Array<T & { share: number }> {
  const weightOf = (o: T) => (override && o.key === override.key ? override.weight : o.weight);
  const total = objectives.reduce((sum, o) => sum + weightOf(o), 0);
  return objectives.map((o) => ({ ...o, weight: weightOf(o), share: total === 0 ? 0 : weightOf(o) / total }));
}
