import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';

// Snapshots read by what is asked of them, not deal by deal. A year of nightly snapshots of an
// organization with 60,000 open deals is twenty million rows, and each reader walked whole days:
// - A day's snapshot summed per seller and set of danger zones, written with the snapshot: a
//   seller's scorecard draws twelve weeks of trend and a month-old baseline for every seller, and
//   the days snapshots exist on are read from here too. A row per zone set (not per zone) keeps it
//   one plain grouping the reader splits. Existing snapshots are summed here once.
// - The forecast's accuracy reads each period's deals of a day by close date: an index by day and
//   close date holding the columns it sums reads a quarter's deals of the day and nothing else.
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const real = dialect === 'postgres' ? 'double precision' : 'real';
  await db.schema
    .createTable('snapshot_owner_figures')
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    // the JSON array of rule ids the deals of this row share
    .addColumn('zone_ids', 'text', (c) => c.notNull())
    .addColumn('deals', 'integer', (c) => c.notNull())
    .addColumn('coverage_sum', real)
    // how many of the deals kept a coverage (snapshots before migration 0021 kept none)
    .addColumn('coverage_count', 'integer', (c) => c.notNull())
    .addColumn('with_seller', 'integer', (c) => c.notNull())
    .addColumn('seller_gap_sum', real, (c) => c.notNull())
    .addPrimaryKeyConstraint('snapshot_owner_figures_pk', ['org_id', 'day', 'owner_id', 'zone_ids'])
    .execute();
  await sql`insert into snapshot_owner_figures (org_id, day, owner_id, zone_ids, deals, coverage_sum, coverage_count,
      with_seller, seller_gap_sum)
    select org_id, day, owner_id, zone_ids, count(*), sum(coverage_index), count(coverage_index),
      sum(case when seller_probability is not null and win_probability is not null then 1 else 0 end),
      coalesce(sum(case when seller_probability is not null and win_probability is not null
        then seller_probability - win_probability * 100 else 0 end), 0)
    from opportunity_snapshots
    group by org_id, day, owner_id, zone_ids`.execute(db);
  await db.schema
    .createIndex('opportunity_snapshots_close_idx')
    .on('opportunity_snapshots')
    .columns([
      'org_id',
      'day',
      'expected_close_date',
      'owner_id',
      'currency',
      'forecast_category',
      'amount_minor',
      'win_probability',
      'stage_probability',
      'seller_probability',
    ])
    .execute();
}
