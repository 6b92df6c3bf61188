import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { DialectName } from '../../db/dialect.ts';
import type { DocumentTable } from './document-tables.ts';

// Reading and writing an organization's rows table by table, whatever the table: the document's
// tables are named in document-tables.ts, their columns read from the database itself.

export type Row = Record<string, unknown>;

function scopeOf(table: DocumentTable, orgId: string): RawBuilder<unknown> {
  if ('orgColumn' in table.scope) return sql`${sql.ref(table.scope.orgColumn)} = ${orgId}`;
  return sql`${sql.ref(table.scope.via)} in (select id from ${sql.table(table.scope.parent)} where org_id = ${orgId})`;
}

/** One page of the organization's rows of `table`, in key order. */
export async function readRows(db: Db, table: DocumentTable, orgId: string, offset: number, limit: number) {
  const order = sql.join(table.key.map((k) => sql.ref(k)));
  const result = await sql<Row>`select * from ${sql.table(table.name)} where ${scopeOf(table, orgId)}
    order by ${order} limit ${limit} offset ${offset}`.execute(db);
  return result.rows;
}

export async function countRows(db: Db, table: DocumentTable, orgId: string): Promise<number> {
  const result = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table.name)}
    where ${scopeOf(table, orgId)}`.execute(db);
  return Number(result.rows[0]?.n ?? 0);
}

export async function findOrganizationRow(db: Db, orgId: string): Promise<Row | undefined> {
  const result = await sql<Row>`select * from organizations where id = ${orgId}`.execute(db);
  return result.rows[0];
}

/** The database's tables (SQLite's or the current PostgreSQL schema's). */
export async function listDatabaseTables(db: Db, dialect: DialectName): Promise<string[]> {
  const result =
    dialect === 'postgres'
      ? await sql<{ name: string }>`select table_name as name from information_schema.tables
          where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db)
      : await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db);
  return result.rows.map((r) => r.name).sort();
}

/** The columns of `table`, in the order the table declares them. */
export async function listColumns(db: Db, dialect: DialectName, table: string): Promise<string[]> {
  const result =
    dialect === 'postgres'
      ? await sql<{ name: string }>`select column_name as name from information_schema.columns
          where table_schema = current_schema() and table_name = ${table} order by ordinal_position`.execute(db)
      : await sql<{ name: string }>`select name from pragma_table_info(${table}) order by cid`.execute(db);
  return result.rows.map((r) => r.name);
}

// a statement carries at most this many values (SQLite's limit is 32,766, PostgreSQL's 65,535)
const VALUES_PER_STATEMENT = 30_000;

/** Inserts `rows` (all with `columns`) into `table`, several rows per statement. */
export async function insertRows(db: Db, table: string, columns: readonly string[], rows: readonly Row[]) {
  if (rows.length === 0 || columns.length === 0) return;
  const perStatement = Math.max(1, Math.min(500, Math.floor(VALUES_PER_STATEMENT / columns.length)));
  const names = sql.join(columns.map((c) => sql.ref(c)));
  for (let start = 0; start < rows.length; start += perStatement) {
    const values = rows
      .slice(start, start + perStatement)
      .map((row) => sql`(${sql.join(columns.map((c) => sql`${row[c] ?? null}`))})`);
    await sql`insert into ${sql.table(table)} (${names}) values ${sql.join(values)}`.execute(db);
  }
}

/** Rows a trigger wrote while the document's rows went in, to be replaced by the document's own. */
export async function deleteOrganizationRows(db: Db, table: string, orgId: string): Promise<void> {
  await sql`delete from ${sql.table(table)} where org_id = ${orgId}`.execute(db);
}

export async function listTakenEmails(db: Db, emails: readonly string[]): Promise<string[]> {
  if (emails.length === 0) return [];
  const taken: string[] = [];
  for (let start = 0; start < emails.length; start += 500) {
    const rows = await db
      .selectFrom('users')
      .select('email')
      .where('email', 'in', emails.slice(start, start + 500))
      .execute();
    taken.push(...rows.map((r) => r.email));
  }
  return taken;
}

export async function listTakenDomains(db: Db, domains: readonly string[]): Promise<string[]> {
  if (domains.length === 0) return [];
  const rows = await db.selectFrom('sso_domains').select('domain').where('domain', 'in', domains).execute();
  return rows.map((r) => r.domain);
}
