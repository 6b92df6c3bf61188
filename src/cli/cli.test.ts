import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { privateDatabase, winsightIn, winsightOn, type CliResult } from '../testing/cli.ts';

// The `winsight` commands on a database of their own (a temporary SQLite file, or a private schema
// when DATABASE_URL names PostgreSQL), run in this process (testing/cli.ts winsightIn): what each
// does and prints. The real command in a child process answers --help here, and its start-up
// faults and backups in cli-faults.test.ts.

let databaseUrl: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ url: databaseUrl, cleanup } = await privateDatabase());
});
afterAll(() => cleanup());

function winsight(...args: string[]): Promise<CliResult> {
  return winsightIn(databaseUrl, args);
}

describe('the winsight command', { timeout: 90_000 }, () => {
  it('explains every command with --help', async () => {
    const commands = [
      'serve',
      'migrate',
      'seed-demo',
      'create-org',
      'create-user',
      'create-token',
      'start',
      'eval',
      'backtest',
      'reassess',
      'backup',
      'restore',
      'export',
      'import',
    ];
    const results = await Promise.all(commands.map((command) => winsightOn(databaseUrl, [command, '--help'])));
    results.forEach((result, i) => {
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`Usage: winsight ${commands[i]}`);
    });
  });

  it('migrates, creates the first admin with a new organization, then a seller under them, then a token', async () => {
    expect((await winsight('migrate')).code).toBe(0);
    const seller = await winsight(
      'create-user',
      '--email',
      'seller@cli.test',
      '--name',
      'Cli Seller',
      '--role',
      'seller',
    );
    expect(seller.code).toBe(1);
    expect(seller.stderr).toMatch(/first person of a new organization must be an admin/);

    const admin = await winsight(
      'create-user',
      '--email',
      'boss@cli.test',
      '--name',
      'Cli Boss',
      '--role',
      'admin',
      '--password',
      'boss-password-1',
      '--org',
      'Cli Co',
    );
    expect(admin.stdout).toContain('Created admin boss@cli.test');
    const made = await winsight(
      'create-user',
      '--email',
      'rep@cli.test',
      '--name',
      'Cli Rep',
      '--role',
      'seller',
      '--manager',
      'boss@cli.test',
    );
    expect(made.code).toBe(0);
    expect(made.stdout).toMatch(/with password: \S{10,}/);

    const duplicate = await winsight(
      'create-user',
      '--email',
      'rep@cli.test',
      '--name',
      'Again',
      '--role',
      'seller',
      '--manager',
      'boss@cli.test',
    );
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toMatch(/already uses this email/);

    const badRole = await winsight('create-user', '--email', 'x@cli.test', '--name', 'X', '--role', 'king');
    expect(badRole.code).not.toBe(0);
    expect(badRole.stderr).toMatch(/Allowed choices are seller, manager, admin/);

    const token = await winsight('create-token', '--email', 'rep@cli.test');
    expect(token.code).toBe(0);
    expect(token.stdout.trim()).toMatch(/^wst_[\w-]{40,}$/);
    const nobody = await winsight('create-token', '--email', 'nobody@cli.test');
    expect(nobody.code).toBe(1);
    const badScope = await winsight('create-token', '--email', 'rep@cli.test', '--scopes', 'read,root');
    expect(badScope.code).toBe(1);
    expect(badScope.stderr).toMatch(/--scopes: Expected read, write or admin/);
    const sellerAdmin = await winsight('create-token', '--email', 'rep@cli.test', '--scopes', 'read,admin');
    expect(sellerAdmin.code).toBe(1);
    expect(sellerAdmin.stderr).toBe('winsight: Only an administrator’s token can carry admin\n');
    const past = await winsight('create-token', '--email', 'rep@cli.test', '--expires', '2020-01-01T00:00:00Z');
    expect(past.code).not.toBe(0);
    expect(past.stderr).toMatch(/Must be in the future/);
  });

  it('creates a second organization with create-org, adds people to the one named by --org, and each admin sees only their own', async () => {
    const other = await winsight(
      'create-user',
      '--email',
      'intruder@cli.test',
      '--name',
      'Ivy Intruder',
      '--role',
      'admin',
      '--org',
      'Other Org',
    );
    expect(other.code).toBe(1);
    expect(other.stderr).toMatch(/no organization named "Other Org".*winsight create-org/);

    const created = await winsight(
      'create-org',
      '--name',
      'Other Org',
      '--admin-email',
      'chief@other.test',
      '--admin-name',
      'Olga Chief',
      '--admin-password',
      'chief-password-1',
    );
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('Created organization "Other Org" with admin chief@other.test');
    const again = await winsight(
      'create-org',
      '--name',
      'other org',
      '--admin-email',
      'second@other.test',
      '--admin-name',
      'Sid Second',
    );
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/An organization named "other org" already exists/);

    const joined = await winsight(
      'create-user',
      '--email',
      'rep@other.test',
      '--name',
      'Otto Rep',
      '--role',
      'seller',
      '--org',
      'Other Org',
    );
    expect(joined.code).toBe(0);
    expect(joined.stdout).toContain('Created seller rep@other.test in "Other Org"');
    const wrongManager = await winsight(
      'create-user',
      '--email',
      'x@other.test',
      '--name',
      'X',
      '--role',
      'seller',
      '--org',
      'Other Org',
      '--manager',
      'boss@cli.test',
    );
    expect(wrongManager.stderr).toMatch(/boss@cli.test is not in the organization "Other Org"/);
    const unnamed = await winsight('create-user', '--email', 'y@cli.test', '--name', 'Y', '--role', 'seller');
    expect(unnamed.code).toBe(1);
    expect(unnamed.stderr).toMatch(/several organizations exist/);

    const { createDb } = await import('../db/database.ts');
    const { createApp } = await import('../server/app.ts');
    const { DEFAULT_CONFIG, createAppDeps } = await import('../server/deps.ts');
    const handle = createDb(databaseUrl);
    const app = await createApp(
      createAppDeps({
        db: handle.db,
        dialect: handle.dialect,
        now: () => new Date(),
        config: { ...DEFAULT_CONFIG, rateLimitPerMinute: 0 },
      }),
    );
    try {
      const emailsSeenBy = async (email: string) => {
        const token = (await winsight('create-token', '--email', email)).stdout.trim();
        const response = await app.inject({
          method: 'GET',
          url: '/api/users',
          headers: { authorization: `Bearer ${token}` },
        });
        expect(response.statusCode).toBe(200);
        return response
          .json<{ items: Array<{ email: string }> }>()
          .items.map((u) => u.email)
          .sort();
      };
      expect(await emailsSeenBy('chief@other.test')).toEqual(['chief@other.test', 'rep@other.test']);
      expect(await emailsSeenBy('boss@cli.test')).toEqual(['boss@cli.test', 'rep@cli.test']);
    } finally {
      await app.close();
      await handle.close();
    }
  });

  it('evaluates a CSV against the baselines, as text or JSON, and refuses bad files clearly', async () => {
    const { writeFileSync } = await import('node:fs');
    const dir = mkdtempSync(join(tmpdir(), 'winsight-eval-'));
    const lines = ['\uFEFFregion;size;result'];
    for (let i = 0; i < 400; i++)
      lines.push(
        `${['north', 'south', 'Unknown'][i % 3]};${(i * 37) % 100};${(i % 3 === 0 && i % 5 !== 0) || i % 7 === 0 ? 'Won' : 'Lost'}`,
      );
    writeFileSync(join(dir, 'deals.csv'), lines.join('\n'));
    writeFileSync(join(dir, 'ragged.csv'), 'a,b,result\n1,2,Won\n3,Lost\n');
    const json = await winsight(
      'eval',
      '--data',
      join(dir, 'deals.csv'),
      '--outcome',
      'result',
      '--positive',
      'Won',
      '--folds',
      '5',
      '--json',
    );
    expect(json.code).toBe(0);
    const result = JSON.parse(json.stdout);
    expect(result).toMatchObject({
      rows: 400,
      model: { auc: expect.any(Number) },
      baselines: {
        naiveBayes: { brier: expect.any(Number) },
        baseRate: { brier: expect.any(Number) },
        logistic: { auc: expect.any(Number), calibrationSlope: expect.any(Number) },
        boostedTrees: { auc: expect.any(Number) },
      },
      perfectEce: expect.any(Number),
      versusBest: { baseline: expect.any(String), auc: { low: expect.any(Number) } },
    });
    expect(result.model.auc).toBeGreaterThan(0.7);
    const text = await winsight(
      'eval',
      '--data',
      join(dir, 'deals.csv'),
      '--outcome',
      'result',
      '--positive',
      'Won',
      '--folds',
      '5',
    );
    expect(text.stdout).toMatch(/ours \(additive \+ trees\)/);
    expect(text.stdout).toMatch(/paired on the same rows/);
    expect(result.leaks).toEqual([]);
    expect(text.stdout).not.toMatch(/may leak/);
    // a cost filled in as 0 on the deals that were lost: the eval names the column and the value
    const leaky = ['region,cost,result'];
    for (let i = 0; i < 400; i++) {
      const won = (i % 3 === 0 && i % 5 !== 0) || i % 7 === 0;
      leaky.push(
        `${['north', 'south'][i % 2]},${!won && i % 4 === 0 ? 0 : ((i * 37) % 1000) + 5},${won ? 'Won' : 'Lost'}`,
      );
    }
    writeFileSync(join(dir, 'leaky.csv'), leaky.join('\n'));
    const warned = await winsight(
      'eval',
      '--data',
      join(dir, 'leaky.csv'),
      '--outcome',
      'result',
      '--positive',
      'Won',
      '--folds',
      '5',
    );
    expect(warned.stdout).toMatch(/warning: a column may leak the outcome/);
    expect(warned.stdout).toContain('"cost": rows with "0" win 0.0 %');
    expect(warned.stdout).toContain('--drop "cost"');
    // costs of lost deals that are round figures in another currency, converted at 0.68 (294,117.65 =
    // 200,000 / 0.68): the eval names the column, the factor and an example
    const converted = ['region,cost,result'];
    for (let i = 0; i < 400; i++) {
      const won = (i % 3 === 0 && i % 5 !== 0) || i % 7 === 0;
      const cost = !won && i % 2 === 0 ? (((i % 9) + 1) * 100_000) / 0.68 : ((i * 7919) % 100_000) + 1_234.56;
      converted.push(`${['north', 'south'][i % 2]},${cost.toFixed(2)},${won ? 'Won' : 'Lost'}`);
    }
    writeFileSync(join(dir, 'converted.csv'), converted.join('\n'));
    const convertedArgs = ['--data', join(dir, 'converted.csv'), '--outcome', 'result', '--positive', 'Won'];
    const conversion = await winsight('eval', ...convertedArgs, '--folds', '5');
    expect(conversion.stdout).toMatch(/warning: a column may leak the outcome/);
    expect(conversion.stdout).toContain(
      '"cost": amounts that are whole multiples of 100,000 after multiplying by 0.68 (dividing by 1.4706',
    );
    // the band counts ours chooses from: whole numbers, refused clearly otherwise
    const banded = JSON.parse(
      (await winsight('eval', ...convertedArgs, '--folds', '5', '--bands', '10,20', '--json')).stdout,
    );
    for (const choice of banded.choices) expect([10, 20]).toContain(choice.bands);
    expect(banded.leaks[0]).toMatchObject({ column: 'cost', factor: 0.68 });
    expect((await winsight('eval', ...convertedArgs, '--bands', '10,one')).stderr).toMatch(/--bands: a whole number/);
    expect(
      (await winsight('eval', '--data', join(dir, 'ragged.csv'), '--outcome', 'result', '--positive', 'Won')).stderr,
    ).toMatch(/line 3 has 2/);
    expect(
      (await winsight('eval', '--data', join(dir, 'deals.csv'), '--outcome', 'status', '--positive', 'Won')).stderr,
    ).toMatch(/no column named "status"/);
    expect(
      (await winsight('eval', '--data', join(dir, 'missing.csv'), '--outcome', 'result', '--positive', 'Won')).stderr,
    ).toMatch(/cannot read/);
    expect(
      (
        await winsight(
          'eval',
          '--data',
          join(dir, 'deals.csv'),
          '--outcome',
          'result',
          '--positive',
          'Won',
          '--folds',
          'ten',
        )
      ).code,
    ).toBe(1);
    // the learning curve of a dated file: ours and every baseline, trained on the first rows to close
    const dated = ['closed,region,size,result'];
    for (let i = 0; i < 400; i++)
      dated.push(
        `2024-${String(1 + Math.floor(i / 40)).padStart(2, '0')}-15,${['north', 'south'][i % 2]},${(i * 37) % 100},${(i % 2 === 0 && (i * 37) % 100 > 30) || i % 7 === 0 ? 'Won' : 'Lost'}`,
      );
    writeFileSync(join(dir, 'dated.csv'), dated.join('\n'));
    const curve = await winsight(
      'eval',
      ...['--data', join(dir, 'dated.csv'), '--outcome', 'result', '--positive', 'Won', '--curve', '--date', 'closed'],
      '--json',
    );
    expect(curve.code).toBe(0);
    const points = JSON.parse(curve.stdout).curve as Array<{
      trainedOn: number;
      model: { auc: number };
      boostedTrees: object;
    }>;
    expect(points.map((p) => p.trainedOn)).toEqual([25, 50, 100, 200]);
    expect(points.at(-1)!.model.auc).toBeGreaterThan(0.8);
    expect(points.every((p) => 'brier' in p.boostedTrees)).toBe(true);
    expect(
      (
        await winsight(
          'eval',
          '--data',
          join(dir, 'dated.csv'),
          '--outcome',
          'result',
          '--positive',
          'Won',
          '--curve',
          '--date',
          'when',
        )
      ).stderr,
    ).toMatch(/--curve: no column named "when"/);
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads the demo workspace once and refuses a second time', async () => {
    const first = await winsight('seed-demo', '--as-of', '2026-11-26');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('manager1@demo.example.com');
    expect(first.stdout).toContain('password: winsight-demo');
    const second = await winsight('seed-demo');
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/already exists/);
    const org = await winsight('eval', '--org', 'Northwind Demo', '--folds', '5', '--json');
    expect(org.code).toBe(0);
    const result = JSON.parse(org.stdout);
    expect(result.rows).toBeGreaterThan(150);
    expect(result.model.auc).toBeGreaterThan(result.stage.auc);
    expect(result.seller.rows).toBeGreaterThan(50);
    expect(result.curve).toBeUndefined();
    // the learning curve: the first 25, 50, 100 ... deals to close, each tested on the next ones
    const curve = await winsight('eval', '--org', 'Northwind Demo', '--folds', '5', '--curve', '--json');
    const points = JSON.parse(curve.stdout).curve as Array<{ trainedOn: number; testedOn: number }>;
    expect(points.map((p) => p.trainedOn)).toEqual([25, 50, 100].concat(points.length > 3 ? [200] : []));
    expect(points.every((p) => p.testedOn >= 20)).toBe(true);
    const text = await winsight('eval', '--org', 'Northwind Demo', '--folds', '5', '--curve');
    expect(text.stdout).toMatch(/learning curve: trained on the first deals to close/);
    expect((await winsight('eval', '--data', 'x.csv', '--outcome', 'r', '--positive', 'W', '--curve')).stderr).toMatch(
      /--curve: name the column that dates each row with --date/,
    );
    expect((await winsight('eval', '--org', 'Nobody Inc')).stderr).toMatch(/no organization/);
  });

  it('reassess recomputes every stored assessment, filling the missing ones', async () => {
    const { createDb } = await import('../db/database.ts');
    const handle = createDb(databaseUrl);
    const count = async (table: 'opportunities' | 'assessments') =>
      Number(
        (
          await handle.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    try {
      const opportunities = await count('opportunities');
      expect(await count('assessments')).toBe(opportunities);
      const lost = await handle.db
        .selectFrom('assessments')
        .select('opportunity_id')
        .orderBy('opportunity_id')
        .limit(40)
        .execute();
      await handle.db
        .deleteFrom('assessments')
        .where(
          'opportunity_id',
          'in',
          lost.map((r) => r.opportunity_id),
        )
        .execute();
      expect(await count('assessments')).toBe(opportunities - 40);

      const result = await winsight('reassess', '--org', 'northwind demo');
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/Northwind Demo: \d+ opportunities reassessed/);
      expect(await count('assessments')).toBe(opportunities);
      expect((await winsight('reassess', '--org', 'Nobody Inc')).stderr).toMatch(
        /no organization named or with id "Nobody Inc"/,
      );
    } finally {
      await handle.close();
    }
  });
});
