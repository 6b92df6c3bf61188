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

/** Probability points with their sign: "+16 pts", "−3 pts", "+0.4 pts" (a real minus sign). */
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

const CAP_LABELS: Record<string, string> = {
  eliminated: 'Cap: taken off the shortlist',
  mandatoryFail: 'Cap: fails a must-have',
  noBudgetNoOwnerNoEvent: 'Cap: no budget, owner or event',
  ebNotReceptive: 'Cap: economic buyer not receptive',
} satisfies Record<CapKey, string>;

/**
 * "dealType:new_logo" -> "Deal type: new logo"; "cap:mandatoryFail" -> "Cap: fails a must-have".
 * Deal sizes come in bands whose edges only the model knows: on one deal "Deal size" says enough,
 * in a list of every weight each band needs its number (1 holds the smallest deals).
 */
export function featureLabel(feature: string, options: { numberBands?: boolean } = {}): string {
  if (FEATURE_LABELS[feature]) return FEATURE_LABELS[feature];
  const [kind, value] = feature.split(':');
  if (kind === 'cap' && value) return CAP_LABELS[value] ?? `Cap: ${sentence(value)}`;
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
