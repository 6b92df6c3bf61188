import { z } from 'zod';
import { ADDED_WHY, DROPPED_WHY } from '../domain/review/changes.ts';
import { dateOnlySchema, idSchema } from './common.ts';
import { reviewMarkSchema } from './marks.ts';
import { reviewSinceSchema } from './review-baseline.ts';
import { periodSchema } from './reviews.ts';

// The pipeline review as a meeting: what changed since the last one, and the review recorded as held.

/** A review recorded as held: for a team, a seller or the organization. */
export const meetingBodySchema = z.strictObject({
  team: idSchema.optional(),
  owner: idSchema.optional(),
});

export const reviewMeetingSchema = z.object({
  id: z.string(),
  heldAt: z.string(),
  heldByName: z.string(),
  /** the open deals of the scope when it was recorded */
  deals: z.number().int(),
  /** the marks on those deals it took up */
  marksDiscussed: z.number().int(),
});
export type ReviewMeeting = z.infer<typeof reviewMeetingSchema>;

export const changesQuerySchema = z.object({
  team: idSchema.optional(),
  owner: idSchema.optional(),
  /** deals expected to close in it, then and now; every open deal when absent */
  period: periodSchema.optional(),
  /** compare with the end of this day's snapshot instead of the last review */
  since: dateOnlySchema.optional(),
});
export type ChangesQuery = z.infer<typeof changesQuerySchema>;

const money = z.object({ amountMinor: z.number().int(), currency: z.string() });

const dealRef = z.object({
  id: z.string(),
  name: z.string(),
  accountName: z.string(),
  ownerName: z.string(),
  /** in the reporting currency; null when its currency has no rate today */
  value: money.nullable(),
  amount: money,
});
export type ChangedDeal = z.infer<typeof dealRef>;

export const reviewChangesSchema = z.object({
  /** what the deals are compared with: the last review of this scope, a day's snapshot, or nothing yet */
  baseline: reviewSinceSchema,
  /** the deals in view then (null when there is nothing to compare with) */
  dealsThen: z.number().int().nullable(),
  reportingCurrency: z.string(),
  added: z.array(dealRef.extend({ why: z.enum(ADDED_WHY), winProbability: z.number().nullable() })),
  dropped: z.array(dealRef.extend({ why: z.enum(DROPPED_WHY), winProbabilityThen: z.number().nullable() })),
  /** probability moves of five points or more, largest first, with what moved them */
  moved: z.array(
    dealRef.extend({
      from: z.number(),
      to: z.number(),
      reasons: z.array(z.object({ text: z.string(), points: z.number() })),
    }),
  ),
  closeDates: z.array(dealRef.extend({ from: z.string(), to: z.string(), direction: z.enum(['pushed', 'pulled_in']) })),
  zones: z.array(dealRef.extend({ entered: z.array(z.string()), resolved: z.array(z.string()) })),
  /** the open deals in view with items marked to discuss, the longest waiting first */
  toDiscuss: z.array(dealRef.extend({ marks: z.array(reviewMarkSchema) })),
  /** each list holds at most 50 deals, the most valuable first; these are the full counts */
  counts: z.object({
    added: z.number().int(),
    dropped: z.number().int(),
    moved: z.number().int(),
    closeDates: z.number().int(),
    zones: z.number().int(),
  }),
});
export type ReviewChanges = z.infer<typeof reviewChangesSchema>;
