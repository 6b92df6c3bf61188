import { z } from 'zod';
import { idSchema, plainText } from './common.ts';

export const TLS_MODES = ['starttls', 'tls', 'none'] as const;
export type TlsMode = (typeof TLS_MODES)[number];

const hostSchema = plainText(z.string().trim().min(1, 'Required').max(253, 'At most 253 characters')).refine(
  (host) => /^[A-Za-z0-9.-]+$|^\[[0-9A-Fa-f:.]+\]$/.test(host),
  'Enter a host name such as smtp.example.com or an IP address',
);

const addressSchema = plainText(z.string().trim().max(320, 'At most 320 characters')).pipe(
  z.email({ message: 'Expected an email address such as winsight@example.com' }),
);

/** The organization's SMTP server as administrators read it: the password only as set or not. */
export const mailSettingsSchema = z.object({
  host: z.string(),
  port: z.number().int(),
  tlsMode: z.enum(TLS_MODES),
  username: z.string().nullable(),
  isPasswordSet: z.boolean(),
  /** a password is saved but cannot be read with this server's secret key: it must be entered again */
  isPasswordUnreadable: z.boolean(),
  fromAddress: z.string(),
  appUrl: z.string().nullable(),
  updatedAt: z.string(),
  updatedByName: z.string(),
});
export type MailSettings = z.infer<typeof mailSettingsSchema>;

export const mailSettingsResultSchema = z.object({ settings: mailSettingsSchema.nullable() });
export type MailSettingsResult = z.infer<typeof mailSettingsResultSchema>;

/**
 * The settings to save. `password`: a new one, null to remove it, left out to keep the saved one.
 * A user name needs a password, and a password a user name.
 */
export const mailSettingsBodySchema = z.strictObject({
  host: hostSchema,
  port: z.number({ error: 'Required: a port such as 587' }).int('A whole number').min(1).max(65535),
  tlsMode: z.enum(TLS_MODES, { error: 'Choose starttls, tls or none' }),
  username: plainText(z.string().trim().max(320, 'At most 320 characters'))
    .nullable()
    .optional()
    .transform((v) => (v ? v : null)),
  password: z.string().max(1000, 'At most 1000 characters').nullable().optional(),
  fromAddress: addressSchema,
  appUrl: plainText(z.string().trim().max(500, 'At most 500 characters'))
    .nullable()
    .optional()
    .transform((v) => (v ? v.replace(/\/+$/, '') : null))
    .refine(
      (v) => v === null || /^https?:\/\/[^\s/]+/.test(v),
      'Enter the address such as https://winsight.example.com',
    ),
});
export type MailSettingsBody = z.input<typeof mailSettingsBodySchema>;

export const mailTestResultSchema = z.object({ sentTo: z.string(), message: z.string() });
export type MailTestResult = z.infer<typeof mailTestResultSchema>;

/**
 * Where an outgoing e-mail stands: `waiting` to be sent (queued, or tried and failed and to be tried
 * again at `nextAttemptAt`), `failed` for good (its tries used up; an administrator may send it
 * again), or `sent`.
 */
export const OUTBOX_STATUSES = ['waiting', 'failed', 'sent'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export const outboxMailSchema = z.object({
  id: z.string(),
  status: z.enum(OUTBOX_STATUSES),
  toAddress: z.string(),
  subject: z.string(),
  createdAt: z.string(),
  attempts: z.number().int(),
  /** what went wrong at the last try, in words (with what the server said) */
  lastError: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  sentAt: z.string().nullable(),
});
export type OutboxMail = z.infer<typeof outboxMailSchema>;

export const outboxQuerySchema = z.strictObject({
  status: z.enum(['failed', 'waiting'], { error: 'Choose failed or waiting' }).default('failed'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const outboxPageSchema = z.object({
  items: z.array(outboxMailSchema),
  /** e-mails of the status asked for */
  total: z.number().int(),
  /** e-mails failed for good, whatever the status asked for */
  failed: z.number().int(),
});
export type OutboxPage = z.infer<typeof outboxPageSchema>;

export const outboxParamsSchema = z.object({ id: idSchema });

/** `requeued`: whether this request put it back in the queue (false: it was not failed any more). */
export const outboxRetryResultSchema = z.object({ mail: outboxMailSchema, requeued: z.boolean() });
export type OutboxRetryResult = z.infer<typeof outboxRetryResultSchema>;

export const outboxRetryAllResultSchema = z.object({ requeued: z.number().int() });
export type OutboxRetryAllResult = z.infer<typeof outboxRetryAllResultSchema>;
