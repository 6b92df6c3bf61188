import { z } from 'zod';
import { SEVERITIES } from '../domain/assessment/rules.ts';
import { EVIDENCE_SOURCES } from '../domain/knowledge/evidence.ts';
import { OBJECTIVE_KEYS } from '../domain/knowledge/objectives.ts';
import { idSchema, versionSchema } from './common.ts';

// Hand-over (issue 14): a leaver's open deals and accounts go to one or several people in one
// step, and each deal carries a brief written at that moment for its new owner.

export const HAND_OVER_SPLITS = ['one', 'balanced', 'chosen'] as const;
export type HandOverSplit = (typeof HAND_OVER_SPLITS)[number];

export const handOverBodySchema = z
  .strictObject({
    /** who takes the deals; with "chosen", which deals each takes */
    to: z
      .array(z.strictObject({ userId: idSchema, opportunityIds: z.array(idSchema).max(5000).optional() }))
      .min(1, 'Choose at least one person')
      .max(50),
    split: z.enum(HAND_OVER_SPLITS),
    /** the leaver as the admin last saw them: a change since answers 409 */
    version: versionSchema.optional(),
  })
  .superRefine((body, ctx) => {
    if (body.split === 'one' && body.to.length !== 1)
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'Choose exactly one person for "all to one"' });
    if (body.split === 'chosen' && body.to.some((t) => t.opportunityIds === undefined))
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'Give each person the deals they take' });
    if (body.split !== 'chosen' && body.to.some((t) => t.opportunityIds !== undefined))
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'Deals are chosen per person only with split "chosen"' });
  });
export type HandOverBody = z.infer<typeof handOverBodySchema>;

const moneySchema = z.object({ amountMinor: z.number().int(), currency: z.string() });

export const handOverPlanSchema = z.object({
  from: z.object({ id: z.string(), name: z.string(), version: z.number().int(), isActive: z.boolean() }),
  split: z.enum(HAND_OVER_SPLITS),
  reportingCurrency: z.string(),
  deals: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      accountName: z.string(),
      stageName: z.string(),
      expectedCloseDate: z.string(),
      amount: moneySchema,
      /** the amount in the reporting currency; null when no rate converts it */
      value: z.number().int().nullable(),
      winProbability: z.number().nullable(),
      toUserId: z.string(),
    }),
  ),
  accounts: z.array(z.object({ id: z.string(), name: z.string(), toUserId: z.string() })),
  recipients: z.array(
    z.object({
      userId: z.string(),
      name: z.string(),
      deals: z.number().int(),
      accounts: z.number().int(),
      /** the deals' amounts in the reporting currency */
      value: z.number().int(),
    }),
  ),
});
export type HandOverPlan = z.infer<typeof handOverPlanSchema>;

export const handOverSummarySchema = z.object({
  id: z.string(),
  opportunityId: z.string(),
  opportunityName: z.string(),
  accountName: z.string(),
  fromUserId: z.string(),
  fromName: z.string(),
  toUserId: z.string(),
  toName: z.string(),
  byName: z.string(),
  at: z.string(),
  /** "leaver": the previous owner left (deactivated in the same step); "deal": one deal moved */
  reason: z.enum(['leaver', 'deal']),
  acknowledgedAt: z.string().nullable(),
  acknowledgedByName: z.string().nullable(),
  /** the person asking is the new owner and has not acknowledged it yet */
  canAcknowledge: z.boolean(),
});
export type HandOverSummary = z.infer<typeof handOverSummarySchema>;

export const handOverResultSchema = z.object({
  deactivated: z.boolean(),
  opportunities: z.number().int(),
  accounts: z.number().int(),
  actions: z.number().int(),
  handOvers: z.array(handOverSummarySchema),
});

const evidenceSchema = z.object({
  text: z.string().nullable(),
  source: z.enum(EVIDENCE_SOURCES),
  contactName: z.string().nullable(),
  observedAt: z.string(),
  recordedByName: z.string(),
});

const gapSchema = z.object({
  objective: z.enum(OBJECTIVE_KEYS),
  objectiveName: z.string(),
  label: z.string(),
  question: z.string(),
});

/** The brief as written at hand-over time: what the new owner needs, with who said what and when. */
export const handOverBriefSchema = z.object({
  deal: z.object({
    name: z.string(),
    accountName: z.string(),
    stageName: z.string(),
    amount: moneySchema,
    expectedCloseDate: z.string(),
    winProbability: z.number().nullable(),
    coverageIndex: z.number().nullable(),
  }),
  known: z.array(
    z.object({
      objective: z.enum(OBJECTIVE_KEYS),
      name: z.string(),
      knowledgeLevel: z.number().int(),
      facts: z.array(z.object({ subject: z.string(), value: z.string(), evidence: evidenceSchema })),
    }),
  ),
  /** answered "unknown" by someone: asked and not (yet) answered */
  unknown: z.array(gapSchema),
  /** nobody has asked yet */
  notExplored: z.array(gapSchema),
  people: z.array(
    z.object({
      name: z.string(),
      title: z.string().nullable(),
      roles: z.array(z.string()),
      influence: z.string().nullable(),
      isEconomicBuyer: z.boolean(),
      /** where they stand toward us */
      attitude: z.string().nullable(),
      /** the alternative they favour */
      favours: z.string().nullable(),
    }),
  ),
  zones: z.array(z.object({ name: z.string(), severity: z.enum(SEVERITIES), unknowns: z.array(z.string()) })),
  actions: z.array(
    z.object({
      text: z.string(),
      ownerName: z.string(),
      dueDate: z.string(),
      isOverdue: z.boolean(),
    }),
  ),
  timeline: z.array(
    z.object({
      at: z.string(),
      action: z.string(),
      what: z.string(),
      value: z.string().nullable(),
      byName: z.string(),
      evidence: evidenceSchema.nullable(),
    }),
  ),
  /** more timeline entries than the brief keeps (the newest are kept) */
  timelineTotal: z.number().int(),
});
export type HandOverBrief = z.infer<typeof handOverBriefSchema>;

export const handOverSchema = handOverSummarySchema.extend({ brief: handOverBriefSchema });
export type HandOver = z.infer<typeof handOverSchema>;

export const handOverListSchema = z.object({ items: z.array(handOverSummarySchema) });

export const handOverParamsSchema = z.object({ id: idSchema, hid: idSchema });

export const myHandOversQuerySchema = z.object({ status: z.enum(['pending', 'all']).default('pending') });

export const dealHandOverBodySchema = z.strictObject({ toUserId: idSchema, version: versionSchema });
