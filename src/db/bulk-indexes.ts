import { sql } from 'kysely';
import type { Db } from './database.ts';
import type { DialectName } from './dialect.ts';

/** the fewest rows for which rebuilding a table's indexes once pays */
const BULK_ROWS = 5_000;

/**
 * On SQLite, runs `work` with the non-unique indexes of `table` dropped and makes them again from
 * their own SQL when it is done, inside the caller's transaction (a failure puts them back with
 * everything else). Filling a wide index a row at a time costs several times what sorting it once
 * does, so a bulk write goes this way when it writes at least `rows` rows, many beside what the table
 * holds. On PostgreSQL the drop would lock the table against every organization's readers: it never does.
 */
export async function withIndexesRebuilt<T>(
  tx: Db,
  dialect: DialectName,
  table: 'opportunities' | 'opportunity_snapshots',
  rows: number,
  work: () => Promise<T>,
): Promise<T> {
  if (dialect !== 'sqlite' || rows < BULK_ROWS) return work();
  const held = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(tx);
  if (rows * 2 < Number(held.rows[0]?.n ?? 0)) return work();
  const indexes = await sql<{ name: string; sql: string }>`
    select name, sql from sqlite_master
    where type = 'index' and tbl_name = ${table} and sql is not null and sql not like 'create unique%'`.execute(tx);
  for (const index of indexes.rows) await sql`drop index ${sql.id(index.name)}`.execute(tx);
  const result = await work();
  for (const index of indexes.rows) await sql.raw(index.sql).execute(tx);
  return result;
}

/**
 * After a bulk write of `rows` rows into `tables`, on PostgreSQL, gathers their statistics for the
 * planner at once instead of at autovacuum's next pass (a minute or more later): until then it plans
 * the statements that follow against the tables as they were (for a new organization's first import,
 * nearly empty: nested loops and sorts spilled to disk where a hash does in a third of the time). It
 * samples each table (some 30,000 rows) and blocks neither readers nor writers. SQLite plans without
 * statistics unless asked to keep them; it is left as it is.
 */
export async function refreshStatistics(
  db: Db,
  dialect: DialectName,
  tables: ReadonlyArray<'opportunities' | 'accounts'>,
  rows: number,
): Promise<void> {
  if (dialect !== 'postgres' || rows < BULK_ROWS || tables.length === 0) return;
  await sql`analyze ${sql.join(tables.map((t) => sql.table(t)))}`.execute(db);
}
