import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type DbHandle } from '../../db/database.ts';
import { ftsPhrase } from '../../db/dialect.ts';
import { migrateToLatest } from '../../db/migrate.ts';

// SQLite's trigram indexes of opportunity and account names (migration 0009) follow the rows
// through their triggers: insert, rename, any other change, and a row removed for good (the app
// soft-deletes, but an organization's removal or a manual fix deletes rows). FTS5's own integrity
// check compares each index with the table it indexes. About SQLite alone: on its own database in
// both passes of the suite (PostgreSQL's trigram indexes are ordinary indexes, kept by the database).

let handle: DbHandle;

beforeAll(async () => {
  handle = createDb(':memory:');
  await migrateToLatest(handle);
  // rows without their organization, owner or stage: only the names matter here
  await sql`pragma foreign_keys = off`.execute(handle.db);
});
afterAll(() => handle.close());

const tables = [
  { table: 'opportunities', index: 'opportunity_name_search' },
  { table: 'accounts', index: 'account_name_search' },
] as const;

async function insert(table: 'opportunities' | 'accounts', id: string, name: string): Promise<void> {
  if (table === 'accounts') {
    await sql`insert into accounts (id, org_id, owner_id, name, industry, relationship, created_by, updated_by, created_at, updated_at, version)
      values (${id}, 'o', 'u', ${name}, 'x', 'new', 'u', 'u', 'now', 'now', 1)`.execute(handle.db);
    return;
  }
  await sql`insert into opportunities (id, org_id, account_id, owner_id, name, amount_minor, currency, expected_close_date,
      stage_id, status, forecast_category, deal_type, created_by, updated_by, created_at, updated_at, version)
    values (${id}, 'o', 'a', 'u', ${name}, 1, 'EUR', '2027-01-01', 's', 'open', 'pipeline', 'new_logo',
      'u', 'u', 'now', 'now', 1)`.execute(handle.db);
}

async function matching(index: string, table: string, needle: string): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`select t.id from ${sql.table(table)} t
    where t.rowid in (select rowid from ${sql.table(index)} where ${sql.table(index)} match ${ftsPhrase(needle)})
    order by t.id`.execute(handle.db);
  return rows.map((r) => r.id);
}

async function intact(index: string): Promise<void> {
  // rank 1: compare the index with the table it indexes; throws SQLITE_CORRUPT_VTAB when they disagree
  await sql`insert into ${sql.table(index)}(${sql.table(index)}, rank) values ('integrity-check', 1)`.execute(
    handle.db,
  );
}

describe.each(tables)('the trigram index of $table names', ({ table, index }) => {
  it('follows inserts, renames, other changes and deletes', async () => {
    await insert(table, `${table}-1`, 'Zeppelin works');
    await insert(table, `${table}-2`, 'Zephyr labs');
    expect(await matching(index, table, 'zep')).toEqual([`${table}-1`, `${table}-2`]);
    await intact(index);

    await sql`update ${sql.table(table)} set name = 'Quasar works' where id = ${`${table}-1`}`.execute(handle.db);
    expect(await matching(index, table, 'zeppelin')).toEqual([]);
    expect(await matching(index, table, 'QUASAR')).toEqual([`${table}-1`]);
    await intact(index);

    await sql`update ${sql.table(table)} set version = 2, deleted_at = 'now' where id = ${`${table}-2`}`.execute(
      handle.db,
    );
    expect(await matching(index, table, 'zephyr')).toEqual([`${table}-2`]);
    await intact(index);

    await sql`delete from ${sql.table(table)} where id = ${`${table}-2`}`.execute(handle.db);
    expect(await matching(index, table, 'zephyr')).toEqual([]);
    expect(await matching(index, table, 'works')).toEqual([`${table}-1`]);
    await intact(index);
  });
});

describe('the integrity check', () => {
  it('notices a name changed behind the index', async () => {
    await insert('opportunities', 'drift', 'Before');
    await intact('opportunity_name_search');
    await sql`drop trigger opportunities_name_search_rename`.execute(handle.db);
    await sql`update opportunities set name = 'After' where id = 'drift'`.execute(handle.db);
    await expect(intact('opportunity_name_search')).rejects.toThrow();
  });
});
