import { z } from 'zod';
import { dateOnlySchema, idSchema, requiredText } from './common.ts';

/** An action agreed on a deal in a review: whose it is, by when, and whether it is done. */
export const agreedActionSchema = z.object({
  id: z.string(),
  opportunityId: z.string(),
  text: z.string(),
  ownerId: z.string(),
  ownerName: z.string(),
  dueDate: z.string(),
  createdByName: z.string(),
  createdAt: z.string(),
  doneAt: z.string().nullable(),
  doneByName: z.string().nullable(),
  /** not done, and its due date has passed */
  isOverdue: z.boolean(),
});
export type AgreedAction = z.infer<typeof agreedActionSchema>;

export const agreedActionListSchema = z.object({ items: z.array(agreedActionSchema) });

export const actionCreateBodySchema = z.strictObject({
  text: requiredText(500),
  /** who does it: someone who can see the deal (usually its seller) */
  ownerId: idSchema,
  dueDate: dateOnlySchema,
});

export const actionUpdateBodySchema = z.strictObject({ done: z.boolean() });

export const actionParamsSchema = z.object({ id: idSchema, actionId: idSchema });

/** An open action of the person asking, with the deal it is on: their to-do list across deals. */
export const myActionSchema = agreedActionSchema.extend({ opportunityName: z.string(), accountName: z.string() });
export const myActionListSchema = z.object({ items: z.array(myActionSchema) });
export type MyAction = z.infer<typeof myActionSchema>;
