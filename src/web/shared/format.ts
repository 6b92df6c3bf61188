import { minorUnitExponent, toMajorUnits } from '../../domain/currency.ts';

const moneyFormats = new Map<string, Intl.NumberFormat>();

/**
 * 12500000 USD -> "$125,000"; 12345 USD -> "$123.45". Cents are shown only when there are some,
 * so lists stay readable while exact amounts stay exact.
 */
export function formatMoney(amountMinor: number, currency: string): string {
  const exponent = minorUnitExponent(currency);
  const hasFraction = amountMinor % 10 ** exponent !== 0;
  const key = `${currency}:${hasFraction}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(undefined, {
      style: 'currency',
      currency,
      minimumFractionDigits: hasFraction ? exponent : 0,
      maximumFractionDigits: exponent,
    });
    moneyFormats.set(key, format);
  }
  return format.format(toMajorUnits(amountMinor, currency));
}

/** An estimate, to three significant figures: "about €10,500", not "€10,478.73" (its precision is not real). */
export function formatApproxMoney(amountMinor: number, currency: string): string {
  const unit = 10 ** minorUnitExponent(currency);
  const major = Math.abs(amountMinor / unit);
  const step = major < 100 ? 1 : 10 ** (Math.floor(Math.log10(major)) - 2);
  return formatMoney(Math.round(amountMinor / unit / step) * step * unit, currency);
}

/** A converted or summed amount, to the whole unit: "$3,955,705" (its cents are an artefact of the rates). */
export function formatWholeMoney(amountMinor: number, currency: string): string {
  const unit = 10 ** minorUnitExponent(currency);
  return formatMoney(Math.round(amountMinor / unit) * unit, currency);
}

const dateFormat = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
});
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** "2026-03-14" -> "Mar 14, 2026" (a calendar date: no time zone shift). */
export function formatDate(date: string | null | undefined): string {
  if (!date) return '—';
  const time = Date.parse(`${date}T00:00:00Z`);
  return Number.isNaN(time) ? date : dateFormat.format(time);
}

/** An ISO instant in the reader's time zone: "Nov 20, 2026, 9:00 AM". */
export function formatDateTime(instant: string): string {
  const time = Date.parse(instant);
  return Number.isNaN(time) ? instant : dateTimeFormat.format(time);
}

const relativeFormat = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['week', 7 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "3 days ago", "in 2 weeks"; "just now" under a minute. */
export function formatRelative(instant: string, now = Date.now()): string {
  const diff = Date.parse(instant) - now;
  for (const [unit, size] of UNITS) {
    if (Math.abs(diff) >= size) return relativeFormat.format(Math.round(diff / size), unit);
  }
  return 'just now';
}

/** Today's calendar date in the reader's time zone, YYYY-MM-DD. */
export function todayLocal(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Two letters for an avatar: "Avery Okafor" -> "AO". */
export function initialsOf(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0]![0], parts[parts.length - 1]![0]] : [parts[0]?.[0], parts[0]?.[1]];
  return letters.filter(Boolean).join('').toUpperCase();
}
