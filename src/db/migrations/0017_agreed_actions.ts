import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';

// What a manager and a seller agree in a pipeline review: an action on a deal, whose it is and by
// when, kept on the opportunity and shown to the seller until it is done (and after, as done).
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('agreed_actions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('opportunity_id', 'text', (c) => c.notNull().references('opportunities.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('done_at', 'text')
    .addColumn('done_by', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema
    .createIndex('agreed_actions_by_opportunity')
    .on('agreed_actions')
    .columns(['opportunity_id', 'created_at'])
    .execute();
}
