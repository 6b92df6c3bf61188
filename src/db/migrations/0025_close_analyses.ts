import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';

// The win/loss review (issue 12) kept fast: what each closed deal's analysis found (the probability
// at and before the close, the lessons, what was unknown), kept beside the deal with the stamp of
// everything it was drawn from, so that a review of a whole organization's quarter reads the
// findings instead of assessing thousands of deals again. A row whose stamp no longer matches is
// drawn again; read by organization and close day.
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('close_analyses')
    .addColumn('opportunity_id', 'text', (c) => c.primaryKey().references('opportunities.id'))
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('closed_date', 'text', (c) => c.notNull())
    .addColumn('stamp', 'text', (c) => c.notNull())
    .addColumn('probability_at_close', 'real')
    .addColumn('probability_before', 'real')
    .addColumn('lessons', 'text', (c) => c.notNull())
    .addColumn('not_explored', 'text', (c) => c.notNull())
    .addColumn('unknown_keys', 'text', (c) => c.notNull())
    .addColumn('unknown_words', 'text', (c) => c.notNull())
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('close_analyses_org_closed_idx')
    .on('close_analyses')
    .columns(['org_id', 'closed_date'])
    .execute();
}
