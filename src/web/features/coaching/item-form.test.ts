import { describe, expect, it } from 'vitest';
import { bodyOf, draftOf, draftProblems, emptyQuestion } from './item-form.ts';

describe('the catalog item form', () => {
  it('says what is missing by the names the API uses, a quiz question without its right choice included', () => {
    const draft = { ...draftOf(null), hasQuiz: true, questions: [emptyQuestion()] };
    expect(Object.keys(draftProblems(draft)).sort()).toEqual(
      ['content', 'quiz.questions.0.answerIndex', 'rootCauses', 'summary', 'title', 'type'].sort(),
    );
  });

  it('sends no quiz when the quiz is switched off, and empty text as nothing', () => {
    const draft = {
      ...draftOf(null),
      title: ' Map ',
      type: 'job_aid' as const,
      summary: 'A plan',
      rootCauses: ['B7' as const],
      externalUrl: 'https://example.com/map',
    };
    expect(draftProblems(draft)).toEqual({});
    expect(bodyOf(draft)).toMatchObject({
      title: 'Map',
      content: null,
      externalUrl: 'https://example.com/map',
      quiz: null,
    });
  });

  it('keeps the right answers of an item an administrator edits', () => {
    const draft = draftOf({
      id: 'x',
      title: 'Quiz',
      type: 'module_quiz',
      summary: 'S',
      content: 'C',
      externalUrl: null,
      minutes: 10,
      rootCauses: ['S4'],
      quiz: { passMark: 60, questions: [{ prompt: 'P', choices: ['a', 'b'], answerIndex: 1 }] },
      isArchived: false,
      createdBy: 'u',
      updatedBy: 'u',
      createdAt: '',
      updatedAt: '',
      version: 1,
    });
    expect(bodyOf(draft).quiz).toEqual({
      passMark: 60,
      questions: [{ prompt: 'P', choices: ['a', 'b'], answerIndex: 1 }],
    });
  });
});
