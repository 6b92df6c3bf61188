import { randomUUID } from 'node:crypto';
import type { Actor } from '../../domain/access.ts';
import { creationChanges, diffFields } from '../../domain/audit.ts';
import type { Contact, ContactCreate, ContactListQuery, ContactUpdate } from '../../contract/contacts.ts';
import type { Db } from '../../db/database.ts';
import { findAccount, holdLiveAccount } from '../accounts/index.ts';
import { appendAuditEvents, listEntityHistory } from '../audit/index.ts';
import type { AppDeps } from '../deps.ts';
import { AppError, notFound, unprocessable } from '../errors.ts';
import { inTransaction } from '../transaction.ts';
import * as repo from './contacts.repo.ts';
import type { ContactValues } from './contacts.repo.ts';

const AUDITED_FIELDS = [
  'accountId',
  'name',
  'title',
  'email',
  'phone',
] as const satisfies readonly (keyof ContactValues)[];

export function listContacts(deps: AppDeps, actor: Actor, query: ContactListQuery) {
  const { limit, offset, sort, ...filter } = query;
  return repo.listContacts(deps.db, deps.dialect, actor, filter, { limit, offset, sort });
}

export async function getContact(deps: AppDeps, actor: Actor, id: string): Promise<Contact> {
  const found = await repo.findContact(deps.db, actor, id);
  if (!found) throw notFound('Contact');
  return present(found);
}

export async function createContact(deps: AppDeps, actor: Actor, input: ContactCreate): Promise<Contact> {
  const at = deps.now().toISOString();
  const id = randomUUID();
  const values: ContactValues = {
    accountId: input.accountId,
    name: input.name,
    title: input.title ?? null,
    email: input.email ?? null,
    phone: input.phone ?? null,
  };
  return inTransaction(deps, async (tx) => {
    if (!(await usableAccount(tx, deps, actor, values.accountId)))
      throw unprocessable('accountId', 'Choose an account you can see');
    await repo.insertContacts(tx, [{ id, orgId: actor.orgId, actorId: actor.userId, at, values }]);
    await appendAuditEvents(tx, [
      {
        orgId: actor.orgId,
        entityType: 'contact',
        entityId: id,
        action: 'create',
        actorId: actor.userId,
        at,
        changes: creationChanges(values, AUDITED_FIELDS),
      },
    ]);
    return present((await repo.findContact(tx, actor, id))!);
  });
}

export async function updateContact(deps: AppDeps, actor: Actor, id: string, input: ContactUpdate): Promise<Contact> {
  const at = deps.now().toISOString();
  return inTransaction(deps, async (tx) => {
    const current = await repo.findContact(tx, actor, id);
    if (!current) throw notFound('Contact');
    if (current.version !== input.version) throw stale(current);
    const { version: _version, ...changes } = input;
    const before = valuesOf(current);
    const after: ContactValues = { ...before };
    for (const [key, value] of Object.entries(changes)) {
      if (value !== undefined) (after as Record<string, unknown>)[key] = value;
    }
    if (after.accountId !== before.accountId && !(await usableAccount(tx, deps, actor, after.accountId))) {
      throw unprocessable('accountId', 'Choose an account you can see');
    }
    const fieldChanges = diffFields(before, after, AUDITED_FIELDS);
    if (fieldChanges.length === 0) return present(current);
    const changed = Object.fromEntries(fieldChanges.map((c) => [c.field, c.to])) as Partial<ContactValues>;
    const updated = await repo.updateContactAtVersion(
      tx,
      { orgId: actor.orgId, id, version: input.version },
      { values: changed },
      { actorId: actor.userId, at },
    );
    if (!updated) throw stale((await repo.findContact(tx, actor, id)) ?? current);
    await appendAuditEvents(tx, [
      {
        orgId: actor.orgId,
        entityType: 'contact',
        entityId: id,
        action: 'update',
        actorId: actor.userId,
        at,
        changes: fieldChanges,
      },
    ]);
    return present((await repo.findContact(tx, actor, id))!);
  });
}

export async function deleteContact(deps: AppDeps, actor: Actor, id: string): Promise<void> {
  const at = deps.now().toISOString();
  await inTransaction(deps, async (tx) => {
    const current = await repo.findContact(tx, actor, id);
    if (!current) throw notFound('Contact');
    const deleted = await repo.updateContactAtVersion(
      tx,
      { orgId: actor.orgId, id, version: current.version },
      { deletedAt: at },
      { actorId: actor.userId, at },
    );
    if (!deleted) throw await lostDelete(tx, actor, id);
    await appendAuditEvents(tx, [
      {
        orgId: actor.orgId,
        entityType: 'contact',
        entityId: id,
        action: 'delete',
        actorId: actor.userId,
        at,
        changes: [],
      },
    ]);
  });
}

export async function restoreContact(deps: AppDeps, actor: Actor, id: string): Promise<Contact> {
  const at = deps.now().toISOString();
  return inTransaction(deps, async (tx) => {
    const current = await repo.findContact(tx, actor, id, { includeDeleted: true });
    if (!current) throw notFound('Contact');
    if (current.deletedAt === null) return present(current);
    const restored = await repo.updateContactAtVersion(
      tx,
      { orgId: actor.orgId, id, version: current.version },
      { deletedAt: null },
      { actorId: actor.userId, at },
    );
    if (!restored) return present(await lostRestore(tx, actor, id));
    await appendAuditEvents(tx, [
      {
        orgId: actor.orgId,
        entityType: 'contact',
        entityId: id,
        action: 'restore',
        actorId: actor.userId,
        at,
        changes: [],
      },
    ]);
    return present((await repo.findContact(tx, actor, id))!);
  });
}

export async function contactHistory(deps: AppDeps, actor: Actor, id: string, page: { limit: number; offset: number }) {
  const found = await repo.findContact(deps.db, actor, id, { includeDeleted: true });
  if (!found) throw notFound('Contact');
  return listEntityHistory(deps.db, { orgId: actor.orgId, entityType: 'contact', entityId: id }, page);
}

/** Visible to the actor, and held live until the transaction ends (a concurrent delete waits or wins). */
async function usableAccount(tx: Db, deps: AppDeps, actor: Actor, accountId: string): Promise<boolean> {
  return Boolean(
    (await findAccount(tx, actor, accountId)) && (await holdLiveAccount(tx, deps.dialect, actor.orgId, accountId)),
  );
}

function valuesOf(c: Contact): ContactValues {
  return { accountId: c.accountId, name: c.name, title: c.title, email: c.email, phone: c.phone };
}

function present(record: Contact & { deletedAt?: string | null }): Contact {
  const { deletedAt: _deleted, ...contact } = record;
  return contact;
}

function stale(current: Contact): AppError {
  return new AppError(
    'version-conflict',
    'Someone else changed this contact since you opened it. Review their change and apply yours again.',
    {
      current: present(current),
    },
  );
}

/**
 * The record changed between our read and our conditional write (another instance got there
 * first). Gone by now: the same 404 a later delete gets. Changed but live: 409 with what it is now.
 */
async function lostDelete(tx: Db, actor: Actor, id: string): Promise<AppError> {
  const now = await repo.findContact(tx, actor, id);
  return now ? stale(now) : notFound('Contact');
}

/** Someone else restored it first: answer as a restore of a live record does, without a second event. */
async function lostRestore(tx: Db, actor: Actor, id: string): Promise<Contact> {
  const now = await repo.findContact(tx, actor, id, { includeDeleted: true });
  if (!now) throw notFound('Contact');
  if (now.deletedAt !== null) throw stale(now);
  return now;
}
