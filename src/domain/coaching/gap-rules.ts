import { z } from 'zod';
import { DANGER_ZONE_RULES } from '../assessment/catalog.ts';
import { INDICATOR_DEFS, INDICATOR_KEYS, shortfall, type IndicatorKey } from './indicators.ts';
import { ROOT_CAUSE_IDS, ROOT_CAUSES, type PyramidLevel, type RootCauseId } from './root-causes.ts';

// When a seller's scorecard shows a gap worth a manager's attention (REFERENCE §6.2): an indicator
// worse than the peer median (or the seller's own baseline) by more than a threshold, and, where
// the rule asks, already so a period before; or one danger zone on 40 % or more of the seller's
// open deals. Rules are data with a validated shape an admin may tune; one pure function says
// which fired and why, naming the likely root causes and the pyramid level they sit on.

export const gapRuleSchema = z.strictObject({
  id: z.string().regex(/^GAP-\d{2}$/, 'Expected an id like GAP-01'),
  indicator: z.enum(INDICATOR_KEYS),
  versus: z.enum(['peers', 'own_baseline']),
  /** how much worse than the reference: a difference for shares and points, a fraction for days and money */
  threshold: z.number().positive('Above 0'),
  /** the gap held a period before too (against the peers of then) */
  persistent: z.boolean(),
  /** the fewest open deals (leading indicators) or closed deals (results) that make the value worth reading */
  minDeals: z.number().int('A whole number').min(1, 'At least 1'),
  rootCauses: z.array(z.enum(ROOT_CAUSE_IDS)).min(1, 'Name at least one root cause'),
});
export type GapRule = z.infer<typeof gapRuleSchema>;

export const zoneRecurrenceSchema = z.strictObject({
  /** the share of a seller's open deals one danger zone must be on */
  share: z.number().gt(0, 'Above 0').max(1, 'At most 1: a share of the open deals'),
  /** and by how much more than the peers' median share: a zone every seller has is the team's matter */
  aboveMedianBy: z.number().min(0, 'At least 0').max(1, 'At most 1: a difference of shares'),
  minDeals: z.number().int('A whole number').min(1, 'At least 1'),
});
export type ZoneRecurrence = z.infer<typeof zoneRecurrenceSchema>;

export const DEFAULT_GAP_RULES: readonly GapRule[] = [
  ['GAP-01', 'knowledgeCoverage', 'peers', 0.1, true, 3, ['B8', 'S4', 'C4']],
  ['GAP-02', 'economicBuyerAccess', 'peers', 0.2, true, 3, ['B4', 'S7', 'C6']],
  ['GAP-03', 'multiThreading', 'peers', 0.2, true, 3, ['B4', 'S4']],
  ['GAP-04', 'championTested', 'peers', 0.2, true, 3, ['B5', 'S4']],
  ['GAP-05', 'processControl', 'peers', 0.2, true, 3, ['B7', 'S10']],
  ['GAP-06', 'freshKnowledge', 'peers', 0.2, true, 3, ['B8', 'C1']],
  ['GAP-07', 'forecastBias', 'peers', 10, true, 3, ['B9', 'C4']],
  ['GAP-08', 'pipelineCreated', 'peers', 0.5, false, 1, ['B1', 'C2', 'C6']],
  ['GAP-09', 'winRate', 'peers', 0.15, false, 5, ['B2', 'B3', 'B4']],
  ['GAP-10', 'noDecisionRate', 'peers', 0.15, false, 5, ['S8', 'B3']],
  ['GAP-11', 'cycleDays', 'peers', 0.3, false, 3, ['B7', 'B2']],
  ['GAP-12', 'knowledgeCoverage', 'own_baseline', 0.1, false, 3, ['B8', 'C6']],
].map(([id, indicator, versus, threshold, persistent, minDeals, rootCauses]) =>
  gapRuleSchema.parse({ id, indicator, versus, threshold, persistent, minDeals, rootCauses }),
);

export const DEFAULT_ZONE_RECURRENCE: ZoneRecurrence = { share: 0.4, aboveMedianBy: 0.15, minDeals: 3 };

/** One seller's figures as a gap rule reads them. */
export type SellerReading = {
  values: Partial<Record<IndicatorKey, number | null>>;
  /** the same a period before (a month for what is open, the 180 days before for results) */
  previous: Partial<Record<IndicatorKey, number | null>>;
  openDeals: number;
  closedDeals: number;
  /** open deals carrying each danger zone */
  zoneCounts: Readonly<Record<string, number>>;
};

export type PeerReading = {
  medians: Partial<Record<IndicatorKey, number | null>>;
  previousMedians: Partial<Record<IndicatorKey, number | null>>;
  /** the median share of open deals each danger zone is on (0 where not given) */
  zoneShareMedians?: Readonly<Record<string, number>>;
};

/** The danger zone an indicator already reads: its flag stands for the zone's recurrence. */
export const INDICATOR_ZONES: Partial<Record<IndicatorKey, string>> = {
  economicBuyerAccess: 'DZ-01',
  multiThreading: 'DZ-03',
  championTested: 'DZ-04',
  processControl: 'DZ-20',
  freshKnowledge: 'DZ-27',
  forecastBias: 'DZ-26',
};

const WORSE_WORDS = { higher: 'below', lower: 'above', closer_to_zero: 'further off than' } as const;

export type GapFlag = {
  rule: string;
  indicator: IndicatorKey | null;
  /** for a recurring danger zone: its id */
  zoneId: string | null;
  level: PyramidLevel;
  rootCauses: RootCauseId[];
  /** how much worse than the reference, in the indicator's terms (or the zone's share of deals) */
  size: number;
  /** the size against the rule's threshold: 1 just fires, 2 is twice as far; flags are ranked by it */
  severity: number;
  text: string;
};

const LEVEL_ORDER: readonly PyramidLevel[] = ['behaviour', 'skill_knowledge', 'capacity_commitment'];
const levelOf = (ids: readonly RootCauseId[]): PyramidLevel =>
  LEVEL_ORDER.find((level) => ids.some((id) => ROOT_CAUSES.find((c) => c.id === id)!.level === level))!;

/** Which rules fire for one seller, the furthest past its threshold first. */
export function evaluateGaps(
  seller: SellerReading,
  peers: PeerReading,
  rules: readonly GapRule[] = DEFAULT_GAP_RULES,
  recurrence: ZoneRecurrence = DEFAULT_ZONE_RECURRENCE,
): GapFlag[] {
  const flags: GapFlag[] = [];
  for (const rule of rules) {
    const def = INDICATOR_DEFS.get(rule.indicator)!;
    const deals = def.kind === 'result' ? seller.closedDeals : seller.openDeals;
    if (deals < rule.minDeals) continue;
    const value = seller.values[rule.indicator] ?? null;
    const reference =
      rule.versus === 'peers' ? (peers.medians[rule.indicator] ?? null) : (seller.previous[rule.indicator] ?? null);
    const gap = shortfall(def, value, reference);
    if (gap === null || gap < rule.threshold) continue;
    if (rule.persistent) {
      const before = shortfall(
        def,
        seller.previous[rule.indicator] ?? null,
        peers.previousMedians[rule.indicator] ?? null,
      );
      // a gap not measured a period before has not been seen to persist
      if (before === null || before < rule.threshold) continue;
    }
    flags.push({
      rule: rule.id,
      indicator: rule.indicator,
      zoneId: null,
      level: levelOf(rule.rootCauses),
      rootCauses: [...rule.rootCauses],
      size: gap,
      severity: gap / rule.threshold,
      text: `${def.label} ${WORSE_WORDS[def.better]} ${rule.versus === 'peers' ? 'the team’s usual' : 'the seller’s own baseline'}${rule.persistent ? ', for a second period' : ''}`,
    });
  }
  const read = new Set(flags.map((f) => f.indicator && INDICATOR_ZONES[f.indicator]));
  if (seller.openDeals >= recurrence.minDeals)
    for (const zone of DANGER_ZONE_RULES) {
      const share = (seller.zoneCounts[zone.id] ?? 0) / seller.openDeals;
      if (share < recurrence.share || read.has(zone.id)) continue;
      if (share < (peers.zoneShareMedians?.[zone.id] ?? 0) + recurrence.aboveMedianBy) continue;
      const rootCauses = zone.rootCauses.filter((id): id is RootCauseId =>
        (ROOT_CAUSE_IDS as readonly string[]).includes(id),
      );
      if (rootCauses.length === 0) continue;
      flags.push({
        rule: 'ZONE',
        indicator: null,
        zoneId: zone.id,
        level: levelOf(rootCauses),
        rootCauses,
        size: share,
        severity: share / recurrence.share,
        text: `“${zone.name}” on ${Math.round(share * 100)} % of the open deals`,
      });
    }
  return flags.sort((a, b) => b.severity - a.severity);
}
