import { describe, expect, it } from 'vitest';
import { calendarDateSchema, dateProblem, dayInWords, dayNumber, daysBetween, isCalendarDate } from './dates.ts';

// daysBetween reads YYYY-MM-DD by character codes; it must agree with what Date.parse makes of the
// same text, including its leniency (Feb 30 is Mar 2) and its NaN for what is not a date.
const byDateParse = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

describe('daysBetween', () => {
  it.each([
    ['2026-01-01', '2026-12-31', 364],
    ['2024-02-28', '2024-03-01', 2],
    ['2026-02-28', '2026-03-01', 1],
    ['2026-03-01', '2026-02-28', -1],
    ['1999-12-31', '2000-03-01', 61],
    ['1900-02-28', '1900-03-01', 1],
    ['1970-01-01', '2026-11-26', 20_783],
    ['0000-03-01', '2000-03-01', 730_485],
    ['2026-02-30', '2026-03-02', 0],
  ])('%s to %s is %i days', (from, to, days) => {
    expect(daysBetween(from, to)).toBe(days);
    expect(byDateParse(from, to)).toBe(days);
  });

  it.each([
    ['2026-02-32'],
    ['2026-13-01'],
    ['2026-00-10'],
    ['2026-01-00'],
    ['2026-1-05'],
    ['2026-01-05T10:00:00Z'],
    [''],
    ['2026/01/05'],
  ])('treats %j as Date.parse does', (text) => {
    expect(daysBetween(text, '2026-01-05')).toStrictEqual(byDateParse(text, '2026-01-05'));
    expect(daysBetween('2026-01-05', text)).toStrictEqual(byDateParse('2026-01-05', text));
  });
});

// dayNumber reads by character codes too; it must agree with Date.UTC on the same digits, whatever they are
describe('dayNumber', () => {
  const byDateUtc = (text: string) =>
    Date.UTC(Number(text.slice(0, 4)), Number(text.slice(5, 7)) - 1, Number(text.slice(8, 10))) / 86_400_000;
  it.each([
    ['1970-01-01'],
    ['2026-11-26'],
    ['2024-02-29'],
    ['2026-02-30'],
    ['2026-01-31T23:59:59.999Z'],
    ['1900-03-01'],
    ['2400-02-29'],
    ['2026-13-01'],
    ['2026-00-10'],
    ['2026-01-00'],
    ['2026-02-32'],
    ['0099-06-01'],
    ['0000-01-01'],
  ])('%s as Date.UTC counts it', (text) => {
    expect(dayNumber(text)).toBe(byDateUtc(text));
  });
});

// What a person reads when a date is refused: what is wrong and how to fix it, never a format code.
describe('dateProblem', () => {
  it.each([
    ['2027-03-31', null],
    ['2024-02-29', null],
    ['1900-01-01', null],
    ['2999-12-31', null],
    ['2027-02-29', 'February 2027 has 28 days'],
    ['2027-04-31', 'April 2027 has 30 days'],
    ['2027-01-00', 'January 2027 has 31 days'],
    ['2027-13-01', 'There is no month 13: months run from 01 to 12'],
    ['3000-01-01', 'The year 3000 is out of range: pick a date between 1900 and 2999'],
    ['1899-12-31', 'The year 1899 is out of range: pick a date between 1900 and 2999'],
    ['31/03/2027', 'Enter a date such as 2027-03-31 (year, month, day)'],
    ['2027-3-31', 'Enter a date such as 2027-03-31 (year, month, day)'],
    ['', 'Enter a date such as 2027-03-31 (year, month, day)'],
  ])('%j: %s', (value, problem) => {
    expect(dateProblem(value)).toBe(problem);
    expect(isCalendarDate(value)).toBe(problem === null);
    const parsed = calendarDateSchema.safeParse(value);
    expect(parsed.success).toBe(problem === null);
    if (!parsed.success) expect(parsed.error.issues.map((i) => i.message)).toEqual([problem]);
  });
});

describe('a day in words', () => {
  it.each([
    ['2026-12-05', 'Dec 5, 2026'],
    ['2027-01-31', 'Jan 31, 2027'],
    ['2024-02-29', 'Feb 29, 2024'],
  ])('%s reads %s, whatever the server’s time zone', (day, words) => {
    expect(dayInWords(day)).toBe(words);
  });
});
