import type { CurrencySettings } from '../../../contract/currency.ts';
import { listInWords } from '../../../domain/text.ts';
import { isApiError } from '../../app/api.ts';

export type ImportProblem = { line: number; column: string; message: string };

const COLUMN_ORDER = ['line', 'currency', 'valid_from', 'rate'];

/**
 * The problems of a refused import, line by line: the API names each as `csv.<line>.<column>`
 * (contract/currency.ts). Empty for any other failure.
 */
export function importProblemsOf(error: unknown): ImportProblem[] {
  if (!isApiError(error, 'invalid-input')) return [];
  return Object.entries(error.fields)
    .flatMap(([field, message]) => {
      const match = /^csv\.(\d+)\.([a-z_]+)$/.exec(field);
      return match ? [{ line: Number(match[1]), column: match[2]!, message }] : [];
    })
    .sort((a, b) => a.line - b.line || COLUMN_ORDER.indexOf(a.column) - COLUMN_ORDER.indexOf(b.column));
}

/** How a column of the file is named to a person. */
export function columnLabel(column: string): string {
  return column === 'line' ? 'Whole line' : column;
}

/** "EUR (3 open deals) and GBP (1 open deal)" for the currencies without a rate today. */
export function missingInWords(settings: Pick<CurrencySettings, 'missing' | 'currenciesInUse'>): string {
  const parts = settings.missing.map((currency) => {
    const open = settings.currenciesInUse.find((c) => c.currency === currency)?.openOpportunities ?? 0;
    return `${currency} (${open} open deal${open === 1 ? '' : 's'})`;
  });
  return listInWords(parts);
}
