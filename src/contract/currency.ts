import { z } from 'zod';
import { readRate, readRateNumber } from '../domain/money/decimal.ts';
import { currencySchema, dateOnlySchema, plainText, timestampSchema } from './common.ts';

/**
 * Units of the reporting currency one unit of the currency is worth, as a decimal: "1.0845" (text
 * keeps it exact) or the number 1.0845. Answers always carry the text.
 */
export const rateSchema = z
  .union([z.string(), z.number()], { error: 'Enter the rate as a positive decimal number such as 1.0845' })
  .transform((value, ctx) => {
    const read = typeof value === 'number' ? readRateNumber(value) : readRate(value);
    if ('problem' in read) {
      ctx.addIssue({ code: 'custom', message: read.problem, input: value });
      return z.NEVER;
    }
    return read.rate;
  });

export const exchangeRateSchema = z.object({
  currency: z.string(),
  /** the first day the rate applies; it holds until the currency's next rate */
  validFrom: z.string(),
  rate: z.string(),
  createdAt: timestampSchema,
  createdByName: z.string(),
});
export type ExchangeRate = z.infer<typeof exchangeRateSchema>;

export const currencyInUseSchema = z.object({
  currency: z.string(),
  /** the caller's visible opportunities in this currency (open or closed, not deleted) */
  opportunities: z.number().int(),
  openOpportunities: z.number().int(),
});

export const currencySettingsSchema = z.object({
  reportingCurrency: z.string(),
  /** by currency, newest first */
  rates: z.array(exchangeRateSchema),
  currenciesInUse: z.array(currencyInUseSchema),
  /** currencies of open opportunities with no rate today: their amounts cannot be converted */
  missing: z.array(z.string()),
});
export type CurrencySettings = z.infer<typeof currencySettingsSchema>;

export const reportingCurrencyBodySchema = z.strictObject({
  reportingCurrency: currencySchema,
  /**
   * The rates are quoted in the reporting currency, so they cannot stay when it changes: without
   * this, a change while rates exist is refused (409) and says how many there are.
   */
  discardRates: z.boolean().optional(),
});

export const reportingCurrencyResultSchema = z.object({
  reportingCurrency: z.string(),
  discardedRates: z.number().int(),
});

export const rateBodySchema = z.strictObject({
  currency: currencySchema,
  validFrom: dateOnlySchema,
  rate: rateSchema,
});

export const rateParamsSchema = z.object({ currency: currencySchema, validFrom: dateOnlySchema });

/** 1 MB of CSV at most (the body limit); the lines are checked one by one by the service. */
export const rateImportBodySchema = z.strictObject({
  /**
   * The file's text: a header `currency,valid_from,rate`, then one rate a line. A line that is not
   * valid is named in the 400's fields as `csv.<line>.<column>` (line 1 is the header; column is
   * currency, valid_from, rate, or line for the line as a whole), and nothing is imported.
   */
  csv: plainText(z.string().min(1, 'Choose a CSV file of rates').max(1_000_000, 'At most 1 MB of CSV at a time'), {
    multiline: true,
  }),
});

export const rateImportResultSchema = z.object({
  added: z.number().int(),
  updated: z.number().int(),
  /** lines that gave a rate already stored */
  unchanged: z.number().int(),
});
export type RateImportResult = z.infer<typeof rateImportResultSchema>;
