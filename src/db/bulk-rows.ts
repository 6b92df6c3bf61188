import { sql, type Insertable, type InsertQueryBuilder } from 'kysely';
import type { Database } from './schema.ts';
import type { DialectName } from './dialect.ts';

// A bulk insert's rows. On SQLite, the usual VALUES: one parameter a cell, parsed in microseconds.
// On PostgreSQL a 500-row VALUES list is 12,500 parameters that the server parses and plans afresh
// for every batch, which took as long as writing the rows into the table's twenty indexes (a
// 100,000-deal import: 22 s in the insert against 11 s for the same rows inserted by one
// INSERT ... SELECT); so there each column travels as one array, unnested into rows, and the
// statement stays short whatever the batch holds.

/** the PostgreSQL type of a column's array */
export type BulkColumnType = 'text' | 'integer' | 'bigint';

/**
 * `insert` given `rows`: as VALUES on SQLite, as one array parameter per column of `columns` (each
 * with its PostgreSQL type) unnested on PostgreSQL. `columns` names every column a row gives.
 */
export function withBulkRows<TB extends keyof Database & string, O>(
  insert: InsertQueryBuilder<Database, TB, O>,
  dialect: DialectName,
  columns: { readonly [K in keyof Insertable<Database[TB]>]?: BulkColumnType },
  rows: ReadonlyArray<Insertable<Database[TB]>>,
): InsertQueryBuilder<Database, TB, O> {
  if (dialect !== 'postgres') return insert.values(rows);
  const names = Object.keys(columns) as Array<keyof Database[TB] & string>;
  const arrays = names.map((name) => {
    const values = rows.map((row) => (row as Record<string, unknown>)[name] ?? null);
    return sql`${values}::${sql.raw(columns[name]!)}[]`;
  });
  return insert.columns(names).expression(sql`select * from unnest(${sql.join(arrays)})`);
}
