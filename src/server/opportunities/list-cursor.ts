import type { OpportunitySort } from '../../contract/opportunities.ts';
import { AppError } from '../errors.ts';

// Where a page of the opportunity list ended: the last row's sort key and id, and the sort they
// belong to. Sent to clients as base64url JSON and taken back as it is; the content is checked,
// never trusted (a cursor is a query parameter like any other).

/**
 * The sort key's value: text for names and dates, a number for positions and figures. An amount's
 * is its value in the reporting currency's minor units (the amount times its currency's factor
 * today, a fraction, the same number in JavaScript and in SQL), or for a deal whose currency has
 * no rate today, that currency and the amount itself: those come last, by currency and amount.
 */
export type SortKeyValue = string | number | UnconvertedAmount;
export type UnconvertedAmount = readonly [currency: string, amountMinor: number];

export type ListCursor = { sort: OpportunitySort; key: SortKeyValue; id: string };

const NUMERIC_KEYS: ReadonlySet<string> = new Set(['amount', 'stage', 'winProbability']);
/** stage positions: compared with an integer column, so integers only */
const INTEGER_KEYS: ReadonlySet<string> = new Set(['stage']);
const isUnconvertedAmount = (key: unknown): key is UnconvertedAmount =>
  Array.isArray(key) &&
  key.length === 2 &&
  typeof key[0] === 'string' &&
  /^[A-Z]{3}$/.test(key[0]) &&
  Number.isSafeInteger(key[1]) &&
  (key[1] as number) >= 0;

export function encodeCursor(cursor: ListCursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.key, cursor.id]), 'utf8').toString('base64url');
}

const refused = (message: string) => new AppError('invalid-input', message, { fields: { cursor: message } });

/** The cursor a page gave, for the next page under `sort`; 400 naming `cursor` for anything else. */
export function decodeCursor(text: string, sort: OpportunitySort): ListCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw refused('Not a cursor this list gave: start again from the first page');
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) {
    throw refused('Not a cursor this list gave: start again from the first page');
  }
  const [cursorSort, key, id] = parsed as unknown[];
  if (cursorSort !== sort) {
    throw refused(`This cursor belongs to another sort order than ${sort}: start again from the first page`);
  }
  const name = sort.replace(/^-/, '');
  const keyFits =
    (name === 'amount' && isUnconvertedAmount(key)) ||
    (NUMERIC_KEYS.has(name)
      ? typeof key === 'number' && (INTEGER_KEYS.has(name) ? Number.isSafeInteger(key) : Number.isFinite(key))
      : typeof key === 'string' && key.length <= 1000);
  if (!keyFits || typeof id !== 'string' || id.length === 0 || id.length > 64) {
    throw refused('Not a cursor this list gave: start again from the first page');
  }
  return { sort, key: key as SortKeyValue, id };
}
