import { describe, expect, it } from 'vitest';
import { dayNumber, daysBetween } from './dates.ts';

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
