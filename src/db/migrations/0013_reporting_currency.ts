import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect.ts';

// One reporting currency per organization, and the dated exchange rates an administrator keeps to
// convert every other currency into it (issue 12).
//
// The reporting currency of an organization that already has deals is the currency most of them
// use (ties to the code first in the alphabet), so its figures stay in the money it thinks in;
// without deals it is USD.
//
// A rate is how many units of the reporting currency one unit of `currency` was worth from
// `valid_from` on, until the currency's next rate. It is kept as the decimal text the
// administrator gave, canonical ("1.0845", never "01.08450"): SQLite has no exact decimal type
// (a NUMERIC column turns 1.1 into the nearest binary double), and the pg driver is set to read
// PostgreSQL's numeric as a JavaScript number (db/database.ts), so text is the one type that
// stores and returns the same exact value on both databases. Nothing sorts or sums by rate in
// SQL; the arithmetic is exact in the domain (domain/money/convert.ts). The checks below refuse
// anything but a positive plain decimal, as a second line behind the contract.
//
// (org_id, currency, valid_from) is the primary key: one rate per currency and day, and the
// order in which a conversion looks rates up. created_at and created_by say who gave the value
// now stored (an import that replaces a rate replaces them too; the audit trail keeps the old one).
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  await db.schema
    .alterTable('organizations')
    .addColumn('reporting_currency', 'text', (c) => c.notNull().defaultTo('USD').check(currencyCode('reporting_currency')))
    .execute();
  await sql`update organizations set reporting_currency = coalesce(
      (select currency from opportunities
        where opportunities.org_id = organizations.id and opportunities.deleted_at is null
        group by currency order by count(*) desc, currency limit 1),
      'USD')`.execute(db);

  await db.schema
    .createTable('exchange_rates')
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('currency', 'text', (c) => c.notNull().check(currencyCode('currency')))
    .addColumn('valid_from', 'text', (c) => c.notNull().check(sql`length(valid_from) = 10`))
    .addColumn('rate', 'text', (c) => c.notNull().check(positiveDecimal(dialect)))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addPrimaryKeyConstraint('exchange_rates_pk', ['org_id', 'currency', 'valid_from'])
    .execute();
}

function currencyCode(column: string) {
  return sql`length(${sql.ref(column)}) = 3 and upper(${sql.ref(column)}) = ${sql.ref(column)}`;
}

/** Digits with at most one point inside them, and a digit other than 0 somewhere. */
function positiveDecimal(dialect: DialectName) {
  if (dialect === 'postgres') return sql`rate ~ '^[0-9]+([.][0-9]+)?$' and rate ~ '[1-9]'`;
  return sql`rate glob '[0-9]*' and rate glob '*[0-9]' and rate not glob '*[^0-9.]*'
    and rate not glob '*.*.*' and rate glob '*[1-9]*'`;
}
