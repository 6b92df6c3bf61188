import { z } from 'zod';
import { LEARNING_TYPES } from '../domain/coaching/root-cause-guide.ts';
import { ROOT_CAUSE_IDS, type RootCauseId } from '../domain/coaching/root-causes.ts';
import { idSchema, optionalText, plainText, requiredText, timestampSchema, versionSchema } from './common.ts';

// The learning catalog: what an administrator offers sellers to learn, each item aimed at root
// causes of the coaching catalog. A quiz's right answers are for administrators only: a seller
// reads the questions, and a later assignment route grades what they chose.

export const CATALOG_LIMITS = {
  title: 200,
  summary: 500,
  content: 20_000,
  externalUrl: 2000,
  minutes: 2400,
  rootCauses: 10,
  questions: 30,
  prompt: 500,
  choice: 300,
  choicesMin: 2,
  choicesMax: 5,
} as const;

const ROOT_CAUSE_SET = new Set<string>(ROOT_CAUSE_IDS);

const rootCausesSchema = z
  .array(plainText(z.string().trim().max(8, 'Not a root cause')), { error: 'Expected a list of root-cause ids' })
  .min(1, 'Name at least one root cause this addresses')
  .max(CATALOG_LIMITS.rootCauses, `At most ${CATALOG_LIMITS.rootCauses} root causes`)
  .superRefine((ids, ctx) => {
    // one message for the whole list, so the field named is `rootCauses` whichever entry is wrong
    const unknown = ids.filter((id) => !ROOT_CAUSE_SET.has(id));
    if (unknown.length > 0) {
      ctx.addIssue({
        code: 'custom',
        message: `Unknown root cause ${unknown.join(', ')}: use ids such as B4, S7 or C1`,
        input: ids,
      });
    } else if (new Set(ids).size !== ids.length) {
      ctx.addIssue({ code: 'custom', message: 'Name each root cause once', input: ids });
    }
  })
  .transform((ids) => ids as RootCauseId[]);

const externalUrlSchema = optionalText(CATALOG_LIMITS.externalUrl).refine(
  (v) => v === null || v === undefined || isWebAddress(v),
  { message: 'Expected a web address starting with http:// or https://' },
);

function isWebAddress(value: string): boolean {
  if (!/^https?:\/\//i.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}

const questionSchema = z.strictObject({
  prompt: requiredText(CATALOG_LIMITS.prompt),
  choices: z
    .array(requiredText(CATALOG_LIMITS.choice))
    .min(CATALOG_LIMITS.choicesMin, `Offer at least ${CATALOG_LIMITS.choicesMin} choices`)
    .max(CATALOG_LIMITS.choicesMax, `Offer at most ${CATALOG_LIMITS.choicesMax} choices`),
  /** which of the choices is right, counted from 0 */
  answerIndex: z
    .number({ error: 'Mark the right choice' })
    .int('Mark the right choice')
    .min(0, 'Mark the right choice'),
});

export const quizSchema = z
  .strictObject({
    /** the share of right answers that passes, in whole percent */
    passMark: z
      .number({ error: 'Expected a whole percentage from 1 to 100' })
      .int('Expected a whole percentage from 1 to 100')
      .min(1, 'At least 1')
      .max(100, 'At most 100'),
    questions: z
      .array(questionSchema)
      .min(1, 'A quiz needs at least one question')
      .max(CATALOG_LIMITS.questions, `At most ${CATALOG_LIMITS.questions} questions`),
  })
  .superRefine((quiz, ctx) => {
    quiz.questions.forEach((q, i) => {
      if (q.answerIndex >= q.choices.length) {
        ctx.addIssue({
          code: 'custom',
          path: ['questions', i, 'answerIndex'],
          message: `The right choice must be one of the ${q.choices.length} choices`,
          input: q.answerIndex,
        });
      }
    });
  });
export type Quiz = z.infer<typeof quizSchema>;

const minutesSchema = z
  .number({ error: 'Expected the expected time in whole minutes' })
  .int('Expected whole minutes')
  .min(1, 'At least 1 minute')
  .max(CATALOG_LIMITS.minutes, `At most ${CATALOG_LIMITS.minutes} minutes`);

const contentSchema = optionalText(CATALOG_LIMITS.content, { multiline: true });

const itemFields = {
  title: requiredText(CATALOG_LIMITS.title),
  type: z.enum(LEARNING_TYPES),
  summary: requiredText(CATALOG_LIMITS.summary),
  content: contentSchema,
  externalUrl: externalUrlSchema,
  minutes: minutesSchema,
  rootCauses: rootCausesSchema,
  quiz: quizSchema.nullable().optional(),
};

const NOTHING_TO_LEARN = 'Write the content or give an external link';

export const catalogItemCreateBodySchema = z.strictObject(itemFields).superRefine((body, ctx) => {
  if (!body.content && !body.externalUrl)
    ctx.addIssue({ code: 'custom', path: ['content'], message: NOTHING_TO_LEARN, input: body.content });
});
export type CatalogItemCreate = z.infer<typeof catalogItemCreateBodySchema>;

export const catalogItemUpdateBodySchema = z.strictObject({
  title: itemFields.title.optional(),
  type: itemFields.type.optional(),
  summary: itemFields.summary.optional(),
  content: itemFields.content,
  externalUrl: itemFields.externalUrl,
  minutes: itemFields.minutes.optional(),
  rootCauses: itemFields.rootCauses.optional(),
  quiz: itemFields.quiz,
  isArchived: z.boolean().optional(),
  version: versionSchema,
});
export type CatalogItemUpdate = z.infer<typeof catalogItemUpdateBodySchema>;

export { NOTHING_TO_LEARN };

/** A quiz as it is sent: the right answers only to administrators. */
const quizViewSchema = z.object({
  passMark: z.number().int(),
  questions: z.array(
    z.object({
      prompt: z.string(),
      choices: z.array(z.string()),
      /** administrators only */
      answerIndex: z.number().int().optional(),
    }),
  ),
});
export type QuizView = z.infer<typeof quizViewSchema>;

export const catalogItemSchema = z.object({
  id: idSchema,
  title: z.string(),
  type: z.enum(LEARNING_TYPES),
  summary: z.string(),
  content: z.string().nullable(),
  externalUrl: z.string().nullable(),
  minutes: z.number().int(),
  rootCauses: z.array(z.enum(ROOT_CAUSE_IDS)),
  quiz: quizViewSchema.nullable(),
  isArchived: z.boolean(),
  createdBy: idSchema,
  updatedBy: idSchema,
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
  version: z.number().int(),
});
export type CatalogItem = z.infer<typeof catalogItemSchema>;

export const catalogListSchema = z.object({ items: z.array(catalogItemSchema) });

export const catalogListQuerySchema = z.object({
  rootCause: z.enum(ROOT_CAUSE_IDS).optional(),
  type: z.enum(LEARNING_TYPES).optional(),
  /** archived items too (administrators tidy them; sellers see only what is on offer) */
  archived: z.enum(['exclude', 'include', 'only']).default('exclude'),
});
export type CatalogListQuery = z.infer<typeof catalogListQuerySchema>;
