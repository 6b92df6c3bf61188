import { z } from 'zod';

// Which characters text may hold. Forms never produce C0 control characters (other than tab and
// line breaks in a text area), DEL or a lone UTF-16 surrogate; PostgreSQL refuses NUL and broken
// UTF-16 outright, and SQLite would keep them where nobody can see or type them.

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const TAB_OR_LINE_BREAK = /[\t\n\r]/;
// with the u flag a well-formed pair is one code point: only a lone half matches
const LONE_SURROGATE = /\p{Cs}/u;

/** Why `value` cannot be stored as text, or null when it can. Tabs and line breaks only if `multiline`. */
export function textProblem(value: string, multiline: boolean): string | null {
  const control = CONTROL.exec(value);
  if (control)
    return `Remove the control character U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}: text cannot hold it`;
  if (LONE_SURROGATE.test(value)) return 'Contains a broken character (half of a UTF-16 surrogate pair)';
  if (!multiline && TAB_OR_LINE_BREAK.test(value)) return 'Write it on one line, without tabs';
  return null;
}

/**
 * `schema`, refusing what text cannot hold: a 400 naming the field on both databases, instead of
 * a PostgreSQL error or an invisible character kept by SQLite. Tabs and line breaks only in
 * `multiline` fields (text areas). It checks after any trim already on `schema`.
 */
export const plainText = <T extends z.ZodString>(schema: T, options: { multiline?: boolean } = {}): T =>
  schema.superRefine((value, ctx) => {
    const problem = textProblem(value, options.multiline ?? false);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, input: value });
  });
