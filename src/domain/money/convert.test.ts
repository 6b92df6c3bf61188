import { describe, expect, it } from 'vitest';
import { conversionFactors, convertMinor, missingRates, type RateBook } from './convert.ts';

// USD reporting; EUR changes on the first of three months, GBP once, JPY and KWD once each.
const usd: RateBook = {
  reportingCurrency: 'USD',
  rates: [
    // listed out of order on purpose: the book is read in date order whatever order it comes in
    { currency: 'EUR', validFrom: '2026-03-01', rate: 1.12 },
    { currency: 'EUR', validFrom: '2026-01-01', rate: 1.08 },
    { currency: 'EUR', validFrom: '2026-02-01', rate: 1.1 },
    { currency: 'GBP', validFrom: '2026-01-15', rate: 1.27 },
    { currency: 'JPY', validFrom: '2026-01-01', rate: 0.0067 },
    { currency: 'KWD', validFrom: '2026-01-01', rate: 3.25 },
    { currency: 'CHF', validFrom: '2026-01-01', rate: 1.005 },
    { currency: 'SEK', validFrom: '2026-01-01', rate: 0.0955555555555 },
    { currency: 'IDR', validFrom: '2026-01-01', rate: 6.1e-5 },
  ],
};
const jpy: RateBook = {
  reportingCurrency: 'JPY',
  rates: [
    { currency: 'USD', validFrom: '2026-01-01', rate: 150.5 },
    { currency: 'KWD', validFrom: '2026-01-01', rate: 489.123 },
  ],
};
const kwd: RateBook = {
  reportingCurrency: 'KWD',
  rates: [
    { currency: 'USD', validFrom: '2026-01-01', rate: 0.3075 },
    { currency: 'JPY', validFrom: '2026-01-01', rate: 0.002045 },
  ],
};

describe('convertMinor', () => {
  it.each([
    // what, book, amount, currency, on, expected
    ['the reporting currency itself, unchanged', usd, 123_456, 'USD', '1999-01-01', 123_456],
    [
      'the reporting currency even with no rates at all',
      { reportingCurrency: 'EUR', rates: [] },
      7,
      'EUR',
      '2026-01-01',
      7,
    ],
    ['a day before the first rate: none', usd, 10_000, 'EUR', '2025-12-31', null],
    ['the first rate, on its first day', usd, 10_000, 'EUR', '2026-01-01', 10_800],
    ['the first rate, the day before the change', usd, 10_000, 'EUR', '2026-01-31', 10_800],
    ['on the day of a change: the new rate', usd, 10_000, 'EUR', '2026-02-01', 11_000],
    ['between changes: the latest before', usd, 10_000, 'EUR', '2026-02-28', 11_000],
    ['after the last change: the last rate, however far on', usd, 10_000, 'EUR', '2031-06-30', 11_200],
    ['a currency whose first rate comes later', usd, 10_000, 'GBP', '2026-01-14', null],
    ['the same currency on its first day', usd, 10_000, 'GBP', '2026-01-15', 12_700],
    ['a currency without any rate', usd, 10_000, 'NOK', '2026-06-01', null],
    ['a code nobody knows', usd, 10_000, 'XYZ', '2026-06-01', null],
    ['zero', usd, 0, 'EUR', '2026-02-01', 0],
    // precision: exact decimal arithmetic, rounded half away from zero
    ['1.005 x 100 cents is 100.5: up to 101 (binary doubles give 100.4999...)', usd, 100, 'CHF', '2026-01-01', 101],
    ['1.005 x 300 cents is 301.5: up to 302', usd, 300, 'CHF', '2026-01-01', 302],
    ['1.005 x 99 cents is 99.495: down to 99', usd, 99, 'CHF', '2026-01-01', 99],
    ['a negative amount rounds away from zero too', usd, -100, 'CHF', '2026-01-01', -101],
    ['1.1 x 5 cents is 5.5: up to 6', usd, 5, 'EUR', '2026-02-15', 6],
    ['a 13-digit rate on a large amount', usd, 123_456_789_012, 'SEK', '2026-01-01', 11_796_982_061],
    ['the largest amount a deal holds, exactly', usd, 1e15, 'EUR', '2026-01-01', 1.08e15],
    ['a rate written in exponent form by JavaScript (6.1e-5)', usd, 100_000_000, 'IDR', '2026-01-01', 6_100],
    // minor units: JPY has none, KWD three
    ['yen (no minor unit) to cents', usd, 10_000, 'JPY', '2026-01-01', 6_700],
    ['one yen is two thirds of a cent: rounds to 1', usd, 1, 'JPY', '2026-01-01', 1],
    ['fils (three decimals) to cents', usd, 1_000, 'KWD', '2026-01-01', 325],
    ['5 fils are 1.625 cents: 2', usd, 5, 'KWD', '2026-01-01', 2],
    ['cents to yen: 1.00 USD is 150.5 yen, up to 151', jpy, 100, 'USD', '2026-01-01', 151],
    ['cents to yen: 0.01 USD is 1.505 yen, up to 2', jpy, 1, 'USD', '2026-01-01', 2],
    ['fils to yen: 1.000 KWD is 489.123 yen', jpy, 1_000, 'KWD', '2026-01-01', 489],
    ['fils to yen: 0.500 KWD is 244.5615 yen', jpy, 500, 'KWD', '2026-01-01', 245],
    ['cents to fils: 1.00 USD is 0.3075 KWD, 307.5 fils, up to 308', kwd, 100, 'USD', '2026-01-01', 308],
    ['yen to fils: 1,000 yen is 2.045 KWD', kwd, 1_000, 'JPY', '2026-01-01', 2_045],
    ['yen to fils: 1 yen is 2.045 fils', kwd, 1, 'JPY', '2026-01-01', 2],
  ] as const)('%s', (_what, book, amount, currency, on, expected) => {
    expect(convertMinor(book, amount, currency, on)).toBe(expected);
  });

  it('refuses an amount that is not whole minor units', () => {
    expect(() => convertMinor(usd, 10.5, 'EUR', '2026-02-01')).toThrow(/whole number/);
  });

  it('reads a book again after it was read once (the index is made per book)', () => {
    const book: RateBook = { reportingCurrency: 'USD', rates: [{ currency: 'EUR', validFrom: '2026-01-01', rate: 2 }] };
    expect(convertMinor(book, 100, 'EUR', '2026-05-01')).toBe(200);
    const other: RateBook = { ...book, rates: [{ currency: 'EUR', validFrom: '2026-01-01', rate: 3 }] };
    expect(convertMinor(other, 100, 'EUR', '2026-05-01')).toBe(300);
    expect(convertMinor(book, 100, 'EUR', '2026-05-01')).toBe(200);
  });
});

describe('missingRates', () => {
  it.each([
    ['nothing when every use has a rate', [{ currency: 'EUR', onDate: '2026-02-01' }], []],
    ['nothing for the reporting currency', [{ currency: 'USD', onDate: '1990-01-01' }], []],
    ['nothing for no uses', [], []],
    [
      'a use before its currency’s first rate, and a currency without any',
      [
        { currency: 'EUR', onDate: '2025-12-31' },
        { currency: 'EUR', onDate: '2026-01-01' },
        { currency: 'NOK', onDate: '2026-03-01' },
      ],
      [
        { currency: 'EUR', onDate: '2025-12-31' },
        { currency: 'NOK', onDate: '2026-03-01' },
      ],
    ],
    [
      'each (currency, day) once, in the order first met',
      [
        { currency: 'NOK', onDate: '2026-03-01' },
        { currency: 'GBP', onDate: '2026-01-01' },
        { currency: 'NOK', onDate: '2026-03-01' },
        { currency: 'NOK', onDate: '2026-03-02' },
      ],
      [
        { currency: 'NOK', onDate: '2026-03-01' },
        { currency: 'GBP', onDate: '2026-01-01' },
        { currency: 'NOK', onDate: '2026-03-02' },
      ],
    ],
  ] as const)('%s', (_what, uses, expected) => {
    expect(missingRates(usd, uses)).toEqual(expected);
  });

  it('agrees with convertMinor on every use', () => {
    const days = ['2025-12-31', '2026-01-01', '2026-01-14', '2026-01-15', '2026-02-01', '2027-01-01'];
    const uses = ['USD', 'EUR', 'GBP', 'NOK', 'JPY'].flatMap((currency) =>
      days.map((onDate) => ({ currency, onDate })),
    );
    const missing = missingRates(usd, uses);
    for (const use of uses) {
      const converted = convertMinor(usd, 100, use.currency, use.onDate);
      expect(missing.some((m) => m.currency === use.currency && m.onDate === use.onDate)).toBe(converted === null);
    }
  });
});

describe('conversionFactors', () => {
  it.each([
    // book, day, expected: reporting minor units per minor unit
    [
      'USD on 2026-02-10: EUR at February’s rate, GBP, yen (no minor unit) and dinar (three)',
      usd,
      '2026-02-10',
      { USD: 1, EUR: 1.1, GBP: 1.27, JPY: 0.67, KWD: 0.325, CHF: 1.005, SEK: 0.0955555555555, IDR: 6.1e-5 },
    ],
    ['USD before any rate: the reporting currency only', usd, '2025-12-31', { USD: 1 }],
    [
      'USD on 2026-01-14: no GBP yet',
      usd,
      '2026-01-14',
      { USD: 1, EUR: 1.08, JPY: 0.67, KWD: 0.325, CHF: 1.005, SEK: 0.0955555555555, IDR: 6.1e-5 },
    ],
    ['JPY reporting: cents to yen, fils to yen', jpy, '2026-06-01', { JPY: 1, USD: 1.505, KWD: 0.489123 }],
  ] as const)('%s', (_what, book, day, expected) => {
    expect(Object.fromEntries(conversionFactors(book, day))).toEqual(expected);
  });

  it('ranks as convertMinor converts: a larger product never converts to less', () => {
    const factors = conversionFactors(usd, '2026-03-05');
    const amounts = [1, 99, 12_345, 1_000_000, 987_654_321, 123_456_789_012];
    const pairs = [...factors.keys()].flatMap((currency) => amounts.map((amount) => ({ currency, amount })));
    const sorted = [...pairs].sort((a, b) => a.amount * factors.get(a.currency)! - b.amount * factors.get(b.currency)!);
    const converted = sorted.map((p) => convertMinor(usd, p.amount, p.currency, '2026-03-05')!);
    for (let i = 1; i < converted.length; i++) expect(converted[i]).toBeGreaterThanOrEqual(converted[i - 1]!);
  });
});
