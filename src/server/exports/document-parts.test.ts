import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DocumentSyntaxError, partsOfFile, partsOfObject, ROWS_PER_PART, type DocumentPart } from './document-parts.ts';

// A document read from a file comes in the same parts as one already parsed: its header, then each
// table and its rows in batches; what does not fit is refused naming where.

const dir = mkdtempSync(join(tmpdir(), 'winsight-document-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const fileOf = (text: string) => {
  const path = join(dir, `d${files++}.json`);
  writeFileSync(path, text);
  return path;
};
const read = async (path: string) => {
  const parts: DocumentPart[] = [];
  for await (const part of partsOfFile(path)) parts.push(part);
  return parts;
};

const doc = {
  format: 'winsight-organization',
  organization: { id: 'o1', name: 'Acme', settings: { nested: [1, null, 'two'] } },
  tables: {
    users: Array.from({ length: ROWS_PER_PART + 2 }, (_, i) => ({ id: `u${i}`, org_id: 'o1', is_active: i % 2 === 0 })),
    stages: [],
  },
};

describe("an organization's document in parts", () => {
  it('reads a file as it streams into the parts of the same document parsed whole', async () => {
    const fromFile = await read(fileOf(JSON.stringify(doc, null, 2)));
    expect(fromFile).toEqual([...partsOfObject(doc)]);
    expect(fromFile.map((p) => (p.kind === 'rows' ? p.rows.length : p.kind))).toEqual([
      'header',
      'table',
      ROWS_PER_PART,
      2,
      'table',
    ]);
    expect(fromFile[0]).toEqual({
      kind: 'header',
      header: { format: 'winsight-organization', organization: doc.organization },
      hasTables: true,
    });
  });

  it('says when there are no tables', async () => {
    expect(await read(fileOf('{"format": "x"}'))).toEqual([
      { kind: 'header', header: { format: 'x' }, hasTables: false },
    ]);
  });

  it.each([
    ['{"tables": {}, "organization": {}}', 'organization', /must come before the tables/],
    ['{"tables": []}', 'tables', /Expected the tables/],
    ['{"tables": {"users": {}}}', 'tables.users', /Expected an array of rows/],
    ['{"tables": {"users": [{}, 3]}}', 'tables.users.1', /Expected a row/],
    ['[1, 2]', 'document', /Winsight organization document/],
  ])('refuses %s naming %s', async (text, field, message) => {
    await expect(read(fileOf(text))).rejects.toMatchObject({ fields: { [field]: expect.stringMatching(message) } });
  });

  it.each([['{"tables": {"users": [{"id": 1}'], ['{"a": 1} trailing'], ['not json at all']])(
    'tells text that is not JSON from a document that does not fit: %s',
    async (text) => {
      await expect(read(fileOf(text))).rejects.toBeInstanceOf(DocumentSyntaxError);
    },
  );

  it('tells a missing file plainly', async () => {
    await expect(read(join(dir, 'nowhere.json'))).rejects.toThrow(/ENOENT/);
  });
});
