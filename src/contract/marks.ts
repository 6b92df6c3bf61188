import { z } from 'zod';
import { idSchema, optionalText } from './common.ts';

// Items of a deal marked to discuss at the next pipeline review.

/** What on a deal someone wants to talk through: one of the review's answers, or the deal as a whole. */
export const MARK_TOPICS = [
  'deal',
  'probability',
  'evaluators',
  'alternatives',
  'business_issues',
  'criteria',
  'danger_zones',
  'next_move',
  'close_date',
] as const;
export type MarkTopic = (typeof MARK_TOPICS)[number];

export const reviewMarkSchema = z.object({
  id: z.string(),
  opportunityId: z.string(),
  topic: z.enum(MARK_TOPICS),
  note: z.string().nullable(),
  markedByName: z.string(),
  markedAt: z.string(),
});
export type ReviewMark = z.infer<typeof reviewMarkSchema>;

export const reviewMarkListSchema = z.object({ items: z.array(reviewMarkSchema) });

export const markBodySchema = z.strictObject({
  topic: z.enum(MARK_TOPICS, { error: `Expected one of: ${MARK_TOPICS.join(', ')}` }),
  note: optionalText(200),
});

export const markParamsSchema = z.object({ id: idSchema, markId: idSchema });
