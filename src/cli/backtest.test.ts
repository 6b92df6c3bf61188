import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { addDays } from '../domain/dates.ts';
import { createRandom } from '../domain/random.ts';
import { winsightIn } from '../testing/cli.ts';

// `winsight backtest` (run in this process: testing/cli.ts winsightIn) on small CSVs written here. It reads no database; the
// DATABASE_URL given names a file that is never created.

const dir = mkdtempSync(join(tmpdir(), 'winsight-backtest-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const backtest = (...args: string[]) => winsightIn(join(dir, 'unused.sqlite'), ['backtest', ...args]);

/** 480 deals over a year: enterprise deals win 3 in 4, the others 1 in 5; a stage, a seller figure. */
function deals(): string {
  const random = createRandom(11);
  const lines = ['id,created,closed,result,value,owner,stage,seller,segment'];
  for (let i = 0; i < 480; i++) {
    const created = addDays('2024-01-01', Math.floor(i * 0.72));
    const segment = random.chance(0.4) ? 'enterprise' : 'smb';
    const owner = random.pick(['Ada', 'Bo', 'Cy']);
    const won = random.chance(segment === 'enterprise' ? 0.75 : 0.2);
    const open = i >= 470;
    const closed = open ? '' : addDays(created, random.int(10, 70));
    const result = open ? 'Open' : won ? 'Won' : 'Lost';
    const stage = random.pick(['Qualify', 'Propose']);
    lines.push(
      `D${i},${created},${closed},${result},${random.int(5, 50) * 100},${owner},${stage},${random.int(1, 9) * 10},${segment}`,
    );
  }
  return lines.join('\n');
}

const text = deals();
writeFileSync(join(dir, 'deals.csv'), text);
writeFileSync(join(dir, 'few.csv'), text.split('\n').slice(0, 60).join('\n'));
writeFileSync(join(dir, 'bad-date.csv'), text.replace(',2024-01-02,', ',02.01.2024,'));
writeFileSync(
  join(dir, 'bad-amount.csv'),
  text.replace(/,(\d+)00,Ada,/, () => ',EUR $100,Ada,'),
);
const file = join(dir, 'deals.csv');
const flags = [
  '--created',
  'created',
  '--closed',
  'closed',
  '--outcome',
  'result',
  '--won',
  'Won',
  '--amount',
  'value',
];

describe('winsight backtest', { timeout: 90_000 }, () => {
  it('replays the deals month by month with every method, as JSON', async () => {
    const result = await backtest(
      ...['--data', file, ...flags, '--owner', 'owner', '--stage', 'stage', '--seller-probability', 'seller'],
      ...['--period', 'month', '--drop', 'id', '--json'],
    );
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.methods).toEqual(['winRate', 'byOwner', 'stage', 'seller', 'learned']);
    expect(json.expectedClose).toBe('actual-close-date');
    expect(json.featureColumns).toEqual(['value', 'owner', 'segment']);
    expect(json.rows).toEqual({ total: 480, closed: 470, open: 10, createdUnknown: 0 });
    expect(json.periods.length).toBeGreaterThanOrEqual(8);
    for (const period of json.periods) {
      expect(period.closedBefore).toBeGreaterThanOrEqual(100);
      expect(Object.keys(period.forecasts)).toEqual(json.methods);
      expect(period.actualMinor).toBeLessThanOrEqual(period.wonInPeriodMinor);
    }
    for (const method of json.methods)
      expect(json.summary[method]).toMatchObject({
        periods: json.periods.length,
        meanAccuracy: expect.any(Number),
        meanAbsoluteError: expect.any(Number),
        bias: expect.any(Number),
      });
  });

  it('prints a table per method, names what stands in for the future, and refuses a final stage', async () => {
    const result = await backtest('--data', file, ...flags, '--owner', 'owner', '--stage', 'result');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Back-test by quarter of 480 deals \(470 closed, 10 open\)/);
    expect(result.stdout).toContain('the actual close date stands in for it, the one look at the future');
    expect(result.stdout).toMatch(/stage: a final stage that leaks the outcome, not used: "Lost" .*"Won"/);
    expect(result.stdout).not.toMatch(/^by stage:/m);
    for (const label of ['win rate', 'by owner', 'learned'])
      expect(result.stdout).toMatch(new RegExp(`^${label}: .*\\n +period +deals +pipeline +forecast +actual`, 'm'));
    expect(result.stdout).toMatch(/^ {2}2024-Q3 /m);
    expect(result.stdout).toMatch(/mean accuracy \d+\.\d %, mean absolute error [\d,]+, bias [+−]?[\d,]+/);
    expect(result.stdout).toMatch(/^summary over \d+ periods/m);
  });

  it('runs without a creation date when told the file has none', async () => {
    const result = await backtest(
      ...['--data', file, '--no-created', '--closed', 'closed', '--outcome', 'result', '--won', 'Won'],
      ...['--amount', 'value', '--drop', 'id,created', '--json'],
    );
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.rows.createdUnknown).toBe(480);
    for (const period of json.periods) expect(period.actualMinor).toBe(period.wonInPeriodMinor);
  });

  it.each([
    [['--data', file, '--closed', 'closed', '--outcome', 'result', '--amount', 'value'], /give --won/],
    [
      ['--data', file, '--closed', 'closed', '--outcome', 'result', '--won', 'Won', '--amount', 'value'],
      /--no-created/,
    ],
    [['--data', join(dir, 'missing.csv'), ...flags], /--data: cannot read/],
    [['--data', file, ...flags, '--owner', 'seller_name'], /--owner: no column named "seller_name"/],
    [['--data', file, ...flags, '--won', 'Closed Won'], /--won: no row has "Closed Won" in "result"/],
    [
      ['--data', join(dir, 'bad-date.csv'), ...flags],
      /--created: a cell is not a date: "02.01.2024" on line 4; write dates as 2018-03-27/,
    ],
    [
      ['--data', join(dir, 'bad-amount.csv'), ...flags],
      /--amount: a cell is not an amount: "EUR \$100" on line \d+; write amounts as 1234.56/,
    ],
    [['--data', join(dir, 'few.csv'), ...flags], /too few rows to back-test: 59 closed deals/],
    [['--data', file, ...flags, '--period', 'week'], /'--period <kind>' argument 'week' is invalid/],
  ])('refuses %j clearly', async (args, message) => {
    const result = await backtest(...args);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
  });
});
