import { isCalendarDate } from '../dates.ts';
import { column } from '../learning/evaluate.ts';
import { DATE_FORMATS, inferColumn, parseDay } from '../learning/features.ts';
import { findLeaks, type Leak } from '../learning/leaks.ts';
import { TableError, type Table } from '../learning/table.ts';
import type { BacktestOptions, BacktestRow } from './backtest.ts';

// A CSV of dated deals read for the back-test: the columns the flags name, each cell parsed or the
// error names the flag, the lines and the formats accepted. What is left (less what --drop names)
// becomes the learned method's features: the amount and owner among them, never the dates, the
// outcome, the stage or the seller's figure (those are the values at closing, not at creation).

export type BacktestColumns = {
  /** null: the file has no creation date */
  created: string | null;
  closed: string;
  outcome: string;
  won: string;
  amount: string;
  owner?: string;
  stage?: string;
  sellerProbability?: string;
  expectedClose?: string;
  drop?: readonly string[];
};

export type BacktestTable = {
  rows: BacktestRow[];
  columns: BacktestOptions['columns'];
  featureColumns: string[];
  /** columns (the amount among them) whose values give the outcome away, over the closed deals */
  leaks: Leak[];
  /** deals marked won without a close date: taken as open, as they cannot be placed in time */
  wonWithoutClose: number;
  /** deals whose creation date is after their close date: never in a pipeline */
  createdAfterClose: number;
};

export const AMOUNT_FORMAT = '1234.56 or 1,234.56 (no currency sign, not negative)';

/** "1,234.56" -> 123456 minor units, or null when the cell is not an amount. */
export function parseAmountMinor(raw: string): number | null {
  if (!/^(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/.test(raw)) return null;
  return Math.round(Number(raw.replaceAll(',', '')) * 100);
}

/** A day as YYYY-MM-DD from any format parseDay reads, or null when it is not a calendar day. */
export function parseCalendarDay(raw: string): string | null {
  const d = parseDay(raw);
  if (!d) return null;
  const day = `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
  return isCalendarDate(day) ? day : null;
}

/** Collects the cells a flag's column could not read, and names up to five of them. */
function problems(flag: string, what: string, format: string) {
  const bad: Array<{ line: number; raw: string }> = [];
  return {
    add: (line: number, raw: string) => bad.push({ line, raw }),
    count: () => bad.length,
    check() {
      if (bad.length === 0) return;
      const shown = bad
        .slice(0, 5)
        .map((b) => `${b.raw === '' ? 'a blank cell' : `"${b.raw}"`} on line ${b.line}`)
        .join(', ');
      throw new TableError(
        `${flag}: ${bad.length === 1 ? `a cell is not ${what}` : `${bad.length} cells are not ${what}`}: ${shown}${bad.length > 5 ? ` and ${bad.length - 5} more` : ''}; write ${format}`,
      );
    },
  };
}

export function readBacktestTable(table: Table, names: BacktestColumns): BacktestTable {
  const at = {
    created: names.created === null ? null : column(table, names.created, '--created'),
    closed: column(table, names.closed, '--closed'),
    outcome: column(table, names.outcome, '--outcome'),
    amount: column(table, names.amount, '--amount'),
    owner: names.owner === undefined ? null : column(table, names.owner, '--owner'),
    stage: names.stage === undefined ? null : column(table, names.stage, '--stage'),
    seller:
      names.sellerProbability === undefined ? null : column(table, names.sellerProbability, '--seller-probability'),
    expectedClose: names.expectedClose === undefined ? null : column(table, names.expectedClose, '--expected-close'),
  };
  const dropped = new Set((names.drop ?? []).map((d) => column(table, d, '--drop')));
  const outcomes = new Set(table.rows.map((r) => r[at.outcome]!.trim()));
  if (!outcomes.has(names.won))
    throw new TableError(
      `--won: no row has "${names.won}" in "${names.outcome}"; it holds ${[...outcomes]
        .slice(0, 10)
        .map((v) => `"${v}"`)
        .join(', ')}`,
    );

  const cell = (row: readonly string[], position: number) => row[position]!.trim();
  const dateProblems = {
    created: problems('--created', 'a date', `dates as ${DATE_FORMATS}, or leave the cell blank`),
    closed: problems('--closed', 'a date', `dates as ${DATE_FORMATS}, or leave the cell blank while the deal is open`),
    expectedClose: problems('--expected-close', 'a date', `dates as ${DATE_FORMATS}, or leave the cell blank`),
  };
  const day = (row: readonly string[], position: number | null, line: number, kind: keyof typeof dateProblems) => {
    if (position === null) return null;
    const raw = cell(row, position);
    if (raw === '') return null;
    const parsed = parseCalendarDay(raw);
    if (parsed === null) dateProblems[kind].add(line, raw);
    return parsed;
  };
  const amountProblems = problems('--amount', 'an amount', `amounts as ${AMOUNT_FORMAT}`);
  const sellerProblems = problems(
    '--seller-probability',
    'a probability',
    'a share from 0 to 1 or a percentage from 0 to 100 (0.4, 40 or 40 %), or leave the cell blank',
  );
  const sellerRaw: Array<number | null> = [];
  let wonWithoutClose = 0;
  let createdAfterClose = 0;
  const rows = table.rows.map((row, i): BacktestRow => {
    const line = i + 2;
    const createdOn = day(row, at.created, line, 'created');
    const closedOn = day(row, at.closed, line, 'closed');
    const isWon = cell(row, at.outcome) === names.won;
    if (closedOn === null && isWon) wonWithoutClose++;
    if (createdOn !== null && closedOn !== null && createdOn > closedOn) createdAfterClose++;
    const amountMinor = parseAmountMinor(cell(row, at.amount));
    if (amountMinor === null) amountProblems.add(line, cell(row, at.amount));
    if (at.seller !== null) {
      const raw = cell(row, at.seller).replace(/\s*%$/, '');
      const n = raw === '' ? null : /^\d+(\.\d+)?$|^\.\d+$/.test(raw) ? Number(raw) : Number.NaN;
      if (n !== null && !(n >= 0 && n <= 100)) sellerProblems.add(line, cell(row, at.seller));
      sellerRaw.push(n);
    }
    return {
      createdOn,
      closedOn,
      won: closedOn === null ? null : isWon,
      amountMinor: amountMinor ?? 0,
      ...(at.owner !== null ? { owner: cell(row, at.owner) } : {}),
      ...(at.stage !== null ? { stage: cell(row, at.stage) } : {}),
      ...(at.expectedClose !== null ? { expectedCloseOn: day(row, at.expectedClose, line, 'expectedClose') } : {}),
    };
  });
  dateProblems.created.check();
  dateProblems.closed.check();
  dateProblems.expectedClose.check();
  const unpricedOpen = rows.filter((r, i) => r.closedOn === null && cell(table.rows[i]!, at.amount) === '').length;
  if (unpricedOpen > 0 && unpricedOpen === amountProblems.count())
    throw new TableError(
      `--amount: ${unpricedOpen === 1 ? 'the one blank cell is on a deal' : `all ${unpricedOpen} blank cells are on deals`} without a close date: "${names.amount}" looks filled in when a deal closes; name an amount known when the deal was created`,
    );
  amountProblems.check();
  sellerProblems.check();
  if (at.seller !== null) {
    // one scale for the whole column: percentages as soon as one figure is above 1
    const scale = sellerRaw.some((n) => n !== null && n > 1) ? 100 : 1;
    rows.forEach((r, i) => (r.sellerProbability = sellerRaw[i] === null ? null : sellerRaw[i]! / scale));
  }

  const notFeatures = new Set(
    [at.created, at.closed, at.outcome, at.stage, at.seller, at.expectedClose].filter((p) => p !== null),
  );
  const featurePositions = table.header.map((_, p) => p).filter((p) => !notFeatures.has(p) && !dropped.has(p));
  // the amount as the number it was read as (a learner reads "1,000" as a word)
  rows.forEach(
    (r, i) =>
      (r.features = featurePositions.map((p) => (p === at.amount ? String(r.amountMinor / 100) : table.rows[i]![p]!))),
  );

  // a column that gives the outcome away, read over the closed deals: the amount most of all, as
  // every method multiplies it (a value filled in as 0 when a deal is lost flatters them all)
  const closedAt = rows.flatMap((r, i) => (r.won === null ? [] : [i]));
  const closedCells = closedAt.map((i) => table.rows[i]!);
  const leakPositions = featurePositions.includes(at.amount) ? featurePositions : [at.amount, ...featurePositions];
  const leakColumns = leakPositions.map((p) =>
    inferColumn(
      table.header[p]!,
      closedCells.map((c) => c[p]!.trim()),
    ),
  );
  const leaks = findLeaks(
    table.header,
    closedCells,
    Uint8Array.from(closedAt, (i) => (rows[i]!.won ? 1 : 0)),
    leakColumns,
  );

  return {
    rows,
    columns: {
      owner: at.owner !== null,
      stage: at.stage !== null,
      seller: at.seller !== null,
      expectedClose: at.expectedClose !== null,
    },
    featureColumns: featurePositions.map((p) => table.header[p]!),
    leaks,
    wonWithoutClose,
    createdAfterClose,
  };
}
