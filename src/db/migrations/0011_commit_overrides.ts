import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';

// A deal forecast as commit while a critical danger zone or missing knowledge says it should not be
// needs a manager's override (REFERENCE 5): who gave it, when and why is kept beside the deal for
// as long as it stays in commit.
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('commit_overrides')
    .addColumn('opportunity_id', 'text', (c) => c.primaryKey().references('opportunities.id'))
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('by_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    // the zones it overrode, as a JSON array of rule ids
    .addColumn('zone_ids', 'text', (c) => c.notNull())
    .execute();
}
