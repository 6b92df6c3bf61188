// From raw cells to model features. Each column is read as categories (blank and "Unknown" are
// categories of their own, never imputed), as numbers cut into quantile bands, as a date (year and
// month), or set aside as an identifier. Encoders are fitted on training rows only.

export type ColumnKind = 'categorical' | 'numeric' | 'date' | 'identifier';
export type ColumnInfo = { name: string; kind: ColumnKind; distinct: number };

export const BLANK = '(blank)';
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** The ways of writing a day that parseDay reads, as a person would be told them. */
export const DATE_FORMATS = '2018-03-27 (a time after it is ignored), 27-Mar-18 or 27-Mar-2018, 27/03/2018 (day first)';

/** "2018-03-27", "27-Mar-18", "27/03/2018" -> { year, month, day } as written (not checked against the calendar), else null */
export function parseDay(raw: string): { year: number; month: number; day: number } | null {
  let m = /^(\d{4})-(\d{2})-(\d{2})/.exec(raw);
  if (m) return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  m = /^(\d{1,2})-([A-Za-z]{3})-(\d{2}|\d{4})$/.exec(raw);
  if (m) {
    const month = MONTHS.indexOf(m[2]!.toLowerCase()) + 1;
    if (month === 0) return null;
    const y = Number(m[3]);
    return { year: y < 100 ? 2000 + y : y, month, day: Number(m[1]) };
  }
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(raw);
  if (m) return { year: Number(m[3]), month: Number(m[2]), day: Number(m[1]) };
  return null;
}

/** "2018-03-27", "27-Mar-18", "27/03/2018" -> { year, month }, else null */
export function parseDate(raw: string): { year: number; month: number } | null {
  const d = parseDay(raw);
  return d ? { year: d.year, month: d.month } : null;
}

const asNumber = (raw: string): number | null => {
  if (raw === '' || !/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(raw)) return null;
  return Number(raw);
};

export function inferColumn(name: string, values: readonly string[]): ColumnInfo {
  const present = values.filter((v) => v !== '');
  const distinct = new Set(values).size;
  const numbers = present.map(asNumber);
  const numericShare = present.length ? numbers.filter((n) => n !== null).length / present.length : 0;
  if (numericShare >= 0.95 && new Set(numbers).size > 12) {
    const allIntegers = numbers.every((n) => n === null || Number.isInteger(n));
    if (allIntegers && distinct >= 0.99 * values.length) return { name, kind: 'identifier', distinct };
    return { name, kind: 'numeric', distinct };
  }
  if (present.length && present.filter((v) => parseDate(v) !== null).length / present.length >= 0.95)
    return { name, kind: 'date', distinct };
  if (distinct >= 0.9 * values.length && values.length > 50) return { name, kind: 'identifier', distinct };
  return { name, kind: 'categorical', distinct };
}

/** How one column turns a cell into tokens: a category, a number, or a date's month and year (two parts). */
type ColumnCoder = { names: string[]; tokens(raw: string): string[]; numeric: boolean };

const blankOr = (raw: string) => (raw === '' ? BLANK : raw);

function coderFor(info: ColumnInfo): ColumnCoder | null {
  switch (info.kind) {
    case 'identifier':
      return null;
    case 'categorical':
      return { names: [info.name], numeric: false, tokens: (raw) => [blankOr(raw)] };
    case 'numeric':
      return { names: [info.name], numeric: true, tokens: (raw) => [blankOr(raw)] };
    case 'date':
      return {
        names: [`${info.name} (month)`, `${info.name} (year)`],
        numeric: false,
        tokens: (raw) => {
          const d = parseDate(raw);
          return d ? [`month=${d.month}`, `year=${d.year}`] : [blankOr(raw), blankOr(raw)];
        },
      };
  }
}

/**
 * Every row as one token per feature (a date gives two features, its month and its year), and for
 * a number column its values (NaN where a cell holds no number): computed once, shared by all folds.
 * Nothing here depends on which rows train: bands and pooling are learned per fold (binned.ts).
 */
export type Tokenized = { columns: string[]; numbers: Array<Float64Array | null>; rows: string[][] };

export function tokenize(
  columns: ReadonlyArray<{ position: number; info: ColumnInfo }>,
  rows: readonly (readonly string[])[],
): Tokenized {
  const coders = columns
    .map((c) => ({ position: c.position, coder: coderFor(c.info) }))
    .filter((c): c is { position: number; coder: ColumnCoder } => c.coder !== null);
  return {
    columns: coders.flatMap((c) => c.coder.names),
    numbers: coders.flatMap((c) =>
      c.coder.names.map(() =>
        c.coder.numeric ? Float64Array.from(rows, (r) => asNumber(r[c.position]!.trim()) ?? Number.NaN) : null,
      ),
    ),
    rows: rows.map((row) => coders.flatMap((c) => c.coder.tokens(row[c.position]!.trim()))),
  };
}
