import { z } from 'zod';
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

export const tokenCreateBodySchema = z.strictObject({ name: requiredText(100) });

export const tokenSchema = z.object({
  id: idSchema,
  name: z.string(),
  hint: z.string(),
  createdAt: timestampSchema,
  lastUsedAt: timestampSchema.nullable(),
  revokedAt: timestampSchema.nullable(),
});
export type ApiToken = z.infer<typeof tokenSchema>;

export const tokenCreatedSchema = tokenSchema.extend({
  /** shown once; only its hash is stored */
  token: z.string(),
});
