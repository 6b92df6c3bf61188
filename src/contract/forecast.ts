import { z } from 'zod';
import { FORECAST_CATEGORIES } from '../domain/enums.ts';
import { FORECAST_METHODS } from '../domain/forecast/rollup.ts';
import { WATERFALL_STEP_KINDS, WATERFALL_STEPS } from '../domain/forecast/waterfall.ts';
import { parsePeriod } from '../domain/periods.ts';
import { amountMinorSchema, idSchema, plainText } from './common.ts';
import { periodSchema } from './reviews.ts';

export const forecastQuerySchema = z.object({
  /** a quarter ("2026-Q4") or a month ("2026-12"); this quarter when absent */
  period: periodSchema.optional(),
  team: idSchema.optional(),
  owner: idSchema.optional(),
});
export type ForecastQuery = z.infer<typeof forecastQuerySchema>;

const money = z.object({ amountMinor: z.number().int(), currency: z.string() });
const count = z.object({ deals: z.number().int(), amountMinor: z.number().int() });

export const rollupSchema = z.object({
  won: count,
  lost: count,
  open: count.extend({ withSellerFigure: z.number().int() }),
  categories: z.object(
    Object.fromEntries(FORECAST_CATEGORIES.map((c) => [c, count])) as Record<
      (typeof FORECAST_CATEGORIES)[number],
      typeof count
    >,
  ),
  /** each method's call for the period, in the reporting currency's minor units */
  methods: z.object(
    Object.fromEntries(FORECAST_METHODS.map((m) => [m, z.number().int()])) as Record<
      (typeof FORECAST_METHODS)[number],
      z.ZodNumber
    >,
  ),
});

export const forecastCallSchema = z.object({
  id: z.string(),
  kind: z.enum(['seller', 'manager']),
  callerName: z.string(),
  amount: money,
  reason: z.string().nullable(),
  submittedAt: z.string(),
});

export const forecastSchema = z.object({
  scope: z.object({
    kind: z.enum(['organization', 'team', 'owner']),
    id: z.string().nullable(),
    name: z.string(),
    key: z.string(),
  }),
  period: z.object({ key: z.string(), label: z.string(), from: z.string(), to: z.string() }),
  reportingCurrency: z.string(),
  target: money.extend({ setByName: z.string(), setAt: z.string() }).nullable(),
  totals: rollupSchema,
  /** one row per person in the scope with deals in the period, with their own latest call */
  bySeller: z.array(rollupSchema.extend({ ownerId: z.string(), name: z.string(), call: z.number().int().nullable() })),
  /** for a team or the organization: the sellers' own latest calls added up, and how many of them called */
  sellersCalls: z
    .object({ amountMinor: z.number().int(), callers: z.number().int(), sellers: z.number().int() })
    .nullable(),
  /** every call submitted for this scope and period, newest first */
  calls: z.array(forecastCallSchema),
});
export type Forecast = z.infer<typeof forecastSchema>;

export const targetBodySchema = z.strictObject({
  period: periodSchema,
  team: idSchema.optional(),
  owner: idSchema.optional(),
  amountMinor: amountMinorSchema,
});

export const callBodySchema = z.strictObject({
  period: periodSchema,
  team: idSchema.optional(),
  owner: idSchema.optional(),
  amountMinor: amountMinorSchema,
  /** why: required when a manager calls, or adjusts, a number other than the sum of their sellers' calls */
  reason: plainText(z.string().trim().max(500, 'At most 500 characters')).optional(),
});

export const accuracyQuerySchema = z.object({
  team: idSchema.optional(),
  owner: idSchema.optional(),
  /** quarters (the default) or months */
  kind: z.enum(['quarter', 'month']).default('quarter'),
  /** how many periods back, the current one included */
  periods: z.coerce.number().int().min(1, 'At least 1').max(12, 'At most 12').default(5),
});

const methodCalls = z.object(
  Object.fromEntries(FORECAST_METHODS.map((m) => [m, z.number().int()])) as Record<
    (typeof FORECAST_METHODS)[number],
    z.ZodNumber
  >,
);

export const accuracySchema = z.object({
  scope: z.object({
    kind: z.enum(['organization', 'team', 'owner']),
    id: z.string().nullable(),
    name: z.string(),
    key: z.string(),
  }),
  reportingCurrency: z.string(),
  periods: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      /** over: its actual is final, and each method's call is scored */
      isOver: z.boolean(),
      /** the day of the snapshot the calls were made from (the start of the period); null when none was taken */
      asOf: z.string().nullable(),
      /** won in the period (to date, while it runs) */
      actual: z.number().int(),
      calls: methodCalls.nullable(),
      /** per method: max(0, 1 − |actual − call| / actual), for a period that is over */
      accuracy: z
        .object(
          Object.fromEntries(FORECAST_METHODS.map((m) => [m, z.number()])) as Record<
            (typeof FORECAST_METHODS)[number],
            z.ZodNumber
          >,
        )
        .nullable(),
      /** each method's call week by week through the period, from the snapshots */
      trend: z.array(z.object({ day: z.string(), calls: methodCalls })),
    }),
  ),
  /** per method, over the periods that are over and were called: mean accuracy, mean absolute error, bias */
  summary: z.array(
    z.object({
      method: z.enum(FORECAST_METHODS),
      periods: z.number().int(),
      meanAccuracy: z.number(),
      meanAbsoluteError: z.number(),
      bias: z.number(),
      biasShare: z.number().nullable(),
    }),
  ),
});
export type ForecastAccuracy = z.infer<typeof accuracySchema>;

export const waterfallQuerySchema = z.object({
  /** a quarter ("2026-Q3") or a month ("2026-09"); the last quarter when absent */
  period: periodSchema
    .refine((key) => parsePeriod(key)?.kind !== 'year', 'Expected a quarter like 2026-Q3 or a month like 2026-09')
    .optional(),
  team: idSchema.optional(),
  owner: idSchema.optional(),
});

export const waterfallSchema = z.object({
  scope: z.object({
    kind: z.enum(['organization', 'team', 'owner']),
    id: z.string().nullable(),
    name: z.string(),
    key: z.string(),
  }),
  period: z.object({ key: z.string(), label: z.string(), from: z.string(), to: z.string() }),
  reportingCurrency: z.string(),
  /** over: nothing is still open, what did not close in it slipped */
  isOver: z.boolean(),
  /** the day of the snapshot the start is read from (the accuracy's asOf); null when none was taken near the first day */
  asOf: z.string().nullable(),
  /** won in the period (to date, while it runs): the accuracy's actual */
  won: count,
  /**
   * start, lost, slipped, removed, still open, resized, won from the start, created, pulled in, won:
   * each total is what the steps before it add up to, in deals and amount (domain/forecast/waterfall.ts);
   * null without a starting snapshot
   */
  steps: z.array(count.extend({ step: z.enum(WATERFALL_STEPS), kind: z.enum(WATERFALL_STEP_KINDS) })).nullable(),
});
export type ForecastWaterfall = z.infer<typeof waterfallSchema>;
