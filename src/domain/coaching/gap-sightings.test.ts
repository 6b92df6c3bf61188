import { describe, expect, it } from 'vitest';
import { gapSeenBefore, nextSightings, SIGHTING_QUIET_DAYS, type SeenGap, type Sighting } from './gap-sightings.ts';

const sighting = (over: Partial<Sighting>): Sighting => ({
  id: 's1',
  sellerId: 'ana',
  rule: 'GAP-02',
  indicator: 'economicBuyerAccess',
  zoneId: null,
  firstSeen: '2026-11-01',
  lastSeen: '2026-11-20',
  ...over,
});
const gap = (over: Partial<SeenGap>): SeenGap => ({
  sellerId: 'ana',
  rule: 'GAP-02',
  indicator: 'economicBuyerAccess',
  zoneId: null,
  ...over,
});

describe('a night’s sightings', () => {
  it.each([
    ['seen again the next day: carried', '2026-11-21', { carried: ['s1'], started: 0 }],
    ['seen again after a missed week: carried', '2026-11-28', { carried: ['s1'], started: 0 }],
    [`unseen for more than ${SIGHTING_QUIET_DAYS} days: a new sighting`, '2026-11-29', { carried: [], started: 1 }],
    ['seen again the same day: nothing to write', '2026-11-20', { carried: [], started: 0 }],
  ])('%s', (_, day, expected) => {
    const next = nextSightings([sighting({})], [gap({})], day);
    expect({ carried: next.carried, started: next.started.length }).toEqual(expected);
  });

  it('starts one sighting per gap, however many times it is read', () => {
    const next = nextSightings([], [gap({}), gap({}), gap({ sellerId: 'ben' })], '2026-11-21');
    expect(next.started.map((g) => g.sellerId)).toEqual(['ana', 'ben']);
  });

  it('keeps apart the same rule on another seller, another zone or another indicator', () => {
    const standing = [sighting({ rule: 'ZONE', indicator: null, zoneId: 'DZ-03' })];
    const next = nextSightings(
      standing,
      [
        gap({ rule: 'ZONE', indicator: null, zoneId: 'DZ-03' }),
        gap({ rule: 'ZONE', indicator: null, zoneId: 'DZ-05' }),
        gap({ sellerId: 'ben', rule: 'ZONE', indicator: null, zoneId: 'DZ-03' }),
      ],
      '2026-11-22',
    );
    expect(next.carried).toEqual(['s1']);
    expect(next.started.map((g) => `${g.sellerId} ${g.zoneId}`)).toEqual(['ana DZ-05', 'ben DZ-03']);
  });

  it('leaves a gap no longer seen as it was', () => {
    expect(nextSightings([sighting({})], [], '2026-11-21')).toEqual({ carried: [], started: [] });
  });
});

describe('the day the gap behind an assignment was first seen', () => {
  type Over = { gapRule?: string | null; indicator?: string | null; zoneId?: string | null };
  const assignment = {
    sellerId: 'ana',
    assignedOn: '2026-11-25',
    gapRule: 'GAP-02',
    indicator: 'economicBuyerAccess',
    zoneId: null,
  };
  it.each<[string, Sighting[], string | null, Over?]>([
    ['the sighting standing when it was assigned', [sighting({})], '2026-11-01'],
    ['none: the assignment names no gap', [sighting({})], null, { gapRule: null }],
    ['none: the gap was first seen after it', [sighting({ firstSeen: '2026-11-26', lastSeen: '2026-11-30' })], null],
    ['none: the gap had closed long before', [sighting({ lastSeen: '2026-11-10' })], null],
    ['none: another seller’s gap', [sighting({ sellerId: 'ben' })], null],
    ['none: another rule', [sighting({ rule: 'GAP-03', indicator: 'multiThreading' })], null],
    [
      'the latest of two sightings of the gap',
      [sighting({}), sighting({ id: 's0', firstSeen: '2026-09-01', lastSeen: '2026-09-20' })],
      '2026-11-01',
    ],
    [
      'a zone’s sighting, for an assignment naming that zone',
      [sighting({ rule: 'ZONE', indicator: null, zoneId: 'DZ-03' })],
      '2026-11-01',
      { gapRule: 'ZONE', indicator: null, zoneId: 'DZ-03' },
    ],
    [
      'none: another zone',
      [sighting({ rule: 'ZONE', indicator: null, zoneId: 'DZ-05' })],
      null,
      { gapRule: 'ZONE', indicator: null, zoneId: 'DZ-03' },
    ],
  ])('%s', (_, sightings, expected, over = {}) => {
    expect(gapSeenBefore({ ...assignment, ...over }, sightings)).toBe(expected);
  });
});
