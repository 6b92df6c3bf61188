import { randomUUID } from 'node:crypto';
import type { Actor } from '../../domain/access.ts';
import { creationChanges, diffFields } from '../../domain/audit.ts';
import type { Account, AccountCreate, AccountListQuery, AccountUpdate } from '../../contract/accounts.ts';
import type { Db } from '../../db/database.ts';
import { appendAuditEvents, listEntityHistory } from '../audit/index.ts';
import type { AppDeps } from '../deps.ts';
import { AppError, notFound } from '../errors.ts';
import { countLiveOpportunitiesOnAccount } from '../opportunities/index.ts';
import { inTransaction } from '../transaction.ts';
import { assertAssignableOwner } from '../users/index.ts';
import * as repo from './accounts.repo.ts';
import type { AccountValues } from './accounts.repo.ts';

const AUDITED_FIELDS = [
  'name',
  'industry',
  'sizeBand',
  'website',
  'relationship',
  'ownerId',
] as const satisfies readonly (keyof AccountValues)[];

export function listAccounts(deps: AppDeps, actor: Actor, query: AccountListQuery) {
  const { limit, offset, sort, owner, ...filter } = query;
  const ownerId = owner === 'me' ? actor.userId : owner;
  return repo.listAccounts(deps.db, deps.dialect, actor, { ...filter, ownerId }, { limit, offset, sort });
}

export async function getAccount(deps: AppDeps, actor: Actor, id: string): Promise<Account> {
  const found = await repo.findAccount(deps.db, actor, id);
  if (!found) throw notFound('Account');
  return present(found);
}

export async function createAccount(deps: AppDeps, actor: Actor, input: AccountCreate): Promise<Account> {
  const at = deps.now().toISOString();
  const id = randomUUID();
  const values: AccountValues = {
    name: input.name,
    industry: input.industry ?? null,
    sizeBand: input.sizeBand ?? null,
    website: input.website ?? null,
    relationship: input.relationship,
    ownerId: input.ownerId ?? actor.userId,
  };
  return inTransaction(deps, async (tx) => {
    await assertAssignableOwner(tx, actor, values.ownerId);
    await repo.insertAccounts(tx, [{ id, orgId: actor.orgId, actorId: actor.userId, at, values }]);
    await appendAuditEvents(tx, [
      {
        orgId: actor.orgId,
        entityType: 'account',
        entityId: id,
        action: 'create',
        actorId: actor.userId,
        at,
        changes: creationChanges(values, AUDITED_FIELDS),
      },
    ]);
    return present((await repo.findAccount(tx, actor, id))!);
  });
}

export async function updateAccount(deps: AppDeps, actor: Actor, id: string, input: AccountUpdate): Promise<Account> {
  const at = deps.now().toISOString();
  return inTransaction(deps, async (tx) => {
    const current = await repo.findAccount(tx, actor, id);
    if (!current) throw notFound('Account');
    if (current.version !== input.version) throw stale(current);
    const { version: _version, ...changes } = input;
    const before = valuesOf(current);
    const after: AccountValues = { ...before };
    for (const [key, value] of Object.entries(changes)) {
      if (value !== undefined) (after as Record<string, unknown>)[key] = value;
    }
    if (after.ownerId !== before.ownerId) await assertAssignableOwner(tx, actor, after.ownerId);
    const fieldChanges = diffFields(before, after, AUDITED_FIELDS);
    if (fieldChanges.length === 0) return present(current);
    const changed = Object.fromEntries(fieldChanges.map((c) => [c.field, c.to])) as Partial<AccountValues>;
    const updated = await repo.updateAccountAtVersion(
      tx,
      { orgId: actor.orgId, id, version: input.version },
      { values: changed },
      { actorId: actor.userId, at },
    );
    if (!updated) throw stale((await repo.findAccount(tx, actor, id)) ?? current);
    // the opportunity list's search matches account names: its cached totals may no longer hold
    if (changed.name !== undefined) deps.caches.opportunityCounts.invalidate(actor.orgId);
    await appendAuditEvents(tx, [
      {
        orgId: actor.orgId,
        entityType: 'account',
        entityId: id,
        action: 'update',
        actorId: actor.userId,
        at,
        changes: fieldChanges,
      },
    ]);
    // After handing the account to someone outside your scope you may no longer see it.
    const after_ = await repo.findAccount(tx, actor, id);
    return present(
      after_ ?? { ...current, ...after, version: current.version + 1, updatedAt: at, updatedBy: actor.userId },
    );
  });
}

/** Accounts with live opportunities stay: delete or move those first. */
export async function deleteAccount(deps: AppDeps, actor: Actor, id: string): Promise<void> {
  const at = deps.now().toISOString();
  await inTransaction(deps, async (tx) => {
    const current = await repo.findAccount(tx, actor, id);
    if (!current) throw notFound('Account');
    // from here no opportunity can join it unseen; a change since our read still wins (409 below)
    await repo.lockAccountForDelete(tx, deps.dialect, actor.orgId, id);
    const live = await countLiveOpportunitiesOnAccount(tx, id);
    if (live > 0) {
      throw new AppError(
        'conflict',
        `This account still has ${live} opportunit${live === 1 ? 'y' : 'ies'}; delete or move them first`,
      );
    }
    const deleted = await repo.updateAccountAtVersion(
      tx,
      { orgId: actor.orgId, id, version: current.version },
      { deletedAt: at },
      { actorId: actor.userId, at },
    );
    if (!deleted) throw await lostDelete(tx, actor, id);
    await appendAuditEvents(tx, [
      {
        orgId: actor.orgId,
        entityType: 'account',
        entityId: id,
        action: 'delete',
        actorId: actor.userId,
        at,
        changes: [],
      },
    ]);
  });
}

export async function restoreAccount(deps: AppDeps, actor: Actor, id: string): Promise<Account> {
  const at = deps.now().toISOString();
  return inTransaction(deps, async (tx) => {
    const current = await repo.findAccount(tx, actor, id, { includeDeleted: true });
    if (!current) throw notFound('Account');
    if (current.deletedAt === null) return present(current);
    const restored = await repo.updateAccountAtVersion(
      tx,
      { orgId: actor.orgId, id, version: current.version },
      { deletedAt: null },
      { actorId: actor.userId, at },
    );
    if (!restored) return present(await lostRestore(tx, actor, id));
    await appendAuditEvents(tx, [
      {
        orgId: actor.orgId,
        entityType: 'account',
        entityId: id,
        action: 'restore',
        actorId: actor.userId,
        at,
        changes: [],
      },
    ]);
    return present((await repo.findAccount(tx, actor, id))!);
  });
}

export async function accountHistory(deps: AppDeps, actor: Actor, id: string, page: { limit: number; offset: number }) {
  const found = await repo.findAccount(deps.db, actor, id, { includeDeleted: true });
  if (!found) throw notFound('Account');
  return listEntityHistory(deps.db, { orgId: actor.orgId, entityType: 'account', entityId: id }, page);
}

function valuesOf(a: Account): AccountValues {
  return {
    name: a.name,
    industry: a.industry,
    sizeBand: a.sizeBand,
    website: a.website,
    relationship: a.relationship,
    ownerId: a.ownerId,
  };
}

function present(record: Account & { deletedAt?: string | null }): Account {
  const { deletedAt: _deleted, ...account } = record;
  return account;
}

function stale(current: Account): AppError {
  return new AppError(
    'version-conflict',
    'Someone else changed this account since you opened it. Review their change and apply yours again.',
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
  const now = await repo.findAccount(tx, actor, id);
  return now ? stale(now) : notFound('Account');
}

/** Someone else restored it first: answer as a restore of a live record does, without a second event. */
async function lostRestore(tx: Db, actor: Actor, id: string): Promise<Account> {
  const now = await repo.findAccount(tx, actor, id, { includeDeleted: true });
  if (!now) throw notFound('Account');
  if (now.deletedAt !== null) throw stale(now);
  return now;
}
