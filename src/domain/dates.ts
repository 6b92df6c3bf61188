import { z } from 'zod';

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD (2026-02-30 is not one), years 1900 to 2999. */
export function isCalendarDate(value: string): boolean {
  return dateProblem(value) === null;
}

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/**
 * What is wrong with a date as typed, in words a person can act on, or null when it is a real
 * calendar date written YYYY-MM-DD in the years we keep (1900 to 2999).
 */
export function dateProblem(value: string): string | null {
  const match = DATE_PATTERN.exec(value);
  if (!match) return 'Enter a date such as 2027-03-31 (year, month, day)';
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  if (m < 1 || m > 12) return `There is no month ${m}: months run from 01 to 12`;
  if (y < 1900 || y > 2999) return `The year ${y} is out of range: pick a date between 1900 and 2999`;
  const days = daysInMonth(y, m);
  if (d < 1 || d > days) return `${MONTH_NAMES[m - 1]} ${y} has ${days} days`;
  return null;
}

/** A zod check of a YYYY-MM-DD date that names what is wrong with it. */
export const calendarDateSchema = z.string().superRefine((value, ctx) => {
  const problem = dateProblem(value);
  if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
});

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The UTC calendar date of an instant, as YYYY-MM-DD. */
export function toDateOnly(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return toDateOnly(new Date(t));
}

const DAY_IN_WORDS = new Intl.DateTimeFormat('en-US', {
  month: 'short',
  day: 'numeric',
  year: 'numeric',
  timeZone: 'UTC',
});

/** A calendar day as people read it in a sentence ("Dec 5, 2026"), as the app shows days. */
export function dayInWords(date: string): string {
  return DAY_IN_WORDS.format(new Date(`${date}T00:00:00Z`));
}

export function daysBetween(from: string, to: string): number {
  const a = civilDay(from);
  const b = civilDay(to);
  if (a !== null && b !== null) return b - a;
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

const digit = (text: string, at: number) => {
  const c = text.charCodeAt(at) - 48;
  return c >= 0 && c <= 9 ? c : -1;
};

/**
 * Days since 1970-01-01 of a plain YYYY-MM-DD read by character codes (daysBetween runs for every
 * deal in every assessment), or null for anything else, left to Date.parse. A day past the end of
 * its month rolls over as Date.parse does (Feb 30 is Mar 2).
 */
function civilDay(date: string): number | null {
  if (date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) return null;
  const y0 = digit(date, 0),
    y1 = digit(date, 1),
    y2 = digit(date, 2),
    y3 = digit(date, 3);
  const m0 = digit(date, 5),
    m1 = digit(date, 6),
    d0 = digit(date, 8),
    d1 = digit(date, 9);
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) < 0) return null;
  return daysFromCivil(y0 * 1000 + y1 * 100 + y2 * 10 + y3, m0 * 10 + m1, d0 * 10 + d1);
}

/** Days since 1970-01-01 of a calendar day, or null when month or day is out of range. */
function daysFromCivil(y: number, month: number, day: number): number | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  // days from the civil date (H. Hinnant's algorithm): years start in March so leap days come last
  const year = y - (month <= 2 ? 1 : 0);
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** Days since 1970-01-01 of a YYYY-MM-DD (or the date part of an ISO timestamp), without string parsing by Date. */
export function dayNumber(date: string): number {
  const y =
    (date.charCodeAt(0) - 48) * 1000 +
    (date.charCodeAt(1) - 48) * 100 +
    (date.charCodeAt(2) - 48) * 10 +
    (date.charCodeAt(3) - 48);
  const m = (date.charCodeAt(5) - 48) * 10 + (date.charCodeAt(6) - 48);
  const d = (date.charCodeAt(8) - 48) * 10 + (date.charCodeAt(9) - 48);
  // the arithmetic of daysBetween (each fact's age is taken in every assessment); Date.UTC only for odd input
  const days = y >= 100 ? daysFromCivil(y, m, d) : null;
  return days ?? Date.UTC(y, m - 1, d) / 86_400_000;
}
