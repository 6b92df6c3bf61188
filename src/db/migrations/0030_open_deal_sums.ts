import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';

// A scorecard sums every seller's open deals as they stand, with their assessments (the peers'
// medians need them all): 60,000 open deals of 100,000 walked the organization's live deals
// row by row, then each assessment's row. An index of the open deals alone holding what is summed,
// and one of the assessments holding the zones, coverage and probability, answer it from the
// indexes (a third of the time).
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createIndex('opps_open_owner_idx')
    .on('opportunities')
    .columns(['org_id', 'deleted_at', 'owner_id', 'id', 'seller_probability'])
    .where(sql.ref('status'), '=', 'open')
    .execute();
  await db.schema
    .createIndex('assessments_sums_idx')
    .on('assessments')
    .columns(['opportunity_id', 'zone_ids', 'coverage_index', 'win_probability'])
    .execute();
}
