import { createHash } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import { gapKey, type SeenGap, type Sighting } from '../../domain/coaching/gap-sightings.ts';

// When each seller's gaps were first and last seen (migration 0029).

/** An organization's sightings last seen on or after `since` (all of them without), for the sellers given (all without). */
export async function listSightings(
  db: Db,
  orgId: string,
  options: { since?: string; sellerId?: string } = {},
): Promise<Sighting[]> {
  let query = db
    .selectFrom('coaching_gap_sightings')
    .select(['id', 'seller_id', 'rule', 'indicator_key', 'zone_id', 'first_seen', 'last_seen'])
    .where('org_id', '=', orgId);
  if (options.since) query = query.where('last_seen', '>=', options.since);
  if (options.sellerId) query = query.where('seller_id', '=', options.sellerId);
  const rows = await query.orderBy('first_seen').orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    sellerId: r.seller_id,
    rule: r.rule,
    indicator: r.indicator_key,
    zoneId: r.zone_id,
    firstSeen: r.first_seen,
    lastSeen: r.last_seen,
  }));
}

/**
 * The night's sightings: those seen again carried to `day`, new ones started on it. A sighting's id
 * is made from the gap and its first day, so two instances running the same night start it once.
 */
export async function writeSightings(
  db: Db,
  orgId: string,
  day: string,
  next: { carried: readonly string[]; started: readonly SeenGap[] },
): Promise<void> {
  if (next.carried.length > 0)
    await db
      .updateTable('coaching_gap_sightings')
      .set({ last_seen: day })
      .where('org_id', '=', orgId)
      .where('id', 'in', next.carried)
      .execute();
  if (next.started.length > 0)
    await db
      .insertInto('coaching_gap_sightings')
      .values(
        next.started.map((gap) => ({
          id: createHash('sha256')
            .update(`${orgId}|${gapKey(gap)}|${day}`)
            .digest('hex')
            .slice(0, 32),
          org_id: orgId,
          seller_id: gap.sellerId,
          rule: gap.rule,
          indicator_key: gap.indicator,
          zone_id: gap.zoneId,
          first_seen: day,
          last_seen: day,
        })),
      )
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
}
