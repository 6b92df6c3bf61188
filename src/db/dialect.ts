import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';

export type DialectName = 'sqlite' | 'postgres';

/** Case-insensitive "contains" match, with the user's % and _ taken literally. */
export function containsText(
  dialect: DialectName,
  column: Expression<string | null>,
  needle: string,
): RawBuilder<SqlBool> {
  const pattern = `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return dialect === 'postgres'
    ? sql<SqlBool>`${column} ilike ${pattern} escape '\\'`
    : sql<SqlBool>`${column} like ${pattern} escape '\\'`;
}

export function toFlag(value: boolean): 0 | 1 {
  return value ? 1 : 0;
}
