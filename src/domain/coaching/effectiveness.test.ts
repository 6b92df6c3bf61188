import { describe, expect, it } from 'vitest';
import {
  diagnosisBehind,
  isActiveOn,
  monthsBetween,
  perSellerMonth,
  rateOf,
  summarizeEffectiveness,
  type AssignmentFacts,
  type DiagnosisFacts,
} from './effectiveness.ts';
import type { Sighting } from './gap-sightings.ts';
import { ROOT_CAUSES } from './root-causes.ts';

const assignment = (over: Partial<AssignmentFacts>): AssignmentFacts => ({
  id: 'a',
  sellerId: 's1',
  assignedAt: '2026-10-10T09:00:00.000Z',
  dueDate: '2026-10-31',
  status: 'assigned',
  completedAt: null,
  verifiedAt: null,
  rootCause: 'B4',
  gapRule: null,
  indicator: null,
  zoneId: null,
  ...over,
});

const diagnosis = (over: Partial<DiagnosisFacts>): DiagnosisFacts => ({
  id: 'd',
  sellerId: 's1',
  status: 'concluded',
  startedAt: '2026-10-01T09:00:00.000Z',
  closedAt: '2026-10-03T09:00:00.000Z',
  flagRule: null,
  flagIndicator: null,
  flagZone: null,
  rootCause: 'B4',
  ...over,
});

describe('the small figures', () => {
  it.each([
    [3, 4, 0.75],
    [0, 4, 0],
    [0, 0, null],
  ] as const)('rate %s of %s', (count, of, rate) => expect(rateOf(count, of)).toEqual({ count, of, rate }));

  it('months are a twelfth of an average year, a day at least', () => {
    expect(monthsBetween('2026-01-01', '2026-12-31')).toBeCloseTo(12, 1);
    expect(monthsBetween('2026-10-01', '2026-10-01')).toBeCloseTo(1 / 30.4375, 10);
    expect(monthsBetween('2026-10-05', '2026-10-01')).toBeCloseTo(1 / 30.4375, 10);
  });

  it.each([
    [6, 2, 3, 1],
    [0, 2, 3, 0],
    [4, 0, 3, null],
  ] as const)('%s over %s sellers and %s months', (count, sellers, months, expected) =>
    expect(perSellerMonth(count, sellers, months)).toBe(expected),
  );
});

describe('diagnosisBehind', () => {
  const onFlag = diagnosis({ id: 'flag', flagRule: 'GAP-02', flagIndicator: 'economicBuyerAccess', rootCause: 'S7' });
  const onCause = diagnosis({ id: 'cause', startedAt: '2026-10-05T09:00:00.000Z', rootCause: 'B4' });
  it('the same flag first, however recent the other', () => {
    const a = assignment({ gapRule: 'GAP-02', indicator: 'economicBuyerAccess' });
    expect(diagnosisBehind(a, [onCause, onFlag])?.id).toBe('flag');
  });
  it('else the latest on the same root cause', () => {
    expect(diagnosisBehind(assignment({}), [onFlag, onCause])?.id).toBe('cause');
  });
  it('never another seller’s, a later one or an abandoned one', () => {
    expect(diagnosisBehind(assignment({}), [{ ...onCause, sellerId: 's2' }])).toBeNull();
    expect(diagnosisBehind(assignment({}), [{ ...onCause, startedAt: '2026-10-11T09:00:00.000Z' }])).toBeNull();
    expect(diagnosisBehind(assignment({}), [{ ...onCause, status: 'abandoned' }])).toBeNull();
  });
  it('a zone flag needs the same zone', () => {
    const zoneFlag = diagnosis({ id: 'z', flagRule: 'ZONE', flagZone: 'DZ-03', rootCause: 'S1' });
    expect(diagnosisBehind(assignment({ gapRule: 'ZONE', zoneId: 'DZ-01' }), [zoneFlag])).toBeNull();
    expect(diagnosisBehind(assignment({ gapRule: 'ZONE', zoneId: 'DZ-03' }), [zoneFlag])?.id).toBe('z');
  });
});

describe('isActiveOn', () => {
  it.each([
    ['assigned before, open', {}, true],
    ['assigned after', { assignedAt: '2026-10-20T09:00:00.000Z' }, false],
    ['verified before', { status: 'verified', verifiedAt: '2026-10-14T09:00:00.000Z' }, false],
    ['verified after', { status: 'verified', verifiedAt: '2026-10-16T09:00:00.000Z' }, true],
    ['completed, awaiting the manager', { status: 'completed' }, true],
    ['abandoned', { status: 'abandoned' }, false],
  ] as const)('%s', (_, over, expected) =>
    expect(isActiveOn(assignment(over as Partial<AssignmentFacts>), '2026-10-15')).toBe(expected),
  );
});

describe('summarizeEffectiveness', () => {
  const base = {
    from: '2026-10-01',
    to: '2026-12-31',
    today: '2026-11-30',
    sellers: ['s1', 's2', 's3'],
    sightings: [],
  };

  it('an empty period: zeros where something is counted, nothing where a rate has no denominator', () => {
    const e = summarizeEffectiveness({ ...base, diagnoses: [], assignments: [], moves: [] });
    expect(e.to).toBe('2026-11-30');
    expect(e.months).toBeCloseTo(61 / 30.4375, 10);
    expect(e.diagnosesStarted).toEqual({ count: 0, perSellerMonth: 0 });
    expect(e.activePlans).toEqual({ count: 0, of: 3, rate: 0 });
    expect(e.daysToAssignment).toEqual({ median: null, assignments: 0, fromGap: 0, fromDiagnosis: 0, unmeasured: 0 });
    expect([e.assignedInPeriod, e.due]).toEqual([0, 0]);
    expect([e.completion.rate, e.application.rate, e.verification.rate]).toEqual([null, null, null]);
    expect(e.indicators).toEqual([]);
    expect(e.byRootCause).toEqual([]);
  });

  it('nobody to coach: no rate at all', () => {
    const e = summarizeEffectiveness({ ...base, sellers: [], diagnoses: [], assignments: [], moves: [] });
    expect([e.diagnosesStarted.perSellerMonth, e.activePlans.rate]).toEqual([null, null]);
  });

  it('counts the team’s own, in the period, by hand', () => {
    const diagnoses = [
      diagnosis({ id: 'd1' }), // started 1 Oct, concluded 3 Oct
      diagnosis({ id: 'd2', sellerId: 's2', status: 'in_progress', closedAt: null, rootCause: null }),
      diagnosis({ id: 'd3', startedAt: '2026-09-28T09:00:00.000Z', closedAt: '2026-10-02T09:00:00.000Z' }),
      diagnosis({ id: 'other-team', sellerId: 'x9' }),
    ];
    const assignments = [
      // 9 days after d1 (d3 started earlier: the latest on the cause wins)
      assignment({ id: 'a1', status: 'verified', completedAt: 'x', verifiedAt: '2026-10-25T09:00:00.000Z' }),
      assignment({
        id: 'a2',
        sellerId: 's2',
        assignedAt: '2026-10-20T09:00:00.000Z',
        dueDate: '2026-11-10',
        status: 'applied',
      }),
      assignment({ id: 'a3', sellerId: 's3', dueDate: '2026-11-20', status: 'in_progress', rootCause: 'S1' }),
      // due after today: not yet counted in the rates
      assignment({ id: 'a4', sellerId: 's3', dueDate: '2026-12-20', status: 'completed', rootCause: 'S1' }),
      assignment({ id: 'a5', sellerId: 's1', dueDate: '2026-11-05', status: 'abandoned', rootCause: 'B4' }),
      assignment({ id: 'other-team', sellerId: 'x9' }),
    ];
    const e = summarizeEffectiveness({
      ...base,
      diagnoses,
      assignments,
      moves: [
        {
          rootCause: 'B4',
          measure: 'winRate',
          label: 'Win rate',
          unit: 'share',
          sellerImprovement: 0.1,
          notCoachedImprovement: 0,
        },
        {
          rootCause: 'S1',
          measure: 'winRate',
          label: 'Win rate',
          unit: 'share',
          sellerImprovement: 0.3,
          notCoachedImprovement: 0.4,
        },
        {
          rootCause: 'B4',
          measure: 'winRate',
          label: 'Win rate',
          unit: 'share',
          sellerImprovement: 0.2,
          notCoachedImprovement: 0.1,
        },
        {
          rootCause: 'B4',
          measure: 'cycleDays',
          label: 'Cycle time',
          unit: 'days',
          sellerImprovement: -5,
          notCoachedImprovement: null,
        },
      ],
    });
    const months = 61 / 30.4375;
    expect(e.diagnosesStarted).toEqual({ count: 2, perSellerMonth: 2 / 3 / months });
    expect(e.diagnosesConcluded).toEqual({ count: 2, perSellerMonth: 2 / 3 / months });
    // on 30 November: s2 (applied, not verified) and s3; s1's is verified and the other dropped
    expect(e.activePlans).toEqual({ count: 2, of: 3, rate: 2 / 3 });
    // a1 and a5: 9 days after d1; a2 after nothing of B4 for s2; a3, a4 after nothing of S1
    expect(e.daysToAssignment).toEqual({ median: 9, assignments: 2, fromGap: 0, fromDiagnosis: 2, unmeasured: 3 });
    expect(e.assignedInPeriod).toBe(5);
    // due by today: a1, a2, a3 and a5
    expect(e.due).toBe(4);
    expect(e.completion).toEqual({ count: 2, of: 4, rate: 0.5 });
    expect(e.application).toEqual({ count: 2, of: 4, rate: 0.5 });
    expect(e.verification).toEqual({ count: 1, of: 4, rate: 0.25 });
    expect(e.indicators).toEqual([
      { measure: 'winRate', label: 'Win rate', unit: 'share', assignments: 3, coached: 0.2, notCoached: 0.1 },
      { measure: 'cycleDays', label: 'Cycle time', unit: 'days', assignments: 1, coached: -5, notCoached: null },
    ]);
    // per root cause, each measure apart: B4's two win-rate moves both beat the not-coached, S1's did not
    const b4 = { rootCause: 'B4', name: 'Single-threaded: avoids power', level: 'behaviour' };
    expect(e.byRootCause).toEqual([
      {
        ...b4,
        measure: 'cycleDays',
        label: 'Cycle time',
        unit: 'days',
        assignments: 1,
        coached: -5,
        notCoached: null,
        beat: { count: 0, of: 0, rate: null },
      },
      {
        ...b4,
        measure: 'winRate',
        label: 'Win rate',
        unit: 'share',
        assignments: 2,
        coached: (0.1 + 0.2) / 2,
        notCoached: 0.05,
        beat: { count: 2, of: 2, rate: 1 },
      },
      {
        rootCause: 'S1',
        name: ROOT_CAUSES.find((c) => c.id === 'S1')!.name,
        level: 'skill_knowledge',
        measure: 'winRate',
        label: 'Win rate',
        unit: 'share',
        assignments: 1,
        coached: 0.3,
        notCoached: 0.4,
        beat: { count: 0, of: 1, rate: 0 },
      },
    ]);
  });

  it('measures from the day the gap was first seen where the assignment names a gap seen standing', () => {
    const sighting = (over: Partial<Sighting>): Sighting => ({
      id: 'g',
      sellerId: 's1',
      rule: 'GAP-02',
      indicator: 'economicBuyerAccess',
      zoneId: null,
      firstSeen: '2026-09-20',
      lastSeen: '2026-10-10',
      ...over,
    });
    const e = summarizeEffectiveness({
      ...base,
      // d1 started on 1 October, on the same root cause
      diagnoses: [diagnosis({ id: 'd1' })],
      sightings: [
        sighting({}),
        sighting({
          id: 'z',
          sellerId: 's2',
          rule: 'ZONE',
          indicator: null,
          zoneId: 'DZ-03',
          firstSeen: '2026-10-01',
          lastSeen: '2026-10-12',
        }),
      ],
      assignments: [
        // the gap was seen from 20 September: 20 days, though the diagnosis began on 1 October
        assignment({ id: 'a1', gapRule: 'GAP-02', indicator: 'economicBuyerAccess' }),
        // the zone seen on s2 from 1 October, assigned on the 20th: its sighting had closed on the
        // 12th, more than a week before, and s2 had no diagnosis: unmeasured
        assignment({
          id: 'a2',
          sellerId: 's2',
          assignedAt: '2026-10-21T09:00:00.000Z',
          gapRule: 'ZONE',
          zoneId: 'DZ-03',
        }),
        // the zone seen on s2, assigned while it stood: 5 days
        assignment({
          id: 'a3',
          sellerId: 's2',
          assignedAt: '2026-10-06T09:00:00.000Z',
          gapRule: 'ZONE',
          zoneId: 'DZ-03',
        }),
        // no gap named: from d1's start, 9 days
        assignment({ id: 'a4' }),
      ],
      moves: [],
    });
    // 20, 5 and 9 days
    expect(e.daysToAssignment).toEqual({ median: 9, assignments: 3, fromGap: 2, fromDiagnosis: 1, unmeasured: 1 });
  });
});
