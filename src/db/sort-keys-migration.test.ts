import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../testing/test-db.ts';
import type { DbHandle } from './database.ts';
import { migrateToLatest } from './migrate.ts';

// Migration 0011 copies each opportunity's stage position, account name and stored win probability
// (-1 without one) onto it for the list's sorts: the deals already there get them too, and from then
// on the database keeps them when a stage moves, an account is renamed or an assessment changes.

let handle: DbHandle;

beforeAll(async () => {
  handle = await createTestDb({ upTo: '0010_assessment_history' });
  const at = '2026-11-20T09:00:00.000Z';
  const db = handle.db;
  await sql`insert into organizations (id, name, created_at) values ('org', 'Org', ${at})`.execute(db);
  await sql`insert into users (id, org_id, email, name, role, created_at, updated_at)
    values ('u', 'org', 'u@org.test', 'U', 'seller', ${at}, ${at})`.execute(db);
  await sql`insert into stages (id, org_id, name, position, probability, created_at, updated_at) values
    ('s-late', 'org', 'Late', 2, 50, ${at}, ${at}), ('s-early', 'org', 'Early', 1, 10, ${at}, ${at})`.execute(db);
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

const copies = async () =>
  (
    await handle.db
      .selectFrom('opportunities')
      .select(['id', 'sort_stage_position', 'sort_account_name', 'sort_win_probability'])
      .orderBy('id')
      .execute()
  ).map((r) => [r.id, r.sort_stage_position, r.sort_account_name, Number(r.sort_win_probability)]);

describe('migration 0011', () => {
  it('gives the deals already there their stage position, account name and probability (-1 without one)', async () => {
    expect(await copies()).toEqual([
      ['o1', 2, 'Zeta', 0.7],
      ['o2', 1, 'Alpha', -1],
      ['o3', 2, 'Alpha', 0.2],
    ]);
  });

  it('keeps them from then on: a stage moved, an account renamed, an assessment changed or removed', async () => {
    await handle.db.updateTable('stages').set({ position: 3 }).where('id', '=', 's-late').execute();
    await handle.db.updateTable('accounts').set({ name: 'Beta' }).where('id', '=', 'a-alpha').execute();
    await handle.db
      .updateTable('assessments')
      .set({ win_probability: 0.9 })
      .where('opportunity_id', '=', 'o3')
      .execute();
    await handle.db.deleteFrom('assessments').where('opportunity_id', '=', 'o1').execute();
    expect(await copies()).toEqual([
      ['o1', 3, 'Zeta', -1],
      ['o2', 1, 'Beta', -1],
      ['o3', 3, 'Beta', 0.9],
    ]);
  });
});
