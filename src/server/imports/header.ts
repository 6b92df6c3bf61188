import { mappedColumns, requiredTargetsMissing, settleColumns, type Mapping } from '../../domain/imports/mapping.ts';
import type { RowProblem } from '../../domain/imports/rows.ts';
import type { CsvStream } from './reader.ts';

// A file's header against a mapping, before any row is read: each column that goes by several
// headers settled on the one the file has; a field whose column the file lacks is left out when the
// import can do without it, and is a problem on line 1 when it cannot (or when a knowledge column
// is missing), naming the columns the file does have.

export type HeaderCheck = { ok: true; mapping: Mapping; leftOut: string[] } | { ok: false; problems: RowProblem[] };

export function checkHeader(
  csv: Pick<CsvStream, 'header' | 'delimiter'>,
  columns: ReadonlyMap<string, number>,
  given: Mapping,
): HeaderCheck {
  const settled = settleColumns(given, columns);
  const absent = mappedColumns(settled).filter((c) => !columns.has(c.column));
  const fields = { ...settled.fields };
  for (const { target } of absent) delete fields[target as keyof typeof fields];
  const missing = requiredTargetsMissing(fields, settled.kind);
  const fatal = absent.filter((c) => missing.includes(c.target) || !(c.target in settled.fields));
  if (fatal.length === 0 && missing.length === 0) {
    return { ok: true, mapping: { ...settled, fields }, leftOut: absent.map((c) => c.column) };
  }
  const listing =
    csv.header.length === 1
      ? ` (the header has one column: is the file separated by something other than ${csv.delimiter === '\t' ? 'tabs' : csv.delimiter}?)`
      : `; its columns are ${csv.header.map((h) => `"${h}"`).join(', ')}`;
  const problems: RowProblem[] = fatal.map((c) => ({
    line: 1,
    column: c.column,
    message: `${c.target}: the file has no column "${c.column}"${listing}`,
  }));
  for (const target of missing.filter((t) => !fatal.some((c) => c.target === t))) {
    problems.push({ line: 1, column: null, message: `${target}: the mapping does not fill it${listing}` });
  }
  return { ok: false, problems };
}
