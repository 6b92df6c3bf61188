import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';

// The learning catalog of coaching: what an organization offers its sellers to learn (a module with
// a quiz, a job aid, an on-the-job assignment ...), each aimed at root causes of the coaching
// catalog (ids such as B4 or S7, a JSON array) and optionally carrying a quiz (JSON: questions,
// choices, the right one, a pass mark). Archived items stay for the assignments that name them.
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('learning_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('content', 'text')
    .addColumn('external_url', 'text')
    .addColumn('minutes', 'integer', (c) => c.notNull())
    .addColumn('root_causes', 'text', (c) => c.notNull())
    .addColumn('quiz', 'text')
    .addColumn('is_archived', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('updated_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('learning_items_by_org').on('learning_items').columns(['org_id', 'title', 'id']).execute();
}
