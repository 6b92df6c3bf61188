import { toMajorUnits, toMinorUnits } from '../../../domain/currency.ts';
import type { FieldDef } from './queries.ts';

/**
 * What a person has typed for one fact's value, whatever the field's type: the form keeps every
 * shape side by side, so switching fields never loses or misreads input, and `readDraft` turns
 * the one that matters into the value the API expects.
 */
export type ValueDraft = {
  /** text, date, enum, evaluator and alternative values */
  text: string;
  /** enumList and evaluators values */
  list: string[];
  bool: boolean | null;
  /** percentage and threat, as typed */
  number: string;
  /** money in major units, as typed */
  amount: string;
  currency: string;
  per: 'month' | 'quarter';
  period: 'year' | 'quarter' | 'one_time';
  metric: { name: string; baseline: string; target: string; unit: string };
};

export type DraftField = Pick<FieldDef, 'kind' | 'options'>;

export function blankDraft(currency: string): ValueDraft {
  return {
    text: '',
    list: [],
    bool: null,
    number: '',
    amount: '',
    currency,
    per: 'month',
    period: 'year',
    metric: { name: '', baseline: '', target: '', unit: '' },
  };
}

type Money = { amountMinor: number; currency: string };

const asMoney = (value: unknown): Money | null =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Money).amountMinor === 'number' &&
  typeof (value as Money).currency === 'string'
    ? (value as Money)
    : null;

/** A recorded value back in the form, to change it. */
export function draftFromValue(field: DraftField, value: unknown, currency: string): ValueDraft {
  const draft = blankDraft(currency);
  if (value === null || value === undefined) return draft;
  switch (field.kind) {
    case 'enumList':
    case 'evaluators':
      return { ...draft, list: Array.isArray(value) ? value.map(String) : [] };
    case 'boolean':
      return { ...draft, bool: value === true };
    case 'percentage':
    case 'threat':
      return { ...draft, number: String(value) };
    case 'money':
    case 'costOfDelay':
    case 'impact': {
      const money = asMoney(value);
      if (!money) return draft;
      const extra = value as { per?: ValueDraft['per']; period?: ValueDraft['period'] };
      return {
        ...draft,
        amount: String(toMajorUnits(money.amountMinor, money.currency)),
        currency: money.currency,
        per: extra.per ?? draft.per,
        period: extra.period ?? draft.period,
      };
    }
    case 'metric': {
      const m = value as { name?: unknown; baseline?: unknown; target?: unknown; unit?: unknown };
      return {
        ...draft,
        metric: {
          name: String(m.name ?? ''),
          baseline: String(m.baseline ?? ''),
          target: String(m.target ?? ''),
          unit: String(m.unit ?? ''),
        },
      };
    }
    default:
      return { ...draft, text: String(value) };
  }
}

export type DraftRead = { ok: true; value: unknown } | { ok: false; error: string };

const fail = (error: string): DraftRead => ({ ok: false, error });

/** Parses a number as people type it: "1,250,000" and " 12.5 " are numbers, "" and "abc" are not. */
export function parseNumber(text: string): number | null {
  const cleaned = text.replaceAll(',', '').trim();
  if (cleaned === '' || !/^-?\d*\.?\d+$/.test(cleaned)) return null;
  return Number(cleaned);
}

function readMoney(draft: ValueDraft): { ok: true; money: Money } | { ok: false; error: string } {
  const amount = parseNumber(draft.amount);
  if (amount === null) return { ok: false, error: 'Enter an amount' };
  if (amount < 0) return { ok: false, error: 'An amount cannot be negative' };
  if (!draft.currency) return { ok: false, error: 'Choose a currency' };
  return { ok: true, money: { amountMinor: toMinorUnits(amount, draft.currency), currency: draft.currency } };
}

/** The value the API expects for a field, or what is missing, checked before anything is sent. */
export function readDraft(field: DraftField, draft: ValueDraft): DraftRead {
  switch (field.kind) {
    case 'text': {
      const text = draft.text.trim();
      return text ? { ok: true, value: text } : fail('Write what you learned');
    }
    case 'enum':
    case 'evaluator':
    case 'alternative':
      return draft.text ? { ok: true, value: draft.text } : fail('Choose one');
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(draft.text) ? { ok: true, value: draft.text } : fail('Choose a date');
    case 'enumList':
    case 'evaluators':
      return draft.list.length > 0 ? { ok: true, value: draft.list } : fail('Choose at least one');
    case 'boolean':
      return draft.bool === null ? fail('Choose yes or no') : { ok: true, value: draft.bool };
    case 'percentage': {
      const n = parseNumber(draft.number);
      if (n === null || !Number.isInteger(n) || n < 0 || n > 100) return fail('A whole number from 0 to 100');
      return { ok: true, value: n };
    }
    case 'threat': {
      const n = parseNumber(draft.number);
      if (n === null || !Number.isInteger(n) || n < 1 || n > 4) return fail('Choose from 1 (low) to 4 (very high)');
      return { ok: true, value: n };
    }
    case 'money': {
      const read = readMoney(draft);
      return read.ok ? { ok: true, value: read.money } : fail(read.error);
    }
    case 'costOfDelay': {
      const read = readMoney(draft);
      return read.ok ? { ok: true, value: { ...read.money, per: draft.per } } : fail(read.error);
    }
    case 'impact': {
      const read = readMoney(draft);
      return read.ok ? { ok: true, value: { ...read.money, period: draft.period } } : fail(read.error);
    }
    case 'metric': {
      const name = draft.metric.name.trim();
      const baseline = parseNumber(draft.metric.baseline);
      const target = parseNumber(draft.metric.target);
      if (!name) return fail('Name the metric');
      if (baseline === null) return fail('Enter the baseline as a number');
      if (target === null) return fail('Enter the target as a number');
      return { ok: true, value: { name, baseline, target, unit: draft.metric.unit.trim() } };
    }
    default:
      return fail(`This form cannot record "${field.kind}" values`);
  }
}
