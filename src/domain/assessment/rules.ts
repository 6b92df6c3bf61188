import { z } from 'zod';
import { OBJECTIVE_KEYS } from '../knowledge/objectives.ts';
import { SIGNAL_NAMES, type SignalName, type Signals, type SignalValue } from './signals.ts';

// Danger-zone rules as data: when a rule fires (conditions over signals, with named thresholds an
// admin may tune), how severe it is (with escalations), what to do and ask, and which coaching
// root causes a pattern of it points to. One pure evaluator says which conditions matched.

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const SEVERITY_RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1 };

/**
 * What a zone says: that something we know puts the deal at risk, or that something we should know
 * by now is unknown. The unknowns are shown together as one zone listing what is missing.
 */
export const ZONE_FAMILIES = ['risk', 'unknown'] as const;
export type ZoneFamily = (typeof ZONE_FAMILIES)[number];

export const OPERATORS = ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in'] as const;
export type Operator = (typeof OPERATORS)[number];
/** How each operator reads in words (the API's condition texts and the web's labels). */
export const OPERATOR_WORDS: Record<Operator, string> = {
  eq: 'is',
  ne: 'is not',
  lt: '<',
  lte: '≤',
  gt: '>',
  gte: '≥',
  in: 'is one of',
};

const operand = z.union([
  z.number(),
  z.boolean(),
  z.string(),
  z.array(z.string()),
  z.strictObject({ threshold: z.string() }),
]);
/** A limit named by the rule (`T`: the names the rule declares), so an admin can tune it. */
export type ThresholdRef<T extends string = string> = { threshold: T };
export type Operand<T extends string = string> = number | boolean | string | string[] | ThresholdRef<T>;
export type Condition<T extends string = string> = { signal: SignalName; op: Operator; value: Operand<T> };
/** Conditions over signals; `T` is the threshold names it may refer to. */
export type Trigger<T extends string = string> = Condition<T> | { all: Array<Trigger<T>> } | { any: Array<Trigger<T>> };

const conditionSchema = z.strictObject({
  signal: z.enum(SIGNAL_NAMES as [SignalName, ...SignalName[]]),
  op: z.enum(OPERATORS),
  value: operand,
});
export const triggerSchema: z.ZodType<Trigger> = z.lazy(() =>
  z.union([
    conditionSchema,
    z.strictObject({ all: z.array(triggerSchema).min(1) }),
    z.strictObject({ any: z.array(triggerSchema).min(1) }),
  ]),
);

export const dangerZoneRuleSchema = z.strictObject({
  id: z.string().regex(/^DZ-\d{2}$/),
  name: z.string().min(3),
  family: z.enum(ZONE_FAMILIES),
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
export type MatchedCondition = {
  signal: SignalName;
  op: Operator;
  expected: number | boolean | string | string[];
  actual: SignalValue;
  text: string;
};

export type DangerZone = {
  id: string;
  name: string;
  severity: Severity;
  family: ZoneFamily;
  objectives: DangerZoneRule['objectives'];
  /** the conditions that held */
  matched: MatchedCondition[];
  actions: string[];
  questions: string[];
  rootCauses: string[];
};

function resolve(value: Operand, thresholds: Readonly<Record<string, number>>): Exclude<Operand, ThresholdRef> {
  if (typeof value === 'object' && !Array.isArray(value)) {
    const t = thresholds[value.threshold];
    if (t === undefined) throw new Error(`unknown threshold ${value.threshold}`);
    return t;
  }
  return value;
}

/**
 * The test of one condition, chosen once per operator. A signal that is absent holds nothing, not
 * even "is not"; an order comparison holds only between numbers.
 */
function leafTest(
  signal: SignalName,
  op: Operator,
  expected: Exclude<Operand, ThresholdRef>,
): (signals: Signals) => boolean {
  switch (op) {
    case 'eq':
      return (s) => s[signal] === expected;
    case 'ne':
      return (s) => s[signal] !== undefined && s[signal] !== expected;
    case 'in': {
      const list: readonly string[] = Array.isArray(expected) ? expected : [];
      return (s) => s[signal] !== undefined && list.includes(String(s[signal]));
    }
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte':
      break; // order comparisons, below: they hold only between numbers
  }
  if (typeof expected !== 'number') return () => false;
  switch (op) {
    case 'lt':
      return (s) => typeof s[signal] === 'number' && s[signal] < expected;
    case 'lte':
      return (s) => typeof s[signal] === 'number' && s[signal] <= expected;
    case 'gt':
      return (s) => typeof s[signal] === 'number' && s[signal] > expected;
    case 'gte':
      return (s) => typeof s[signal] === 'number' && s[signal] >= expected;
  }
}

const shown = (v: unknown) =>
  Array.isArray(v) ? v.join('/') : typeof v === 'number' ? String(Math.round(v * 100) / 100) : String(v);

/**
 * A trigger made ready to run, with its thresholds resolved: whether it holds, and which leaf
 * conditions make it hold. This is the only evaluator of rules: the explaining path (dangerZones)
 * and the fast paths (compileRules, firingRuleIds) both run it, so they cannot disagree.
 */
type CompiledTrigger = {
  holds(signals: Signals): boolean;
  /** the conditions of a holding trigger that make it hold: every part of an "all", the holding parts of an "any" */
  explain(signals: Signals, into: MatchedCondition[]): void;
};

function compileTrigger(trigger: Trigger, thresholds: Readonly<Record<string, number>>): CompiledTrigger {
  if ('all' in trigger) {
    const parts = trigger.all.map((t) => compileTrigger(t, thresholds));
    return {
      holds: (s) => {
        for (const p of parts) if (!p.holds(s)) return false;
        return true;
      },
      explain: (s, into) => {
        for (const p of parts) p.explain(s, into);
      },
    };
  }
  if ('any' in trigger) {
    const parts = trigger.any.map((t) => compileTrigger(t, thresholds));
    return {
      holds: (s) => {
        for (const p of parts) if (p.holds(s)) return true;
        return false;
      },
      explain: (s, into) => {
        for (const p of parts) if (p.holds(s)) p.explain(s, into);
      },
    };
  }
  const { signal, op } = trigger;
  const expected = resolve(trigger.value, thresholds);
  // the words up to the actual value do not change from deal to deal
  const said = `${signal} ${OPERATOR_WORDS[op]} ${shown(expected)} (is `;
  return {
    holds: leafTest(signal, op, expected),
    explain: (s, into) => {
      const actual = s[signal] ?? null;
      into.push({ signal, op, expected, actual, text: `${said}${shown(actual)})` });
    },
  };
}

type CompiledRule = {
  rule: DangerZoneRule;
  trigger: CompiledTrigger;
  escalations: Array<{ severity: Severity; when: CompiledTrigger }>;
};

const NO_SETTINGS: Readonly<Record<string, RuleSetting>> = Object.freeze({});

// Compiling is pure, so it is done once per catalog and settings object rather than per deal (a
// what-if runs the rules for every lever). Weak keys: nothing outlives the rules or settings.
const compiledCache = new WeakMap<readonly DangerZoneRule[], WeakMap<object, CompiledRule[]>>();

function compiledFor(
  rules: readonly DangerZoneRule[],
  settings: Readonly<Record<string, RuleSetting>>,
): CompiledRule[] {
  let bySettings = compiledCache.get(rules);
  if (!bySettings) compiledCache.set(rules, (bySettings = new WeakMap()));
  let compiled = bySettings.get(settings);
  if (!compiled) {
    compiled = rules
      .filter((rule) => settings[rule.id]?.enabled !== false)
      .map((rule) => {
        const setting = settings[rule.id];
        const thresholds = setting ? { ...rule.thresholds, ...setting.thresholds } : rule.thresholds;
        return {
          rule,
          trigger: compileTrigger(rule.trigger, thresholds),
          escalations: rule.escalations.map((e) => ({
            severity: e.severity,
            when: compileTrigger(e.when, thresholds),
          })),
        };
      });
    bySettings.set(settings, compiled);
  }
  return compiled;
}

/** The severity of a rule that fires: its own, raised by the escalations that hold. */
function severityOf(r: CompiledRule, signals: Signals): Severity {
  let severity = r.rule.severity;
  for (const e of r.escalations)
    if (SEVERITY_RANK[e.severity] > SEVERITY_RANK[severity] && e.when.holds(signals)) severity = e.severity;
  return severity;
}

/** The danger zones an opportunity is in, most severe first; switched-off rules are skipped. */
export function dangerZones(
  rules: readonly DangerZoneRule[],
  signals: Signals,
  settings: Readonly<Record<string, RuleSetting>> = NO_SETTINGS,
): DangerZone[] {
  const zones: DangerZone[] = [];
  for (const r of compiledFor(rules, settings)) {
    if (!r.trigger.holds(signals)) continue;
    const matched: MatchedCondition[] = [];
    r.trigger.explain(signals, matched);
    const { rule } = r;
    zones.push({
      id: rule.id,
      name: rule.name,
      severity: severityOf(r, signals),
      family: rule.family,
      objectives: rule.objectives,
      matched,
      actions: rule.actions,
      questions: rule.questions,
      rootCauses: rule.rootCauses,
    });
  }
  return zones.sort(bySeverityThenId);
}

// rule ids are DZ-nn, so plain comparison orders them as localeCompare would, without its cost
const bySeverityThenId = (a: { id: string; severity: Severity }, b: { id: string; severity: Severity }) =>
  SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The ids of the rules that fire, without severities or words (what a what-if needs). */
export function firingRuleIds(
  rules: readonly DangerZoneRule[],
  signals: Signals,
  settings: Readonly<Record<string, RuleSetting>> = NO_SETTINGS,
): string[] {
  const ids: string[] = [];
  for (const r of compiledFor(rules, settings)) if (r.trigger.holds(signals)) ids.push(r.rule.id);
  return ids;
}

export type CompiledRules = (signals: Signals) => Array<{ id: string; severity: Severity }>;

/**
 * The rules made ready once (settings applied), for re-assessing many deals: which zones fire and
 * how severe, without the words.
 */
export function compileRules(
  rules: readonly DangerZoneRule[],
  settings: Readonly<Record<string, RuleSetting>> = NO_SETTINGS,
): CompiledRules {
  const compiled = compiledFor(rules, settings);
  return (signals) => {
    const fired: Array<{ id: string; severity: Severity }> = [];
    for (const r of compiled)
      if (r.trigger.holds(signals)) fired.push({ id: r.rule.id, severity: severityOf(r, signals) });
    return fired.sort(bySeverityThenId);
  };
}

/** Every signal a rule (or its escalations) reads: a rule may only name signals that exist. */
export function signalsOf(trigger: Trigger): SignalName[] {
  if ('all' in trigger) return trigger.all.flatMap(signalsOf);
  if ('any' in trigger) return trigger.any.flatMap(signalsOf);
  return [trigger.signal];
}

export function thresholdsOf(trigger: Trigger): string[] {
  if ('all' in trigger) return trigger.all.flatMap(thresholdsOf);
  if ('any' in trigger) return trigger.any.flatMap(thresholdsOf);
  return typeof trigger.value === 'object' && !Array.isArray(trigger.value) ? [trigger.value.threshold] : [];
}
