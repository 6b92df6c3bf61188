import { describe, expect, it } from 'vitest';
import { knowledge } from '../knowledge/builder.ts';
import { DEFAULT_OBJECTIVES } from '../knowledge/objectives.ts';
import { DANGER_ZONE_RULES } from './catalog.ts';
import { dangerZones, dangerZoneRuleSchema, signalsOf, thresholdsOf } from './rules.ts';
import { computeSignals, type DealContext, type Signals } from './signals.ts';

/** A deal in good shape: no rule fires on it. */
const HEALTHY: Signals = {
  late: false,
  largeDeal: false,
  commit: false,
  forecastCategory: 'pipeline',
  daysToClose: 120,
  cyclePct: 0.2,
  ebIdentified: true,
  ebMet: true,
  ebCoverage: 'multiple',
  ebResponseMode: 'growth',
  ebOwnsIssue: true,
  ebConfirmedPriority: null,
  K1: 3,
  threadsCovered: 3,
  topContactShare: 0.4,
  championTalker: false,
  otherInfluentialSupporters: 2,
  keyPlayerLeft: false,
  reorganized: false,
  businessCaseApproved: true,
  legalStarted: true,
  pushWithoutBuyerReason: false,
  pushedAcrossQuarterEnd: false,
  championExists: true,
  championPowerPassed: true,
  championPassedCount: 4,
  championOutside: false,
  championInfluence: 'high',
  highInfluenceFavouringOther: 0,
  ebAmongFavouringOther: false,
  counterChampionOutranks: false,
  highInfluenceStanceUnknown: 0,
  ebStanceUnknown: false,
  uncontactedInfluencers: 0,
  uncontactedHigh: false,
  newPlayers: 0,
  newPlayerIsKey: false,
  K2: 3,
  P2: 1,
  impactQuantified: true,
  impactAgreed: true,
  issuesOwnedOnlyByLow: false,
  notReceptiveShare: 0.1,
  doNothingLeads: false,
  criteriaShapedByOther: false,
  mandatoryFail: false,
  K7: 3,
  criteriaConfirmed: true,
  criteriaFitAdvantage: 0.2,
  usBehind: false,
  criticalPathAfterClose: false,
  paperProcessKnown: true,
  K8: 3,
  signatoryKnown: true,
  purchasingUnknown: false,
  closeDatePushes: 0,
  daysSinceBuyerEngagement: 5,
  nextStepKnown: true,
  nextStepOverdue: false,
  nextStepOwnerKnown: true,
  mapAgreed: true,
  budgetUnknown: false,
  budgetStatus: 'allocated',
  budgetOwnerKnown: true,
  priceVsBudget: 'within',
  pricingDiscussed: true,
  kci: 0.8,
  K4: 3,
  K5: 3,
  sellerGapAbs: 5,
  sellerBiasAbs: null,
  staleCritical: 0,
};

const fired = (signals: Signals) => dangerZones(DANGER_ZONE_RULES, signals);
const severityOf = (id: string, overrides: Signals) =>
  fired({ ...HEALTHY, ...overrides }).find((z) => z.id === id)?.severity ?? null;

describe('the danger-zone catalog', () => {
  it('numbers its rules DZ-01 onwards without gaps, each valid against the rule schema, with actions, questions and root causes', () => {
    expect(DANGER_ZONE_RULES.map((r) => r.id)).toEqual(
      Array.from({ length: DANGER_ZONE_RULES.length }, (_, i) => `DZ-${String(i + 1).padStart(2, '0')}`),
    );
    for (const rule of DANGER_ZONE_RULES) expect(dangerZoneRuleSchema.safeParse(rule).success).toBe(true);
  });

  it('reads only signals the engine computes, and only thresholds the rule declares', () => {
    const ctx: DealContext = {
      asOf: '2026-11-20',
      createdOn: '2026-10-01',
      amountMinor: 1,
      currency: 'USD',
      expectedCloseDate: '2027-01-31',
      forecastCategory: 'pipeline',
      dealType: 'new_logo',
      relationship: 'new',
      closeDatePushes: [],
      largeDealMinor: 10,
      expectedCycleDays: 90,
    };
    const computed = new Set([
      ...Object.keys(computeSignals(knowledge('2026-11-20').snapshot(), ctx, DEFAULT_OBJECTIVES).signals),
      'sellerGapAbs',
      'sellerBiasAbs',
    ]);
    for (const rule of DANGER_ZONE_RULES) {
      const triggers = [rule.trigger, ...rule.escalations.map((e) => e.when)];
      for (const signal of triggers.flatMap(signalsOf))
        expect(computed.has(signal), `${rule.id} reads ${signal}`).toBe(true);
      for (const threshold of triggers.flatMap(thresholdsOf))
        expect(rule.thresholds, `${rule.id} needs ${threshold}`).toHaveProperty(threshold);
    }
  });

  it('stays quiet on a healthy deal', () => {
    expect(fired(HEALTHY)).toEqual([]);
  });

  it.each([
    ['DZ-01', { ebMet: false, late: true }, 'high'],
    ['DZ-01', { ebIdentified: false, largeDeal: true, commit: true }, 'critical'],
    ['DZ-01', { ebCoverage: 'brief', ebEngaged: false, late: true }, 'high'],
    ['DZ-02', { ebResponseMode: 'even_keel' }, 'high'],
    ['DZ-02', { ebOwnsIssue: false }, 'high'],
    ['DZ-03', { threadsCovered: 1 }, 'medium'],
    ['DZ-03', { topContactShare: 0.8 }, 'medium'],
    ['DZ-03', { threadsCovered: 2, largeDeal: true, late: true }, 'high'],
    ['DZ-04', { championExists: false, cyclePct: 0.3 }, 'medium'],
    ['DZ-04', { championExists: false, late: true }, 'high'],
    ['DZ-04', { championPowerPassed: false, commit: true, late: true }, 'critical'],
    ['DZ-04', { championPassedCount: 2, cyclePct: 0.3 }, 'medium'],
    ['DZ-05', { championInfluence: 'low' }, 'medium'],
    ['DZ-05', { championOutside: true }, 'medium'],
    ['DZ-05', { championTalker: true }, 'medium'],
    ['DZ-05', { championTalker: true, otherInfluentialSupporters: 0 }, 'high'],
    ['DZ-06', { highInfluenceFavouringOther: 1 }, 'high'],
    ['DZ-06', { highInfluenceFavouringOther: 1, ebAmongFavouringOther: true }, 'critical'],
    ['DZ-07', { highInfluenceStanceUnknown: 1 }, 'medium'],
    ['DZ-07', { highInfluenceStanceUnknown: 1, ebStanceUnknown: true }, 'high'],
    ['DZ-08', { uncontactedInfluencers: 1 }, 'medium'],
    ['DZ-08', { uncontactedInfluencers: 1, uncontactedHigh: true, late: true }, 'high'],
    ['DZ-09', { newPlayers: 1 }, 'medium'],
    ['DZ-09', { newPlayers: 1, newPlayerIsKey: true }, 'high'],
    ['DZ-09', { keyPlayerLeft: true }, 'high'],
    ['DZ-09', { reorganized: true }, 'medium'],
    ['DZ-10', { K2: 1, daysToClose: 60 }, 'high'],
    ['DZ-10', { P2: 0, forecastCategory: 'commit', commit: true }, 'critical'],
    ['DZ-11', { impactQuantified: false, cyclePct: 0.3 }, 'medium'],
    ['DZ-11', { impactAgreed: false, late: true }, 'high'],
    ['DZ-12', { issuesOwnedOnlyByLow: true }, 'medium'],
    ['DZ-13', { notReceptiveShare: 0.6 }, 'high'],
    ['DZ-13', { doNothingLeads: true }, 'high'],
    ['DZ-14', { criteriaShapedByOther: true }, 'high'],
    ['DZ-14', { criteriaShapedByOther: true, ebAmongFavouringOther: true, highInfluenceFavouringOther: 1 }, 'critical'],
    ['DZ-15', { mandatoryFail: true }, 'critical'],
    ['DZ-16', { K7: 1, cyclePct: 0.45 }, 'high'],
    ['DZ-16', { criteriaConfirmed: false, late: true }, 'high'],
    ['DZ-17', { criteriaFitAdvantage: -0.3 }, 'high'],
    ['DZ-17', { usBehind: true }, 'high'],
    ['DZ-18', { criticalPathAfterClose: true }, 'high'],
    ['DZ-18', { commit: true, paperProcessKnown: false }, 'critical'],
    ['DZ-18', { daysToClose: 20, legalStarted: false }, 'high'],
    ['DZ-18', { daysToClose: 25, businessCaseApproved: false }, 'high'],
    ['DZ-19', { K8: 1, cyclePct: 0.5 }, 'high'],
    ['DZ-19', { late: true, signatoryKnown: false }, 'high'],
    ['DZ-20', { closeDatePushes: 2 }, 'medium'],
    ['DZ-20', { closeDatePushes: 3 }, 'high'],
    ['DZ-20', { closeDatePushes: 1, pushWithoutBuyerReason: true }, 'medium'],
    ['DZ-20', { closeDatePushes: 1, pushedAcrossQuarterEnd: true }, 'medium'],
    ['DZ-21', { daysSinceBuyerEngagement: 20, daysToClose: 60 }, 'medium'],
    ['DZ-21', { daysSinceBuyerEngagement: 40, late: true }, 'high'],
    ['DZ-21', { quieterThanWins: true }, 'medium'],
    ['DZ-22', { nextStepKnown: false }, 'medium'],
    ['DZ-22', { nextStepOverdue: true, commit: true }, 'high'],
    ['DZ-23', { late: true, budgetUnknown: true }, 'high'],
    ['DZ-23', { priceVsBudget: 'well_above' }, 'high'],
    ['DZ-24', { pricingDiscussed: null, cyclePct: 0.7 }, 'medium'],
    ['DZ-25', { commit: true, kci: 0.5 }, 'high'],
    ['DZ-25', { forecastCategory: 'best_case', kci: 0.4 }, 'high'],
    ['DZ-26', { sellerGapAbs: 35 }, 'medium'],
    ['DZ-26', { sellerBiasAbs: 18 }, 'medium'],
    ['DZ-27', { staleCritical: 2 }, 'low'],
    ['DZ-27', { staleCritical: 1, late: true }, 'medium'],
    ['DZ-28', { proposalSent: true, K7: 0 }, 'high'],
    ['DZ-28', { proposalSent: true, K1: 1 }, 'high'],
    ['DZ-28', { proposalSent: true, ebIdentified: false, commit: true }, 'critical'],
  ] as const)('%s fires on %j as %s', (id, overrides, severity) => {
    expect(severityOf(id, overrides as Signals)).toBe(severity);
  });

  it.each([
    ['DZ-01', { ebMet: false }],
    ['DZ-01', { ebCoverage: 'brief', ebEngaged: true, late: true }],
    ['DZ-02', { ebResponseMode: 'even_keel', ebConfirmedPriority: true }],
    ['DZ-03', { topContactShare: 0.7 }],
    ['DZ-03', { threadsCovered: 2 }],
    ['DZ-04', { championPassedCount: 3 }],
    ['DZ-04', { championExists: false, cyclePct: 0.1 }],
    ['DZ-05', { championInfluence: 'medium' }],
    ['DZ-06', { highInfluenceFavouringOther: 0 }],
    ['DZ-07', { highInfluenceStanceUnknown: 0 }],
    ['DZ-08', { uncontactedInfluencers: 0 }],
    ['DZ-09', { newPlayers: 0 }],
    ['DZ-10', { K2: 1, daysToClose: 200 }],
    ['DZ-11', { impactQuantified: false, cyclePct: 0.1 }],
    ['DZ-12', { issuesOwnedOnlyByLow: false }],
    ['DZ-13', { notReceptiveShare: 0.5 }],
    ['DZ-14', { criteriaShapedByOther: false }],
    ['DZ-15', { mandatoryFail: false }],
    ['DZ-16', { K7: 1, cyclePct: 0.3 }],
    ['DZ-17', { criteriaFitAdvantage: -0.1 }],
    ['DZ-18', { commit: true, paperProcessKnown: true }],
    ['DZ-18', { daysToClose: 45, legalStarted: false }],
    ['DZ-18', { daysToClose: 20, legalStarted: null, businessCaseApproved: null }],
    ['DZ-19', { K8: 1, cyclePct: 0.3 }],
    ['DZ-20', { closeDatePushes: 1 }],
    ['DZ-21', { daysSinceBuyerEngagement: 20, daysToClose: 120 }],
    ['DZ-21', { quieterThanWins: false }],
    ['DZ-22', { mapAgreed: false }],
    ['DZ-23', { budgetUnknown: true }],
    ['DZ-24', { pricingDiscussed: false, cyclePct: 0.5 }],
    ['DZ-25', { forecastCategory: 'best_case', kci: 0.6 }],
    ['DZ-26', { sellerGapAbs: 29 }],
    ['DZ-27', { staleCritical: 0 }],
    ['DZ-28', { proposalSent: false, K7: 0, ebIdentified: false }],
    ['DZ-28', { proposalSent: null, K1: 0 }],
    ['DZ-28', { proposalSent: true }],
  ] as const)('%s does not fire on %j', (id, overrides) => {
    expect(severityOf(id, overrides as Signals)).toBeNull();
  });

  it('names the conditions that matched', () => {
    const [zone] = fired({ ...HEALTHY, closeDatePushes: 4 });
    expect(zone).toMatchObject({
      id: 'DZ-20',
      severity: 'high',
      matched: [{ signal: 'closeDatePushes', op: 'gte', expected: 2, actual: 4, text: 'closeDatePushes ≥ 2 (is 4)' }],
    });
  });

  it('lets an administrator switch a rule off or change its thresholds', () => {
    const signals = { ...HEALTHY, closeDatePushes: 2 };
    expect(dangerZones(DANGER_ZONE_RULES, signals, { 'DZ-20': { enabled: false, thresholds: {} } })).toEqual([]);
    expect(dangerZones(DANGER_ZONE_RULES, signals, { 'DZ-20': { enabled: true, thresholds: { pushes: 3 } } })).toEqual(
      [],
    );
    expect(
      dangerZones(
        DANGER_ZONE_RULES,
        { ...HEALTHY, threadsCovered: 2 },
        { 'DZ-03': { enabled: true, thresholds: { minThreads: 3 } } },
      )[0]?.id,
    ).toBe('DZ-03');
  });

  it('orders zones by severity', () => {
    const zones = fired({ ...HEALTHY, mandatoryFail: true, staleCritical: 1, threadsCovered: 1 });
    expect(zones.map((z) => z.severity)).toEqual(['critical', 'medium', 'low']);
  });
});
