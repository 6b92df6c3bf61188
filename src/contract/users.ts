import { z } from 'zod';
import { ROLES } from '../domain/enums.ts';
import { tokenSchema } from './auth.ts';
import { idSchema, plainText, requiredText, timestampSchema, versionSchema } from './common.ts';

export const emailSchema = plainText(z.string().trim().toLowerCase().max(320, 'At most 320 characters')).pipe(
  z.email({ message: 'Expected an email address such as name@example.com' }),
);

export const passwordSchema = plainText(
  z.string().min(10, 'Use at least 10 characters').max(200, 'At most 200 characters'),
);

export const userSchema = z.object({
  id: idSchema,
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  managerId: idSchema.nullable(),
  managerName: z.string().nullable(),
  isActive: z.boolean(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
  version: z.number().int(),
});
export type User = z.infer<typeof userSchema>;

export const userListSchema = z.object({ items: z.array(userSchema), total: z.number().int() });

export const userCreateBodySchema = z.strictObject({
  email: emailSchema,
  name: requiredText(120),
  role: z.enum(ROLES),
  managerId: idSchema.nullable().optional(),
  password: passwordSchema.optional(),
});
export type UserCreate = z.infer<typeof userCreateBodySchema>;

export const userUpdateBodySchema = z.strictObject({
  name: requiredText(120).optional(),
  role: z.enum(ROLES).optional(),
  managerId: idSchema.nullable().optional(),
  isActive: z.boolean().optional(),
  password: passwordSchema.optional(),
  version: versionSchema,
});
export type UserUpdate = z.infer<typeof userUpdateBodySchema>;

export const reassignBodySchema = z.strictObject({
  toUserId: idSchema,
  includeClosed: z.boolean().default(false),
});

export const reassignResultSchema = z.object({
  opportunities: z.number().int(),
  accounts: z.number().int(),
});

export const userTokenParamsSchema = z.object({ id: idSchema, tokenId: idSchema });

export const userTokenListSchema = z.object({ items: z.array(tokenSchema) });
