import type { CapKey, FeatureKey } from '../../../domain/assessment/model.ts';
import { OPERATOR_WORDS, SEVERITIES, type Severity } from '../../../domain/assessment/rules.ts';
import { objectiveOfSignal, type SignalName } from '../../../domain/assessment/signals.ts';
import { DEFAULT_OBJECTIVES } from '../../../domain/knowledge/objectives.ts';
import { SEVERITY_LABELS } from '../../../domain/words.ts';
import type { DangerZoneView } from './queries.ts';

// Words for what the assessment API sends as codes: model features, severities, the conditions a
// danger zone matched. The API's own sentences (reasons, actions, questions) are shown as they are.

/** "0.1041" -> "10 %" */
export function formatPercent(probability: number): string {
  return `${Math.round(probability * 100)} %`;
}

/** Points with their sign: "+16 pts", "−3 pts", "+0.4 pts" (a real minus sign). */
export function formatPoints(points: number, unit = ' pts'): string {
  const size = Math.abs(points);
  const shown = size >= 1 ? String(Math.round(size)) : size.toFixed(1);
  if (Number(shown) === 0) return `0${unit}`;
  return `${points > 0 ? '+' : '−'}${shown}${unit}`;
}

/** Most severe first, as the domain ranks them. */
export const SEVERITY_ORDER: readonly Severity[] = SEVERITIES;

export { SEVERITY_LABELS };

export const SEVERITY_COLORS: Record<Severity, string> = {
  critical: 'red',
  high: 'orange',
  medium: 'yellow',
  low: 'gray',
};

/** What each severity asks of the team (REFERENCE 5). */
export const SEVERITY_MEANINGS: Record<Severity, string> = {
  critical: 'Likely loss or no decision unless fixed',
  high: 'Material risk: act this week',
  medium: 'Address in the next conversations',
  low: 'Hygiene',
};

/** Short names for the model's features, for charts and the weights table. */
const FEATURE_LABELS: Record<string, string> = {
  prefShareGap: 'Buying group preference',
  ebEngaged: 'Economic buyer engaged',
  ebUnknownLate: 'Economic buyer unknown, close near',
  championStrength: 'Champion strength',
  hiInfluenceFavoursOther: 'Key evaluators favour another option',
  compellingEvent: 'Compelling event',
  noCompellingEvent: 'No compelling event',
  impactAgreed: 'Business impact agreed',
  criteriaFitAdvantage: 'Fit with the decision criteria',
  competitorPresent: 'Competitor in the evaluation',
  newLogo: 'New customer',
  upsell: 'Up-sell',
  mapAgreed: 'Mutual plan agreed',
  budgetAllocated: 'Budget allocated',
  budgetUnknown: 'Budget unknown',
  unknownCritical: 'Critical facts unknown',
  closeDatePushes: 'Close date pushed',
} satisfies Record<FeatureKey, string>;

const CONTEXT_KINDS: Record<string, string> = {
  dealType: 'Deal type',
  relationship: 'Customer relationship',
  source: 'Lead source',
  segment: 'Company size',
  amountBand: 'Deal size',
};

/** Short names for the guardrails (the reason itself comes with the assessment, in full). */
const GUARDRAIL_LABELS = {
  eliminated: 'Taken off the shortlist',
  mandatoryFail: 'Fails a must-have',
  noBudgetNoOwnerNoEvent: 'No budget, owner or event',
  ebHostile: 'Economic buyer against us',
  ebNotReceptive: 'Economic buyer not receptive',
  ebNeverMet: 'Economic buyer never met',
  materialUnknown: 'Something material unknown',
  unprovenCertainty: 'Near-certainty not proven',
  noDisqualifier: 'Nothing rules us out',
} satisfies Record<CapKey, string>;

export function guardrailLabel(key: string): string {
  return (GUARDRAIL_LABELS as Record<string, string>)[key] ?? sentence(key);
}

/**
 * Whole points to show for each reason that add up to the whole total shown: each rounded, then
 * any point still missing (or too many) moved to the reasons nearest to rounding the other way,
 * the smaller first, so a reader adding up the column finds the total.
 */
export function wholePointsAddingUp(points: readonly number[]): { shown: number[]; total: number } {
  const total = Math.round(points.reduce((sum, p) => sum + p, 0)) + 0;
  const shown = points.map((p) => Math.round(p));
  let gap = total - shown.reduce((sum, p) => sum + p, 0);
  const step = Math.sign(gap);
  // the reasons that rounding moved furthest against the gap come first; ties go to the smaller reason
  const order = points
    .map((p, i) => ({ i, lost: Math.round((p - shown[i]!) * step * 1e9) / 1e9, size: Math.abs(p) }))
    .sort((a, b) => b.lost - a.lost || a.size - b.size || a.i - b.i);
  for (const { i } of order) {
    if (gap === 0) break;
    shown[i]! += step;
    gap -= step;
  }
  return { shown: shown.map((p) => p + 0), total };
}

/**
 * "dealType:new_logo" -> "Deal type: new logo".
 * Deal sizes come in bands whose edges only the model knows: on one deal "Deal size" says enough,
 * in a list of every weight each band needs its number (1 holds the smallest deals).
 */
export function featureLabel(feature: string, options: { numberBands?: boolean } = {}): string {
  if (FEATURE_LABELS[feature]) return FEATURE_LABELS[feature];
  // a learned pair of knowledge features: "a+b"
  const pair = feature.split('+');
  if (pair.length === 2 && pair.every((key) => FEATURE_LABELS[key])) {
    const second = FEATURE_LABELS[pair[1]!]!;
    return `${FEATURE_LABELS[pair[0]!]}, together with ${second.charAt(0).toLowerCase()}${second.slice(1)}`;
  }
  const [kind, value] = feature.split(':');
  if (kind && value !== undefined && CONTEXT_KINDS[kind]) {
    if (kind === 'amountBand') return options.numberBands ? `Deal size band ${Number(value) + 1}` : CONTEXT_KINDS[kind];
    return `${CONTEXT_KINDS[kind]}: ${value.replaceAll('_', ' ')}`;
  }
  return sentence(feature);
}

/** Whether a feature describes the deal itself (type, customer, size) rather than what we know. */
export function isContextFeature(feature: string): boolean {
  const kind = feature.split(':')[0] ?? '';
  return feature.includes(':') && kind in CONTEXT_KINDS;
}

/** "daysSinceBuyerEngagement" -> "Days since buyer engagement" */
function sentence(camel: string): string {
  const words = camel
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replaceAll('_', ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function objectiveName(key: string): string {
  return DEFAULT_OBJECTIVES.find((o) => o.key === key)?.name ?? sentence(key);
}

/** Signals whose names say little on their own. */
const SIGNAL_LABELS: Record<string, string> = {
  cyclePct: 'Share of the sales cycle gone',
  kci: 'Knowledge coverage',
  sellerGapAbs: 'Seller vs evidence, points apart',
  sellerBiasAbs: 'Seller’s usual gap on recent deals, points',
  threadsCovered: 'Contacts we really talk to',
  daysToClose: 'Days to the close date',
  late: 'Late in the cycle',
  commit: 'Forecast as commit',
} satisfies Partial<Record<SignalName, string>>;

const SHARE_SIGNALS = new Set<string>(['cyclePct', 'kci', 'notReceptiveShare'] satisfies SignalName[]);

function signalLabel(signal: string): string {
  const objective = objectiveOfSignal(signal);
  if (objective) {
    const name = objectiveName(objective.key);
    return objective.measure === 'level' ? `Knowledge level of “${name}” (0–4)` : `Position on “${name}” (−2 to +2)`;
  }
  return (
    SIGNAL_LABELS[signal] ?? sentence(signal).replace(/^Eb /, 'Economic buyer ').replace(/ eb /, ' economic buyer ')
  );
}

export type ConditionWords = { label: string; actual: string; rule: string | null };

/**
 * A condition a danger zone matched, in plain words: what was measured, its value on this deal,
 * and the rule's limit ("≥ 40 %"). A yes/no flag needs no limit: its value says it all.
 */
export function describeCondition(
  m: Pick<DangerZoneView['matched'][number], 'signal' | 'op' | 'expected' | 'actual'>,
): ConditionWords {
  const show = (value: string | number | boolean | null): string => {
    if (value === null) return 'not known';
    if (typeof value === 'boolean') return value ? 'yes' : 'no';
    if (typeof value === 'string') return value.replaceAll('_', ' ');
    if (SHARE_SIGNALS.has(m.signal)) return `${Math.round(value * 100)} %`;
    if (Math.abs(value) >= 10) return String(Math.round(value));
    return String(Math.round(value * 100) / 100);
  };
  const isPlainFlag = m.op === 'eq' && typeof m.expected === 'boolean';
  const expected = Array.isArray(m.expected) ? m.expected.map(show).join(' / ') : show(m.expected);
  return {
    label: signalLabel(m.signal),
    actual: show(m.actual),
    rule: isPlainFlag ? null : `${OPERATOR_WORDS[m.op]} ${expected}`,
  };
}
