import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';

// The win/loss review (issue 12) kept fast: what each closed deal's analysis found, kept beside the
// deal with the stamp of what it was drawn from, so that a review of a whole organization's quarter
// reads the findings instead of assessing thousands of deals again. A row whose stamp no longer
// matches is drawn again. What the figures add up (the findings' codes, the unknowns' keys) is kept
// as plain text a review splits; the rest (lessons in words, probabilities) as one JSON document it
// reads only for the deals it lists. Read by organization and close day.
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('close_analyses')
    .addColumn('opportunity_id', 'text', (c) => c.primaryKey().references('opportunities.id'))
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('closed_date', 'text', (c) => c.notNull())
    .addColumn('stamp', 'text', (c) => c.notNull())
    .addColumn('finding_codes', 'text', (c) => c.notNull())
    .addColumn('unknown_keys', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('close_analyses_org_closed_idx')
    .on('close_analyses')
    .columns(['org_id', 'closed_date'])
    .execute();
}
