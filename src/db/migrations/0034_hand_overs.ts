import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';

// A deal handed from one seller to another (issue 14), usually because the first one left: who,
// to whom, by whom and when, the brief written at that moment (a snapshot as JSON text, so a later
// reader sees what was known then) and when the new owner acknowledged it.
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('hand_overs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('opportunity_id', 'text', (c) => c.notNull().references('opportunities.id'))
    .addColumn('from_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('to_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('by_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    /** whether the previous owner was deactivated in the same step */
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('brief', 'text', (c) => c.notNull())
    .addColumn('acknowledged_at', 'text')
    .addColumn('acknowledged_by', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema
    .createIndex('hand_overs_by_opportunity')
    .on('hand_overs')
    .columns(['opportunity_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('hand_overs_by_recipient')
    .on('hand_overs')
    .columns(['org_id', 'to_user_id', 'acknowledged_at'])
    .execute();
}
