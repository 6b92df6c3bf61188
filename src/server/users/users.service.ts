import { randomUUID } from 'node:crypto';
import { wouldCreateCycle, type Actor } from '../../domain/access.ts';
import { diffFields, type FieldChange } from '../../domain/audit.ts';
import type { Role } from '../../domain/enums.ts';
import type { ApiToken } from '../../contract/auth.ts';
import type { User, UserCreate, UserUpdate } from '../../contract/users.ts';
import type { Db } from '../../db/database.ts';
import { uniqueViolation } from '../../db/constraints.ts';
import { appendAuditEvents, listEntityHistory } from '../audit/index.ts';
import {
  deleteSessionsOfUser,
  forgetAllAttempts,
  listTokensOfUser,
  revokeToken,
  revokeTokensOfUser,
} from '../auth/index.ts';
import { hashPassword } from '../auth/index.ts';
import type { AppDeps } from '../deps.ts';
import { AppError, notFound, unprocessable } from '../errors.ts';
import { requireAdmin } from '../policy.ts';
import { inTransaction } from '../transaction.ts';
import * as repo from './users.repo.ts';

/** Everyone in the organization sees its people (names appear as owners everywhere). */
export function listUsers(deps: AppDeps, actor: Actor): Promise<User[]> {
  return repo.listUsers(deps.db, actor.orgId);
}

export async function getUser(deps: AppDeps, actor: Actor, id: string): Promise<User> {
  const user = await repo.findUser(deps.db, actor.orgId, id);
  if (!user) throw notFound('User');
  return user;
}

export async function createUser(deps: AppDeps, actor: Actor, input: UserCreate): Promise<User> {
  requireAdmin(actor);
  return createUserInOrg(deps, { orgId: actor.orgId, actorId: actor.userId }, input);
}

/**
 * Adds a person to an organization. The CLI calls this directly for the first admin, with no
 * actor: the new user is then recorded as having created themselves.
 */
export async function createUserInOrg(
  deps: AppDeps,
  by: { orgId: string; actorId: string | null },
  input: UserCreate,
): Promise<User> {
  const passwordHash = input.password ? await hashPassword(input.password, deps.config.passwordCost) : null;
  try {
    const user = await inTransaction(deps, (tx) =>
      addUser(tx, { ...by, at: deps.now().toISOString() }, input, passwordHash),
    );
    deps.caches.people.invalidate(by.orgId);
    return user;
  } catch (error) {
    // A concurrent request can take the email between our check and our insert; the unique index
    // refuses the second (PostgreSQL has then aborted the transaction, so we answer out here).
    if (uniqueViolation(error)?.columns.includes('email')) throw emailTaken();
    throw error;
  }
}

/** Inserts a person and their history entry inside the caller's transaction. */
export async function addUser(
  tx: Db,
  by: { orgId: string; actorId: string | null; at: string },
  input: Omit<UserCreate, 'password'>,
  passwordHash: string | null,
): Promise<User> {
  const id = randomUUID();
  if (await repo.isEmailTaken(tx, input.email)) throw emailTaken();
  const managerId = input.managerId ?? null;
  if (managerId) await assertCanManage(tx, by.orgId, managerId);
  await repo.insertUser(tx, {
    id,
    orgId: by.orgId,
    email: input.email,
    name: input.name,
    role: input.role,
    managerId,
    isActive: true,
    passwordHash,
    at: by.at,
  });
  await appendAuditEvents(tx, [
    {
      orgId: by.orgId,
      entityType: 'user',
      entityId: id,
      action: 'create',
      actorId: by.actorId ?? id,
      at: by.at,
      changes: [
        { field: 'email', from: null, to: input.email },
        { field: 'name', from: null, to: input.name },
        { field: 'role', from: null, to: input.role },
        ...(managerId ? [{ field: 'managerId', from: null, to: managerId }] : []),
      ],
    },
  ]);
  return (await repo.findUser(tx, by.orgId, id))!;
}

function emailTaken(): AppError {
  return new AppError('conflict', 'Someone already uses this email', {
    fields: { email: 'Someone already uses this email' },
  });
}

export async function updateUser(deps: AppDeps, actor: Actor, id: string, input: UserUpdate): Promise<User> {
  requireAdmin(actor);
  const at = deps.now().toISOString();
  const passwordHash = input.password ? await hashPassword(input.password, deps.config.passwordCost) : undefined;
  const updated = await inTransaction(deps, async (tx) => {
    const current = await repo.findUser(tx, actor.orgId, id);
    if (!current) throw notFound('User');
    if (current.version !== input.version) {
      throw new AppError(
        'version-conflict',
        'Someone else changed this person since you opened them. Review and try again.',
        { current },
      );
    }
    if (input.isActive === false && id === actor.userId)
      throw unprocessable('isActive', 'You cannot deactivate yourself');
    if (input.role !== undefined && input.role !== 'admin' && id === actor.userId) {
      throw unprocessable('role', 'You cannot remove your own administrator role');
    }
    if (input.role === 'seller' && current.role !== 'seller' && (await repo.countActiveReports(tx, id)) > 0) {
      throw unprocessable(
        'role',
        `${current.name} still has people reporting to them; give them another manager first`,
      );
    }
    if (input.managerId !== undefined && input.managerId !== null && input.managerId !== current.managerId) {
      await assertCanManage(tx, actor.orgId, input.managerId);
      if (wouldCreateCycle(id, input.managerId, await repo.listPeople(tx, actor.orgId))) {
        throw unprocessable('managerId', 'That would make someone report to one of their own reports');
      }
    }
    const updated = await repo.updateUserAtVersion(
      tx,
      { orgId: actor.orgId, id, version: input.version },
      { name: input.name, role: input.role, managerId: input.managerId, isActive: input.isActive, passwordHash },
      at,
    );
    if (!updated)
      throw new AppError('version-conflict', 'Someone else changed this person; review and try again', { current });
    const revokedTokens = input.isActive === false || passwordHash ? await endAccess(tx, id, at) : 0;
    // the sign-in pause tells a locked-out person to ask for a reset: the reset lifts it
    if (passwordHash) await forgetAllAttempts(tx, current.email);
    const after = (await repo.findUser(tx, actor.orgId, id))!;
    const changes = diffFields(current, after, ['name', 'role', 'managerId', 'isActive']);
    if (passwordHash) changes.push({ field: 'password', from: '(hidden)', to: '(changed)' });
    if (revokedTokens > 0) changes.push({ field: 'apiTokens', from: `${revokedTokens} active`, to: 'revoked' });
    await appendAuditEvents(tx, [
      { orgId: actor.orgId, entityType: 'user', entityId: id, action: 'update', actorId: actor.userId, at, changes },
    ]);
    return after;
  });
  // a manager, role or deactivation changes whose records each person sees; a name, how they are shown
  deps.caches.people.invalidate(actor.orgId);
  return updated;
}

/**
 * Deactivates a person inside the caller's transaction (a hand-over): the same write, ended access
 * and history entry as an administrator's change of "active", at the version the caller read.
 */
export async function deactivateIn(tx: Db, actor: Actor, current: User, at: string): Promise<void> {
  requireAdmin(actor);
  if (current.id === actor.userId) throw unprocessable('userId', 'You cannot deactivate yourself');
  if (!current.isActive) return;
  const updated = await repo.updateUserAtVersion(
    tx,
    { orgId: actor.orgId, id: current.id, version: current.version },
    { isActive: false },
    at,
  );
  if (!updated)
    throw new AppError('version-conflict', `Someone else changed ${current.name} meanwhile; nothing was handed over`, {
      current,
    });
  const revokedTokens = await endAccess(tx, current.id, at);
  const changes: FieldChange[] = [{ field: 'isActive', from: true, to: false }];
  if (revokedTokens > 0) changes.push({ field: 'apiTokens', from: `${revokedTokens} active`, to: 'revoked' });
  await appendAuditEvents(tx, [
    {
      orgId: actor.orgId,
      entityType: 'user',
      entityId: current.id,
      action: 'update',
      actorId: actor.userId,
      at,
      changes,
    },
  ]);
}

export async function userHistory(deps: AppDeps, actor: Actor, id: string, page: { limit: number; offset: number }) {
  requireAdmin(actor);
  if (!(await repo.findUser(deps.db, actor.orgId, id))) throw notFound('User');
  return listEntityHistory(deps.db, { orgId: actor.orgId, entityType: 'user', entityId: id }, page);
}

/**
 * Ends every way a person is signed in: sessions and API tokens. Revoked, not suspended, so a
 * reactivated person starts with none and a reset password locks out whoever held the old one.
 * Answers how many tokens were live.
 */
async function endAccess(tx: Db, userId: string, at: string): Promise<number> {
  await deleteSessionsOfUser(tx, userId);
  return revokeTokensOfUser(tx, userId, at);
}

export async function listUserTokens(deps: AppDeps, actor: Actor, id: string): Promise<ApiToken[]> {
  requireAdmin(actor);
  if (!(await repo.findUser(deps.db, actor.orgId, id))) throw notFound('User');
  return listTokensOfUser(deps.db, id);
}

/** An administrator revokes someone's token (a lost laptop, a leaked script); kept in their history. */
export async function revokeUserToken(deps: AppDeps, actor: Actor, id: string, tokenId: string): Promise<void> {
  requireAdmin(actor);
  const at = deps.now().toISOString();
  await inTransaction(deps, async (tx) => {
    if (!(await repo.findUser(tx, actor.orgId, id))) throw notFound('User');
    const revoked = await revokeToken(tx, { orgId: actor.orgId, userId: id }, tokenId, at);
    if (!revoked) throw new AppError('not-found', 'API token not found, or already revoked');
    await appendAuditEvents(tx, [
      {
        orgId: actor.orgId,
        entityType: 'user',
        entityId: id,
        action: 'update',
        actorId: actor.userId,
        at,
        changes: [{ field: 'apiToken', from: `${revoked.name} (${revoked.hint})`, to: 'revoked' }],
      },
    ]);
  });
}

const MANAGING_ROLES: readonly Role[] = ['manager', 'admin'];

async function assertCanManage(db: Db, orgId: string, managerId: string): Promise<void> {
  const manager = await repo.findUser(db, orgId, managerId);
  if (!manager) throw unprocessable('managerId', 'Choose a manager from your organization');
  if (!MANAGING_ROLES.includes(manager.role))
    throw unprocessable('managerId', `${manager.name} is a seller; only managers and administrators have reports`);
  if (!manager.isActive) throw unprocessable('managerId', `${manager.name} is deactivated`);
}
