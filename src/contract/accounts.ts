import { z } from 'zod';
import { RELATIONSHIPS, SIZE_BANDS } from '../domain/enums.ts';
import {
  idSchema,
  optionalText,
  pageQuery,
  requiredText,
  searchQuery,
  trackedFields,
  versionSchema,
} from './common.ts';

const websiteSchema = optionalText(300).refine(
  (v) => v === null || v === undefined || /^https?:\/\/[^\s]+\.[^\s]+$/i.test(v),
  { message: 'Expected a web address starting with http:// or https://' },
);

export const accountSchema = z.object({
  id: idSchema,
  name: z.string(),
  industry: z.string().nullable(),
  sizeBand: z.enum(SIZE_BANDS).nullable(),
  website: z.string().nullable(),
  relationship: z.enum(RELATIONSHIPS),
  ownerId: idSchema,
  ownerName: z.string(),
  openOpportunityCount: z.number().int(),
  ...trackedFields,
});
export type Account = z.infer<typeof accountSchema>;

const accountFields = {
  name: requiredText(200),
  industry: optionalText(100),
  sizeBand: z.enum(SIZE_BANDS).nullable().optional(),
  website: websiteSchema,
  relationship: z.enum(RELATIONSHIPS),
  ownerId: idSchema,
};

export const accountCreateBodySchema = z.strictObject({
  ...accountFields,
  relationship: accountFields.relationship.default('new'),
  ownerId: accountFields.ownerId.optional(),
});
export type AccountCreate = z.infer<typeof accountCreateBodySchema>;

export const accountUpdateBodySchema = z.strictObject({
  name: accountFields.name.optional(),
  industry: accountFields.industry,
  sizeBand: accountFields.sizeBand,
  website: accountFields.website,
  relationship: accountFields.relationship.optional(),
  ownerId: accountFields.ownerId.optional(),
  version: versionSchema,
});
export type AccountUpdate = z.infer<typeof accountUpdateBodySchema>;

export const ACCOUNT_SORTS = ['name', '-name', 'updatedAt', '-updatedAt'] as const;

export const accountListQuerySchema = z.object({
  ...pageQuery,
  q: searchQuery,
  owner: idSchema.optional(),
  relationship: z.enum(RELATIONSHIPS).optional(),
  sort: z.enum(ACCOUNT_SORTS).default('name'),
});
export type AccountListQuery = z.infer<typeof accountListQuerySchema>;

export const accountListSchema = z.object({ items: z.array(accountSchema), total: z.number().int() });
