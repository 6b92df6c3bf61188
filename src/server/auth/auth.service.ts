import { randomUUID } from 'node:crypto';
import { TOKEN_SCOPES, visibleOwnersFor, type Actor, type TokenScope } from '../../domain/access.ts';
import type { AppDeps } from '../deps.ts';
import { AppError, unprocessable } from '../errors.ts';
import { requireAdmin } from '../policy.ts';
import { cachedPeople } from '../users/index.ts';
import type { Db } from '../../db/database.ts';
import { inTransaction } from '../transaction.ts';
import * as repo from './auth.repo.ts';
import type { AuthenticatedUser, PauseSteps } from './auth.repo.ts';
import { DUMMY_HASH, randomSecret, sha256, verifyPassword } from './secrets.ts';

export type Authentication = {
  actor: Actor;
  user: AuthenticatedUser;
  /** 'session' writes must carry the CSRF token; 'token' (Bearer) writes need not */
  via: 'session' | 'token';
  csrfToken: string | null;
};

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const SESSION_TOUCH_INTERVAL = 5 * MINUTE;
const TOKEN_TOUCH_INTERVAL = MINUTE;

/** Answered while sign-in is paused for an email (from an address, or from everywhere). */
export class SignInPaused extends AppError {
  readonly retryAfterSeconds: number;

  constructor(message: string, retryAfterSeconds: number) {
    super('too-many-requests', message);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

const HOUR = 60 * MINUTE;
// long enough that waiting out the longest pause does not also wipe the count that made it grow
const FORGET_FAILURES_AFTER = 24 * HOUR;

/**
 * When a throttle row pauses: from its `freeFailures`-th failure on, for 1, 2, 4 ... minutes up to
 * `maxDelayMinutes`. The steps are computed here, the row picks its step in the database.
 */
function pauseSteps(freeFailures: number, maxDelayMinutes: number, now: Date): PauseSteps {
  const steps: Array<{ from: number; until: string }> = [];
  for (let extra = 0; ; extra++) {
    const minutes = Math.min(2 ** extra, maxDelayMinutes);
    steps.unshift({
      from: Math.max(1, freeFailures) + extra,
      until: new Date(now.getTime() + minutes * MINUTE).toISOString(),
    });
    if (minutes >= maxDelayMinutes) return steps;
  }
}

// Deactivated accounts answer like a wrong password: a right guess must not learn it was right.
const NO_MATCH = 'That email and password do not match an active account';
const SSO_ONLY =
  'Your organization signs in through its identity provider: use "Continue with single sign-on" below. Administrators can still sign in with a password.';

/**
 * Signs in `client` (the caller's address). Each attempt is counted as a failure before the
 * password is checked, so parallel guesses cannot all be checked; a right password then takes it
 * back. Pauses are per email and address, so a guesser slows down without locking out the owner
 * elsewhere, with a higher ceiling per email across addresses against guessing from many.
 */
export async function login(
  deps: AppDeps,
  input: { email: string; password: string },
  client: string,
): Promise<OpenedSession> {
  const email = input.email.trim().toLowerCase();
  const now = deps.now();
  const { loginMaxFailures, loginEmailMaxFailures, loginMaxDelayMinutes } = deps.config;
  const emailSteps = pauseSteps(loginEmailMaxFailures, loginMaxDelayMinutes, now);
  const at = { now: now.toISOString(), forgetBefore: new Date(now.getTime() - FORGET_FAILURES_AFTER).toISOString() };
  await inTransaction(deps, async (tx) => {
    const fromHere = { email, client };
    if (
      (await repo.reserveAttempt(tx, fromHere, at, pauseSteps(loginMaxFailures, loginMaxDelayMinutes, now))) === null
    ) {
      throw await paused(tx, fromHere, now, 'from this address');
    }
    const fromAnywhere = { email, client: repo.ANY_CLIENT };
    if ((await repo.reserveAttempt(tx, fromAnywhere, at, emailSteps)) === null) {
      throw await paused(tx, fromAnywhere, now, 'from several addresses');
    }
  });

  const candidate = await repo.findLoginCandidate(deps.db, email);
  const passwordMatches = await verifyPassword(input.password, candidate?.passwordHash ?? DUMMY_HASH);
  if (!candidate || !passwordMatches || !candidate.isActive) throw new AppError('unauthenticated', NO_MATCH);
  // told only to whoever knows the password; the attempt stays counted, as a failure would
  if (candidate.isSsoRequired && candidate.role !== 'admin') throw new AppError('forbidden', SSO_ONLY);
  await inTransaction(deps, async (tx) => {
    await repo.forgetAttempt(tx, { email, client }, emailSteps);
    await repo.sweepForgottenAttempts(tx, at);
  });

  const { isActive: _active, passwordHash: _hash, ...user } = candidate;
  return openSession(deps, user);
}

export type OpenedSession = { sessionToken: string; csrfToken: string; user: AuthenticatedUser; expiresAt: string };

/** A new session for someone who has proved who they are (a password, or their organization's provider). */
export async function openSession(deps: AppDeps, user: AuthenticatedUser): Promise<OpenedSession> {
  const now = deps.now();
  const sessionToken = randomSecret();
  const csrfToken = randomSecret(24);
  const expiresAt = new Date(now.getTime() + deps.config.sessionDays * 24 * 60 * MINUTE).toISOString();
  await repo.insertSession(deps.db, {
    id: sha256(sessionToken),
    userId: user.id,
    orgId: user.orgId,
    csrfToken,
    at: now.toISOString(),
    expiresAt,
  });
  return { sessionToken, csrfToken, user, expiresAt };
}

async function paused(db: Db, key: { email: string; client: string }, now: Date, where: string): Promise<SignInPaused> {
  const until = await repo.pausedUntil(db, key);
  const seconds = Math.max(1, Math.ceil((Date.parse(until ?? now.toISOString()) - now.getTime()) / 1000));
  // rounded, not ceiled: instances' clocks (and parallel requests' readings) differ by a little
  const minutes = Math.max(1, Math.round(seconds / 60));
  return new SignInPaused(
    `Too many failed sign-in attempts for this email ${where}. Wait ${minutes} minute${minutes === 1 ? '' : 's'} and try again, or ask your administrator to reset your password.`,
    seconds,
  );
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
    const found = await repo.findLiveToken(deps.db, sha256(credentials.bearerToken), now.toISOString());
    if (!found) return null;
    if (!found.lastUsedAt || now.getTime() - Date.parse(found.lastUsedAt) > TOKEN_TOUCH_INTERVAL) {
      await repo.markTokenUsed(deps.db, found.tokenId, now.toISOString());
    }
    const actor = { ...(await actorFor(deps, found.user)), scopes: found.scopes };
    return { actor, user: found.user, via: 'token', csrfToken: null };
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
  const lines = user.role === 'admin' ? [] : await cachedPeople(deps.db, deps.caches, user.orgId);
  return {
    userId: user.id,
    orgId: user.orgId,
    role: user.role,
    visibleOwnerIds: visibleOwnersFor(user, lines),
  };
}

/** How long a token lives when its maker does not say, and at most. */
export const TOKEN_DEFAULT_DAYS = 90;
export const TOKEN_MAX_DAYS = 366;

/**
 * A personal API token, shown once. Made from a signed-in session only: a token cannot make
 * another (it could grant itself more than it has). `admin` is for an administrator's token.
 */
export async function createToken(
  deps: AppDeps,
  auth: { actor: Actor; via: Authentication['via'] | 'command-line' },
  input: { name: string; scopes: readonly TokenScope[]; expiresAt?: string | null | undefined },
) {
  const { actor } = auth;
  if (auth.via === 'token')
    throw new AppError('forbidden', 'Make API tokens from a signed-in session, not with a token');
  if (input.scopes.includes('admin') && actor.role !== 'admin')
    throw unprocessable('scopes', 'Only an administrator’s token can carry admin');
  const now = deps.now();
  const expiresAt = input.expiresAt ?? new Date(now.getTime() + TOKEN_DEFAULT_DAYS * DAY).toISOString();
  if (Date.parse(expiresAt) <= now.getTime()) throw unprocessable('expiresAt', 'Must be in the future');
  if (Date.parse(expiresAt) > now.getTime() + TOKEN_MAX_DAYS * DAY)
    throw unprocessable('expiresAt', `At most ${TOKEN_MAX_DAYS} days ahead`);
  const token = `wst_${randomSecret()}`;
  const id = randomUUID();
  const at = now.toISOString();
  const hint = `${token.slice(0, 8)}…${token.slice(-4)}`;
  const scopes = TOKEN_SCOPES.filter((s) => input.scopes.includes(s));
  await repo.insertToken(deps.db, {
    id,
    orgId: actor.orgId,
    userId: actor.userId,
    name: input.name,
    hash: sha256(token),
    hint,
    scopes,
    expiresAt: new Date(expiresAt).toISOString(),
    at,
  });
  return {
    id,
    name: input.name,
    hint,
    scopes,
    createdAt: at,
    lastUsedAt: null,
    expiresAt: new Date(expiresAt).toISOString(),
    revokedAt: null,
    token,
  };
}

export async function revokeToken(deps: AppDeps, actor: Actor, tokenId: string): Promise<void> {
  const revoked = await repo.revokeToken(
    deps.db,
    { orgId: actor.orgId, userId: actor.userId },
    tokenId,
    deps.now().toISOString(),
  );
  if (!revoked) throw new AppError('not-found', 'API token not found, or already revoked');
}

/** Every token of the organization with its owner, for an administrator. */
export async function listOrganizationTokens(deps: AppDeps, actor: Actor) {
  requireAdmin(actor);
  return repo.listTokensOfOrg(deps.db, actor.orgId);
}
