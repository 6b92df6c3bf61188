import { z } from 'zod';
import { DEAL_TYPES, LEAD_SOURCES, OPPORTUNITY_STATUSES, SIZE_BANDS } from '../enums.ts';
import { fieldDef, KNOWLEDGE_SCHEMA, type ItemKind } from '../knowledge/schema.ts';
import { isCurrencyCode } from '../currency.ts';

// A mapping says how another CRM's CSV becomes Winsight's records: which column (or fixed value,
// or template of columns) feeds each target field, how its values translate (stages, outcomes, deal
// types), how dates and amounts are written, and which columns carry knowledge about a deal.

/** Every field a mapping can fill, with what a person reads on the mapping screen. */
export const IMPORT_TARGETS = {
  'opportunity.externalId': 'Opportunity id in the other CRM',
  'opportunity.name': 'Opportunity name',
  'opportunity.amount': 'Amount',
  'opportunity.currency': 'Currency (ISO code)',
  'opportunity.closeDate': 'Close date (expected while open, actual once closed)',
  'opportunity.createdDate': 'Created date',
  'opportunity.createdDaysBeforeClose': 'Days from creation to close',
  'opportunity.stage': 'Stage',
  'opportunity.outcome': 'Outcome (won, lost, no decision, open)',
  'opportunity.isClosed': 'Closed (yes/no)',
  'opportunity.isWon': 'Won (yes/no)',
  'opportunity.probability': "Seller's probability (%)",
  'opportunity.type': 'Deal type',
  'opportunity.source': 'Lead source',
  'opportunity.closeReason': 'Close reason',
  'owner.name': 'Owner name',
  'owner.email': 'Owner e-mail',
  'account.externalId': 'Account id in the other CRM',
  'account.name': 'Account name',
  'account.industry': 'Industry',
  'account.sizeBand': 'Company size (employees)',
  'account.website': 'Website',
  'contact.externalId': 'Contact id in the other CRM',
  'contact.name': 'Contact name',
  'contact.email': 'Contact e-mail',
  'contact.title': 'Contact job title',
  'contact.phone': 'Contact phone',
  'contact.role': "Contact's role in the decision",
} as const;
export type ImportTarget = keyof typeof IMPORT_TARGETS;
export const IMPORT_TARGET_KEYS = Object.keys(IMPORT_TARGETS) as ImportTarget[];

/**
 * A column by its header (with a value for its empty cells), a fixed value, or a template such as
 * "Client {Opportunity Number}".
 */
export const sourceSchema = z.union([
  z.string().min(1, 'Name a column'),
  z.strictObject({ column: z.string().min(1, 'Name a column'), default: z.string().optional() }),
  z.strictObject({ value: z.string() }),
  z.strictObject({
    template: z
      .string()
      .min(1)
      .regex(/\{[^}]+\}/, 'A template names at least one {Column}'),
  }),
]);
export type Source = z.infer<typeof sourceSchema>;

/** Where a knowledge column lands: a singleton's field, the economic buyer, or competitors. */
export const KNOWLEDGE_TARGETS = [
  ...KNOWLEDGE_SCHEMA.filter((k) => k.singleton).flatMap((k) =>
    k.fields
      .filter((f) => f.kind !== 'evaluators' && f.kind !== 'alternative' && !f.perAlternative)
      .filter((f) => f.kind !== 'evaluator' || (k.kind === 'power_access' && f.key === 'economicBuyer'))
      .filter((f) => !['money', 'costOfDelay', 'impact', 'metric'].includes(f.kind))
      .map((f) => `${k.kind}.${f.key}`),
  ),
  'alternative.competitor',
] as const;

const knowledgeSchema = z.strictObject({
  column: z.string().min(1, 'Name a column'),
  fact: z.string().refine((t) => (KNOWLEDGE_TARGETS as readonly string[]).includes(t), {
    message: `Choose one of: ${KNOWLEDGE_TARGETS.join(', ')}`,
  }),
  /** cell -> value (JSON: true, "allocated", ...) */
  values: z.record(z.string(), z.unknown()).optional(),
  /** between several competitors in one cell */
  split: z.string().min(1).optional(),
});
export type KnowledgeColumn = z.infer<typeof knowledgeSchema>;

export const mappingSchema = z
  .strictObject({
    name: z.string().min(1).max(200).optional(),
    description: z.string().max(2000).optional(),
    /** how numeric dates such as 03/04/2024 are ordered; ISO dates are always read */
    dateOrder: z.enum(['mdy', 'dmy', 'ymd']).default('mdy'),
    decimal: z.enum(['.', ',']).default('.'),
    /** the currency of amounts without a currency column (default: the organization's) */
    currency: z
      .string()
      .refine(isCurrencyCode, { message: 'Pick a currency by its three-letter code, such as USD or EUR' })
      .optional(),
    fields: z
      .partialRecord(z.enum(IMPORT_TARGET_KEYS as [ImportTarget, ...ImportTarget[]]), sourceSchema)
      .refine((f) => f['opportunity.name'] || f['opportunity.externalId'], {
        message: 'Map opportunity.name or opportunity.externalId',
      })
      .refine((f) => f['opportunity.closeDate'], { message: 'Map opportunity.closeDate' })
      .refine((f) => f['account.name'] || f['account.externalId'], { message: 'Map account.name' }),
    /** the other CRM's stage -> one of ours, by name, or how the deal ended (won, lost, no_decision) */
    stages: z.record(z.string(), z.string().min(1)).default({}),
    /** per target field: the other CRM's value -> ours (deal types, lead sources, sizes, outcomes) */
    values: z
      .partialRecord(z.enum(IMPORT_TARGET_KEYS as [ImportTarget, ...ImportTarget[]]), z.record(z.string(), z.string()))
      .default({}),
    knowledge: z.array(knowledgeSchema).max(50).default([]),
    /** a row repeating an earlier row's opportunity id: an error, or skipped (the first one wins) */
    duplicates: z.enum(['error', 'first']).default('error'),
    /** cells that mean "we do not know" (compared ignoring case) */
    unknown: z.array(z.string()).default(['unknown']),
  })
  .superRefine((m, ctx) => {
    const checks: Array<[ImportTarget, readonly string[]]> = [
      ['opportunity.type', DEAL_TYPES],
      ['opportunity.source', LEAD_SOURCES],
      ['account.sizeBand', SIZE_BANDS],
      ['opportunity.outcome', OPPORTUNITY_STATUSES],
    ];
    for (const [target, allowed] of checks) {
      for (const [from, to] of Object.entries(m.values[target] ?? {})) {
        if (!allowed.includes(to)) {
          ctx.addIssue({
            code: 'custom',
            path: ['values', target, from],
            message: `"${to}" is not one of ${allowed.join(', ')}`,
          });
        }
      }
    }
    for (const [index, k] of m.knowledge.entries()) {
      if (!k.values) continue;
      const [kind, key] = k.fact.split('.') as [ItemKind, string];
      const def = fieldDef(kind, key);
      if (!def?.options) continue;
      for (const [from, to] of Object.entries(k.values)) {
        if (typeof to !== 'string' || !def.options.includes(to)) {
          ctx.addIssue({
            code: 'custom',
            path: ['knowledge', index, 'values', from],
            message: `"${String(to)}" is not one of ${def.options.join(', ')}`,
          });
        }
      }
    }
  });
export type Mapping = z.infer<typeof mappingSchema>;
export type MappingInput = z.input<typeof mappingSchema>;

/** "fields.opportunity.closeDate: Map opportunity.closeDate" for each problem. */
export function mappingProblems(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.length > 0 ? `${i.path.join('.')}: ` : ''}${i.message}`);
}

/** The columns a source reads. */
export function columnsOf(source: Source): string[] {
  if (typeof source === 'string') return [source];
  if ('column' in source) return [source.column];
  if ('template' in source) return [...source.template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
  return [];
}

/** What an import cannot do without; a mapped column the file lacks for any other field is left out. */
export function requiredTargetsMissing(fields: Mapping['fields']): string[] {
  const missing: string[] = [];
  if (!fields['opportunity.closeDate']) missing.push('opportunity.closeDate');
  if (!fields['opportunity.name'] && !fields['opportunity.externalId']) missing.push('opportunity.name');
  if (!fields['account.name'] && !fields['account.externalId']) missing.push('account.name');
  return missing;
}

/** Every column the mapping reads, with the target it feeds, for checking a file's header. */
export function mappedColumns(mapping: Mapping): Array<{ column: string; target: string }> {
  const fromFields = Object.entries(mapping.fields).flatMap(([target, source]) =>
    columnsOf(source).map((column) => ({ column, target })),
  );
  return [...fromFields, ...mapping.knowledge.map((k) => ({ column: k.column, target: k.fact }))];
}
