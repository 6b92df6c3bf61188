import { z } from 'zod';
import { INBOX_KINDS } from '../domain/inbox/messages.ts';
import { idSchema } from './common.ts';

/** A message in the inbox of the person asking. */
export const inboxMessageSchema = z.object({
  id: z.string(),
  kind: z.enum(INBOX_KINDS),
  subject: z.string(),
  body: z.string(),
  /** a page of the app to open, such as /opportunities/<id> */
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type InboxMessage = z.infer<typeof inboxMessageSchema>;

export const inboxQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  /** only the messages not read yet */
  unread: z.enum(['true', 'false']).optional(),
});

export const inboxPageSchema = z.object({
  items: z.array(inboxMessageSchema),
  /** messages in the inbox (of the filter asked for) */
  total: z.number().int(),
  /** messages not read yet, whatever the filter */
  unread: z.number().int(),
});
export type InboxPage = z.infer<typeof inboxPageSchema>;

export const inboxParamsSchema = z.object({ id: idSchema });

export const readAllResultSchema = z.object({ marked: z.number().int(), unread: z.number().int() });
