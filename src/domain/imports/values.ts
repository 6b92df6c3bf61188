import { isCalendarDate } from '../dates.ts';

// Reading the cells of another CRM's export: dates in the forms CRMs write them, amounts with
// their thousands separators and currency signs, yes/no flags. Each reader returns the value or
// the sentence that tells the person what was wrong and what is accepted.

export type DateOrder = 'mdy' | 'dmy' | 'ymd';

export type Read<T> = { ok: true; value: T } | { ok: false; message: string };

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

export function acceptedDates(order: DateOrder): string {
  const numeric = { mdy: 'MM/DD/YYYY', dmy: 'DD/MM/YYYY', ymd: 'YYYY/MM/DD' }[order];
  return `YYYY-MM-DD (optionally with a time), ${numeric} (also with - or .), DD-Mon-YY or DD Mon YYYY`;
}

const pad = (n: number) => String(n).padStart(2, '0');

function dateOf(year: number, month: number, day: number): string | null {
  const text = `${year}-${pad(month)}-${pad(day)}`;
  return year >= 1900 && year <= 2200 && isCalendarDate(text) ? text : null;
}

/** Two-digit years: 00-69 are 2000s, 70-99 are 1900s (what spreadsheets do). */
const fullYear = (y: string) => (y.length === 2 ? (Number(y) < 70 ? 2000 : 1900) + Number(y) : Number(y));

/** A date cell as YYYY-MM-DD; `order` settles 03/04/2024 (March 4th or 3 April). */
export function readDate(cell: string, order: DateOrder): Read<string> {
  const text = cell.trim();
  const fail = (): Read<string> => ({
    ok: false,
    message: `"${text}" is not a date; accepted: ${acceptedDates(order)}`,
  });
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(text);
  if (m) {
    const d = dateOf(Number(m[1]), Number(m[2]), Number(m[3]));
    return d ? { ok: true, value: d } : fail();
  }
  m = /^(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})(?:,?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AP]M)?)?$/i.exec(text);
  if (m) {
    const [a, b, c] = [m[1]!, m[2]!, m[3]!];
    const parts =
      a.length === 4
        ? [Number(a), Number(b), Number(c)]
        : order === 'dmy'
          ? [fullYear(c), Number(b), Number(a)]
          : order === 'mdy'
            ? [fullYear(c), Number(a), Number(b)]
            : null;
    if (!parts || (a.length !== 4 && c.length !== 4 && c.length !== 2)) return fail();
    const d = dateOf(parts[0]!, parts[1]!, parts[2]!);
    return d ? { ok: true, value: d } : fail();
  }
  m = /^(\d{1,2})[\s-]([A-Za-z]{3})[a-z]*[\s-](\d{2}|\d{4})$/.exec(text);
  if (m) {
    const month = MONTHS.indexOf(m[2]!.toLowerCase());
    const d = month < 0 ? null : dateOf(fullYear(m[3]!), month + 1, Number(m[1]));
    return d ? { ok: true, value: d } : fail();
  }
  return fail();
}

export const ACCEPTED_AMOUNTS = {
  '.': '1234.56, 1,234.56, $1,234.56 or USD 1234.56',
  ',': '1234,56, 1.234,56, 1 234,56 or EUR 1234,56',
} as const;

/** An amount in major units (dollars); never negative. */
export function readAmount(cell: string, decimal: '.' | ','): Read<number> {
  const text = cell.trim();
  const fail = (why = 'is not an amount'): Read<number> => ({
    ok: false,
    message: `"${text}" ${why}; accepted: ${ACCEPTED_AMOUNTS[decimal]}`,
  });
  // a currency sign or code before or after the figure
  const bare = text
    .replace(/^[A-Za-z]{3}\s*|\s*[A-Za-z]{3}$/g, '')
    .replace(/^[$€£¥₹]\s*|\s*[$€£¥₹]$/g, '')
    .trim();
  if (bare.startsWith('-') || /^\(.*\)$/.test(bare)) return fail('is negative');
  const thousands = decimal === '.' ? /,/g : /[.\s\u00a0\u202f']/g;
  const pattern =
    decimal === '.'
      ? /^\d{1,3}(,\d{3})*(\.\d+)?$|^\d+(\.\d+)?$/
      : /^\d{1,3}([.\s\u00a0\u202f']\d{3})*(,\d+)?$|^\d+(,\d+)?$/;
  if (!pattern.test(bare)) return fail();
  const value = Number(bare.replace(thousands, '').replace(',', '.'));
  if (!Number.isFinite(value) || value > 1e13) return fail('is too large');
  return { ok: true, value };
}

const TRUE = new Set(['true', 'yes', 'y', '1', 'x', 'won', 'closed']);
const FALSE = new Set(['false', 'no', 'n', '0', '']);

export function readFlag(cell: string): Read<boolean> {
  const text = cell.trim().toLowerCase();
  if (TRUE.has(text)) return { ok: true, value: true };
  if (FALSE.has(text)) return { ok: true, value: false };
  return { ok: false, message: `"${cell.trim()}" is not yes or no; accepted: true/false, yes/no, 1/0` };
}

/** A percentage 0-100 (also 0-1 when written as a fraction with a decimal point, or with %). */
export function readPercentage(cell: string): Read<number> {
  const text = cell.trim().replace(/%$/, '').trim();
  const value = Number(text);
  if (text === '' || !Number.isFinite(value) || value < 0 || value > 100) {
    return { ok: false, message: `"${cell.trim()}" is not a percentage from 0 to 100` };
  }
  return { ok: true, value: Math.round(value) };
}
