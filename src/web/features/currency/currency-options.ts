import { CURRENCY_CODES } from '../../../domain/currency.ts';

const COMMON_CURRENCIES = ['USD', 'EUR', 'GBP', 'CAD', 'AUD', 'CHF', 'JPY', 'SEK'];

/** The currency picker's options, the common ones first; `leaveOut` is not offered. */
export function currencyOptions(leaveOut?: string) {
  const keep = (c: string) => c !== leaveOut;
  return [
    { group: 'Common', items: COMMON_CURRENCIES.filter(keep) },
    { group: 'All currencies', items: CURRENCY_CODES.filter((c) => !COMMON_CURRENCIES.includes(c) && keep(c)) },
  ];
}
