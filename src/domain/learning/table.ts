import { parse } from 'csv-parse/sync';

// A CSV of closed opportunities as a table of text cells, read strictly: the header names the
// columns and every row must have as many cells, or the error names the lines at fault.

export type Table = { header: string[]; rows: string[][] };

export class TableError extends Error {}

function detectDelimiter(firstLine: string): string {
  const counts = [',', ';', '\t'].map((d) => ({ d, n: firstLine.split(d).length - 1 }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0]!.n > 0 ? counts[0]!.d : ',';
}

export function parseTable(text: string): Table {
  const body = text.replace(/^\uFEFF/, '');
  const firstLine = body.slice(0, body.search(/\r?\n|$/));
  if (firstLine.trim() === '') throw new TableError('The file is empty: expected a header row naming the columns');
  let records: string[][];
  try {
    records = parse(body, {
      delimiter: detectDelimiter(firstLine),
      relax_column_count: true,
      skip_empty_lines: true,
      relax_quotes: false,
    }) as string[][];
  } catch (error) {
    throw new TableError(`The file is not valid CSV: ${(error as Error).message}`);
  }
  const [header, ...rows] = records;
  if (!header || header.length < 2) throw new TableError('The header row must name at least two columns');
  const names = header.map((h) => h.trim());
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate !== undefined) throw new TableError(`The column "${duplicate}" appears twice in the header`);
  const ragged = rows.map((r, i) => ({ line: i + 2, length: r.length })).filter((r) => r.length !== names.length);
  if (ragged.length > 0) {
    const shown = ragged
      .slice(0, 5)
      .map((r) => `line ${r.line} has ${r.length}`)
      .join(', ');
    throw new TableError(
      `Every row must have ${names.length} cells like the header: ${shown}${ragged.length > 5 ? ` and ${ragged.length - 5} more lines` : ''}`,
    );
  }
  if (rows.length === 0) throw new TableError('The file has a header but no rows');
  return { header: names, rows };
}
