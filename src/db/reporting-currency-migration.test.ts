import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../testing/test-db.ts';
import type { DbHandle } from './database.ts';
import { migrateToLatest } from './migrate.ts';

// Migration 0013 gives every organization a reporting currency (the one most of its live deals use,
// ties to the first code in the alphabet; USD without any) and a table of dated exchange rates
// whose rate is exact decimal text, checked by the database as a second line of defence.

let handle: DbHandle;
const at = '2026-11-20T09:00:00.000Z';

// organization -> the currencies of its deals (a * marks a deleted one)
const DEALS: Record<string, string[]> = {
  euros: ['EUR', 'USD', 'EUR'],
  tie: ['GBP', 'CHF'],
  'mostly-deleted': ['JPY*', 'JPY*', 'JPY*', 'SEK'],
  'all-deleted': ['NOK*'],
  empty: [],
};

beforeAll(async () => {
  handle = await createTestDb({ upTo: '0012_list_joined_sorts' });
  const db = handle.db;
  let n = 0;
  for (const [org, currencies] of Object.entries(DEALS)) {
    await sql`insert into organizations (id, name, created_at) values (${org}, ${org}, ${at})`.execute(db);
    await sql`insert into users (id, org_id, email, name, role, created_at, updated_at)
      values (${`u-${org}`}, ${org}, ${`u@${org}.test`}, 'U', 'admin', ${at}, ${at})`.execute(db);
    await sql`insert into stages (id, org_id, name, position, probability, created_at, updated_at)
      values (${`s-${org}`}, ${org}, 'Qualify', 1, 10, ${at}, ${at})`.execute(db);
    await sql`insert into accounts (id, org_id, owner_id, name, relationship, created_by, updated_by, created_at, updated_at, version)
      values (${`a-${org}`}, ${org}, ${`u-${org}`}, 'Account', 'new', ${`u-${org}`}, ${`u-${org}`}, ${at}, ${at}, 1)`.execute(
      db,
    );
    for (const code of currencies) {
      const deleted = code.endsWith('*') ? at : null;
      await sql`insert into opportunities (id, org_id, account_id, owner_id, name, amount_minor, currency,
          expected_close_date, stage_id, status, forecast_category, deal_type, created_by, updated_by, created_at,
          updated_at, version, deleted_at)
        values (${`o${n++}`}, ${org}, ${`a-${org}`}, ${`u-${org}`}, 'Deal', 100, ${code.replace('*', '')}, '2027-01-01',
          ${`s-${org}`}, 'open', 'pipeline', 'new_logo', ${`u-${org}`}, ${`u-${org}`}, ${at}, ${at}, 1, ${deleted})`.execute(
        db,
      );
    }
  }
  await migrateToLatest(handle);
});
afterAll(() => handle.close());

const reportingCurrencies = async () =>
  Object.fromEntries(
    (await handle.db.selectFrom('organizations').select(['id', 'reporting_currency']).execute()).map((o) => [
      o.id,
      o.reporting_currency,
    ]),
  );

const insertRate = (values: { currency?: string; validFrom?: string; rate: string; org?: string }) =>
  handle.db
    .insertInto('exchange_rates')
    .values({
      org_id: values.org ?? 'euros',
      currency: values.currency ?? 'GBP',
      valid_from: values.validFrom ?? '2026-01-01',
      rate: values.rate,
      created_at: at,
      created_by: `u-${values.org ?? 'euros'}`,
    })
    .execute();

describe('migration 0013', () => {
  it('gives each organization the currency most of its live deals use, ties alphabetically, else USD', async () => {
    expect(await reportingCurrencies()).toEqual({
      euros: 'EUR',
      tie: 'CHF',
      'mostly-deleted': 'SEK',
      'all-deleted': 'USD',
      empty: 'USD',
    });
  });

  it('gives a new organization USD, and refuses a code that is not three capitals', async () => {
    await sql`insert into organizations (id, name, created_at) values ('new', 'New', ${at})`.execute(handle.db);
    expect((await reportingCurrencies()).new).toBe('USD');
    await expect(
      sql`update organizations set reporting_currency = 'usd' where id = 'new'`.execute(handle.db),
    ).rejects.toThrow();
    await expect(
      sql`update organizations set reporting_currency = 'EURO' where id = 'new'`.execute(handle.db),
    ).rejects.toThrow();
  });

  it.each(['1.08', '0.0067', '150', '0.000000000001', '489.123'])('keeps the rate %j exactly', async (rate) => {
    await insertRate({ currency: 'JPY', validFrom: `2026-02-${String(10 + rate.length).padStart(2, '0')}`, rate });
    const row = await handle.db
      .selectFrom('exchange_rates')
      .select('rate')
      .where('currency', '=', 'JPY')
      .where('rate', '=', rate)
      .executeTakeFirstOrThrow();
    expect(row.rate).toBe(rate);
  });

  // each on a day of its own, so that a rate let through wrongly cannot make the next fail on the key
  it.each(['0', '0.000', '', '-1.2', '1.', '.5', '1.2.3', '1e5', 'abc', ' 1.2', '1,2'].map((rate, i) => [rate, i]))(
    'refuses the rate %j',
    async (rate, i) => {
      await expect(
        insertRate({ currency: 'CHF', validFrom: `2026-04-${String(i + 1).padStart(2, '0')}`, rate }),
      ).rejects.toThrow(/check|constraint/i);
    },
  );

  it.each([
    ['a lowercase code', { currency: 'gbp', rate: '1.2' }],
    ['a date that is not YYYY-MM-DD', { validFrom: '2026-1-1', rate: '1.2' }],
    ['an organization that does not exist', { org: 'nobody', rate: '1.2' }],
  ])('refuses %s', async (_what, values) => {
    await expect(insertRate(values)).rejects.toThrow(/check|constraint/i);
  });

  it('keeps one rate per currency and day', async () => {
    await insertRate({ currency: 'GBP', validFrom: '2026-03-01', rate: '1.27' });
    await expect(insertRate({ currency: 'GBP', validFrom: '2026-03-01', rate: '1.28' })).rejects.toThrow(
      /unique|duplicate/i,
    );
    await insertRate({ currency: 'GBP', validFrom: '2026-03-02', rate: '1.28' });
    await insertRate({ currency: 'GBP', validFrom: '2026-03-01', rate: '1.28', org: 'tie' });
  });
});
