import { z } from 'zod';
import { OBJECTIVE_KEYS } from '../domain/knowledge/objectives.ts';
import { LESSON_FINDINGS, LESSON_KINDS, type FindingCode } from '../domain/review/win-loss.ts';
import { idSchema, requiredText } from './common.ts';
import { opportunitySchema } from './opportunities.ts';
import { periodSchema } from './reviews.ts';

// The win/loss review: the deals closed in a period, what was known at each close against how it
// ended, the lessons, and the unknowns that preceded losses, per seller and team.

/** The lists of closed deals the review pages through. */
export const DEAL_LISTS = ['all', 'lessons', 'won', 'lost', 'no_decision'] as const;
export type DealList = (typeof DEAL_LISTS)[number];
export const WIN_LOSS_PAGE = 50;

export const winLossQuerySchema = z.object({
  /** the period the deals closed in (a quarter, a month or a year); the last full quarter when absent */
  period: periodSchema.optional(),
  /** a manager (or any person): their deals and those of everyone below them */
  team: idSchema.optional(),
  /** one person's own deals */
  owner: idSchema.optional(),
  /** which of the deals to list: all, those with a lesson, or one outcome */
  show: z.enum(DEAL_LISTS).default('all'),
  /** the page of that list: from this many in, this many */
  offset: z.coerce.number().int().min(0, '0 or more').max(1_000_000_000).default(0),
  limit: z.coerce.number().int().min(1, 'At least 1').max(500, 'At most 500').default(WIN_LOSS_PAGE),
});
/** What the review is asked for; the page settings take their defaults when left out. */
export type WinLossQuery = Partial<z.infer<typeof winLossQuerySchema>>;

export const CLOSED_OUTCOMES = ['won', 'lost', 'no_decision'] as const;
const FINDING_CODES = Object.values(LESSON_FINDINGS).flat() as [FindingCode, ...FindingCode[]];

const money = z.object({ amountMinor: z.number().int(), currency: z.string() });

export const lessonSchema = z.object({
  kind: z.enum(LESSON_KINDS),
  findings: z.array(z.object({ code: z.enum(FINDING_CODES), text: z.string(), itemId: z.string().nullable() })),
});
export type WinLossLesson = z.infer<typeof lessonSchema>;

export const RETROSPECTIVE_MAX = 1000;

export const retrospectiveSchema = z.object({
  text: z.string(),
  version: z.number().int(),
  updatedBy: idSchema,
  updatedByName: z.string(),
  updatedAt: z.string(),
});
export type Retrospective = z.infer<typeof retrospectiveSchema>;

export const retrospectiveAnswerSchema = retrospectiveSchema.extend({ opportunityId: idSchema });
export type RetrospectiveAnswer = z.infer<typeof retrospectiveAnswerSchema>;

export const retrospectiveBodySchema = z.strictObject({
  text: requiredText(RETROSPECTIVE_MAX, { multiline: true }),
  /** the version last seen; none when writing the deal's first */
  version: z.number({ error: 'The version you last saw, a whole number' }).int().positive().optional(),
});
export type RetrospectiveBody = z.infer<typeof retrospectiveBodySchema>;

export const winLossDealSchema = z.object({
  opportunity: opportunitySchema,
  outcome: z.enum(CLOSED_OUTCOMES),
  closedDate: z.string(),
  /** the amount in the reporting currency, at the rate of the day it closed */
  value: money,
  /** the win probability the deal's history holds for its close, and for 30 days before it */
  probabilityAtClose: z.number().nullable(),
  probabilityBefore: z.number().nullable(),
  lessons: z.array(lessonSchema),
  /** the objectives nobody had explored by the close */
  notExplored: z.array(z.enum(OBJECTIVE_KEYS)),
  /** what the assessment at the close listed as unknown, in words */
  unknowns: z.array(z.string()),
  retrospective: retrospectiveSchema.nullable(),
});
export type WinLossDeal = z.infer<typeof winLossDealSchema>;

export const winLossFiguresSchema = z.object({
  deals: z.number().int(),
  won: z.number().int(),
  lost: z.number().int(),
  noDecision: z.number().int(),
  /** won of all closed, null with none */
  winRate: z.number().nullable(),
  value: z.object({ won: money, lost: money, noDecision: money }),
  /** deals with each lesson */
  lessons: z.object(
    Object.fromEntries(LESSON_KINDS.map((k) => [k, z.number().int()])) as Record<
      (typeof LESSON_KINDS)[number],
      z.ZodNumber
    >,
  ),
  surprises: z.object({ wonAgainstOdds: z.number().int(), lostAgainstOdds: z.number().int() }),
  /** what was unknown at the close of lost deals, the most frequent first, against the won deals */
  unknowns: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      won: z.number().int(),
      lost: z.number().int(),
      noDecision: z.number().int(),
      lostShare: z.number().nullable(),
      wonShare: z.number().nullable(),
    }),
  ),
});
export type WinLossFigures = z.infer<typeof winLossFiguresSchema>;

export const winLossSchema = z.object({
  scope: z.object({ kind: z.enum(['organization', 'team', 'owner']), id: z.string().nullable(), name: z.string() }),
  period: z.object({ key: z.string(), label: z.string(), from: z.string(), to: z.string() }),
  reportingCurrency: z.string(),
  /** the thresholds the lessons were drawn with */
  thresholds: z.object({ surpriseWinBelow: z.number(), surpriseLossFrom: z.number(), lateDays: z.number().int() }),
  summary: winLossFiguresSchema,
  /** per seller and per team, each with the three unknowns that set its losses apart most */
  sellers: z.array(winLossFiguresSchema.extend({ id: z.string(), name: z.string() })),
  teams: z.array(winLossFiguresSchema.extend({ id: z.string(), name: z.string() })),
  /** a page of the period's closed deals in scope that `show` asks for, the latest close first */
  deals: z.array(winLossDealSchema),
  /** which list that page is of, where it starts and how long the whole list is */
  dealsShown: z.object({
    show: z.enum(DEAL_LISTS),
    offset: z.number().int(),
    limit: z.number().int(),
    total: z.number().int(),
  }),
  /** how many deals each list holds */
  dealCounts: z.object(
    Object.fromEntries(DEAL_LISTS.map((k) => [k, z.number().int()])) as Record<DealList, z.ZodNumber>,
  ),
});
export type WinLoss = z.infer<typeof winLossSchema>;
