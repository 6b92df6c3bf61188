import { describe, expect, it } from 'vitest';
import { knowledge, type Fields } from './builder.ts';
import { evaluatorMatrix, preferenceGap } from './matrix.ts';
import { DEFAULT_OBJECTIVES, OBJECTIVE_KEYS, type ObjectiveKey } from './objectives.ts';
import { knowledgeCoverageIndex, scoreObjectives, weightedFitAdvantage, type OpportunityContext } from './scoring.ts';
import type { KnowledgeSnapshot } from './snapshot.ts';

const ASOF = '2026-11-20';
const ctx: OpportunityContext = { amountMinor: 10_000_000, currency: 'USD', expectedCloseDate: '2027-03-31' };
const score = (s: KnowledgeSnapshot, key: ObjectiveKey, context = ctx) =>
  scoreObjectives(s, context).find((o) => o.key === key)!;

type K = ReturnType<typeof knowledge>;
/** an evaluator with influence stated by a buyer */
const person = (k: K, contact: string, influence: string, extra: Fields = {}) =>
  k.evaluator(contact, 'buyer_stated', { influence: [influence], ...extra });

describe('every objective starts "not yet explored"', () => {
  it('gives K0, no position and the reason for every one on an empty opportunity', () => {
    const scores = scoreObjectives(knowledge(ASOF).snapshot(), ctx);
    expect(scores).toHaveLength(OBJECTIVE_KEYS.length);
    for (const s of scores)
      expect(s).toMatchObject({
        explored: false,
        knowledgeLevel: 0,
        position: null,
        knowledgeReasons: ['Not yet explored'],
      });
  });

  it('counts an explicit "unknown" as explored but still K0', () => {
    const k = knowledge(ASOF);
    k.singleton('funding', { budgetStatus: ['unknown'] });
    expect(score(k.snapshot(), 'funding_value')).toMatchObject({ explored: true, knowledgeLevel: 0, position: null });
  });
});

describe('IO1 business issues', () => {
  const build = (level: number, issueFields: Fields = {}) => {
    const k = knowledge(ASOF);
    const owner = person(k, 'c-cfo', 'high');
    const fields: Fields = { ...issueFields };
    if (level >= 3)
      Object.assign(fields, {
        owner: [owner],
        metric: [{ name: 'Close days', baseline: 12, target: 5, unit: 'days' }],
        impact: [{ amountMinor: 50_000_000, currency: 'USD', period: 'year' }],
      });
    if (level >= 4) fields.impactAgreed = [true, 'buyer_written'];
    k.item(
      'business_issue',
      level >= 2 ? 'buyer_stated' : 'seller_inference',
      { title: 'Month-end close takes 12 days', category: 'cost' },
      fields,
    );
    return k.snapshot();
  };
  it.each([1, 2, 3, 4])('reaches K%i', (level) => {
    expect(score(build(level), 'business_issues').knowledgeLevel).toBe(level);
  });

  it('stays at K2 when the owner has low influence', () => {
    const k = knowledge(ASOF);
    const clerk = person(k, 'c-clerk', 'low');
    k.item(
      'business_issue',
      'buyer_stated',
      { title: 'Errors' },
      {
        owner: [clerk],
        metric: [{ name: 'Errors', baseline: 9, target: 1, unit: '%' }],
        impact: [{ amountMinor: 1, currency: 'USD', period: 'year' }],
      },
    );
    expect(score(k.snapshot(), 'business_issues').knowledgeLevel).toBe(2);
  });

  it('stays at K2 when the impact was stated long ago (stale)', () => {
    const k = knowledge(ASOF);
    const owner = person(k, 'c-cfo', 'high');
    k.item(
      'business_issue',
      'buyer_stated',
      { title: 'Churn' },
      {
        owner: [owner],
        metric: [{ name: 'Churn', baseline: 9, target: 5, unit: '%' }],
        impact: [
          { amountMinor: 1, currency: 'USD', period: 'year' },
          { source: 'buyer_stated', on: '2026-01-10' },
        ],
      },
    );
    expect(score(k.snapshot(), 'business_issues').knowledgeLevel).toBe(2);
  });

  it.each([
    [
      2,
      {
        priority: ['top3_initiative'],
        ourImpact: ['unique'],
        impact: [{ amountMinor: 30_000_000, currency: 'USD', period: 'year' }],
      },
    ],
    [1, { priority: ['important'], ourImpact: ['strong'] }],
    [0, { priority: ['nice_to_have'], ourImpact: ['strong'] }],
    [-2, { priority: ['top3_initiative'], ourImpact: ['none'] }],
  ] as const)('positions %i', (expected, fields) => {
    const k = knowledge(ASOF);
    const owner = person(k, 'c-cfo', 'high');
    k.item('business_issue', 'buyer_stated', { title: 'Issue' }, { owner: [owner], ...(fields as Fields) });
    expect(score(k.snapshot(), 'business_issues').position).toBe(expected);
  });

  it('positions -1 when the issue is owned only by a low-influence contact', () => {
    const k = knowledge(ASOF);
    const clerk = person(k, 'c-clerk', 'low');
    k.item('business_issue', 'buyer_stated', { title: 'Issue' }, { owner: [clerk] });
    expect(score(k.snapshot(), 'business_issues').position).toBe(-1);
  });

  it('does not count an impact in another currency as dwarfing the price', () => {
    const k = knowledge(ASOF);
    const owner = person(k, 'c-cfo', 'high');
    k.item(
      'business_issue',
      'buyer_stated',
      { title: 'Issue' },
      {
        owner: [owner],
        priority: ['top3_initiative'],
        ourImpact: ['unique'],
        impact: [{ amountMinor: 90_000_000, currency: 'EUR', period: 'year' }],
      },
    );
    expect(score(k.snapshot(), 'business_issues').position).toBe(1);
  });
});

describe('IO2 compelling event', () => {
  it.each([
    [1, { description: ['Audit finding', 'seller_inference'] }],
    [2, { eventDate: ['2027-02-01'] }],
    [3, { type: ['regulatory'], eventDate: ['2027-02-01'], owner: ['OWNER'], description: ['New regulation'] }],
    [
      4,
      {
        type: ['regulatory'],
        eventDate: ['2027-02-01', 'buyer_written'],
        owner: ['OWNER'],
        description: ['New regulation'],
      },
    ],
  ] as const)('reaches K%i', (level, fields) => {
    const k = knowledge(ASOF);
    const owner = person(k, 'c-coo', 'high');
    const resolved: Fields = Object.fromEntries(
      Object.entries(fields).map(([f, [v, s]]) => [f, [v === 'OWNER' ? owner : v, s] as const]),
    );
    k.singleton('compelling_event', resolved);
    expect(score(k.snapshot(), 'compelling_event').knowledgeLevel).toBe(level);
  });

  it.each([
    [2, 'contract_expiry', true, 'high'],
    [1, 'contract_expiry', false, 'high'],
    [1, 'leadership_mandate', false, 'high'],
    [0, 'leadership_mandate', false, 'low'],
    [-2, 'none', false, 'high'],
  ] as const)(
    'positions %i for a %s event (cost of delay known: %s, owner influence %s)',
    (expected, type, costKnown, influence) => {
      const k = knowledge(ASOF);
      const owner = person(k, 'c-owner', influence);
      k.singleton('compelling_event', {
        type: [type],
        eventDate: ['2027-01-31'],
        owner: [owner],
        ...(costKnown ? { costOfDelay: [{ amountMinor: 2_000_000, currency: 'USD', per: 'month' }] } : {}),
      });
      expect(score(k.snapshot(), 'compelling_event').position).toBe(expected);
    },
  );

  it('positions -2 when only we believe the date', () => {
    const k = knowledge(ASOF);
    k.singleton('compelling_event', { eventDate: ['2027-01-31', 'seller_inference'] });
    expect(score(k.snapshot(), 'compelling_event')).toMatchObject({ knowledgeLevel: 1, position: -2 });
  });
});

describe('IO3 buying group', () => {
  const group = (level: number) => {
    const k = knowledge(ASOF);
    const cfo = k.evaluator(
      'c-cfo',
      { source: 'buyer_stated', by: 'c-champ' },
      level >= 2 ? { roles: [['economic_buyer'], { source: 'buyer_stated', by: 'c-champ' }] } : {},
    );
    if (level >= 2) {
      const champ = k.evaluator(
        'c-champ',
        { source: 'buyer_stated', by: 'c-champ' },
        { roles: [['influencer'], { source: 'buyer_stated', by: 'c-champ' }] },
      );
      if (level >= 3) {
        k.set(cfo, 'influence', 'high', { source: 'buyer_stated', by: 'c-it' });
        k.set(champ, 'influence', 'medium', { source: 'buyer_stated', by: 'c-champ' });
      }
      if (level >= 4) {
        k.set(cfo, 'coverage', 'multiple');
        k.singleton('buying_group', { completeConfirmed: [true, 'buyer_written'] });
      }
    }
    return k.snapshot();
  };
  it.each([1, 2, 3, 4])('reaches K%i', (level) => {
    expect(score(group(level), 'buying_group').knowledgeLevel).toBe(level);
  });

  it('stays at K2 when only one buyer drew the map', () => {
    const k = knowledge(ASOF);
    const a = k.evaluator(
      'c-a',
      { source: 'buyer_stated', by: 'c-a' },
      {
        roles: [['economic_buyer'], { source: 'buyer_stated', by: 'c-a' }],
        influence: ['high', { source: 'buyer_stated', by: 'c-a' }],
      },
    );
    k.evaluator(
      'c-b',
      { source: 'buyer_stated', by: 'c-a' },
      {
        roles: [['user_evaluator'], { source: 'buyer_stated', by: 'c-a' }],
        influence: ['low', { source: 'buyer_stated', by: 'c-a' }],
      },
    );
    expect(a).toBeTruthy();
    expect(score(k.snapshot(), 'buying_group').knowledgeLevel).toBe(2);
  });

  it.each([
    [2, ['in_depth', 'in_depth']],
    [1, ['multiple', 'in_depth']],
    [-1, ['brief', 'in_depth']],
    [-1, ['unknown', 'in_depth']],
    [-2, ['none', 'in_depth']],
  ] as const)('positions %i when coverage of the high-influence evaluators is %j', (expected, coverage) => {
    const k = knowledge(ASOF);
    coverage.forEach((c, i) => person(k, `c-${i}`, 'high', { coverage: [c] }));
    person(k, 'c-low', 'low', { coverage: ['none'] });
    expect(score(k.snapshot(), 'buying_group').position).toBe(expected);
  });
});

describe('IO4 evaluator stance', () => {
  it.each([
    [1, { source: 'seller_inference' }],
    [2, { source: 'buyer_secondhand', by: 'c-other' }],
    [2, { source: 'buyer_stated', by: 'c-other' }],
    [3, { source: 'buyer_stated', by: 'c-cfo' }],
    [2, { source: 'buyer_stated', by: 'c-cfo', on: '2026-09-01' }],
    [4, { source: 'buyer_action', by: 'c-cfo' }],
  ] as const)("reaches K%i when the only evaluator's preference is known from %j", (level, said) => {
    const k = knowledge(ASOF);
    const cfo = person(k, 'c-cfo', 'high');
    k.set(cfo, 'favours', 'us', said);
    // second-hand reports count as assumptions (K1)
    expect(score(k.snapshot(), 'evaluator_stance').knowledgeLevel).toBe(said.source === 'buyer_secondhand' ? 1 : level);
  });

  it('weights the mean by influence', () => {
    const k = knowledge(ASOF);
    const high = person(k, 'c-high', 'high');
    person(k, 'c-low', 'low');
    k.set(high, 'favours', 'us', { source: 'buyer_action', by: 'c-high' });
    // (3·4 + 1·0) / 4 = 3
    expect(score(k.snapshot(), 'evaluator_stance').knowledgeLevel).toBe(3);
  });

  const stance = (favours: Array<[string, string]>, ebSupport?: string) => {
    const k = knowledge(ASOF);
    const rival = k.item('alternative', 'buyer_stated', { title: 'Rival', category: 'competitor' });
    favours.forEach(([influence, pick], i) => {
      const id = person(
        k,
        `c-${i}`,
        influence,
        i === 0 && ebSupport ? { roles: [['economic_buyer']], support: [ebSupport] } : {},
      );
      k.set(id, 'favours', pick === 'rival' ? rival : pick, { source: 'buyer_stated', by: `c-${i}` });
    });
    return k.snapshot();
  };
  it.each([
    [
      2,
      [
        ['high', 'us'],
        ['medium', 'us'],
        ['low', 'rival'],
      ],
      'supporter',
    ],
    [
      1,
      [
        ['high', 'us'],
        ['medium', 'us'],
        ['low', 'rival'],
      ],
      undefined,
    ],
    [
      1,
      [
        ['medium', 'us'],
        ['low', 'rival'],
      ],
      undefined,
    ],
    [
      0,
      [
        ['medium', 'us'],
        ['medium', 'rival'],
      ],
      undefined,
    ],
    [
      -1,
      [
        ['medium', 'rival'],
        ['low', 'us'],
      ],
      undefined,
    ],
    [
      -2,
      [
        ['high', 'rival'],
        ['medium', 'us'],
        ['medium', 'us'],
      ],
      undefined,
    ],
  ] as const)('positions %i for preferences %j', (expected, favours, ebSupport) => {
    expect(score(stance(favours as unknown as Array<[string, string]>, ebSupport), 'evaluator_stance').position).toBe(
      expected,
    );
  });
});

describe('IO5 champion and access to power', () => {
  const power = (setup: (k: K, champ: string, cfo: string, pa: () => string) => void, context = ctx) => {
    const k = knowledge(ASOF);
    const champ = person(k, 'c-champ', 'medium');
    const cfo = person(k, 'c-cfo', 'high');
    setup(k, champ, cfo, () => k.singleton('power_access'));
    return score(k.snapshot(), 'champion_power', context);
  };
  it.each([
    [1, (k: K, _c: string, cfo: string) => k.singleton('power_access', { economicBuyer: [cfo, 'seller_inference'] })],
    [2, (k: K, _c: string, cfo: string) => k.singleton('power_access', { economicBuyer: [cfo] })],
    [
      3,
      (k: K, c: string, cfo: string) => {
        k.singleton('power_access', { economicBuyer: [cfo], ebMet: [false] });
        k.set(c, 'testSharesInsideInfo', 'passed', 'buyer_written');
      },
    ],
    [
      4,
      (k: K, c: string, cfo: string) => {
        k.singleton('power_access', {
          economicBuyer: [cfo],
          ebMet: [true],
          ebConfirmedPriority: [true, 'buyer_action'],
        });
        k.set(c, 'testPower', 'passed', 'buyer_action');
      },
    ],
  ])('reaches K%i', (level, setup) => {
    expect(power(setup).knowledgeLevel).toBe(level);
  });

  it('does not count a test "passed" on our word alone', () => {
    const result = power((k, c, cfo) => {
      k.singleton('power_access', { economicBuyer: [cfo], ebMet: [false] });
      k.set(c, 'testPower', 'passed', 'seller_inference');
    });
    expect(result).toMatchObject({ knowledgeLevel: 2, position: -1 });
  });

  it.each([
    [
      2,
      (k: K, c: string, cfo: string) => {
        for (const t of ['testPower', 'testAccess', 'testSellsInternally', 'testVestedInterest'])
          k.set(c, t, 'passed', 'buyer_action');
        k.singleton('power_access', { economicBuyer: [cfo], ebMet: [true], ebConfirmedPriority: [true] });
      },
    ],
    [
      1,
      (k: K, c: string, cfo: string) => {
        k.set(c, 'testPower', 'passed', 'buyer_action');
        k.singleton('power_access', { economicBuyer: [cfo] });
      },
    ],
    [
      0,
      (k: K, c: string, cfo: string) => {
        k.set(c, 'testSharesInsideInfo', 'passed', 'buyer_written');
        k.singleton('power_access', { economicBuyer: [cfo] });
      },
    ],
    [-1, (k: K, _c: string, cfo: string) => k.singleton('power_access', { economicBuyer: [cfo] })],
    [
      -2,
      (k: K, c: string, cfo: string) => {
        k.set(c, 'testSharesInsideInfo', 'passed', 'buyer_written');
        k.singleton('power_access', { economicBuyer: [cfo], counterChampion: [cfo] });
      },
    ],
  ])('positions %i', (expected, setup) => {
    expect(power(setup).position).toBe(expected);
  });

  it('positions -2 when the economic buyer is unknown with the close under 60 days away', () => {
    const result = power((k, c) => k.set(c, 'testPower', 'passed', 'buyer_action'), {
      ...ctx,
      expectedCloseDate: '2026-12-20',
    });
    expect(result.position).toBe(-2);
  });
});

describe('IO6 alternatives', () => {
  it.each([
    [1, 'seller_inference', false, false],
    [2, 'buyer_stated', false, false],
    [3, 'buyer_stated', true, false],
    [4, 'buyer_stated', true, true],
  ] as const)('reaches K%i', (level, named, standing, confirmed) => {
    const k = knowledge(ASOF);
    const rival = k.item(
      'alternative',
      named,
      { title: 'Rival', category: 'competitor' },
      standing ? { status: ['shortlisted'] } : {},
    );
    const cfo = person(k, 'c-cfo', 'high');
    if (standing) k.set(cfo, 'favours', rival, { source: 'buyer_stated', by: 'c-cfo' });
    if (confirmed) k.singleton('competition', { shortlisted: [true, 'buyer_written'] });
    expect(score(k.snapshot(), 'alternatives').knowledgeLevel).toBe(level);
  });

  const position = (setup: (k: K, rival: string) => void) => {
    const k = knowledge(ASOF);
    const rival = k.item('alternative', 'buyer_stated', { title: 'Rival', category: 'competitor' });
    setup(k, rival);
    return score(k.snapshot(), 'alternatives').position;
  };
  it.each([
    [2, (k: K) => k.singleton('competition', { customerPreference: ['us'] })],
    [1, (k: K) => k.set(person(k, 'c-a', 'high'), 'favours', 'us')],
    [0, () => undefined],
    [-1, (k: K, rival: string) => k.set(person(k, 'c-a', 'high'), 'favours', rival)],
    [-1, (k: K, rival: string) => k.singleton('competition', { customerPreference: [rival] })],
    [
      -2,
      (k: K, rival: string) => {
        k.set(rival, 'shapedRequirements', true);
        k.set(person(k, 'c-a', 'high'), 'favours', rival);
      },
    ],
    [-2, (k: K) => k.singleton('competition', { shortlisted: [false] })],
  ])('positions %i', (expected, setup) => {
    expect(position(setup)).toBe(expected);
  });
});

describe('IO7 decision criteria', () => {
  it.each([1, 2, 3, 4])('reaches K%i', (level) => {
    const k = knowledge(ASOF);
    const cto = person(k, 'c-cto', 'high');
    const source = level >= 4 ? 'buyer_written' : level >= 2 ? 'buyer_stated' : 'seller_inference';
    const fields: Record<string, [unknown]> = {};
    if (level >= 3) Object.assign(fields, { weight: [40], caresAbout: [[cto]] });
    if (level >= 4) Object.assign(fields, { authoredBy: ['us'], mandatory: [true] });
    const c = k.item('criterion', source, { title: 'SSO with our identity provider', category: 'formal' }, fields);
    if (level >= 4) k.set(c, 'fit', 'meets', 'buyer_stated', 'us');
    expect(score(k.snapshot(), 'decision_criteria').knowledgeLevel).toBe(level);
  });

  const criteria = (
    rows: Array<{ weight: number; us: string; rival: string; mandatory?: boolean; author?: string }>,
  ) => {
    const k = knowledge(ASOF);
    const rival = k.item('alternative', 'buyer_stated', { title: 'Rival', category: 'competitor' });
    rows.forEach((r, i) => {
      const c = k.item(
        'criterion',
        'buyer_stated',
        { title: `Criterion ${i}`, category: 'formal' },
        {
          weight: [r.weight],
          ...(r.mandatory ? { mandatory: [true] } : {}),
          ...(r.author ? { authoredBy: [r.author] } : {}),
        },
      );
      k.set(c, 'fit', r.us, 'buyer_stated', 'us');
      k.set(c, 'fit', r.rival, 'buyer_stated', rival);
    });
    return k.snapshot();
  };

  it('computes the weighted fit advantage', () => {
    // (60·(3−2) + 40·(1−2)) / (3·100) = 20/300
    const s = criteria([
      { weight: 60, us: 'exceeds', rival: 'meets' },
      { weight: 40, us: 'partial', rival: 'meets' },
    ]);
    expect(weightedFitAdvantage(s)).toBeCloseTo(20 / 300);
  });

  it.each([
    [2, [{ weight: 50, us: 'exceeds', rival: 'meets', author: 'us' }]],
    [1, [{ weight: 50, us: 'exceeds', rival: 'meets' }]],
    [0, [{ weight: 50, us: 'meets', rival: 'meets' }]],
    [-1, [{ weight: 50, us: 'partial', rival: 'meets' }]],
    [-2, [{ weight: 50, us: 'partial', rival: 'meets', author: 'competitor' }]],
    [
      -2,
      [
        { weight: 90, us: 'exceeds', rival: 'partial' },
        { weight: 10, us: 'fails', rival: 'meets', mandatory: true },
      ],
    ],
  ])('positions %i', (expected, rows) => {
    expect(score(criteria(rows), 'decision_criteria').position).toBe(expected);
  });
});

describe('IO8 decision process', () => {
  const process = (
    steps: Array<{ type: string; planned?: string; status?: string; owner?: boolean }>,
    extra: (k: K) => void = () => undefined,
    context = ctx,
  ) => {
    const k = knowledge(ASOF);
    const owner = person(k, 'c-owner', 'medium');
    for (const st of steps) {
      k.item(
        'decision_step',
        'buyer_stated',
        { title: st.type, category: st.type },
        {
          ...(st.planned ? { plannedDate: [st.planned] } : {}),
          ...(st.status ? { status: [st.status] } : {}),
          ...(st.owner !== false ? { owner: [owner] } : {}),
        },
      );
    }
    extra(k);
    return score(k.snapshot(), 'decision_process', context);
  };

  it('reaches K2 with steps described, K3 with owned and dated steps incl. the paper process, K4 with an agreed plan', () => {
    expect(process([{ type: 'evaluation', owner: false }]).knowledgeLevel).toBe(2);
    const dated = [
      { type: 'security_review', planned: '2027-01-15' },
      { type: 'legal', planned: '2027-02-15' },
    ];
    expect(process(dated).knowledgeLevel).toBe(3);
    expect(
      process(dated, (k) => k.singleton('decision_process', { mutualPlanAgreed: [true, 'buyer_action'] }))
        .knowledgeLevel,
    ).toBe(4);
    expect(
      process([
        { type: 'security_review', planned: '2027-01-15' },
        { type: 'evaluation', planned: '2027-02-15' },
      ]).knowledgeLevel,
    ).toBe(2);
  });

  it.each([
    [2, [{ type: 'legal', planned: '2027-02-01' }], true],
    [1, [{ type: 'legal', planned: '2027-02-01' }], false],
    [0, [{ type: 'legal' }], false],
    [-1, [{ type: 'legal', planned: '2026-11-01' }], false],
    [-2, [{ type: 'signature', planned: '2027-05-01' }], false],
  ])('positions %i', (expected, steps, plan) => {
    expect(
      process(steps, (k) => (plan ? k.singleton('decision_process', { mutualPlanAgreed: [true] }) : undefined))
        .position,
    ).toBe(expected);
  });

  it('counts a process whose steps are all done as on track', () => {
    expect(
      process([
        { type: 'evaluation', planned: '2026-10-01', status: 'done' },
        { type: 'legal', planned: '2026-11-01', status: 'done' },
      ]).position,
    ).toBe(1);
  });

  it('does not count a finished step as late', () => {
    expect(
      process([
        { type: 'evaluation', planned: '2026-10-01', status: 'done' },
        { type: 'legal', planned: '2027-01-10' },
      ]).position,
    ).toBe(1);
  });
});

describe('IO9 funding and value', () => {
  it.each([
    [1, { fundingSource: ['Ops budget', 'seller_inference'] }],
    [2, { budgetStatus: ['identified_not_approved'] }],
    [3, { budgetStatus: ['identified_not_approved'], budgetOwner: ['OWNER'], valueAgreed: [true] }],
    [4, { budgetStatus: ['allocated', 'buyer_written'], budgetOwner: ['OWNER'], valueAgreed: [true] }],
  ] as const)('reaches K%i', (level, fields) => {
    const k = knowledge(ASOF);
    const owner = person(k, 'c-cfo', 'high');
    k.singleton(
      'funding',
      Object.fromEntries(Object.entries(fields).map(([f, [v, s]]) => [f, [v === 'OWNER' ? owner : v, s]])) as Fields,
    );
    expect(score(k.snapshot(), 'funding_value').knowledgeLevel).toBe(level);
  });

  it.each([
    [
      2,
      {
        budgetStatus: ['allocated'],
        priceVsBudget: ['within'],
        valueToCustomer: [{ amountMinor: 40_000_000, currency: 'USD', period: 'year' }],
      },
    ],
    [1, { budgetStatus: ['allocated'], priceVsBudget: ['within'] }],
    [0, { budgetStatus: ['identified_not_approved'] }],
    [-1, { budgetStatus: ['must_be_created'] }],
    [-2, { budgetStatus: ['none'] }],
    [-2, { budgetStatus: ['allocated'], priceVsBudget: ['well_above'] }],
  ] as const)('positions %i', (expected, fields) => {
    const k = knowledge(ASOF);
    k.singleton('funding', fields as Fields);
    expect(score(k.snapshot(), 'funding_value').position).toBe(expected);
  });
});

describe('the evaluator x alternative matrix', () => {
  it('weights influence, the economic buyer and guesses, and keeps an unknown share', () => {
    const k = knowledge(ASOF);
    const rival = k.item('alternative', 'buyer_stated', { title: 'Rival', category: 'competitor' });
    const cfo = person(k, 'c-cfo', 'high', { roles: [['economic_buyer']] });
    const it = person(k, 'c-it', 'medium');
    const user = person(k, 'c-user', 'low');
    person(k, 'c-quiet', 'medium');
    k.set(cfo, 'favours', rival, { source: 'buyer_stated', by: 'c-cfo' });
    k.set(it, 'favours', 'us', { source: 'buyer_stated', by: 'c-it' });
    k.set(user, 'favours', 'us', 'seller_inference');
    const m = evaluatorMatrix(k.snapshot());
    // weights: cfo 3·1.5 = 4.5, it 2, user 1·⅓ (our inference counts a third of his own word), quiet 2
    const guess = 1 / 3;
    m.rows.map((r) => r.weight).forEach((w, i) => expect(w).toBeCloseTo([4.5, 2, guess, 2][i]!, 12));
    const total = 8.5 + guess;
    const share = (id: string) => m.shares.find((s) => s.alternativeId === id)!.share;
    expect(share('us')).toBeCloseTo((2 + guess) / total);
    expect(share(rival)).toBeCloseTo(4.5 / total);
    expect(m.unknownShare).toBeCloseTo(2 / total);
    expect(preferenceGap(m)).toBeCloseTo((2 + guess - 4.5) / total);
  });
});

describe('history: knowledge as of a date', () => {
  it('replays facts recorded up to that day, the latest winning, retired items gone', () => {
    const k = knowledge(ASOF);
    const cfo = k.evaluator('c-cfo', { source: 'buyer_stated', on: '2026-10-01' });
    k.set(cfo, 'influence', 'medium', { source: 'buyer_stated', on: '2026-10-05' });
    k.set(cfo, 'influence', 'high', { source: 'buyer_stated', on: '2026-11-10' });
    const gone = k.item('alternative', { source: 'buyer_stated', on: '2026-10-02' }, { title: 'Old rival' });
    k.retire(gone, '2026-11-01');
    const early = k.snapshot('2026-10-20');
    expect(early.known(cfo, 'influence')).toBe('medium');
    expect(early.itemsOf('alternative')).toHaveLength(1);
    const late = k.snapshot('2026-11-15');
    expect(late.known(cfo, 'influence')).toBe('high');
    expect(late.itemsOf('alternative')).toHaveLength(0);
    expect(k.snapshot('2026-09-30').items).toHaveLength(0);
  });
});

describe('the Knowledge Coverage Index', () => {
  it('is the weighted mean of K/4', () => {
    const scores = scoreObjectives(knowledge(ASOF).snapshot(), ctx).map((s) => ({
      ...s,
      knowledgeLevel: s.key === 'champion_power' ? (4 as const) : (0 as const),
    }));
    const total = DEFAULT_OBJECTIVES.reduce((sum, o) => sum + o.weight, 0);
    expect(knowledgeCoverageIndex(scores, DEFAULT_OBJECTIVES)).toBeCloseTo(1.3 / total);
    expect(
      knowledgeCoverageIndex(
        scores.map((s) => ({ ...s, knowledgeLevel: 4 as const })),
        DEFAULT_OBJECTIVES,
      ),
    ).toBe(1);
  });
});
