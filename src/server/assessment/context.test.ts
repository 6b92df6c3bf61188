import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Opportunity } from '../../contract/opportunities.ts';
import { createTestApp, type TestContext } from '../../testing/test-app.ts';
import { validOpportunityBody } from '../../testing/opportunities.ts';
import { buildWorkspace, type Workspace } from '../../testing/workspace.ts';
import { accountProfiles } from '../accounts/index.ts';
import { closeDatePushes, readDeal, sellerBiases } from './assessment.repo.ts';
import { reassessDeals } from './model.service.ts';

let ctx: TestContext;
let ws: Workspace;

beforeAll(async () => {
  ctx = await createTestApp();
  ws = await buildWorkspace(ctx);
});
afterAll(() => ctx.close());

// one deal's context is read with its record in one statement on every write; the batch reads
// (three statements for many deals) are the reference it must agree with
describe("one deal's context in one statement", () => {
  it('gives the account profile, seller bias and close-date pushes the batch reads give', async () => {
    const seller = ws.acme.sellerA1.as;
    const deals: Opportunity[] = [];
    for (const p of [20, 40, 60, 80, 90, 95]) {
      deals.push(
        (
          await seller.post('/api/opportunities', {
            ...validOpportunityBody(ws.books.sellerA1.account.id),
            sellerProbability: p,
          })
        ).json<Opportunity>(),
      );
    }
    let deal = deals[0]!;
    for (const [i, date] of ['2027-04-30', '2027-03-15', '2027-06-30'].entries()) {
      deal = (
        await seller.patch(`/api/opportunities/${deal.id}`, { version: deal.version, expectedCloseDate: date })
      ).json<Opportunity>();
      expect(deal.version, `move ${i}`).toBeGreaterThan(1);
    }
    const { db } = ctx.deps;
    const orgId = ws.acme.orgId;
    const one = await readDeal(db, orgId, deal);
    const bias = (await sellerBiases(db, [deal.ownerId])).get(deal.ownerId);
    expect(bias).not.toBeNull();
    expect(one).toEqual({
      record: { items: [], facts: [] },
      contacts: new Map(),
      commitOverride: null,
      context: {
        profile: (await accountProfiles(db, orgId, [deal.accountId])).get(deal.accountId),
        bias,
        pushes: (await closeDatePushes(db, orgId, [deal.id])).get(deal.id) ?? [],
        proposalSentOn: null,
      },
      version: deal.version,
    });
    expect(one.context.pushes).toHaveLength(2);
  });

  it('takes the same ten latest deals for the bias when a bulk pass assessed them all at one instant', async () => {
    const seller = ws.acme.sellerA1.as;
    for (const p of [10, 25, 35, 45, 55, 65, 75, 85]) {
      const made = await seller.post('/api/opportunities', {
        ...validOpportunityBody(ws.books.sellerA1.account.id),
        sellerProbability: p,
      });
      expect(made.statusCode).toBe(201);
    }
    const { db } = ctx.deps;
    const orgId = ws.acme.orgId;
    expect(await reassessDeals(ctx.deps, orgId, 'all', { kind: 'nightly' })).toBeGreaterThan(10);
    const list = (await seller.get('/api/opportunities?limit=1')).json<{ items: Opportunity[] }>();
    const deal = list.items[0]!;
    const batch = (await sellerBiases(db, [deal.ownerId, ws.acme.sellerB1.user.id])).get(deal.ownerId);
    expect(batch).not.toBeNull();
    expect((await readDeal(db, orgId, deal)).context.bias).toBeCloseTo(batch!, 12);
  });
});
