import type { Db } from '../../db/database.ts';

// Single sign-on: the organization's provider, its e-mail domains, sign-ins on their way, and the
// provider identities people signed in as.

export type StoredSsoSettings = {
  orgId: string;
  issuer: string;
  clientId: string;
  /** sealed; null for a public client */
  clientSecret: string | null;
  createsUsers: boolean;
  isEnabled: boolean;
  /** password sign-in refused to everyone but administrators while the provider is on */
  requiresSso: boolean;
  allowedDomains: string[];
  updatedBy: string;
  updatedAt: string;
};

export async function findSsoSettings(db: Db, orgId: string): Promise<StoredSsoSettings | undefined> {
  const [row, domains] = await Promise.all([
    db.selectFrom('sso_settings').selectAll().where('org_id', '=', orgId).executeTakeFirst(),
    db.selectFrom('sso_domains').select('domain').where('org_id', '=', orgId).orderBy('domain').execute(),
  ]);
  if (!row) return undefined;
  return {
    orgId: row.org_id,
    issuer: row.issuer,
    clientId: row.client_id,
    clientSecret: row.client_secret,
    createsUsers: row.creates_users === 1,
    isEnabled: row.is_enabled === 1,
    requiresSso: Number(row.requires_sso) === 1,
    allowedDomains: domains.map((d) => d.domain),
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
  };
}

/** The organization whose provider signs in addresses of `domain`, if one does. */
export async function findDomainOrganization(db: Db, domain: string): Promise<string | undefined> {
  const row = await db.selectFrom('sso_domains').select('org_id').where('domain', '=', domain).executeTakeFirst();
  return row?.org_id;
}

/** Of `domains`, those another organization already signs in. */
export async function listDomainsTakenElsewhere(db: Db, orgId: string, domains: readonly string[]): Promise<string[]> {
  if (domains.length === 0) return [];
  const rows = await db
    .selectFrom('sso_domains')
    .select('domain')
    .where('domain', 'in', domains)
    .where('org_id', '<>', orgId)
    .execute();
  return rows.map((r) => r.domain);
}

/** Replaces the organization's settings and domains (inside the caller's transaction). */
export async function saveSsoSettings(db: Db, s: StoredSsoSettings): Promise<void> {
  const values = {
    issuer: s.issuer,
    client_id: s.clientId,
    client_secret: s.clientSecret,
    creates_users: s.createsUsers ? (1 as const) : (0 as const),
    is_enabled: s.isEnabled ? (1 as const) : (0 as const),
    requires_sso: s.requiresSso ? (1 as const) : (0 as const),
    updated_by: s.updatedBy,
    updated_at: s.updatedAt,
  };
  await db
    .insertInto('sso_settings')
    .values({ org_id: s.orgId, ...values })
    .onConflict((oc) => oc.column('org_id').doUpdateSet(values))
    .execute();
  await db.deleteFrom('sso_domains').where('org_id', '=', s.orgId).execute();
  await db
    .insertInto('sso_domains')
    .values(s.allowedDomains.map((domain) => ({ domain, org_id: s.orgId })))
    .execute();
}

export async function deleteSsoSettings(db: Db, orgId: string): Promise<boolean> {
  await db.deleteFrom('sso_domains').where('org_id', '=', orgId).execute();
  await db.deleteFrom('sso_attempts').where('org_id', '=', orgId).execute();
  const result = await db.deleteFrom('sso_settings').where('org_id', '=', orgId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export type SsoAttempt = {
  id: string;
  orgId: string;
  codeVerifier: string;
  nonce: string;
  nextPath: string;
  createdAt: string;
  expiresAt: string;
};

export async function insertSsoAttempt(db: Db, a: SsoAttempt): Promise<void> {
  await db
    .insertInto('sso_attempts')
    .values({
      id: a.id,
      org_id: a.orgId,
      code_verifier: a.codeVerifier,
      nonce: a.nonce,
      next_path: a.nextPath,
      created_at: a.createdAt,
      expires_at: a.expiresAt,
    })
    .execute();
}

/** Takes an unexpired attempt out, so it is used once even when two callbacks race. */
export async function takeSsoAttempt(db: Db, id: string, now: string): Promise<SsoAttempt | undefined> {
  const row = await db.deleteFrom('sso_attempts').where('id', '=', id).returningAll().executeTakeFirst();
  if (!row || row.expires_at <= now) return undefined;
  return {
    id: row.id,
    orgId: row.org_id,
    codeVerifier: row.code_verifier,
    nonce: row.nonce,
    nextPath: row.next_path,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
}

export async function sweepExpiredSsoAttempts(db: Db, now: string): Promise<void> {
  await db.deleteFrom('sso_attempts').where('expires_at', '<=', now).execute();
}

export async function findIdentityUser(db: Db, issuer: string, subject: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('user_identities')
    .select('user_id')
    .where('issuer', '=', issuer)
    .where('subject', '=', subject)
    .executeTakeFirst();
  return row?.user_id;
}

/** Records (or refreshes) that `userId` signed in as `subject` at `issuer`. */
export async function saveIdentity(
  db: Db,
  identity: { issuer: string; subject: string; orgId: string; userId: string; at: string },
): Promise<void> {
  await db
    .insertInto('user_identities')
    .values({
      issuer: identity.issuer,
      subject: identity.subject,
      org_id: identity.orgId,
      user_id: identity.userId,
      created_at: identity.at,
      last_sign_in_at: identity.at,
    })
    .onConflict((oc) => oc.columns(['issuer', 'subject']).doUpdateSet({ last_sign_in_at: identity.at }))
    .execute();
}
