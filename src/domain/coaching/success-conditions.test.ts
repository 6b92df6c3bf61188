import { describe, expect, it } from 'vitest';
import { knowledge } from '../knowledge/builder.ts';
import {
  describeCondition,
  evaluateCondition,
  parseConditionParams,
  SUCCESS_CONDITION_IDS,
  SUCCESS_CONDITIONS,
  type DealKnowledge,
} from './success-conditions.ts';
import { ROOT_CAUSE_IDS } from './root-causes.ts';

type K = ReturnType<typeof knowledge>;
const AS_OF = '2026-11-20';

function check(id: string, build: (k: K) => void, raw: unknown = {}, zoneIds: string[] | null = []) {
  const k = knowledge(AS_OF);
  build(k);
  const parsed = parseConditionParams(id, raw);
  if (!parsed.ok) throw new Error(parsed.message);
  const deal: DealKnowledge = { snapshot: k.snapshot(), zoneIds };
  return evaluateCondition(id, parsed.params, deal);
}

describe('the catalog of success conditions', () => {
  it('names every condition once, with a label, root causes from the catalog and valid defaults', () => {
    expect(new Set(SUCCESS_CONDITION_IDS).size).toBe(SUCCESS_CONDITIONS.length);
    for (const c of SUCCESS_CONDITIONS) {
      expect(c.label.length).toBeGreaterThan(0);
      expect(c.rootCauses.length).toBeGreaterThan(0);
      for (const id of c.rootCauses) expect(ROOT_CAUSE_IDS).toContain(id);
      const needsChoice = c.params.some((p) => p.kind === 'choice' && p.default === null);
      expect(parseConditionParams(c.id, {}).ok).toBe(!needsChoice);
    }
  });

  it('reads nothing as not met, saying what is missing, for every condition', () => {
    for (const c of SUCCESS_CONDITIONS) {
      const raw = c.id === 'danger_zone_resolved' ? { zoneId: 'DZ-01' } : {};
      const r = check(c.id, () => {}, raw, c.id === 'danger_zone_resolved' ? ['DZ-01'] : []);
      expect(r.met, c.id).toBe(false);
      expect(r.missing.length, c.id).toBeGreaterThan(0);
    }
  });
});

describe('parameters', () => {
  it.each([
    ['nope', {}, '', /Unknown success condition/],
    ['champion_tested', { tests: 0 }, 'tests', /At least 1/],
    ['champion_tested', { tests: 7 }, 'tests', /At most 6/],
    ['champion_tested', { tests: 2.5 }, 'tests', /whole number/],
    ['champion_tested', { test: 2 }, 'test', /Not a parameter/],
    ['economic_buyer_met', { minEvidence: 'rumour' }, 'minEvidence', /Choose one of/],
    ['business_issue_quantified', { agreed: 'yes' }, 'agreed', /true or false/],
    ['danger_zone_resolved', {}, 'zoneId', /Choose one of/],
    ['danger_zone_resolved', { zoneId: 'DZ-999' }, 'zoneId', /Choose one of/],
  ])('%s %j is refused naming %s', (id, raw, field, message) => {
    const parsed = parseConditionParams(id, raw);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.field).toBe(field);
      expect(parsed.message).toMatch(message);
    }
  });

  it('fills in the defaults and describes the condition with them', () => {
    const parsed = parseConditionParams('criteria_weighted', {});
    expect(parsed).toEqual({ ok: true, params: { count: 3 } });
    expect(describeCondition('criteria_weighted', { count: 3 })).toBe(
      'Decision criteria recorded with the customer’s weights (criteria, at least 3)',
    );
  });
});

describe('economic buyer met', () => {
  it.each([
    ['named and met, the buyer said so', 'buyer_stated', {}, true],
    ['met, only our inference', 'seller_inference', {}, false],
    ['met as the buyer said, but written evidence asked', 'buyer_stated', { minEvidence: 'validated' }, false],
    ['met, in writing, written evidence asked', 'buyer_written', { minEvidence: 'validated' }, true],
  ] as const)('%s -> %s', (_what, source, raw, met) => {
    const r = check(
      'economic_buyer_met',
      (k) => {
        const cfo = k.evaluator('c-cfo', 'buyer_stated', { influence: ['high'] });
        k.singleton('power_access', { economicBuyer: [cfo], ebMet: [true, source] });
      },
      raw,
    );
    expect(r.met).toBe(met);
    if (met) expect(r.evidence.map((e) => e.what)).toEqual(['Economic buyer named', 'Economic buyer met']);
    else expect(r.missing[0]).toMatch(/economic buyer/);
  });

  it('is not met while the economic buyer is unnamed, even when met', () => {
    const r = check('economic_buyer_met', (k) => k.singleton('power_access', { ebMet: [true] }));
    expect(r).toMatchObject({ met: false, missing: ['Name the economic buyer on the deal'] });
  });
});

describe('champion tested', () => {
  const build = (sources: Array<'buyer_written' | 'buyer_stated'>) => (k: K) =>
    k.evaluator('c-champ', 'buyer_stated', {
      ...(sources[0] ? { testAccess: ['passed', sources[0]] } : {}),
      ...(sources[1] ? { testSellsInternally: ['passed', sources[1]] } : {}),
    });
  it.each([
    [['buyer_written', 'buyer_written'], 2, true],
    [['buyer_written', 'buyer_stated'], 2, false],
    [['buyer_written'], 1, true],
    [[], 1, false],
  ] as const)('tests passed with %j, %i asked -> %s', (sources, tests, met) => {
    const r = check('champion_tested', build([...sources]), { tests });
    expect(r.met).toBe(met);
    expect(r.evidence.length).toBe(met ? tests : sources.filter((s) => s === 'buyer_written').length);
  });
});

describe('criteria with weights', () => {
  it('counts the criteria weighted by the buyer, not by us', () => {
    const build = (k: K) => {
      k.item('criterion', 'buyer_stated', { title: 'Security', category: 'formal' }, { weight: [40] });
      k.item('criterion', 'buyer_stated', { title: 'Price', category: 'formal' }, { weight: [30, 'buyer_written'] });
      k.item('criterion', 'buyer_stated', { title: 'UX', category: 'informal' }, { weight: [30, 'seller_inference'] });
    };
    expect(check('criteria_weighted', build, { count: 2 })).toMatchObject({ met: true, missing: [] });
    const three = check('criteria_weighted', build, { count: 3 });
    expect(three.met).toBe(false);
    expect(three.missing).toEqual(['Record 1 more criterion with the weight the customer gives it']);
    expect(three.evidence.map((e) => e.what)).toEqual(['“Security” weighs 40', '“Price” weighs 30']);
  });
});

describe('alternatives mapped', () => {
  const base = (k: K) => {
    k.item('alternative', 'buyer_stated', { title: 'Contoso', category: 'competitor' });
    const cfo = k.evaluator('c-cfo', 'buyer_stated', { influence: ['high'] });
    return cfo;
  };
  it('asks for doing nothing and for what each high-influence evaluator favours', () => {
    const r = check('alternatives_mapped', (k) => void base(k));
    expect(r.met).toBe(false);
    expect(r.missing).toEqual([
      'Record doing nothing as an alternative',
      'Record 1 more alternative the customer is weighing',
      'Learn which option 1 high-influence evaluator favours',
    ]);
  });
  it('is met once doing nothing is recorded and the influential stance known', () => {
    const r = check('alternatives_mapped', (k) => {
      const cfo = base(k);
      const stay = k.item('alternative', 'buyer_stated', { title: 'Keep the spreadsheets', category: 'do_nothing' });
      k.set(cfo, 'favours', stay);
    });
    expect(r.met).toBe(true);
    expect(r.evidence.map((e) => e.what)).toEqual([
      'Doing nothing recorded as “Keep the spreadsheets”',
      'A high-influence evaluator favours Keep the spreadsheets',
    ]);
  });
});

describe('business issue quantified', () => {
  const impact = { amountMinor: 50_000_000, currency: 'USD', period: 'year' };
  it.each([
    ['impact from the buyer, agreed', [impact, 'buyer_stated'], [true], {}, true],
    ['impact from the buyer, not agreed', [impact, 'buyer_stated'], null, {}, false],
    ['impact from the buyer, agreement not asked', [impact, 'buyer_stated'], null, { agreed: false }, true],
    ['impact our guess, agreed', [impact, 'seller_inference'], [true], {}, false],
  ] as const)('%s -> %s', (_what, impactFact, agreed, raw, met) => {
    const r = check(
      'business_issue_quantified',
      (k) =>
        k.item(
          'business_issue',
          'buyer_stated',
          { title: 'Churn', category: 'revenue' },
          { impact: impactFact, ...(agreed ? { impactAgreed: agreed } : {}) },
        ),
      raw,
    );
    expect(r.met).toBe(met);
  });
  it('asks for the issue first', () => {
    expect(check('business_issue_quantified', () => {}).missing).toEqual([
      'Record the business issue, in the customer’s words',
    ]);
  });
});

describe('decision process known', () => {
  const build = (steps: number, plan: boolean) => (k: K) => {
    const cfo = k.evaluator('c-cfo', 'buyer_stated', {});
    k.singleton('decision_process', { signatory: [cfo], ...(plan ? { mutualPlanAgreed: [true] } : {}) });
    for (let i = 0; i < steps; i++)
      k.item(
        'decision_step',
        'buyer_stated',
        { title: `Step ${i}`, category: 'legal' },
        {
          owner: [cfo],
          plannedDate: ['2026-12-15'],
        },
      );
    k.item('decision_step', 'buyer_stated', { title: 'No date', category: 'other' }, { owner: [cfo] });
  };
  it.each([
    [3, false, {}, true],
    [2, false, {}, false],
    [2, false, { steps: 2 }, true],
    [3, false, { planAgreed: true }, false],
    [3, true, { planAgreed: true }, true],
  ] as const)('%i dated steps, plan agreed %s, asked %j -> %s', (steps, plan, raw, met) => {
    expect(check('decision_process_known', build(steps, plan), raw).met).toBe(met);
  });
});

describe('funding confirmed', () => {
  it.each([
    ['allocated, the buyer said', { budgetStatus: ['allocated'] }, null, true],
    ['allocated, our inference', { budgetStatus: ['allocated', 'seller_inference'] }, null, false],
    ['to be created', { budgetStatus: ['must_be_created'] }, null, false],
    ['the economic buyer confirmed it', {}, [true, 'buyer_written'], true],
  ] as const)('%s -> %s', (_what, funding, eb, met) => {
    const r = check('funding_confirmed', (k) => {
      k.singleton('funding', funding);
      if (eb) k.singleton('power_access', { ebConfirmedFunding: eb });
    });
    expect(r.met).toBe(met);
  });
});

describe('danger zone resolved', () => {
  it.each([
    [['DZ-01', 'DZ-04'], false],
    [['DZ-04'], true],
    [null, false],
  ])('zones %j -> %s', (zones, met) => {
    const r = check('danger_zone_resolved', () => {}, { zoneId: 'DZ-01' }, zones);
    expect(r.met).toBe(met);
  });
});

describe('evaluators mapped', () => {
  it('counts the evaluators whose influence is known', () => {
    const build = (k: K) => {
      k.evaluator('a', 'buyer_stated', { influence: ['high'] });
      k.evaluator('b', 'buyer_stated', { influence: ['low'] });
      k.evaluator('c', 'buyer_stated', { influence: ['unknown'] });
    };
    expect(check('evaluators_mapped', build, { count: 2 }).met).toBe(true);
    expect(check('evaluators_mapped', build, { count: 3 }).missing).toEqual([
      'Map 1 more evaluator with their influence on the decision',
    ]);
  });
});

describe('compelling event costed', () => {
  it('wants the date and the cost of delay from the buyer', () => {
    const cost = { amountMinor: 1_000_000, currency: 'USD', per: 'month' };
    expect(
      check('compelling_event_costed', (k) =>
        k.singleton('compelling_event', { eventDate: ['2027-03-01'], costOfDelay: [cost] }),
      ).met,
    ).toBe(true);
    const r = check('compelling_event_costed', (k) =>
      k.singleton('compelling_event', { eventDate: ['2027-03-01'], costOfDelay: [cost, 'seller_inference'] }),
    );
    expect(r.met).toBe(false);
    expect(r.missing).toHaveLength(1);
  });
});
