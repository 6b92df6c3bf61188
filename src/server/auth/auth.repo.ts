import type { Db } from '../../db/database.ts';
import { preparedQuery } from '../../db/prepared.ts';
import type { Role } from '../../domain/enums.ts';

export type AuthenticatedUser = {
  id: string;
  orgId: string;
  orgName: string;
  email: string;
  name: string;
  role: Role;
  managerId: string | null;
};

const userColumns = [
  'users.id',
  'users.org_id',
  'organizations.name as org_name',
  'users.email',
  'users.name',
  'users.role',
  'users.manager_id',
] as const;

type UserRow = {
  id: string;
  org_id: string;
  org_name: string;
  email: string;
  name: string;
  role: string;
  manager_id: string | null;
};

function toAuthenticatedUser(row: UserRow): AuthenticatedUser {
  return {
    id: row.id,
    orgId: row.org_id,
    orgName: row.org_name,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    managerId: row.manager_id,
  };
}

export async function findLoginCandidate(db: Db, email: string) {
  const row = await db
    .selectFrom('users')
    .innerJoin('organizations', 'organizations.id', 'users.org_id')
    .select([...userColumns, 'users.is_active', 'users.password_hash'])
    .where('users.email', '=', email)
    .executeTakeFirst();
  if (!row) return undefined;
  return { ...toAuthenticatedUser(row), isActive: row.is_active === 1, passwordHash: row.password_hash };
}

export async function countFailuresSince(db: Db, email: string, since: string): Promise<{ count: number; oldest: string | null }> {
  const row = await db
    .selectFrom('login_failures')
    .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.min('at').as('oldest')])
    .where('email', '=', email)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  return { count: Number(row.count), oldest: row.oldest ?? null };
}

export async function recordFailure(db: Db, failure: { id: string; email: string; at: string }): Promise<void> {
  await db.insertInto('login_failures').values(failure).execute();
}

export async function clearFailures(db: Db, email: string): Promise<void> {
  await db.deleteFrom('login_failures').where('email', '=', email).execute();
}

export async function insertSession(
  db: Db,
  session: { id: string; userId: string; orgId: string; csrfToken: string; at: string; expiresAt: string },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id: session.id,
      user_id: session.userId,
      org_id: session.orgId,
      csrf_token: session.csrfToken,
      created_at: session.at,
      last_seen_at: session.at,
      expires_at: session.expiresAt,
    })
    .execute();
}

/** A live session and its active user, or undefined. */
// every request reads its session: compiled once
const liveSession = preparedQuery((db, args: { sessionId: string; now: string }) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .innerJoin('organizations', 'organizations.id', 'users.org_id')
    .select([...userColumns, 'sessions.csrf_token', 'sessions.last_seen_at'])
    .where('sessions.id', '=', args.sessionId)
    .where('sessions.expires_at', '>', args.now)
    .where('users.is_active', '=', 1),
);

export async function findLiveSession(db: Db, sessionId: string, now: string) {
  const [row] = await liveSession(db, { sessionId, now });
  if (!row) return undefined;
  return { user: toAuthenticatedUser(row), csrfToken: row.csrf_token, lastSeenAt: row.last_seen_at };
}

export async function extendSession(db: Db, sessionId: string, lastSeenAt: string, expiresAt: string): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: lastSeenAt, expires_at: expiresAt })
    .where('id', '=', sessionId)
    .execute();
}

export async function deleteSession(db: Db, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

export async function deleteSessionsOfUser(db: Db, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

export async function insertToken(
  db: Db,
  token: { id: string; orgId: string; userId: string; name: string; hash: string; hint: string; at: string },
): Promise<void> {
  await db
    .insertInto('api_tokens')
    .values({
      id: token.id,
      org_id: token.orgId,
      user_id: token.userId,
      name: token.name,
      token_hash: token.hash,
      token_hint: token.hint,
      created_at: token.at,
      last_used_at: null,
      revoked_at: null,
    })
    .execute();
}

export async function findLiveToken(db: Db, hash: string) {
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .innerJoin('organizations', 'organizations.id', 'users.org_id')
    .select([...userColumns, 'api_tokens.id as token_id', 'api_tokens.last_used_at'])
    .where('api_tokens.token_hash', '=', hash)
    .where('api_tokens.revoked_at', 'is', null)
    .where('users.is_active', '=', 1)
    .executeTakeFirst();
  if (!row) return undefined;
  return { user: toAuthenticatedUser(row), tokenId: row.token_id, lastUsedAt: row.last_used_at };
}

export async function markTokenUsed(db: Db, tokenId: string, at: string): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', tokenId).execute();
}

export async function listTokensOfUser(db: Db, userId: string) {
  const rows = await db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'token_hint', 'created_at', 'last_used_at', 'revoked_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    hint: r.token_hint,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  }));
}

/** Revokes one of the user's own tokens; false when there is no such live token. */
export async function revokeToken(db: Db, userId: string, tokenId: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: at })
    .where('id', '=', tokenId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
