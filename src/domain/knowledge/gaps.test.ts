import { describe, expect, it } from 'vitest';
import { knowledge } from './builder.ts';
import { knowledgeGaps } from './gaps.ts';
import { DEFAULT_OBJECTIVES } from './objectives.ts';

describe('what we do not know', () => {
  it('lists all nine objectives as not explored on a blank opportunity, with their first question', () => {
    const gaps = knowledgeGaps(knowledge('2026-11-20').snapshot(), DEFAULT_OBJECTIVES);
    expect(gaps.map((g) => g.kind)).toEqual(Array(9).fill('not_explored'));
    expect(gaps[0]).toMatchObject({
      objective: 'business_issues',
      question: DEFAULT_OBJECTIVES[0]!.questions[0],
      ask: { role: 'anyone', contactId: null },
    });
  });

  it('lists unknown, inferred and stale facts, each with its question and whom to ask', () => {
    const k = knowledge('2026-11-20');
    const champ = k.evaluator('c-champ', 'buyer_stated', {
      influence: ['medium'],
      testSharesInsideInfo: ['passed', 'buyer_written'],
    });
    const cfo = k.evaluator('c-cfo', 'buyer_stated', { influence: ['high'] });
    k.set(cfo, 'favours', 'unknown', { source: 'buyer_stated', by: 'c-champ' });
    k.set(cfo, 'support', 'neutral', 'seller_inference');
    k.singleton('power_access', { economicBuyer: [cfo] });
    k.singleton('funding', { budgetStatus: ['identified_not_approved', { source: 'buyer_stated', on: '2026-06-01' }] });
    const gaps = knowledgeGaps(k.snapshot(), DEFAULT_OBJECTIVES);
    const find = (field: string) => gaps.find((g) => g.field === field)!;
    expect(find('favours')).toMatchObject({
      kind: 'unknown',
      objective: 'evaluator_stance',
      ask: { role: 'evaluator', contactId: 'c-cfo' },
    });
    expect(find('support')).toMatchObject({ kind: 'assumed', ask: { role: 'evaluator', contactId: 'c-cfo' } });
    expect(find('budgetStatus')).toMatchObject({
      kind: 'stale',
      ageDays: 172,
      ask: { role: 'economic_buyer', contactId: 'c-cfo' },
    });
    expect(gaps.filter((g) => g.kind === 'not_explored').map((g) => g.objective)).not.toContain('buying_group');
    expect(champ).toBeTruthy();
  });

  it('sends questions without a natural addressee to the champion', () => {
    const k = knowledge('2026-11-20');
    k.evaluator('c-champ', 'buyer_stated', { testAccess: ['passed', 'buyer_action'] });
    k.singleton('decision_process', { formalTender: ['unknown'] });
    const gap = knowledgeGaps(k.snapshot(), DEFAULT_OBJECTIVES).find((g) => g.field === 'formalTender')!;
    expect(gap.ask).toEqual({ role: 'champion', contactId: 'c-champ' });
  });
});
