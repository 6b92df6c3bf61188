import { z } from 'zod';
import { INDICATOR_KEYS } from '../domain/coaching/indicators.ts';
import { LEARNING_TYPES } from '../domain/coaching/root-cause-guide.ts';
import { PYRAMID_LEVELS, ROOT_CAUSE_IDS } from '../domain/coaching/root-causes.ts';
import { parseConditionParams, type ConditionParams } from '../domain/coaching/success-conditions.ts';
import { EVIDENCE_SOURCES } from '../domain/knowledge/evidence.ts';
import { catalogItemSchema } from './coaching.ts';
import { dateOnlySchema, idSchema, optionalText, requiredText, timestampSchema } from './common.ts';

// Learning assigned to a seller: from the catalog, due on a day, for a root cause and, for
// on-the-job work, on one of the seller's live deals with a success condition the app checks itself.
// The quiz is graded on the server: a seller sends their choices and gets back a score and which
// questions they got right, never the right answers.

export const ASSIGNMENT_STATUSES = [
  'assigned',
  'in_progress',
  'completed',
  'applied',
  'verified',
  'abandoned',
] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

export const ASSIGNMENT_LIMITS = { reflection: 4000, evidenceNote: 2000, note: 1000, answers: 30 } as const;

/** The gap rules a flag can name: GAP-01 ... or ZONE for a recurring danger zone. */
const gapRuleSchema = z.string().regex(/^(GAP-\d{2}|ZONE)$/, 'Expected a gap rule such as GAP-02 or ZONE');

const successConditionBodySchema = z
  .strictObject({
    id: z.string({ error: 'Choose a success condition from the list' }).max(64),
    params: z.record(z.string(), z.unknown()).optional(),
  })
  .transform((value, ctx) => {
    const parsed = parseConditionParams(value.id, value.params ?? {});
    if (!parsed.ok) {
      ctx.addIssue({
        code: 'custom',
        path: parsed.field === '' ? ['id'] : ['params', parsed.field],
        message: parsed.message,
        input: value,
      });
      return z.NEVER;
    }
    return { id: value.id, params: parsed.params as ConditionParams };
  });

export const assignmentCreateBodySchema = z.strictObject({
  sellerId: idSchema,
  itemId: idSchema,
  dueDate: dateOnlySchema,
  rootCause: z.enum(ROOT_CAUSE_IDS, { error: 'Choose a root cause such as B4 or S7' }),
  gapRule: gapRuleSchema.optional(),
  zoneId: z.string().max(16).optional(),
  indicator: z.enum(INDICATOR_KEYS).optional(),
  opportunityId: idSchema.optional(),
  successCondition: successConditionBodySchema.optional(),
  /** the concluded diagnosis of this seller the learning answers */
  diagnosisId: idSchema.optional(),
});
export type AssignmentCreate = z.infer<typeof assignmentCreateBodySchema>;

export const assignmentCompleteBodySchema = z.strictObject({
  /** the chosen choice per question, counted from 0, in the quiz's order */
  answers: z
    .array(z.number().int().min(0), { error: 'Expected the chosen choice of each question' })
    .max(ASSIGNMENT_LIMITS.answers)
    .optional(),
  reflection: requiredText(ASSIGNMENT_LIMITS.reflection, { multiline: true }),
  evidenceNote: optionalText(ASSIGNMENT_LIMITS.evidenceNote, { multiline: true }),
});
export type AssignmentComplete = z.infer<typeof assignmentCompleteBodySchema>;

export const assignmentNoteBodySchema = z.strictObject({
  note: optionalText(ASSIGNMENT_LIMITS.note, { multiline: true }),
});
export const assignmentReopenBodySchema = z.strictObject({
  note: requiredText(ASSIGNMENT_LIMITS.note, { multiline: true }),
});

export const assignmentListQuerySchema = z.object({
  /** whose assignments: the asker's own when absent */
  seller: idSchema.optional(),
});

const conditionEvidenceSchema = z.object({
  what: z.string(),
  quote: z.string().nullable(),
  source: z.enum(EVIDENCE_SOURCES),
  observedAt: z.string(),
});

const conditionCheckSchema = z.object({
  met: z.boolean(),
  evidence: z.array(conditionEvidenceSchema),
  missing: z.array(z.string()),
});

export const assignmentSchema = z.object({
  id: idSchema,
  seller: z.object({ id: z.string(), name: z.string() }),
  assignedBy: z.object({ id: z.string(), name: z.string() }),
  assignedAt: timestampSchema,
  dueDate: z.string(),
  isOverdue: z.boolean(),
  status: z.enum(ASSIGNMENT_STATUSES),
  item: z.object({ id: z.string(), title: z.string(), type: z.enum(LEARNING_TYPES), minutes: z.number().int() }),
  rootCause: z.object({ id: z.enum(ROOT_CAUSE_IDS), name: z.string() }),
  level: z.enum(PYRAMID_LEVELS),
  gapRule: z.string().nullable(),
  zoneId: z.string().nullable(),
  indicator: z.enum(INDICATOR_KEYS).nullable(),
  /** the indicator's value on the seller's scorecard when assigned */
  baselineValue: z.number().nullable(),
  deal: z.object({ id: z.string(), name: z.string(), status: z.string() }).nullable(),
  successCondition: z
    .object({
      id: z.string(),
      label: z.string(),
      description: z.string(),
      params: z.record(z.string(), z.union([z.number(), z.boolean(), z.string()])),
      /** as the deal's knowledge stands now (null once verified or abandoned, or the deal is gone) */
      now: conditionCheckSchema.nullable(),
    })
    .nullable(),
  startedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  quiz: z
    .object({ score: z.number().int().nullable(), passed: z.boolean().nullable(), attempts: z.number().int() })
    .nullable(),
  reflection: z.string().nullable(),
  evidenceNote: z.string().nullable(),
  appliedAt: z.string().nullable(),
  /** the facts that met the condition when the app noticed */
  applicationEvidence: z.array(conditionEvidenceSchema),
  verifiedAt: z.string().nullable(),
  verifiedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  managerNote: z.string().nullable(),
  /** the diagnosis it was assigned from (null when none, or not the reader's to read) */
  diagnosis: z.object({ id: z.string(), gap: z.string() }).nullable(),
  version: z.number().int(),
  /** what the asker may do with it now */
  can: z.object({
    start: z.boolean(),
    complete: z.boolean(),
    verify: z.boolean(),
    reopen: z.boolean(),
    abandon: z.boolean(),
  }),
});
export type Assignment = z.infer<typeof assignmentSchema>;

export const assignmentListSchema = z.object({ items: z.array(assignmentSchema) });

export const assignmentDetailSchema = assignmentSchema.extend({
  /** the catalog item to learn from (the quiz without its answers) */
  content: catalogItemSchema,
});
export type AssignmentDetail = z.infer<typeof assignmentDetailSchema>;

export const completionResultSchema = z.object({
  assignment: assignmentDetailSchema,
  /** the quiz graded, when there was one: which questions were right, the score and the pass mark */
  grade: z
    .object({
      score: z.number().int(),
      passMark: z.number().int(),
      passed: z.boolean(),
      correct: z.array(z.boolean()),
    })
    .nullable(),
});
export type CompletionResult = z.infer<typeof completionResultSchema>;

const paramDefSchema = z.union([
  z.object({
    key: z.string(),
    label: z.string(),
    kind: z.literal('integer'),
    min: z.number(),
    max: z.number(),
    default: z.number(),
  }),
  z.object({ key: z.string(), label: z.string(), kind: z.literal('boolean'), default: z.boolean() }),
  z.object({
    key: z.string(),
    label: z.string(),
    kind: z.literal('choice'),
    options: z.array(z.object({ value: z.string(), label: z.string() })),
    default: z.string().nullable(),
  }),
]);

export const successConditionListSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      description: z.string(),
      rootCauses: z.array(z.enum(ROOT_CAUSE_IDS)),
      params: z.array(paramDefSchema),
    }),
  ),
});
export type SuccessConditionList = z.infer<typeof successConditionListSchema>;
