import { z } from 'zod';
import { DEAL_TYPES, LEAD_SOURCES, OPPORTUNITY_STATUSES, SIZE_BANDS } from '../enums.ts';
import { DECISION_ROLES, fieldDef, KNOWLEDGE_SCHEMA, type ItemKind } from '../knowledge/schema.ts';
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
  'history.stage': 'Stage the deal moved to',
  'history.date': 'Date of the change',
  'history.amount': 'Amount at that moment',
  'history.closeDate': 'Expected close date at that moment',
} as const;
export type ImportTarget = keyof typeof IMPORT_TARGETS;
export const IMPORT_TARGET_KEYS = Object.keys(IMPORT_TARGETS) as ImportTarget[];

/**
 * What one file holds, one record per row. Files link by the other CRM's ids: a contact names its
 * account's id, a contact role or a stage change names its opportunity's id, which must already be
 * here (imported before, from its own file).
 */
export const IMPORT_KINDS = {
  opportunity: 'Opportunities (with their accounts, owners and outcomes)',
  account: 'Accounts',
  contact: 'Contacts',
  contactRole: "Contact roles: people in a deal's buying group",
  stageHistory: "Stage history: each change of a deal's stage (and of its amount and close date), with its date",
} as const;
export type ImportKind = keyof typeof IMPORT_KINDS;
export const IMPORT_KIND_KEYS = Object.keys(IMPORT_KINDS) as ImportKind[];

/** The fields each kind of file can fill. */
export const KIND_TARGETS = {
  opportunity: IMPORT_TARGET_KEYS.filter((t) => !t.startsWith('history.')),
  account: [
    'account.externalId',
    'account.name',
    'account.industry',
    'account.sizeBand',
    'account.website',
    'owner.name',
    'owner.email',
  ],
  contact: [
    'contact.externalId',
    'contact.name',
    'contact.email',
    'contact.title',
    'contact.phone',
    'account.externalId',
    'account.name',
  ],
  contactRole: [
    'opportunity.externalId',
    'contact.externalId',
    'contact.name',
    'contact.email',
    'contact.title',
    'contact.phone',
    'contact.role',
    'account.externalId',
  ],
  stageHistory: ['opportunity.externalId', 'history.stage', 'history.date', 'history.amount', 'history.closeDate'],
} as const satisfies Record<ImportKind, readonly ImportTarget[]>;

/**
 * A column by its header (with a value for its empty cells), a fixed value, or a template such as
 * "Client {Opportunity Number}".
 */
export const sourceSchema = z.union([
  z.string().min(1, 'Name a column'),
  z.strictObject({
    column: z.string().min(1, 'Name a column'),
    /** other headers the same column goes by (a report and an object export name it differently): the first the file has is read */
    or: z.array(z.string().min(1)).max(10).optional(),
    default: z.string().optional(),
  }),
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
    /** what the file holds, one record per row */
    kind: z.enum(IMPORT_KIND_KEYS as [ImportKind, ...ImportKind[]]).default('opportunity'),
    /** how numeric dates such as 03/04/2024 are ordered; ISO dates are always read */
    dateOrder: z.enum(['mdy', 'dmy', 'ymd']).default('mdy'),
    decimal: z.enum(['.', ',']).default('.'),
    /** the currency of amounts without a currency column (default: the organization's) */
    currency: z
      .string()
      .refine(isCurrencyCode, { message: 'Pick a currency by its three-letter code, such as USD or EUR' })
      .optional(),
    fields: z.partialRecord(z.enum(IMPORT_TARGET_KEYS as [ImportTarget, ...ImportTarget[]]), sourceSchema),
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
    for (const target of requiredTargetsMissing(m.fields, m.kind)) {
      ctx.addIssue({ code: 'custom', path: ['fields'], message: `Map ${REQUIRED_WORDS[target] ?? target}` });
    }
    const allowedTargets: readonly string[] = KIND_TARGETS[m.kind];
    for (const target of Object.keys(m.fields)) {
      if (!allowedTargets.includes(target)) {
        ctx.addIssue({
          code: 'custom',
          path: ['fields', target],
          message: `a ${m.kind} file does not fill ${target}; it fills ${allowedTargets.join(', ')}`,
        });
      }
    }
    for (const [from, to] of Object.entries(m.values['contact.role'] ?? {})) {
      // "" reads as "no particular role": the person joins the buying group without one
      if (to !== '' && !(DECISION_ROLES as readonly string[]).includes(to)) {
        ctx.addIssue({
          code: 'custom',
          path: ['values', 'contact.role', from],
          message: `"${to}" is not one of ${DECISION_ROLES.join(', ')} (or "" for no particular role)`,
        });
      }
    }
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

const REQUIRED_WORDS: Partial<Record<string, string>> = {
  'opportunity.name': 'opportunity.name or opportunity.externalId',
  'account.name': 'account.name or account.externalId',
};

/** What an import of this kind cannot do without; a mapped column the file lacks for any other field is left out. */
export function requiredTargetsMissing(fields: Mapping['fields'], kind: ImportKind = 'opportunity'): string[] {
  const missing: string[] = [];
  const need = (target: ImportTarget, ...or: ImportTarget[]) => {
    if (!fields[target] && !or.some((t) => fields[t])) missing.push(target);
  };
  switch (kind) {
    case 'opportunity':
      need('opportunity.closeDate');
      need('opportunity.name', 'opportunity.externalId');
      need('account.name', 'account.externalId');
      break;
    case 'account':
      need('account.name');
      break;
    case 'contact':
      need('contact.name');
      need('account.name', 'account.externalId');
      break;
    case 'contactRole':
      need('opportunity.externalId');
      need('contact.externalId');
      break;
    case 'stageHistory':
      need('opportunity.externalId');
      need('history.stage');
      need('history.date');
      break;
  }
  return missing;
}

/** The mapping with each column that goes by several headers settled on the one this file has. */
export function settleColumns(mapping: Mapping, header: ReadonlyMap<string, number>): Mapping {
  const fields: Mapping['fields'] = {};
  for (const [target, source] of Object.entries(mapping.fields) as Array<[ImportTarget, Source]>) {
    if (typeof source === 'object' && 'column' in source && source.or) {
      const { or, ...rest } = source;
      fields[target] = { ...rest, column: [source.column, ...or].find((c) => header.has(c)) ?? source.column };
    } else fields[target] = source;
  }
  return { ...mapping, fields };
}

/** Every column the mapping reads, with the target it feeds, for checking a file's header. */
export function mappedColumns(mapping: Mapping): Array<{ column: string; target: string }> {
  const fromFields = Object.entries(mapping.fields).flatMap(([target, source]) =>
    columnsOf(source).map((column) => ({ column, target })),
  );
  return [...fromFields, ...mapping.knowledge.map((k) => ({ column: k.column, target: k.fact }))];
}
