import * as oidc from 'openid-client';
import type { z } from 'zod';
import type { SsoSettings, ssoSettingsBodySchema, SsoSettingsResult } from '../../contract/sso.ts';
import type { Actor } from '../../domain/access.ts';
import { appendAuditEvents, organizationChange } from '../audit/index.ts';
import type { AppDeps } from '../deps.ts';
import { AppError, notFound, unprocessable } from '../errors.ts';
import { requireAdmin } from '../policy.ts';
import { UnreadableSecretError } from '../secrets.ts';
import { inTransaction } from '../transaction.ts';
import { addUser, cachedUserNames, listUsers } from '../users/index.ts';
import { notifyIn } from '../inbox/index.ts';
import type { Db } from '../../db/database.ts';
import { deleteSessionsOfNonAdmins, findAuthenticatedUser, findLoginCandidate } from './auth.repo.ts';
import { openSession, type OpenedSession } from './auth.service.ts';
import { sha256 } from './secrets.ts';
import * as repo from './sso.repo.ts';

// Single sign-on with OpenID Connect: the authorization code flow with PKCE, a nonce and a state
// bound to the browser that began it (a cookie holds the state; the database holds only its hash,
// the PKCE verifier and the nonce, so any instance can finish the sign-in). Who may come in:
// addresses of the organization's allowed domains, the provider having verified them; a person
// already known by that address, or by the identity they signed in with before; a newcomer only
// when the organization lets first sign-ins create sellers. Deactivated people stay out.

const ATTEMPT_MINUTES = 10;

const UNREADABLE_SECRET =
  "The saved client secret cannot be read with this server's secret key (it changed since the secret was saved): enter the secret again";

/** http is allowed for a provider on this machine only (development, tests); elsewhere https. */
function isLoopback(url: URL): boolean {
  return url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
}

async function present(deps: AppDeps, stored: repo.StoredSsoSettings): Promise<SsoSettings> {
  const names = await cachedUserNames(deps.db, deps.caches, stored.orgId);
  return {
    issuer: stored.issuer,
    clientId: stored.clientId,
    isClientSecretSet: stored.clientSecret !== null,
    isClientSecretUnreadable: stored.clientSecret !== null && !canOpen(deps, stored.clientSecret),
    allowedDomains: stored.allowedDomains,
    createsUsers: stored.createsUsers,
    isEnabled: stored.isEnabled,
    requiresSso: stored.requiresSso,
    updatedAt: stored.updatedAt,
    updatedByName: names.get(stored.updatedBy) ?? 'Former colleague',
  };
}

function canOpen(deps: AppDeps, sealed: string): boolean {
  try {
    deps.secrets.open(sealed);
    return true;
  } catch (error) {
    if (error instanceof UnreadableSecretError) return false;
    throw error;
  }
}

export async function readSsoSettings(deps: AppDeps, actor: Actor, redirectUri: string): Promise<SsoSettingsResult> {
  requireAdmin(actor);
  const stored = await repo.findSsoSettings(deps.db, actor.orgId);
  return { settings: stored ? await present(deps, stored) : null, redirectUri };
}

/**
 * Saves the organization's provider after reading its metadata (so a mistyped issuer is refused
 * now, naming it, not at the first sign-in). An allowed domain another organization signs in is refused.
 */
export async function changeSsoSettings(
  deps: AppDeps,
  actor: Actor,
  body: z.output<typeof ssoSettingsBodySchema>,
): Promise<{ settings: SsoSettings }> {
  requireAdmin(actor);
  const current = await repo.findSsoSettings(deps.db, actor.orgId);
  let clientSecret: string | null;
  if (body.clientSecret === undefined) {
    clientSecret = current?.clientSecret ?? null;
    if (clientSecret !== null && !canOpen(deps, clientSecret)) throw unprocessable('clientSecret', UNREADABLE_SECRET);
  } else {
    clientSecret = body.clientSecret ? deps.secrets.seal(body.clientSecret) : null;
  }
  const domains = [...new Set(body.allowedDomains)].sort();
  const stored: repo.StoredSsoSettings = {
    orgId: actor.orgId,
    issuer: body.issuer,
    clientId: body.clientId,
    clientSecret,
    createsUsers: body.createsUsers,
    isEnabled: body.isEnabled,
    requiresSso: body.requiresSso ?? current?.requiresSso ?? false,
    allowedDomains: domains,
    updatedBy: actor.userId,
    updatedAt: deps.now().toISOString(),
  };
  await discoverProvider(deps, stored, 'issuer');
  await inTransaction(deps, async (tx) => {
    const taken = await repo.listDomainsTakenElsewhere(tx, actor.orgId, domains);
    if (taken.length > 0) {
      throw unprocessable(
        'allowedDomains',
        `${taken.join(', ')} ${taken.length === 1 ? 'signs' : 'sign'} in through another organization's provider`,
      );
    }
    await repo.saveSsoSettings(tx, stored);
    // once passwords stop working, the sessions they opened end too: people sign in again through
    // the provider (administrators, who keep their password, stay signed in)
    const required = (s: repo.StoredSsoSettings | undefined) => s !== undefined && s.isEnabled && s.requiresSso;
    if (required(stored) && !required(current)) await deleteSessionsOfNonAdmins(tx, actor.orgId);
    await appendAuditEvents(tx, [
      organizationChange(
        actor,
        stored.updatedAt,
        [
          { field: 'sso.issuer', from: current?.issuer ?? null, to: stored.issuer },
          { field: 'sso.clientId', from: current?.clientId ?? null, to: stored.clientId },
          {
            field: 'sso.allowedDomains',
            from: current?.allowedDomains.join(', ') ?? null,
            to: domains.join(', '),
          },
          { field: 'sso.createsUsers', from: current?.createsUsers ?? null, to: stored.createsUsers },
          { field: 'sso.isEnabled', from: current?.isEnabled ?? null, to: stored.isEnabled },
          { field: 'sso.requiresSso', from: current?.requiresSso ?? null, to: stored.requiresSso },
        ].filter((c) => c.from !== c.to),
      ),
    ]);
  });
  deps.caches.ssoProviders.invalidate(actor.orgId);
  return { settings: await present(deps, stored) };
}

export async function removeSsoSettings(deps: AppDeps, actor: Actor): Promise<void> {
  requireAdmin(actor);
  await inTransaction(deps, async (tx) => {
    const current = await repo.findSsoSettings(tx, actor.orgId);
    if (!current) throw notFound('Single sign-on settings');
    await repo.deleteSsoSettings(tx, actor.orgId);
    await appendAuditEvents(tx, [
      organizationChange(actor, deps.now().toISOString(), [{ field: 'sso.issuer', from: current.issuer, to: null }]),
    ]);
  });
  deps.caches.ssoProviders.invalidate(actor.orgId);
}

/** The provider's metadata and our client there; a failure is answered naming `field`. */
async function discoverProvider(
  deps: AppDeps,
  settings: repo.StoredSsoSettings,
  field: string,
): Promise<oidc.Configuration> {
  const issuer = new URL(settings.issuer);
  if (issuer.protocol !== 'https:' && !isLoopback(issuer))
    throw unprocessable('issuer', 'The provider must be reached over https');
  let secret: string | undefined;
  try {
    secret = settings.clientSecret === null ? undefined : deps.secrets.open(settings.clientSecret);
  } catch (error) {
    if (error instanceof UnreadableSecretError) throw unprocessable('clientSecret', UNREADABLE_SECRET);
    throw error;
  }
  try {
    return await oidc.discovery(
      issuer,
      settings.clientId,
      undefined,
      secret === undefined ? oidc.None() : oidc.ClientSecretBasic(secret),
      {
        execute: issuer.protocol === 'http:' ? [oidc.allowInsecureRequests] : [],
        timeout: 10,
      },
    );
  } catch (error) {
    throw unprocessable(
      field,
      `Could not read the provider's settings at ${settings.issuer}/.well-known/openid-configuration: ${describe(error)}`,
    );
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
    return `${error.message}${cause}`;
  }
  return String(error);
}

function cachedProvider(deps: AppDeps, settings: repo.StoredSsoSettings): Promise<oidc.Configuration> {
  const key = `${settings.issuer}\u0000${settings.clientId}\u0000${settings.updatedAt}`;
  return deps.caches.ssoProviders.get(settings.orgId, key, () => discoverProvider(deps, settings, 'provider'));
}

function domainOf(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

/** Only paths inside this app are followed after signing in (never another site). */
export function safeNextPath(raw: string | undefined | null): string {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\') || raw.startsWith('/login'))
    return '/';
  return raw;
}

const NO_SSO = (domain: string) =>
  `Single sign-on is not set up for ${domain}: sign in with your email and password, or ask your administrator`;

/**
 * Begins a sign-in through the provider of the address's organization: the provider's page to go to,
 * and the state the browser must bring back (kept in a cookie by the route).
 */
export async function startSsoSignIn(
  deps: AppDeps,
  input: { email: string; next?: string | undefined },
  redirectUri: string,
): Promise<{ redirectTo: string; state: string }> {
  const email = input.email.trim().toLowerCase();
  const domain = domainOf(email);
  const orgId = await repo.findDomainOrganization(deps.db, domain);
  const settings = orgId ? await repo.findSsoSettings(deps.db, orgId) : undefined;
  if (!settings?.isEnabled) throw unprocessable('email', NO_SSO(domain));
  const config = await cachedProvider(deps, settings);
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const now = deps.now();
  await repo.sweepExpiredSsoAttempts(deps.db, now.toISOString());
  await repo.insertSsoAttempt(deps.db, {
    id: sha256(state),
    orgId: settings.orgId,
    codeVerifier,
    nonce,
    nextPath: safeNextPath(input.next),
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + ATTEMPT_MINUTES * 60_000).toISOString(),
  });
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid email profile',
    response_type: 'code',
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    login_hint: email,
  });
  return { redirectTo: url.href, state };
}

/** Why a sign-in through the provider did not let someone in, in words for the sign-in page. */
export class SsoRefused extends AppError {
  constructor(message: string) {
    super('unauthenticated', message);
  }
}

/**
 * Finishes a sign-in: checks the state against the browser's, trades the code (with the PKCE
 * verifier) for tokens whose ID token carries the nonce, and lets in the person the verified
 * address or the identity names. Answers the session to open and where to go.
 */
export async function finishSsoSignIn(
  deps: AppDeps,
  callbackUrl: URL,
  browserState: string | undefined,
): Promise<{ session: OpenedSession; nextPath: string }> {
  const error = callbackUrl.searchParams.get('error');
  if (error) {
    const description = callbackUrl.searchParams.get('error_description');
    throw new SsoRefused(`Your organization's provider did not sign you in: ${description ?? error}`);
  }
  const state = callbackUrl.searchParams.get('state');
  if (!state || !browserState || state !== browserState)
    throw new SsoRefused('This sign-in was started in another browser or has expired: start again');
  const now = deps.now().toISOString();
  const attempt = await repo.takeSsoAttempt(deps.db, sha256(state), now);
  if (!attempt) throw new SsoRefused('This sign-in has expired or was already used: start again');
  const settings = await repo.findSsoSettings(deps.db, attempt.orgId);
  if (!settings?.isEnabled) throw new SsoRefused('Single sign-on has been turned off for your organization');
  const config = await cachedProvider(deps, settings);

  let claims: Record<string, unknown> & { sub: string };
  try {
    const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: attempt.codeVerifier,
      expectedState: state,
      expectedNonce: attempt.nonce,
    });
    const idToken = tokens.claims();
    if (!idToken) throw new SsoRefused("Your organization's provider sent no identity");
    claims = idToken;
    // many providers keep the e-mail out of the ID token when they issue an access token: ask for it
    if (typeof claims['email'] !== 'string' && tokens.access_token)
      claims = { ...(await oidc.fetchUserInfo(config, tokens.access_token, idToken.sub)), ...idToken };
  } catch (failure) {
    if (failure instanceof SsoRefused) throw failure;
    throw new SsoRefused(`Your organization's provider could not confirm who you are: ${describe(failure)}`);
  }
  const email = typeof claims['email'] === 'string' ? claims['email'].trim().toLowerCase() : '';
  if (!email) throw new SsoRefused("Your organization's provider did not share your e-mail address");
  if (claims['email_verified'] === false)
    throw new SsoRefused("Your organization's provider has not verified your e-mail address");
  const domain = domainOf(email);
  if (!settings.allowedDomains.includes(domain))
    throw new SsoRefused(`${domain} addresses do not sign in to this organization`);
  const name = typeof claims['name'] === 'string' && claims['name'].trim() ? claims['name'].trim() : email;

  const issuer = config.serverMetadata().issuer;
  const user = await inTransaction(deps, async (tx) => {
    const known = await repo.findIdentityUser(tx, issuer, claims.sub);
    let id = known ?? (await findPersonByEmail(tx, settings.orgId, email));
    const isNew = !id;
    if (!id) {
      if (!settings.createsUsers)
        throw new SsoRefused(`${email} is not set up in Winsight yet: ask your administrator to add you`);
      const created = await addUser(
        tx,
        { orgId: settings.orgId, actorId: null, at: now },
        { email, name: name.slice(0, 120), role: 'seller', managerId: null },
        null,
      );
      id = created.id;
      await tellAdministrators(tx, settings.orgId, created.name, email, now);
    }
    const person = await findAuthenticatedUser(tx, id);
    if (!person || person.orgId !== settings.orgId)
      throw new SsoRefused('This account is in another organization: ask your administrator');
    if (!person.isActive) throw new SsoRefused('Your account has been deactivated: ask your administrator');
    await repo.saveIdentity(tx, { issuer, subject: claims.sub, orgId: settings.orgId, userId: id, at: now });
    return { person, isNew };
  });
  if (user.isNew) deps.caches.people.invalidate(settings.orgId);
  const { isActive: _active, ...signedIn } = user.person;
  return { session: await openSession(deps, signedIn), nextPath: attempt.nextPath };
}

/** A first sign-in made a seller without a manager: the organization's administrators are told to place them. */
async function tellAdministrators(tx: Db, orgId: string, name: string, email: string, at: string): Promise<void> {
  const admins = (await listUsers(tx, orgId)).filter((u) => u.role === 'admin' && u.isActive);
  await notifyIn(
    tx,
    at,
    admins.map((admin) => ({
      orgId,
      personId: admin.id,
      kind: 'person-joined' as const,
      subject: `${name} joined through single sign-on`,
      body: `${name} (${email}) signed in for the first time through your identity provider and is a seller without a manager. Give them their manager and role in Admin › People.`,
      link: '/admin/users',
      dedupeKey: `person-joined:${email}`,
    })),
  );
}

async function findPersonByEmail(tx: Db, orgId: string, email: string): Promise<string | undefined> {
  const user = await findLoginCandidate(tx, email);
  if (user && user.orgId !== orgId) throw new SsoRefused('This address belongs to another organization');
  return user?.id;
}
