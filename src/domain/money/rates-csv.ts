import { parse } from 'csv-parse/sync';
import { isCurrencyCode } from '../currency.ts';
import { dateProblem } from '../dates.ts';
import { readRate } from './decimal.ts';

// Exchange rates as a spreadsheet exports them: a header `currency,valid_from,rate` (in any
// order), then one rate a line. Every line is checked before anything is kept, and each problem is
// told with its line number as a text editor counts lines (the header is line 1) and its column.

export const RATE_CSV_COLUMNS = ['currency', 'valid_from', 'rate'] as const;
export type RateCsvColumn = (typeof RATE_CSV_COLUMNS)[number];

/** A problem with the file as a whole (its header, its quoting) is told at its line as `line`. */
export type RateCsvProblem = { line: number; field: RateCsvColumn | 'line'; message: string };
export type RateCsvLine = { line: number; currency: string; validFrom: string; rate: string };

/** More lines than this is not a file of rates a person keeps (ten years of daily rates of three currencies). */
export const RATE_CSV_MAX_LINES = 12_000;

export function readRatesCsv(
  text: string,
  reportingCurrency: string,
): { ok: true; lines: RateCsvLine[] } | { ok: false; problems: RateCsvProblem[] } {
  const records = parseRecords(text);
  if (!records.ok) return records;
  const [header, ...rows] = records.rows;
  if (!header) return fail(1, 'line', `The file is empty: start it with the header ${RATE_CSV_COLUMNS.join(',')}`);
  const names = header.values.map((v) => v.toLowerCase());
  const missing = RATE_CSV_COLUMNS.filter((c) => !names.includes(c));
  const extra = names.filter((n) => !(RATE_CSV_COLUMNS as readonly string[]).includes(n));
  if (missing.length > 0 || extra.length > 0 || names.length !== RATE_CSV_COLUMNS.length) {
    return fail(
      header.line,
      'line',
      `The header must name the columns ${RATE_CSV_COLUMNS.join(',')}, each once; it reads ${header.values.join(',')}`,
    );
  }
  if (rows.length === 0) return fail(header.line, 'line', 'The file has no rates below its header');
  if (rows.length > RATE_CSV_MAX_LINES) {
    return fail(
      rows[RATE_CSV_MAX_LINES]!.line,
      'line',
      `At most ${RATE_CSV_MAX_LINES.toLocaleString('en-US')} rates at a time: split the file`,
    );
  }
  const at = (column: RateCsvColumn) => names.indexOf(column);
  const problems: RateCsvProblem[] = [];
  const lines: RateCsvLine[] = [];
  const firstSeen = new Map<string, number>();
  for (const { line, values } of rows) {
    if (values.length !== RATE_CSV_COLUMNS.length) {
      const comma =
        values.length === 4 && /^\d+$/.test(values[at('rate')] ?? '') ? ' (a decimal comma? write 1.0845)' : '';
      problems.push({
        line,
        field: 'line',
        message: `Expected ${RATE_CSV_COLUMNS.length} values (${header.values.join(', ')}), found ${values.length}${comma}`,
      });
      continue;
    }
    const currency = values[at('currency')]!.toUpperCase();
    const validFrom = values[at('valid_from')]!;
    const rate = readRate(values[at('rate')]!);
    const before = problems.length;
    if (!isCurrencyCode(currency)) {
      problems.push({
        line,
        field: 'currency',
        message: currency ? `Unknown currency code ${currency}` : 'Name the currency by its three-letter code',
      });
    } else if (currency === reportingCurrency) {
      problems.push({
        line,
        field: 'currency',
        message: `${currency} is the reporting currency: it needs no rate (always 1)`,
      });
    }
    const dateIssue = dateProblem(validFrom);
    if (dateIssue) problems.push({ line, field: 'valid_from', message: dateIssue });
    if ('problem' in rate) problems.push({ line, field: 'rate', message: rate.problem });
    if (problems.length > before || 'problem' in rate) continue;
    const key = `${currency} ${validFrom}`;
    const first = firstSeen.get(key);
    if (first !== undefined) {
      problems.push({
        line,
        field: 'valid_from',
        message: `Line ${first} already gives ${currency} a rate from ${validFrom}: keep one of the two`,
      });
      continue;
    }
    firstSeen.set(key, line);
    lines.push({ line, currency, validFrom, rate: rate.rate });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, lines };
}

type Row = { line: number; values: string[] };

function parseRecords(text: string): { ok: true; rows: Row[] } | { ok: false; problems: RateCsvProblem[] } {
  try {
    const records = parse(text, {
      bom: true,
      info: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      // files that mix line endings (edited on two systems) still split where a person sees lines
      record_delimiter: ['\r\n', '\n', '\r'],
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
    return { ok: true, rows: records.map(({ record, info }) => ({ line: info.lines, values: record })) };
  } catch (error) {
    const { code, lines, message } = error as { code?: string; lines?: number; message?: string };
    const words =
      code === 'CSV_QUOTE_NOT_CLOSED'
        ? 'A quote (") opened on this line or before is never closed'
        : code === 'INVALID_OPENING_QUOTE'
          ? 'A quote (") inside a value: put the whole value in quotes or remove it'
          : (message ?? 'This line cannot be read as CSV');
    return fail(lines ?? 1, 'line', words);
  }
}

function fail(
  line: number,
  field: RateCsvProblem['field'],
  message: string,
): { ok: false; problems: RateCsvProblem[] } {
  return { ok: false, problems: [{ line, field, message }] };
}
