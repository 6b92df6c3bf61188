import { z } from 'zod';
import { OBJECTIVE_KEYS } from '../knowledge/objectives.ts';
import type { Signals, SignalValue } from './signals.ts';

// Danger-zone rules as data: when a rule fires (conditions over signals, with named thresholds an
// admin may tune), how severe it is (with escalations), what to do and ask, and which coaching
// root causes a pattern of it points to. One pure evaluator says which conditions matched.

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];
const SEVERITY_RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1 };

export const OPERATORS = ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in'] as const;

const operand = z.union([z.number(), z.boolean(), z.string(), z.array(z.string()), z.strictObject({ threshold: z.string() })]);
export type Operand = z.infer<typeof operand>;
export type Condition = { signal: string; op: (typeof OPERATORS)[number]; value: Operand };
export type Trigger = Condition | { all: Trigger[] } | { any: Trigger[] };

const conditionSchema = z.strictObject({ signal: z.string().min(1), op: z.enum(OPERATORS), value: operand });
export const triggerSchema: z.ZodType<Trigger> = z.lazy(() =>
  z.union([conditionSchema, z.strictObject({ all: z.array(triggerSchema).min(1) }), z.strictObject({ any: z.array(triggerSchema).min(1) })]),
);

export const dangerZoneRuleSchema = z.strictObject({
  id: z.string().regex(/^DZ-\d{2}$/),
  name: z.string().min(3),
  objectives: z.array(z.enum(OBJECTIVE_KEYS)).min(1),
  trigger: triggerSchema,
  severity: z.enum(SEVERITIES),
  escalations: z.array(z.strictObject({ when: triggerSchema, severity: z.enum(SEVERITIES) })),
  thresholds: z.record(z.string(), z.number()),
  actions: z.array(z.string().min(5)).min(1),
  questions: z.array(z.string().min(5)).min(1),
  rootCauses: z.array(z.string().regex(/^[BSC]\d{1,2}$/)).min(1),
});
export type DangerZoneRule = z.infer<typeof dangerZoneRuleSchema>;

/** What an admin may change per rule: switch it off, or tune its thresholds. */
export const ruleSettingSchema = z.strictObject({
  enabled: z.boolean(),
  thresholds: z.record(z.string(), z.number().finite()).default({}),
});
export type RuleSetting = z.infer<typeof ruleSettingSchema>;

/** One condition that held: which signal, compared how with what, what it actually was, in words. */
export type MatchedCondition = { signal: string; op: Condition['op']; expected: number | boolean | string | string[]; actual: SignalValue; text: string };

export type DangerZone = {
  id: string;
  name: string;
  severity: Severity;
  objectives: DangerZoneRule['objectives'];
  /** the conditions that held */
  matched: MatchedCondition[];
  actions: string[];
  questions: string[];
  rootCauses: string[];
};

function resolve(value: Operand, thresholds: Readonly<Record<string, number>>): Exclude<Operand, { threshold: string }> {
  if (typeof value === 'object' && !Array.isArray(value)) {
    const t = thresholds[value.threshold];
    if (t === undefined) throw new Error(`unknown threshold ${value.threshold}`);
    return t;
  }
  return value;
}

function holds(c: Condition, actual: SignalValue | undefined, expected: Operand): boolean {
  if (actual === undefined) return false;
  switch (c.op) {
    case 'eq': return actual === expected;
    case 'ne': return actual !== expected;
    case 'in': return Array.isArray(expected) && expected.includes(String(actual));
    default: {
      if (typeof actual !== 'number' || typeof expected !== 'number') return false;
      return c.op === 'lt' ? actual < expected : c.op === 'lte' ? actual <= expected : c.op === 'gt' ? actual > expected : actual >= expected;
    }
  }
}

const OP_WORDS: Record<Condition['op'], string> = { eq: 'is', ne: 'is not', lt: '<', lte: '≤', gt: '>', gte: '≥', in: 'is one of' };

const shown = (v: unknown) => (Array.isArray(v) ? v.join('/') : typeof v === 'number' ? String(Math.round(v * 100) / 100) : String(v));

function words(c: Condition, expected: Operand, actual: SignalValue | undefined): string {
  return `${c.signal} ${OP_WORDS[c.op]} ${shown(expected)} (is ${shown(actual)})`;
}

/** Whether a trigger holds (no words built: most rules do not fire). */
export function triggerHolds(trigger: Trigger, signals: Signals, thresholds: Readonly<Record<string, number>>): boolean {
  if ('all' in trigger) {
    for (const t of trigger.all) if (!triggerHolds(t, signals, thresholds)) return false;
    return true;
  }
  if ('any' in trigger) {
    for (const t of trigger.any) if (triggerHolds(t, signals, thresholds)) return true;
    return false;
  }
  return holds(trigger, signals[trigger.signal], resolve(trigger.value, thresholds));
}

/** Whether a trigger holds, and which leaf conditions made it so. */
export function evaluateTrigger(trigger: Trigger, signals: Signals, thresholds: Readonly<Record<string, number>>): { holds: boolean; matched: MatchedCondition[] } {
  if (!triggerHolds(trigger, signals, thresholds)) return { holds: false, matched: [] };
  return { holds: true, matched: matchedConditions(trigger, signals, thresholds) };
}

/** The leaf conditions that make a holding trigger hold: every part of an "all", the holding parts of an "any". */
function matchedConditions(trigger: Trigger, signals: Signals, thresholds: Readonly<Record<string, number>>, into: MatchedCondition[] = []): MatchedCondition[] {
  if ('all' in trigger) {
    for (const t of trigger.all) matchedConditions(t, signals, thresholds, into);
  } else if ('any' in trigger) {
    for (const t of trigger.any) if (triggerHolds(t, signals, thresholds)) matchedConditions(t, signals, thresholds, into);
  } else {
    const expected = resolve(trigger.value, thresholds);
    const actual = signals[trigger.signal] ?? null;
    into.push({ signal: trigger.signal, op: trigger.op, expected, actual, text: words(trigger, expected, actual) });
  }
  return into;
}

/** The danger zones an opportunity is in, most severe first; switched-off rules are skipped. */
export function dangerZones(rules: readonly DangerZoneRule[], signals: Signals, settings: Readonly<Record<string, RuleSetting>> = {}): DangerZone[] {
  const zones: DangerZone[] = [];
  for (const rule of rules) {
    const setting = settings[rule.id];
    if (setting && !setting.enabled) continue;
    const thresholds = setting ? { ...rule.thresholds, ...setting.thresholds } : rule.thresholds;
    if (!triggerHolds(rule.trigger, signals, thresholds)) continue;
    let severity = rule.severity;
    for (const e of rule.escalations) {
      if (SEVERITY_RANK[e.severity] > SEVERITY_RANK[severity] && triggerHolds(e.when, signals, thresholds)) severity = e.severity;
    }
    zones.push({ id: rule.id, name: rule.name, severity, objectives: rule.objectives, matched: matchedConditions(rule.trigger, signals, thresholds), actions: rule.actions, questions: rule.questions, rootCauses: rule.rootCauses });
  }
  return zones.sort(bySeverityThenId);
}

// rule ids are DZ-nn, so plain comparison orders them as localeCompare would, without its cost
const bySeverityThenId = (a: { id: string; severity: Severity }, b: { id: string; severity: Severity }) =>
  SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The ids of the rules that fire, without severities or words (what a what-if needs). */
export function firingRuleIds(rules: readonly DangerZoneRule[], signals: Signals, settings: Readonly<Record<string, RuleSetting>> = {}): string[] {
  const ids: string[] = [];
  for (const rule of rules) {
    const setting = settings[rule.id];
    if (setting && !setting.enabled) continue;
    const thresholds = setting ? { ...rule.thresholds, ...setting.thresholds } : rule.thresholds;
    if (triggerHolds(rule.trigger, signals, thresholds)) ids.push(rule.id);
  }
  return ids;
}

type Test = (signals: Signals) => boolean;

function compileTrigger(trigger: Trigger, thresholds: Readonly<Record<string, number>>): Test {
  if ('all' in trigger) {
    const parts = trigger.all.map((t) => compileTrigger(t, thresholds));
    return (s) => parts.every((p) => p(s));
  }
  if ('any' in trigger) {
    const parts = trigger.any.map((t) => compileTrigger(t, thresholds));
    return (s) => parts.some((p) => p(s));
  }
  const expected = resolve(trigger.value, thresholds);
  const signal = trigger.signal;
  const c = trigger;
  return (s) => holds(c, s[signal], expected);
}

export type CompiledRules = (signals: Signals) => Array<{ id: string; severity: Severity }>;

/**
 * The rules turned into plain functions once (settings applied), for re-assessing many deals:
 * which zones fire and how severe, without the words.
 */
export function compileRules(rules: readonly DangerZoneRule[], settings: Readonly<Record<string, RuleSetting>> = {}): CompiledRules {
  const compiled = rules
    .filter((r) => settings[r.id]?.enabled !== false)
    .map((r) => {
      const thresholds = settings[r.id] ? { ...r.thresholds, ...settings[r.id]!.thresholds } : r.thresholds;
      return {
        id: r.id,
        severity: r.severity,
        test: compileTrigger(r.trigger, thresholds),
        escalations: r.escalations.map((e) => ({ severity: e.severity, test: compileTrigger(e.when, thresholds) })),
      };
    });
  return (signals) => {
    const fired: Array<{ id: string; severity: Severity }> = [];
    for (const r of compiled) {
      if (!r.test(signals)) continue;
      let severity = r.severity;
      for (const e of r.escalations) if (SEVERITY_RANK[e.severity] > SEVERITY_RANK[severity] && e.test(signals)) severity = e.severity;
      fired.push({ id: r.id, severity });
    }
    return fired.sort(bySeverityThenId);
  };
}

/** Every signal a rule (or its escalations) reads: a rule may only name signals that exist. */
export function signalsOf(trigger: Trigger): string[] {
  if ('all' in trigger) return trigger.all.flatMap(signalsOf);
  if ('any' in trigger) return trigger.any.flatMap(signalsOf);
  return [trigger.signal];
}

export function thresholdsOf(trigger: Trigger): string[] {
  if ('all' in trigger) return trigger.all.flatMap(thresholdsOf);
  if ('any' in trigger) return trigger.any.flatMap(thresholdsOf);
  return typeof trigger.value === 'object' && !Array.isArray(trigger.value) ? [trigger.value.threshold] : [];
}
