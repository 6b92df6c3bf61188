import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';

// The win/loss review (issue 12): a closed deal's short retrospective, in its seller's words, one
// per deal, versioned like the records it sits beside. Closed deals of a period are read by the
// day they closed, so the opportunities get that index per organization and per owner.
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('retrospectives')
    .addColumn('opportunity_id', 'text', (c) => c.primaryKey().references('opportunities.id'))
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('opps_org_closed_idx')
    .on('opportunities')
    .columns(['org_id', 'closed_date'])
    .execute();
  await db.schema
    .createIndex('opps_owner_closed_idx')
    .on('opportunities')
    .columns(['owner_id', 'closed_date'])
    .execute();
}
