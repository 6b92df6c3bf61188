import { describe, expect, it } from 'vitest';
import type { KnowledgeItemView, KnowledgeResponse } from '../../../contract/knowledge.ts';
import { EVIDENCE_SOURCE_LABELS, EVIDENCE_SOURCES } from '../../../domain/knowledge/evidence.ts';
import { DEFAULT_OBJECTIVES } from '../../../domain/knowledge/objectives.ts';
import { KNOWLEDGE_SCHEMA } from '../../../domain/knowledge/schema.ts';
import {
  blankRow,
  buildLog,
  placeLogErrors,
  targetOptions,
  withTarget,
  type LogHeader,
  type LogRow,
} from './log-model.ts';
import type { KnowledgeSchema } from './queries.ts';
import { blankDraft } from './value-draft.ts';

// The schema as GET /api/knowledge/schema serves it.
const schema: KnowledgeSchema = {
  kinds: KNOWLEDGE_SCHEMA.map((k) => ({
    kind: k.kind,
    label: k.label,
    objective: k.objective,
    singleton: k.singleton,
    identity: {
      ...(k.identity.contact ? { contact: true } : {}),
      ...(k.identity.title ? { title: k.identity.title } : {}),
      ...(k.identity.category
        ? { category: { label: k.identity.category.label, options: [...k.identity.category.options] } }
        : {}),
    },
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

function buildItem(
  overrides: Partial<KnowledgeItemView> & Pick<KnowledgeItemView, 'id' | 'kind' | 'label'>,
): KnowledgeItemView {
  return {
    title: null,
    contactId: null,
    contactTitle: null,
    category: null,
    evidence,
    createdAt: '2026-11-01T10:00:00Z',
    ...overrides,
  };
}

function buildKnowledge(items: KnowledgeItemView[]): KnowledgeResponse {
  return {
    opportunityId: 'o1',
    opportunityVersion: 7,
    asOf: '2026-11-26',
    isHistorical: false,
    coverageIndex: 0.5,
    objectives: DEFAULT_OBJECTIVES.map((o) => ({
      key: o.key,
      number: o.number,
      name: o.name,
      definition: o.definition,
      weight: o.weight,
      explored: true,
      knowledgeLevel: 2,
      position: 0,
      knowledgeReasons: [],
      positionReasons: [],
      items: items.filter((i) => KNOWLEDGE_SCHEMA.find((k) => k.kind === i.kind)?.objective === o.key),
      facts: [],
      openQuestions: [],
    })),
    unknowns: [],
    evaluatorMatrix: { alternatives: [], rows: [], shares: [], unknownShare: 0 },
  };
}

const knowledge = buildKnowledge([
  buildItem({ id: 'ev-erik', kind: 'evaluator', label: 'Erik Nair', contactId: 'c-erik' }),
  buildItem({ id: 'alt-adatum', kind: 'alternative', label: 'Adatum', title: 'Adatum', category: 'competitor' }),
]);

const header: LogHeader = {
  observedAt: '2026-11-26',
  source: 'buyer_stated',
  contactId: 'c-kwame',
  summary: 'Budget review with the CFO',
};

function row(patch: Partial<LogRow>): LogRow {
  return { ...blankRow('USD'), ...patch };
}

describe('what a row of the meeting log can be about', () => {
  it('offers the whole-deal item, known evaluators and a new evaluator under the buying group', () => {
    const r = row({ objective: 'buying_group' });
    const groups = targetOptions(schema, knowledge, [r], r, () => undefined);
    expect(groups.map((g) => [g.group, g.items.map((i) => i.value)])).toEqual([
      ['For the whole opportunity', ['kind:buying_group']],
      ['Already known', ['ev-erik']],
      ['Add', ['new:evaluator']],
    ]);
  });

  it('offers an evaluator added in an earlier row of the same meeting', () => {
    const first = withTarget(row({ objective: 'buying_group' }), 'new:evaluator');
    const added = { ...first, newItem: { ...first.newItem!, contactId: 'c-felix' } };
    const second = row({ objective: 'evaluator_stance' });
    const groups = targetOptions(schema, knowledge, [added, second], second, (id) =>
      id === 'c-felix' ? 'Felix Okafor' : undefined,
    );
    expect(groups.find((g) => g.group === 'New in this meeting')?.items).toEqual([
      { value: `ref:${added.id}`, label: 'Felix Okafor' },
    ]);
  });

  it('has only the one-per-opportunity funding item under funding', () => {
    const r = row({ objective: 'funding_value' });
    expect(
      targetOptions(schema, knowledge, [r], r, () => undefined).flatMap((g) => g.items.map((i) => i.value)),
    ).toEqual(['kind:funding']);
  });
});

describe('turning a meeting into one request', () => {
  it('sends facts about the deal, a known evaluator and a new evaluator, with refs tying them together', () => {
    const budget = row({
      objective: 'funding_value',
      target: 'kind:funding',
      field: 'budgetStatus',
      draft: { ...blankDraft('USD'), text: 'allocated' },
      said: 'The money is in the plan',
    });
    const erikInfluence = row({
      objective: 'buying_group',
      target: 'ev-erik',
      field: 'influence',
      draft: { ...blankDraft('USD'), text: 'high' },
    });
    const felix = {
      ...withTarget(row({ objective: 'buying_group' }), 'new:evaluator'),
      field: 'influence',
      draft: { ...blankDraft('USD'), text: 'medium' },
    };
    const felixWithContact = { ...felix, newItem: { ...felix.newItem!, contactId: 'c-felix' } };
    const felixStance = row({
      objective: 'evaluator_stance',
      target: `ref:${felix.id}`,
      field: 'favours',
      isUnknown: true,
    });
    const built = buildLog(schema, knowledge, header, [budget, erikInfluence, felixWithContact, felixStance, row({})]);
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(built.body).toEqual({
      version: 7,
      summary: 'Budget review with the CFO',
      source: 'buyer_stated',
      contactId: 'c-kwame',
      observedAt: '2026-11-26',
      items: [{ ref: felix.id, kind: 'evaluator', contactId: 'c-felix' }],
      facts: [
        { kind: 'funding', field: 'budgetStatus', value: 'allocated', said: 'The money is in the plan' },
        { itemId: 'ev-erik', field: 'influence', value: 'high' },
        { itemRef: felix.id, field: 'influence', value: 'medium' },
        { itemRef: felix.id, field: 'favours', unknown: true },
      ],
    });
    expect(built.itemRows).toEqual([felix.id]);
    expect(built.factRows).toEqual([budget.id, erikInfluence.id, felix.id, felixStance.id]);
  });

  it('adds an alternative without any fact when the row says nothing more', () => {
    const alt = withTarget(row({ objective: 'alternatives' }), 'new:alternative');
    const named = { ...alt, newItem: { ...alt.newItem!, title: 'Build it in-house', category: 'internal_build' } };
    const built = buildLog(schema, knowledge, header, [named]);
    expect(built.ok && built.body.items).toEqual([
      { ref: alt.id, kind: 'alternative', title: 'Build it in-house', category: 'internal_build' },
    ]);
    expect(built.ok && built.body.facts).toEqual([]);
  });

  it('sends a per-alternative fit with the option it is about', () => {
    const criterion = buildItem({
      id: 'cr-1',
      kind: 'criterion',
      label: 'Data stays in-region',
      title: 'Data stays in-region',
      category: 'formal',
    });
    const k = buildKnowledge([criterion]);
    const fit = row({
      objective: 'decision_criteria',
      target: 'cr-1',
      field: 'fit',
      qualifier: 'us',
      draft: { ...blankDraft('USD'), text: 'meets' },
    });
    const built = buildLog(schema, k, header, [fit]);
    expect(built.ok && built.body.facts).toEqual([{ itemId: 'cr-1', field: 'fit', qualifier: 'us', value: 'meets' }]);
  });

  it.each<[string, Partial<LogRow>, LogHeader, Record<string, string>]>([
    ['a row without a target', { objective: 'buying_group' }, header, { target: 'Choose what this is about' }],
    [
      'a row without a field',
      { objective: 'buying_group', target: 'ev-erik' },
      header,
      { field: 'Choose what you learned' },
    ],
    [
      'a row without a value',
      { objective: 'buying_group', target: 'ev-erik', field: 'influence' },
      header,
      { value: 'Choose one' },
    ],
    [
      'a row without words when there is no summary either',
      {
        objective: 'buying_group',
        target: 'ev-erik',
        field: 'influence',
        draft: { ...blankDraft('USD'), text: 'low' },
      },
      { ...header, summary: ' ' },
      { said: 'Their words, or a summary above' },
    ],
  ])('stops at %s', (_name, patch, head, errors) => {
    const r = row(patch);
    const built = buildLog(schema, knowledge, head, [r]);
    expect(built).toEqual({ ok: false, rowErrors: { [r.id]: errors }, general: null });
  });

  it('asks which option a fit is about', () => {
    const k = buildKnowledge([
      buildItem({ id: 'cr-1', kind: 'criterion', label: 'Uptime', title: 'Uptime', category: 'formal' }),
    ]);
    const r = row({
      objective: 'decision_criteria',
      target: 'cr-1',
      field: 'fit',
      draft: { ...blankDraft('USD'), text: 'meets' },
    });
    const built = buildLog(schema, k, header, [r]);
    expect(built.ok === false && built.rowErrors[r.id]).toEqual({ qualifier: 'Which option?' });
  });

  it('asks for a contact when a row adds an evaluator', () => {
    const r = withTarget(row({ objective: 'buying_group' }), 'new:evaluator');
    const built = buildLog(schema, knowledge, header, [r]);
    expect(built.ok === false && built.rowErrors[r.id]).toEqual({ contactId: 'Choose the contact' });
  });

  it('needs at least one thing learned', () => {
    expect(buildLog(schema, knowledge, header, [row({})])).toEqual({
      ok: false,
      rowErrors: {},
      general: 'Add at least one thing you learned.',
    });
  });

  it('lets an unknown go without words', () => {
    const r = row({ objective: 'buying_group', target: 'ev-erik', field: 'influence', isUnknown: true });
    expect(buildLog(schema, knowledge, { ...header, summary: '' }, [r]).ok).toBe(true);
  });
});

describe('putting the API errors back on their rows', () => {
  it.each<[string, string, keyof PlacedRowErrors | 'header' | 'unplaced', string]>([
    ['facts.1.value', 'a', 'value', 'row-b'],
    ['facts.0.itemId', 'a', 'target', 'row-a'],
    ['facts.1.text', 'a', 'said', 'row-b'],
    ['items.0.contactId', 'a', 'contactId', 'row-c'],
    ['items.0.ref', 'a', 'target', 'row-c'],
    ['.observedAt', 'a', 'header', 'observedAt'],
    ['contactId', 'a', 'header', 'contactId'],
    ['facts', 'a', 'unplaced', 'facts: a'],
    ['facts.9.value', 'a', 'unplaced', 'facts.9.value: a'],
  ])('%s', (name, message, where, key) => {
    const placed = placeLogErrors({ [name]: message }, { itemRows: ['row-c'], factRows: ['row-a', 'row-b'] });
    if (where === 'header') expect(placed.header).toEqual({ [key]: message });
    else if (where === 'unplaced') expect(placed.unplaced).toEqual([key]);
    else expect(placed.rowErrors).toEqual({ [key]: { [where]: message } });
  });
});

type PlacedRowErrors = { value: string; target: string; said: string; contactId: string };
