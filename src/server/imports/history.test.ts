import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ForecastAccuracy } from '../../contract/forecast.ts';
import type { BuiltinMappingName } from '../../domain/imports/builtin.ts';
import { replayDays } from '../../domain/forecast/replay.ts';
import { statementCounter } from '../../testing/statements.ts';
import { createTestApp, type TestContext } from '../../testing/test-app.ts';
import { buildWorkspace, type Workspace } from '../../testing/workspace.ts';
import { organizationPrior, trainingExamples } from '../assessment/index.ts';
import { replayPastSnapshots } from '../forecast/index.ts';
import { runImport, type ImportReport } from './import.service.ts';
import { builtinMapping } from './mappings.ts';

// An organization that arrives with its Salesforce history sees that past in the forecast's
// accuracy (its snapshots replayed from the deals' dates and stage history) and in what the learner
// reads of each closed deal (the imported knowledge dated when it was observed, not when imported).
// The test clock starts on 2026-11-20, the day Acme is created; the fixtures' deals run from January.

let ctx: TestContext;
let ws: Workspace;
const counter = statementCounter();
const FIXTURES = join(import.meta.dirname, 'fixtures');

let dir: string;

beforeAll(async () => {
  ctx = await createTestApp({}, { plugin: counter.plugin });
  ws = await buildWorkspace(ctx);
  dir = mkdtempSync(join(tmpdir(), 'winsight-history-'));
});
afterAll(async () => {
  await ctx.close();
  rmSync(dir, { recursive: true, force: true });
});

async function importFixture(
  name: string,
  mapping: BuiltinMappingName,
  replay?: boolean,
  path = join(FIXTURES, name),
): Promise<ImportReport> {
  const report = await runImport(ctx.deps, {
    orgId: ws.acme.orgId,
    actorId: ws.acme.admin.user.id,
    path,
    fileName: name,
    mapping: builtinMapping(mapping),
    dryRun: false,
    ...(replay === undefined ? {} : { replay }),
  });
  expect(report.problems, JSON.stringify(report.problems)).toEqual([]);
  expect(report.ok).toBe(true);
  return report;
}

const FLEET = '0065g00000TqA2AAK';
const DATA_PLATFORM = '0065g00000TqA1AAK';

async function snapshotOf(externalId: string, day: string) {
  return ctx.deps.db
    .selectFrom('opportunity_snapshots')
    .innerJoin('opportunities', 'opportunities.id', 'opportunity_snapshots.opportunity_id')
    .select([
      'opportunity_snapshots.stage_probability',
      'opportunity_snapshots.win_probability',
      'opportunity_snapshots.amount_minor',
      'opportunity_snapshots.expected_close_date',
    ])
    .where('opportunity_snapshots.org_id', '=', ws.acme.orgId)
    .where('opportunity_snapshots.day', '=', day)
    .where('opportunities.external_id', '=', externalId)
    .executeTakeFirst();
}

async function snapshotRows(): Promise<{ rows: number; days: number; sums: number }> {
  const db = ctx.deps.db;
  const [rows, days, sums] = await Promise.all([
    db
      .selectFrom('opportunity_snapshots')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('org_id', '=', ws.acme.orgId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('opportunity_snapshots')
      .select((eb) => eb.fn.count<number>('day').distinct().as('n'))
      .where('org_id', '=', ws.acme.orgId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('snapshot_owner_figures')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('org_id', '=', ws.acme.orgId)
      .executeTakeFirstOrThrow(),
  ]);
  return { rows: Number(rows.n), days: Number(days.n), sums: Number(sums.n) };
}

async function stageProbability(name: string): Promise<number> {
  const stage = await ctx.deps.db
    .selectFrom('stages')
    .select('probability')
    .where('org_id', '=', ws.acme.orgId)
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
  return stage.probability;
}

describe('an imported history', () => {
  it('replays the days before the organization came, each holding the deals open at its end', async () => {
    const report = await importFixture('salesforce-opportunities.csv', 'salesforce');
    // Fleet telemetry: created Jan 12, won May 29; Warehouse pilot: created Apr 2, lost Sep 30
    expect(report.counts.replayedDays).toBeGreaterThan(0);
    expect(report.replaySeconds).toBeGreaterThan(0);
    expect(await snapshotOf('0065g00000TqA2AAK', '2026-01-01')).toBeUndefined();
    expect(await snapshotOf('0065g00000TqA2AAK', '2026-04-01')).toMatchObject({ win_probability: null });
    expect(await snapshotOf('0065g00000TqA3AAK', '2026-04-01')).toBeUndefined();
    expect(await snapshotOf('0065g00000TqA2AAK', '2026-07-01')).toBeUndefined();
    expect(await snapshotOf('0065g00000TqA3AAK', '2026-07-01')).toBeDefined();
    // the days Acme lived through are the nightly job's
    const lived = await ctx.deps.db
      .selectFrom('snapshot_owner_figures')
      .select('day')
      .where('org_id', '=', ws.acme.orgId)
      .where('day', '>=', '2026-11-20')
      .execute();
    expect(lived).toEqual([]);
  });

  it('puts each deal at the stage its history says it stood at that day', async () => {
    // the opportunity file says only how Fleet telemetry ended: it stood at the first stage
    expect((await snapshotOf('0065g00000TqA2AAK', '2026-04-01'))?.stage_probability).toBe(
      await stageProbability('Qualify'),
    );
    const report = await importFixture('salesforce-history.csv', 'salesforce-history');
    expect(report.counts.replayedDays).toBeGreaterThan(0);
    // Prospecting (Qualify) from Jan 12, Needs Analysis (Discover) from Feb 3, Proposal/Price Quote (Propose) from Mar 20
    const on = async (id: string, day: string) => (await snapshotOf(id, day))?.stage_probability;
    // Fleet telemetry: Prospecting (Qualify) from Jan 12 to close Apr 30, Proposal/Price Quote
    // (Propose) from Mar 20 to close May 29. On Feb 1 and Mar 1 it was not expected to close in the
    // first quarter: the forecast reads nothing of it there, and those older days do not keep it
    expect([await on(FLEET, '2026-02-01'), await on(FLEET, '2026-03-01'), await on(FLEET, '2026-04-01')]).toEqual([
      undefined,
      undefined,
      await stageProbability('Propose'),
    ]);
    // Data platform: Value Proposition (Solution) from Sep 14 to close Dec 18, pushed to Feb 26 on
    // Oct 2, Proposal/Price Quote (Propose) from Oct 22; Nov 12, a week before Acme came, is the
    // replayed day that keeps every open deal
    expect([
      await on(DATA_PLATFORM, '2026-09-01'),
      await on(DATA_PLATFORM, '2026-10-01'),
      await on(DATA_PLATFORM, '2026-10-08'),
      await on(DATA_PLATFORM, '2026-11-12'),
    ]).toEqual([undefined, await stageProbability('Solution'), undefined, await stageProbability('Propose')]);
  });

  it('counts every deal open on an older replayed day in its figures per seller, kept or not', async () => {
    const figures = await ctx.deps.db
      .selectFrom('snapshot_owner_figures')
      .innerJoin('users', 'users.id', 'snapshot_owner_figures.owner_id')
      .select(['snapshot_owner_figures.day', 'users.name', 'snapshot_owner_figures.deals'])
      .where('snapshot_owner_figures.org_id', '=', ws.acme.orgId)
      .where('snapshot_owner_figures.day', 'in', ['2026-02-01', '2026-10-08'])
      .orderBy('snapshot_owner_figures.day')
      .orderBy('users.name')
      .execute();
    // Feb 1: Fleet telemetry; Oct 8: Data platform (Sam), Analytics rollout (Bob, created Oct 5)
    expect(figures.map((f) => [f.day, f.name, Number(f.deals)])).toEqual([
      ['2026-02-01', 'Sam Seller', 1],
      ['2026-10-08', 'Bob Seller', 1],
      ['2026-10-08', 'Sam Seller', 1],
    ]);
    const kept = await ctx.deps.db
      .selectFrom('partial_snapshot_days')
      .select(['day', 'closing_from', 'closing_to'])
      .where('org_id', '=', ws.acme.orgId)
      .where('day', 'in', ['2026-02-01', '2026-09-01', '2026-10-29', '2026-11-12'])
      .orderBy('day')
      .execute();
    // Sep 1 keeps what may close by the end of the quarter a week later; Nov 12 is a whole day
    expect(kept).toEqual([
      { day: '2026-02-01', closing_from: '2026-01-01', closing_to: '2026-03-31' },
      { day: '2026-09-01', closing_from: '2026-07-01', closing_to: '2026-09-30' },
      { day: '2026-10-29', closing_from: '2026-10-01', closing_to: '2026-12-31' },
    ]);
  });

  it("gives the forecast's accuracy the calls of the imported past against what was won", async () => {
    const accuracy = (
      await ws.acme.admin.as.get('/api/forecast/accuracy?kind=quarter&periods=4')
    ).json<ForecastAccuracy>();
    const q2 = accuracy.periods.find((p) => p.key === '2026-Q2')!;
    expect(q2).toMatchObject({ isOver: true, asOf: '2026-04-01' });
    expect(q2.actual).toBe(6_250_000);
    expect(q2.calls!.stage).toBeGreaterThan(0);
    expect(q2.accuracy!.stage).toBeGreaterThan(0);
    expect(q2.trend.map((t) => t.day)).toEqual(['2026-04-01', '2026-05-01', '2026-06-01']);
    expect(accuracy.summary.map((s) => s.method)).toContain('stage');
  });

  it('replays again on a re-import, replacing the days rather than adding to them', async () => {
    const before = await snapshotRows();
    expect(before.rows).toBeGreaterThan(0);
    await importFixture('salesforce-opportunities.csv', 'salesforce');
    await importFixture('salesforce-history.csv', 'salesforce-history');
    expect(await snapshotRows()).toEqual(before);
  });

  it('leaves the past as it was when asked not to replay it', async () => {
    await ctx.deps.db.deleteFrom('opportunity_snapshots').where('org_id', '=', ws.acme.orgId).execute();
    await ctx.deps.db.deleteFrom('snapshot_owner_figures').where('org_id', '=', ws.acme.orgId).execute();
    const report = await importFixture('salesforce-opportunities.csv', 'salesforce', false);
    expect(report.counts.replayedDays).toBe(0);
    expect(await snapshotRows()).toEqual({ rows: 0, days: 0, sums: 0 });
  });

  it('replays with a few statements a day, however many deals it holds', async () => {
    counter.take();
    const result = await replayPastSnapshots(ctx.deps, ws.acme.orgId);
    const statements = counter.take().length;
    const days = replayDays('2026-01-12', '2026-11-19').length;
    expect(result.days).toBeGreaterThan(0);
    // its reads (organization, first deal, changes, stages), three deletes, the table of the values
    // the deals' history says differ from now (opened, filled with one statement per 1,000 deals
    // and days, here a few of Fleet telemetry's, and dropped), per day one insert and the sums, and
    // the list of the days that keep only some deals
    expect(statements).toBeLessThanOrEqual(4 + 3 + 3 + Math.ceil(days / 8) * 2 + 1);
  });

  it('dates imported knowledge when it was observed, so the learner sees it on a closed deal', async () => {
    await importFixture('salesforce-contact-roles.csv', 'salesforce-contact-roles');
    const prior = await organizationPrior(ctx.deps.db, ctx.deps.caches, ws.acme.orgId);
    const examples = await trainingExamples(ctx.deps.db, ctx.deps.caches, ws.acme.orgId, prior);
    // Fleet telemetry, won on May 29: Maria Lopez was its economic buyer
    const fleet = examples.find((e) => e.closedOn === '2026-05-29')!;
    expect(fleet).toMatchObject({ won: true });
    expect(fleet.signals.ebIdentified).toBe(true);
    const facts = await ctx.deps.db
      .selectFrom('knowledge_facts')
      .innerJoin('opportunities', 'opportunities.id', 'knowledge_facts.opportunity_id')
      .select(['knowledge_facts.recorded_at', 'knowledge_facts.observed_at'])
      .where('opportunities.external_id', '=', '0065g00000TqA2AAK')
      .execute();
    expect(facts.length).toBeGreaterThan(0);
    for (const f of facts) expect(f.recorded_at).toBe(`${f.observed_at}T00:00:00.000Z`);
  });
});

describe("an imported history of a deal's amount and close date", () => {
  // Port upgrade: created Dec 1 2025 at $40,000.00 to close Mar 31; on Mar 15 raised to $55,000.00
  // and pushed to Jun 30 (the same stage: a row of its own); won on Jun 30 for $55,000.00
  const OPPORTUNITIES = [
    'Opportunity ID,Opportunity Name,Account Name,Amount,Close Date,Stage,Probability (%),Opportunity Owner,Type,Lead Source,Created Date,Won,Closed',
    '0065g00000TqB1AAK,Port upgrade,Kestrel Foods,"$55,000.00",6/30/2026,Closed Won,100,Bob Seller,New Business,Web,12/1/2025,1,1',
  ];
  const HISTORY = [
    'Opportunity ID,Stage,Amount,Probability (%),Close Date,Last Modified Date',
    '0065g00000TqB1AAK,Prospecting,"$40,000.00",10,3/31/2026,12/1/2025',
    '0065g00000TqB1AAK,Prospecting,"$55,000.00",10,6/30/2026,3/15/2026',
    '0065g00000TqB1AAK,Closed Won,"$55,000.00",100,6/30/2026,6/30/2026',
  ];

  it('replays each past day with the amount and close date the deal had then', async () => {
    const opportunities = join(dir, 'port-opportunities.csv');
    const history = join(dir, 'port-history.csv');
    writeFileSync(opportunities, OPPORTUNITIES.join('\n'));
    writeFileSync(history, HISTORY.join('\n'));
    await importFixture('port-opportunities.csv', 'salesforce', false, opportunities);
    // without its history the past shows the deal as it is now: to close on Jun 30, so the days of
    // the first quarter, which keep only the deals expected to close in it, do not hold it
    await replayPastSnapshots(ctx.deps, ws.acme.orgId);
    expect(await snapshotOf('0065g00000TqB1AAK', '2026-04-01')).toMatchObject({
      amount_minor: 5_500_000,
      expected_close_date: '2026-06-30',
    });
    expect(await snapshotOf('0065g00000TqB1AAK', '2026-03-01')).toBeUndefined();
    const report = await importFixture('port-history.csv', 'salesforce-history', undefined, history);
    expect(report.counts.replayedDays).toBeGreaterThan(0);
    const on = async (day: string) => {
      const row = await snapshotOf('0065g00000TqB1AAK', day);
      return row && [Number(row.amount_minor), row.expected_close_date];
    };
    expect([await on('2026-01-01'), await on('2026-03-01'), await on('2026-04-01')]).toEqual([
      [4_000_000, '2026-03-31'],
      [4_000_000, '2026-03-31'],
      [5_500_000, '2026-06-30'],
    ]);
  });

  it("gives the accuracy of a past period the call its deals' amounts and close dates made then", async () => {
    const accuracy = (
      await ws.acme.admin.as.get('/api/forecast/accuracy?kind=quarter&periods=5')
    ).json<ForecastAccuracy>();
    // on Jan 1 the deal was to close in the first quarter, for $40,000.00 at the first stage: it
    // slipped, so the quarter was called and not won (today's close date would put it in none)
    const q1 = accuracy.periods.find((p) => p.key === '2026-Q1')!;
    expect(q1).toMatchObject({ isOver: true, asOf: '2026-01-01', actual: 0 });
    expect(q1.calls!.stage).toBe(Math.round((4_000_000 * (await stageProbability('Qualify'))) / 100));
    expect(q1.trend.map((t) => t.calls.stage)).toEqual([q1.calls!.stage, q1.calls!.stage, q1.calls!.stage]);
    // on Apr 1 it was to close in the second quarter for $55,000.00, and was won in it
    const q2 = accuracy.periods.find((p) => p.key === '2026-Q2')!;
    expect(q2.actual).toBe(6_250_000 + 5_500_000);
  });

  it('shows a deal whose currency changed since at its amount now: its past amounts were in another currency', async () => {
    const deal = await ctx.deps.db
      .selectFrom('opportunities')
      .select('id')
      .where('org_id', '=', ws.acme.orgId)
      .where('external_id', '=', '0065g00000TqB1AAK')
      .executeTakeFirstOrThrow();
    // as the app records a change of currency
    await ctx.deps.db
      .insertInto('audit_events')
      .values({
        id: 'port-upgrade-currency',
        org_id: ws.acme.orgId,
        entity_type: 'opportunity',
        entity_id: deal.id,
        action: 'update',
        actor_id: ws.acme.admin.user.id,
        at: '2026-11-20T10:00:00.000Z',
        changes: JSON.stringify([{ field: 'currency', from: 'EUR', to: 'USD' }]),
      })
      .execute();
    await replayPastSnapshots(ctx.deps, ws.acme.orgId);
    const row = await snapshotOf('0065g00000TqB1AAK', '2026-03-01');
    expect([Number(row!.amount_minor), row!.expected_close_date]).toEqual([5_500_000, '2026-03-31']);
  });
});
