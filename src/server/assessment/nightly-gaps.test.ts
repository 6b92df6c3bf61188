import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TeamCoaching } from '../../contract/scorecard.ts';
import { DEMO_PASSWORD } from '../demo/index.ts';
import { createDemoTestApp, signIn, type TestContext } from '../../testing/test-app.ts';
import { refitDueModels } from './nightly.ts';

// The nightly pass reads every seller's coaching gaps after the day's snapshot: tonight's sightings
// are the gaps the team view shows tonight.

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createDemoTestApp({ today: '2026-11-20' });
});
afterAll(() => ctx.close());

it('keeps the night’s sightings of every seller’s gaps', async () => {
  ctx.clock.advance(24 * 3_600_000);
  const tonight = ctx.deps.now().toISOString().slice(0, 10);
  const warnings: object[] = [];
  await refitDueModels(ctx.deps, { info: () => {}, warn: (details) => warnings.push(details) });
  expect(warnings).toEqual([]);
  const admin = await signIn(ctx.app, 'admin@demo.example.com', DEMO_PASSWORD);
  const team = (await admin.get('/api/coaching/team')).json<TeamCoaching>();
  const shown = team.sellers.flatMap((s) => s.flags.map((f) => `${s.id} ${f.rule} ${f.indicator} ${f.zoneId}`));
  expect(shown.length).toBeGreaterThan(0);
  const seen = await ctx.deps.db
    .selectFrom('coaching_gap_sightings')
    .selectAll()
    .where('last_seen', '=', tonight)
    .execute();
  expect(seen.map((s) => `${s.seller_id} ${s.rule} ${s.indicator_key} ${s.zone_id}`).sort()).toEqual(shown.sort());
  // and each says since when: some of them stood before tonight
  expect(team.sellers.flatMap((s) => s.flags).every((f) => f.since !== null && f.since <= tonight)).toBe(true);
});
