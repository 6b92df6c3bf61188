import type { Db } from '../../db/database.ts';
import type { Actor } from '../../domain/access.ts';
import { opportunityVisible } from '../scope.repo.ts';

export type StoredRate = { currency: string; validFrom: string; rate: string; createdAt: string; createdBy: string };
export type RateSheet = { reportingCurrency: string; rates: StoredRate[] };

/** The organization's reporting currency and every rate, by currency and newest first: one statement. */
export async function readRateSheet(db: Db, orgId: string): Promise<RateSheet | undefined> {
  const rows = await db
    .selectFrom('organizations')
    .leftJoin('exchange_rates', 'exchange_rates.org_id', 'organizations.id')
    .select([
      'organizations.reporting_currency',
      'exchange_rates.currency',
      'exchange_rates.valid_from',
      'exchange_rates.rate',
      'exchange_rates.created_at',
      'exchange_rates.created_by',
    ])
    .where('organizations.id', '=', orgId)
    .orderBy('exchange_rates.currency')
    .orderBy('exchange_rates.valid_from', 'desc')
    .execute();
  const [first] = rows;
  if (!first) return undefined;
  const rates: StoredRate[] = [];
  for (const r of rows) {
    // the organization without any rate comes back as one row of nulls
    if (r.currency === null || r.valid_from === null || r.rate === null) continue;
    rates.push({
      currency: r.currency,
      validFrom: r.valid_from,
      rate: r.rate,
      createdAt: r.created_at!,
      createdBy: r.created_by!,
    });
  }
  return { reportingCurrency: first.reporting_currency, rates };
}

/** What adding one rate checks against: the reporting currency, and the rate already on that day. */
export async function readRateSlot(
  db: Db,
  key: { orgId: string; currency: string; validFrom: string },
): Promise<{ reportingCurrency: string; existing: string | null } | undefined> {
  const row = await db
    .selectFrom('organizations')
    .leftJoin('exchange_rates', (join) =>
      join
        .onRef('exchange_rates.org_id', '=', 'organizations.id')
        .on('exchange_rates.currency', '=', key.currency)
        .on('exchange_rates.valid_from', '=', key.validFrom),
    )
    .select(['organizations.reporting_currency', 'exchange_rates.rate'])
    .where('organizations.id', '=', key.orgId)
    .executeTakeFirst();
  return row ? { reportingCurrency: row.reporting_currency, existing: row.rate } : undefined;
}

/** The reporting currency and how many rates are quoted in it. */
export async function readReportingCurrency(
  db: Db,
  orgId: string,
): Promise<{ reportingCurrency: string; rates: number } | undefined> {
  const row = await db
    .selectFrom('organizations')
    .select((eb) => [
      'organizations.reporting_currency',
      eb
        .selectFrom('exchange_rates')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('exchange_rates.org_id', '=', 'organizations.id')
        .as('rates'),
    ])
    .where('organizations.id', '=', orgId)
    .executeTakeFirst();
  return row ? { reportingCurrency: row.reporting_currency, rates: Number(row.rates ?? 0) } : undefined;
}

export type CurrencyUse = { currency: string; opportunities: number; openOpportunities: number };

/** The currencies of the opportunities the actor sees, most used first. */
export async function countOpportunitiesByCurrency(db: Db, actor: Actor): Promise<CurrencyUse[]> {
  const rows = await db
    .selectFrom('opportunities')
    .select((eb) => [
      'opportunities.currency',
      eb.fn.countAll<number>().as('opportunities'),
      eb.fn
        .sum<number>(eb.case().when('opportunities.status', '=', 'open').then(1).else(0).end())
        .as('open_opportunities'),
    ])
    .where('opportunities.org_id', '=', actor.orgId)
    .where('opportunities.deleted_at', 'is', null)
    .where((eb) => opportunityVisible(eb, actor))
    .groupBy('opportunities.currency')
    .orderBy((eb) => eb.fn.countAll(), 'desc')
    .orderBy('opportunities.currency')
    .execute();
  return rows.map((r) => ({
    currency: r.currency,
    opportunities: Number(r.opportunities),
    openOpportunities: Number(r.open_opportunities),
  }));
}

export async function updateReportingCurrency(db: Db, orgId: string, currency: string): Promise<void> {
  await db.updateTable('organizations').set({ reporting_currency: currency }).where('id', '=', orgId).execute();
}

/** Removes every rate of the organization; returns how many there were. */
export async function deleteAllRates(db: Db, orgId: string): Promise<number> {
  const result = await db.deleteFrom('exchange_rates').where('org_id', '=', orgId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export type NewRate = { orgId: string; currency: string; validFrom: string; rate: string; at: string; by: string };

// 6 values a row: 500 rows stay far inside both databases' limits on a statement's parameters
const CHUNK = 500;

const rowOf = (r: NewRate) => ({
  org_id: r.orgId,
  currency: r.currency,
  valid_from: r.validFrom,
  rate: r.rate,
  created_at: r.at,
  created_by: r.by,
});

/** New rates only: one already there for a currency and day is a unique violation. */
export async function insertRates(db: Db, rates: readonly NewRate[]): Promise<void> {
  for (let i = 0; i < rates.length; i += CHUNK) {
    await db
      .insertInto('exchange_rates')
      .values(rates.slice(i, i + CHUNK).map(rowOf))
      .execute();
  }
}

/** Adds the rates, replacing the value (and who gave it) of any already there for its currency and day. */
export async function upsertRates(db: Db, rates: readonly NewRate[]): Promise<void> {
  for (let i = 0; i < rates.length; i += CHUNK) {
    await db
      .insertInto('exchange_rates')
      .values(rates.slice(i, i + CHUNK).map(rowOf))
      .onConflict((oc) =>
        oc.columns(['org_id', 'currency', 'valid_from']).doUpdateSet((eb) => ({
          rate: eb.ref('excluded.rate'),
          created_at: eb.ref('excluded.created_at'),
          created_by: eb.ref('excluded.created_by'),
        })),
      )
      .execute();
  }
}

/** The rate removed, or undefined when there was none. */
export async function deleteRate(
  db: Db,
  key: { orgId: string; currency: string; validFrom: string },
): Promise<string | undefined> {
  const row = await db
    .deleteFrom('exchange_rates')
    .where('org_id', '=', key.orgId)
    .where('currency', '=', key.currency)
    .where('valid_from', '=', key.validFrom)
    .returning('rate')
    .executeTakeFirst();
  return row?.rate;
}
