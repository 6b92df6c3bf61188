import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Scorecard, TeamCoaching } from '../../contract/scorecard.ts';
import type { EffectivenessReport } from '../../contract/impact.ts';
import { addDays } from '../../domain/dates.ts';
import { DEMO_PASSWORD } from '../demo/index.ts';
import { createDemoTestApp, signIn, type Caller, type TestContext } from '../../testing/test-app.ts';
import { recordGapSightings } from './index.ts';

// When a seller's gap was first seen: the demo's weekly passes and each nightly pass read every
// seller's gaps as their scorecards do; a scorecard and the team view say since when a gap has stood,
// and the manager's effectiveness measures the days from it to the assignment made for it.

let ctx: TestContext;
let manager: Caller;
let seller: Caller;
let admin: Caller;
let orgId: string;

beforeAll(async () => {
  ctx = await createDemoTestApp({ today: '2026-11-20' });
  [manager, seller, admin] = await Promise.all([
    signIn(ctx.app, 'manager1@demo.example.com', DEMO_PASSWORD),
    signIn(ctx.app, 'seller1@demo.example.com', DEMO_PASSWORD),
    signIn(ctx.app, 'admin@demo.example.com', DEMO_PASSWORD),
  ]);
  orgId = (await ctx.deps.db.selectFrom('organizations').select('id').executeTakeFirstOrThrow()).id;
});
afterAll(() => ctx.close());

const today = () => ctx.deps.now().toISOString().slice(0, 10);
const sightings = () =>
  ctx.deps.db.selectFrom('coaching_gap_sightings').selectAll().where('org_id', '=', orgId).orderBy('id').execute();

type Kept = { seller_id: string; rule: string; indicator_key: string | null; zone_id: string | null };
const keyOf = (s: Kept) => `${s.seller_id} ${s.rule} ${s.indicator_key} ${s.zone_id}`;

/** Every seller's gaps as the organization's team view shows them. */
async function shownGaps(caller: Caller): Promise<string[]> {
  const team = (await caller.get('/api/coaching/team')).json<TeamCoaching>();
  return team.sellers.flatMap((s) =>
    s.flags.map((f) => keyOf({ seller_id: s.id, rule: f.rule, indicator_key: f.indicator, zone_id: f.zoneId })),
  );
}

describe('a gap’s sightings', () => {
  it('say on the team view and the scorecard since when each gap has stood', async () => {
    const team = (await manager.get('/api/coaching/team')).json<TeamCoaching>();
    const flags = team.sellers.flatMap((s) => s.flags.map((f) => ({ ...f, sellerId: s.id })));
    expect(flags.length).toBeGreaterThan(0);
    // every gap standing today was seen by the demo's pass of today, some of them weeks before
    expect(flags.every((f) => f.since !== null && f.since <= today())).toBe(true);
    expect(flags.some((f) => f.since! < addDays(today(), -7))).toBe(true);
    // each one the first day of the seller's standing sighting of that gap
    const kept = await sightings();
    for (const f of flags) {
      const standing = kept.filter(
        (s) =>
          s.seller_id === f.sellerId &&
          s.rule === f.rule &&
          s.indicator_key === f.indicator &&
          s.zone_id === f.zoneId &&
          s.last_seen === today(),
      );
      expect(standing.map((s) => s.first_seen)).toEqual([f.since]);
    }
    const flagged = team.sellers.find((s) => s.flags.length > 0)!;
    const card = (await manager.get(`/api/coaching/sellers/${flagged.id}/scorecard`)).json<Scorecard>();
    expect(card.flags.map((f) => [f.rule, f.since])).toEqual(flagged.flags.map((f) => [f.rule, f.since]));
  });

  it('are carried, not doubled, by a second pass the same night, and follow the gaps the next night', async () => {
    const before = await sightings();
    expect(before.length).toBeGreaterThan(0);
    await recordGapSightings(ctx.deps, orgId, today());
    expect(await sightings()).toEqual(before);

    ctx.clock.advance(24 * 3_600_000);
    try {
      await recordGapSightings(ctx.deps, orgId, today());
      const after = await sightings();
      // tonight's sightings are the gaps the team view shows tonight, each once
      const shown = await shownGaps(admin);
      expect(
        after
          .filter((s) => s.last_seen === today())
          .map(keyOf)
          .sort(),
      ).toEqual(shown.sort());
      // a gap standing last night too keeps its sighting and its first day
      const lastNight = before.filter((s) => s.last_seen === addDays(today(), -1));
      const carried = lastNight.filter((s) => shown.includes(keyOf(s)));
      expect(carried.length).toBeGreaterThan(0);
      for (const s of carried)
        expect(after.find((a) => a.id === s.id)).toMatchObject({ first_seen: s.first_seen, last_seen: today() });
    } finally {
      ctx.clock.advance(-24 * 3_600_000);
    }
  });

  it('measure the days from a gap’s first sighting to the assignment made for it', async () => {
    const report = (await manager.get('/api/coaching/effectiveness?period=2026-Q4')).json<EffectivenessReport>();
    const wait = report.daysToAssignment;
    expect(wait.assignments).toBe(wait.fromGap + wait.fromDiagnosis);
    expect(wait.assignments + wait.unmeasured).toBe(report.assignedInPeriod);
  });

  it('show a seller their own gaps’ days, and nobody else’s', async () => {
    const self = (await seller.get('/api/auth/session')).json<{ user: { id: string } }>().user.id;
    const own = await seller.get(`/api/coaching/sellers/${self}/scorecard`);
    expect(own.statusCode, own.body).toBe(200);
    expect((await seller.get('/api/coaching/team')).statusCode).toBe(403);
  });
});
