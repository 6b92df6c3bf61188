import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { privateDatabase, winsightIn } from '../testing/cli.ts';
import { demoDatabaseUrl } from '../testing/test-app.ts';

// `winsight export` writes an organization's document (or its tables as CSV); `winsight import`
// reads the document into another Winsight, each the command run in this process (winsightIn). The demo is
// the one the run loads once for every file (`winsight seed-demo` itself is tested in cli.test.ts).

let here: { url: string; cleanup: () => Promise<void> };
let there: { url: string; cleanup: () => Promise<void> };
let dir: string;

beforeAll(async () => {
  here = await demoDatabaseUrl('2026-11-20');
  there = await privateDatabase();
  dir = mkdtempSync(join(tmpdir(), 'winsight-export-'));
});
afterAll(async () => {
  await here.cleanup();
  await there.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

describe('winsight export and import', { timeout: 120_000 }, () => {
  it('moves the demo organization to another Winsight, and the second export is the first', async () => {
    const file = join(dir, 'northwind.json');
    const exported = await winsightIn(here.url, ['export', '--out', file, '--org', 'Northwind Demo']);
    expect(exported.stderr).toBe('');
    expect(exported.stdout).toContain('Northwind Demo: exported to');
    expect((await winsightIn(here.url, ['export', '--out', file])).stderr).toMatch(/exists; add --force/);

    const imported = await winsightIn(there.url, ['import', '--file', file]);
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toMatch(/Northwind Demo: imported \d+ rows \(\d+ people, \d+ opportunities, \d+ facts\)/);
    const again = join(dir, 'again.json');
    expect((await winsightIn(there.url, ['export', '--out', again])).code).toBe(0);
    const comparable = (path: string) => ({ ...JSON.parse(readFileSync(path, 'utf8')), exportedAt: null });
    expect(comparable(again)).toEqual(comparable(file));

    const twice = await winsightIn(there.url, ['import', '--file', file]);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toMatch(/^winsight: --file: organization\.id: Northwind Demo .* is already in this Winsight/);
    expect((await winsightIn(there.url, ['import', '--file', join(dir, 'missing.json')])).stderr).toMatch(/no file at/);
    // a document cut short, into a Winsight of its own: refused, and nothing of it stays
    const cut = join(dir, 'cut.json');
    writeFileSync(cut, readFileSync(file, 'utf8').slice(0, 200_000));
    const elsewhere = await privateDatabase();
    try {
      const broken = await winsightIn(elsewhere.url, ['import', '--file', cut]);
      expect(broken.code).toBe(1);
      expect(broken.stderr).toMatch(
        /^winsight: --file: .*cut\.json is not a Winsight organization document \(.+\); a CSV needs --mapping/,
      );
      const left = await winsightIn(elsewhere.url, [
        'export',
        '--out',
        join(dir, 'left.json'),
        '--org',
        'Northwind Demo',
      ]);
      expect(left.stderr).toMatch(/no organization/);
    } finally {
      await elsewhere.cleanup();
    }
  });

  it('writes each table as CSV', async () => {
    const folder = join(dir, 'csv');
    const result = await winsightIn(here.url, ['export', '--out', folder, '--csv']);
    expect(result.stdout).toMatch(/CSV files written/);
    expect(readdirSync(folder)).toEqual(expect.arrayContaining(['opportunities.csv', 'knowledge_facts.csv']));
    const deals = parse(readFileSync(join(folder, 'opportunities.csv')), { bom: true, columns: true }) as unknown[];
    expect(deals.length).toBeGreaterThan(100);
  });
});
