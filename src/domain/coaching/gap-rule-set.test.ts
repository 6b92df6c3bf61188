import { describe, expect, it } from 'vitest';
import {
  DEFAULT_GAP_RULE_SET,
  describeGapRule,
  describeRecurrence,
  gapRuleSetChanges,
  gapRuleSetErrors,
  gapRuleSetSchema,
  MAX_GAP_RULES,
  thresholdScaleOf,
  type GapRuleSet,
} from './gap-rule-set.ts';
import { DEFAULT_GAP_RULES, type GapRule } from './gap-rules.ts';
import { INDICATORS } from './indicators.ts';

const set = (change: (s: GapRuleSet) => void = () => {}): GapRuleSet => {
  const copy = structuredClone(DEFAULT_GAP_RULE_SET);
  change(copy);
  return copy;
};
const at = (index: number, over: Partial<Record<keyof GapRule | 'colour', unknown>>) => (s: GapRuleSet) => {
  Object.assign(s.rules[index]!, over);
};

describe('an organization’s gap rule set', () => {
  it('holds the defaults', () => {
    expect(gapRuleSetErrors(DEFAULT_GAP_RULE_SET)).toEqual([]);
    expect(DEFAULT_GAP_RULE_SET.rules).toEqual(DEFAULT_GAP_RULES);
  });

  it.each<[string, (s: GapRuleSet) => void, string]>([
    ['an id used twice', at(2, { id: 'GAP-01' }), 'rules.2.id: GAP-01 is used twice'],
    ['an id not shaped like GAP-01', at(0, { id: 'gap one' }), 'rules.0.id: Expected an id like GAP-01'],
    ['a threshold of 0', at(3, { threshold: 0 }), 'rules.3.threshold: Above 0'],
    ['a negative threshold', at(1, { threshold: -0.2 }), 'rules.1.threshold: Above 0'],
    [
      'a share difference above 1',
      at(1, { threshold: 1.5 }),
      'rules.1.threshold: At most 1 for economic buyer reached: a difference of shares from 0 to 1: 0.2 is 20 points of percentage',
    ],
    [
      'points of forecast bias above 100',
      at(6, { threshold: 120 }),
      'rules.6.threshold: At most 100 for forecast bias: points of probability, 1 to 100: 10 is 10 points',
    ],
    [
      'pipeline more than all of the reference below it',
      at(7, { threshold: 2 }),
      'rules.7.threshold: At most 1 for pipeline created: a fraction of the reference, up to 1: 0.5 is 50 % less',
    ],
    [
      'a cycle more than six times the usual',
      at(10, { threshold: 6 }),
      'rules.10.threshold: At most 5 for cycle time: a fraction of the reference, up to 5: 0.3 is 30 % longer',
    ],
    ['minimum deals of 0', at(4, { minDeals: 0 }), 'rules.4.minDeals: At least 1'],
    ['minimum deals not whole', at(4, { minDeals: 2.5 }), 'rules.4.minDeals: A whole number'],
    ['an unknown indicator', at(5, { indicator: 'happiness' }), 'rules.5.indicator'],
    ['an unknown reference', at(5, { versus: 'last_year' }), 'rules.5.versus'],
    ['no root cause', at(8, { rootCauses: [] }), 'rules.8.rootCauses: Name at least one root cause'],
    ['an unknown root cause', at(8, { rootCauses: ['B1', 'Z9'] }), 'rules.8.rootCauses.1'],
    ['a root cause named twice', at(8, { rootCauses: ['B1', 'B2', 'B1'] }), 'rules.8.rootCauses.2: B1 is named twice'],
    [
      'wellbeing as a root cause',
      at(9, { rootCauses: ['C8'] }),
      'rules.9.rootCauses.0: Wellbeing is never suggested by a rule: it is a private matter',
    ],
    ['persistence not a yes or no', at(0, { persistent: 'yes' }), 'rules.0.persistent'],
    ['a field nobody knows', at(0, { colour: 'red' }), 'rules.0'],
    ['no rule at all', (s) => (s.rules = []), 'rules: Keep at least one rule'],
    [
      'more than the most rules',
      (s) =>
        (s.rules = Array.from({ length: MAX_GAP_RULES + 1 }, (_, k) => ({
          ...DEFAULT_GAP_RULES[0]!,
          id: `GAP-${String(k).padStart(2, '0')}`,
        }))),
      `rules: At most ${MAX_GAP_RULES} rules`,
    ],
    ['a recurrence share of 0', (s) => (s.recurrence.share = 0), 'recurrence.share: Above 0'],
    [
      'a recurrence share above 1',
      (s) => (s.recurrence.share = 1.2),
      'recurrence.share: At most 1: a share of the open deals',
    ],
    [
      'a margin over the median above 1',
      (s) => (s.recurrence.aboveMedianBy = 2),
      'recurrence.aboveMedianBy: At most 1: a difference of shares',
    ],
    ['a negative margin', (s) => (s.recurrence.aboveMedianBy = -0.1), 'recurrence.aboveMedianBy: At least 0'],
    ['recurrence minimum deals of 0', (s) => (s.recurrence.minDeals = 0), 'recurrence.minDeals: At least 1'],
  ])('refuses %s, naming the field', (_name, change, expected) => {
    const errors = gapRuleSetErrors(set(change));
    expect(
      errors.some((e) => e.startsWith(expected)),
      errors.join('\n'),
    ).toBe(true);
  });

  it.each<[string, (s: GapRuleSet) => void]>([
    ['a share difference of exactly 1', at(1, { threshold: 1 })],
    ['forecast bias of 100 points', at(6, { threshold: 100 })],
    ['a cycle five times longer', at(10, { threshold: 5 })],
    ['one rule only', (s) => (s.rules = s.rules.slice(0, 1))],
    [
      'the most rules',
      (s) =>
        (s.rules = Array.from({ length: MAX_GAP_RULES }, (_, k) => ({
          ...DEFAULT_GAP_RULES[0]!,
          id: `GAP-${String(k).padStart(2, '0')}`,
        }))),
    ],
    ['no margin over the median', (s) => (s.recurrence.aboveMedianBy = 0)],
  ])('accepts %s', (_name, change) => {
    expect(gapRuleSetErrors(set(change))).toEqual([]);
  });

  it('names every field at fault at once', () => {
    const parsed = gapRuleSetSchema.safeParse(
      set((s) => {
        at(0, { threshold: 3 })(s);
        at(2, { id: 'GAP-02' })(s);
        s.recurrence.minDeals = 0;
      }),
    );
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => i.path.join('.')).sort()).toEqual([
      'recurrence.minDeals',
      'rules.0.threshold',
      'rules.2.id',
    ]);
  });
});

describe('threshold scales', () => {
  it.each(INDICATORS.map((def) => [def.key, def] as const))('%s has a scale with words and a ceiling', (_k, def) => {
    const scale = thresholdScaleOf(def);
    expect(scale.max).toBeGreaterThan(0);
    expect(scale.words.length).toBeGreaterThan(10);
    expect(scale.kind).toBe(
      { share: 'share_difference', points: 'points', days: 'fraction', money: 'fraction' }[def.unit],
    );
  });
});

describe('a rule in plain words', () => {
  const rule = (over: Partial<GapRule>): GapRule => ({ ...DEFAULT_GAP_RULES[1]!, ...over });
  it.each<[string, Partial<GapRule>, string]>([
    [
      'a share against the peers, persistent',
      {},
      'Flag when economic buyer reached is 20 points below the team’s usual, for a second period, with at least 3 open deals',
    ],
    [
      'a share where lower is better',
      { indicator: 'noDecisionRate', threshold: 0.15, persistent: false, minDeals: 5 },
      'Flag when no decision is 15 points above the team’s usual, with at least 5 closed deals',
    ],
    [
      'points of bias',
      { indicator: 'forecastBias', threshold: 10 },
      'Flag when forecast bias is 10 points further from zero than the team’s usual, for a second period, with at least 3 open deals',
    ],
    [
      'days, against the own baseline',
      { indicator: 'cycleDays', threshold: 0.3, versus: 'own_baseline', persistent: false, minDeals: 1 },
      'Flag when cycle time is 30 % longer than the seller’s own baseline, with at least 1 closed deal',
    ],
    [
      'money',
      { indicator: 'pipelineCreated', threshold: 0.5, persistent: false, minDeals: 1 },
      'Flag when pipeline created is 50 % below the team’s usual, with at least 1 open deal',
    ],
  ])('%s', (_name, over, words) => {
    expect(describeGapRule(rule(over))).toBe(words);
  });

  it('says the recurrence setting', () => {
    expect(describeRecurrence(DEFAULT_GAP_RULE_SET.recurrence)).toBe(
      'Flag a danger zone on 40 % or more of a seller’s open deals, and at least 15 % more than the team’s usual share, once the seller has 3 open deals',
    );
  });
});

describe('what changed from one set to the next, for the history', () => {
  it.each<[string, (s: GapRuleSet) => void, Array<{ field: string; from: unknown; to: unknown }>]>([
    ['nothing', () => {}, []],
    [
      'a threshold',
      at(1, { threshold: 0.3 }),
      [{ field: 'rules.GAP-02', from: DEFAULT_GAP_RULES[1], to: { ...DEFAULT_GAP_RULES[1], threshold: 0.3 } }],
    ],
    [
      'a rule removed and one added',
      (s) => (s.rules = [...s.rules.slice(1), { ...DEFAULT_GAP_RULES[0]!, id: 'GAP-20' }]),
      [
        { field: 'rules.GAP-01', from: DEFAULT_GAP_RULES[0], to: null },
        { field: 'rules.GAP-20', from: null, to: { ...DEFAULT_GAP_RULES[0], id: 'GAP-20' } },
      ],
    ],
    ['the order of the rules only (it changes no flag)', (s) => s.rules.reverse(), []],
    [
      'the recurrence',
      (s) => (s.recurrence.share = 0.5),
      [
        {
          field: 'recurrence',
          from: DEFAULT_GAP_RULE_SET.recurrence,
          to: { ...DEFAULT_GAP_RULE_SET.recurrence, share: 0.5 },
        },
      ],
    ],
  ])('%s', (_name, change, expected) => {
    expect(gapRuleSetChanges(DEFAULT_GAP_RULE_SET, set(change))).toEqual(expected);
  });
});
