import { describe, expect, it } from 'vitest';
import type {
  KnowledgeFactView,
  KnowledgeGapView,
  KnowledgeItemView,
  KnowledgeResponse,
} from '../../../contract/knowledge.ts';
import { EVIDENCE_SOURCE_LABELS, EVIDENCE_SOURCES } from '../../../domain/knowledge/evidence.ts';
import { DEFAULT_OBJECTIVES } from '../../../domain/knowledge/objectives.ts';
import { KNOWLEDGE_SCHEMA, type ItemKind } from '../../../domain/knowledge/schema.ts';
import type { KnowledgeSchema } from '../knowledge/queries.ts';
import type { Recommendation, WhatIfBody } from './queries.ts';
import { buildWhatIf, errorsBySource, factKey, factsSetByMoves, openFacts, whatIfMoves } from './what-if-model.ts';

// The schema as GET /api/knowledge/schema serves it.
const schema: KnowledgeSchema = {
  kinds: KNOWLEDGE_SCHEMA.map((k) => ({
    kind: k.kind,
    label: k.label,
    objective: k.objective,
    singleton: k.singleton,
    identity: {},
    fields: k.fields.map(({ askWhom: _ask, options, ...f }) => ({
      ...f,
      ...(options ? { options: [...options] } : {}),
    })),
  })),
  evidenceSources: EVIDENCE_SOURCES.map((key) => ({ key, label: EVIDENCE_SOURCE_LABELS[key] })),
};

const evidence = {
  text: 'Said so',
  source: 'buyer_stated' as const,
  contactId: null,
  contactName: null,
  observedAt: '2026-11-01',
  recordedBy: 'u1',
  recordedByName: 'Zara',
};
const objectiveOf = (kind: ItemKind) => KNOWLEDGE_SCHEMA.find((k) => k.kind === kind)!.objective;

const item = (id: string, kind: ItemKind, label: string): KnowledgeItemView => ({
  id,
  kind,
  label,
  title: null,
  contactId: null,
  contactTitle: null,
  category: null,
  evidence,
  createdAt: '2026-11-01T10:00:00Z',
});

function fact(
  itemId: string,
  itemKind: ItemKind,
  field: string,
  value: unknown,
  extra: Partial<KnowledgeFactView> = {},
): KnowledgeFactView {
  return {
    id: `${itemId}-${field}`,
    itemId,
    itemKind,
    itemLabel: itemId,
    field,
    label: field,
    qualifier: null,
    qualifierLabel: null,
    isUnknown: value === undefined,
    value: value ?? null,
    display: String(value),
    evidence,
    grade: 'stated',
    recordedAt: '2026-11-01T10:00:00Z',
    lastVerifiedAt: null,
    ageDays: 25,
    fresh: true,
    ...extra,
  };
}

const gap = (itemId: string, field: string, objective: KnowledgeGapView['objective']): KnowledgeGapView => ({
  kind: 'unknown',
  objective,
  itemId,
  itemLabel: null,
  field,
  label: field,
  question: '?',
  ask: { role: 'anyone', contactId: null, contactName: null },
  ageDays: 3,
});

const items = [
  item('dana', 'evaluator', 'Dana Ortiz'),
  item('lee', 'evaluator', 'Lee Chen'),
  item('rival', 'alternative', 'Rival Corp'),
];
const facts = [
  fact('dana', 'evaluator', 'influence', 'high'),
  fact('lee', 'evaluator', 'influence', undefined),
  fact('fund', 'funding', 'budgetStatus', undefined),
  fact('pa', 'power_access', 'ebMet', false),
];

const knowledge: KnowledgeResponse = {
  opportunityId: 'o1',
  opportunityVersion: 7,
  asOf: '2026-11-26',
  isHistorical: false,
  coverageIndex: 0.3,
  objectives: DEFAULT_OBJECTIVES.map((o) => ({
    key: o.key,
    number: o.number,
    name: o.name,
    definition: o.definition,
    weight: o.weight,
    explored: true,
    knowledgeLevel: 1,
    position: 0,
    knowledgeReasons: [],
    positionReasons: [],
    items: items.filter((i) => objectiveOf(i.kind) === o.key),
    facts: facts.filter(
      (f) =>
        KNOWLEDGE_SCHEMA.find((k) => k.kind === f.itemKind)!.fields.find((d) => d.key === f.field)!.objective === o.key,
    ),
    openQuestions: [],
  })),
  unknowns: [
    gap('fund', 'budgetStatus', 'funding_value'),
    gap('lee', 'influence', 'buying_group'),
    { ...gap('x', 'whatever', 'alternatives'), kind: 'not_explored', itemId: null, field: null },
  ],
  evaluatorMatrix: {
    alternatives: [],
    rows: [
      {
        evaluatorId: 'dana',
        contactId: null,
        name: 'Dana Ortiz',
        title: null,
        influence: 'high',
        roles: [],
        isEconomicBuyer: false,
        weight: 1,
        favours: null,
        support: null,
        stanceSource: null,
        reportsTo: null,
        coverage: null,
      },
    ],
    shares: [],
    unknownShare: 1,
  },
};

const rec = (id: string, whatIf: WhatIfBody | null): Recommendation => ({
  id,
  action: `Do ${id}`,
  question: '?',
  kind: 'learn',
  ask: { role: 'champion', name: null, evaluatorId: null },
  via: null,
  effort: 1,
  gain: 5,
  value: { amountMinor: 500_000, currency: 'USD' },
  protects: false,
  outcomes: [{ label: 'It works', probability: 1, points: 5 }],
  resolves: [],
  addresses: [],
  whatIf,
});
const input = (recommendations: Recommendation[]) => ({ schema, knowledge, recommendations });

// what-ifs as the assessment API gives them with each move
const CONFIRM_BUDGET: WhatIfBody = {
  items: [],
  facts: [
    { kind: 'funding', field: 'budgetStatus', value: 'allocated' },
    { kind: 'funding', field: 'budgetOwner', value: 'dana' },
  ],
};
const EB_PRIORITY: WhatIfBody = {
  items: [],
  facts: [
    { kind: 'power_access', field: 'ebMet', value: true },
    { kind: 'power_access', field: 'ebConfirmedPriority', value: true },
  ],
};
const MAP_PROCESS: WhatIfBody = {
  items: [
    { ref: 'what-if-1', kind: 'decision_step', title: 'Technical validation', category: 'technical_validation' },
    { ref: 'what-if-3', kind: 'decision_step', title: 'Contract and legal', category: 'legal' },
  ],
  facts: [
    { itemRef: 'what-if-1', field: 'plannedDate', value: '2026-12-20' },
    { itemRef: 'what-if-3', field: 'plannedDate', value: '2027-01-10' },
  ],
};
const AGREE_IMPACT: WhatIfBody = {
  items: [{ ref: 'what-if-1', kind: 'business_issue', title: 'Business issue to quantify', category: 'other' }],
  facts: [
    { itemRef: 'what-if-1', field: 'impact', value: { amountMinor: 120_000_00, currency: 'USD', period: 'year' } },
    { itemRef: 'what-if-1', field: 'metric', value: { name: 'Measure', baseline: 10, target: 5, unit: '' } },
  ],
};

describe('what-if moves from the recommendations', () => {
  it.each([
    ['confirm-budget', CONFIRM_BUDGET, ['Budget status: Allocated', 'Budget owner: Dana Ortiz']],
    [
      'confirm-economic-buyer-priority',
      EB_PRIORITY,
      ['We have met the economic buyer: Yes', 'Economic buyer confirmed the priority: Yes'],
    ],
    [
      'learn-stance:dana',
      { items: [], facts: [{ itemId: 'dana', field: 'favours', value: 'us' }] },
      ['Favoured alternative of Dana Ortiz: Us'],
    ],
    [
      'win-over:dana',
      {
        items: [],
        facts: [
          { itemId: 'dana', field: 'favours', value: 'us' },
          { itemId: 'dana', field: 'support', value: 'supporter' },
        ],
      },
      ['Favoured alternative of Dana Ortiz: Us', 'Support for us of Dana Ortiz: Supporter'],
    ],
    [
      'test-champion',
      { items: [], facts: [{ itemId: 'lee', field: 'testPower', value: 'passed' }] },
      ['Champion test: power and influence of Lee Chen: Passed'],
    ],
    [
      'map-process',
      MAP_PROCESS,
      ['Planned date of Technical validation: Dec 20, 2026', 'Planned date of Contract and legal: Jan 10, 2027'],
    ],
    [
      'agree-impact',
      AGREE_IMPACT,
      [
        'Quantified impact of Business issue to quantify: $120,000 per year',
        'Metric, baseline and target of Business issue to quantify: Measure from 10 to 5',
      ],
    ],
  ] as const)('%s says what it assumes in words', (id, whatIf, words) => {
    const [move] = whatIfMoves(input([rec(id, whatIf as WhatIfBody)]));
    expect(move?.words).toEqual(words);
    expect(move?.body).toBe(whatIf);
  });

  it('leaves out moves without a what-if (they need someone nobody has named yet), keeping the recommended order', () => {
    const moves = whatIfMoves(
      input([
        rec('agree-mutual-plan', EB_PRIORITY),
        rec('identify-economic-buyer', null),
        rec('confirm-budget', CONFIRM_BUDGET),
      ]),
    );
    expect(moves.map((m) => m.id)).toEqual(['agree-mutual-plan', 'confirm-budget']);
  });
});

describe('open facts to try values for', () => {
  const open = openFacts({ schema, knowledge }, 8);

  it('lists the recorded unknowns first, then the decisive fields nobody recorded, then influential evaluators’ stance', () => {
    expect(open.map((f) => f.key)).toEqual([
      'kind:funding|budgetStatus|',
      'lee|influence|',
      'kind:power_access|ebConfirmedPriority|',
      'kind:compelling_event|type|',
      'kind:competition|shortlisted|',
      'kind:decision_process|mutualPlanAgreed|',
      'kind:decision_process|purchasingInvolved|',
      'kind:funding|priceVsBudget|',
    ]);
  });

  it('leaves out fields already known (the economic buyer was not met: that is known)', () => {
    expect(open.some((f) => f.field === 'ebMet')).toBe(false);
  });

  it('offers each field’s values in words, and says what it is now', () => {
    expect(open[0]).toMatchObject({ label: 'Budget status', current: 'Unknown', isBoolean: false });
    expect(open[0]!.options.map((o) => o.label)).toEqual([
      'Allocated',
      'Identified, not approved',
      'Must be created',
      'No budget',
    ]);
    expect(open[2]).toMatchObject({
      label: 'Economic buyer confirmed the priority',
      current: 'Not recorded',
      isBoolean: true,
    });
  });

  it('includes where an influential evaluator stands, with us and the alternatives to choose from', () => {
    const stance = openFacts({ schema, knowledge }, 20).find(
      (f) => f.key === factKey({ kind: 'evaluator', itemId: 'dana' }, 'favours'),
    );
    expect(stance?.options).toEqual([
      { value: 'us', label: 'Us' },
      { value: 'rival', label: 'Rival Corp' },
    ]);
  });
});

describe('the what-if request', () => {
  const moves = whatIfMoves(
    input([
      rec('confirm-budget', CONFIRM_BUDGET),
      rec('confirm-economic-buyer-priority', EB_PRIORITY),
      rec('map-process', MAP_PROCESS),
      rec('agree-impact', AGREE_IMPACT),
    ]),
  );
  const open = openFacts({ schema, knowledge }, 8);

  it('is nothing when nothing is switched on or chosen', () => {
    expect(buildWhatIf(moves, new Set(), open, {})).toBeNull();
  });

  it('sends a move’s what-if as the API gave it and the chosen values, booleans as booleans, singletons by kind and items by id', () => {
    const request = buildWhatIf(moves, new Set(['confirm-economic-buyer-priority']), open, {
      'lee|influence|': 'medium',
      'kind:competition|shortlisted|': 'false',
    });
    expect(request).toEqual({
      body: {
        items: [],
        facts: [
          { kind: 'power_access', field: 'ebMet', value: true },
          { kind: 'power_access', field: 'ebConfirmedPriority', value: true },
          { itemId: 'lee', field: 'influence', value: 'medium' },
          { kind: 'competition', field: 'shortlisted', value: false },
        ],
      },
      factSources: [
        'confirm-economic-buyer-priority',
        'confirm-economic-buyer-priority',
        'lee|influence|',
        'kind:competition|shortlisted|',
      ],
      itemSources: [],
    });
  });

  it('lets a switched-on move decide a field also chosen below', () => {
    const request = buildWhatIf(moves, new Set(['confirm-budget']), open, { 'kind:funding|budgetStatus|': 'none' });
    expect(request?.body.facts).toEqual(CONFIRM_BUDGET.facts);
    expect(factsSetByMoves(moves, new Set(['confirm-budget'])).has('kind:funding|budgetStatus|')).toBe(true);
  });

  it('keeps the new items of two moves apart, though the API numbers each move’s from one', () => {
    const request = buildWhatIf(moves, new Set(['map-process', 'agree-impact']), open, {})!;
    expect(request.body.items.map((i) => i.ref)).toEqual(['m2-what-if-1', 'm2-what-if-3', 'm3-what-if-1']);
    expect(request.body.facts.map((f) => f.itemRef)).toEqual([
      'm2-what-if-1',
      'm2-what-if-3',
      'm3-what-if-1',
      'm3-what-if-1',
    ]);
    expect(request.itemSources).toEqual(['map-process', 'map-process', 'agree-impact']);
  });

  it.each([
    [
      { 'facts.2.value': 'Expected one of high, medium, low' },
      { 'lee|influence|': 'Expected one of high, medium, low' },
    ],
    [{ 'facts.0': 'No such item' }, { 'confirm-economic-buyer-priority': 'No such item' }],
    [{ 'items.0.title': 'Required' }, { 'map-process': 'Required' }],
    [{ facts: 'Give at least one hypothetical fact' }, {}],
  ])('places the API’s field errors %j on their controls', (fields, placed) => {
    expect(
      errorsBySource(fields, {
        factSources: ['confirm-economic-buyer-priority', 'confirm-economic-buyer-priority', 'lee|influence|'],
        itemSources: ['map-process'],
      }),
    ).toEqual(placed);
  });
});
