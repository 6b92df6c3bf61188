import { pipeline, Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { FastifyReply } from 'fastify';

// Lists as spreadsheets: a header row, then one row per record, streamed as the pages are read.

/** A column: its heading, and how to read it off a record. */
export type CsvColumn<R> = readonly [heading: string, read: (record: R) => string | number | null];

/**
 * CSV of the records the pages yield. A byte-order mark lets spreadsheet programs read it as
 * UTF-8; a text that starts like a formula (=, +, -, @) gets a leading apostrophe so it stays text.
 */
export function csvOf<R>(columns: ReadonlyArray<CsvColumn<R>>, pages: AsyncIterable<readonly R[]>): Readable {
  const csv = stringify({
    header: true,
    columns: columns.map(([heading]) => heading),
    bom: true,
    escape_formulas: true,
  });
  async function* rows() {
    for await (const page of pages) for (const record of page) yield columns.map(([, read]) => read(record));
  }
  // a failure half-way (the database gone) destroys the CSV stream, which cuts the download short
  pipeline(Readable.from(rows()), csv, () => {});
  return csv;
}

/** Sends a CSV stream as a download named `name`. */
export function sendCsv(reply: FastifyReply, name: string, csv: Readable): FastifyReply {
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${name}"`)
    .send(csv);
}

/**
 * The same pages, the first one already read: a failure there (the database refusing the query)
 * then reaches the error handler as an ordinary JSON error, before any download header is set.
 */
export async function withFirstPageRead<P>(pages: AsyncIterable<P>): Promise<AsyncIterable<P>> {
  const iterator = pages[Symbol.asyncIterator]();
  const first = await iterator.next();
  return {
    async *[Symbol.asyncIterator]() {
      if (first.done) return;
      yield first.value;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
    },
  };
}

/** Every page of a list service, read with growing offsets (for lists of thousands, not millions). */
export async function* offsetPages<R>(
  list: (offset: number, limit: number) => Promise<{ items: R[] }>,
  pageSize: number,
): AsyncGenerator<R[]> {
  for (let offset = 0; ; offset += pageSize) {
    const { items } = await list(offset, pageSize);
    yield items;
    if (items.length < pageSize) return;
  }
}
