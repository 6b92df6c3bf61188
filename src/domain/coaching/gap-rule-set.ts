import { z } from 'zod';
import type { FieldChange } from '../audit.ts';
import {
  DEFAULT_GAP_RULES,
  DEFAULT_ZONE_RECURRENCE,
  gapRuleSchema,
  zoneRecurrenceSchema,
  type GapRule,
  type ZoneRecurrence,
} from './gap-rules.ts';
import { INDICATOR_DEFS, type IndicatorDef, type IndicatorKey } from './indicators.ts';

// An organization's gap rules as one set an administrator replaces whole: the rules (unique ids,
// 1 to 40 of them) and when one danger zone counts as recurring. A threshold is read in its
// indicator's own terms (shortfall() in indicators.ts), so what makes sense depends on the
// indicator: a set is refused where a threshold could never be reached, naming the field.

export const MAX_GAP_RULES = 40;

export type GapRuleSet = { rules: GapRule[]; recurrence: ZoneRecurrence };

export const DEFAULT_GAP_RULE_SET: GapRuleSet = {
  rules: DEFAULT_GAP_RULES.map((rule) => ({ ...rule, rootCauses: [...rule.rootCauses] })),
  recurrence: { ...DEFAULT_ZONE_RECURRENCE },
};

/** How a threshold reads for one indicator, and the most it can sensibly be. */
export type ThresholdScale = {
  kind: 'share_difference' | 'points' | 'fraction';
  max: number;
  /** what the number is, in words, for the form and its errors */
  words: string;
  /** the same in a few words, under the field */
  short: string;
};

export function thresholdScaleOf(def: IndicatorDef): ThresholdScale {
  switch (def.unit) {
    case 'share':
      // a difference of two shares: 0.2 is 20 percentage points
      return {
        kind: 'share_difference',
        max: 1,
        words: 'a difference of shares from 0 to 1: 0.2 is 20 points of percentage',
        short: '0 to 1: 0.2 is 20 points',
      };
    case 'points':
      return {
        kind: 'points',
        max: 100,
        words: 'points of probability, 1 to 100: 10 is 10 points',
        short: 'points, up to 100',
      };
    case 'days':
      // a cycle can be several times the usual one
      return {
        kind: 'fraction',
        max: 5,
        words: 'a fraction of the reference, up to 5: 0.3 is 30 % longer',
        short: 'up to 5: 0.3 is 30 % longer',
      };
    case 'money':
      // a value in money cannot fall more than all of the reference below it
      return {
        kind: 'fraction',
        max: 1,
        words: `a fraction of the reference, up to 1: 0.5 is 50 % ${def.better === 'lower' ? 'more' : 'less'}`,
        short: `up to 1: 0.5 is 50 % ${def.better === 'lower' ? 'more' : 'less'}`,
      };
  }
}

const scaleOf = (indicator: IndicatorKey) => thresholdScaleOf(INDICATOR_DEFS.get(indicator)!);

/** How much worse, in the words of the rule's indicator: "20 points below", "30 % longer than". */
export function describeGap(indicator: IndicatorKey, threshold: number): string {
  const def = INDICATOR_DEFS.get(indicator)!;
  const scale = thresholdScaleOf(def);
  const amount = scale.kind === 'points' ? threshold : threshold * 100;
  const shown = `${Number(amount.toFixed(1))}`;
  if (scale.kind === 'points') return `${shown} points further from zero than`;
  if (scale.kind === 'share_difference') return `${shown} points ${def.better === 'lower' ? 'above' : 'below'}`;
  if (def.unit === 'days') return `${shown} % ${def.better === 'lower' ? 'longer than' : 'shorter than'}`;
  return `${shown} % ${def.better === 'lower' ? 'above' : 'below'}`;
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/**
 * A rule in plain words: "Flag when economic buyer reached is 20 points below the team’s usual, for a
 * second period, with at least 3 open deals".
 */
export function describeGapRule(rule: Omit<GapRule, 'id' | 'rootCauses'>): string {
  const def = INDICATOR_DEFS.get(rule.indicator)!;
  const reference = rule.versus === 'peers' ? 'the team’s usual' : 'the seller’s own baseline';
  const deals = `${rule.minDeals} ${def.kind === 'result' ? 'closed' : 'open'} deal${rule.minDeals === 1 ? '' : 's'}`;
  return `Flag when ${lowerFirst(def.label)} is ${describeGap(rule.indicator, rule.threshold)} ${reference}${
    rule.persistent ? ', for a second period' : ''
  }, with at least ${deals}`;
}

/** The zone-recurrence setting in plain words. */
export function describeRecurrence(r: ZoneRecurrence): string {
  const pct = (share: number) => `${Number((share * 100).toFixed(1))} %`;
  return `Flag a danger zone on ${pct(r.share)} or more of a seller’s open deals, and at least ${pct(
    r.aboveMedianBy,
  )} more than the team’s usual share, once the seller has ${r.minDeals} open deal${r.minDeals === 1 ? '' : 's'}`;
}

/** The fields of a set; with refineGapRuleSet, its schema (the API's body adds the version seen). */
export const gapRuleSetShape = {
  rules: z.array(gapRuleSchema).min(1, 'Keep at least one rule').max(MAX_GAP_RULES, `At most ${MAX_GAP_RULES} rules`),
  recurrence: zoneRecurrenceSchema,
};

/** What a rule's own schema cannot see: ids used twice, a threshold its indicator never reaches. */
export function refineGapRuleSet(set: GapRuleSet, ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  set.rules.forEach((rule, index) => {
    if (seen.has(rule.id))
      ctx.addIssue({ code: 'custom', path: ['rules', index, 'id'], message: `${rule.id} is used twice` });
    seen.add(rule.id);
    const scale = scaleOf(rule.indicator);
    if (rule.threshold > scale.max)
      ctx.addIssue({
        code: 'custom',
        path: ['rules', index, 'threshold'],
        message: `At most ${scale.max} for ${INDICATOR_DEFS.get(rule.indicator)!.label.toLowerCase()}: ${scale.words}`,
      });
    const causes = new Set<string>();
    rule.rootCauses.forEach((cause, k) => {
      if (causes.has(cause))
        ctx.addIssue({ code: 'custom', path: ['rules', index, 'rootCauses', k], message: `${cause} is named twice` });
      causes.add(cause);
      // wellbeing is referred, never suggested from figures (REFERENCE §6.4, C8)
      if (cause === 'C8')
        ctx.addIssue({
          code: 'custom',
          path: ['rules', index, 'rootCauses', k],
          message: 'Wellbeing is never suggested by a rule: it is a private matter',
        });
    });
  });
}

export const gapRuleSetSchema = z.strictObject(gapRuleSetShape).superRefine(refineGapRuleSet);

/** zod issues as "path: message" lines, the way a CLI or a log names the field at fault. */
export function gapRuleSetErrors(input: unknown): string[] {
  const parsed = gapRuleSetSchema.safeParse(input);
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => `${issue.path.join('.') || '(set)'}: ${issue.message}`);
}

/**
 * What changed from one set to the next, for the history: one entry per rule added, removed or
 * changed (by id), and the recurrence setting when it moved.
 */
export function gapRuleSetChanges(before: GapRuleSet, after: GapRuleSet): FieldChange[] {
  const changes: FieldChange[] = [];
  const was = new Map(before.rules.map((r) => [r.id, r]));
  const now = new Map(after.rules.map((r) => [r.id, r]));
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  for (const id of [...new Set([...was.keys(), ...now.keys()])].sort()) {
    const from = was.get(id) ?? null;
    const to = now.get(id) ?? null;
    if (!same(from, to)) changes.push({ field: `rules.${id}`, from, to });
  }
  if (!same(before.recurrence, after.recurrence))
    changes.push({ field: 'recurrence', from: before.recurrence, to: after.recurrence });
  return changes;
}
