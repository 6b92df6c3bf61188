import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

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
