import { sql, type RawBuilder } from 'kysely';

// Amounts in the reporting currency as SQL, shared by the repositories that rank or add up deals
// in mixed currencies where the database holds them (domain/money/convert.ts conversionFactors
// gives the factors; the amounts shown are converted exactly, one by one, by convertMinor).

/** Reporting-currency minor units per minor unit of each currency with a rate. */
export type Factors = ReadonlyMap<string, number>;

/**
 * An opportunity's amount in the reporting currency's minor units, as a double: the same
 * expression gives the same number on every read, so a list can page by it. A currency without a
 * factor gives null, so the caller can tell those deals apart instead of mixing currencies.
 */
export function convertedAmount(factors: Factors): RawBuilder<number | null> {
  const cases = [...factors].map(
    ([currency, factor]) => sql`when ${currency} then cast(${sql.lit(factor)} as double precision)`,
  );
  if (cases.length === 0) return sql<null>`cast(null as double precision)`;
  return sql<
    number | null
  >`(${sql.ref('opportunities.amount_minor')} * case ${sql.ref('opportunities.currency')} ${sql.join(cases, sql` `)} else null end)`;
}
