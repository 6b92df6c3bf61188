import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';

// Proposals written from a deal's knowledge (issue 15). Every version is kept: who made it, when,
// whether it was generated or a seller's edit of another version, the customer document's text,
// what the draft told the seller (its notes, the internal appendix, its completeness) and the
// knowledge it was written from, as JSON text, so a later reader sees what was known when it went
// out. An organization's template is one row, replaced whole at the version seen.
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('proposals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('opportunity_id', 'text', (c) => c.notNull().references('opportunities.id'))
    /** 1, 2, 3 ... per opportunity */
    .addColumn('number', 'integer', (c) => c.notNull())
    /** 'generated' from the knowledge, or 'edited' from the version in based_on */
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('based_on', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('draft', 'text', (c) => c.notNull())
    .addColumn('knowledge', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('sent_by', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema
    .createIndex('proposals_by_opportunity')
    .unique()
    .on('proposals')
    .columns(['opportunity_id', 'number'])
    .execute();
  await db.schema
    .createTable('proposal_templates')
    .addColumn('org_id', 'text', (c) => c.primaryKey().references('organizations.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}
