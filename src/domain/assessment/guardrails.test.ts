import { describe, expect, it } from 'vitest';
import { knowledge } from '../knowledge/builder.ts';
import { DEFAULT_OBJECTIVES } from '../knowledge/objectives.ts';
import { US } from '../knowledge/schema.ts';
import { guardrails, probabilityAtPoints, probabilityOf, quickProbability, winProbabilityOf } from './assess.ts';
import { DANGER_ZONE_RULES } from './catalog.ts';
import { assess, type AssessmentContext, type EngineSetup } from './engine.ts';
import { CAPS, priorModel, type CapKey } from './model.ts';
import { computeSignals, type Signals } from './signals.ts';

// Every guardrail of CAP_TABLE: on which signals it applies, on which it does not (buyer evidence
// of the opposite included), and the words it gives. The cases are keyed by the table's own keys,
// so a guardrail added without cases fails the type-check.

/** A deal where no guardrail applies: everything material known, the economic buyer met and behind us, not near-certain. */
const CLEAR: Signals = {
  ebIdentified: true,
  ebMet: true,
  ebEngaged: true,
  ebSupport: 'supporter',
  ebResponseMode: 'growth',
  ebFavoursOther: false,
  ebBacksUsFirstHand: true,
  ebShowsIntent: true,
  budgetUnknown: false,
  budgetStatus: 'allocated',
  budgetOwnerKnown: true,
  processKnown: true,
  alternativesKnown: true,
  compellingEventType: 'regulatory',
  customerPreference: US,
  paperProcessKnown: true,
  signatoryKnown: true,
  weEliminated: false,
  mandatoryFail: false,
  late: true,
  largeDeal: false,
  daysToClose: 20,
  otherReceptiveHigh: 0,
};

const CASES: Record<CapKey, { applies: Signals[]; not: Signals[]; words: RegExp }> = {
  eliminated: {
    applies: [{ weEliminated: true }],
    not: [{ weEliminated: false }],
    words: /taken us off the shortlist/,
  },
  mandatoryFail: { applies: [{ mandatoryFail: true }], not: [{}], words: /must-have/ },
  noBudgetNoOwnerNoEvent: {
    applies: [
      { budgetStatus: 'none', budgetOwnerKnown: false, compellingEventType: 'none' },
      { budgetStatus: 'none', budgetOwnerKnown: false, compellingEventType: 'unknown' },
    ],
    not: [
      { budgetStatus: 'none', budgetOwnerKnown: true, compellingEventType: 'none' },
      // a renewal's contract end is an event
      { budgetStatus: 'none', budgetOwnerKnown: false, compellingEventType: 'contract_expiry' },
    ],
    words: /No budget/,
  },
  ebHostile: {
    applies: [
      { ebSupport: 'enemy', ebBacksUsFirstHand: false },
      { ebSupport: 'non_supporter', ebBacksUsFirstHand: false },
      { ebSupport: 'neutral', ebFavoursOther: true, ebBacksUsFirstHand: false },
    ],
    not: [
      { ebSupport: 'neutral' },
      // reported as favouring a rival, but he told us himself he backs us
      { ebSupport: 'supporter', ebFavoursOther: true, ebBacksUsFirstHand: true },
    ],
    words: /economic buyer (opposes us|favours another option)/,
  },
  ebNotReceptive: {
    applies: [
      { ebResponseMode: 'even_keel', otherReceptiveHigh: 0, ebShowsIntent: false },
      { ebResponseMode: 'overconfident', otherReceptiveHigh: 0, ebShowsIntent: false },
    ],
    not: [
      { ebResponseMode: 'even_keel', otherReceptiveHigh: 1, ebShowsIntent: false },
      // tagged "even keel", yet he supports us and put it on the board agenda himself
      { ebResponseMode: 'even_keel', otherReceptiveHigh: 0, ebShowsIntent: true },
      { ebResponseMode: 'trouble', otherReceptiveHigh: 0, ebShowsIntent: false },
    ],
    words: /sees no need to change/,
  },
  ebNeverMet: {
    applies: [
      { ebIdentified: true, ebMet: false, late: true, daysToClose: 12 },
      { ebIdentified: true, ebMet: null, late: false, largeDeal: true },
      { ebIdentified: false, ebMet: null, late: true, daysToClose: 30 },
    ],
    not: [
      { ebIdentified: true, ebMet: false, late: false, largeDeal: false },
      { ebIdentified: true, ebMet: true, late: true, largeDeal: true },
    ],
    words: /(never met the economic buyer|do not know who the economic buyer is), (this late|on a large deal)/,
  },
  materialUnknown: {
    applies: [{ ebIdentified: false }, { budgetUnknown: true }, { processKnown: false }, { alternativesKnown: false }],
    not: [{}],
    words: /^No better than even while we do not know /,
  },
  unprovenCertainty: {
    applies: [
      { customerPreference: null },
      { signatoryKnown: false },
      { paperProcessKnown: false },
      { ebEngaged: false },
    ],
    not: [{}],
    words: /^Above 95 % only with .*; still missing: /,
  },
  noDisqualifier: {
    applies: [{}],
    not: [{ weEliminated: true }, { mandatoryFail: true }],
    words: /does not put it below 2 %/,
  },
};

describe('guardrails (CAP_TABLE)', () => {
  it.each(CAPS.map((c) => [c.key, c] as const))('%s applies where it should, and only there', (key, cap) => {
    const cases = CASES[key as CapKey];
    for (const s of cases.applies) {
      expect(cap.applies({ ...CLEAR, ...s }), JSON.stringify(s)).toBe(true);
      expect(cap.describe({ ...CLEAR, ...s })).toMatch(cases.words);
      expect(cap.describe({ ...CLEAR, ...s })).not.toMatch(/[a-z][A-Z]|_/);
    }
    for (const s of cases.not) expect(cap.applies({ ...CLEAR, ...s }), JSON.stringify(s)).toBe(false);
  });

  it('leaves a clear deal to the floor alone: no cap applies', () => {
    expect(CAPS.filter((c) => c.bound === 'cap' && c.applies(CLEAR))).toEqual([]);
  });

  it.each([
    // signals, the cap that binds (the lowest), the floor
    [{ ebIdentified: false, ebMet: null }, 'ebNeverMet', 'noDisqualifier'],
    [{ budgetUnknown: true }, 'materialUnknown', 'noDisqualifier'],
    [{ signatoryKnown: false, ebSupport: 'enemy', ebBacksUsFirstHand: false }, 'ebHostile', 'noDisqualifier'],
    [{ mandatoryFail: true, ebSupport: 'enemy', ebBacksUsFirstHand: false }, 'mandatoryFail', undefined],
    [{ weEliminated: true, mandatoryFail: true }, 'eliminated', undefined],
  ] as const)('on %j the lowest cap is %s and the floor %s', (s, cap, floor) => {
    const found = guardrails({ ...CLEAR, ...s });
    expect(found.cap?.key).toBe(cap);
    expect(found.floor?.key).toBe(floor);
  });

  it('says below 2 % and above 95 % never happen on an open deal without the reasons for them', () => {
    // no disqualifier: every limit that applies keeps the figure within 2-95 %
    for (const key of ['ebNeverMet', 'materialUnknown', 'unprovenCertainty', 'ebHostile'] as const) {
      for (const s of CASES[key].applies) {
        const { cap, floor } = guardrails({ ...CLEAR, ...s });
        expect(floor?.limit).toBe(0.02);
        expect(cap!.limit).toBeLessThanOrEqual(0.95);
      }
    }
  });
});

const ASOF = '2026-11-20';
const ctx: AssessmentContext = {
  asOf: ASOF,
  createdOn: '2026-09-01',
  amountMinor: 10_000_000,
  currency: 'USD',
  expectedCloseDate: '2026-12-20',
  forecastCategory: 'best_case',
  dealType: 'new_logo',
  relationship: 'new',
  source: 'outbound',
  segment: '250-999',
  closeDatePushes: [],
  largeDealMinor: 50_000_000,
  expectedCycleDays: 120,
  stageProbability: 60,
  sellerProbability: null,
  sellerBias: null,
};
const setup: EngineSetup = { model: priorModel(0.45), objectives: DEFAULT_OBJECTIVES, rules: DANGER_ZONE_RULES };

type K = ReturnType<typeof knowledge>;

/** A deal with a buying group of three, a named rival, a compelling event and a process. */
function deal(options: { ebMet?: boolean; ebSupport?: string; ebSaid?: 'buyer_stated' | 'buyer_secondhand' } = {}): K {
  const k = knowledge(ASOF, { observedOn: '2026-11-10' });
  const cfo = k.evaluator('c-cfo', 'buyer_stated', {
    influence: ['high'],
    roles: [['economic_buyer']],
    support: [options.ebSupport ?? 'neutral', { source: options.ebSaid ?? 'buyer_stated', by: 'c-cfo' }],
  });
  k.evaluator('c-champ', 'buyer_stated', {
    influence: ['high'],
    favours: [US, { source: 'buyer_stated', by: 'c-champ' }],
    support: ['supporter'],
    responseMode: ['growth'],
  });
  k.evaluator('c-it', 'buyer_stated', { influence: ['medium'], favours: [US, { source: 'buyer_stated', by: 'c-it' }] });
  k.singleton('power_access', { economicBuyer: [cfo], ebMet: [options.ebMet ?? true, 'buyer_action'] });
  k.item('alternative', 'buyer_stated', { title: 'Rival Corp', category: 'competitor' }, { status: ['evaluating'] });
  k.singleton('compelling_event', { type: ['regulatory'], eventDate: ['2027-01-31'], owner: [cfo] });
  k.singleton('funding', { budgetStatus: ['allocated', 'buyer_written'], budgetOwner: [cfo] });
  k.item('decision_step', 'buyer_stated', { title: 'Security review', category: 'security_review' }, {});
  return k;
}

describe('the probability on real knowledge', () => {
  it('holds a hostile economic buyer we never met at 20 %, up-sell or not, price above budget', () => {
    for (const dealType of ['upsell', 'new_logo'] as const) {
      const k = deal({ ebMet: false, ebSupport: 'enemy', ebSaid: 'buyer_secondhand' });
      k.singleton('funding', { priceVsBudget: ['above'] });
      const a = assess(
        k.snapshot(),
        { ...ctx, dealType, relationship: 'current' },
        { ...setup, model: priorModel(0.7) },
      );
      expect(a.winProbability).toBeLessThanOrEqual(0.2);
      expect(a.cap?.key).toBe('ebHostile');
    }
  });

  it('keeps an open deal nothing rules out at 2 % or more, and says why', () => {
    const k = deal({ ebSupport: 'neutral' });
    const a = assess(k.snapshot(), ctx, { ...setup, model: { ...priorModel(0.45), intercept: -9 } });
    expect(a.uncappedProbability).toBeLessThan(0.02);
    expect(a.winProbability).toBe(0.02);
    expect(a.floor).toMatchObject({ key: 'noDisqualifier', limit: 0.02 });
    expect(a.band[0]).toBeCloseTo(0.02, 12);
  });

  it('lets a disqualified deal fall below 2 %', () => {
    const k = deal();
    k.singleton('competition', { shortlisted: [false, 'buyer_written'] });
    const a = assess(k.snapshot(), ctx, setup);
    expect(a.winProbability).toBe(0);
    expect(a.floor).toBeNull();
  });

  it('shows more than 95 % only with a verbal award, the paper process under way and a committed economic buyer', () => {
    const k = deal({ ebSupport: 'supporter' });
    const pa = k.snapshot().singleton('power_access')!.id;
    k.set(pa, 'ebConfirmedPriority', true, 'buyer_action');
    const sure = { ...setup, model: { ...priorModel(0.45), intercept: 5 } };
    const before = assess(k.snapshot(), ctx, sure);
    expect(before.uncappedProbability).toBeGreaterThan(0.95);
    expect(before.winProbability).toBe(0.95);
    expect(before.cap?.reason).toMatch(/still missing: a verbal award .* and the paper process under way/);
    k.singleton('competition', { customerPreference: [US, 'buyer_stated'] });
    k.singleton('decision_process', { signatory: [k.snapshot().itemsOf('evaluator')[0]!.id] });
    k.item('decision_step', 'buyer_stated', { title: 'Contract', category: 'legal' }, {});
    const after = assess(k.snapshot(), ctx, sure);
    expect(after.cap).toBeNull();
    expect(after.winProbability).toBeGreaterThan(0.95);
  });

  it('gives the same figure on every path: full, what-if and from stored signals', () => {
    for (const k of [deal(), deal({ ebMet: false }), deal({ ebSupport: 'enemy' })]) {
      const set = computeSignals(k.snapshot(), ctx, DEFAULT_OBJECTIVES);
      const full = probabilityOf(set, ctx, setup.model);
      expect(winProbabilityOf(set.signals, ctx, setup.model)).toBe(full.winProbability);
      const quick = quickProbability(set.signals, set.kci, ctx, setup.model);
      expect(quick.winProbability).toBeCloseTo(full.winProbability, 12);
      expect(quick.band[0]).toBeCloseTo(full.band[0], 12);
      expect(quick.band[1]).toBeCloseTo(full.band[1], 12);
    }
  });
});

describe('stable, additive reasons', () => {
  // deals of several shapes; on each, one evaluator's stance changes (the IT lead turns to the rival)
  const shapes: Array<[string, () => K, Partial<AssessmentContext>]> = [
    ['a new customer with a compelling event', () => deal(), {}],
    ['a new customer whose economic buyer we never met', () => deal({ ebMet: false }), {}],
    [
      'a current customer, economic buyer behind us',
      () => deal({ ebSupport: 'supporter' }),
      { relationship: 'current' },
    ],
    [
      'an up-sell where nothing forces a decision',
      () => {
        const k = deal();
        k.set(k.snapshot().singleton('compelling_event')!.id, 'type', 'none');
        return k;
      },
      { dealType: 'upsell', relationship: 'current' },
    ],
  ];

  it.each(shapes)('%s: one stance changing leaves the other reasons as they were', (_label, build, context) => {
    const c = { ...ctx, ...context };
    const k = build();
    const before = assess(k.snapshot(), c, setup, { recommend: false });
    const it = k
      .snapshot()
      .itemsOf('evaluator')
      .find((e) => e.contactId === 'c-it')!.id;
    k.set(it, 'favours', k.snapshot().itemsOf('alternative')[0]!.id, { source: 'buyer_stated', by: 'c-it' });
    k.set(it, 'support', 'non_supporter', { source: 'buyer_stated', by: 'c-it' });
    const after = assess(k.snapshot(), c, setup, { recommend: false });
    expect(after.winProbability).not.toBe(before.winProbability);
    const points = (a: typeof before) => new Map(a.contributions.map((x) => [x.feature, x.points]));
    // the reasons the test holds steady are there to be held
    expect(points(before).has('compellingEvent') || points(before).has('noCompellingEvent')).toBe(true);
    expect(points(before).has('newLogo') || points(before).has('upsell') || c.relationship === 'current').toBe(true);
    for (const feature of [
      'newLogo',
      'compellingEvent',
      'noCompellingEvent',
      'competitorPresent',
      'upsell',
      'ebEngaged',
    ]) {
      expect(points(after).get(feature), feature).toBe(points(before).get(feature));
    }
    for (const a of [before, after]) {
      expect(a.contributions.reduce((s, x) => s + x.points, 0)).toBe(a.totalPoints);
      expect(probabilityAtPoints(a.baseProbability, a.totalPoints)).toBeCloseTo(a.uncappedProbability, 12);
    }
  });
});

describe('renewals on their own terms', () => {
  it.each([
    ['nothing recorded about the event', undefined],
    ['the customer says nothing forces them', 'none'],
    ['the contract expiry recorded', 'contract_expiry'],
  ] as const)('a renewal with %s counts its contract end as the compelling event', (_label, type) => {
    const k = deal();
    k.set(k.snapshot().singleton('compelling_event')!.id, 'type', type ?? 'unknown');
    const renewal = assess(k.snapshot(), { ...ctx, dealType: 'renewal', relationship: 'current' }, setup);
    const features = renewal.contributions.map((c) => c.feature);
    expect(features).toContain('compellingEvent');
    expect(features).not.toContain('noCompellingEvent');
    expect(renewal.contributions.find((c) => c.feature === 'compellingEvent')!.reason).toMatch(/contract/);
    expect(renewal.signals.compellingEventType).toBe('contract_expiry');
    if (type === 'none') {
      const newLogo = assess(k.snapshot(), { ...ctx, relationship: 'current' }, setup);
      expect(newLogo.contributions.map((c) => c.feature)).toContain('noCompellingEvent');
    }
  });
});
