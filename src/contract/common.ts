import { z } from 'zod';
import { amountMinorSchema as minorAmountSchema, currencyCodeSchema } from '../domain/currency.ts';
import { calendarDateSchema } from '../domain/dates.ts';
import { plainText, TEXT_LIMITS } from '../domain/text.ts';

// Every string a client sends that reaches the database or a query is built on plainText (it lives
// in the domain because the knowledge schema's values need it too); strings only ever sent back
// to clients stay plain z.string().
export { plainText };

export const idSchema = plainText(z.string().min(1, 'Required').max(64, 'Too long to be an id'));
export const idParamsSchema = z.object({ id: idSchema });

type TextOptions = { multiline?: boolean };

/** Trimmed, non-empty text of at most `max` characters. */
export const requiredText = (max: number, options: TextOptions = {}) =>
  plainText(z.string().trim().min(1, 'Required').max(max, `At most ${max} characters`), options);

/** Optional text: empty strings become null so "cleared" and "never set" look the same. */
export const optionalText = (max: number, options: TextOptions = {}) =>
  plainText(z.string().trim().max(max, `At most ${max} characters`), options)
    .nullable()
    .optional()
    .transform((v) => (v === '' ? null : v));

/** A list's search box. */
export const searchQuery = plainText(
  z.string().trim().max(TEXT_LIMITS.search, `At most ${TEXT_LIMITS.search} characters`),
).optional();

export const dateOnlySchema = calendarDateSchema;

export const timestampSchema = z.string();

export const currencySchema = currencyCodeSchema;

export const amountMinorSchema = minorAmountSchema;

export const versionSchema = z.number({ error: 'Required: the version you last saw' }).int().positive();

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000_000).default(0),
};

export const ERROR_CODES = [
  'invalid-input',
  'unauthenticated',
  'forbidden',
  'csrf-failed',
  'not-found',
  'version-conflict',
  'conflict',
  'unprocessable',
  'payload-too-large',
  'uri-too-long',
  'headers-too-large',
  'request-timeout',
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

export const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number().int() });
