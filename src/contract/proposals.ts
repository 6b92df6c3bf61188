import { z } from 'zod';
import { OBJECTIVE_KEYS } from '../domain/knowledge/objectives.ts';
import { DRAFT_SECTIONS } from '../domain/proposals/draft.ts';
import { PLACEHOLDER_NAMES, TEMPLATE_MAX_LENGTH } from '../domain/proposals/template.ts';
import { idSchema, plainText, requiredText, versionSchema } from './common.ts';

// Proposals (issue 15): drafts written from a deal's knowledge, kept version by version with who
// made each and what was known; an organization's Markdown template.

export const PROPOSAL_TEXT_MAX = 100_000;
export const PROPOSAL_FORMATS = ['json', 'docx', 'pdf'] as const;

export const sellerNoteSchema = z.object({
  section: z.enum(DRAFT_SECTIONS),
  objective: z.enum(OBJECTIVE_KEYS),
  itemId: z.string().nullable(),
  message: z.string(),
  question: z.string(),
  askWhom: z.string(),
});

export const proposalSummarySchema = z.object({
  id: idSchema,
  opportunityId: idSchema,
  number: z.number().int(),
  origin: z.enum(['generated', 'edited']),
  basedOn: z.string().nullable(),
  createdByName: z.string(),
  createdAt: z.string(),
  completeness: z.number().int().min(0).max(100),
  sentAt: z.string().nullable(),
  sentByName: z.string().nullable(),
});
export type ProposalSummary = z.infer<typeof proposalSummarySchema>;

export const proposalSchema = proposalSummarySchema.extend({
  /** the customer document, in Markdown */
  text: z.string(),
  sections: z.record(z.enum(DRAFT_SECTIONS), z.enum(['full', 'weak', 'generic'])),
  /** for the seller only: never in the customer document */
  notes: z.array(sellerNoteSchema),
  /** for the seller only: never in the customer document */
  appendix: z.object({
    evaluators: z.array(
      z.object({
        name: z.string(),
        title: z.string().nullable(),
        roles: z.array(z.string()),
        influence: z.string().nullable(),
        stance: z.string(),
        favours: z.string().nullable(),
        mustDo: z.string(),
      }),
    ),
    toBeat: z.array(z.object({ section: z.enum(DRAFT_SECTIONS), alternative: z.string(), why: z.string() })),
  }),
  /** what the draft was written from: the deal and its coverage as they stood */
  madeFrom: z.object({
    asOf: z.string(),
    dealName: z.string(),
    accountName: z.string(),
    amountMinor: z.number().int(),
    currency: z.string(),
    coverageIndex: z.number(),
    objectives: z.array(z.object({ key: z.enum(OBJECTIVE_KEYS), name: z.string(), knowledgeLevel: z.number().int() })),
  }),
});
export type Proposal = z.infer<typeof proposalSchema>;

export const proposalListSchema = z.object({ items: z.array(proposalSummarySchema) });

export const proposalParamsSchema = z.object({
  id: idSchema,
  /** the proposal's id, or `<id>.docx` / `<id>.pdf` for the customer document */
  pid: plainText(z.string().min(1).max(80)),
});
export const proposalFormatQuerySchema = z.object({ format: z.enum(PROPOSAL_FORMATS).optional() });

/** A seller's edit of a version's text: kept as a new version based on it. */
export const proposalEditBodySchema = z.strictObject({
  text: requiredText(PROPOSAL_TEXT_MAX, { multiline: true }),
});

export const proposalTemplateSchema = z.object({
  text: z.string(),
  /** null while the organization uses the default */
  version: z.number().int().nullable(),
  isDefault: z.boolean(),
  updatedByName: z.string().nullable(),
  updatedAt: z.string().nullable(),
  placeholders: z.array(z.object({ name: z.enum(PLACEHOLDER_NAMES), description: z.string() })),
});
export type ProposalTemplate = z.infer<typeof proposalTemplateSchema>;

export const proposalTemplateBodySchema = z.strictObject({
  text: requiredText(TEMPLATE_MAX_LENGTH, { multiline: true }),
  /** the version last seen (null: the default was seen) */
  version: versionSchema.nullable(),
});
