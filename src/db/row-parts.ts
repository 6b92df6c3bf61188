import { sql, type RawBuilder } from 'kysely';

// One statement can read rows of several kinds (a deal's knowledge items, its facts, the contacts
// they name, its account's profile ...) when every kind is selected into the same columns: a
// `union all` of one select per kind, each filling the columns it lacks with nulls. PostgreSQL
// types a union column by its first inputs, so each null is cast to the column's type; both
// databases read the same SQL.

export type ColumnType = 'text' | 'integer' | 'double precision';

type ValueOf<T extends ColumnType> = T extends 'text' ? string | null : number | null;

/** One kind of row: the expressions of the columns it has, and the `from ... where ...` they come from. */
export type RowPart<C extends string> = {
  kind: string;
  columns: Partial<Record<C, RawBuilder<unknown>>>;
  from: RawBuilder<unknown>;
};

/** A row of such a statement: its kind (`part`) and every column, null where its kind has none. */
export type PartRow<Columns extends Record<string, ColumnType>> = { part: string } & {
  [K in keyof Columns]: ValueOf<Columns[K]>;
};

/** The statement that reads every part's rows into `columns`, in no particular order. */
export function selectParts<Columns extends Record<string, ColumnType>>(
  columns: Columns,
  parts: ReadonlyArray<RowPart<Extract<keyof Columns, string>>>,
): RawBuilder<PartRow<Columns>> {
  const names = Object.keys(columns) as Array<Extract<keyof Columns, string>>;
  const selects = parts.map((p) => {
    const values = names.map(
      (name) =>
        sql`${p.columns[name] ?? sql`cast(null as ${sql.raw(columns[name] as ColumnType)})`} as ${sql.ref(name)}`,
    );
    return sql`select ${sql.lit(p.kind)} as part, ${sql.join(values)} ${p.from}`;
  });
  return sql<PartRow<Columns>>`${sql.join(selects, sql` union all `)}`;
}
