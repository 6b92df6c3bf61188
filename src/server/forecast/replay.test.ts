import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReviewChanges } from '../../contract/review-meetings.ts';
import { addDays } from '../../domain/dates.ts';
import { nextPeriod, parsePeriod } from '../../domain/periods.ts';
import { createRandom } from '../../domain/random.ts';
import { createTestApp, type TestContext } from '../../testing/test-app.ts';
import { buildWorkspace, type Workspace } from '../../testing/workspace.ts';
import { loadMapping, runImport } from '../imports/index.ts';
import { replayPastSnapshots } from './index.ts';

// A replay keeps on its older days only the deals the forecast reads of them. What the forecast
// shows of an imported past must not tell the difference: every call, trend and waterfall of
// every period, for every scope, is the same as from a replay that kept every open deal on every
// day. Two years of deals are imported, open, won and lost, many pushed or pulled in on the way.
// The test clock starts on 2026-11-20, the day Acme is created.

let ctx: TestContext;
let ws: Workspace;
let dir: string;

const START = '2025-01-05';
const TODAY = '2026-11-20';
const OWNERS = ['Sam Seller', 'Sue Seller', 'Bob Seller'];
const OPEN_STAGES = ['Prospecting', 'Needs Analysis', 'Value Proposition', 'Proposal/Price Quote'];
const us = (date: string) => `${Number(date.slice(5, 7))}/${Number(date.slice(8, 10))}/${date.slice(0, 4)}`;
const money = (minor: number) => `"$${(minor / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}"`;

/** Salesforce opportunity and stage history reports of `deals` deals, the same for a given seed. */
function writeHistory(deals: number, seed: number): { opportunities: string; history: string } {
  const random = createRandom(seed);
  const opportunities = [
    'Opportunity ID,Opportunity Name,Account Name,Amount,Close Date,Stage,Probability (%),Opportunity Owner,Type,Lead Source,Created Date,Won,Closed',
  ];
  const history = ['Opportunity ID,Opportunity Name,Stage,Amount,Probability (%),Close Date,Last Modified Date'];
  for (let i = 0; i < deals; i++) {
    const id = `0065g00000R${String(i).padStart(4, '0')}AAK`;
    const created = addDays(START, random.int(0, 680));
    const draw = random.next();
    const closedOn = addDays(created, random.int(10, 220));
    const closed = draw < 0.55 && closedOn < TODAY;
    const won = closed && draw < 0.3;
    const close = closed ? closedOn : addDays(created, random.int(20, 420));
    const amount = random.int(5_000, 250_000) * 100;
    const stage = closed ? (won ? 'Closed Won' : 'Closed Lost') : OPEN_STAGES[random.int(0, OPEN_STAGES.length - 1)]!;
    opportunities.push(
      [
        id,
        `Deal ${i}`,
        `Account ${i % 40}`,
        money(amount),
        us(close),
        stage,
        closed ? (won ? 100 : 0) : random.int(10, 90),
        OWNERS[i % OWNERS.length],
        'New Business',
        'Web',
        us(created),
        won ? 1 : 0,
        closed ? 1 : 0,
      ].join(','),
    );
    if (random.next() < 0.4) continue;
    // first expected a while before or after the date it holds last (pulled in or pushed), for another amount
    const firstClose = addDays(close, random.int(-120, 150));
    const moved = addDays(created, random.int(1, 60));
    const row = (on: string, stageThen: string, amountThen: number, closeThen: string) =>
      history.push([id, `Deal ${i}`, stageThen, money(amountThen), 10, us(closeThen), us(on)].join(','));
    row(created, 'Prospecting', Math.round(amount * 0.8), firstClose > created ? firstClose : close);
    if (moved < TODAY && (!closed || moved < closedOn)) row(moved, 'Needs Analysis', amount, close);
    if (closed) row(closedOn, stage, amount, close);
  }
  return { opportunities: opportunities.join('\n'), history: history.join('\n') };
}

async function importFile(name: string, text: string, mapping: 'salesforce' | 'salesforce-history') {
  const path = join(dir, name);
  writeFileSync(path, text);
  const report = await runImport(ctx.deps, {
    orgId: ws.acme.orgId,
    actorId: ws.acme.admin.user.id,
    path,
    fileName: name,
    mapping: await loadMapping(mapping),
    dryRun: false,
    replay: false,
  });
  expect(report.problems, JSON.stringify(report.problems.slice(0, 3))).toEqual([]);
}

/** Everything the forecast shows of the past, for the organization, a team and a seller. */
async function whatTheForecastShows() {
  const shown: Record<string, unknown> = {};
  const quarters = ['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'];
  // 2025-11 to 2026-11
  const months: string[] = [];
  for (let month = parsePeriod('2025-11')!; months.length < 13; month = nextPeriod(month)) months.push(month.key);
  for (const [who, person] of [
    ['admin', ws.acme.admin],
    ['managerA', ws.acme.managerA],
    ['sellerB1', ws.acme.sellerB1],
  ] as const) {
    for (const kind of ['quarter', 'month'])
      shown[`${who} accuracy ${kind}`] = (
        await person.as.get(`/api/forecast/accuracy?kind=${kind}&periods=12`)
      ).json<unknown>();
    for (const period of [...quarters, ...months])
      shown[`${who} waterfall ${period}`] = (
        await person.as.get(`/api/forecast/waterfall?period=${period}`)
      ).json<unknown>();
  }
  return shown;
}

async function snapshotRows(): Promise<number> {
  const row = await ctx.deps.db
    .selectFrom('opportunity_snapshots')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('org_id', '=', ws.acme.orgId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function ownerFigures() {
  return ctx.deps.db
    .selectFrom('snapshot_owner_figures')
    .selectAll()
    .where('org_id', '=', ws.acme.orgId)
    .orderBy('day')
    .orderBy('owner_id')
    .execute();
}

beforeAll(async () => {
  ctx = await createTestApp();
  ws = await buildWorkspace(ctx);
  dir = mkdtempSync(join(tmpdir(), 'winsight-replay-'));
  const files = writeHistory(240, 7);
  await importFile('opportunities.csv', files.opportunities, 'salesforce');
  await importFile('history.csv', files.history, 'salesforce-history');
});
afterAll(async () => {
  await ctx.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a replayed past', () => {
  it('shows the forecast the same calls, trends and waterfalls as one that kept every deal on every day', async () => {
    await replayPastSnapshots(ctx.deps, ws.acme.orgId, undefined, () => null);
    const whole = { rows: await snapshotRows(), figures: await ownerFigures(), shown: await whatTheForecastShows() };
    const result = await replayPastSnapshots(ctx.deps, ws.acme.orgId);
    const kept = { rows: await snapshotRows(), figures: await ownerFigures(), shown: await whatTheForecastShows() };
    expect(result.rows).toBe(kept.rows);
    // the history makes a past worth comparing: calls in every period, deals slipping and pulled in
    const accuracy = whole.shown['admin accuracy quarter'] as { periods: Array<{ calls: { stage: number } | null }> };
    expect(accuracy.periods.filter((p) => (p.calls?.stage ?? 0) > 0).length).toBeGreaterThanOrEqual(7);
    const steps = Object.entries(whole.shown)
      .filter(([key]) => key.startsWith('admin waterfall'))
      .flatMap(([, w]) => (w as { steps: Array<{ step: string; deals: number }> | null }).steps ?? [])
      .filter((s) => s.deals > 0)
      .map((s) => s.step);
    for (const part of ['slipped', 'lost', 'wonFromStart', 'created', 'pulledIn']) expect(steps).toContain(part);
    expect(kept.shown).toEqual(whole.shown);
    expect(kept.figures).toEqual(whole.figures);
    expect(kept.rows).toBeLessThan(whole.rows / 2);
  });

  it("compares a review with a whole day's snapshot only, and says why an older day has none", async () => {
    const since = async (day: string) =>
      (await ws.acme.admin.as.get(`/api/reviews/changes?since=${day}`)).json<ReviewChanges>().baseline;
    // Acme came on Nov 20: of the days replayed, Nov 12 keeps every open deal, Nov 19 only some
    expect(await since('2026-11-19')).toEqual({ kind: 'snapshot', day: '2026-11-12' });
    expect(await since('2026-11-13')).toEqual({ kind: 'snapshot', day: '2026-11-12' });
    expect((await ws.acme.admin.as.get('/api/reviews/changes')).json<ReviewChanges>().baseline).toEqual({
      kind: 'snapshot',
      day: '2026-11-12',
    });
    const older = await since('2026-11-11');
    expect(older).toMatchObject({ kind: 'none' });
    expect(JSON.stringify(older)).toContain('only the one a week before the organization came keeps every open deal');
  });
});
