import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';

// Every open opportunity as it stood at the end of each day: amount, close date, category, the
// three probabilities and its danger zones. The forecast's trends, its "as of" views and its
// accuracy read these rows, so nothing about the past is reconstructed from the audit trail.
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const money = dialect === 'postgres' ? 'bigint' : 'integer';
  const real = dialect === 'postgres' ? 'double precision' : 'real';
  await db.schema
    .createTable('opportunity_snapshots')
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    // YYYY-MM-DD
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('opportunity_id', 'text', (c) => c.notNull().references('opportunities.id'))
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('amount_minor', money, (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('expected_close_date', 'text', (c) => c.notNull())
    .addColumn('forecast_category', 'text', (c) => c.notNull())
    .addColumn('stage_probability', 'integer', (c) => c.notNull())
    .addColumn('seller_probability', 'integer')
    .addColumn('win_probability', real)
    // JSON array of rule ids
    .addColumn('zone_ids', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('opportunity_snapshots_pk', ['org_id', 'day', 'opportunity_id'])
    .execute();
}
