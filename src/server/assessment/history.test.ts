import { sql } from 'kysely';
import { DANGER_ZONE_RULES } from '../../domain/assessment/catalog.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssessmentHistory, PastAssessment } from '../../contract/assessment.ts';
import type { Opportunity } from '../../contract/opportunities.ts';
import type { User } from '../../contract/users.ts';
import { createTestApp, signIn, type TestContext } from '../../testing/test-app.ts';
import { buildWorkspace, TEST_PASSWORD, type Workspace } from '../../testing/workspace.ts';
import { reassessDeals } from './model.service.ts';
import { refitDueModels } from './nightly.ts';

let ctx: TestContext;
let ws: Workspace;
let deal: Opportunity;

beforeAll(async () => {
  ctx = await createTestApp();
  ws = await buildWorkspace(ctx);
  deal = ws.books.sellerA1.opportunity;
});
afterAll(() => ctx.close());

const history = async (id = deal.id) => {
  const response = await ws.acme.sellerA1.as.get(`/api/opportunities/${id}/assessment/history`);
  expect(response.statusCode).toBe(200);
  return response.json<AssessmentHistory>().points;
};
const count = async (id = deal.id) =>
  Number(
    (
      await ctx.handle.db
        .selectFrom('assessment_history')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('opportunity_id', '=', id)
        .executeTakeFirstOrThrow()
    ).n,
  );
/** Moves the stored figure by hand, so that the next recompute surely moves it back (and is kept). */
const nudge = (id = deal.id) =>
  ctx.handle.db.updateTable('assessments').set({ win_probability: 0.001 }).where('opportunity_id', '=', id).execute();
const fresh = async (id: string) => (await ws.acme.sellerA1.as.get(`/api/opportunities/${id}`)).json<Opportunity>();

describe('the database keeps a point whenever a stored assessment visibly moves', () => {
  it('keeps a deal’s first assessment, naming who opened it', async () => {
    const points = await history();
    expect(points).toHaveLength(1);
    expect(points[0]!.cause).toEqual({ kind: 'created', text: 'Opened by Sam Seller' });
    expect(points[0]!.winProbability).toBeGreaterThan(0);
  });

  it('adds nothing for a recompute that changes nothing a person would see', async () => {
    const before = await count();
    await reassessDeals(ctx.deps, ws.acme.orgId, 'all', { kind: 'nightly' });
    await reassessDeals(ctx.deps, ws.acme.orgId, 'all', { kind: 'nightly' });
    // below a tenth of a point, or a new time alone
    await ctx.handle.db
      .updateTable('assessments')
      .set((eb) => ({
        win_probability: sql`${eb.ref('win_probability')} + 0.0001`,
        computed_at: ctx.deps.now().toISOString(),
      }))
      .where('opportunity_id', '=', deal.id)
      .execute();
    expect(await count()).toBe(before);
  });

  it('adds a point when the probability, the band or the zones move', async () => {
    const before = await count();
    await ctx.handle.db
      .updateTable('assessments')
      .set((eb) => ({ win_probability: sql`${eb.ref('win_probability')} + 0.01` }))
      .where('opportunity_id', '=', deal.id)
      .execute();
    await ctx.handle.db
      .updateTable('assessments')
      .set({ zone_ids: '["DZ-21"]' })
      .where('opportunity_id', '=', deal.id)
      .execute();
    expect(await count()).toBe(before + 2);
  });

  it('one statement storing many assessments keeps a point for each that moved, with its own figures, and none for the rest', async () => {
    const other = ws.books.sellerB1.opportunity.id;
    await reassessDeals(ctx.deps, ws.acme.orgId, 'all', { kind: 'nightly' });
    await nudge();
    const [mine, theirs] = [await count(), await count(other)];
    await reassessDeals(ctx.deps, ws.acme.orgId, 'all', { kind: 'nightly' });
    expect([await count(), await count(other)]).toEqual([mine + 1, theirs]);
    const stored = await ctx.handle.db
      .selectFrom('assessments')
      .select(['win_probability', 'zone_ids'])
      .where('opportunity_id', '=', deal.id)
      .executeTakeFirstOrThrow();
    const latest = await ctx.handle.db
      .selectFrom('assessment_history')
      .select(['win_probability', 'zone_ids', 'cause'])
      .where('opportunity_id', '=', deal.id)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(latest).toMatchObject({ ...stored, cause: JSON.stringify({ kind: 'nightly' }) });
  });
});

describe('each cause reaches the history in words', () => {
  const last = async (id = deal.id) => (await history(id)).at(-1)!;

  it('a fact logged, naming the field and the person', async () => {
    const d = await fresh(deal.id);
    const logged = await ws.acme.sellerA1.as.post(`/api/opportunities/${deal.id}/knowledge/log`, {
      version: d.version,
      summary: 'Call',
      source: 'buyer_stated',
      contactId: ws.books.sellerA1.contact.id,
      observedAt: '2026-11-20',
      facts: [
        { kind: 'funding', field: 'budgetStatus', value: 'identified_not_approved', said: "In next year's plan" },
      ],
    });
    expect(logged.statusCode).toBe(200);
    expect((await last()).cause).toEqual({ kind: 'knowledge', text: 'Budget status logged by Sam Seller' });
  });

  it('a change of the deal’s own fields', async () => {
    await nudge();
    const d = await fresh(deal.id);
    const changed = await ws.acme.sellerA1.as.patch(`/api/opportunities/${deal.id}`, {
      amountMinor: d.amountMinor * 3,
      version: d.version,
    });
    expect(changed.statusCode).toBe(200);
    expect((await last()).cause).toEqual({ kind: 'change', text: 'Amount changed by Sam Seller' });
  });

  it('a danger-zone rule retuned', async () => {
    await nudge();
    const off = await ws.acme.admin.as.patch('/api/danger-zones/DZ-22', { enabled: false, version: 0 });
    expect(off.statusCode).toBe(200);
    const name = DANGER_ZONE_RULES.find((r) => r.id === 'DZ-22')!.name;
    expect((await last()).cause).toEqual({ kind: 'rule', text: `Rule “${name}” retuned` });
  });

  it('the nightly pass, and a refit', async () => {
    // ten closed deals with wins and losses are what a model needs
    const seller = ws.acme.sellerA2.as;
    for (let i = 0; i < 12; i += 1) {
      const created = await seller.post('/api/opportunities', {
        name: `Closed ${i}`,
        accountId: ws.books.sellerA2.account.id,
        amountMinor: 1000 * (i + 1),
        currency: 'USD',
        expectedCloseDate: '2026-10-01',
        status: i % 2 === 0 ? 'won' : 'lost',
        closedDate: '2026-10-01',
      });
      expect(created.statusCode).toBe(201);
    }
    await nudge();
    const log = { info: () => undefined, warn: () => undefined };
    expect(await refitDueModels(ctx.deps, log)).toBe(1);
    const points = await history();
    const refit = points.findLast((p) => p.cause?.kind === 'refit');
    expect(refit?.cause?.text).toMatch(/^Model refitted \(fitted-\d+\)$/);
    expect(refit?.modelVersion).toMatch(/^fitted-/);
    await nudge();
    await refitDueModels(ctx.deps, log); // the model is today's: only the nightly reassessment runs
    expect((await last()).cause?.kind).toBe('nightly');
  });

  it('a reassignment, naming who made it', async () => {
    const admin = ws.acme.admin.as;
    const leaver = (
      await admin.post('/api/users', {
        email: 'leaver@acme.test',
        name: 'Lee Leaver',
        role: 'seller',
        managerId: ws.acme.managerA.user.id,
        password: TEST_PASSWORD,
      })
    ).json<User>();
    const lee = await signIn(ctx.app, 'leaver@acme.test', TEST_PASSWORD);
    const moved = (
      await lee.post('/api/opportunities', {
        name: 'Moving on',
        accountId: (await lee.post('/api/accounts', { name: 'Leaver Co' })).json().id,
        amountMinor: 5000,
        currency: 'USD',
        expectedCloseDate: '2027-01-10',
      })
    ).json<Opportunity>();
    await admin.patch(`/api/users/${leaver.id}`, { isActive: false, version: leaver.version });
    await nudge(moved.id);
    expect(
      (await admin.post(`/api/users/${leaver.id}/reassign`, { toUserId: ws.acme.sellerA1.user.id })).statusCode,
    ).toBe(200);
    expect((await last(moved.id)).cause).toEqual({ kind: 'reassignment', text: 'Deal reassigned by Ada Admin' });
  });
});

describe('the assessment as of a past day', () => {
  it('answers from the point that stood at the end of that day, and today from the latest', async () => {
    const another = ws.books.sellerA2.opportunity;
    await ctx.handle.db.deleteFrom('assessment_history').where('opportunity_id', '=', another.id).execute();
    const row = {
      org_id: ws.acme.orgId,
      opportunity_id: another.id,
      band_low: 0.1,
      band_high: 0.5,
      coverage_index: 0.2,
      top_severity: null,
      zone_ids: '[]',
      model_version: 'prior-1',
      cause: JSON.stringify({ kind: 'created', by: ws.acme.sellerA2.user.id }),
    };
    await ctx.handle.db
      .insertInto('assessment_history')
      .values([
        { ...row, at: '2026-11-01T10:00:00.000Z', win_probability: 0.2 },
        { ...row, at: '2026-11-05T23:59:59.999Z', win_probability: 0.3 },
        { ...row, at: '2026-11-06T00:00:00.000Z', win_probability: 0.4, zone_ids: '["DZ-21"]', top_severity: 'high' },
      ])
      .execute();
    const asOf = async (day: string) =>
      ws.acme.sellerA2.as.get(`/api/opportunities/${another.id}/assessment?asOf=${day}`);
    expect((await asOf('2026-11-01')).json<PastAssessment>()).toMatchObject({
      asOf: '2026-11-01',
      winProbability: 0.2,
      band: [0.1, 0.5],
      cause: { kind: 'created', text: 'Opened by Sue Seller' },
    });
    expect((await asOf('2026-11-05')).json<PastAssessment>().winProbability).toBe(0.3);
    const sixth = (await asOf('2026-11-06')).json<PastAssessment>();
    expect(sixth).toMatchObject({ winProbability: 0.4, topSeverity: 'high' });
    expect(sixth.dangerZones).toEqual([expect.objectContaining({ id: 'DZ-21', name: expect.any(String) })]);

    const before = await asOf('2026-10-31');
    expect(before.statusCode).toBe(422);
    expect(before.json().error.fields.asOf).toMatch(/2026-10-31/);
  });

  it('refuses a day that is not one, naming asOf', async () => {
    for (const bad of ['2026-02-30', 'yesterday', '2026-1-1']) {
      const response = await ws.acme.sellerA1.as.get(`/api/opportunities/${deal.id}/assessment?asOf=${bad}`);
      expect(response.statusCode, bad).toBe(400);
      expect(JSON.stringify(response.json().error.fields), bad).toContain('asOf');
    }
  });

  it('without asOf answers the live view as before', async () => {
    const live = (await ws.acme.sellerA1.as.get(`/api/opportunities/${deal.id}/assessment`)).json();
    expect(live.contributions.length).toBeGreaterThan(0);
    expect(live).not.toHaveProperty('asOf');
  });
});

describe('who may see a deal’s history', () => {
  it.each([
    ['another team’s seller', () => ws.acme.sellerB1.as],
    ['another organization', () => ws.globex.admin.as],
  ])('%s gets 404, as for the assessment itself', async (_who, caller) => {
    for (const url of ['assessment/history', 'assessment?asOf=2026-11-20']) {
      expect((await caller().get(`/api/opportunities/${deal.id}/${url}`)).statusCode, url).toBe(404);
    }
  });

  it('the manager above the seller sees it', async () => {
    expect((await ws.acme.managerA.as.get(`/api/opportunities/${deal.id}/assessment/history`)).statusCode).toBe(200);
  });
});

describe('the assessment as of a past day, after real writes on different days', () => {
  it('answers each day with what stood at its end, and refuses the day before the deal existed', async () => {
    const sam = ws.acme.sellerA1.as;
    ctx.clock.set('2026-11-23T10:00:00.000Z');
    const opened = (
      await sam.post('/api/opportunities', {
        name: 'Week of history',
        accountId: ws.books.sellerA1.account.id,
        amountMinor: 250_000,
        currency: 'USD',
        expectedCloseDate: '2027-03-31',
      })
    ).json<Opportunity>();
    ctx.clock.set('2026-11-25T15:00:00.000Z');
    const logged = await sam.post(`/api/opportunities/${opened.id}/knowledge/log`, {
      version: opened.version,
      summary: 'Call',
      source: 'buyer_stated',
      contactId: ws.books.sellerA1.contact.id,
      observedAt: '2026-11-25',
      facts: [{ kind: 'funding', field: 'budgetStatus', value: 'identified_not_approved', said: 'In the plan' }],
    });
    expect(logged.statusCode).toBe(200);
    const points = await history(opened.id);
    expect(points.map((p) => p.cause?.kind)).toEqual(['created', 'knowledge']);

    const asOf = (day: string) => sam.get(`/api/opportunities/${opened.id}/assessment?asOf=${day}`);
    for (const [day, point] of [
      ['2026-11-23', points[0]!],
      ['2026-11-24', points[0]!],
      ['2026-11-25', points[1]!],
      ['2026-12-01', points[1]!],
    ] as const) {
      const response = await asOf(day);
      expect(response.statusCode, day).toBe(200);
      expect(response.json<PastAssessment>(), day).toEqual({ opportunityId: opened.id, asOf: day, ...point });
    }
    const before = await asOf('2026-11-22');
    expect(before.statusCode).toBe(422);
    expect(before.json().error.message).toContain('2026-11-22');
  });
});
