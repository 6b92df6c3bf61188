import type { OpportunityStatus } from '../enums.ts';

// What each danger zone has meant for this organization: how often it fires on the deals still
// open, and how deals flagged with it when they closed ended, against those without it. An admin
// tuning a rule sees whether it separates wins from losses here, or only adds noise.

/** A share with its 95 % Wilson score interval (sound for small counts and for 0 or 100 %). */
export type Share = { count: number; total: number; low: number; high: number };

export type ZoneUsage = {
  /** open deals the zone is flagged on, of all open deals */
  open: { firing: number; total: number };
  /** closed deals (won, lost, no decision) flagged with it at closing, and how many were won */
  wonWith: Share;
  /** closed deals without it, and how many were won */
  wonWithout: Share;
};

export function wilsonShare(count: number, total: number, z = 1.96): Share {
  if (total === 0) return { count, total, low: 0, high: 1 };
  const p = count / total;
  const z2 = z * z;
  const centre = (p + z2 / (2 * total)) / (1 + z2 / total);
  const half = (z / (1 + z2 / total)) * Math.sqrt((p * (1 - p)) / total + z2 / (4 * total * total));
  return { count, total, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** Each zone's usage, from every live deal's status and the zones stored with its assessment. */
export function zoneUsage(
  deals: ReadonlyArray<{ status: OpportunityStatus; zoneIds: readonly string[] }>,
  zoneIds: readonly string[],
): Map<string, ZoneUsage> {
  // one pass: per zone, the open deals it flags, and the closed ones it flags and how many were won
  const tally = new Map(zoneIds.map((id) => [id, { open: 0, closed: 0, won: 0 }]));
  let open = 0;
  let closed = 0;
  let won = 0;
  for (const d of deals) {
    const isOpen = d.status === 'open';
    const isWon = d.status === 'won';
    if (isOpen) open++;
    else closed++;
    if (isWon) won++;
    for (const id of d.zoneIds) {
      const t = tally.get(id);
      if (!t) continue;
      if (isOpen) t.open++;
      else t.closed++;
      if (isWon) t.won++;
    }
  }
  return new Map(
    [...tally].map(([id, t]) => [
      id,
      {
        open: { firing: t.open, total: open },
        wonWith: wilsonShare(t.won, t.closed),
        wonWithout: wilsonShare(won - t.won, closed - t.closed),
      },
    ]),
  );
}
