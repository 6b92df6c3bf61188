import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';

// When each seller's coaching gap was first seen, and last (REFERENCE §6.7, "days from gap detection
// to assignment"): the nightly pass reads every seller's gaps as the scorecard does, carries a gap
// seen again to the day, and starts a new sighting for one not seen for over a week.
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('coaching_gap_sightings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('seller_id', 'text', (c) => c.notNull().references('users.id'))
    // GAP-nn, or ZONE for a recurring danger zone
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('indicator_key', 'text')
    .addColumn('zone_id', 'text')
    // YYYY-MM-DD
    .addColumn('first_seen', 'text', (c) => c.notNull())
    .addColumn('last_seen', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('coaching_gap_sightings_org_seen_idx')
    .on('coaching_gap_sightings')
    .columns(['org_id', 'last_seen'])
    .execute();
}
