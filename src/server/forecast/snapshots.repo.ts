import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { ForecastCategory } from '../../domain/enums.ts';
import { readSums, weightedSums } from './forecast.repo.ts';

// The day's snapshot of every open deal of an organization, in one statement: taken each night
// after the deals are re-assessed, by whichever instance gets there first (a deal has one row a
// day: a second taking of the same day changes nothing).

export async function takeSnapshot(db: Db, orgId: string, day: string): Promise<void> {
  await db
    .insertInto('opportunity_snapshots')
    .columns([
      'org_id',
      'day',
      'opportunity_id',
      'owner_id',
      'amount_minor',
      'currency',
      'expected_close_date',
      'forecast_category',
      'stage_probability',
      'seller_probability',
      'win_probability',
      'zone_ids',
    ])
    .expression((eb) =>
      eb
        .selectFrom('opportunities')
        .innerJoin('stages', 'stages.id', 'opportunities.stage_id')
        .leftJoin('assessments', 'assessments.opportunity_id', 'opportunities.id')
        .where('opportunities.org_id', '=', orgId)
        .where('opportunities.status', '=', 'open')
        .where('opportunities.deleted_at', 'is', null)
        .select([
          'opportunities.org_id',
          sql<string>`${day}`.as('day'),
          'opportunities.id',
          'opportunities.owner_id',
          'opportunities.amount_minor',
          'opportunities.currency',
          'opportunities.expected_close_date',
          'opportunities.forecast_category',
          'stages.probability',
          'opportunities.seller_probability',
          'assessments.win_probability',
          sql<string>`coalesce(${sql.ref('assessments.zone_ids')}, '[]')`.as('zone_ids'),
        ]),
    )
    .onConflict((oc) => oc.columns(['org_id', 'day', 'opportunity_id']).doNothing())
    .execute();
}

/** The days snapshots were taken for an organization, from `from` to `to`. */
export async function snapshotDays(db: Db, orgId: string, from: string, to: string): Promise<string[]> {
  const rows = await db
    .selectFrom('opportunity_snapshots')
    .select('day')
    .distinct()
    .where('org_id', '=', orgId)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .orderBy('day')
    .execute();
  return rows.map((r) => r.day);
}

/**
 * On each of `days`, the snapshot's open deals expected to close between `from` and `to`, summed by
 * currency and category as the forecast sums today's (forecast.repo.ts openSums).
 */
export async function snapshotSums(
  db: Db,
  scope: { orgId: string; owners: 'all' | readonly string[]; from: string; to: string },
  days: readonly string[],
) {
  if (days.length === 0) return [];
  let query = db
    .selectFrom('opportunity_snapshots')
    .where('org_id', '=', scope.orgId)
    .where('day', 'in', days)
    .where('expected_close_date', '>=', scope.from)
    .where('expected_close_date', '<=', scope.to);
  if (scope.owners !== 'all') query = query.where('owner_id', 'in', scope.owners.length > 0 ? scope.owners : ['']);
  const rows = await query
    .select([
      'day',
      'currency',
      'forecast_category as category',
      ...weightedSums({
        amount: 'amount_minor',
        winProbability: 'win_probability',
        stageProbability: 'stage_probability',
        sellerProbability: 'seller_probability',
      }),
    ])
    .groupBy(['day', 'currency', 'forecast_category'])
    .execute();
  return rows.map((r) => ({
    day: r.day,
    currency: r.currency,
    category: r.category as ForecastCategory,
    ...readSums(r),
  }));
}

/**
 * A past day's snapshot of a workspace whose history was replayed rather than lived (the demo):
 * the deals open at the end of `day` (created by then, closed after it or still open), with their
 * amount, close date, category, stage and seller figure as they stand now, and the probability and
 * zones of their latest kept assessment by then. A deal with no assessment by then is left out.
 */
export async function takeReplayedSnapshot(db: Db, orgId: string, day: string): Promise<void> {
  const end = `${day}T23:59:59.999Z`;
  const latest = (column: 'win_probability' | 'zone_ids') =>
    sql`(select h.${sql.ref(column)} from assessment_history h
      where h.opportunity_id = o.id and h.at <= ${end} order by h.at desc, h.id desc limit 1)`;
  await sql`
    insert into opportunity_snapshots (org_id, day, opportunity_id, owner_id, amount_minor, currency,
      expected_close_date, forecast_category, stage_probability, seller_probability, win_probability, zone_ids)
    select org_id, day, id, owner_id, amount_minor, currency, expected_close_date, forecast_category,
      stage_probability, seller_probability, win_probability, zone_ids
    from (
      select o.org_id, cast(${day} as text) as day, o.id, o.owner_id, o.amount_minor, o.currency, o.expected_close_date,
        o.forecast_category, s.probability as stage_probability, o.seller_probability,
        ${latest('win_probability')} as win_probability, ${latest('zone_ids')} as zone_ids
      from opportunities o join stages s on s.id = o.stage_id
      where o.org_id = ${orgId} and o.deleted_at is null and o.created_at <= ${end}
        and (o.status = 'open' or o.closed_date > ${day})
    ) replayed
    where win_probability is not null
    on conflict (org_id, day, opportunity_id) do nothing`.execute(db);
}

/** Sets the close date a replayed snapshot's deals had that day (their date before a later push). */
export async function setSnapshotCloseDates(
  db: Db,
  orgId: string,
  day: string,
  closeDates: ReadonlyMap<string, string>,
): Promise<void> {
  for (const [opportunityId, date] of closeDates)
    await db
      .updateTable('opportunity_snapshots')
      .set({ expected_close_date: date })
      .where('org_id', '=', orgId)
      .where('day', '=', day)
      .where('opportunity_id', '=', opportunityId)
      .execute();
}
