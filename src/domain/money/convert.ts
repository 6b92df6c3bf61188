import { minorUnitExponent } from '../currency.ts';
import { decimalOfNumber, multiplyRounded, type Decimal } from './decimal.ts';

// Amounts in the organization's reporting currency. A rate is how many units of the reporting
// currency one unit of `currency` is worth from `validFrom` (YYYY-MM-DD) until that currency's
// next rate; a date before a currency's first rate has none.

export type RateBook = {
  reportingCurrency: string;
  rates: ReadonlyArray<{ currency: string; validFrom: string; rate: number }>;
};

/**
 * amountMinor of `currency` in the reporting currency's minor units on `onDate` (the latest rate
 * valid on or before it), or null when no rate covers that date. Same currency: unchanged.
 */
export function convertMinor(book: RateBook, amountMinor: number, currency: string, onDate: string): number | null {
  if (currency === book.reportingCurrency) return amountMinor;
  const rate = rateOn(book, currency, onDate);
  if (rate === null) return null;
  return multiplyRounded(amountMinor, rate, minorUnitExponent(book.reportingCurrency) - minorUnitExponent(currency));
}

/**
 * Reporting-currency minor units per minor unit of each currency with a rate on `onDate` (the
 * reporting currency itself: 1), as the nearest number to the exact rate, for ranking many amounts
 * at once where the database holds them (convertMinor gives each shown amount exactly).
 */
export function conversionFactors(book: RateBook, onDate: string): Map<string, number> {
  const factors = new Map<string, number>([[book.reportingCurrency, 1]]);
  for (const currency of timelinesOf(book).keys()) {
    const factor = conversionFactor(book, currency, onDate);
    if (factor !== null) factors.set(currency, factor);
  }
  return factors;
}

/** Reporting-currency minor units per minor unit of `currency` on `onDate`, from the exact rate; null without one. */
export function conversionFactor(book: RateBook, currency: string, onDate: string): number | null {
  if (currency === book.reportingCurrency) return 1;
  const rate = rateOn(book, currency, onDate);
  if (rate === null) return null;
  const shift = minorUnitExponent(book.reportingCurrency) - minorUnitExponent(currency) - rate.scale;
  return Number(`${rate.digits}e${shift}`);
}

/** the currencies among `uses` ({currency, onDate}) that have no rate on their date, for a clear error naming them */
export function missingRates(
  book: RateBook,
  uses: ReadonlyArray<{ currency: string; onDate: string }>,
): Array<{ currency: string; onDate: string }> {
  const missing = new Map<string, { currency: string; onDate: string }>();
  for (const { currency, onDate } of uses) {
    const key = `${currency} ${onDate}`;
    if (currency === book.reportingCurrency || missing.has(key)) continue;
    if (rateOn(book, currency, onDate) === null) missing.set(key, { currency, onDate });
  }
  return [...missing.values()];
}

type Timeline = { from: string[]; rate: Decimal[] };

// A book's rates by currency, in date order, made the first time the book is read: a review
// converts hundreds of deals with one book. Keyed by the book itself, so nothing outlives it.
const timelines = new WeakMap<RateBook, ReadonlyMap<string, Timeline>>();

function timelinesOf(book: RateBook): ReadonlyMap<string, Timeline> {
  let byCurrency = timelines.get(book);
  if (byCurrency) return byCurrency;
  const sorted = [...book.rates].sort((a, b) => (a.validFrom < b.validFrom ? -1 : a.validFrom > b.validFrom ? 1 : 0));
  const built = new Map<string, Timeline>();
  for (const r of sorted) {
    const line = built.get(r.currency) ?? { from: [], rate: [] };
    // two rates on one day cannot come from the database (its key); the later one listed wins
    if (line.from.at(-1) === r.validFrom) line.rate[line.rate.length - 1] = decimalOfNumber(r.rate);
    else {
      line.from.push(r.validFrom);
      line.rate.push(decimalOfNumber(r.rate));
    }
    built.set(r.currency, line);
  }
  timelines.set(book, (byCurrency = built));
  return byCurrency;
}

/** The rate of the last change on or before `onDate`, or null before the first one. */
function rateOn(book: RateBook, currency: string, onDate: string): Decimal | null {
  const line = timelinesOf(book).get(currency);
  if (!line) return null;
  // the number of changes on or before onDate
  let low = 0;
  let high = line.from.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (line.from[middle]! <= onDate) low = middle + 1;
    else high = middle;
  }
  return low === 0 ? null : line.rate[low - 1]!;
}
