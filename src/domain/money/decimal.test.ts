import { describe, expect, it } from 'vitest';
import { decimalOfNumber, readRate, readRateNumber } from './decimal.ts';

describe('readRate', () => {
  it.each([
    ['1.0845', '1.0845'],
    ['  1.0845 ', '1.0845'],
    ['01.08450', '1.0845'],
    ['2', '2'],
    ['2.000', '2'],
    ['0.0000121', '0.0000121'],
    ['000.5', '0.5'],
    ['150.5', '150.5'],
    ['0.000000000001', '0.000000000001'],
    ['999999999', '999999999'],
    ['123456789.123456', '123456789.123456'],
  ])('keeps %j as %j', (text, rate) => {
    expect(readRate(text)).toEqual({ rate });
  });

  it.each([
    ['', /positive decimal/],
    ['abc', /positive decimal/],
    ['-1.2', /positive decimal/],
    ['+1.2', /positive decimal/],
    ['1,08', /positive decimal/],
    ['.5', /positive decimal/],
    ['1.', /positive decimal/],
    ['1e-5', /positive decimal/],
    ['1.2.3', /positive decimal/],
    ['0', /more than 0/],
    ['0.000', /more than 0/],
    ['0.0000000000001', /at most 12 decimal places/],
    ['1000000000', /larger than any/],
    ['123456789.1234567', /at most 15 significant digits/],
  ])('refuses %j', (text, problem) => {
    const read = readRate(text);
    expect('problem' in read && read.problem).toMatch(problem);
  });
});

describe('readRateNumber', () => {
  it.each([
    [1.0845, '1.0845'],
    [1.1, '1.1'],
    [2, '2'],
    [1.5e-7, '0.00000015'],
    [0.0000121, '0.0000121'],
  ])('reads %d as %j', (value, rate) => {
    expect(readRateNumber(value)).toEqual({ rate });
  });

  it.each([[0], [-1.2], [Number.NaN], [Number.POSITIVE_INFINITY], [1e21], [1e-13]])('refuses %d', (value) => {
    expect('problem' in readRateNumber(value)).toBe(true);
  });
});

describe('decimalOfNumber', () => {
  it.each([
    [1.0845, 10845n, 4],
    [1.1, 11n, 1],
    [150, 150n, 0],
    [1e-7, 1n, 7],
    [1.5e-7, 15n, 8],
    [1e21, 10n ** 21n, 0],
  ])('%d is %s over 10^%i', (value, digits, scale) => {
    expect(decimalOfNumber(value)).toEqual({ digits, scale });
  });

  it('reads back every rate the contract accepts as the same decimal', () => {
    for (const text of ['1.0845', '0.0000121', '123456789.123456', '0.000000000001', '999999999', '0.3075']) {
      const { digits, scale } = decimalOfNumber(Number(text));
      const [whole = '', fraction = ''] = text.split('.');
      expect({ digits, scale }).toEqual({ digits: BigInt(whole + fraction), scale: fraction.length });
    }
  });
});
