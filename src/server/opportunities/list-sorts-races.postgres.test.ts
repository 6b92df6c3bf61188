// PostgreSQL pass only: each race holds a row lock in another connection (testing/held-write.ts); on SQLite a writer locks the whole database at BEGIN IMMEDIATE.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Opportunity } from '../../contract/opportunities.ts';
import { holdWrite } from '../../testing/held-write.ts';
import { loadMapping, runImport } from '../imports/index.ts';
import { newOpportunity } from '../../testing/opportunities.ts';
import { createTestApp, type TestContext } from '../../testing/test-app.ts';
import { buildWorkspace, type Workspace } from '../../testing/workspace.ts';

// What the list's sorts read besides the deal (migration 0012) stays true when writers race: an
// assessment's owner is its deal's, and a deal's copy of its account's name is the account's.

let ctx: TestContext;
let ws: Workspace;

beforeAll(async () => {
  ctx = await createTestApp();
  ws = await buildWorkspace(ctx);
});
afterAll(() => ctx.close());

/** An upsert of the deal's assessment by a writer that still holds its former owner (a refit). */
const storeAssessmentFor = (deal: Opportunity, ownerId: string) =>
  sql`insert into assessments (opportunity_id, org_id, owner_id, model_version, win_probability, band_low,
      band_high, coverage_index, zone_ids, computed_at)
    values (${deal.id}, ${ws.acme.orgId}, ${ownerId}, 'm', 0.77, 0, 1, 0.5, '[]', '2026-11-21T09:00:00.000Z')
    on conflict (opportunity_id) do update set owner_id = excluded.owner_id, win_probability = excluded.win_probability`.execute(
    ctx.handle.db,
  );

const stored = async (deal: Opportunity) =>
  ctx.handle.db
    .selectFrom('assessments')
    .leftJoin('unassessed_deals', 'unassessed_deals.opportunity_id', 'assessments.opportunity_id')
    .select(['assessments.owner_id', 'assessments.win_probability', 'unassessed_deals.opportunity_id as unassessed'])
    .where('assessments.opportunity_id', '=', deal.id)
    .executeTakeFirstOrThrow();

describe('an assessment stored while its deal changes hands', () => {
  it.each([
    ['replacing the stored one', false],
    ['as its first', true],
  ])('%s: it ends with the new owner', async (_what, first) => {
    const deal = await newOpportunity(ws);
    if (first) await ctx.handle.db.deleteFrom('assessments').where('opportunity_id', '=', deal.id).execute();
    const to = ws.acme.sellerA2.user.id;
    const held = await holdWrite(ctx.handle, 'update opportunities set owner_id = $2 where id = $1', [deal.id, to]);
    const storing = storeAssessmentFor(deal, deal.ownerId);
    await held.untilSomeoneWaits(storing);
    await held.commit();
    await storing;
    expect(await stored(deal)).toEqual({ owner_id: to, win_probability: 0.77, unassessed: null });
    // and the new owner's list by probability has it
    const sellerA2 = (await ws.acme.sellerA2.as.get('/api/opportunities?sort=-winProbability&limit=200')).json<{
      items: Opportunity[];
    }>();
    expect(sellerA2.items.map((o) => o.id)).toContain(deal.id);
  });
});

describe('a deal moved to an account while it is renamed', () => {
  it("carries the account's new name", async () => {
    const deal = await newOpportunity(ws);
    const { account } = ws.books.sellerA2;
    // sellerA1 may use sellerA2's account once it is visible: the admin moves the deal
    const held = await holdWrite(ctx.handle, "update accounts set name = 'Umbrella Renamed' where id = $1", [
      account.id,
    ]);
    const moving = ws.acme.admin.as.patch(`/api/opportunities/${deal.id}`, {
      accountId: account.id,
      version: deal.version,
    });
    await held.untilSomeoneWaits(moving);
    await held.commit();
    expect((await moving).statusCode).toBe(200);
    const row = await ctx.handle.db
      .selectFrom('opportunities')
      .select('sort_account_name')
      .where('id', '=', deal.id)
      .executeTakeFirstOrThrow();
    expect(row.sort_account_name).toBe('Umbrella Renamed');
  });
});

describe('deals imported onto an account while it is renamed', () => {
  it("carry the account's new name, though the import read the old one", async () => {
    const { account } = ws.books.sellerA1;
    const dir = mkdtempSync(join(tmpdir(), 'winsight-rename-'));
    const path = join(dir, 'report.csv');
    writeFileSync(
      path,
      [
        'Opportunity ID,Opportunity Name,Account Name,Amount,Close Date,Stage,Probability (%),Opportunity Owner,Type,Lead Source,Created Date,Won,Closed',
        `RN-1,Renamed one,${account.name},1000,3/15/2027,Prospecting,10,Sam Seller,New Business,Web,10/1/2026,0,0`,
        `RN-2,Renamed two,${account.name},2000,4/15/2027,Prospecting,10,Sam Seller,New Business,Web,10/1/2026,0,0`,
      ].join('\n'),
    );
    const held = await holdWrite(ctx.handle, "update accounts set name = 'Initech Renamed' where id = $1", [
      account.id,
    ]);
    const importing = runImport(ctx.deps, {
      orgId: ws.acme.orgId,
      actorId: ws.acme.admin.user.id,
      path,
      fileName: 'report.csv',
      mapping: await loadMapping('salesforce'),
      dryRun: false,
      assess: false,
      replay: false,
    });
    await held.untilSomeoneWaits(importing);
    await held.commit();
    expect((await importing).ok).toBe(true);
    rmSync(dir, { recursive: true, force: true });
    const rows = await ctx.handle.db
      .selectFrom('opportunities')
      .select(['external_id', 'account_id', 'sort_account_name'])
      .where('org_id', '=', ws.acme.orgId)
      .where('external_id', 'in', ['RN-1', 'RN-2'])
      .orderBy('external_id')
      .execute();
    expect(rows).toEqual([
      { external_id: 'RN-1', account_id: account.id, sort_account_name: 'Initech Renamed' },
      { external_id: 'RN-2', account_id: account.id, sort_account_name: 'Initech Renamed' },
    ]);
  });
});
