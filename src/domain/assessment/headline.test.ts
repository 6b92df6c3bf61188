import { OBJECTIVE_KEYS } from '../knowledge/objectives.ts';
import { describe, expect, it } from 'vitest';
import type { Contribution } from './assess.ts';
import { HEADLINE_LIMIT, summarizeZones, UNKNOWNS_ZONE, zoneCost } from './headline.ts';
import type { DangerZone, Severity } from './rules.ts';
import type { SignalName } from './signals.ts';

const zone = (
  id: string,
  severity: Severity,
  objectives: DangerZone['objectives'],
  family: DangerZone['family'] = 'risk',
  matched: SignalName[] = [],
): DangerZone => ({
  id,
  name: `Zone ${id}`,
  severity,
  family,
  objectives,
  matched: matched.map((signal) => ({ signal, op: 'eq', expected: true, actual: true, text: signal })),
  actions: ['Act'],
  questions: ['Ask?'],
  rootCauses: ['B1'],
});
const reason = (feature: string, points: number): Contribution => ({
  feature,
  points,
  logOdds: points / 25,
  reason: feature,
  signals: [],
});

const ALL = OBJECTIVE_KEYS;

describe('what a danger zone costs the deal', () => {
  const reasons = [
    reason('noCompellingEvent', -6),
    reason('competitorPresent', -4),
    reason('criteriaFitAdvantage', 5),
    reason('budgetUnknown', -3),
    reason('newLogo', -8),
  ];
  it.each([
    ['a zone about the compelling event carries what its absence costs', ['compelling_event'], 6],
    [
      'a zone about alternatives and criteria carries the competitor, not the criteria that help',
      ['alternatives', 'decision_criteria'],
      4,
    ],
    ['a zone about funding carries the unknown budget', ['funding_value'], 3],
    ['nothing is charged for the deal being a new customer', ['buying_group'], 0],
    ['a zone about every objective is ranked by severity alone', ALL, 0],
  ] as const)('%s', (_label, objectives, cost) => {
    expect(zoneCost({ objectives: [...objectives] }, reasons)).toBe(cost);
  });
});

describe('the headline zones', () => {
  const reasons = [reason('noCompellingEvent', -6), reason('competitorPresent', -4), reason('budgetUnknown', -9)];

  it(`leads with at most ${HEADLINE_LIMIT}, most severe first, then what they cost`, () => {
    const summary = summarizeZones(
      [
        zone('DZ-10', 'high', ['compelling_event']),
        zone('DZ-17', 'high', ['alternatives']),
        zone('DZ-23', 'high', ['funding_value']),
        zone('DZ-15', 'critical', ['decision_criteria']),
        zone('DZ-22', 'medium', ['decision_process']),
      ],
      reasons,
    );
    expect(summary.headline.map((g) => g.id)).toEqual(['DZ-15', 'DZ-23', 'DZ-10']);
    expect(summary.more.map((g) => g.id)).toEqual(['DZ-17', 'DZ-22']);
  });

  it('gathers the zones of what we do not know into one, listing each unknown once, with names', () => {
    const summary = summarizeZones(
      [
        zone('DZ-07', 'medium', ['evaluator_stance'], 'unknown', ['highInfluenceStanceUnknown']),
        zone('DZ-19', 'high', ['decision_process'], 'unknown', ['late', 'signatoryKnown', 'paperProcessKnown']),
        zone('DZ-16', 'high', ['decision_criteria'], 'unknown', ['K7', 'cyclePct']),
        zone('DZ-27', 'low', ALL as unknown as DangerZone['objectives'], 'unknown', ['staleCritical']),
        zone('DZ-22', 'medium', ['decision_process']),
      ],
      [...reasons, reason('prefShareGap', -7)],
      (signal) => (signal === 'highInfluenceStanceUnknown' ? ['Dana Ruiz', 'Li Wei'] : []),
    );
    expect(summary.headline).toEqual([
      {
        id: UNKNOWNS_ZONE,
        name: "What we don't know yet",
        severity: 'high',
        cost: 7,
        zoneIds: ['DZ-07', 'DZ-19', 'DZ-16', 'DZ-27'],
        unknowns: [
          'where the key evaluators stand: Dana Ruiz, Li Wei',
          'who signs',
          'the legal, procurement and signature steps',
          'the decision criteria',
          'whether key facts still hold (not confirmed lately)',
        ],
      },
      { id: 'DZ-22', name: 'Zone DZ-22', severity: 'medium', cost: 0, zoneIds: ['DZ-22'], unknowns: [] },
    ]);
    expect(summary.more).toEqual([]);
  });

  it('shows nothing when no zone fires', () => {
    expect(summarizeZones([], reasons)).toEqual({ headline: [], more: [] });
  });
});
