import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';

// The diagnosis an assignment was made from, when it was: null for learning assigned straight from
// a scorecard gap. SQLite adds a nullable column with a reference in place, as PostgreSQL does.
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .alterTable('coaching_assignments')
    .addColumn('diagnosis_id', 'text', (c) => c.references('coaching_diagnoses.id'))
    .execute();
  await db.schema
    .createIndex('coaching_assignments_by_diagnosis')
    .on('coaching_assignments')
    .columns(['diagnosis_id'])
    .execute();
}
