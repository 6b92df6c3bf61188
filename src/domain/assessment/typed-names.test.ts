import { describe, expect, it } from 'vitest';
import { knowledge } from '../knowledge/builder.ts';
import { FACT_FIELDS, KNOWLEDGE_SCHEMA, type FactField } from '../knowledge/schema.ts';
import { DANGER_ZONE_RULES, SELLER_FIGURE_GAP_RULE, type DangerZoneId } from './catalog.ts';
import { atLeast, below, is, oneOf, rule } from './rule-builder.ts';
import { signalsOf, type Condition } from './rules.ts';
import { SIGNAL_KINDS, SIGNAL_NAMES, type Signals } from './signals.ts';

// The names the code relies on are types derived from the tables that define them. Each
// `@ts-expect-error` below is a misspelling or a mismatch that `npx tsc` must reject: if a name
// ever went back to being a plain string, the directive would be unused and the type-check would fail.

const written = {
  name: 'A rule written for this test',
  family: 'risk' as const,
  objectives: ['buying_group' as const],
  severity: 'medium' as const,
  actions: ['Do something'],
  questions: ['Ask something?'],
  rootCauses: ['B4'],
};

describe('signal names', () => {
  it('are the keys of the signal table, and nothing else', () => {
    // @ts-expect-error a misspelt signal in a condition
    const misspelt: Condition = { signal: 'ebMett', op: 'eq', value: false };
    // @ts-expect-error a misspelt signal in a set of signals
    const signals: Signals = { threadsCoverd: 1 };
    expect(SIGNAL_NAMES).not.toContain(misspelt.signal);
    expect(Object.keys(signals)).toEqual(['threadsCoverd']);
    expect(SIGNAL_NAMES).toEqual(Object.keys(SIGNAL_KINDS));
  });

  it('take values of their own kind in a rule', () => {
    expect(is('ebMet', false)).toEqual({ signal: 'ebMet', op: 'eq', value: false });
    // @ts-expect-error a misspelt signal
    is('ebMett', false);
    // @ts-expect-error a yes/no signal compared with text
    is('ebMet', 'no');
    // @ts-expect-error only number signals are compared with numbers
    atLeast('ebCoverage', 1);
    // @ts-expect-error only text signals are one of a list
    oneOf('threadsCovered', ['1']);
    // @ts-expect-error a word outside the signal's vocabulary (coverage levels, or unknown)
    oneOf('ebCoverage', ['none', 'in_dept']);
    // @ts-expect-error a forecast category that does not exist
    is('forecastCategory', 'comit');
    expect(oneOf('ebCoverage', ['none', 'unknown'])).toEqual({
      signal: 'ebCoverage',
      op: 'in',
      value: ['none', 'unknown'],
    });
  });
});

describe('threshold names', () => {
  it('must be declared by the rule that uses them', () => {
    const declared = rule({
      ...written,
      id: 'DZ-98',
      thresholds: { minThreads: 2 },
      trigger: below('threadsCovered', 'minThreads'),
      escalations: [],
    });
    expect(declared.trigger).toEqual({ signal: 'threadsCovered', op: 'lt', value: { threshold: 'minThreads' } });
    rule({
      ...written,
      id: 'DZ-99',
      thresholds: { minThreads: 2 },
      // @ts-expect-error a misspelt threshold
      trigger: below('threadsCovered', 'minThread'),
      escalations: [],
    });
    // @ts-expect-error a rule without thresholds names one
    rule({ ...written, id: 'DZ-99', thresholds: {}, trigger: below('threadsCovered', 'minThreads'), escalations: [] });
  });
});

describe('danger-zone ids', () => {
  it('are the ids of the catalog', () => {
    const known: DangerZoneId = SELLER_FIGURE_GAP_RULE;
    // @ts-expect-error there is no such rule
    const unknown: DangerZoneId = 'DZ-99';
    expect(DANGER_ZONE_RULES.map((r) => r.id)).toContain(known);
    expect(DANGER_ZONE_RULES.map((r) => r.id)).not.toContain(unknown);
  });

  it('name the seller-figure rule by what it is about', () => {
    const gapRule = DANGER_ZONE_RULES.find((r) => r.id === SELLER_FIGURE_GAP_RULE)!;
    expect(signalsOf(gapRule.trigger).sort()).toEqual(['sellerBiasAbs', 'sellerGapAbs']);
  });
});

describe('fact fields', () => {
  it('are the fields of the knowledge schema', () => {
    const snapshot = knowledge('2026-11-20').snapshot();
    expect(snapshot.known('missing-item', 'ebMet')).toBeUndefined();
    // @ts-expect-error a misspelt field
    expect(snapshot.known('missing-item', 'ebMett')).toBeUndefined();
    // @ts-expect-error a misspelt field
    const field: FactField = 'budgetStatu';
    expect(FACT_FIELDS).not.toContain(field);
    expect(new Set(FACT_FIELDS)).toEqual(new Set(KNOWLEDGE_SCHEMA.flatMap((k) => k.fields.map((f) => f.key))));
  });
});
