import type { Diagnosis } from '../../../contract/diagnoses.ts';
import { questionsOf, type DiagnosisStep } from '../../../domain/coaching/diagnosis.ts';

// What the diagnosis page edits before saving a step: each question's choice and note. The
// suggestion is read from these with the same pure function the server uses, so it moves as the
// manager answers, before anything is saved.

export type AnswerDraft = { answer: string; note: string };
export type DiagnosisDraft = Record<string, AnswerDraft>;

export function draftOf(d: Diagnosis): DiagnosisDraft {
  return Object.fromEntries(d.answers.map((a) => [a.question, { answer: a.answer, note: a.note ?? '' }]));
}

/** The saved answers with one step's replaced by the draft's: what the suggestion reads. */
export function answersWithDraft(d: Diagnosis, step: DiagnosisStep, draft: DiagnosisDraft) {
  return [
    ...d.answers.filter((a) => a.step !== step).map((a) => ({ question: a.question, answer: a.answer })),
    ...stepBody(d, step, draft).map((a) => ({ question: a.question, answer: a.answer })),
  ];
}

/** The answers of one step as the API takes them: answered questions only, empty notes left out. */
export function stepBody(d: Diagnosis, step: DiagnosisStep, draft: DiagnosisDraft) {
  return questionsOf(step, d.suspected).flatMap((q) => {
    const a = draft[q.id];
    if (!a?.answer) return [];
    const note = a.note.trim();
    return [{ question: q.id, answer: a.answer, ...(note ? { note } : {}) }];
  });
}

/** Whether the draft of a step differs from what is saved. */
export function isStepDirty(d: Diagnosis, step: DiagnosisStep, draft: DiagnosisDraft): boolean {
  const saved = d.answers
    .filter((a) => a.step === step)
    .map((a) => `${a.question}=${a.answer}:${a.note ?? ''}`)
    .sort();
  const now = stepBody(d, step, draft)
    .map((a) => `${a.question}=${a.answer}:${a.note ?? ''}`)
    .sort();
  return saved.join('|') !== now.join('|');
}
