import { z } from 'zod';
import { parsePeriod } from '../domain/periods.ts';
import { agreedActionSchema } from './actions.ts';
import { zoneGroupSchema } from './assessment.ts';
import { ADDED_WHY } from '../domain/review/changes.ts';
import { idSchema } from './common.ts';
import { reviewSinceSchema } from './review-baseline.ts';
import { reviewMarkSchema } from './marks.ts';
import { opportunitySchema } from './opportunities.ts';

/** How the review ranks the open deals: expected value first (the default), size, the nearest close, or risk. */
export const REVIEW_RANKS = ['value_probability', 'value', 'close_date', 'risk'] as const;
export type ReviewRank = (typeof REVIEW_RANKS)[number];

export const periodSchema = z
  .string()
  .max(10, 'Expected a quarter like 2026-Q4, a month like 2026-12 or a year like 2026')
  .refine(
    (key) => parsePeriod(key) !== null,
    'Expected a quarter like 2026-Q4, a month like 2026-12 or a year like 2026',
  );

export const topReviewQuerySchema = z.object({
  limit: z.coerce.number().int().min(1, 'At least 1').max(100, 'At most 100').default(20),
  /** a manager (or any person): their deals and those of everyone below them */
  team: idSchema.optional(),
  /** one person's own deals */
  owner: idSchema.optional(),
  /** deals expected to close in it; every open deal when absent */
  period: periodSchema.optional(),
  rank: z.enum(REVIEW_RANKS).default('value_probability'),
});
export type TopReviewQuery = z.infer<typeof topReviewQuerySchema>;

const money = z.object({ amountMinor: z.number().int(), currency: z.string() });

export const reviewItemSchema = z.object({
  opportunity: opportunitySchema,
  /** the amount in the organization's reporting currency (the original is on the opportunity) */
  value: money,
  /** value × win probability */
  weightedValue: money,
  // 1. how likely, and on what that rests
  winProbability: z.number(),
  band: z.tuple([z.number(), z.number()]),
  stageProbability: z.number(),
  sellerProbability: z.number().nullable(),
  coverageIndex: z.number(),
  /** the reasons that weigh most, in scorecard points */
  basis: z.array(z.object({ reason: z.string(), points: z.number() })),
  // 2. who evaluates, with what influence
  evaluators: z.array(
    z.object({
      evaluatorId: z.string(),
      name: z.string(),
      title: z.string().nullable(),
      roles: z.array(z.string()),
      influence: z.string().nullable(),
      support: z.string().nullable(),
      /** the name of the option they favour ("Us" for us), null while unknown */
      favours: z.string().nullable(),
      isEconomicBuyer: z.boolean(),
      isChampion: z.boolean(),
    }),
  ),
  // 3. the alternatives, and who favours which
  alternatives: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      kind: z.string(),
      favouredBy: z.array(z.string()),
      threat: z.number().nullable(),
    }),
  ),
  // 4. the business issues we can impact
  businessIssues: z.array(
    z.object({
      title: z.string(),
      category: z.string().nullable(),
      /** in words ("USD 300,000 per year"), null when not known */
      impact: z.string().nullable(),
      impactUnknown: z.boolean(),
      impactAgreed: z.boolean().nullable(),
      ourImpact: z.string().nullable(),
      owner: z.string().nullable(),
    }),
  ),
  // 5. the criteria that will decide, and our fit
  decisionCriteria: z.array(
    z.object({
      title: z.string(),
      weight: z.number().nullable(),
      mandatory: z.boolean(),
      ourFit: z.string().nullable(),
      bestOther: z.object({ name: z.string(), fit: z.string() }).nullable(),
    }),
  ),
  /** the headline danger zones, by name */
  dangerZones: z.array(zoneGroupSchema),
  /** what we don't know yet, in words */
  unknowns: z.array(z.string()),
  /** the information objectives nobody has explored yet */
  notExplored: z.array(z.string()),
  /** what changed since the last review of this scope (or the snapshot a week ago): see `since` */
  sinceLastReview: z.object({
    /** why it joined the review since (new, now closing in the period, reassigned in), null when it was there */
    added: z.enum(ADDED_WHY).nullable(),
    /** the win probability then (null when it was not in view, or not assessed) */
    winProbability: z.number().nullable(),
    closeDate: z.object({ from: z.string(), to: z.string(), direction: z.enum(['pushed', 'pulled_in']) }).nullable(),
    /** the danger zones it entered and left, by name */
    newZones: z.array(z.string()),
    resolvedZones: z.array(z.string()),
  }),
  /** the actions agreed on it that are still open, by due date */
  actions: z.array(agreedActionSchema),
  /** the items marked to discuss at the next review, oldest first */
  marks: z.array(reviewMarkSchema),
  nextMove: z
    .object({
      action: z.string(),
      question: z.string(),
      askName: z.string().nullable(),
      askRole: z.string(),
      gain: z.number(),
    })
    .nullable(),
});
export type ReviewItem = z.infer<typeof reviewItemSchema>;

export const topReviewSchema = z.object({
  scope: z.object({ kind: z.enum(['organization', 'team', 'owner']), id: z.string().nullable(), name: z.string() }),
  period: z.object({ key: z.string(), label: z.string(), from: z.string(), to: z.string() }).nullable(),
  rank: z.enum(REVIEW_RANKS),
  reportingCurrency: z.string(),
  /** what each deal's sinceLastReview compares with */
  since: reviewSinceSchema,
  /** open deals in the scope and period, of which `items` are the top */
  openDeals: z.number().int(),
  /** their value and weighted value, in the reporting currency */
  pipeline: money,
  weightedPipeline: money,
  items: z.array(reviewItemSchema),
});
export type TopReview = z.infer<typeof topReviewSchema>;
