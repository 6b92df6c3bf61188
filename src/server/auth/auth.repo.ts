import { sql, type Expression } from 'kysely';
import type { Db } from '../../db/database.ts';
import { preparedQuery } from '../../db/prepared.ts';
import { TOKEN_SCOPES, type TokenScope } from '../../domain/access.ts';
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
    .leftJoin('sso_settings', 'sso_settings.org_id', 'users.org_id')
    .select([
      ...userColumns,
      'users.is_active',
      'users.password_hash',
      'sso_settings.is_enabled as sso_is_enabled',
      'sso_settings.requires_sso',
    ])
    .where('users.email', '=', email)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    ...toAuthenticatedUser(row),
    isActive: row.is_active === 1,
    passwordHash: row.password_hash,
    /** the organization's provider is on and its people must sign in through it */
    isSsoRequired: Number(row.sso_is_enabled) === 1 && Number(row.requires_sso) === 1,
  };
}

/** A person as a session would hold them, with whether they may still sign in. */
export async function findAuthenticatedUser(db: Db, userId: string) {
  const row = await db
    .selectFrom('users')
    .innerJoin('organizations', 'organizations.id', 'users.org_id')
    .select([...userColumns, 'users.is_active'])
    .where('users.id', '=', userId)
    .executeTakeFirst();
  if (!row) return undefined;
  return { ...toAuthenticatedUser(row), isActive: row.is_active === 1 };
}

/** Every client address at once: the per-email ceiling's row. */
export const ANY_CLIENT = '*';

/** The pause a row takes on, by its failure count: `{ from, until }` steps, highest `from` first. */
export type PauseSteps = ReadonlyArray<{ from: number; until: string }>;

function pauseFor(failures: Expression<number>, steps: PauseSteps) {
  if (steps.length === 0) return sql<string | null>`null`;
  const whens = steps.map((step) => sql`when ${failures} >= ${step.from} then ${step.until}`);
  return sql<string | null>`case ${sql.join(whens, sql` `)} else null end`;
}

/**
 * Counts one sign-in attempt of `email` from `client` as a failure before its password is checked,
 * and pauses the row once the count reaches a step, all in one statement: parallel attempts each
 * see the count the previous one left. Answers the new count, or null while the row is paused
 * (then nothing is counted). Failures older than `forgetBefore` start over.
 */
export async function reserveAttempt(
  db: Db,
  key: { email: string; client: string },
  at: { now: string; forgetBefore: string },
  steps: PauseSteps,
): Promise<number | null> {
  const next = sql<number>`case when login_throttles.last_failure_at < ${at.forgetBefore} then 1 else login_throttles.failures + 1 end`;
  const first = steps.find((step) => 1 >= step.from)?.until ?? null;
  const row = await db
    .insertInto('login_throttles')
    .values({ email: key.email, client: key.client, failures: 1, last_failure_at: at.now, locked_until: first })
    .onConflict((oc) =>
      oc
        .columns(['email', 'client'])
        .doUpdateSet({ failures: next, last_failure_at: at.now, locked_until: pauseFor(next, steps) })
        .where((eb) =>
          eb.or([eb('login_throttles.locked_until', 'is', null), eb('login_throttles.locked_until', '<=', at.now)]),
        ),
    )
    .returning('failures')
    .executeTakeFirst();
  return row ? Number(row.failures) : null;
}

export async function pausedUntil(db: Db, key: { email: string; client: string }): Promise<string | null> {
  const row = await db
    .selectFrom('login_throttles')
    .select('locked_until')
    .where('email', '=', key.email)
    .where('client', '=', key.client)
    .executeTakeFirst();
  return row?.locked_until ?? null;
}

/** After a right password: the address starts over, and the email's ceiling gives back the attempt. */
export async function forgetAttempt(
  db: Db,
  key: { email: string; client: string },
  emailSteps: PauseSteps,
): Promise<void> {
  await db.deleteFrom('login_throttles').where('email', '=', key.email).where('client', '=', key.client).execute();
  const remaining = sql<number>`login_throttles.failures - 1`;
  await db
    .updateTable('login_throttles')
    .set({
      failures: remaining,
      locked_until: sql`case when ${pauseFor(remaining, emailSteps)} is null then null else login_throttles.locked_until end`,
    })
    .where('email', '=', key.email)
    .where('client', '=', ANY_CLIENT)
    .where('failures', '>', 0)
    .execute();
}

/** Every count of the email, from every address: its password was just reset. */
export async function forgetAllAttempts(db: Db, email: string): Promise<void> {
  await db.deleteFrom('login_throttles').where('email', '=', email).execute();
}

/** Drops the counts nobody has added to since `forgetBefore` (they would start over anyway). */
export async function sweepForgottenAttempts(db: Db, at: { now: string; forgetBefore: string }): Promise<void> {
  await db
    .deleteFrom('login_throttles')
    .where('last_failure_at', '<', at.forgetBefore)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', at.now)]))
    .execute();
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

/** Signs out everyone of the organization but its administrators; returns how many sessions ended. */
export async function deleteSessionsOfNonAdmins(db: Db, orgId: string): Promise<number> {
  const result = await db
    .deleteFrom('sessions')
    .where('org_id', '=', orgId)
    .where('user_id', 'in', (eb) =>
      eb.selectFrom('users').select('id').where('org_id', '=', orgId).where('role', '!=', 'admin'),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export type TokenRow = {
  id: string;
  name: string;
  hint: string;
  scopes: TokenScope[];
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
};

export async function insertToken(
  db: Db,
  token: {
    id: string;
    orgId: string;
    userId: string;
    name: string;
    hash: string;
    hint: string;
    scopes: readonly TokenScope[];
    expiresAt: string | null;
    at: string;
  },
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
      scopes: token.scopes.join(','),
      expires_at: token.expiresAt,
      created_at: token.at,
      last_used_at: null,
      revoked_at: null,
    })
    .execute();
}

const readScopes = (text: string) =>
  text.split(',').filter((s): s is TokenScope => (TOKEN_SCOPES as readonly string[]).includes(s));

/** The token of that hash, when it is neither revoked nor expired at `now` and its owner is active. */
export async function findLiveToken(db: Db, hash: string, now: string) {
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .innerJoin('organizations', 'organizations.id', 'users.org_id')
    .select([...userColumns, 'api_tokens.id as token_id', 'api_tokens.last_used_at', 'api_tokens.scopes'])
    .where('api_tokens.token_hash', '=', hash)
    .where('api_tokens.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('api_tokens.expires_at', 'is', null), eb('api_tokens.expires_at', '>', now)]))
    .where('users.is_active', '=', 1)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    user: toAuthenticatedUser(row),
    tokenId: row.token_id,
    lastUsedAt: row.last_used_at,
    scopes: readScopes(row.scopes),
  };
}

export async function markTokenUsed(db: Db, tokenId: string, at: string): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', tokenId).execute();
}

const tokenColumns = [
  'api_tokens.id',
  'api_tokens.name',
  'api_tokens.token_hint',
  'api_tokens.scopes',
  'api_tokens.created_at',
  'api_tokens.last_used_at',
  'api_tokens.expires_at',
  'api_tokens.revoked_at',
] as const;

const toTokenRow = (r: {
  id: string;
  name: string;
  token_hint: string;
  scopes: string;
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
  revoked_at: string | null;
}): TokenRow => ({
  id: r.id,
  name: r.name,
  hint: r.token_hint,
  scopes: readScopes(r.scopes),
  createdAt: r.created_at,
  lastUsedAt: r.last_used_at,
  expiresAt: r.expires_at,
  revokedAt: r.revoked_at,
});

export async function listTokensOfUser(db: Db, userId: string): Promise<TokenRow[]> {
  const rows = await db
    .selectFrom('api_tokens')
    .select(tokenColumns)
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map(toTokenRow);
}

/** Every token of an organization with its owner, newest first (an administrator's view). */
export async function listTokensOfOrg(
  db: Db,
  orgId: string,
): Promise<Array<TokenRow & { owner: { id: string; name: string; isActive: boolean } }>> {
  const rows = await db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select([...tokenColumns, 'users.id as owner_id', 'users.name as owner_name', 'users.is_active as owner_active'])
    .where('api_tokens.org_id', '=', orgId)
    .orderBy('api_tokens.created_at', 'desc')
    .orderBy('api_tokens.id')
    .execute();
  return rows.map((r) => ({
    ...toTokenRow(r),
    owner: { id: r.owner_id, name: r.owner_name, isActive: r.owner_active === 1 },
  }));
}

/**
 * Revokes one live token, of the user or (`userId` null, an administrator) of anyone in the
 * organization; answers what it was, or undefined when there is no such live token.
 */
export async function revokeToken(
  db: Db,
  scope: { orgId: string; userId: string | null },
  tokenId: string,
  at: string,
): Promise<{ name: string; hint: string; userId: string } | undefined> {
  let query = db
    .updateTable('api_tokens')
    .set({ revoked_at: at })
    .where('id', '=', tokenId)
    .where('org_id', '=', scope.orgId)
    .where('revoked_at', 'is', null);
  if (scope.userId !== null) query = query.where('user_id', '=', scope.userId);
  const row = await query.returning(['name', 'token_hint', 'user_id']).executeTakeFirst();
  return row ? { name: row.name, hint: row.token_hint, userId: row.user_id } : undefined;
}

/** Revokes every live token of the user; answers how many there were. */
export async function revokeTokensOfUser(db: Db, userId: string, at: string): Promise<number> {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: at })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
