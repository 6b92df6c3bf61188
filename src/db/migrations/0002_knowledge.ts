import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';

// What sellers know about each opportunity. Items and facts are append-only: a change adds a
// fact that supersedes the previous one, retiring marks a row, nothing is overwritten, so any
// opportunity can be replayed as it was known on a given day.
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('objective_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('why_it_matters', 'text', (c) => c.notNull())
    .addColumn('questions', 'text', (c) => c.notNull())
    .addColumn('weight', dialect === 'postgres' ? 'double precision' : 'real', (c) => c.notNull())
    .addColumn('changed_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('objective_versions_unique', ['org_id', 'key', 'version'])
    .execute();

  await db.schema
    .createTable('knowledge_logs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('opportunity_id', 'text', (c) => c.notNull().references('opportunities.id'))
    .addColumn('summary', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('contact_id', 'text', (c) => c.references('contacts.id'))
    .addColumn('observed_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('knowledge_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('opportunity_id', 'text', (c) => c.notNull().references('opportunities.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('contact_id', 'text', (c) => c.references('contacts.id'))
    .addColumn('category', 'text')
    .addColumn('evidence_text', 'text')
    .addColumn('evidence_source', 'text', (c) => c.notNull())
    .addColumn('evidence_contact_id', 'text', (c) => c.references('contacts.id'))
    .addColumn('observed_at', 'text', (c) => c.notNull())
    .addColumn('log_id', 'text', (c) => c.references('knowledge_logs.id'))
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('retired_at', 'text')
    .addColumn('retired_by', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema.createIndex('knowledge_items_opp_idx').on('knowledge_items').columns(['opportunity_id', 'created_at']).execute();

  await db.schema
    .createTable('knowledge_facts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('opportunity_id', 'text', (c) => c.notNull().references('opportunities.id'))
    .addColumn('item_id', 'text', (c) => c.notNull().references('knowledge_items.id'))
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('qualifier', 'text')
    .addColumn('is_unknown', 'integer', (c) => c.notNull())
    .addColumn('value', 'text')
    .addColumn('evidence_text', 'text')
    .addColumn('evidence_source', 'text', (c) => c.notNull())
    .addColumn('evidence_contact_id', 'text', (c) => c.references('contacts.id'))
    .addColumn('observed_at', 'text', (c) => c.notNull())
    .addColumn('last_verified_at', 'text')
    .addColumn('log_id', 'text', (c) => c.references('knowledge_logs.id'))
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('retired_at', 'text')
    .addColumn('retired_by', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema.createIndex('knowledge_facts_opp_idx').on('knowledge_facts').columns(['opportunity_id', 'recorded_at']).execute();
  await db.schema.createIndex('knowledge_facts_item_idx').on('knowledge_facts').columns(['item_id', 'field']).execute();
}
