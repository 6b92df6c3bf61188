import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import type { FieldChange } from '../../domain/audit.ts';
import type { AuditAction, AuditedEntity } from '../../domain/enums.ts';
import type { AuditEvent } from '../../contract/audit.ts';

export type NewAuditEvent = {
  orgId: string;
  entityType: AuditedEntity;
  entityId: string;
  action: AuditAction;
  actorId: string;
  at: string;
  changes: FieldChange[];
};

/** What `actor` changed on one record, as the history shows it (an update unless said). */
export function changeEvent(
  actor: { orgId: string; userId: string },
  entity: { type: AuditedEntity; id: string },
  at: string,
  changes: FieldChange[],
  action: AuditAction = 'update',
): NewAuditEvent {
  return {
    orgId: actor.orgId,
    entityType: entity.type,
    entityId: entity.id,
    action,
    actorId: actor.userId,
    at,
    changes,
  };
}

/** What an administrator changed in the organization's settings. */
export const organizationChange = (actor: { orgId: string; userId: string }, at: string, changes: FieldChange[]) =>
  changeEvent(actor, { type: 'organization', id: actor.orgId }, at, changes);

export async function appendAuditEvents(db: Db, events: readonly NewAuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  await db
    .insertInto('audit_events')
    .values(
      events.map((e) => ({
        id: randomUUID(),
        org_id: e.orgId,
        entity_type: e.entityType,
        entity_id: e.entityId,
        action: e.action,
        actor_id: e.actorId,
        at: e.at,
        changes: JSON.stringify(e.changes),
      })),
    )
    .execute();
}

/** Newest first. */
export async function listEntityHistory(
  db: Db,
  scope: { orgId: string; entityType: AuditedEntity; entityId: string },
  page: { limit: number; offset: number },
): Promise<{ items: AuditEvent[]; total: number }> {
  const base = db
    .selectFrom('audit_events')
    .where('audit_events.org_id', '=', scope.orgId)
    .where('audit_events.entity_type', '=', scope.entityType)
    .where('audit_events.entity_id', '=', scope.entityId);
  const [rows, count] = await Promise.all([
    base
      .innerJoin('users', 'users.id', 'audit_events.actor_id')
      .select([
        'audit_events.id',
        'audit_events.entity_type',
        'audit_events.entity_id',
        'audit_events.action',
        'audit_events.actor_id',
        'users.name as actor_name',
        'audit_events.at',
        'audit_events.changes',
      ])
      .orderBy('audit_events.at', 'desc')
      .orderBy('audit_events.seq', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(count.n),
    items: rows.map((r) => ({
      id: r.id,
      entityType: r.entity_type as AuditedEntity,
      entityId: r.entity_id,
      action: r.action as AuditAction,
      actorId: r.actor_id,
      actorName: r.actor_name,
      at: r.at,
      changes: JSON.parse(r.changes) as FieldChange[],
    })),
  };
}
