import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';

// Importing history from another CRM (issue 14). Accounts, contacts and opportunities keep the id
// they had there, unique per organization, so importing the same file again updates the records it
// made instead of adding them twice (several rows without one are fine: NULLs never collide). An
// import uploaded through the app keeps its progress and its findings in `imports`, which the page
// polls while the server works through the file in the background.
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  for (const table of ['accounts', 'contacts', 'opportunities'] as const) {
    await db.schema.alterTable(table).addColumn('external_id', 'text').execute();
    await db.schema
      .createIndex(`${table}_external_id_idx`)
      .unique()
      .on(table)
      .columns(['org_id', 'external_id'])
      .execute();
  }
  await db.schema
    .createTable('imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('file_bytes', 'integer', (c) => c.notNull())
    // JSON: the mapping chosen (a built-in's name or the mapping itself)
    .addColumn('mapping', 'text')
    // uploaded, checking, checked, importing, done, failed
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('is_dry_run', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rows_done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rows_total', 'integer')
    // JSON: the rows that failed, with line and column; and what the import made
    .addColumn('errors', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('summary', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('imports_org_idx').on('imports').columns(['org_id', 'created_at']).execute();

  // SQLite copies the account's name onto a new deal by updating the row just inserted, which
  // rewrites it and its indexes a second time: 40 % of an import's time. A deal inserted with the
  // right copy already (an import writes it) now skips that update; any other still gets it.
  if (dialect === 'sqlite') {
    const accountName = sql`coalesce((select name from accounts where id = new.account_id), '')`;
    await sql`drop trigger opportunities_account_name_insert`.execute(db);
    await sql`create trigger opportunities_account_name_insert after insert on opportunities
      when new.sort_account_name is not ${accountName} begin
      update opportunities set sort_account_name = ${accountName} where rowid = new.rowid;
    end`.execute(db);
  }
}
