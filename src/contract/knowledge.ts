import { z } from 'zod';
import { EVIDENCE_SOURCES, RECORDABLE_EVIDENCE_SOURCES } from '../domain/knowledge/evidence.ts';
import { OBJECTIVE_KEYS } from '../domain/knowledge/objectives.ts';
import { ITEM_KINDS } from '../domain/knowledge/schema.ts';
import { TEXT_LIMITS } from '../domain/text.ts';
import { dateOnlySchema, idSchema, plainText, versionSchema } from './common.ts';

// ---- the catalog ----

/** Written in a text area: may run over several lines. */
const sentences = (schema: z.ZodString) => plainText(schema, { multiline: true });

/** A name the request gives something it adds, for its other parts to point at. */
const refSchema = plainText(z.string().min(1).max(40));

export const objectiveSchema = z.object({
  key: z.enum(OBJECTIVE_KEYS),
  number: z.number().int(),
  name: z.string(),
  definition: z.string(),
  whyItMatters: z.string(),
  questions: z.array(z.string()),
  weight: z.number(),
  /** 0 until an admin first changes it */
  version: z.number().int(),
  changedAt: z.string().nullable(),
  changedByName: z.string().nullable(),
});
export type Objective = z.infer<typeof objectiveSchema>;

export const objectiveListSchema = z.object({ items: z.array(objectiveSchema) });

export const objectiveUpdateBodySchema = z.strictObject({
  definition: sentences(
    z.string().trim().min(10, 'Write at least a sentence').max(TEXT_LIMITS.objectiveText),
  ).optional(),
  whyItMatters: sentences(
    z.string().trim().min(10, 'Write at least a sentence').max(TEXT_LIMITS.objectiveText),
  ).optional(),
  questions: z
    .array(sentences(z.string().trim().min(5, 'Too short to be a question').max(TEXT_LIMITS.objectiveQuestion)))
    .min(1, 'Keep at least one question')
    .max(12)
    .optional(),
  weight: z.number().min(0.1, 'At least 0.1').max(5, 'At most 5').optional(),
  version: z.number().int().min(0),
});

export const objectiveKeyParamsSchema = z.object({ key: z.enum(OBJECTIVE_KEYS) });

export const fieldDefSchema = z.object({
  key: z.string(),
  label: z.string(),
  objective: z.enum(OBJECTIVE_KEYS),
  kind: z.string(),
  options: z.array(z.string()).optional(),
  volatile: z.boolean(),
  question: z.string(),
  perAlternative: z.boolean().optional(),
});

export const knowledgeSchemaResponseSchema = z.object({
  kinds: z.array(
    z.object({
      kind: z.enum(ITEM_KINDS),
      label: z.string(),
      objective: z.enum(OBJECTIVE_KEYS),
      singleton: z.boolean(),
      identity: z.object({
        contact: z.boolean().optional(),
        title: z.string().optional(),
        category: z.object({ label: z.string(), options: z.array(z.string()) }).optional(),
      }),
      fields: z.array(fieldDefSchema),
    }),
  ),
  evidenceSources: z.array(z.object({ key: z.enum(EVIDENCE_SOURCES), label: z.string() })),
});

// ---- writing knowledge ----

export const evidenceInputSchema = z.strictObject({
  /** what the customer said or did; required unless the value is "unknown" */
  text: sentences(z.string().trim().max(TEXT_LIMITS.evidence, `At most ${TEXT_LIMITS.evidence} characters`)).optional(),
  source: z.enum(EVIDENCE_SOURCES),
  contactId: idSchema.nullable().optional(),
  observedAt: dateOnlySchema,
});
export type EvidenceInput = z.infer<typeof evidenceInputSchema>;

const factValue = {
  field: plainText(z.string().min(1).max(64)),
  /** for per-alternative fields: "us" or an alternative's id */
  qualifier: idSchema.nullable().optional(),
  /** the value, shaped as the field requires; omit when `unknown` is true */
  value: z.unknown().optional(),
  unknown: z.boolean().optional(),
};

export const factInputSchema = z.strictObject({
  version: versionSchema,
  /** the item the fact is about; omit for one-per-opportunity kinds and give `kind` */
  itemId: idSchema.optional(),
  kind: z.enum(ITEM_KINDS).optional(),
  ...factValue,
  evidence: evidenceInputSchema,
});
export type FactInput = z.infer<typeof factInputSchema>;

export const itemIdentitySchema = {
  kind: z.enum(ITEM_KINDS),
  title: plainText(z.string().trim().min(1, 'Required').max(TEXT_LIMITS.itemTitle)).optional(),
  contactId: idSchema.optional(),
  category: plainText(z.string().max(64)).optional(),
};

export const itemInputSchema = z.strictObject({
  version: versionSchema,
  ...itemIdentitySchema,
  evidence: evidenceInputSchema,
});
export type ItemInput = z.infer<typeof itemInputSchema>;

export const retireQuerySchema = z.object({ version: z.coerce.number().int().positive() });

export const verifyBodySchema = z.strictObject({
  version: versionSchema,
  /** the day a buyer confirmed it again */
  verifiedOn: dateOnlySchema,
});

/**
 * A meeting or call: one source, contact and date for everything learned in it. New items get a
 * `ref` the facts can point at; every entry has its own words of evidence.
 */
export const logInputSchema = z.strictObject({
  version: versionSchema,
  summary: sentences(z.string().trim().max(TEXT_LIMITS.summary)).optional(),
  source: z.enum(RECORDABLE_EVIDENCE_SOURCES),
  contactId: idSchema.nullable().optional(),
  observedAt: dateOnlySchema,
  items: z
    .array(
      z.strictObject({
        ref: refSchema,
        ...itemIdentitySchema,
        said: sentences(z.string().trim().max(TEXT_LIMITS.evidence)).optional(),
      }),
    )
    .max(50)
    .default([]),
  facts: z
    .array(
      z.strictObject({
        itemId: idSchema.optional(),
        itemRef: refSchema.optional(),
        kind: z.enum(ITEM_KINDS).optional(),
        ...factValue,
        said: sentences(z.string().trim().max(TEXT_LIMITS.evidence)).optional(),
      }),
    )
    .max(100)
    .default([]),
});
export type LogInput = z.infer<typeof logInputSchema>;

// ---- reading knowledge ----

export const evidenceSchema = z.object({
  text: z.string().nullable(),
  source: z.enum(EVIDENCE_SOURCES),
  contactId: z.string().nullable(),
  contactName: z.string().nullable(),
  observedAt: z.string(),
  recordedBy: z.string(),
  recordedByName: z.string(),
});

export const knowledgeItemSchema = z.object({
  id: idSchema,
  kind: z.enum(ITEM_KINDS),
  /** what to call it: the evaluator's name, the alternative's name, the issue ... */
  label: z.string(),
  title: z.string().nullable(),
  contactId: z.string().nullable(),
  contactTitle: z.string().nullable(),
  category: z.string().nullable(),
  evidence: evidenceSchema,
  createdAt: z.string(),
});
export type KnowledgeItemView = z.infer<typeof knowledgeItemSchema>;

export const knowledgeFactSchema = z.object({
  id: idSchema,
  itemId: idSchema,
  itemKind: z.enum(ITEM_KINDS),
  itemLabel: z.string(),
  field: z.string(),
  label: z.string(),
  qualifier: z.string().nullable(),
  qualifierLabel: z.string().nullable(),
  isUnknown: z.boolean(),
  value: z.unknown(),
  /** the value in words, with references resolved to names */
  display: z.string(),
  evidence: evidenceSchema,
  grade: z.enum(['assumed', 'stated', 'validated']).nullable(),
  recordedAt: z.string(),
  lastVerifiedAt: z.string().nullable(),
  ageDays: z.number().int(),
  fresh: z.boolean(),
});
export type KnowledgeFactView = z.infer<typeof knowledgeFactSchema>;

export const askSchema = z.object({
  role: z.enum(['evaluator', 'champion', 'economic_buyer', 'anyone']),
  contactId: z.string().nullable(),
  contactName: z.string().nullable(),
});

export const gapSchema = z.object({
  kind: z.enum(['not_explored', 'unknown', 'assumed', 'stale']),
  objective: z.enum(OBJECTIVE_KEYS),
  itemId: z.string().nullable(),
  itemLabel: z.string().nullable(),
  field: z.string().nullable(),
  label: z.string(),
  question: z.string(),
  ask: askSchema,
  ageDays: z.number().int().nullable(),
});
export type KnowledgeGapView = z.infer<typeof gapSchema>;

export const objectiveKnowledgeSchema = z.object({
  key: z.enum(OBJECTIVE_KEYS),
  number: z.number().int(),
  name: z.string(),
  definition: z.string(),
  weight: z.number(),
  explored: z.boolean(),
  knowledgeLevel: z.number().int().min(0).max(4),
  position: z.number().int().min(-2).max(2).nullable(),
  knowledgeReasons: z.array(z.string()),
  positionReasons: z.array(z.string()),
  items: z.array(knowledgeItemSchema),
  facts: z.array(knowledgeFactSchema),
  openQuestions: z.array(gapSchema),
});
export type ObjectiveKnowledge = z.infer<typeof objectiveKnowledgeSchema>;

export const matrixSchema = z.object({
  alternatives: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string() })),
  rows: z.array(
    z.object({
      evaluatorId: z.string(),
      contactId: z.string().nullable(),
      name: z.string(),
      title: z.string().nullable(),
      influence: z.string().nullable(),
      roles: z.array(z.string()),
      isEconomicBuyer: z.boolean(),
      weight: z.number(),
      favours: z.string().nullable(),
      support: z.string().nullable(),
      stanceSource: z.string().nullable(),
      reportsTo: z.string().nullable(),
      coverage: z.string().nullable(),
    }),
  ),
  shares: z.array(z.object({ alternativeId: z.string(), share: z.number() })),
  unknownShare: z.number(),
});
export type EvaluatorMatrixView = z.infer<typeof matrixSchema>;

export const knowledgeQuerySchema = z.object({ asOf: dateOnlySchema.optional() });

export const knowledgeResponseSchema = z.object({
  opportunityId: idSchema,
  opportunityVersion: z.number().int(),
  asOf: z.string(),
  /** true when viewing the past: nothing can be written then */
  isHistorical: z.boolean(),
  coverageIndex: z.number(),
  objectives: z.array(objectiveKnowledgeSchema),
  unknowns: z.array(gapSchema),
  evaluatorMatrix: matrixSchema,
});
export type KnowledgeResponse = z.infer<typeof knowledgeResponseSchema>;

export const knowledgeHistoryEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  action: z.enum(['added', 'changed', 'verified', 'retired']),
  objective: z.enum(OBJECTIVE_KEYS).nullable(),
  what: z.string(),
  value: z.string().nullable(),
  evidence: evidenceSchema.nullable(),
  byName: z.string(),
  /** the meeting or call it was learned in, when logged as one */
  logId: z.string().nullable(),
  logSummary: z.string().nullable(),
});
export type KnowledgeHistoryEntry = z.infer<typeof knowledgeHistoryEntrySchema>;

export const knowledgeHistorySchema = z.object({
  items: z.array(knowledgeHistoryEntrySchema),
  total: z.number().int(),
});
export const knowledgeHistoryQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
