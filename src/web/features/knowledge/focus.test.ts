import { describe, expect, it } from 'vitest';
import type {
  KnowledgeFactView,
  KnowledgeItemView,
  KnowledgeResponse,
  ObjectiveKnowledge,
} from '../../../contract/knowledge.ts';
import { knowledgeLink, locateFocus, readFocus, withoutFocus } from './focus.ts';

const evidence = {
  text: null,
  source: 'buyer_stated' as const,
  contactId: null,
  contactName: null,
  observedAt: '2026-11-01',
  recordedBy: 'u1',
  recordedByName: 'Zara',
};
const item = (id: string): KnowledgeItemView => ({
  id,
  kind: 'evaluator',
  label: id,
  title: null,
  contactId: null,
  contactTitle: null,
  category: null,
  evidence,
  createdAt: '2026-11-01T10:00:00Z',
});
const fact = (id: string, itemId: string): KnowledgeFactView => ({
  id,
  itemId,
  itemKind: 'evaluator',
  itemLabel: itemId,
  field: 'f',
  label: 'f',
  qualifier: null,
  qualifierLabel: null,
  isUnknown: false,
  value: 'x',
  display: 'x',
  evidence,
  grade: 'stated',
  recordedAt: '2026-11-01T10:00:00Z',
  lastVerifiedAt: null,
  ageDays: 1,
  fresh: true,
});
const objective = (key: ObjectiveKnowledge['key'], items: KnowledgeItemView[], facts: KnowledgeFactView[]) =>
  ({ key, items, facts }) as ObjectiveKnowledge;
const knowledge = {
  objectives: [
    objective('buying_group', [item('dana')], [fact('f-influence', 'dana')]),
    objective('evaluator_stance', [], [fact('f-favours', 'dana')]),
    objective('funding_value', [], [fact('f-budget', 'funding-1')]),
  ],
} as KnowledgeResponse;

describe('a link to a fact or item of the Knowledge tab', () => {
  it.each([
    [{ factId: 'f-1' }, '?tab=knowledge&fact=f-1'],
    [{ itemId: 'i 2' }, '?tab=knowledge&item=i+2'],
  ])('%j is %s, and reads back the same', (focus, link) => {
    expect(knowledgeLink(focus)).toBe(link);
    expect(readFocus(new URLSearchParams(link))).toEqual(focus);
  });

  it('is dropped from the address once acted on, leaving the rest', () => {
    expect(withoutFocus(new URLSearchParams('tab=knowledge&fact=f-1&view=history')).toString()).toBe(
      'tab=knowledge&view=history',
    );
  });

  it.each([
    [{ factId: 'f-favours' }, { objective: 'evaluator_stance', factId: 'f-favours', itemId: 'dana' }],
    [{ itemId: 'dana' }, { objective: 'buying_group', factId: null, itemId: 'dana' }],
    [{ itemId: 'funding-1' }, { objective: 'funding_value', factId: null, itemId: 'funding-1' }],
    [{ factId: 'retired-since' }, null],
    [{ itemId: 'gone' }, null],
  ])('%j is found at %j', (focus, target) => {
    expect(locateFocus(knowledge, focus)).toEqual(target);
  });
});
