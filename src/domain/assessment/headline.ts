import type { ObjectiveKey } from '../knowledge/objectives.ts';
import type { Contribution } from './assess.ts';
import type { FeatureKey } from './model.ts';
import { SEVERITY_RANK, type DangerZone, type Severity } from './rules.ts';
import type { SignalName } from './signals.ts';

// What a deal page leads with: at most three danger zones, chosen by severity and then by how much
// of this deal's probability the knowledge behind each one costs, with the rest folded beneath.
// The "we don't know X" zones are one zone that lists what is unknown: a seller reads one to-do
// list of questions, not four alarms about the same thin knowledge.

export const HEADLINE_LIMIT = 3;
/** The id of the zone that gathers every zone of the "unknown" family. */
export const UNKNOWNS_ZONE = 'unknowns';

export type ZoneGroup = {
  /** a rule's id, or UNKNOWNS_ZONE */
  id: string;
  name: string;
  severity: Severity;
  /** points of this deal's probability that the knowledge behind the zone takes away (0 when none is traced) */
  cost: number;
  /** the rules in it: one, or every unknown-family rule that fired */
  zoneIds: string[];
  /** for the unknowns zone: what is unknown, in words */
  unknowns: string[];
};

export type ZoneSummary = { headline: ZoneGroup[]; more: ZoneGroup[] };

/** The objectives each model feature reads, so a zone about an objective can own what it costs. */
const FEATURE_OBJECTIVES: Record<FeatureKey, readonly ObjectiveKey[]> = {
  prefShareGap: ['evaluator_stance', 'alternatives'],
  ebEngaged: ['buying_group', 'champion_power'],
  ebUnknownLate: ['buying_group', 'champion_power'],
  championStrength: ['champion_power'],
  hiInfluenceFavoursOther: ['evaluator_stance', 'alternatives'],
  compellingEvent: ['compelling_event'],
  noCompellingEvent: ['compelling_event'],
  impactAgreed: ['business_issues', 'funding_value'],
  criteriaFitAdvantage: ['decision_criteria', 'alternatives'],
  competitorPresent: ['alternatives'],
  newLogo: [],
  upsell: [],
  mapAgreed: ['decision_process'],
  budgetAllocated: ['funding_value'],
  budgetUnknown: ['funding_value'],
  unknownCritical: ['buying_group', 'funding_value', 'alternatives', 'decision_process'],
  closeDatePushes: ['compelling_event', 'decision_process'],
};

/** What each condition of an unknown-family zone says is missing (conditions of time say nothing). */
const UNKNOWN_WORDS: Partial<Record<SignalName, string>> = {
  highInfluenceStanceUnknown: 'where the key evaluators stand',
  ebStanceUnknown: 'where the economic buyer stands',
  K4: 'where the evaluators stand',
  K5: 'who the champion is and whether they can reach the economic buyer',
  K7: 'the decision criteria',
  criteriaConfirmed: 'whether the customer confirmed the criteria and their weights',
  K8: 'the decision process',
  signatoryKnown: 'who signs',
  paperProcessKnown: 'the legal, procurement and signature steps',
  purchasingUnknown: 'whether purchasing is involved',
  kci: 'enough of the nine objectives for this forecast category',
  staleCritical: 'whether key facts still hold (not confirmed lately)',
};

const objectivesOf = (feature: string): readonly ObjectiveKey[] => FEATURE_OBJECTIVES[feature as FeatureKey] ?? [];

/**
 * The points a zone costs: what the reasons about its objectives take away. A zone about every
 * objective (the seller's figure, stale or missing knowledge in general) is not charged with all
 * of them; it ranks by severity alone.
 */
export function zoneCost(zone: Pick<DangerZone, 'objectives'>, contributions: readonly Contribution[]): number {
  if (zone.objectives.length >= 9) return 0;
  let cost = 0;
  for (const c of contributions) {
    if (c.points >= 0) continue;
    if (objectivesOf(c.feature).some((o) => zone.objectives.includes(o))) cost -= c.points;
  }
  return cost;
}

const bySeverityThenCost = (a: ZoneGroup, b: ZoneGroup) =>
  SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || b.cost - a.cost || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The zones as a deal page shows them: the unknown family as one zone listing what is missing
 * (`namesOf` may add who: "where the key evaluators stand: Dana Ruiz"), then every zone ranked by
 * severity and cost, the first HEADLINE_LIMIT leading.
 */
export function summarizeZones(
  zones: readonly DangerZone[],
  contributions: readonly Contribution[],
  namesOf: (signal: SignalName) => readonly string[] = () => [],
): ZoneSummary {
  const groups: ZoneGroup[] = [];
  const unknownZones = zones.filter((z) => z.family === 'unknown');
  for (const zone of zones) {
    if (zone.family === 'unknown') continue;
    groups.push({
      id: zone.id,
      name: zone.name,
      severity: zone.severity,
      cost: zoneCost(zone, contributions),
      zoneIds: [zone.id],
      unknowns: [],
    });
  }
  if (unknownZones.length > 0) {
    const unknowns: string[] = [];
    for (const zone of unknownZones)
      for (const m of zone.matched) {
        const words = UNKNOWN_WORDS[m.signal];
        if (!words) continue;
        const names = namesOf(m.signal);
        const said = names.length > 0 ? `${words}: ${names.join(', ')}` : words;
        if (!unknowns.includes(said)) unknowns.push(said);
      }
    const objectives = [...new Set(unknownZones.filter((z) => z.objectives.length < 9).flatMap((z) => z.objectives))];
    groups.push({
      id: UNKNOWNS_ZONE,
      name: "What we don't know yet",
      severity: unknownZones.reduce<Severity>(
        (worst, z) => (SEVERITY_RANK[z.severity] > SEVERITY_RANK[worst] ? z.severity : worst),
        'low',
      ),
      cost: zoneCost({ objectives }, contributions),
      zoneIds: unknownZones.map((z) => z.id),
      unknowns,
    });
  }
  groups.sort(bySeverityThenCost);
  return { headline: groups.slice(0, HEADLINE_LIMIT), more: groups.slice(HEADLINE_LIMIT) };
}
