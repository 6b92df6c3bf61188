import { addDays } from '../dates.ts';

// When a gap was first seen (REFERENCE §6.7: "median days from gap detection to assignment"). Each
// night every seller's gaps are read as the scorecard reads them; a gap seen again within a week of
// its last sighting continues the same sighting, one not seen for longer starts a new one. A
// scorecard says how long a gap has stood, and the manager's coaching effectiveness measures the
// days from a gap's first sighting to the assignment made for it.

/** A gap unseen for longer than this has closed: the next sighting is a new one (the nightly pass may miss a night or two; the demo's past is replayed weekly). */
export const SIGHTING_QUIET_DAYS = 8;

export type GapIdentity = { rule: string; indicator: string | null; zoneId: string | null };

export type Sighting = GapIdentity & { id: string; sellerId: string; firstSeen: string; lastSeen: string };

export type SeenGap = GapIdentity & { sellerId: string };

/** One key per gap of a seller: its rule, and the indicator or zone it reads. */
export const gapKey = (g: GapIdentity & { sellerId: string }) =>
  `${g.sellerId}|${g.rule}|${g.indicator ?? ''}|${g.zoneId ?? ''}`;

/** Whether a sighting still stands on `day`: seen that day or within the quiet days before. */
export const isStanding = (s: Pick<Sighting, 'lastSeen'>, day: string) =>
  s.lastSeen >= addDays(day, -SIGHTING_QUIET_DAYS) && s.lastSeen <= day;

/**
 * The night's update: the standing sightings of gaps seen again are carried to `day`, a gap with
 * no standing sighting starts one. Gaps not seen are left as they were (their last day says when).
 */
export function nextSightings(
  standing: readonly Sighting[],
  seen: readonly SeenGap[],
  day: string,
): { carried: string[]; started: SeenGap[] } {
  const byKey = new Map(standing.filter((s) => isStanding(s, day)).map((s) => [gapKey(s), s]));
  const carried: string[] = [];
  const started: SeenGap[] = [];
  const once = new Set<string>();
  for (const gap of seen) {
    const key = gapKey(gap);
    if (once.has(key)) continue;
    once.add(key);
    const sighting = byKey.get(key);
    if (sighting) {
      if (sighting.lastSeen < day) carried.push(sighting.id);
    } else started.push(gap);
  }
  return { carried, started };
}

/**
 * The day the gap an assignment was made for was first seen: the seller's sighting of the same
 * rule (and indicator or zone, where the assignment names one) that stood on the day it was
 * assigned. Null when the assignment names no gap or none was seen standing.
 */
export function gapSeenBefore(
  assignment: {
    sellerId: string;
    assignedOn: string;
    gapRule: string | null;
    indicator: string | null;
    zoneId: string | null;
  },
  sightings: readonly Sighting[],
): string | null {
  if (assignment.gapRule === null) return null;
  const found = sightings
    .filter(
      (s) =>
        s.sellerId === assignment.sellerId &&
        s.rule === assignment.gapRule &&
        (assignment.indicator === null || s.indicator === null || s.indicator === assignment.indicator) &&
        (assignment.zoneId === null || s.zoneId === assignment.zoneId) &&
        s.firstSeen <= assignment.assignedOn &&
        s.lastSeen >= addDays(assignment.assignedOn, -SIGHTING_QUIET_DAYS),
    )
    .sort((a, b) => (a.firstSeen < b.firstSeen ? 1 : -1));
  return found[0]?.firstSeen ?? null;
}
