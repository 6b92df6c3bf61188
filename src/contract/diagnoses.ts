import { z } from 'zod';
import { ASSIGNMENT_STATUSES } from './assignments.ts';
import { DIAGNOSIS_STEPS, FIX_TYPES } from '../domain/coaching/diagnosis.ts';
import { INDICATOR_KEYS } from '../domain/coaching/indicators.ts';
import { PYRAMID_LEVELS, ROOT_CAUSE_IDS } from '../domain/coaching/root-causes.ts';
import { idSchema, optionalText, plainText, timestampSchema, versionSchema } from './common.ts';

// The guided diagnosis of a seller's gap. Question ids, answers and root causes are checked
// against the flow and the catalog by the service (422 naming the field), not by their shape here,
// so an unknown one is told apart from a malformed request.

export const DIAGNOSIS_LIMITS = {
  observation: 2000,
  note: 1000,
  conclusion: 2000,
  answers: 40,
  suspected: 10,
} as const;
export const DIAGNOSIS_STATUSES = ['in_progress', 'concluded', 'abandoned'] as const;
export type DiagnosisStatus = (typeof DIAGNOSIS_STATUSES)[number];

const code = (max: number) => plainText(z.string().trim().min(1, 'Required').max(max, 'Not a known id'));

export const diagnosisStartBodySchema = z
  .strictObject({
    seller: idSchema,
    /** a gap the seller's scorecard flags today: its rule, and for a recurring zone the zone */
    flag: z.strictObject({ rule: code(16), zoneId: code(16).optional() }).optional(),
    /** or what the manager saw themselves */
    observation: optionalText(DIAGNOSIS_LIMITS.observation, { multiline: true }),
    /** causes the manager suspects besides those the flag names */
    suspected: z.array(code(8)).max(DIAGNOSIS_LIMITS.suspected, `At most ${DIAGNOSIS_LIMITS.suspected}`).optional(),
  })
  .superRefine((body, ctx) => {
    if (!body.flag && !body.observation)
      ctx.addIssue({
        code: 'custom',
        path: ['observation'],
        message: 'Start from a flagged gap or describe what you saw',
      });
    if (body.flag && body.observation)
      ctx.addIssue({
        code: 'custom',
        path: ['observation'],
        message: 'Start from a flagged gap or an observation, not both',
      });
  });
export type DiagnosisStart = z.infer<typeof diagnosisStartBodySchema>;

export const diagnosisAnswersBodySchema = z.strictObject({
  step: z.enum(DIAGNOSIS_STEPS),
  /** every answer of the step: those left out are cleared */
  answers: z
    .array(
      z.strictObject({
        question: code(64),
        answer: code(32),
        note: optionalText(DIAGNOSIS_LIMITS.note, { multiline: true }),
      }),
    )
    .max(DIAGNOSIS_LIMITS.answers, `At most ${DIAGNOSIS_LIMITS.answers} answers`),
  version: versionSchema,
});
export type DiagnosisAnswers = z.infer<typeof diagnosisAnswersBodySchema>;

export const diagnosisConcludeBodySchema = z.strictObject({
  rootCause: code(8),
  /** the root cause's own level when left out */
  level: z.enum(PYRAMID_LEVELS).optional(),
  /** the fix the root cause calls for when left out */
  fix: z.enum(FIX_TYPES).optional(),
  /** never with a wellbeing (C8) conclusion */
  note: optionalText(DIAGNOSIS_LIMITS.conclusion, { multiline: true }),
  version: versionSchema,
});
export type DiagnosisConclude = z.infer<typeof diagnosisConcludeBodySchema>;

export const diagnosisAbandonBodySchema = z.strictObject({ version: versionSchema });

export const diagnosisListQuerySchema = z.object({ seller: idSchema.optional() });

const person = z.object({ id: z.string(), name: z.string() });

export const diagnosisSummarySchema = z.object({
  id: z.string(),
  seller: person,
  startedBy: person,
  source: z.enum(['flag', 'observation']),
  gap: z.string(),
  status: z.enum(DIAGNOSIS_STATUSES),
  rootCause: z.enum(ROOT_CAUSE_IDS).nullable(),
  level: z.enum(PYRAMID_LEVELS).nullable(),
  fix: z.enum(FIX_TYPES).nullable(),
  startedAt: timestampSchema,
  updatedAt: timestampSchema,
  closedAt: timestampSchema.nullable(),
});
export type DiagnosisSummary = z.infer<typeof diagnosisSummarySchema>;

export const diagnosisListSchema = z.object({ items: z.array(diagnosisSummarySchema) });

export const diagnosisSchema = diagnosisSummarySchema.extend({
  flag: z
    .object({ rule: z.string(), indicator: z.enum(INDICATOR_KEYS).nullable(), zoneId: z.string().nullable() })
    .nullable(),
  deals: z.array(z.object({ id: z.string(), name: z.string() })),
  suspected: z.array(z.enum(ROOT_CAUSE_IDS)),
  answers: z.array(
    z.object({
      step: z.enum(DIAGNOSIS_STEPS),
      question: z.string(),
      answer: z.string(),
      note: z.string().nullable(),
      answeredAt: timestampSchema,
    }),
  ),
  /** the manager's conclusion (for wellbeing, only the fixed referral sentence) */
  conclusion: z.string().nullable(),
  closedBy: person.nullable(),
  /** what the answers point to now, as the flow reads them */
  advice: z.object({
    nextStep: z.enum(DIAGNOSIS_STEPS).nullable(),
    settledSteps: z.array(z.enum(DIAGNOSIS_STEPS)),
    suggestion: z
      .object({
        rootCauses: z.array(z.enum(ROOT_CAUSE_IDS)),
        level: z.enum(PYRAMID_LEVELS),
        fix: z.enum(FIX_TYPES),
        reason: z.string(),
      })
      .nullable(),
    notWorthSolving: z.boolean(),
    ruledOut: z.array(z.enum(ROOT_CAUSE_IDS)),
  }),
  /** whether the reader may answer, conclude or abandon it */
  canEdit: z.boolean(),
  /** the learning assigned from it (only a concluded diagnosis has any), in the order assigned */
  assignments: z.array(
    z.object({ id: z.string(), title: z.string(), status: z.enum(ASSIGNMENT_STATUSES), dueDate: z.string() }),
  ),
  version: z.number().int(),
});
export type Diagnosis = z.infer<typeof diagnosisSchema>;
