import { z } from 'zod';

/** What a review's "since" compares with: the scope's last recorded review, a day's snapshot, or nothing yet. */
export const reviewSinceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('review'), at: z.string(), heldByName: z.string() }),
  z.object({ kind: z.literal('snapshot'), day: z.string() }),
  z.object({ kind: z.literal('none'), reason: z.string() }),
]);
export type ReviewSince = z.infer<typeof reviewSinceSchema>;
