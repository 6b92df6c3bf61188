import { describe, expect, it } from 'vitest';
import { createRandom } from '../random.ts';
import { DANGER_ZONE_RULES } from './catalog.ts';
import {
  compileRules,
  dangerZones,
  firingRuleIds,
  OPERATOR_WORDS,
  SEVERITIES,
  type DangerZoneRule,
  type Operand,
  type RuleSetting,
  type Severity,
  type Trigger,
} from './rules.ts';
import { SIGNAL_KINDS, SIGNAL_NAMES, type SignalName, type Signals, type SignalValue } from './signals.ts';

// One evaluator serves three callers: the explaining path (dangerZones, words included), the
// what-if path (firingRuleIds) and the fast path that re-assesses many deals (compileRules). This
// table checks, rule by rule, that all three agree with a plain reading of the rule's data, on
// signal vectors built around every value the catalog compares with.

/** What a rule says, read as plainly as possible: the oracle the evaluator is held to. */
function plainlyHolds(t: Trigger, signals: Signals, thresholds: Readonly<Record<string, number>>): boolean {
  if ('all' in t) return t.all.every((part) => plainlyHolds(part, signals, thresholds));
  if ('any' in t) return t.any.some((part) => plainlyHolds(part, signals, thresholds));
  const actual = signals[t.signal];
  const expected = typeof t.value === 'object' && !Array.isArray(t.value) ? thresholds[t.value.threshold]! : t.value;
  if (actual === undefined) return false;
  if (t.op === 'eq') return actual === expected;
  if (t.op === 'ne') return actual !== expected;
  if (t.op === 'in') return (expected as string[]).includes(String(actual));
  if (typeof actual !== 'number' || typeof expected !== 'number') return false;
  return { lt: actual < expected, lte: actual <= expected, gt: actual > expected, gte: actual >= expected }[t.op];
}

const RANK: Record<Severity, number> = Object.fromEntries(
  SEVERITIES.map((s, i) => [s, SEVERITIES.length - i]),
) as Record<Severity, number>;

function plainSeverity(
  rule: DangerZoneRule,
  signals: Signals,
  thresholds: Readonly<Record<string, number>>,
): Severity | null {
  if (!plainlyHolds(rule.trigger, signals, thresholds)) return null;
  return rule.escalations
    .filter((e) => plainlyHolds(e.when, signals, thresholds))
    .reduce<Severity>((s, e) => (RANK[e.severity] > RANK[s] ? e.severity : s), rule.severity);
}

/** Every value the catalog compares each signal with, and its neighbours. */
function interestingValues(): Map<SignalName, SignalValue[]> {
  const values = new Map<SignalName, SignalValue[]>(SIGNAL_NAMES.map((n) => [n, [null]]));
  const add = (signal: SignalName, v: Operand, thresholds: Readonly<Record<string, number>>) => {
    const list = values.get(signal)!;
    if (typeof v === 'object' && !Array.isArray(v)) v = thresholds[v.threshold]!;
    if (typeof v === 'number') list.push(v - 1, v - 0.05, v, v + 0.05, v + 1);
    else if (Array.isArray(v)) list.push(...v, 'something_else');
    else list.push(v, typeof v === 'boolean' ? !v : 'something_else');
  };
  const walk = (t: Trigger, thresholds: Readonly<Record<string, number>>) => {
    if ('all' in t) t.all.forEach((p) => walk(p, thresholds));
    else if ('any' in t) t.any.forEach((p) => walk(p, thresholds));
    else add(t.signal, t.value, thresholds);
  };
  for (const rule of DANGER_ZONE_RULES)
    [rule.trigger, ...rule.escalations.map((e) => e.when)].forEach((t) => walk(t, rule.thresholds));
  for (const name of SIGNAL_NAMES)
    if (values.get(name)!.length === 1)
      values.get(name)!.push(SIGNAL_KINDS[name] === 'boolean' ? true : SIGNAL_KINDS[name] === 'number' ? 0 : 'unknown');
  return values;
}

function signalVectors(count: number): Signals[] {
  const random = createRandom(20261203);
  const values = interestingValues();
  return Array.from({ length: count }, () => {
    const signals: Signals = {};
    // some signals left out altogether: a stored assessment from before a signal existed
    for (const name of SIGNAL_NAMES) if (random.chance(0.9)) signals[name] = random.pick(values.get(name)!);
    return signals;
  });
}

const VECTORS = signalVectors(400);

// tuned thresholds and a switched-off rule, as an administrator may set them
const TUNED: Record<string, RuleSetting> = {
  'DZ-03': { enabled: true, thresholds: { minThreads: 3 } },
  'DZ-20': { enabled: true, thresholds: { pushes: 1, manyPushes: 4 } },
  'DZ-27': { enabled: false, thresholds: {} },
};

describe('one danger-zone evaluator', () => {
  it('meets signal vectors that fire every rule and spare every rule', () => {
    for (const rule of DANGER_ZONE_RULES) {
      const firing = VECTORS.filter((v) => plainlyHolds(rule.trigger, v, rule.thresholds)).length;
      expect(firing, `${rule.id} fires on some vectors`).toBeGreaterThan(0);
      expect(firing, `${rule.id} is spared on some vectors`).toBeLessThan(VECTORS.length);
    }
  });

  it.each(DANGER_ZONE_RULES.map((rule) => [rule.id, rule] as const))(
    '%s: the explaining, what-if and fast paths agree with the rule as written',
    (_id, rule) => {
      for (const settings of [{}, TUNED]) {
        const setting = settings[rule.id];
        const thresholds = { ...rule.thresholds, ...setting?.thresholds };
        const fast = compileRules([rule], settings);
        for (const signals of VECTORS) {
          const expected = setting?.enabled === false ? null : plainSeverity(rule, signals, thresholds);
          const zones = dangerZones([rule], signals, settings);
          expect(zones.map((z) => z.severity)).toEqual(expected ? [expected] : []);
          expect(fast(signals)).toEqual(expected ? [{ id: rule.id, severity: expected }] : []);
          expect(firingRuleIds([rule], signals, settings)).toEqual(expected ? [rule.id] : []);
          // the words name conditions that really hold, as measured on this deal
          for (const m of zones[0]?.matched ?? []) {
            expect(plainlyHolds({ signal: m.signal, op: m.op, value: m.expected }, signals, thresholds), m.text).toBe(
              true,
            );
            expect(m.actual).toBe(signals[m.signal] ?? null);
            expect(m.text.startsWith(`${m.signal} ${OPERATOR_WORDS[m.op]} `)).toBe(true);
          }
          if (zones[0]) expect(zones[0].matched.length).toBeGreaterThan(0);
        }
      }
    },
  );

  it('orders the whole catalog the same way on every path', () => {
    const fast = compileRules(DANGER_ZONE_RULES);
    for (const signals of VECTORS) {
      const zones = dangerZones(DANGER_ZONE_RULES, signals);
      expect(fast(signals)).toEqual(zones.map((z) => ({ id: z.id, severity: z.severity })));
      expect([...firingRuleIds(DANGER_ZONE_RULES, signals)].sort()).toEqual(zones.map((z) => z.id).sort());
    }
  });
});
