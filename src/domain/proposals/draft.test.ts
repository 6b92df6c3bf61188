import { describe, expect, it } from 'vitest';
import type { ObjectiveKey } from '../knowledge/objectives.ts';
import type { ItemKind } from '../knowledge/schema.ts';
import { draftProposal, quoteOf, type DraftFact, type DraftItem, type DraftKnowledge } from './draft.ts';
import { blocksText, parseMarkdown } from './markdown.ts';
import { DEFAULT_TEMPLATE, renderTemplate } from './template.ts';

const said = (text: string | null, contactName: string | null = 'Dana Chief') => ({ text, contactName });
const item = (id: string, kind: ItemKind, label: string, quote: string | null = null): DraftItem => ({
  id,
  kind,
  label,
  category: null,
  contactTitle: null,
  evidence: said(quote),
});
const fact = (itemId: string, itemKind: ItemKind, field: string, value: unknown, extra: Partial<DraftFact> = {}) =>
  ({
    itemId,
    itemKind,
    itemLabel: itemId,
    field,
    qualifier: null,
    isUnknown: false,
    value,
    display: typeof value === 'string' ? value : JSON.stringify(value),
    evidence: said(null),
    ...extra,
  }) satisfies DraftFact;

function knowledgeOf(items: DraftItem[], facts: DraftFact[], rows: DraftKnowledge['evaluatorMatrix']['rows'] = []) {
  const objective = (key: ObjectiveKey) => ({ key, name: key, items: [] as DraftItem[], facts: [] as DraftFact[] });
  const all = objective('business_issues');
  all.items = items;
  all.facts = facts;
  return {
    objectives: [all],
    unknowns: [
      {
        kind: 'not_explored',
        objective: 'decision_criteria',
        itemId: null,
        field: null,
        question: 'How will you decide between the options?',
        ask: { role: 'champion', contactName: 'Sam Champion' },
      },
    ],
    evaluatorMatrix: { alternatives: [{ id: 'alt-1', name: 'Rivalsoft', kind: 'competitor' }], rows },
  } satisfies DraftKnowledge;
}

const deal = {
  name: 'Acme rollout',
  accountName: 'Acme | Corp',
  amountMinor: 12_000_000,
  currency: 'USD',
  expectedCloseDate: '2026-12-20',
  sellerName: 'Sally Seller',
  today: '2026-12-01',
};

const rich = knowledgeOf(
  [
    item(
      'issue-1',
      'business_issue',
      'Invoices take # weeks to approve',
      'Dana on a call: "We lose **discounts** every month"',
    ),
    item('crit-1', 'criterion', 'Works with SAP'),
    item('crit-2', 'criterion', 'Price'),
    item('fund', 'funding', 'Funding'),
    item('event', 'compelling_event', 'Event'),
    item('step-1', 'decision_step', 'Security review'),
    item('alt-1', 'alternative', 'Rivalsoft'),
  ],
  [
    fact('issue-1', 'business_issue', 'impact', { amountMinor: 24_000_000, currency: 'USD', period: 'year' }),
    fact('issue-1', 'business_issue', 'metric', { name: 'Approval time', baseline: 21, target: 3, unit: ' days' }),
    fact('issue-1', 'business_issue', 'ourImpact', 'unique'),
    fact('crit-1', 'criterion', 'weight', 30),
    fact('crit-2', 'criterion', 'weight', 70),
    fact('crit-2', 'criterion', 'caresAbout', ['eb']),
    fact('crit-1', 'criterion', 'fit', 'meets', { qualifier: 'us' }),
    fact('crit-1', 'criterion', 'fit', 'exceeds', { qualifier: 'alt-1' }),
    fact('fund', 'funding', 'valueAgreed', true),
    fact('event', 'compelling_event', 'description', 'The old system is switched off in March.', {
      evidence: said('Dana at the kick-off: “The lights go out on 31 March”'),
    }),
    fact('event', 'compelling_event', 'goLiveDate', '2027-03-01'),
    fact('step-1', 'decision_step', 'plannedDate', '2026-12-10'),
    fact('alt-1', 'alternative', 'threat', 3),
    fact('eb', 'evaluator', 'concerns', 'Another failed rollout'),
  ],
  [
    {
      evaluatorId: 'eb',
      name: 'Dana Chief',
      title: 'CFO',
      roles: ['economic_buyer'],
      influence: 'high',
      isEconomicBuyer: true,
      favours: 'alt-1',
      support: 'neutral',
    },
  ],
);

describe('a proposal drafted from what we know', () => {
  const draft = draftProposal(rich, deal);

  it("summarises the issues in the customer's words, escaped", () => {
    const text = blocksText(parseMarkdown(draft.values.executive_summary));
    expect(text).toContain('Invoices take # weeks to approve, worth USD 240,000 a year.');
    expect(text).toContain('“We lose **discounts** every month” (Dana Chief)');
  });

  it('quotes the words the customer spoke, not the seller telling of them', () => {
    expect(draft.values.compelling_event).toContain('> “The lights go out on 31 March” (Dana Chief)');
    expect(draft.values.executive_summary).not.toContain('Dana on a call');
  });

  it("orders the criteria by the customer's weights", () => {
    const [table] = parseMarkdown(draft.values.decision_criteria);
    expect(table!.kind).toBe('table');
    expect(blocksText([table!]).split('\n').slice(1)).toEqual([
      'Price 70 % Our response is set out in the sections above.',
      'Works with SAP 30 % We meet this requirement in full.',
    ]);
  });

  it('works out the return and payback from the impact and the price', () => {
    expect(draft.values.value_case).toContain('**2.0 times**');
    expect(draft.values.value_case).toContain('payback in **6 months**');
  });

  it('plans to their steps and their go-live date', () => {
    const text = blocksText(parseMarkdown(draft.values.implementation_plan));
    expect(text).toContain('Security review - Dec 10, 2026');
    expect(text).toContain('Live by Mar 1, 2027');
  });

  it.each([
    ['customer', 'Acme \\| Corp'],
    ['deal', 'Acme rollout'],
    ['date', 'Dec 1, 2026'],
    ['seller', 'Sally Seller'],
    ['executive_summary', 'Invoices take \\# weeks to approve'],
    ['business_issues', 'Together we will move approval time from 21 days to 3 days.'],
    ['decision_criteria', '| Price | 70 % |'],
    ['value_case', 'USD 240,000 a year'],
    ['compelling_event', 'The old system is switched off in March.'],
    ['implementation_plan', '| Security review | - | Dec 10, 2026 | - |'],
    ['pricing', '| **Total** | **USD 120,000** |'],
    ['total_price', 'USD 120,000'],
  ] as const)('fills {{%s}} from the knowledge: %s', (name, expected) => {
    expect(draft.values[name]).toContain(expected);
  });

  it('prices from the opportunity', () => {
    expect(draft.values.pricing).toContain('| Acme rollout | USD 120,000 |');
    expect(draft.values.total_price).toBe('USD 120,000');
  });

  it('keeps the stances and the alternatives to beat in the appendix, never in the text', () => {
    expect(draft.appendix.evaluators).toEqual([
      expect.objectContaining({
        name: 'Dana Chief',
        stance: 'Neutral',
        favours: 'Rivalsoft',
        mustDo: 'The proposal must answer their concern: Another failed rollout; win them from Rivalsoft.',
      }),
    ]);
    expect(draft.appendix.toBeat).toContainEqual({
      section: 'decision_criteria',
      alternative: 'Rivalsoft',
      why: 'rated "exceeds" on Works with SAP, ahead of us',
    });
    const text = renderTemplate(DEFAULT_TEMPLATE, draft.values, draft.known);
    for (const secret of ['Another failed rollout', 'Neutral', 'Rivalsoft']) expect(text).not.toContain(secret);
  });

  it('scores a well-known deal high, with few notes', () => {
    expect(draft.completeness).toBeGreaterThanOrEqual(80);
    expect(draft.sections).toMatchObject({ executive_summary: 'full', value_case: 'full', decision_criteria: 'full' });
    expect(draft.known).toMatchObject({ executive_summary: true, value_case: true, decision_criteria: true });
  });
});

describe("the customer's words", () => {
  it.each([
    ['Leila on our weekly call: "We cannot trace approvals"', null, '> “We cannot trace approvals” (Dana Chief)'],
    ['“One.” Then, later: “Two.”', null, '> “One. … Two.” (Dana Chief)'],
    ['Our read: they seem keen', null, null],
    [
      'Liam in the workshop: "Two systems disagree on the same customer"',
      'Two systems disagree on the same customer.',
      null,
    ],
  ])('%j under the heading %j quotes %j', (text, heading, expected) => {
    expect(quoteOf(said(text), heading)).toBe(expected);
  });
});

describe('where knowledge is missing, the draft says so to the seller', () => {
  const draft = draftProposal(knowledgeOf([], []), deal);

  it('writes generic sections and scores low', () => {
    expect(draft.sections).toMatchObject({
      executive_summary: 'generic',
      decision_criteria: 'generic',
      value_case: 'generic',
      compelling_event: 'generic',
      implementation_plan: 'generic',
    });
    expect(draft.known).toMatchObject({ customer: true, executive_summary: false, value_case: false });
    expect(draft.completeness).toBeLessThan(10);
  });

  it.each([
    [
      'executive_summary',
      "We don't know the customer's business issues: the summary and the issues section are generic.",
    ],
    ['decision_criteria', "We don't know the customer's decision criteria: this section is generic."],
    ['value_case', "We don't know what solving these issues is worth to the customer: the value case is generic."],
    ['compelling_event', 'We don\'t know what forces a decision now: the "why now" is generic.'],
    ['implementation_plan', "We don't know the customer's decision steps: the plan shows our dates only."],
    ['appendix', "We don't know who evaluates this proposal."],
  ] as const)('notes the %s: %s', (section, message) => {
    const note = draft.notes.find((n) => n.section === section && n.message === message);
    expect(note).toBeDefined();
    expect(note!.question.length).toBeGreaterThan(5);
    expect(note!.askWhom.length).toBeGreaterThan(3);
  });

  it("asks the deal's own open question, of whom it names, when there is one", () => {
    expect(draft.notes.find((n) => n.section === 'decision_criteria')).toMatchObject({
      question: 'How will you decide between the options?',
      askWhom: 'Sam Champion',
    });
  });

  it('says when we do not know how the customer rates us on a must-have', () => {
    const d = draftProposal(
      knowledgeOf([item('crit-1', 'criterion', 'Runs on premises')], [fact('crit-1', 'criterion', 'mandatory', true)]),
      deal,
    );
    expect(d.notes).toContainEqual(
      expect.objectContaining({
        itemId: 'crit-1',
        message:
          'We don\'t know how the customer rates us on the must-have "Runs on premises": our answer there is generic.',
        question: 'How would you score each option on this today?',
      }),
    );
  });

  it("names the economic buyer when we don't know his criteria", () => {
    const withoutEbCriteria = draftProposal(
      knowledgeOf(
        [item('crit-1', 'criterion', 'Uptime')],
        [fact('crit-1', 'criterion', 'weight', 50)],
        rich.evaluatorMatrix.rows,
      ),
      deal,
    );
    expect(withoutEbCriteria.sections.decision_criteria).toBe('weak');
    expect(withoutEbCriteria.notes).toContainEqual(
      expect.objectContaining({
        message:
          "We don't know the economic buyer's criteria (Dana Chief): this section answers the others' criteria only.",
        askWhom: 'Dana Chief',
      }),
    );
  });
});
