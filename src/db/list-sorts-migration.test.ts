import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../testing/test-db.ts';
import type { DbHandle } from './database.ts';
import { migrateToLatest } from './migrate.ts';

// Migration 0012 serves the list's sorts by stage, account and win probability from indexes: stage
// positions become unique per organization (duplicates renumbered in their order, ties by id), each
// deal carries a copy of its account's name and a mark of whether it has a stored assessment (since
// migration 0038, a row in unassessed_deals while it has none). The deals already there get both,
// and from then on the database keeps them.

let handle: DbHandle;

beforeAll(async () => {
  handle = await createTestDb({ upTo: '0011_commit_overrides' });
  const at = '2026-11-20T09:00:00.000Z';
  const db = handle.db;
  await sql`insert into organizations (id, name, created_at) values ('org', 'Org', ${at})`.execute(db);
  await sql`insert into users (id, org_id, email, name, role, created_at, updated_at)
    values ('u', 'org', 'u@org.test', 'U', 'seller', ${at}, ${at})`.execute(db);
  await sql`insert into organizations (id, name, created_at) values ('other', 'Other', ${at})`.execute(db);
  // two stages share position 2 in 'org'; 'other' has a gap, and no duplicate
  await sql`insert into stages (id, org_id, name, position, probability, created_at, updated_at) values
    ('s-late', 'org', 'Late', 2, 50, ${at}, ${at}), ('s-early', 'org', 'Early', 1, 10, ${at}, ${at}),
    ('s-also-2', 'org', 'Also two', 2, 60, ${at}, ${at}), ('s-last', 'org', 'Last', 5, 90, ${at}, ${at}),
    ('x-1', 'other', 'One', 1, 10, ${at}, ${at}), ('x-3', 'other', 'Three', 3, 30, ${at}, ${at})`.execute(db);
  await sql`insert into accounts (id, org_id, owner_id, name, relationship, created_by, updated_by, created_at, updated_at, version)
    values ('a-zeta', 'org', 'u', 'Zeta', 'new', 'u', 'u', ${at}, ${at}, 1),
           ('a-alpha', 'org', 'u', 'Alpha', 'new', 'u', 'u', ${at}, ${at}, 1)`.execute(db);
  for (const [id, stage, account] of [
    ['o1', 's-late', 'a-zeta'],
    ['o2', 's-early', 'a-alpha'],
    ['o3', 's-late', 'a-alpha'],
  ] as const) {
    await sql`insert into opportunities (id, org_id, account_id, owner_id, name, amount_minor, currency,
        expected_close_date, stage_id, status, forecast_category, deal_type, created_by, updated_by, created_at,
        updated_at, version)
      values (${id}, 'org', ${account}, 'u', ${id}, 1, 'EUR', '2027-01-01', ${stage}, 'open', 'pipeline', 'new_logo',
        'u', 'u', ${at}, ${at}, 1)`.execute(db);
  }
  for (const [id, probability] of [
    ['o1', 0.7],
    ['o3', 0.2],
  ] as const) {
    await sql`insert into assessments (opportunity_id, org_id, owner_id, model_version, win_probability, band_low,
        band_high, coverage_index, zone_ids, computed_at)
      values (${id}, 'org', 'u', 'm', ${probability}, 0, 1, 0.5, '[]', ${at})`.execute(db);
  }
  await migrateToLatest(handle);
});
afterAll(() => handle.close());

/** each deal's copy of its account's name, and 1 if it has an assessment, 0 if it is listed as without one */
const copies = async () =>
  (
    await handle.db
      .selectFrom('opportunities')
      .leftJoin('unassessed_deals', 'unassessed_deals.opportunity_id', 'opportunities.id')
      .select(['id', 'sort_account_name', 'unassessed_deals.opportunity_id as unassessed'])
      .orderBy('id')
      .execute()
  ).map((r) => [r.id, r.sort_account_name, r.unassessed === null ? 1 : 0]);

const positions = async () =>
  (await handle.db.selectFrom('stages').select(['id', 'position']).orderBy('org_id').orderBy('position').execute()).map(
    (r) => [r.id, r.position],
  );

describe('migration 0012', () => {
  it("numbers an organization's stages again where two share a position, in their order, ties by id", async () => {
    expect(await positions()).toEqual([
      ['s-early', 1],
      ['s-also-2', 2],
      ['s-late', 3],
      ['s-last', 4],
      ['x-1', 1],
      ['x-3', 3],
    ]);
  });

  it('refuses a second stage at a position from then on', async () => {
    await expect(
      handle.db.updateTable('stages').set({ position: 1 }).where('id', '=', 's-late').execute(),
    ).rejects.toThrow(/unique/i);
  });

  it("gives the deals already there their account's name and whether they have an assessment", async () => {
    expect(await copies()).toEqual([
      ['o1', 'Zeta', 1],
      ['o2', 'Alpha', 0],
      ['o3', 'Alpha', 1],
    ]);
  });

  it('keeps them from then on: an account renamed, an assessment removed or stored, a deal moved', async () => {
    await handle.db.updateTable('accounts').set({ name: 'Beta' }).where('id', '=', 'a-alpha').execute();
    await handle.db.deleteFrom('assessments').where('opportunity_id', '=', 'o1').execute();
    await sql`insert into assessments (opportunity_id, org_id, owner_id, model_version, win_probability, band_low,
        band_high, coverage_index, zone_ids, computed_at)
      values ('o2', 'org', 'u', 'm', 0.4, 0, 1, 0.5, '[]', '2026-11-21T09:00:00.000Z')`.execute(handle.db);
    await handle.db.updateTable('opportunities').set({ account_id: 'a-zeta' }).where('id', '=', 'o3').execute();
    // two new deals in one statement: both listed as without an assessment
    await sql`insert into opportunities (id, org_id, account_id, owner_id, name, amount_minor, currency,
        expected_close_date, stage_id, status, forecast_category, deal_type, created_by, updated_by, created_at,
        updated_at, version)
      values ('o4', 'org', 'a-alpha', 'u', 'o4', 1, 'EUR', '2027-01-01', 's-early', 'open', 'pipeline', 'new_logo',
        'u', 'u', '2026-11-21T09:00:00.000Z', '2026-11-21T09:00:00.000Z', 1),
        ('o5', 'org', 'a-zeta', 'u', 'o5', 1, 'EUR', '2027-01-01', 's-early', 'open', 'pipeline', 'new_logo',
        'u', 'u', '2026-11-21T09:00:00.000Z', '2026-11-21T09:00:00.000Z', 1)`.execute(handle.db);
    expect(await copies()).toEqual([
      ['o1', 'Zeta', 0],
      ['o2', 'Beta', 1],
      ['o3', 'Zeta', 1],
      ['o4', 'Beta', 0],
      ['o5', 'Zeta', 0],
    ]);
    // a deal deleted outright leaves no one behind among the unassessed
    await handle.db.deleteFrom('opportunities').where('id', '=', 'o5').execute();
    expect(
      (await handle.db.selectFrom('unassessed_deals').select('opportunity_id').orderBy('opportunity_id').execute()).map(
        (r) => r.opportunity_id,
      ),
    ).toEqual(['o1', 'o4']);
  });
});
