import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Transform, type TransformCallback } from 'node:stream';
import { parse, type Parser } from 'csv-parse';
import type { RowProblem } from '../../domain/imports/rows.ts';

// Streams a CSV file as rows of cells with their line numbers, never holding more than a chunk:
// the encoding is checked as the bytes pass (UTF-8, with or without its byte-order mark), the
// delimiter is read from the header line (comma, semicolon or tab), and a row with more or fewer
// cells than the header, an unclosed quote or a file too large is a located problem.

export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;

export class ImportFileError extends Error {
  readonly line: number | null;
  constructor(message: string, line: number | null = null) {
    super(line === null ? message : `line ${line}: ${message}`);
    this.line = line;
  }
}

export type CsvRow = { line: number; cells: string[] };

export type CsvStream = {
  header: string[];
  delimiter: ',' | ';' | '\t';
  rows: AsyncIterable<CsvRow>;
  /** ragged rows: reported, not yielded */
  problems: RowProblem[];
};

const DELIMITER_NAMES = { ',': 'commas', ';': 'semicolons', '\t': 'tabs' } as const;

/** Refuses UTF-16 and bytes that are not UTF-8 (a Latin-1 or Windows-1252 file), naming the line. */
class Utf8Check extends Transform {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private line = 1;
  private first = true;
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (this.first) {
      this.first = false;
      if ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff)) {
        done(new ImportFileError('the file is UTF-16; save it as CSV UTF-8 and upload it again', 1));
        return;
      }
    }
    try {
      this.decoder.decode(chunk, { stream: true });
    } catch {
      done(new ImportFileError(this.badLine(chunk), this.lineOfBadByte(chunk)));
      return;
    }
    for (let i = 0; i < chunk.length; i++) if (chunk[i] === 0x0a) this.line++;
    done(null, chunk);
  }
  override _flush(done: TransformCallback): void {
    try {
      this.decoder.decode();
      done();
    } catch {
      done(new ImportFileError('the file ends in the middle of a character; it is not UTF-8', this.line));
    }
  }
  private lineOfBadByte(chunk: Buffer): number {
    let line = this.line;
    let start = 0;
    for (let i = 0; i <= chunk.length; i++) {
      if (i === chunk.length || chunk[i] === 0x0a) {
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(chunk.subarray(start, i));
        } catch {
          return line;
        }
        line++;
        start = i + 1;
      }
    }
    return line;
  }
  private badLine(_chunk: Buffer): string {
    return 'the file is not UTF-8 (it looks like Latin-1 or Windows-1252); save it as CSV UTF-8 and upload it again';
  }
}

/** The delimiter the header line uses most, of comma, semicolon and tab (outside quotes). */
export function guessDelimiter(headerLine: string): ',' | ';' | '\t' {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const c of headerLine) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && c in counts) counts[c as keyof typeof counts]++;
  }
  const best = (Object.keys(counts) as Array<keyof typeof counts>).sort((a, b) => counts[b] - counts[a])[0]!;
  return counts[best] === 0 ? ',' : best;
}

async function firstLine(path: string): Promise<string> {
  const stream = createReadStream(path, { start: 0, end: 64 * 1024 - 1 });
  let text = '';
  for await (const chunk of stream) text += (chunk as Buffer).toString('utf8');
  return text.replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '';
}

export async function checkImportSize(path: string, fileName: string): Promise<number> {
  const { size } = await stat(path);
  if (size > MAX_IMPORT_BYTES) {
    throw new ImportFileError(
      `${fileName} is ${(size / 1024 / 1024).toFixed(0)} MB; an import takes files of at most 200 MB (split it into several)`,
    );
  }
  if (size === 0) throw new ImportFileError(`${fileName} is empty`);
  return size;
}

/** Opens the file for one pass. */
export async function openCsv(path: string, fileName = path): Promise<CsvStream> {
  await checkImportSize(path, fileName);
  const delimiter = guessDelimiter(await firstLine(path));
  const file = createReadStream(path, { highWaterMark: 256 * 1024 });
  const check = new Utf8Check();
  const parser = parse({
    bom: true,
    delimiter,
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
    max_record_size: 1024 * 1024,
  });
  // pipe() passes no errors on: the encoding check's (and the disk's) end the parse with theirs
  file.on('error', (error) => parser.destroy(error));
  check.on('error', (error) => parser.destroy(error));
  file.pipe(check).pipe(parser);
  const records = recordsOf(parser);
  const first = await next(records);
  if (!first) throw new ImportFileError(`${fileName} has no header line`, 1);
  const header = first.record.map((h) => h.trim());
  const problems: RowProblem[] = [];
  const rows = (async function* () {
    for (;;) {
      const got = await next(records);
      if (!got) return;
      // info.lines is the line a record ends on; a quoted cell may span several
      const line = got.info.lines;
      if (got.record.length !== header.length) {
        problems.push({
          line,
          column: null,
          message:
            got.record.length === 1 && header.length > 1
              ? `1 field where the header has ${header.length}; the header is separated by ${DELIMITER_NAMES[delimiter]}, is this line too?`
              : `${got.record.length} fields where the header has ${header.length} (a missing or extra ${delimiter === '\t' ? 'tab' : delimiter}, or an unquoted ${delimiter === '\t' ? 'tab' : delimiter} in a cell?)`,
        });
        continue;
      }
      yield { line, cells: got.record };
    }
  })();
  return { header, delimiter, rows, problems };
}

type ParsedRecord = { record: string[]; info: { lines: number } };

/**
 * The parser's records, taken a buffer-full at a time: one promise per buffer rather than per
 * record (an async iterator of the stream costs a promise and a tick for each).
 */
function recordsOf(parser: Parser): () => Promise<ParsedRecord | null> {
  const buffer: ParsedRecord[] = [];
  let at = 0;
  let ended = false;
  let failure: unknown = null;
  let wake: (() => void) | null = null;
  parser.on('readable', () => wake?.());
  parser.on('end', () => {
    ended = true;
    wake?.();
  });
  parser.on('error', (error) => {
    failure = error;
    wake?.();
  });
  return async () => {
    for (;;) {
      if (at < buffer.length) return buffer[at++]!;
      buffer.length = 0;
      at = 0;
      let record: ParsedRecord | null;
      while ((record = parser.read() as ParsedRecord | null) !== null) buffer.push(record);
      if (buffer.length > 0) continue;
      if (failure) throw failure;
      if (ended) return null;
      await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
    }
  };
}

async function next(records: () => Promise<ParsedRecord | null>): Promise<ParsedRecord | null> {
  try {
    return await records();
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    const e = error as Error & { code?: string; lines?: number };
    if (e.code?.startsWith('CSV_')) {
      const why =
        e.code === 'CSV_QUOTE_NOT_CLOSED'
          ? 'a quote is opened and never closed'
          : e.message.replace(/^Invalid /, 'invalid ');
      throw new ImportFileError(why, e.lines ?? null);
    }
    throw error;
  }
}
