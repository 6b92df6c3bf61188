import { describe, expect, it } from 'vitest';
import { knowledge } from '../knowledge/builder.ts';
import { reviewAnswers } from './answers.ts';

function deal() {
  const k = knowledge('2026-11-20');
  const cfo = k.evaluator('c-cfo', 'buyer_stated', { influence: ['high'], roles: [['economic_buyer']] });
  const ops = k.evaluator('c-ops', 'buyer_stated', { influence: ['medium'], roles: [['user_evaluator']] });
  const it = k.evaluator('c-it', 'buyer_stated', { influence: ['high'], roles: [['technical_evaluator']] });
  const intern = k.evaluator('c-intern', 'buyer_stated', { influence: ['low'] });
  k.singleton('power_access', { economicBuyer: [cfo] });
  const rival = k.item('alternative', 'buyer_stated', { title: 'Acme Cloud', category: 'competitor' }, { threat: [3] });
  const nothing = k.item('alternative', 'buyer_stated', { title: 'Keep the spreadsheets', category: 'do_nothing' });
  k.set(cfo, 'favours', 'us');
  k.set(it, 'favours', rival);
  k.set(intern, 'favours', rival);
  k.set(ops, 'favours', 'unknown');
  const small = k.item(
    'business_issue',
    'buyer_stated',
    { title: 'Month-end close takes 12 days' },
    {
      impact: [{ amountMinor: 5_000_000, currency: 'USD', period: 'quarter' }],
      ourImpact: ['strong'],
      impactAgreed: [true],
    },
  );
  const big = k.item(
    'business_issue',
    'buyer_stated',
    { title: 'Audit findings on revenue recognition' },
    {
      impact: [{ amountMinor: 30_000_000, currency: 'USD', period: 'year' }],
      ourImpact: ['strong'],
      owner: [cfo],
    },
  );
  const vague = k.item('business_issue', 'buyer_stated', { title: 'Spreadsheets everywhere' }, { impact: ['unknown'] });
  const sso = k.item(
    'criterion',
    'buyer_stated',
    { title: 'Single sign-on', category: 'formal' },
    {
      mandatory: [true],
      weight: [10],
    },
  );
  k.set(sso, 'fit', 'meets', 'buyer_stated', 'us');
  k.set(sso, 'fit', 'exceeds', 'buyer_stated', rival);
  const price = k.item('criterion', 'buyer_stated', { title: 'Total cost over three years' }, { weight: [40] });
  k.set(price, 'fit', 'partial', 'buyer_stated', 'us');
  const ux = k.item('criterion', 'buyer_stated', { title: 'Ease of use' }, { weight: [25] });
  return { snapshot: k.snapshot(), cfo, ops, it, intern, rival, nothing, small, big, vague, sso, price, ux };
}

describe('the review answers from what the seller recorded', () => {
  const d = deal();
  const answers = reviewAnswers(d.snapshot, d.it);

  it('lists the evaluators: the economic buyer first, then the champion, then by influence', () => {
    expect(answers.evaluators.map((e) => e.evaluatorId)).toEqual([d.cfo, d.it, d.ops, d.intern]);
    expect(answers.evaluators[0]).toMatchObject({
      isEconomicBuyer: true,
      isChampion: false,
      influence: 'high',
      favours: 'us',
    });
    expect(answers.evaluators[1]).toMatchObject({ isChampion: true, favours: d.rival });
    // an honest "unknown" stays unknown
    expect(answers.evaluators[2]).toMatchObject({ influence: 'medium', favours: null });
  });

  it('says which evaluator favours which alternative, doing nothing included', () => {
    expect(answers.alternatives.map((a) => [a.name, a.kind, a.favouredBy, a.threat])).toEqual([
      ['Us', 'us', [d.cfo], null],
      ['Acme Cloud', 'competitor', [d.it, d.intern], 3],
      ['Keep the spreadsheets', 'do_nothing', [], null],
    ]);
  });

  it('orders the business issues by what we can impact, then by what they cost the customer a year', () => {
    expect(answers.businessIssues.map((i) => i.itemId)).toEqual([d.big, d.small, d.vague]);
    expect(answers.businessIssues[1]).toMatchObject({
      impact: { amountMinor: 5_000_000, currency: 'USD', period: 'quarter' },
      impactAgreed: true,
      ourImpact: 'strong',
    });
    expect(answers.businessIssues[0]!.ownerId).toBe(d.cfo);
    expect(answers.businessIssues[2]).toMatchObject({ impact: null, impactUnknown: true, ourImpact: null });
  });

  it('lists the criteria, must-haves first then by weight, with our fit and the best rival fit', () => {
    expect(answers.decisionCriteria.map((c) => [c.title, c.mandatory, c.weight, c.ourFit, c.bestOther])).toEqual([
      ['Single sign-on', true, 10, 'meets', { alternativeId: d.rival, fit: 'exceeds' }],
      ['Total cost over three years', false, 40, 'partial', null],
      ['Ease of use', false, 25, null, null],
    ]);
  });

  it('answers nothing it was not told: a deal with no knowledge has empty answers, and only us as an option', () => {
    const empty = reviewAnswers(knowledge('2026-11-20').snapshot(), null);
    expect(empty).toEqual({
      evaluators: [],
      alternatives: [{ id: 'us', name: 'Us', kind: 'us', favouredBy: [], threat: null }],
      businessIssues: [],
      decisionCriteria: [],
    });
  });
});
