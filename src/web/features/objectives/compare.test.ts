import { describe, expect, it } from 'vitest';
import { changedParts, compareQuestions, compareVersions, diffWords } from './compare.ts';

describe('a text compared word by word', () => {
  it.each([
    ['The budget owner signs.', 'The budget owner signs.', [{ kind: 'same', text: 'The budget owner signs.' }]],
    [
      'Who owns the budget today?',
      'Who really owns the budget?',
      [
        { kind: 'same', text: 'Who ' },
        { kind: 'added', text: 'really ' },
        { kind: 'same', text: 'owns the ' },
        { kind: 'removed', text: 'budget today?' },
        { kind: 'added', text: 'budget?' },
      ],
    ],
    ['', 'New words', [{ kind: 'added', text: 'New words' }]],
    [
      'Whether money is available or must be created.',
      'The money behind the decision, and who holds it.',
      [
        { kind: 'removed', text: 'Whether money is available or must be created.' },
        { kind: 'added', text: 'The money behind the decision, and who holds it.' },
      ],
    ],
  ] as const)('%j -> %j', (before, after, parts) => {
    expect(diffWords(before, after)).toEqual(parts);
  });

  it('reads back both texts from its parts', () => {
    const before = 'The problems and goals, in the customer’s own words, that our offer can change.';
    const after = 'The problems and goals, in their own words, that our offer can materially change.';
    const parts = diffWords(before, after);
    expect(
      parts
        .filter((p) => p.kind !== 'added')
        .map((p) => p.text)
        .join(''),
    ).toBe(before);
    expect(
      parts
        .filter((p) => p.kind !== 'removed')
        .map((p) => p.text)
        .join(''),
    ).toBe(after);
  });
});

describe('the questions compared one by one', () => {
  const Q = ['What happens if nothing changes?', 'Who feels this problem most?', 'How do you measure it today?'];

  it('marks one added at the end and one removed', () => {
    expect(
      compareQuestions(Q, [Q[0]!, Q[2]!, 'Is this tied to a company goal this year?']).map((c) => [c.kind, c.text]),
    ).toEqual([
      ['same', Q[0]],
      ['same', Q[2]],
      ['added', 'Is this tied to a company goal this year?'],
      ['removed', Q[1]],
    ]);
  });

  it('calls a question with most of its words kept reworded, with the words that changed', () => {
    const [, second] = compareQuestions(Q, [Q[0]!, 'Who feels this problem most, and who owns it?', Q[2]!]);
    expect(second).toMatchObject({ kind: 'reworded', before: Q[1], at: 2 });
    expect(
      second?.kind === 'reworded' && second.parts.filter((p) => p.kind === 'added').map((p) => p.text.trim()),
    ).toEqual(['most, and who owns it?']);
  });

  it('says which question moved, and from where', () => {
    expect(compareQuestions(Q, [Q[2]!, Q[0]!, Q[1]!])).toEqual([
      { kind: 'moved', text: Q[2], from: 3, at: 1 },
      { kind: 'same', text: Q[0], at: 2 },
      { kind: 'same', text: Q[1], at: 3 },
    ]);
  });
});

describe('two versions of an objective', () => {
  const v0 = {
    definition: 'The money and who controls it.',
    whyItMatters: 'No budget, no deal: it is that simple.',
    questions: ['How will this be funded?'],
    weight: 1,
  };

  it('names only the parts that changed', () => {
    const changes = compareVersions(v0, {
      ...v0,
      definition: 'The money, who controls it, and the value case.',
      weight: 1.5,
    });
    expect(changedParts(changes)).toEqual(['the definition', 'the weight']);
    expect(changes.weight).toEqual({ from: 1, to: 1.5 });
    expect(changes.whyItMatters).toBeNull();
    expect(changes.questions).toBeNull();
  });
});
