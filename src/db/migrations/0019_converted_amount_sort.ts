import type { Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';

// The opportunity list sorts by the amount in the reporting currency: each currency's amount times
// its rate today. Rates change, so no index can hold that order, but within one currency it is the
// order of the amount itself. A page reads each currency's deals in amount order from a (scope,
// currency, amount, id) index and merges them: at most a page of each currency, whatever the
// organization's size, where sorting the converted amounts of a scope read all of it (the 398 ms
// 0008 took away). These take the place of 0008's (scope, amount, id) indexes, which nothing reads
// any more; they also list the currencies in use, a seek per currency.
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createIndex('opps_org_currency_amount_idx')
    .on('opportunities')
    .columns(['org_id', 'currency', 'amount_minor', 'id'])
    .execute();
  await db.schema
    .createIndex('opps_owner_currency_amount_idx')
    .on('opportunities')
    .columns(['owner_id', 'currency', 'amount_minor', 'id'])
    .execute();
  await db.schema.dropIndex('opps_org_amount_idx').execute();
  await db.schema.dropIndex('opps_owner_amount_idx').execute();
}
