import { describe, expect, it } from 'vitest';
import type { Diagnosis } from '../../../contract/diagnoses.ts';
import { answersWithDraft, draftOf, isStepDirty, stepBody } from './diagnosis-draft.ts';

const diagnosis = {
  suspected: ['B4', 'S7', 'C6'],
  answers: [
    { step: 'gap', question: 'gap.worth', answer: 'yes', note: null, answeredAt: '2026-11-20T09:00:00Z' },
    { step: 'gap', question: 'B4.q1', answer: 'points_here', note: 'Only IT', answeredAt: '2026-11-20T09:00:00Z' },
  ],
} as unknown as Diagnosis;

describe('the diagnosis draft', () => {
  it('starts from what is saved, and is clean until something changes', () => {
    const draft = draftOf(diagnosis);
    expect(draft['B4.q1']).toEqual({ answer: 'points_here', note: 'Only IT' });
    expect(isStepDirty(diagnosis, 'gap', draft)).toBe(false);
    expect(isStepDirty(diagnosis, 'gap', { ...draft, 'gap.observable': { answer: 'yes', note: '' } })).toBe(true);
    expect(
      isStepDirty(diagnosis, 'gap', { ...draft, 'B4.q1': { answer: 'points_here', note: 'Only IT, twice' } }),
    ).toBe(true);
  });

  it('sends the step’s answered questions in the flow’s order, blank notes left out', () => {
    const draft = {
      ...draftOf(diagnosis),
      'gap.observable': { answer: 'yes', note: '  ' },
      'skill.could': { answer: 'no', note: '' },
    };
    expect(stepBody(diagnosis, 'gap', draft)).toEqual([
      { question: 'gap.observable', answer: 'yes' },
      { question: 'gap.worth', answer: 'yes' },
      { question: 'B4.q1', answer: 'points_here', note: 'Only IT' },
    ]);
    expect(answersWithDraft(diagnosis, 'skill', draft)).toEqual([
      { question: 'gap.worth', answer: 'yes' },
      { question: 'B4.q1', answer: 'points_here' },
      { question: 'skill.could', answer: 'no' },
    ]);
  });
});
