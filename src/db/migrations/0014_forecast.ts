import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';

// What a forecast is held to and what people called: a target per period and scope (the whole
// organization, a manager's team or one person's own deals), set by an admin or a manager; and
// every call a seller or manager submits for a period, kept as submitted (a later call adds a row,
// so the history of calls stays), with the reason a manager gives for adjusting one.
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const money = dialect === 'postgres' ? 'bigint' : 'integer';
  await db.schema
    .createTable('forecast_targets')
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    // "2026-Q4", "2026-12"
    .addColumn('period_key', 'text', (c) => c.notNull())
    // "org", "team:<user id>" or "owner:<user id>"
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('amount_minor', money, (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('set_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('set_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('forecast_targets_pk', ['org_id', 'period_key', 'scope'])
    .execute();
  await db.schema
    .createTable('forecast_calls')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('period_key', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('caller_id', 'text', (c) => c.notNull().references('users.id'))
    // the caller's role when calling: a seller calls their own deals, a manager their team's
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('amount_minor', money, (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('forecast_calls_by_period')
    .on('forecast_calls')
    .columns(['org_id', 'period_key', 'scope', 'submitted_at'])
    .execute();
}
