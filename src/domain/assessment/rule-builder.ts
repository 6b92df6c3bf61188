import type { DangerZoneRule, Severity, Trigger } from './rules.ts';
import type { KnownSignalValue, NumericSignal, SignalName } from './signals.ts';

// How danger-zone rules are written (catalog.ts), typed from the signal table and from each rule's
// own thresholds: a misspelt signal, a value of the wrong kind or a threshold the rule does not
// declare fails the type-check. At run time each helper only builds the plain trigger data.

export type StringSignal = { [N in SignalName]: KnownSignalValue<N> extends string ? N : never }[SignalName];

/** Compares a number signal with a number, or with one of the rule's thresholds by name. */
type Comparison = {
  (signal: NumericSignal, value: number): Trigger<never>;
  <T extends string>(signal: NumericSignal, value: T): Trigger<T>;
};
const compare = (op: 'gte' | 'lte' | 'lt' | 'gt'): Comparison =>
  // the overloads above carry the threshold name; the one body builds both kinds of condition
  ((signal: NumericSignal, value: number | string): Trigger => ({
    signal,
    op,
    value: typeof value === 'string' ? { threshold: value } : value,
  })) as Comparison;

export const is = <S extends SignalName>(signal: S, value: KnownSignalValue<S>): Trigger<never> => ({
  signal,
  op: 'eq',
  value,
});
export const isNot = <S extends SignalName>(signal: S, value: KnownSignalValue<S>): Trigger<never> => ({
  signal,
  op: 'ne',
  value,
});
export const oneOf = <S extends StringSignal>(signal: S, values: Array<KnownSignalValue<S>>): Trigger<never> => ({
  signal,
  op: 'in',
  value: values,
});
export const atLeast = compare('gte');
export const atMost = compare('lte');
export const below = compare('lt');
export const above = compare('gt');
export const all = <T extends string>(...t: Array<Trigger<T>>): Trigger<T> => ({ all: t });
export const any = <T extends string>(...t: Array<Trigger<T>>): Trigger<T> => ({ any: t });

type RuleInput<Id extends string, T extends Record<string, number>> = Omit<
  DangerZoneRule,
  'id' | 'thresholds' | 'trigger' | 'escalations'
> & {
  id: Id;
  thresholds: T;
  trigger: Trigger<Extract<keyof T, string>>;
  escalations: Array<{ when: Trigger<Extract<keyof T, string>>; severity: Severity }>;
};

/** A rule whose triggers may name only the thresholds it declares; its id stays a literal type. */
export const rule = <const Id extends string, const T extends Record<string, number>>(
  r: RuleInput<Id, T>,
): DangerZoneRule & { id: Id } => r;
