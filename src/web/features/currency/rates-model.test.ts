import { describe, expect, it } from 'vitest';
import { ApiError } from '../../app/api.ts';
import { importProblemsOf, missingInWords } from './rates-model.ts';

describe('importProblemsOf', () => {
  it('reads the lines of a refused import in line order, the whole line before its columns', () => {
    const error = new ApiError(400, 'invalid-input', 'The CSV has problems', {
      fields: {
        'csv.12.rate': 'A rate must be more than 0',
        'csv.3.valid_from': 'February 2026 has 28 days',
        'csv.3.currency': 'Unknown currency code EUX',
        'csv.7.line': 'Expected 3 values',
        other: 'not a line',
      },
    });
    expect(importProblemsOf(error)).toEqual([
      { line: 3, column: 'currency', message: 'Unknown currency code EUX' },
      { line: 3, column: 'valid_from', message: 'February 2026 has 28 days' },
      { line: 7, column: 'line', message: 'Expected 3 values' },
      { line: 12, column: 'rate', message: 'A rate must be more than 0' },
    ]);
  });

  it.each([
    ['another error', new ApiError(403, 'forbidden', 'Only an administrator can do this')],
    ['a body refused as a whole', new ApiError(400, 'invalid-input', 'Bad', { fields: { csv: 'Required' } })],
    ['no API error at all', new Error('offline')],
  ])('finds no lines in %s', (_what, error) => {
    expect(importProblemsOf(error)).toEqual([]);
  });
});

describe('missingInWords', () => {
  const currenciesInUse = [
    { currency: 'EUR', opportunities: 4, openOpportunities: 3 },
    { currency: 'GBP', opportunities: 1, openOpportunities: 1 },
    { currency: 'CHF', opportunities: 2, openOpportunities: 2 },
  ];
  it.each([
    [[], ''],
    [['GBP'], 'GBP (1 open deal)'],
    [['EUR', 'GBP'], 'EUR (3 open deals) and GBP (1 open deal)'],
    [['EUR', 'GBP', 'CHF'], 'EUR (3 open deals), GBP (1 open deal) and CHF (2 open deals)'],
  ])('%j reads %j', (missing, words) => {
    expect(missingInWords({ missing, currenciesInUse })).toBe(words);
  });
});
