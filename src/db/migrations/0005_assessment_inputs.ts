import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';

// What each stored assessment was computed from (its signals and the deal's context), so a refit
// or a rule change re-assesses every deal from these instead of replaying all knowledge again.
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema.alterTable('assessments').addColumn('inputs', 'text').execute();
}
