import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { privateDatabase, winsightIn, type CliResult } from '../testing/cli.ts';

// `winsight import` (run in this process: testing/cli.ts winsightIn), on a database of its own, with the first 300 rows of each
// public data set of ../shared/datasets (kept in fixtures/, so the test runs wherever the repository
// is) and the mapping saved for it (the full files: npm run bench).

const FIXTURES = join(import.meta.dirname, 'fixtures');
const SLICES = [
  ['ibm-sales-win-loss', 'ibm-sales-win-loss-300.csv'],
  ['maven-crm-sales-opportunities', 'maven-crm-sales-opportunities-300.csv'],
  ['it-consulting-win-prediction', 'it-consulting-win-prediction-300.csv'],
] as const;

let databaseUrl: string;
let dir: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'winsight-import-cli-'));
  ({ url: databaseUrl, cleanup } = await privateDatabase());
});
afterAll(async () => {
  await cleanup();
  rmSync(dir, { recursive: true, force: true });
});

const winsight = (...args: string[]): Promise<CliResult> => winsightIn(databaseUrl, args);

/** The header and the first 300 rows of a data set's file. */
const slice = (file: string): string => join(FIXTURES, file);

describe('winsight import', { timeout: 120_000 }, () => {
  it('imports a slice of each public data set with its saved mapping, then the learner fits on them', async () => {
    expect((await winsight('migrate')).code).toBe(0);
    const org = await winsight(
      'create-org',
      '--name',
      'Imported Co',
      '--admin-email',
      `admin-${randomBytes(3).toString('hex')}@import.test`,
      '--admin-name',
      'Ida Admin',
    );
    expect(org.code, org.stderr).toBe(0);
    const first = await winsight('import', '--file', slice(SLICES[0][1]), '--mapping', SLICES[0][0], '--dry-run');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/300 rows read, no problems: would import \d+ opportunities .*nothing written/);
    for (const [mapping, file] of SLICES) {
      const path = slice(file);
      const done = await winsight('import', '--file', path, '--mapping', mapping, '--org', 'Imported Co', '--json');
      expect(done.code, done.stderr).toBe(0);
      const report = JSON.parse(done.stdout) as { ok: boolean; rows: number; counts: { opportunities: number } };
      expect(report).toMatchObject({ ok: true, rows: 300 });
      expect(report.counts.opportunities).toBeGreaterThan(250);
    }
    const refit = await winsight('refit', '--org', 'Imported Co');
    expect(refit.code, refit.stderr).toBe(0);
    expect(refit.stdout).toMatch(/Imported Co: fitted-1 on \d+ closed deals/);
  });

  it("a Salesforce org's files in turn, linked by id; the back-test then reads the organization's own deals", async () => {
    const exports = join(import.meta.dirname, '../server/imports/fixtures');
    const files = [
      [
        'salesforce',
        'salesforce-opportunities.csv',
        /imported 4 opportunities \(2 open, 1 won, 1 lost, 0 no decision\).*2 open deals assessed/,
      ],
      ['salesforce-accounts', 'salesforce-accounts.csv', /imported 1 new and 2 updated accounts/],
      ['salesforce-contacts', 'salesforce-contacts.csv', /imported 4 new and 0 updated contacts/],
      [
        'salesforce-contact-roles',
        'salesforce-contact-roles.csv',
        /imported 5 people in deals' buying groups .*2 open deals assessed/,
      ],
      ['salesforce-history', 'salesforce-history.csv', /imported 7 changes of stage/],
    ] as const;
    const dry = await winsight(
      'import',
      '--file',
      join(exports, 'salesforce-history.csv'),
      '--mapping',
      'salesforce-history',
      '--org',
      'Imported Co',
      '--dry-run',
    );
    expect(dry.code).toBe(1);
    expect(dry.stderr).toContain(
      'salesforce-history.csv line 2, column "Opportunity ID": no opportunity with the id "0065g00000TqA2AAK" is here; import the opportunities first',
    );
    for (const [mapping, name, expected] of files) {
      const done = await winsight(
        'import',
        '--file',
        join(exports, name),
        '--mapping',
        mapping,
        '--org',
        'Imported Co',
      );
      expect(done.code, done.stderr).toBe(0);
      expect(done.stdout).toMatch(expected);
      // each phase told on stderr as it starts, the report alone on stdout
      expect(done.stderr).toMatch(new RegExp(`^winsight: checking every row of ${name}…\nwinsight: writing \\d+ rows`));
      if (name === files[0]![1]) {
        expect(done.stderr).toMatch(/the rows are in; assessing \d+ open deals…/);
        expect(done.stderr).toMatch(/replaying \d+ past days of forecast snapshots/);
      }
    }
    const backtest = await winsight('backtest', '--org', 'Imported Co', '--json');
    expect(backtest.code, backtest.stderr).toBe(0);
    const result = JSON.parse(backtest.stdout) as { organization: string; rows: { total: number; closed: number } };
    expect(result.organization).toBe('Imported Co');
    expect(result.rows.closed).toBeGreaterThan(250);
  });

  it('a mapping file with a mistake names the field; a bad row names its line and column', async () => {
    const mapping = join(dir, 'mapping.json');
    writeFileSync(mapping, JSON.stringify({ fields: { 'opportunity.name': 'Name', 'account.name': 'Account' } }));
    const refused = await winsight('import', '--file', mapping, '--mapping', mapping);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('fields: Map opportunity.closeDate');
    const csv = join(dir, 'bad.csv');
    writeFileSync(csv, 'id,name,account,close_date,status\n1,A,Acme,2025-01-05,won\n2,B,Acme,05/01/2025x,won\n');
    const bad = await winsight('import', '--file', csv, '--mapping', 'generic', '--dry-run');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(
      'bad.csv line 3, column "close_date": opportunity.closeDate: "05/01/2025x" is not a date',
    );
    expect(bad.stderr).toContain('1 problem in 2 rows; nothing was imported');
  });
});
