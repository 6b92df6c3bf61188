import { z } from 'zod';
import { TOKEN_SCOPES } from '../domain/access.ts';
import { ROLES } from '../domain/enums.ts';
import { idSchema, plainText, requiredText, timestampSchema } from './common.ts';

export const loginBodySchema = z.strictObject({
  email: plainText(z.string().trim().min(1, 'Required').max(320)),
  password: plainText(z.string().min(1, 'Required').max(1000)),
});

export const sessionUserSchema = z.object({
  id: idSchema,
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  managerId: idSchema.nullable(),
  orgId: idSchema,
  orgName: z.string(),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const sessionResponseSchema = z.object({
  user: sessionUserSchema,
  /** send back as the X-CSRF-Token header on every write made with the session cookie */
  csrfToken: z.string().nullable(),
});
export type SessionResponse = z.infer<typeof sessionResponseSchema>;

export const tokenCreateBodySchema = z.strictObject({
  name: requiredText(100),
  /** read; write to change records too; admin (an administrator's token) to administer too */
  scopes: z
    .array(z.enum(TOKEN_SCOPES, 'Expected read, write or admin'))
    .min(1, 'Choose at least read')
    .max(3)
    .refine((scopes) => scopes.includes('read'), 'Every token reads: include read'),
  /** when it stops working (ISO date-time, at most a year ahead); 90 days when absent */
  expiresAt: z.iso.datetime({ offset: true, message: 'Expected an ISO date-time' }).optional(),
});

export const tokenSchema = z.object({
  id: idSchema,
  name: z.string(),
  hint: z.string(),
  scopes: z.array(z.enum(TOKEN_SCOPES)),
  createdAt: timestampSchema,
  lastUsedAt: timestampSchema.nullable(),
  /** null: never (a token made before tokens expired) */
  expiresAt: timestampSchema.nullable(),
  revokedAt: timestampSchema.nullable(),
});
export type ApiToken = z.infer<typeof tokenSchema>;

export const tokenCreatedSchema = tokenSchema.extend({
  /** shown once; only its hash is stored */
  token: z.string(),
});

export const organizationTokenSchema = tokenSchema.extend({
  owner: z.object({ id: idSchema, name: z.string(), isActive: z.boolean() }),
});
export type OrganizationToken = z.infer<typeof organizationTokenSchema>;
