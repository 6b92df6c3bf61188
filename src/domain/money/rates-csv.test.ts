import { describe, expect, it } from 'vitest';
import { readRatesCsv, RATE_CSV_MAX_LINES } from './rates-csv.ts';

const HEADER = 'currency,valid_from,rate';
const csv = (...lines: string[]) => [HEADER, ...lines].join('\n');

describe('readRatesCsv', () => {
  it('reads every line, canonical, with its line number (blank lines counted, not read)', () => {
    const text = `\uFEFF${HEADER}\r\nEUR,2026-01-01,1.0800\r\n\r\n gbp , 2026-01-01 ,"1.27"\r\nJPY,2026-01-01,0.0067\r\n`;
    expect(readRatesCsv(text, 'USD')).toEqual({
      ok: true,
      lines: [
        { line: 2, currency: 'EUR', validFrom: '2026-01-01', rate: '1.08' },
        { line: 4, currency: 'GBP', validFrom: '2026-01-01', rate: '1.27' },
        { line: 5, currency: 'JPY', validFrom: '2026-01-01', rate: '0.0067' },
      ],
    });
  });

  it('takes the columns in any order, and line endings mixed', () => {
    expect(
      readRatesCsv('rate,Currency,VALID_FROM\r\n1.1,EUR,2026-02-01\n1.2,EUR,2026-03-01\r1.3,EUR,2026-04-01', 'USD'),
    ).toEqual({
      ok: true,
      lines: [
        { line: 2, currency: 'EUR', validFrom: '2026-02-01', rate: '1.1' },
        { line: 3, currency: 'EUR', validFrom: '2026-03-01', rate: '1.2' },
        { line: 4, currency: 'EUR', validFrom: '2026-04-01', rate: '1.3' },
      ],
    });
  });

  it.each([
    [
      'an unknown currency code',
      csv('EUX,2026-01-01,1.1'),
      [{ line: 2, field: 'currency', message: 'Unknown currency code EUX' }],
    ],
    ['no currency', csv(',2026-01-01,1.1'), [{ line: 2, field: 'currency', message: /three-letter code/ }]],
    [
      'the reporting currency',
      csv('USD,2026-01-01,1'),
      [{ line: 2, field: 'currency', message: /reporting currency/ }],
    ],
    [
      'a date that is not one',
      csv('EUR,2026-02-30,1.1'),
      [{ line: 2, field: 'valid_from', message: 'February 2026 has 28 days' }],
    ],
    [
      'a date written another way',
      csv('EUR,01/02/2026,1.1'),
      [{ line: 2, field: 'valid_from', message: /2027-03-31/ }],
    ],
    ['a rate of zero', csv('EUR,2026-01-01,0'), [{ line: 2, field: 'rate', message: /more than 0/ }]],
    ['a negative rate', csv('EUR,2026-01-01,-1.1'), [{ line: 2, field: 'rate', message: /positive decimal/ }]],
    [
      'a rate that is not a number',
      csv('EUR,2026-01-01,abc'),
      [{ line: 2, field: 'rate', message: /positive decimal/ }],
    ],
    ['an empty rate', csv('EUR,2026-01-01,'), [{ line: 2, field: 'rate', message: /positive decimal/ }]],
    [
      'a decimal comma',
      csv('EUR,2026-01-01,1,08'),
      [{ line: 2, field: 'line', message: /found 4 \(a decimal comma\? write 1\.0845\)/ }],
    ],
    ['too few values', csv('EUR,2026-01-01'), [{ line: 2, field: 'line', message: /Expected 3 values .* found 2$/ }]],
    [
      'a duplicate line, named with the first',
      csv('EUR,2026-01-01,1.1', 'GBP,2026-01-01,1.3', 'eur,2026-01-01,1.1'),
      [{ line: 4, field: 'valid_from', message: /^Line 2 already gives EUR a rate from 2026-01-01/ }],
    ],
    [
      'every problem of a line, and of every line',
      csv('EUR,2026-01-01,1.1', 'XXX,2026-13-01,nope', '', 'GBP,2026-01-01,0'),
      [
        { line: 3, field: 'currency', message: 'Unknown currency code XXX' },
        { line: 3, field: 'valid_from', message: /no month 13/ },
        { line: 3, field: 'rate', message: /positive decimal/ },
        { line: 5, field: 'rate', message: /more than 0/ },
      ],
    ],
    [
      'a wrong header',
      'code,date,rate\nEUR,2026-01-01,1.1',
      [{ line: 1, field: 'line', message: /must name the columns currency,valid_from,rate/ }],
    ],
    [
      'a header naming a column twice',
      'currency,rate,rate\nEUR,1.1,1.1',
      [{ line: 1, field: 'line', message: /each once/ }],
    ],
    ['an empty file', '', [{ line: 1, field: 'line', message: /empty/ }]],
    ['a header alone', HEADER, [{ line: 1, field: 'line', message: /no rates/ }]],
    [
      'a quote never closed',
      csv('EUR,2026-01-01,1.1', '"GBP,2026-01-01,1.2'),
      [{ line: 3, field: 'line', message: /never closed/ }],
    ],
    ['a stray quote', csv('EU"R,2026-01-01,1.1'), [{ line: 2, field: 'line', message: /quote/ }]],
  ])('refuses %s', (_what, text, problems) => {
    const read = readRatesCsv(text, 'USD');
    expect(read.ok).toBe(false);
    expect(read.ok ? [] : read.problems).toEqual(
      problems.map((p) =>
        expect.objectContaining(
          typeof p.message === 'string' ? p : { ...p, message: expect.stringMatching(p.message) },
        ),
      ),
    );
  });

  it(`refuses more than ${RATE_CSV_MAX_LINES} rates, naming the first line too many`, () => {
    const lines = Array.from(
      { length: RATE_CSV_MAX_LINES + 1 },
      (_, i) => `EUR,${2000 + Math.floor(i / 365)}-01-01,1.1`,
    );
    const read = readRatesCsv(csv(...lines), 'USD');
    expect(read).toEqual({
      ok: false,
      problems: [{ line: RATE_CSV_MAX_LINES + 2, field: 'line', message: expect.stringMatching(/split the file/) }],
    });
  });
});
