import type { GapRules, GapRulesBody } from '../../../contract/gap-rules.ts';
import { describeGapRule, describeRecurrence, MAX_GAP_RULES } from '../../../domain/coaching/gap-rule-set.ts';
import type { GapRule } from '../../../domain/coaching/gap-rules.ts';
import type { IndicatorKey } from '../../../domain/coaching/indicators.ts';
import type { RootCauseId } from '../../../domain/coaching/root-causes.ts';

// The coaching rules form: the organization's gap rules as editable rows, the body the API takes,
// and each row's sentence while it is being typed. Numbers stay as typed (a NumberInput gives ''
// while empty); the API checks them and names the field at fault, which the form shows in place.

export type RuleDraft = {
  /** a key for the row that survives an id being retyped */
  key: string;
  id: string;
  indicator: IndicatorKey;
  versus: GapRule['versus'];
  threshold: number | string;
  persistent: boolean;
  minDeals: number | string;
  rootCauses: RootCauseId[];
};

export type RecurrenceDraft = { share: number | string; aboveMedianBy: number | string; minDeals: number | string };

export type GapRulesDraft = { rules: RuleDraft[]; recurrence: RecurrenceDraft };

let keys = 0;
const nextKey = () => `rule-${++keys}`;

export function draftOf(read: GapRules): GapRulesDraft {
  return {
    rules: read.rules.map(({ text: _text, ...rule }) => ({
      ...rule,
      key: nextKey(),
      rootCauses: [...rule.rootCauses],
    })),
    recurrence: {
      share: read.recurrence.share,
      aboveMedianBy: read.recurrence.aboveMedianBy,
      minDeals: read.recurrence.minDeals,
    },
  };
}

/** '' (an emptied number field) goes as null, so the API names the field as missing. */
const numberOf = (value: number | string): number => (value === '' ? null : Number(value)) as number;

export function bodyOf(draft: GapRulesDraft, version: number): GapRulesBody {
  return {
    version,
    rules: draft.rules.map((r) => ({
      id: r.id.trim(),
      indicator: r.indicator,
      versus: r.versus,
      threshold: numberOf(r.threshold),
      persistent: r.persistent,
      minDeals: numberOf(r.minDeals),
      rootCauses: r.rootCauses,
    })),
    recurrence: {
      share: numberOf(draft.recurrence.share),
      aboveMedianBy: numberOf(draft.recurrence.aboveMedianBy),
      minDeals: numberOf(draft.recurrence.minDeals),
    },
  };
}

/** The first GAP-NN no rule uses. */
export function nextRuleId(rules: readonly Pick<RuleDraft, 'id'>[]): string {
  const used = new Set(rules.map((r) => r.id.trim()));
  for (let n = 1; ; n++) {
    const id = `GAP-${String(n).padStart(2, '0')}`;
    if (!used.has(id)) return id;
  }
}

export const canAddRule = (draft: GapRulesDraft) => draft.rules.length < MAX_GAP_RULES;

export function newRule(rules: readonly RuleDraft[]): RuleDraft {
  return {
    key: nextKey(),
    id: nextRuleId(rules),
    indicator: 'knowledgeCoverage',
    versus: 'peers',
    threshold: 0.1,
    persistent: true,
    minDeals: 3,
    rootCauses: ['B8'],
  };
}

const isNumber = (value: number | string) => value !== '' && Number.isFinite(Number(value));

/** The row in plain words, or null while a number is missing. */
export function ruleSentence(rule: RuleDraft): string | null {
  if (!isNumber(rule.threshold) || !isNumber(rule.minDeals)) return null;
  return describeGapRule({ ...rule, threshold: Number(rule.threshold), minDeals: Number(rule.minDeals) });
}

export function recurrenceSentence(r: RecurrenceDraft): string | null {
  if (!isNumber(r.share) || !isNumber(r.aboveMedianBy) || !isNumber(r.minDeals)) return null;
  return describeRecurrence({
    share: Number(r.share),
    aboveMedianBy: Number(r.aboveMedianBy),
    minDeals: Number(r.minDeals),
  });
}

/** Every field the API may name, in the order of the form, for the focus to go to the first at fault. */
export function fieldOrder(draft: GapRulesDraft): string[] {
  return [
    'rules',
    ...draft.rules.flatMap((_r, k) =>
      ['id', 'indicator', 'versus', 'threshold', 'persistent', 'minDeals', 'rootCauses'].map((f) => `rules.${k}.${f}`),
    ),
    'recurrence.share',
    'recurrence.aboveMedianBy',
    'recurrence.minDeals',
  ];
}

/** A root cause named at one position (rules.3.rootCauses.1) is shown on the rule's picker. */
export function errorsByField(fields: Record<string, string>): Record<string, string> {
  const shown: Record<string, string> = {};
  for (const [path, message] of Object.entries(fields)) {
    const at = path.replace(/^(rules\.\d+\.rootCauses)\.\d+$/, '$1').replace(/^(rules\.\d+)$/, '$1.id');
    shown[at] ??= message;
  }
  return shown;
}
