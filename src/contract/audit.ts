import { z } from 'zod';
import { AUDIT_ACTIONS, AUDITED_ENTITIES } from '../domain/enums.ts';
import { idSchema, pageQuery, timestampSchema } from './common.ts';

export const fieldChangeSchema = z.object({
  field: z.string(),
  from: z.unknown(),
  to: z.unknown(),
});

export const auditEventSchema = z.object({
  id: idSchema,
  entityType: z.enum(AUDITED_ENTITIES),
  entityId: idSchema,
  action: z.enum(AUDIT_ACTIONS),
  actorId: idSchema,
  actorName: z.string(),
  at: timestampSchema,
  changes: z.array(fieldChangeSchema),
});
export type AuditEvent = z.infer<typeof auditEventSchema>;

export const historyQuerySchema = z.object(pageQuery);
export const historyResponseSchema = z.object({
  items: z.array(auditEventSchema),
  total: z.number().int(),
});
