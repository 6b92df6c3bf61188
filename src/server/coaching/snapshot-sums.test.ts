import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DANGER_ZONE_RULES } from '../../domain/assessment/catalog.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { createTestDb } from '../../testing/test-db.ts';
import { createDemoTestApp, type TestContext } from '../../testing/test-app.ts';
import { openFiguresOn, type OwnerOpen } from './scorecard.repo.ts';
import { snapshotDays, takeSnapshot } from '../forecast/index.ts';

// A day's snapshot is kept twice: a row per open deal, and its sums per seller and zone set that a
// scorecard reads (twelve weeks of every seller's trend). The sums must say what the deals' rows
// say, however the snapshot was taken (replayed for the demo's past, taken tonight, taken again),
// and a database migrated with snapshots already kept gets their sums.

const ZONE_IDS = DANGER_ZONE_RULES.map((z) => z.id);

type SnapshotRow = {
  day: string;
  owner_id: string;
  zone_ids: string;
  coverage_index: number | null;
  seller_probability: number | null;
  win_probability: number | null;
};

/** The sums as the deals' own rows add up, seller by seller (rounded: sums of reals). */
function fromRows(rows: readonly SnapshotRow[]) {
  const owners = new Map<string, SnapshotRow[]>();
  for (const row of rows) owners.set(row.owner_id, [...(owners.get(row.owner_id) ?? []), row]);
  return [...owners]
    .map(([ownerId, own]) => {
      const withSeller = own.filter((r) => r.seller_probability !== null && r.win_probability !== null);
      return {
        ownerId,
        deals: own.length,
        coverageSum: own.every((r) => r.coverage_index !== null)
          ? round(own.reduce((sum, r) => sum + r.coverage_index!, 0))
          : null,
        zoneCounts: Object.fromEntries(
          ZONE_IDS.map((id) => [id, own.filter((r) => (JSON.parse(r.zone_ids) as string[]).includes(id)).length]),
        ),
        withSellerFigure: withSeller.length,
        sellerGapSum: round(withSeller.reduce((sum, r) => sum + r.seller_probability! - r.win_probability! * 100, 0)),
      };
    })
    .sort((a, b) => a.ownerId.localeCompare(b.ownerId));
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;
const tidy = (figures: readonly OwnerOpen[]) =>
  figures
    .map(({ ownerId, deals, coverageSum, zoneCounts, withSellerFigure, sellerGapSum }) => ({
      ownerId,
      deals,
      coverageSum: coverageSum === null ? null : round(coverageSum),
      zoneCounts,
      withSellerFigure,
      sellerGapSum: round(sellerGapSum),
    }))
    .sort((a, b) => a.ownerId.localeCompare(b.ownerId));

describe('a snapshot’s sums per seller', () => {
  let ctx: TestContext;
  let orgId: string;
  const rowsOf = async (day: string) =>
    (
      await sql<SnapshotRow>`select day, owner_id, zone_ids, coverage_index, seller_probability, win_probability
        from opportunity_snapshots where org_id = ${orgId} and day = ${day}`.execute(ctx.deps.db)
    ).rows;

  beforeAll(async () => {
    ctx = await createDemoTestApp({ today: '2026-11-20' });
    orgId = (await ctx.deps.db.selectFrom('organizations').select('id').executeTakeFirstOrThrow()).id;
  });
  afterAll(() => ctx.close());

  it('say what the deals’ rows say on every day of the demo’s replayed past and today', async () => {
    const days = await snapshotDays(ctx.deps.db, orgId, '2000-01-01', '2100-01-01');
    expect(days.length).toBeGreaterThan(10);
    const kept = await openFiguresOn(ctx.deps.db, orgId, days, ZONE_IDS);
    let zoned = 0;
    for (const day of days) {
      const rows = await rowsOf(day);
      zoned += rows.filter((r) => r.zone_ids !== '[]').length;
      expect(tidy(kept.filter((k) => k.day === day)), day).toEqual(fromRows(rows));
    }
    // the comparison means something: the demo's deals carry zones and seller figures
    expect(zoned).toBeGreaterThan(100);
    expect(kept.some((k) => k.withSellerFigure > 0 && k.coverageSum !== null)).toBe(true);
  });

  it('take in a deal opened after the day’s first snapshot when the day is taken again', async () => {
    const day = '2026-11-21';
    await takeSnapshot(ctx.deps.db, orgId, day);
    const before = await openFiguresOn(ctx.deps.db, orgId, [day], ZONE_IDS);
    const deal = await ctx.deps.db
      .selectFrom('opportunities')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('status', '=', 'open')
      .executeTakeFirstOrThrow();
    // a deal that was not open at the first taking: a copy under a new id
    await ctx.deps.db
      .insertInto('opportunities')
      .values({ ...deal, id: 'late-deal', name: 'Opened this evening' })
      .execute();
    await takeSnapshot(ctx.deps.db, orgId, day);
    const after = await openFiguresOn(ctx.deps.db, orgId, [day], ZONE_IDS);
    const dealsOf = (figures: readonly OwnerOpen[]) => figures.find((f) => f.ownerId === deal.owner_id)?.deals ?? 0;
    expect(dealsOf(after)).toBe(dealsOf(before) + 1);
    expect(tidy(after)).toEqual(fromRows(await rowsOf(day)));
  });
});

describe('migration 0028', () => {
  it('sums the snapshots already kept', async () => {
    const handle = await createTestDb({ upTo: '0026_assignment_diagnosis' });
    try {
      const db = handle.db;
      const at = '2026-11-20T09:00:00.000Z';
      await sql`insert into organizations (id, name, created_at) values ('org', 'Org', ${at})`.execute(db);
      await sql`insert into users (id, org_id, email, name, role, created_at, updated_at)
        values ('u', 'org', 'u@org.test', 'U', 'seller', ${at}, ${at})`.execute(db);
      await sql`insert into stages (id, org_id, name, position, probability, created_at, updated_at)
        values ('s', 'org', 'Stage', 1, 10, ${at}, ${at})`.execute(db);
      await sql`insert into accounts (id, org_id, owner_id, name, relationship, created_by, updated_by, created_at,
          updated_at, version) values ('a', 'org', 'u', 'Acme', 'new', 'u', 'u', ${at}, ${at}, 1)`.execute(db);
      for (const id of ['o1', 'o2', 'o3'])
        await sql`insert into opportunities (id, org_id, account_id, owner_id, name, amount_minor, currency,
            expected_close_date, stage_id, status, forecast_category, deal_type, created_by, updated_by, created_at,
            updated_at, version)
          values (${id}, 'org', 'a', 'u', ${id}, 1, 'EUR', '2027-01-01', 's', 'open', 'pipeline', 'new_logo',
            'u', 'u', ${at}, ${at}, 1)`.execute(db);
      // two days; on the first, one deal predates coverage (kept before migration 0021)
      for (const [day, id, zones, coverage, seller, win] of [
        ['2026-11-01', 'o1', '["DZ-01"]', null, 60, 0.4],
        ['2026-11-01', 'o2', '["DZ-01"]', 0.5, null, 0.3],
        ['2026-11-08', 'o1', '["DZ-01","DZ-03"]', 0.25, 50, 0.45],
        ['2026-11-08', 'o2', '[]', 0.5, null, 0.3],
        ['2026-11-08', 'o3', '["DZ-03"]', 0.75, 20, 0.1],
      ] as const)
        await sql`insert into opportunity_snapshots (org_id, day, opportunity_id, owner_id, amount_minor, currency,
            expected_close_date, forecast_category, stage_probability, seller_probability, win_probability, zone_ids,
            coverage_index)
          values ('org', ${day}, ${id}, 'u', 1, 'EUR', '2027-01-01', 'pipeline', 10, ${seller}, ${win}, ${zones},
            ${coverage})`.execute(db);
      await migrateToLatest(handle);
      const figures = await openFiguresOn(db, 'org', ['2026-11-01', '2026-11-08'], ['DZ-01', 'DZ-03']);
      expect(
        figures
          .map((f) => ({ ...f, coverageSum: f.coverageSum === null ? null : round(f.coverageSum) }))
          .sort((a, b) => a.day.localeCompare(b.day)),
      ).toEqual([
        {
          day: '2026-11-01',
          ownerId: 'u',
          deals: 2,
          coverageSum: null,
          zoneCounts: { 'DZ-01': 2, 'DZ-03': 0 },
          withSellerFigure: 1,
          sellerGapSum: 20,
        },
        {
          day: '2026-11-08',
          ownerId: 'u',
          deals: 3,
          coverageSum: 1.5,
          zoneCounts: { 'DZ-01': 1, 'DZ-03': 2 },
          withSellerFigure: 2,
          sellerGapSum: 15,
        },
      ]);
    } finally {
      await handle.close();
    }
  });
});
