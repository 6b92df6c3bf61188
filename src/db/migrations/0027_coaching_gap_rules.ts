import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';

// An organization's gap rules, replaced whole by an administrator: one row, the set as JSON (its
// rules and the danger-zone recurrence setting), null once reset so the defaults in the code apply
// (as they do for an organization without a row). The version guards one administrator's save
// against another's; each change is also an audit event of the organization.
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('coaching_gap_rules')
    .addColumn('org_id', 'text', (c) => c.primaryKey().references('organizations.id'))
    .addColumn('rule_set', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}
