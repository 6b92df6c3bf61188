import { describe, expect, it } from 'vitest';
import { changesFrom, draftOf, readDraft, reapplyDraft, weightShares, type ObjectiveDraft } from './objective-form.ts';
import type { Objective } from './queries.ts';

const opened: Objective = {
  key: 'funding_value',
  number: 9,
  name: 'Funding and value case',
  definition: 'The money and who controls it.',
  whyItMatters: 'No budget, no deal: it is that simple.',
  questions: ['How will this be funded?', 'Who controls that budget?'],
  weight: 1,
  version: 1,
  changedAt: '2026-11-20T10:00:00Z',
  changedByName: 'Ada',
};

describe('reading the objective form', () => {
  const draft = (patch: Partial<ObjectiveDraft>): ObjectiveDraft => ({ ...draftOf(opened), ...patch });

  it('sends only what changed, trimmed, the weight as a number', () => {
    const read = readDraft(draft({ definition: '  The money, who controls it, and the value case. ', weight: '1,5' }));
    expect(read.ok && changesFrom(opened, read.values)).toEqual({
      definition: 'The money, who controls it, and the value case.',
      weight: 1.5,
    });
  });

  it('counts reordering the questions as a change', () => {
    const read = readDraft(draft({ questions: [opened.questions[1]!, opened.questions[0]!] }));
    expect(read.ok && changesFrom(opened, read.values)).toEqual({
      questions: ['Who controls that budget?', 'How will this be funded?'],
    });
  });

  it.each([
    [{ definition: 'Money.' }, { definition: 'Write at least a sentence' }],
    [{ questions: [] }, { questions: 'Keep at least one question' }],
    [
      { questions: ['How will this be funded?', 'Why?', ''] },
      { 'questions.1': 'Too short to be a question', 'questions.2': 'Write the question, or remove it' },
    ],
    [{ weight: '0' }, { weight: 'At least 0.1' }],
    [{ weight: '5.5' }, { weight: 'At most 5' }],
    [{ weight: 'heavy' }, { weight: 'A number from 0.1 to 5' }],
  ])('explains %j as %j, named like the API names them', (patch, errors) => {
    expect(readDraft(draft(patch))).toEqual({ ok: false, errors });
  });
});

describe('someone else saved first', () => {
  const theirs: Objective = {
    ...opened,
    whyItMatters: 'Without budget there is no decision.',
    weight: 2,
    version: 2,
    changedByName: 'Bo',
  };

  it('keeps what this person typed and takes theirs for the rest', () => {
    const mine = { ...draftOf(opened), definition: 'The money, who controls it, and the value case.', weight: '1.2' };
    expect(reapplyDraft(opened, theirs, mine)).toEqual({
      definition: mine.definition,
      whyItMatters: theirs.whyItMatters,
      questions: opened.questions,
      weight: '1.2',
    });
  });
});

describe('each objective’s share of the coverage index', () => {
  const objectives = [
    { key: 'a', weight: 1 },
    { key: 'b', weight: 3 },
  ];

  it('is its weight over the total', () => {
    expect(weightShares(objectives).map((o) => o.share)).toEqual([0.25, 0.75]);
  });

  it('can be previewed with a weight not saved yet', () => {
    expect(weightShares(objectives, { key: 'a', weight: 3 }).map((o) => o.share)).toEqual([0.5, 0.5]);
  });
});
