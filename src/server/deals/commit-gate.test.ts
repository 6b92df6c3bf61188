import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssessmentView } from '../../contract/assessment.ts';
import type { Opportunity } from '../../contract/opportunities.ts';
import { DANGER_ZONE_RULES } from '../../domain/assessment/catalog.ts';
import { historyActions } from '../../testing/history.ts';
import { newOpportunity, validOpportunityBody } from '../../testing/opportunities.ts';
import { createTestApp, type TestContext } from '../../testing/test-app.ts';
import { buildWorkspace, type Workspace } from '../../testing/workspace.ts';

// REFERENCE 5: a critical danger zone, or critical information missing for the forecast category,
// keeps a deal out of commit until a manager overrides it with a reason.

let ctx: TestContext;
let ws: Workspace;

beforeAll(async () => {
  ctx = await createTestApp();
  ws = await buildWorkspace(ctx);
});
afterAll(() => ctx.close());

const MISSING = 'critical information missing for the forecast category';

async function assessmentOf(deal: Opportunity): Promise<AssessmentView> {
  return (await ws.acme.admin.as.get(`/api/opportunities/${deal.id}/assessment`)).json<AssessmentView>();
}

describe('moving a deal into commit', () => {
  it('refuses a seller while something blocks it, naming what, and writes nothing', async () => {
    const deal = await newOpportunity(ws);
    const before = await ctx.handle.db
      .selectFrom('assessment_history')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('opportunity_id', '=', deal.id)
      .executeTakeFirstOrThrow();
    const response = await ws.acme.sellerA1.as.patch(`/api/opportunities/${deal.id}`, {
      forecastCategory: 'commit',
      sellerProbability: 90,
      version: deal.version,
    });
    expect(response.statusCode).toBe(422);
    const { error } = response.json<{ error: { code: string; message: string; fields: Record<string, string> } }>();
    expect(error.code).toBe('unprocessable');
    expect(error.fields.forecastCategory).toContain(MISSING);
    expect(error.fields.forecastCategory).toContain("your manager's override");
    expect(error.fields.forecastCategory).not.toMatch(/DZ-\d/);
    const now = (await ws.acme.sellerA1.as.get(`/api/opportunities/${deal.id}`)).json<Opportunity>();
    expect(now).toMatchObject({ forecastCategory: 'pipeline', sellerProbability: null, version: deal.version });
    expect(await historyActions(ws.acme.sellerA1.as, 'opportunities', deal.id)).toEqual(['create']);
    const after = await ctx.handle.db
      .selectFrom('assessment_history')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('opportunity_id', '=', deal.id)
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('refuses a seller who gives an override reason: only a manager may', async () => {
    const deal = await newOpportunity(ws);
    const response = await ws.acme.sellerA1.as.patch(`/api/opportunities/${deal.id}`, {
      forecastCategory: 'commit',
      commitOverrideReason: 'Trust me',
      version: deal.version,
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.fields).toHaveProperty('commitOverrideReason');
  });

  it("asks the seller's manager for the reason, then keeps it beside the deal while it stays in commit", async () => {
    const deal = await newOpportunity(ws);
    const manager = ws.acme.managerA.as;
    const bare = await manager.patch(`/api/opportunities/${deal.id}`, {
      forecastCategory: 'commit',
      version: deal.version,
    });
    expect(bare.statusCode).toBe(422);
    expect(bare.json().error.fields.commitOverrideReason).toContain(MISSING);

    const reason = 'The CFO signed the order form yesterday; the paperwork is in the post.';
    const overridden = await manager.patch(`/api/opportunities/${deal.id}`, {
      forecastCategory: 'commit',
      commitOverrideReason: reason,
      version: deal.version,
    });
    expect(overridden.statusCode).toBe(200);
    const committed = overridden.json<Opportunity>();
    expect(committed.forecastCategory).toBe('commit');
    const view = await assessmentOf(committed);
    expect(view.commitOverride).toMatchObject({
      reason,
      byName: 'Max Manager',
      at: expect.stringMatching(/^2026-11-20T/),
    });
    expect(view.commitOverride!.zoneIds).toContain('DZ-25');
    expect(view.commitOverride!.zoneIds.every((id) => view.dangerZones.some((z) => z.id === id))).toBe(true);

    // an unrelated change keeps it; leaving commit drops it
    const renamed = (
      await manager.patch(`/api/opportunities/${deal.id}`, { name: 'Renamed', version: committed.version })
    ).json<Opportunity>();
    expect((await assessmentOf(renamed)).commitOverride?.reason).toBe(reason);
    const back = await manager.patch(`/api/opportunities/${deal.id}`, {
      forecastCategory: 'best_case',
      version: renamed.version,
    });
    expect(back.statusCode).toBe(200);
    expect((await assessmentOf(back.json<Opportunity>())).commitOverride).toBeNull();
  });

  it('refuses a reason without a move into commit', async () => {
    const deal = await newOpportunity(ws);
    for (const body of [
      { forecastCategory: 'best_case', commitOverrideReason: 'Because', version: deal.version },
      { commitOverrideReason: 'Because', version: deal.version },
    ]) {
      const response = await ws.acme.managerA.as.patch(`/api/opportunities/${deal.id}`, body);
      expect(response.statusCode).toBe(422);
      expect(response.json().error.fields).toHaveProperty('commitOverrideReason');
    }
  });

  it('lets no manager override a deal outside their team: they cannot see it', async () => {
    const deal = await newOpportunity(ws);
    const response = await ws.acme.managerB.as.patch(`/api/opportunities/${deal.id}`, {
      forecastCategory: 'commit',
      commitOverrideReason: 'Not mine to call',
      version: deal.version,
    });
    expect(response.statusCode).toBe(404);
  });

  it('refuses to create a deal in commit for a seller while something blocks it, creating nothing', async () => {
    const count = async () =>
      Number(
        (
          await ctx.handle.db
            .selectFrom('opportunities')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('org_id', '=', ws.acme.orgId)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const response = await ws.acme.sellerA1.as.post('/api/opportunities', {
      ...validOpportunityBody(ws.books.sellerA1.account.id),
      forecastCategory: 'commit',
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error.fields.forecastCategory).toContain(MISSING);
    expect(await count()).toBe(before);
  });

  it('lets a seller commit when nothing blocks it (the blocking rules switched off)', async () => {
    const admin = ws.globex.admin.as;
    const rules = (await admin.get('/api/danger-zones')).json<{ items: Array<{ id: string; version: number }> }>()
      .items;
    // every rule that could block commit on an empty deal
    const blocking = DANGER_ZONE_RULES.filter(
      (r) => r.id === 'DZ-25' || r.severity === 'critical' || r.escalations.some((e) => e.severity === 'critical'),
    ).map((r) => r.id);
    for (const id of blocking) {
      const rule = rules.find((r) => r.id === id)!;
      expect((await admin.patch(`/api/danger-zones/${id}`, { enabled: false, version: rule.version })).statusCode).toBe(
        200,
      );
    }
    const deal = ws.books.globexSeller.opportunity;
    const response = await ws.globex.seller.as.patch(`/api/opportunities/${deal.id}`, {
      forecastCategory: 'commit',
      version: (await ws.globex.seller.as.get(`/api/opportunities/${deal.id}`)).json<Opportunity>().version,
    });
    expect(response.statusCode).toBe(200);
    const view = (await ws.globex.seller.as.get(`/api/opportunities/${deal.id}/assessment`)).json<AssessmentView>();
    expect(view.commitOverride).toBeNull();
  });
});
