import { z } from 'zod';
import { WEBHOOK_EVENTS, webhookUrlProblem } from '../domain/webhooks/webhooks.ts';
import { idSchema, optionalText, plainText } from './common.ts';

export const webhookEventSchema = z.enum(WEBHOOK_EVENTS, {
  error: `Choose among ${WEBHOOK_EVENTS.join(', ')}`,
});

// the address's content (scheme, credentials, private hosts) is checked by the service: 422 naming `url`
const urlSchema = plainText(z.string().trim().min(1, 'Required').max(2000, 'At most 2000 characters'));

const eventsSchema = z
  .array(webhookEventSchema, { error: 'Expected a list of event types' })
  .min(1, 'Choose at least one event')
  .max(WEBHOOK_EVENTS.length)
  .transform((events) => [...new Set(events)]);

export const webhookCreateSchema = z.strictObject({
  url: urlSchema,
  events: eventsSchema,
  description: optionalText(200),
});
export type WebhookCreate = z.input<typeof webhookCreateSchema>;

export const webhookUpdateSchema = z.strictObject({
  url: urlSchema.optional(),
  events: eventsSchema.optional(),
  description: optionalText(200),
  isEnabled: z.boolean({ error: 'Expected true or false' }).optional(),
});
export type WebhookUpdate = z.input<typeof webhookUpdateSchema>;

export const webhookEndpointSchema = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string().nullable(),
  events: z.array(webhookEventSchema),
  isEnabled: z.boolean(),
  /** why the sender turned it off (it failed for days); null when on, or turned off by an administrator */
  disabledReason: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** deliveries waiting for their next try, and failed for good */
  pending: z.number().int(),
  failed: z.number().int(),
  lastDeliveryAt: z.string().nullable(),
});
export type WebhookEndpoint = z.infer<typeof webhookEndpointSchema>;

export const webhookListSchema = z.object({ items: z.array(webhookEndpointSchema) });
export type WebhookList = z.infer<typeof webhookListSchema>;

/** The secret is shown here once: it is stored sealed and never read back. */
export const webhookCreatedSchema = z.object({
  id: z.string(),
  secret: z.string(),
  endpoint: webhookEndpointSchema,
});
export type WebhookCreated = z.infer<typeof webhookCreatedSchema>;

export const webhookSecretSchema = z.object({ id: z.string(), secret: z.string() });
export type WebhookSecret = z.infer<typeof webhookSecretSchema>;

export const DELIVERY_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const webhookDeliverySchema = z.object({
  id: z.string(),
  messageId: z.string(),
  eventType: z.string(),
  status: z.enum(DELIVERY_STATUSES),
  createdAt: z.string(),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  deliveredAt: z.string().nullable(),
});
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;

export const webhookAttemptSchema = z.object({
  at: z.string(),
  statusCode: z.number().int().nullable(),
  durationMs: z.number().int(),
  /** the first 2 KB the endpoint answered */
  responseBody: z.string().nullable(),
  error: z.string().nullable(),
});
export type WebhookAttempt = z.infer<typeof webhookAttemptSchema>;

export const webhookDeliveryDetailSchema = webhookDeliverySchema.extend({
  payload: z.string(),
  attemptLog: z.array(webhookAttemptSchema),
});
export type WebhookDeliveryDetail = z.infer<typeof webhookDeliveryDetailSchema>;

export const webhookDeliveriesQuerySchema = z.strictObject({
  status: z.enum(DELIVERY_STATUSES, { error: 'Choose pending, succeeded or failed' }).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const webhookDeliveryPageSchema = z.object({
  items: z.array(webhookDeliverySchema),
  /** deliveries of the status asked for (all when none) */
  total: z.number().int(),
});
export type WebhookDeliveryPage = z.infer<typeof webhookDeliveryPageSchema>;

export const webhookParamsSchema = z.object({ id: idSchema });
export const webhookDeliveryParamsSchema = z.object({ id: idSchema, did: idSchema });

/** Exposed for the web form: the same words the server answers with. */
export { webhookUrlProblem };
