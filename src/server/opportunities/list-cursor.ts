import type { OpportunitySort } from '../../contract/opportunities.ts';
import { AppError } from '../errors.ts';

// Where a page of the opportunity list ended: the last row's sort key and id, and the sort they
// belong to. Sent to clients as base64url JSON and taken back as it is; the content is checked,
// never trusted (a cursor is a query parameter like any other).

/** The sort key's value: text for names and dates, a number for amounts, positions and figures. */
export type SortKeyValue = string | number;

export type ListCursor = { sort: OpportunitySort; key: SortKeyValue; id: string };

const NUMERIC_KEYS: ReadonlySet<string> = new Set(['amount', 'stage', 'winProbability']);
/** amounts in minor units and stage positions: compared with integer columns, so integers only */
const INTEGER_KEYS: ReadonlySet<string> = new Set(['amount', 'stage']);

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
  const keyFits = NUMERIC_KEYS.has(name)
    ? typeof key === 'number' && (INTEGER_KEYS.has(name) ? Number.isSafeInteger(key) : Number.isFinite(key))
    : typeof key === 'string' && key.length <= 1000;
  if (!keyFits || typeof id !== 'string' || id.length === 0 || id.length > 64) {
    throw refused('Not a cursor this list gave: start again from the first page');
  }
  return { sort, key: key as SortKeyValue, id };
}
