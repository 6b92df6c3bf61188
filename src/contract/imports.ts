import { z } from 'zod';
import { IMPORT_KIND_KEYS, IMPORT_KINDS, IMPORT_TARGETS, KIND_TARGETS } from '../domain/imports/mapping.ts';
import { BUILTIN_MAPPING_NAMES } from '../domain/imports/builtin.ts';

// Importing a CSV through the API: upload the file (its bytes as the body), then check it (a dry
// run) or import it with a mapping, and poll its progress.

export const IMPORT_STATUSES = ['uploaded', 'checking', 'checked', 'importing', 'done', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/**
 * What a running import is doing: checking every row, writing them (all or nothing), then, once
 * they are in, assessing the open deals it wrote and replaying the forecast's past days from the
 * history it brought.
 */
export const IMPORT_PHASES = ['checking', 'writing', 'assessing', 'replaying'] as const;
export type ImportPhase = (typeof IMPORT_PHASES)[number];

export const importUploadQuerySchema = z.strictObject({
  fileName: z
    .string()
    .trim()
    .min(1, 'Name the file')
    .max(255, 'At most 255 characters')
    .regex(/^[^\u0000-\u001f/\\]+$/, 'A file name without slashes or control characters'),
});

const problemSchema = z.object({ line: z.number(), column: z.string().nullable(), message: z.string() });

export const importCountsSchema = z.object({
  opportunities: z.number(),
  byStatus: z.object({ open: z.number(), won: z.number(), lost: z.number(), no_decision: z.number() }),
  accountsCreated: z.number(),
  contactsCreated: z.number(),
  peopleCreated: z.number(),
  facts: z.number(),
  // absent from imports recorded before the account, contact, contact-role and stage-history files
  accountsUpdated: z.number().optional(),
  contactsUpdated: z.number().optional(),
  evaluators: z.number().optional(),
  stageChanges: z.number().optional(),
  assessed: z.number().optional(),
  replayedDays: z.number().optional(),
});

export const importSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  bytes: z.number(),
  status: z.enum(IMPORT_STATUSES),
  isDryRun: z.boolean(),
  rowsDone: z.number(),
  rowsTotal: z.number().nullable(),
  /** while it runs in this server: its phase, and how far into it (rows, open deals or past days) */
  phase: z.object({ name: z.enum(IMPORT_PHASES), done: z.number(), total: z.number().nullable() }).nullable(),
  /** the first 500 problems, each with its line (1 is the header) and column */
  errors: z.array(problemSchema),
  errorCount: z.number(),
  skipped: z.array(problemSchema),
  /** mapped columns the file lacks, for fields it can do without */
  leftOut: z.array(z.string()),
  counts: importCountsSchema.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ImportView = z.infer<typeof importSchema>;

/** What an upload answers: the import, and the file's first rows as they will be read. */
export const importUploadedSchema = importSchema.extend({
  header: z.array(z.string()),
  delimiter: z.string(),
  preview: z.array(z.array(z.string())),
  /** for each target field, the column whose header looks like it */
  suggestions: z.record(z.string(), z.string()),
});
export type ImportUploaded = z.infer<typeof importUploadedSchema>;

export const importRunBodySchema = z.strictObject({
  /** a built-in mapping by name, or a whole mapping (checked as `winsight import` checks a MAPPING.json) */
  mapping: z.union([z.enum(BUILTIN_MAPPING_NAMES as [string, ...string[]]), z.record(z.string(), z.unknown())]),
  dryRun: z.boolean().default(false),
});

export const importListSchema = z.object({ imports: z.array(importSchema) });

export const importTargetsSchema = z.object({
  targets: z.array(z.object({ key: z.string(), label: z.string() })),
  /** what a file can hold, each with the fields it fills */
  kinds: z.array(z.object({ kind: z.enum(IMPORT_KIND_KEYS), label: z.string(), targets: z.array(z.string()) })),
  mappings: z.array(
    z.object({
      name: z.string(),
      label: z.string(),
      kind: z.enum(IMPORT_KIND_KEYS),
      description: z.string(),
      mapping: z.record(z.string(), z.unknown()),
    }),
  ),
});

export const IMPORT_TARGET_LIST = Object.entries(IMPORT_TARGETS).map(([key, label]) => ({ key, label }));
export const IMPORT_KIND_LIST = IMPORT_KIND_KEYS.map((kind) => ({
  kind,
  label: IMPORT_KINDS[kind],
  targets: [...KIND_TARGETS[kind]],
}));
