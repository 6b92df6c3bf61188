import { describe, expect, it } from 'vitest';
import { createRandom } from '../random.ts';
import { knowledge, type Said } from '../knowledge/builder.ts';
import { DEFAULT_OBJECTIVES } from '../knowledge/objectives.ts';
import { US } from '../knowledge/schema.ts';
import { DANGER_ZONE_RULES } from './catalog.ts';
import { probabilityAtPoints, quickProbability } from './assess.ts';
import { compileRules } from './rules.ts';
import { assess, whatIf, type AssessmentContext, type EngineSetup } from './engine.ts';
import { hypothesisBuilder } from './hypothesis.ts';
import { priorModel } from './model.ts';
import { computeSignals } from './signals.ts';
import { fitWinModel, trainWinModel, type TrainingExample } from './training.ts';

const ASOF = '2026-11-20';
const ctx: AssessmentContext = {
  asOf: ASOF,
  createdOn: '2026-10-25',
  amountMinor: 10_000_000,
  currency: 'USD',
  expectedCloseDate: '2027-02-28',
  forecastCategory: 'pipeline',
  dealType: 'new_logo',
  relationship: 'current',
  source: 'outbound',
  segment: '250-999',
  closeDatePushes: [],
  largeDealMinor: 50_000_000,
  expectedCycleDays: 120,
  stageProbability: 40,
  sellerProbability: 70,
  sellerBias: null,
};
const setup: EngineSetup = { model: priorModel(0.45), objectives: DEFAULT_OBJECTIVES, rules: DANGER_ZONE_RULES };

type K = ReturnType<typeof knowledge>;

/** A deal we know well and that looks good. */
function strongDeal(): K {
  // learned over the last three weeks, a week after the deal opened
  const k = knowledge(ASOF, { observedOn: '2026-11-01' });
  const cfo = k.evaluator('c-cfo', 'buyer_stated', {
    influence: ['high'],
    roles: [['economic_buyer']],
    coverage: ['multiple'],
    favours: [US, { source: 'buyer_stated', by: 'c-cfo' }],
    support: ['supporter'],
    responseMode: ['growth'],
  });
  const champ = k.evaluator('c-champ', 'buyer_stated', {
    influence: ['high'],
    coverage: ['in_depth'],
    favours: [US, { source: 'buyer_stated', by: 'c-champ' }],
    support: ['mentor'],
  });
  for (const t of ['testPower', 'testAccess', 'testSellsInternally', 'testVestedInterest'])
    k.set(champ, t, 'passed', 'buyer_action');
  k.singleton('power_access', {
    economicBuyer: [cfo],
    ebMet: [true, 'buyer_action'],
    ebConfirmedPriority: [true, 'buyer_action'],
  });
  k.item(
    'business_issue',
    'buyer_stated',
    { title: 'Close takes 12 days', category: 'cost' },
    {
      owner: [cfo],
      priority: ['top3_initiative'],
      ourImpact: ['unique'],
      metric: [{ name: 'Days', baseline: 12, target: 5, unit: 'days' }],
      impact: [{ amountMinor: 40_000_000, currency: 'USD', period: 'year' }],
      impactAgreed: [true, 'buyer_written'],
    },
  );
  k.singleton('compelling_event', {
    type: ['regulatory'],
    eventDate: ['2027-03-31'],
    owner: [cfo],
    costOfDelay: [{ amountMinor: 2_000_000, currency: 'USD', per: 'month' }],
  });
  k.singleton('funding', {
    budgetStatus: ['allocated', 'buyer_written'],
    budgetOwner: [cfo],
    priceVsBudget: ['within'],
    pricingDiscussed: [true],
  });
  k.singleton('decision_process', {
    mutualPlanAgreed: [true, 'buyer_action'],
    signatory: [cfo],
    nextStep: ['Legal review'],
    nextStepDue: ['2026-11-27'],
    nextStepOwner: [champ],
    purchasingInvolved: [true],
  });
  const crit = k.item(
    'criterion',
    'buyer_written',
    { title: 'SSO', category: 'formal' },
    { weight: [50], caresAbout: [[champ]], mandatory: [true], authoredBy: ['us'] },
  );
  k.set(crit, 'fit', 'exceeds', 'buyer_stated', US);
  for (const [title, category, planned] of [
    ['Security review', 'security_review', '2026-12-15'],
    ['Contract', 'legal', '2027-02-01'],
  ] as const) {
    k.item('decision_step', 'buyer_stated', { title, category }, { owner: [champ], plannedDate: [planned] });
  }
  k.item('alternative', 'buyer_stated', { title: 'Keep the spreadsheets', category: 'do_nothing' });
  return k;
}

describe('assessing an opportunity', () => {
  it('gives a strong, well-known deal a high probability with a narrow band, beside the stage and seller figures', () => {
    const a = assess(strongDeal().snapshot(), ctx, setup);
    expect(a.winProbability).toBeGreaterThan(0.85);
    expect(a.band[0]).toBeLessThanOrEqual(a.winProbability);
    expect(a.band[1]).toBeGreaterThanOrEqual(a.winProbability);
    expect(a.stageProbability).toBe(40);
    expect(a.sellerProbability).toBe(70);
    expect(a.modelVersion).toBe('prior-1');
    expect(a.dangerZones.filter((z) => ['critical', 'high'].includes(z.severity))).toEqual([]);
  });

  it('treats a deal still unexplored two months in as weak, uncertain and full of danger', () => {
    const a = assess(knowledge(ASOF).snapshot(), { ...ctx, relationship: 'new', createdOn: '2026-09-20' }, setup);
    expect(a.winProbability).toBeLessThan(0.15);
    expect(a.band[1] - a.band[0]).toBeGreaterThan(
      assess(strongDeal().snapshot(), ctx, setup).band[1] - assess(strongDeal().snapshot(), ctx, setup).band[0],
    );
    expect(a.dangerZones.map((z) => z.id)).toEqual(expect.arrayContaining(['DZ-03', 'DZ-04']));
    expect(a.sellerGap).toBeGreaterThan(50);
    expect(a.dangerZones.map((z) => z.id)).toContain('DZ-26');
  });

  it('explains itself: scorecard points add up to the total, which the curve turns into the probability', () => {
    const a = assess(strongDeal().snapshot(), ctx, setup);
    const total = a.contributions.reduce((s, c) => s + c.points, 0);
    expect(total).toBe(a.totalPoints);
    expect(probabilityAtPoints(0.45, a.totalPoints)).toBeCloseTo(a.uncappedProbability, 12);
    // ten points double the odds: a reason's points are its log-odds on that scale
    for (const c of a.contributions) expect(c.points).toBeCloseTo((c.logOdds * 10) / Math.LN2, 12);
    const gap = a.contributions.find((c) => c.feature === 'prefShareGap')!;
    expect(gap.points).toBeGreaterThan(0);
    expect(gap.reason).toMatch(/leans our way/);
    expect(a.evidence.prefShareGap!.facts.length).toBeGreaterThan(0);
  });

  it.each([
    [
      'a failed must-have caps at 5 %',
      (k: K) => {
        const c = k.item(
          'criterion',
          'buyer_written',
          { title: 'On-premise only', category: 'formal' },
          { mandatory: [true], weight: [30] },
        );
        k.set(c, 'fit', 'fails', 'buyer_stated', US);
      },
      0.05,
    ],
    [
      'being dropped from the shortlist caps at 0 %',
      (k: K) => k.singleton('competition', { shortlisted: [false, 'buyer_written'] }),
      0,
    ],
  ])('%s', (_label, change, cap) => {
    const k = strongDeal();
    change(k);
    const a = assess(k.snapshot(), ctx, setup);
    expect(a.winProbability).toBeLessThanOrEqual(cap);
    expect(a.cap?.limit).toBe(cap);
    expect(a.cap?.reason).toMatch(/^[A-Z][a-z]/);
    expect(a.floor).toBeNull();
    expect(a.contributions.reduce((s, c) => s + c.points, 0)).toBe(a.totalPoints);
  });

  it('caps a deal with no budget, no owner and no compelling event at 15 %', () => {
    const k = knowledge(ASOF);
    k.singleton('funding', { budgetStatus: ['none'] });
    k.singleton('compelling_event', { type: ['none'] });
    const a = assess(k.snapshot(), { ...ctx, dealType: 'upsell' }, { ...setup, model: priorModel(0.95) });
    expect(a.winProbability).toBeLessThanOrEqual(0.15);
  });

  it.each([
    // what the economic buyer said or did himself outweighs the tag
    ['he himself backs us and confirmed the priority', 'buyer_stated', 'buyer_action', null],
    ['he confirmed the priority himself', 'seller_inference', 'buyer_action', null],
    ['his support is only reported and nothing is confirmed', 'buyer_secondhand', 'unknown', 0.2],
    ['his support is only our inference and nothing is confirmed', 'seller_inference', 'unknown', 0.2],
  ] as const)(
    'an economic buyer tagged "even keel", nobody else pushing: when %s, the cap is %s',
    (_label, supportSource, priority, cap) => {
      const k = strongDeal();
      const eb = k.snapshot().itemsOf('evaluator')[0]!.id;
      k.set(eb, 'responseMode', 'even_keel');
      k.set(eb, 'support', 'supporter', {
        source: supportSource,
        by: supportSource === 'buyer_stated' ? 'c-cfo' : 'c-x',
      });
      k.set(eb, 'favours', 'unknown');
      const pa = k.snapshot().singleton('power_access')!.id;
      k.set(
        pa,
        'ebConfirmedPriority',
        priority === 'unknown' ? 'unknown' : true,
        priority === 'unknown' ? 'seller_inference' : priority,
      );
      const a = assess(k.snapshot(), ctx, setup);
      expect(a.cap?.key === 'ebNotReceptive' ? a.cap.limit : null).toBe(cap);
      if (cap !== null) expect(a.winProbability).toBeLessThanOrEqual(cap);
    },
  );

  it('recommends the moves worth most, each with its question and whom to ask', () => {
    const k = knowledge(ASOF);
    const cfo = k.evaluator('c-cfo', 'buyer_stated', { influence: ['high'], roles: [['economic_buyer']] });
    const champ = k.evaluator('c-champ', 'buyer_stated', { influence: ['medium'], support: ['supporter'] });
    k.singleton('power_access', { economicBuyer: [cfo] });
    const names = new Map([
      [cfo, 'Carla CFO'],
      [champ, 'Chris Champion'],
    ]);
    const a = assess(k.snapshot(), ctx, setup, { names: (id) => names.get(id) ?? null });
    expect(a.recommendations.length).toBeGreaterThan(3);
    const priorities = a.recommendations.map((r) => r.priority);
    expect(priorities).toEqual([...priorities].sort((x, y) => y - x));
    const eb = a.recommendations.find((r) => r.id === 'confirm-economic-buyer-priority')!;
    // we have never met the economic buyer: the question goes through the champion, who is named
    expect(eb).toMatchObject({ ask: { role: 'champion', evaluatorId: champ }, via: expect.stringContaining('CFO') });
    expect(eb.gain).toBeGreaterThan(0);
    expect(a.recommendations.find((r) => r.id === 'test-champion')!.ask.role).toBe('champion');
  });
});

describe('the quick path used to re-assess many deals', () => {
  it.each([
    ['a strong deal', () => strongDeal().snapshot()],
    ['an unexplored deal', () => knowledge(ASOF).snapshot()],
    [
      'a capped deal',
      () => {
        const k = strongDeal();
        k.singleton('competition', { shortlisted: [false, 'buyer_written'] });
        return k.snapshot();
      },
    ],
  ])('gives the same probability and band as the full assessment for %s', (_label, make) => {
    const snapshot = make();
    const full = assess(snapshot, ctx, setup, { recommend: false });
    const quick = quickProbability(full.signals, full.coverageIndex, ctx, setup.model);
    expect(quick.winProbability).toBeCloseTo(full.winProbability, 12);
    expect(quick.band[0]).toBeCloseTo(full.band[0], 12);
    expect(quick.band[1]).toBeCloseTo(full.band[1], 12);
    expect(compileRules(DANGER_ZONE_RULES)(full.signals)).toEqual(
      full.dangerZones.map((z) => ({ id: z.id, severity: z.severity })),
    );
  });
});

describe('the economic buyer confirming the priority', () => {
  // a large deal closing soon, where access to the economic buyer is checked
  const late = { ...ctx, expectedCloseDate: '2026-12-20', amountMinor: 60_000_000 };
  const withConfirmation = (said: Said, met?: boolean) => {
    const k = knowledge(ASOF, { observedOn: '2026-11-10' });
    const cfo = k.evaluator('c-cfo', 'buyer_stated', { influence: ['high'], roles: [['economic_buyer']] });
    k.evaluator('c-champ', 'buyer_stated', { influence: ['medium'] });
    k.singleton('power_access', {
      economicBuyer: [cfo],
      ebConfirmedPriority: [true, said],
      ...(met === undefined ? {} : { ebMet: [met, 'seller_inference' as const] }),
    });
    return assess(k.snapshot(), late, setup);
  };

  it.each([
    ['he said it himself', true, { source: 'buyer_stated', by: 'c-cfo' }, undefined],
    ['he wrote it, nobody named', true, { source: 'buyer_written' }, undefined],
    ['he said it, though "not met" was logged before', true, { source: 'buyer_stated', by: 'c-cfo' }, false],
    ['the champion reported it', false, { source: 'buyer_secondhand', by: 'c-champ' }, undefined],
    ['someone else said it', false, { source: 'buyer_stated', by: 'c-champ' }, undefined],
    ['we inferred it', false, { source: 'seller_inference' }, undefined],
  ] as const)('when %s, counts as meeting him: %s', (_label, firstHand, said, met) => {
    const a = withConfirmation(said as Said, met);
    const zones = a.dangerZones.map((z) => z.id);
    const moves = a.recommendations.map((r) => r.id);
    if (firstHand) {
      expect(zones).not.toContain('DZ-01');
      expect(moves).not.toContain('confirm-economic-buyer-priority');
    } else {
      expect(moves).toContain('confirm-economic-buyer-priority');
    }
  });

  it('still flags no access when "not met" is logged and nobody heard him', () => {
    expect(
      withConfirmation({ source: 'buyer_secondhand', by: 'c-champ' }, false).dangerZones.map((z) => z.id),
    ).toContain('DZ-01');
  });
});

describe('what-if', () => {
  it('recomputes with hypothetical facts and writes nothing', () => {
    const k = knowledge(ASOF);
    const cfo = k.evaluator('c-cfo', 'buyer_stated', { influence: ['high'], roles: [['economic_buyer']] });
    k.singleton('power_access', { economicBuyer: [cfo] });
    const snapshot = k.snapshot();
    const before = assess(snapshot, ctx, setup);
    const b = hypothesisBuilder(snapshot, ASOF);
    b.set('power_access', 'ebMet', true, 'buyer_action');
    b.set('power_access', 'ebConfirmedPriority', true, 'buyer_action');
    const after = whatIf(snapshot, b.done(), ctx, setup);
    expect(after.winProbability).toBeGreaterThan(before.winProbability);
    expect(snapshot.facts).toHaveLength(k.snapshot().facts.length);
    expect(assess(snapshot, ctx, setup).winProbability).toBe(before.winProbability);
  });

  it('does not count hypothetical facts as buyer engagement (a what-if cannot end a stall)', () => {
    const k = knowledge(ASOF, { observedOn: '2026-09-01' });
    const cfo = k.evaluator('c-cfo', 'buyer_stated', { influence: ['high'], roles: [['economic_buyer']] });
    k.singleton('power_access', { economicBuyer: [cfo] });
    const snapshot = k.snapshot();
    const late = { ...ctx, createdOn: '2026-08-01' };
    expect(assess(snapshot, late, setup).dangerZones.map((z) => z.id)).toContain('DZ-21');
    const b = hypothesisBuilder(snapshot, ASOF);
    b.set('power_access', 'ebConfirmedPriority', true, 'buyer_action');
    expect(whatIf(snapshot, b.done(), late, setup).dangerZones.map((z) => z.id)).toContain('DZ-21');
  });
});

describe('learning from closed deals', () => {
  /** closed deals where a confirmed economic buyer matters far more than the experts think, and budget not at all */
  function history(n: number, seed: number): TrainingExample[] {
    const random = createRandom(seed);
    const base = computeSignals(knowledge(ASOF).snapshot(), ctx, DEFAULT_OBJECTIVES);
    return Array.from({ length: n }, () => {
      const engaged = random.chance(0.5);
      const allocated = random.chance(0.5);
      const won = random.chance(engaged ? 0.8 : 0.15);
      return {
        signals: { ...base.signals, ebEngaged: engaged, budgetAllocated: allocated, budgetUnknown: !allocated },
        kci: 0.3,
        deal: {
          dealType: 'new_logo',
          relationship: 'current',
          source: 'outbound',
          segment: null,
          amountMinor: random.int(1, 100) * 100_000,
        },
        won,
        stageProbability: random.pick([20, 40, 60]),
        sellerProbability: random.chance(0.7) ? random.int(30, 90) : null,
      };
    });
  }
  const prior = priorModel(0.45);

  it('moves a little with ten deals and a lot with a thousand (shrinkage toward the experts)', () => {
    const ten = fitWinModel(history(10, 1), prior, { trainedAt: ASOF, version: 'v-10' });
    const thousand = fitWinModel(history(1000, 1), prior, { trainedAt: ASOF, version: 'v-1000' });
    const moved = (m: typeof ten) => Math.abs(m.weights.ebEngaged! - prior.weights.ebEngaged!);
    expect(moved(ten)).toBeLessThan(0.5);
    expect(moved(thousand)).toBeGreaterThan(1.5);
    expect(thousand.weights.ebEngaged).toBeGreaterThan(2.5);
    expect(Math.abs(thousand.weights.budgetAllocated!)).toBeLessThan(prior.weights.budgetAllocated!);
  });

  it('describes itself on a model card: size, date, cross-validated AUC and Brier, reliability, and the stage and seller figures for comparison', () => {
    const model = trainWinModel(history(400, 2), prior, {
      trainedAt: '2026-11-20T02:00:00.000Z',
      version: 'fitted-1',
      folds: 5,
    });
    expect(model).toMatchObject({ kind: 'fitted', version: 'fitted-1' });
    expect(model.card).toMatchObject({ trainingSize: 400, trainedAt: '2026-11-20T02:00:00.000Z' });
    expect(model.card!.crossValidated!.auc).toBeGreaterThan(0.75);
    expect(model.card!.crossValidated!.brier).toBeLessThan(0.2);
    expect(model.card!.reliability.reduce((s, b) => s + b.count, 0)).toBe(400);
    expect(model.card!.comparison!.stage!.auc).toBeLessThan(0.6);
    expect(model.card!.comparison!.seller!.count).toBeGreaterThan(200);
  });
});
