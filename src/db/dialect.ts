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

/** The shortest text a trigram index can look up (SQLite's FTS5 trigram tokenizer, pg_trgm). */
export const TRIGRAM_LENGTH = 3;

/**
 * `needle` as an FTS5 phrase: with the trigram tokenizer a phrase matches wherever the text
 * contains it. Quoted, so that FTS5's query syntax (and %, _) is taken literally.
 */
export function ftsPhrase(needle: string): string {
  return `"${needle.replace(/"/g, '""')}"`;
}

export function toFlag(value: boolean): 0 | 1 {
  return value ? 1 : 0;
}

/** Whole days from an ISO timestamp's (or date's) day to a date's, as SQL. */
export function daysBetweenSql(
  dialect: DialectName,
  from: Expression<string>,
  to: Expression<string>,
): RawBuilder<number> {
  return dialect === 'postgres'
    ? sql<number>`(cast(${to} as date) - cast(substr(${from}, 1, 10) as date))`
    : sql<number>`cast(julianday(${to}) - julianday(substr(${from}, 1, 10)) as integer)`;
}
