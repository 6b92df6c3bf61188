import { describe, expect, it } from 'vitest';
import { formatApproxMoney } from './format.ts';

describe('an estimate in money', () => {
  it.each([
    [1_047_873, 'EUR', '€10,500'],
    [4_999, 'USD', '$50'],
    [123_456_789, 'USD', '$1,230,000'],
    [1_049_999, 'JPY', '¥1,050,000'],
    [-1_047_873, 'EUR', '-€10,500'],
  ])('%i %s reads as %s, three significant figures and no cents', (minor, currency, expected) => {
    expect(formatApproxMoney(minor, currency)).toBe(expected);
  });
});
