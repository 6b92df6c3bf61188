import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';

// The opportunity list at 100,000 deals (issue 9).
//
// Search: "contains, ignoring case" on an opportunity's or its account's name read every row the
// caller may see. PostgreSQL answers ILIKE from pg_trgm GIN indexes. SQLite keeps a trigram FTS5
// index of each name (external content: the names are not stored twice), kept in step by triggers
// keyed on the row's rowid. A VACUUM may renumber the rowids of these tables (their key is text):
// after one, rebuild both indexes with INSERT INTO <index>(<index>) VALUES ('rebuild').
//
// Keyset paging: a page after a cursor starts at (sort key, id) in an index, so the id must be in
// the index behind every index-served sort (name and amount already have it, from 0008).
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  if (dialect === 'postgres') await trigramIndexes(db);
  else await nameSearchTables(db);

  await db.schema.dropIndex('opps_org_updated_idx').execute();
  await db.schema.dropIndex('opps_owner_updated_idx').execute();
  await db.schema.dropIndex('opps_org_close_idx').execute();
  await db.schema
    .createIndex('opps_org_updated_idx')
    .on('opportunities')
    .columns(['org_id', 'updated_at', 'id'])
    .execute();
  await db.schema
    .createIndex('opps_owner_updated_idx')
    .on('opportunities')
    .columns(['owner_id', 'updated_at', 'id'])
    .execute();
  await db.schema
    .createIndex('opps_org_close_idx')
    .on('opportunities')
    .columns(['org_id', 'expected_close_date', 'id'])
    .execute();
  await db.schema
    .createIndex('opps_owner_close_idx')
    .on('opportunities')
    .columns(['owner_id', 'expected_close_date', 'id'])
    .execute();
}

async function trigramIndexes(db: Kysely<unknown>): Promise<void> {
  // One extension per database, shared by every schema in it: installed in public (a schema of
  // ours may be dropped), under a lock so that two migrating schemas do not race to create it.
  await sql`select pg_advisory_xact_lock(hashtext('winsight:pg_trgm'))`.execute(db);
  await sql`create extension if not exists pg_trgm with schema public`.execute(db);
  const { rows } = await sql<{ schema: string }>`
    select n.nspname as schema from pg_extension e join pg_namespace n on n.oid = e.extnamespace
    where e.extname = 'pg_trgm'`.execute(db);
  const opclass = sql`${sql.id(rows[0]!.schema)}.gin_trgm_ops`;
  await sql`create index opps_name_trgm_idx on opportunities using gin (name ${opclass})`.execute(db);
  await sql`create index accounts_name_trgm_idx on accounts using gin (name ${opclass})`.execute(db);
}

async function nameSearchTables(db: Kysely<unknown>): Promise<void> {
  for (const table of ['opportunities', 'accounts']) {
    const index = sql.id(`${table === 'opportunities' ? 'opportunity' : 'account'}_name_search`);
    const source = sql.id(table);
    const trigger = (event: string) => sql.id(`${table}_name_search_${event}`);
    await sql`create virtual table ${index} using fts5(name, content=${sql.lit(table)}, content_rowid='rowid', tokenize='trigram')`.execute(
      db,
    );
    await sql`insert into ${index}(${index}) values ('rebuild')`.execute(db);
    await sql`create trigger ${trigger('insert')} after insert on ${source} begin
      insert into ${index}(rowid, name) values (new.rowid, new.name);
    end`.execute(db);
    await sql`create trigger ${trigger('delete')} after delete on ${source} begin
      insert into ${index}(${index}, rowid, name) values ('delete', old.rowid, old.name);
    end`.execute(db);
    await sql`create trigger ${trigger('rename')} after update of name on ${source} begin
      insert into ${index}(${index}, rowid, name) values ('delete', old.rowid, old.name);
      insert into ${index}(rowid, name) values (new.rowid, new.name);
    end`.execute(db);
  }
}
