import type { CatalogItem } from '../../../contract/coaching.ts';
import type { LearningType } from '../../../domain/coaching/root-cause-guide.ts';
import type { RootCauseId } from '../../../domain/coaching/root-causes.ts';
import type { CatalogItemCreate } from './queries.ts';

// The catalog item form's state, and how it becomes the body the API takes. The quiz is edited
// as drafts: a question may have no right choice marked yet, which the form says before saving.

export type QuestionDraft = { prompt: string; choices: string[]; answerIndex: number | null };
export type ItemDraft = {
  title: string;
  type: LearningType | null;
  summary: string;
  minutes: number | string;
  rootCauses: RootCauseId[];
  content: string;
  externalUrl: string;
  hasQuiz: boolean;
  passMark: number | string;
  questions: QuestionDraft[];
};

export const emptyQuestion = (): QuestionDraft => ({ prompt: '', choices: ['', ''], answerIndex: null });

export function draftOf(item: CatalogItem | null): ItemDraft {
  if (!item) {
    return {
      title: '',
      type: null,
      summary: '',
      minutes: 15,
      rootCauses: [],
      content: '',
      externalUrl: '',
      hasQuiz: false,
      passMark: 80,
      questions: [emptyQuestion()],
    };
  }
  return {
    title: item.title,
    type: item.type,
    summary: item.summary,
    minutes: item.minutes,
    rootCauses: [...item.rootCauses],
    content: item.content ?? '',
    externalUrl: item.externalUrl ?? '',
    hasQuiz: item.quiz !== null,
    passMark: item.quiz?.passMark ?? 80,
    questions: item.quiz
      ? item.quiz.questions.map((q) => ({
          prompt: q.prompt,
          choices: [...q.choices],
          answerIndex: q.answerIndex ?? null,
        }))
      : [emptyQuestion()],
  };
}

/** What the form can tell before asking the server, by the API's field names. */
export function draftProblems(draft: ItemDraft): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!draft.title.trim()) problems.title = 'Give the item a title';
  if (!draft.type) problems.type = 'Choose a type';
  if (!draft.summary.trim()) problems.summary = 'Say in a sentence what it is';
  if (draft.minutes === '') problems.minutes = 'Enter the expected time';
  if (draft.rootCauses.length === 0) problems.rootCauses = 'Name at least one root cause this addresses';
  if (!draft.content.trim() && !draft.externalUrl.trim())
    problems.content = 'Write the content or give an external link';
  if (draft.hasQuiz) {
    draft.questions.forEach((q, i) => {
      if (q.answerIndex === null) problems[`quiz.questions.${i}.answerIndex`] = 'Mark the right choice';
    });
  }
  return problems;
}

export function bodyOf(draft: ItemDraft): CatalogItemCreate {
  return {
    title: draft.title.trim(),
    type: draft.type!,
    summary: draft.summary.trim(),
    minutes: Number(draft.minutes),
    rootCauses: draft.rootCauses,
    content: draft.content.trim() === '' ? null : draft.content,
    externalUrl: draft.externalUrl.trim() === '' ? null : draft.externalUrl.trim(),
    quiz: draft.hasQuiz
      ? {
          passMark: Number(draft.passMark),
          questions: draft.questions.map((q) => ({
            prompt: q.prompt.trim(),
            choices: q.choices.map((c) => c.trim()),
            answerIndex: q.answerIndex ?? 0,
          })),
        }
      : null,
  };
}
