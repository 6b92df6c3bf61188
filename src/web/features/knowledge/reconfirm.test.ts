import { describe, expect, it } from 'vitest';
import type {
  KnowledgeFactView,
  KnowledgeGapView,
  KnowledgeResponse,
  ObjectiveKnowledge,
} from '../../../contract/knowledge.ts';
import { checkVerifiedOn, staleFactOf } from './reconfirm.ts';

describe('the day a buyer confirmed a fact again', () => {
  it.each([
    ['2026-11-26', null],
    ['2026-08-02', null],
    ['2026-11-27', 'A confirmation cannot be dated in the future'],
    ['2026-08-01', 'Not before Aug 2, 2026, when it was first observed'],
    ['', 'When did the buyer confirm it?'],
  ])('%s (first observed Aug 2, today Nov 26) reads %j', (day, problem) => {
    expect(checkVerifiedOn(day, '2026-08-02', '2026-11-26')).toBe(problem);
  });
});

describe('the fact behind a stale gap', () => {
  const evidence = {
    text: 'x',
    source: 'buyer_stated' as const,
    contactId: null,
    contactName: null,
    observedAt: '2026-06-01',
    recordedBy: 'u1',
    recordedByName: 'Zara',
  };
  const fact = (id: string, itemId: string, field: string, extra: Partial<KnowledgeFactView>) =>
    ({
      id,
      itemId,
      itemKind: 'funding',
      itemLabel: 'Funding',
      field,
      label: field,
      qualifier: null,
      qualifierLabel: null,
      isUnknown: false,
      value: 'x',
      display: 'x',
      evidence,
      grade: 'stated',
      recordedAt: '',
      lastVerifiedAt: null,
      ageDays: 170,
      fresh: false,
      ...extra,
    }) as KnowledgeFactView;
  const knowledge = {
    objectives: [
      {
        key: 'funding_value',
        facts: [
          fact('f1', 'fund', 'budgetStatus', {}),
          fact('f2', 'fund', 'priceVsBudget', { fresh: true }),
          fact('f3', 'fund', 'pricingDiscussed', { isUnknown: true }),
        ],
      } as unknown as ObjectiveKnowledge,
    ],
  } as KnowledgeResponse;
  const gap = (field: string, kind: KnowledgeGapView['kind'] = 'stale') =>
    ({ kind, objective: 'funding_value', itemId: 'fund', field }) as KnowledgeGapView;

  it.each([
    ['a stale value', gap('budgetStatus'), 'f1'],
    ['a fresh value', gap('priceVsBudget'), undefined],
    ['an explicit unknown', gap('pricingDiscussed'), undefined],
    ['a gap of another kind', gap('budgetStatus', 'assumed'), undefined],
  ])('%s: %s', (_what, g, id) => {
    expect(staleFactOf(knowledge, g)?.id).toBe(id);
  });
});
