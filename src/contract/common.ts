import { z } from 'zod';
import { isCurrencyCode } from '../domain/currency.ts';
import { isCalendarDate } from '../domain/dates.ts';

export const idSchema = z.string().min(1, 'Required').max(64, 'Too long to be an id');
export const idParamsSchema = z.object({ id: idSchema });

/** Trimmed, non-empty text of at most `max` characters. */
export const requiredText = (max: number) =>
  z.string().trim().min(1, 'Required').max(max, `At most ${max} characters`);

/** Optional text: empty strings become null so "cleared" and "never set" look the same. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters`)
    .nullable()
    .optional()
    .transform((v) => (v === '' ? null : v));

export const dateOnlySchema = z
  .string()
  .refine(isCalendarDate, { message: 'Expected a real calendar date written YYYY-MM-DD' });

export const timestampSchema = z.string();

export const currencySchema = z
  .string()
  .refine(isCurrencyCode, { message: 'Expected an ISO 4217 currency code such as USD or EUR' });

export const amountMinorSchema = z
  .number({ error: 'Expected a whole number of minor units (cents)' })
  .int('Expected a whole number of minor units (cents), not a fraction')
  .min(0, 'An amount cannot be negative')
  .max(1e15, 'Amount is too large');

export const versionSchema = z.number({ error: 'Required: the version you last saw' }).int().positive();

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000_000).default(0),
};

export const ERROR_CODES = [
  'invalid-input',
  'unauthenticated',
  'account-deactivated',
  'forbidden',
  'csrf-failed',
  'not-found',
  'version-conflict',
  'conflict',
  'unprocessable',
  'payload-too-large',
  'too-many-requests',
  'internal',
  'unavailable',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const errorResponseSchema = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
    current: z.unknown().optional(),
  }),
});
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

export const trackedFields = {
  createdBy: idSchema,
  updatedBy: idSchema,
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
  version: z.number().int(),
};

export const listOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int() });
