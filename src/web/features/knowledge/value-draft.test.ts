import { describe, expect, it } from 'vitest';
import { blankDraft, draftFromValue, parseNumber, readDraft, type DraftField, type ValueDraft } from './value-draft.ts';

const draft = (patch: Partial<ValueDraft>): ValueDraft => ({ ...blankDraft('USD'), ...patch });
const enumField: DraftField = { kind: 'enum', options: ['allocated', 'none'] };

describe('reading what a person typed into the value the API expects', () => {
  it.each<[string, DraftField, Partial<ValueDraft>, unknown]>([
    ['text is trimmed', { kind: 'text' }, { text: '  Churn hurts  ' }, 'Churn hurts'],
    ['an enum is its code', enumField, { text: 'allocated' }, 'allocated'],
    [
      'a list keeps its order',
      { kind: 'enumList', options: ['coach', 'approver'] },
      { list: ['approver', 'coach'] },
      ['approver', 'coach'],
    ],
    ['yes', { kind: 'boolean' }, { bool: true }, true],
    ['no is an answer, not a blank', { kind: 'boolean' }, { bool: false }, false],
    ['a date', { kind: 'date' }, { text: '2027-01-31' }, '2027-01-31'],
    ['a percentage', { kind: 'percentage' }, { number: '40' }, 40],
    ['a threat level', { kind: 'threat' }, { number: '3' }, 3],
    [
      'money in minor units',
      { kind: 'money' },
      { amount: '1,250,000.5', currency: 'USD' },
      { amountMinor: 125_000_050, currency: 'USD' },
    ],
    [
      'money in a currency without cents',
      { kind: 'money' },
      { amount: '5000', currency: 'JPY' },
      { amountMinor: 5000, currency: 'JPY' },
    ],
    [
      'cost of delay per quarter',
      { kind: 'costOfDelay' },
      { amount: '20000', per: 'quarter' },
      { amountMinor: 2_000_000, currency: 'USD', per: 'quarter' },
    ],
    [
      'a one-time impact',
      { kind: 'impact' },
      { amount: '90000', period: 'one_time' },
      { amountMinor: 9_000_000, currency: 'USD', period: 'one_time' },
    ],
    [
      'a metric with a negative baseline',
      { kind: 'metric' },
      { metric: { name: ' Margin ', baseline: '-2.5', target: '4', unit: '%' } },
      { name: 'Margin', baseline: -2.5, target: 4, unit: '%' },
    ],
    ['an evaluator reference', { kind: 'evaluator' }, { text: 'ev-1' }, 'ev-1'],
    ['us as the favoured alternative', { kind: 'alternative' }, { text: 'us' }, 'us'],
  ])('%s', (_name, field, typed, expected) => {
    expect(readDraft(field, draft(typed))).toEqual({ ok: true, value: expected });
  });

  it.each<[string, DraftField, Partial<ValueDraft>, string]>([
    ['empty text', { kind: 'text' }, { text: '   ' }, 'Write what you learned'],
    ['no option chosen', enumField, {}, 'Choose one'],
    ['an empty list', { kind: 'enumList', options: ['coach'] }, {}, 'Choose at least one'],
    ['neither yes nor no', { kind: 'boolean' }, {}, 'Choose yes or no'],
    ['a half-typed date', { kind: 'date' }, { text: '2027-01' }, 'Choose a date'],
    ['a percentage above 100', { kind: 'percentage' }, { number: '120' }, 'A whole number from 0 to 100'],
    ['a fractional percentage', { kind: 'percentage' }, { number: '12.5' }, 'A whole number from 0 to 100'],
    ['a threat of 5', { kind: 'threat' }, { number: '5' }, 'Choose from 1 (low) to 4 (very high)'],
    ['money without an amount', { kind: 'money' }, { amount: '' }, 'Enter an amount'],
    ['money that is not a number', { kind: 'money' }, { amount: 'lots' }, 'Enter an amount'],
    [
      'a metric without a name',
      { kind: 'metric' },
      { metric: { name: '', baseline: '1', target: '2', unit: '' } },
      'Name the metric',
    ],
    [
      'a metric without a target',
      { kind: 'metric' },
      { metric: { name: 'NPS', baseline: '1', target: '', unit: '' } },
      'Enter the target as a number',
    ],
  ])('refuses %s', (_name, field, typed, error) => {
    expect(readDraft(field, draft(typed))).toEqual({ ok: false, error });
  });
});

describe('putting a recorded value back into the form', () => {
  it.each<[string, DraftField, unknown]>([
    ['an enum', enumField, 'none'],
    ['a list', { kind: 'enumList', options: ['coach', 'approver'] }, ['coach']],
    ['a boolean', { kind: 'boolean' }, false],
    ['a threat', { kind: 'threat' }, 2],
    ['money', { kind: 'money' }, { amountMinor: 12_345, currency: 'EUR' }],
    ['an impact', { kind: 'impact' }, { amountMinor: 500_000, currency: 'GBP', period: 'quarter' }],
    ['a metric', { kind: 'metric' }, { name: 'Churn', baseline: 14, target: 8, unit: '%' }],
  ])('%s reads back unchanged', (_name, field, value) => {
    expect(readDraft(field, draftFromValue(field, value, 'USD'))).toEqual({ ok: true, value });
  });

  it('keeps the currency of the recorded money rather than the deal currency', () => {
    expect(draftFromValue({ kind: 'money' }, { amountMinor: 100, currency: 'CHF' }, 'USD').currency).toBe('CHF');
  });
});

describe('numbers as people type them', () => {
  it.each<[string, number | null]>([
    ['1,250', 1250],
    [' 12.5 ', 12.5],
    ['-3', -3],
    ['.5', 0.5],
    ['', null],
    ['12a', null],
    ['1.2.3', null],
  ])('%j -> %j', (text, expected) => {
    expect(parseNumber(text)).toBe(expected);
  });
});
