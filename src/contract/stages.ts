import { z } from 'zod';
import { idSchema, requiredText, timestampSchema, versionSchema } from './common.ts';

const probability = z
  .number({ error: 'Expected a whole percentage from 0 to 100' })
  .int('Expected a whole percentage from 0 to 100')
  .min(0, 'At least 0')
  .max(100, 'At most 100');

export const stageSchema = z.object({
  id: idSchema,
  name: z.string(),
  position: z.number().int(),
  /** the stage-based win figure, kept only to compare with the evidence-based one */
  probability: z.number().int(),
  isActive: z.boolean(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
  version: z.number().int(),
});
export type Stage = z.infer<typeof stageSchema>;

export const stageListSchema = z.object({ items: z.array(stageSchema) });

export const stageCreateBodySchema = z.strictObject({
  name: requiredText(80),
  probability,
});

export const stageUpdateBodySchema = z.strictObject({
  name: requiredText(80).optional(),
  probability: probability.optional(),
  isActive: z.boolean().optional(),
  version: versionSchema,
});

export const stageOrderBodySchema = z.strictObject({
  ids: z.array(idSchema).min(1, 'List every stage in its new order').max(100),
});
