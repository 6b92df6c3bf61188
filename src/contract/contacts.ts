import { z } from 'zod';
import {
  idSchema,
  optionalText,
  pageQuery,
  requiredText,
  searchQuery,
  trackedFields,
  versionSchema,
} from './common.ts';

const contactEmail = optionalText(320).refine((v) => v === null || v === undefined || z.email().safeParse(v).success, {
  message: 'Expected an email address such as name@example.com',
});
const contactPhone = optionalText(40).refine((v) => v === null || v === undefined || /^[+()\d\s./-]{3,40}$/.test(v), {
  message: 'Expected a phone number: digits, spaces, + ( ) - . /',
});

export const contactSchema = z.object({
  id: idSchema,
  accountId: idSchema,
  accountName: z.string(),
  name: z.string(),
  title: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  ...trackedFields,
});
export type Contact = z.infer<typeof contactSchema>;

export const contactCreateBodySchema = z.strictObject({
  accountId: idSchema,
  name: requiredText(160),
  title: optionalText(160),
  email: contactEmail,
  phone: contactPhone,
});
export type ContactCreate = z.infer<typeof contactCreateBodySchema>;

export const contactUpdateBodySchema = z.strictObject({
  accountId: idSchema.optional(),
  name: requiredText(160).optional(),
  title: optionalText(160),
  email: contactEmail,
  phone: contactPhone,
  version: versionSchema,
});
export type ContactUpdate = z.infer<typeof contactUpdateBodySchema>;

export const CONTACT_SORTS = ['name', '-name', 'updatedAt', '-updatedAt'] as const;

export const contactListQuerySchema = z.object({
  ...pageQuery,
  q: searchQuery,
  accountId: idSchema.optional(),
  sort: z.enum(CONTACT_SORTS).default('name'),
});
export type ContactListQuery = z.infer<typeof contactListQuerySchema>;

export const contactListSchema = z.object({ items: z.array(contactSchema), total: z.number().int() });
