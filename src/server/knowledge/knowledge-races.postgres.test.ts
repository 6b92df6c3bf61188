// PostgreSQL pass only: each race holds a row lock in another connection (testing/held-write.ts); on SQLite a writer locks the whole database at BEGIN IMMEDIATE.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeResponse } from '../../contract/knowledge.ts';
import { holdWrite } from '../../testing/held-write.ts';
import { newDealToExplore, objective, said } from '../../testing/knowledge.ts';
import { createTestApp, type TestContext } from '../../testing/test-app.ts';
import { buildWorkspace, type Workspace } from '../../testing/workspace.ts';

let ctx: TestContext;
let ws: Workspace;

beforeAll(async () => {
  ctx = await createTestApp();
  ws = await buildWorkspace(ctx);
});
afterAll(() => ctx.close());

const seller = () => ws.acme.sellerA1.as;
const freshDeal = () => newDealToExplore(ws);

describe('knowledge and objectives written by two people at once', () => {
  it('answers a knowledge write that loses to a change of the deal 409 with the deal as it now is', async () => {
    const deal = await freshDeal();
    const held = await holdWrite(
      ctx.handle,
      "update opportunities set name = 'Renamed meanwhile', version = version + 1 where id = $1",
      [deal.id],
    );
    const writing = seller().post(`/api/opportunities/${deal.id}/knowledge/items`, {
      version: deal.version,
      kind: 'evaluator',
      contactId: deal.contactId,
      evidence: said('Pat said so', { contactId: deal.contactId }),
    });
    await held.untilSomeoneWaits(writing);
    await held.commit();
    const response = await writing;
    expect(response.statusCode).toBe(409);
    expect(response.json().error.current).toMatchObject({ name: 'Renamed meanwhile', version: deal.version + 1 });
    expect(
      objective(
        (await seller().get(`/api/opportunities/${deal.id}/knowledge`)).json<KnowledgeResponse>(),
        'buying_group',
      ).items,
    ).toHaveLength(0);
  });
});
