import { z } from 'zod';
import { OBJECTIVE_KEYS } from '../domain/knowledge/objectives.ts';
import { ITEM_KINDS } from '../domain/knowledge/schema.ts';
import { HEADLINE_LIMIT } from '../domain/assessment/headline.ts';
import { MOVE_KINDS } from '../domain/assessment/levers.ts';
import { ASK_ROLES } from '../domain/assessment/move-people.ts';
import { OPERATORS, SEVERITIES, ZONE_FAMILIES } from '../domain/assessment/rules.ts';
import { dateOnlySchema, idSchema, plainText } from './common.ts';

export const contributionEvidenceSchema = z.object({
  /** the fact or item it comes from (open it on the Knowledge tab) */
  factId: z.string().nullable(),
  itemId: z.string(),
  about: z.string(),
  statement: z.string(),
  quote: z.string().nullable(),
  source: z.string(),
  contactName: z.string().nullable(),
  observedAt: z.string(),
});

export const contributionSchema = z.object({
  feature: z.string(),
  /** from what we know, or from the deal's context (type, relationship, size ...) */
  kind: z.enum(['knowledge', 'context']),
  /** scorecard points: log-odds x 10 / ln 2, so 10 points double the odds; the base rate is 0 points */
  points: z.number(),
  reason: z.string(),
  evidence: z.array(contributionEvidenceSchema),
});

const guardrailSchema = z.object({ key: z.string(), limit: z.number(), reason: z.string() });

export const dangerZoneSchema = z.object({
  id: z.string(),
  name: z.string(),
  severity: z.enum(SEVERITIES),
  /** something known that puts the deal at risk, or something unknown that should be known by now */
  family: z.enum(ZONE_FAMILIES),
  objectives: z.array(z.enum(OBJECTIVE_KEYS)),
  matched: z.array(
    z.object({
      signal: z.string(),
      op: z.enum(OPERATORS),
      expected: z.union([z.number(), z.boolean(), z.string(), z.array(z.string())]),
      actual: z.union([z.number(), z.boolean(), z.string(), z.null()]),
      text: z.string(),
    }),
  ),
  actions: z.array(z.string()),
  questions: z.array(z.string()),
  rootCauses: z.array(z.string()),
});

/** A zone as the deal page leads with it: one rule, or every "we don't know" rule gathered in one. */
export const zoneGroupSchema = z.object({
  /** a rule's id, or "unknowns" */
  id: z.string(),
  name: z.string(),
  severity: z.enum(SEVERITIES),
  /** points of the probability that the knowledge behind it takes away */
  cost: z.number(),
  /** the rules it stands for (their details are in dangerZones) */
  zoneIds: z.array(z.string()),
  /** what is unknown, in words (the gathered zone only) */
  unknowns: z.array(z.string()),
});
export type ZoneGroupView = z.infer<typeof zoneGroupSchema>;

export const recommendationSchema = z.object({
  id: z.string(),
  /** learn something unknown, change a mind or a fact, a decision for the seller, or guard against a danger zone */
  kind: z.enum(MOVE_KINDS),
  /** what to do, with the deal's own names */
  action: z.string(),
  question: z.string(),
  ask: z.object({
    role: z.enum(ASK_ROLES),
    name: z.string().nullable(),
    evaluatorId: z.string().nullable(),
  }),
  /** why the question goes through someone else (the person concerned would not answer us), when it does */
  via: z.string().nullable(),
  /** 1 one conversation, 2 a meeting or two with the right person, 3 changing someone's mind */
  effort: z.number().int().min(1).max(3),
  /** expected probability points: the change each plausible outcome would make, weighed by its likelihood */
  gain: z.number(),
  /** the expected gain in the deal's money (zero for a move offered for what it protects) */
  value: z.object({ amountMinor: z.number().int(), currency: z.string() }),
  /** offered to guard against a danger zone rather than for points */
  protects: z.boolean(),
  outcomes: z.array(z.object({ label: z.string(), probability: z.number(), points: z.number() })),
  /** danger zones its best outcome would clear */
  resolves: z.array(z.string()),
  /** danger zones it works on */
  addresses: z.array(z.string()),
  /** the what-if of its best outcome; null when it needs someone not yet known, or changes no fact */
  whatIf: z.lazy(() => whatIfBodySchema).nullable(),
});

export const assessmentSchema = z.object({
  opportunityId: idSchema,
  winProbability: z.number(),
  /** the model's base rate: where the contributions start from */
  baseRate: z.number(),
  band: z.tuple([z.number(), z.number()]),
  /** the stage's figure, shown for comparison only */
  stageProbability: z.number(),
  /** the seller's own figure, when they gave one */
  sellerProbability: z.number().nullable(),
  /** seller minus evidence, in points */
  sellerGap: z.number().nullable(),
  coverageIndex: z.number(),
  positions: z.array(
    z.object({ key: z.enum(OBJECTIVE_KEYS), knowledgeLevel: z.number().int(), position: z.number().int().nullable() }),
  ),
  /** every reason's scorecard points; they add up to totalPoints exactly */
  contributions: z.array(contributionSchema),
  totalPoints: z.number(),
  /** scorecard points that double the odds (the curve from points to probability) */
  pointsPerDoubling: z.number(),
  /** what the total points give on the curve, before a cap or floor binds */
  uncappedProbability: z.number(),
  /** the guardrail holding the probability down, when one binds */
  cap: guardrailSchema.nullable(),
  /** the guardrail holding it up (no open deal falls below 2 % without a disqualifier), when it binds */
  floor: guardrailSchema.nullable(),
  dangerZones: z.array(dangerZoneSchema),
  /** a manager's override that lets the deal stand in commit despite the zones it names */
  commitOverride: z
    .object({ reason: z.string(), byName: z.string(), at: z.string(), zoneIds: z.array(z.string()) })
    .nullable(),
  /** the zones the page leads with (at most three, by severity and cost) and the rest, folded */
  zoneSummary: z.object({
    headline: z.array(zoneGroupSchema).max(HEADLINE_LIMIT),
    more: z.array(zoneGroupSchema),
  }),
  recommendations: z.array(recommendationSchema),
  modelVersion: z.string(),
  computedAt: z.string(),
});
export type AssessmentView = z.infer<typeof assessmentSchema>;

export const whatIfBodySchema = z.strictObject({
  items: z
    .array(
      z.strictObject({
        ref: plainText(z.string().min(1).max(40)),
        kind: z.enum(ITEM_KINDS),
        title: plainText(z.string().trim().min(1).max(500)).optional(),
        contactId: idSchema.optional(),
        category: plainText(z.string().max(64)).optional(),
      }),
    )
    .max(20)
    .default([]),
  facts: z
    .array(
      z.strictObject({
        itemId: idSchema.optional(),
        itemRef: plainText(z.string().min(1).max(40)).optional(),
        kind: z.enum(ITEM_KINDS).optional(),
        field: plainText(z.string().min(1).max(64)),
        qualifier: idSchema.nullable().optional(),
        value: z.unknown().optional(),
        unknown: z.boolean().optional(),
      }),
    )
    .min(1, 'Give at least one hypothetical fact')
    .max(50),
});
export type WhatIfBody = z.infer<typeof whatIfBodySchema>;

export const whatIfResponseSchema = assessmentSchema.extend({
  /** the assessment as things stand, for comparison */
  baseline: z.object({
    winProbability: z.number(),
    band: z.tuple([z.number(), z.number()]),
    dangerZones: z.array(z.string()),
  }),
});

const metricsSchema = z.object({
  auc: z.number().nullable(),
  brier: z.number(),
  logLoss: z.number(),
  ece: z.number(),
  folds: z.number().int(),
});

export const modelResponseSchema = z.object({
  version: z.string(),
  kind: z.enum(['prior', 'fitted']),
  intercept: z.number(),
  weights: z.record(z.string(), z.number()),
  /** what boosting learned on top of the weights (log-odds per band; empty when nothing earned its place) */
  shapes: z.array(z.object({ feature: z.string(), edges: z.array(z.number()), logOdds: z.array(z.number()) })),
  pairs: z.array(
    z.object({
      a: z.string(),
      b: z.string(),
      aEdges: z.array(z.number()),
      bEdges: z.array(z.number()),
      logOdds: z.array(z.array(z.number())),
    }),
  ),
  card: z
    .object({
      trainingSize: z.number().int(),
      wonCount: z.number().int(),
      trainedAt: z.string(),
      shrinkage: z.number().optional(),
      boosting: z.object({ rounds: z.number().int(), pairRounds: z.number().int() }).optional(),
      crossValidated: metricsSchema.nullable(),
      reliability: z.array(
        z.object({
          from: z.number(),
          to: z.number(),
          count: z.number().int(),
          meanPredicted: z.number(),
          observedRate: z.number(),
        }),
      ),
      curve: z
        .array(
          z.object({
            trainedOn: z.number().int(),
            testedOn: z.number().int(),
            model: z.object({ auc: z.number().nullable(), brier: z.number() }),
            prior: z.object({ auc: z.number().nullable(), brier: z.number() }),
            baseRate: z.object({ brier: z.number() }),
          }),
        )
        .optional(),
      comparison: z
        .object({
          stage: z.object({ auc: z.number().nullable(), brier: z.number() }).nullable(),
          seller: z.object({ auc: z.number().nullable(), brier: z.number(), count: z.number().int() }).nullable(),
        })
        .nullable(),
    })
    .nullable(),
  history: z.array(
    z.object({
      version: z.string(),
      kind: z.string(),
      createdAt: z.string(),
      isCurrent: z.boolean(),
      createdByName: z.string().nullable(),
    }),
  ),
  closedDeals: z.number().int(),
  /** days three in four won deals stayed within without news (learned at a refit); null until known */
  quietDaysWon: z.number().int().nullable(),
});

export const ruleViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  objectives: z.array(z.enum(OBJECTIVE_KEYS)),
  severity: z.enum(SEVERITIES),
  enabled: z.boolean(),
  thresholds: z.record(z.string(), z.number()),
  defaultThresholds: z.record(z.string(), z.number()),
  actions: z.array(z.string()),
  questions: z.array(z.string()),
  rootCauses: z.array(z.string()),
  version: z.number().int(),
});

const shareSchema = z.object({
  count: z.number().int(),
  total: z.number().int(),
  /** 95 % Wilson score interval of count / total */
  low: z.number(),
  high: z.number(),
});

/** How often a zone fires on the open deals, and how closed deals flagged with it ended. */
export const zoneUsageSchema = z.object({
  open: z.object({ firing: z.number().int(), total: z.number().int() }),
  wonWith: shareSchema,
  wonWithout: shareSchema,
});

export const ruleListSchema = z.object({ items: z.array(ruleViewSchema.extend({ usage: zoneUsageSchema })) });

export const ruleUpdateBodySchema = z.strictObject({
  enabled: z.boolean().optional(),
  thresholds: z.record(plainText(z.string().max(64)), z.number().finite()).optional(),
  version: z.number().int().min(0),
});

export const ruleParamsSchema = z.object({ id: z.string().regex(/^DZ-\d{2}$/, 'Expected a rule id like DZ-07') });

/** A danger zone as a history point names it (its rule's name and severity). */
export const historyZoneSchema = z.object({ id: z.string(), name: z.string(), severity: z.enum(SEVERITIES) });

export const assessmentCauseSchema = z.object({
  kind: z.enum([
    'knowledge',
    'change',
    'created',
    'refit',
    'rule',
    'reassignment',
    'import',
    'nightly',
    'reassess',
    'demo',
  ]),
  /** what moved it, in words: "Budget status logged by Sam Seller", "Amount changed", "Model refitted (fitted-2)" */
  text: z.string(),
});

/** One kept point of a deal's assessment: written whenever what a person sees of it moved. */
export const historyPointSchema = z.object({
  at: z.string(),
  winProbability: z.number(),
  band: z.tuple([z.number(), z.number()]),
  coverageIndex: z.number(),
  topSeverity: z.enum(SEVERITIES).nullable(),
  dangerZones: z.array(historyZoneSchema),
  modelVersion: z.string(),
  /** null for points kept before causes were recorded */
  cause: assessmentCauseSchema.nullable(),
});
export type HistoryPoint = z.infer<typeof historyPointSchema>;

export const assessmentHistorySchema = z.object({
  opportunityId: idSchema,
  /** oldest first; the latest 1,000 when a deal has more */
  points: z.array(historyPointSchema),
});
export type AssessmentHistory = z.infer<typeof assessmentHistorySchema>;

export const assessmentQuerySchema = z.object({
  /** the day to answer for (YYYY-MM-DD): the assessment as it stood at that day's end (UTC) */
  asOf: dateOnlySchema.optional(),
});

/**
 * The assessment as it stood at the end of a past day, from the kept history. Smaller than the
 * live view: the probability, band, coverage, zones and model as they were then and what had
 * last moved them; reasons, evidence and next moves are computed only for today.
 */
export const pastAssessmentSchema = historyPointSchema.extend({
  opportunityId: idSchema,
  asOf: dateOnlySchema,
});
export type PastAssessment = z.infer<typeof pastAssessmentSchema>;
