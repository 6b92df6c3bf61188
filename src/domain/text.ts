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

/**
 * The longest text each kind of field takes. The contract refuses more; the web's inputs stop
 * typing at the same length, so nobody writes a page that is only refused on save.
 */
export const TEXT_LIMITS = {
  search: 200,
  /** what the customer said or did, the evidence behind a fact */
  evidence: 4000,
  /** a fact written as free text */
  factText: 2000,
  /** a buying-group member, alternative, criterion ... as titled */
  itemTitle: 500,
  /** a meeting's one-line summary and notes */
  summary: 2000,
  /** an objective's definition and why it matters */
  objectiveText: 2000,
  objectiveQuestion: 300,
  metricName: 200,
  metricUnit: 40,
  /** why a manager lets a deal stand in commit despite what blocks it */
  overrideReason: 1000,
} as const;

/** Words as a sentence lists them: "a", "a and b", "a, b and c". */
export const listInWords = (words: readonly string[]): string =>
  words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
