import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream';
import { parser } from 'stream-json';
import Assembler from 'stream-json/assembler.js';
import { unprocessable } from '../errors.ts';
import type { Row } from './exports.repo.ts';

// An organization's document as the restore reads it: its header (everything but the tables), then
// each table's name and its rows a batch at a time. Read from a file, the document streams, so one
// far larger than memory restores in memory that stays flat; given as an object (already parsed),
// it is cut the same way.

export type DocumentPart =
  | { kind: 'header'; header: Record<string, unknown>; hasTables: boolean }
  | { kind: 'table'; name: string }
  | { kind: 'rows'; rows: Row[] };

/** Rows handed on at a time. */
export const ROWS_PER_PART = 1000;

/** The text of a file is not JSON (or ends too early): the message says where. */
export class DocumentSyntaxError extends Error {}

type Token = { name: string; value?: unknown };

const isRow = (value: unknown): value is Row => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The parts of a document already parsed (the round trip in one process, an upload). */
export function* partsOfObject(input: unknown): Generator<DocumentPart> {
  if (!isRow(input)) throw unprocessable('document', 'Expected a Winsight organization document (a JSON object)');
  const { tables, ...header } = input;
  yield { kind: 'header', header, hasTables: tables !== undefined };
  if (tables === undefined) return;
  if (!isRow(tables)) throw unprocessable('tables', 'Expected the tables, each by its name');
  for (const [name, rows] of Object.entries(tables)) {
    yield { kind: 'table', name };
    if (!Array.isArray(rows)) throw unprocessable(`tables.${name}`, 'Expected an array of rows');
    for (let at = 0; at < rows.length; at += ROWS_PER_PART) {
      const batch = rows.slice(at, at + ROWS_PER_PART);
      const bad = batch.findIndex((r) => !isRow(r));
      if (bad >= 0) throw unprocessable(`tables.${name}.${at + bad}`, 'Expected a row (an object)');
      yield { kind: 'rows', rows: batch as Row[] };
    }
  }
}

/** The parts of a document file, read as it streams: the header must come before the tables. */
export async function* partsOfFile(path: string): AsyncGenerator<DocumentPart> {
  // a file that cannot be read ends the tokens with its error (a bare pipe would wait for ever)
  const tokens = pipeline(createReadStream(path), parser.asStream({ streamValues: false }), () => {});
  const iterator = (tokens as AsyncIterable<Token>)[Symbol.asyncIterator]();
  const next = async (): Promise<Token> => {
    let step: IteratorResult<Token>;
    try {
      step = await iterator.next();
    } catch (error) {
      throw new DocumentSyntaxError((error as Error).message);
    }
    if (step.done) throw new DocumentSyntaxError('the document ends too early');
    return step.value;
  };
  /** One whole value, from its first token. */
  const value = async (first: Token): Promise<unknown> => {
    const assembler = new Assembler();
    assembler.consume(first as Parameters<Assembler['consume']>[0]);
    while (!assembler.done) assembler.consume((await next()) as Parameters<Assembler['consume']>[0]);
    return assembler.current;
  };

  try {
    if ((await next()).name !== 'startObject')
      throw unprocessable('document', 'Expected a Winsight organization document (a JSON object)');
    const header: Record<string, unknown> = {};
    let tablesRead = false;
    for (let token = await next(); token.name !== 'endObject'; token = await next()) {
      const key = String(token.value);
      if (key !== 'tables') {
        if (tablesRead) throw unprocessable(key, `${key} must come before the tables`);
        header[key] = await value(await next());
        continue;
      }
      tablesRead = true;
      yield { kind: 'header', header, hasTables: true };
      if ((await next()).name !== 'startObject') throw unprocessable('tables', 'Expected the tables, each by its name');
      for (let named = await next(); named.name !== 'endObject'; named = await next()) {
        const name = String(named.value);
        yield { kind: 'table', name };
        if ((await next()).name !== 'startArray') throw unprocessable(`tables.${name}`, 'Expected an array of rows');
        let rows: Row[] = [];
        let index = 0;
        for (let item = await next(); item.name !== 'endArray'; item = await next(), index++) {
          if (item.name !== 'startObject') throw unprocessable(`tables.${name}.${index}`, 'Expected a row (an object)');
          rows.push((await value(item)) as Row);
          if (rows.length === ROWS_PER_PART) {
            yield { kind: 'rows', rows };
            rows = [];
          }
        }
        if (rows.length > 0) yield { kind: 'rows', rows };
      }
    }
    if (!tablesRead) yield { kind: 'header', header, hasTables: false };
    // what follows the document (stray text) is the parser's to refuse
    for (;;) {
      let step: IteratorResult<Token>;
      try {
        step = await iterator.next();
      } catch (error) {
        throw new DocumentSyntaxError((error as Error).message);
      }
      if (step.done) break;
      throw new DocumentSyntaxError('more follows the document');
    }
  } finally {
    tokens.destroy();
  }
}
