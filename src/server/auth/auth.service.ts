import { randomUUID } from 'node:crypto';
import { visibleOwnersFor, type Actor } from '../../domain/access.ts';
import type { AppDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { listReportingLines } from '../users/users.repo.ts';
import * as repo from './auth.repo.ts';
import type { AuthenticatedUser } from './auth.repo.ts';
import { DUMMY_HASH, randomSecret, sha256, verifyPassword } from './secrets.ts';

export type Authentication = {
  actor: Actor;
  user: AuthenticatedUser;
  /** 'session' writes must carry the CSRF token; 'token' (Bearer) writes need not */
  via: 'session' | 'token';
  csrfToken: string | null;
};

const MINUTE = 60_000;
const SESSION_TOUCH_INTERVAL = 5 * MINUTE;
const TOKEN_TOUCH_INTERVAL = MINUTE;

export async function login(
  deps: AppDeps,
  input: { email: string; password: string },
): Promise<{ sessionToken: string; csrfToken: string; user: AuthenticatedUser; expiresAt: string }> {
  const email = input.email.trim().toLowerCase();
  const now = deps.now();
  const windowStart = new Date(now.getTime() - deps.config.loginWindowMinutes * MINUTE).toISOString();
  const failures = await repo.countFailuresSince(deps.db, email, windowStart);
  if (failures.count >= deps.config.loginMaxFailures) {
    const reopensAt = Date.parse(failures.oldest ?? windowStart) + deps.config.loginWindowMinutes * MINUTE;
    const minutes = Math.max(1, Math.ceil((reopensAt - now.getTime()) / MINUTE));
    throw new AppError(
      'too-many-requests',
      `Too many failed sign-in attempts for this email. Wait ${minutes} minute${minutes === 1 ? '' : 's'} and try again, or ask your administrator to reset your password.`,
    );
  }

  const candidate = await repo.findLoginCandidate(deps.db, email);
  const passwordMatches = await verifyPassword(input.password, candidate?.passwordHash ?? DUMMY_HASH);
  if (!candidate || !passwordMatches) {
    await repo.recordFailure(deps.db, { id: randomUUID(), email, at: now.toISOString() });
    throw new AppError('unauthenticated', 'That email and password do not match an account');
  }
  if (!candidate.isActive) {
    throw new AppError('account-deactivated', 'This account has been deactivated. Ask your administrator to reactivate it.');
  }
  await repo.clearFailures(deps.db, email);

  const sessionToken = randomSecret();
  const csrfToken = randomSecret(24);
  const expiresAt = new Date(now.getTime() + deps.config.sessionDays * 24 * 60 * MINUTE).toISOString();
  await repo.insertSession(deps.db, {
    id: sha256(sessionToken),
    userId: candidate.id,
    orgId: candidate.orgId,
    csrfToken,
    at: now.toISOString(),
    expiresAt,
  });
  const { isActive: _active, passwordHash: _hash, ...user } = candidate;
  return { sessionToken, csrfToken, user, expiresAt };
}

export async function logout(deps: AppDeps, sessionToken: string): Promise<void> {
  await repo.deleteSession(deps.db, sha256(sessionToken));
}

/** Who is calling, from a session cookie or a Bearer token; null when neither is valid. */
export async function authenticate(
  deps: AppDeps,
  credentials: { sessionToken?: string | undefined; bearerToken?: string | undefined },
): Promise<Authentication | null> {
  const now = deps.now();
  if (credentials.bearerToken) {
    const found = await repo.findLiveToken(deps.db, sha256(credentials.bearerToken));
    if (!found) return null;
    if (!found.lastUsedAt || now.getTime() - Date.parse(found.lastUsedAt) > TOKEN_TOUCH_INTERVAL) {
      await repo.markTokenUsed(deps.db, found.tokenId, now.toISOString());
    }
    return { actor: await actorFor(deps, found.user), user: found.user, via: 'token', csrfToken: null };
  }
  if (credentials.sessionToken) {
    const sessionId = sha256(credentials.sessionToken);
    const found = await repo.findLiveSession(deps.db, sessionId, now.toISOString());
    if (!found) return null;
    if (now.getTime() - Date.parse(found.lastSeenAt) > SESSION_TOUCH_INTERVAL) {
      const expiresAt = new Date(now.getTime() + deps.config.sessionDays * 24 * 60 * MINUTE).toISOString();
      await repo.extendSession(deps.db, sessionId, now.toISOString(), expiresAt);
    }
    return { actor: await actorFor(deps, found.user), user: found.user, via: 'session', csrfToken: found.csrfToken };
  }
  return null;
}

/** The actor a person acts as: who they are and whose records they may see. */
export async function actorFor(deps: AppDeps, user: AuthenticatedUser): Promise<Actor> {
  const lines = user.role === 'admin' ? [] : await listReportingLines(deps.db, user.orgId);
  return {
    userId: user.id,
    orgId: user.orgId,
    role: user.role,
    visibleOwnerIds: visibleOwnersFor(user, lines),
  };
}

export async function createToken(deps: AppDeps, actor: Actor, name: string) {
  const token = `wst_${randomSecret()}`;
  const id = randomUUID();
  const at = deps.now().toISOString();
  const hint = `${token.slice(0, 8)}…${token.slice(-4)}`;
  await repo.insertToken(deps.db, { id, orgId: actor.orgId, userId: actor.userId, name, hash: sha256(token), hint, at });
  return { id, name, hint, createdAt: at, lastUsedAt: null, revokedAt: null, token };
}

export async function revokeToken(deps: AppDeps, actor: Actor, tokenId: string): Promise<void> {
  const revoked = await repo.revokeToken(deps.db, actor.userId, tokenId, deps.now().toISOString());
  if (!revoked) throw new AppError('not-found', 'API token not found');
}
