import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';

// A day's snapshot keeps each open deal's knowledge coverage too, so a seller's coverage can be read
// as it stood a month ago and drawn week by week on their scorecard (older snapshots have none).
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const real = dialect === 'postgres' ? 'double precision' : 'real';
  await db.schema.alterTable('opportunity_snapshots').addColumn('coverage_index', real).execute();
}
