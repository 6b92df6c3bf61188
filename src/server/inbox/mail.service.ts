import type { z } from 'zod';
import type { MailSettings, mailSettingsBodySchema, MailTestResult } from '../../contract/mail.ts';
import type { Actor } from '../../domain/access.ts';
import type { AppDeps } from '../deps.ts';
import { AppError, unprocessable } from '../errors.ts';
import { requireAdmin } from '../policy.ts';
import { cachedUserNames, findUser } from '../users/index.ts';
import {
  findMailSettings,
  listPlainPasswords,
  replacePassword,
  saveMailSettings,
  type StoredMailSettings,
} from './mail-settings.repo.ts';
import {
  describeMailError,
  isPasswordUnreadable,
  sendWithNodemailer,
  UNREADABLE_PASSWORD,
  withOpenPassword,
  type SendMail,
} from './mailer.ts';

// The organization's SMTP server, set by administrators. The password is kept to send with, sealed
// under the deployment's secret key (../secrets.ts), and never leaves the server: reads say only
// whether one is set, and whether it can still be opened.

async function present(deps: AppDeps, stored: StoredMailSettings): Promise<MailSettings> {
  const names = await cachedUserNames(deps.db, deps.caches, stored.orgId);
  return {
    host: stored.host,
    port: stored.port,
    tlsMode: stored.tlsMode,
    username: stored.username,
    isPasswordSet: stored.password !== null && stored.password !== '',
    isPasswordUnreadable: isPasswordUnreadable(deps.secrets, stored),
    fromAddress: stored.fromAddress,
    appUrl: stored.appUrl,
    updatedAt: stored.updatedAt,
    updatedByName: names.get(stored.updatedBy) ?? 'Former colleague',
  };
}

/** The saved password to keep, sealed; a legacy plain one is sealed now. */
function keptPassword(deps: AppDeps, current: StoredMailSettings | undefined): string | null | 'unreadable' {
  if (!current?.password) return null;
  if (!deps.secrets.isSealed(current.password)) return deps.secrets.seal(current.password);
  return isPasswordUnreadable(deps.secrets, current) ? 'unreadable' : current.password;
}

export async function readMailSettings(deps: AppDeps, actor: Actor): Promise<{ settings: MailSettings | null }> {
  requireAdmin(actor);
  const stored = await findMailSettings(deps.db, actor.orgId);
  return { settings: stored ? await present(deps, stored) : null };
}

export async function changeMailSettings(
  deps: AppDeps,
  actor: Actor,
  body: z.output<typeof mailSettingsBodySchema>,
): Promise<{ settings: MailSettings }> {
  requireAdmin(actor);
  const current = await findMailSettings(deps.db, actor.orgId);
  // left out: the saved password stays (sealed now if it was saved before sealing); null: removed
  const kept = body.password === undefined ? keptPassword(deps, current) : null;
  if (kept === 'unreadable') throw unprocessable('password', UNREADABLE_PASSWORD);
  const password = body.password === undefined ? kept : body.password ? deps.secrets.seal(body.password) : null;
  if (body.username && !password)
    throw unprocessable('password', 'A user name needs its password: enter the password of this SMTP account');
  if (!body.username && password)
    throw unprocessable('username', 'A password needs its user name: enter the user name, or remove the password');
  const stored: StoredMailSettings = {
    orgId: actor.orgId,
    host: body.host,
    port: body.port,
    tlsMode: body.tlsMode,
    username: body.username ?? null,
    password,
    fromAddress: body.fromAddress,
    appUrl: body.appUrl ?? null,
    updatedBy: actor.userId,
    updatedAt: deps.now().toISOString(),
  };
  await saveMailSettings(deps.db, stored);
  return { settings: await present(deps, stored) };
}

/**
 * Sends a test e-mail to the administrator asking, through the saved settings, now (not through
 * the outbox): they wait for the answer, and an SMTP error comes back in words, naming the server.
 */
export async function sendTestMail(
  deps: AppDeps,
  actor: Actor,
  send: SendMail = sendWithNodemailer,
): Promise<MailTestResult> {
  requireAdmin(actor);
  const [settings, me] = await Promise.all([
    findMailSettings(deps.db, actor.orgId),
    findUser(deps.db, actor.orgId, actor.userId),
  ]);
  if (!settings) throw unprocessable('settings', 'Save the mail settings first, then send a test message');
  if (!me) throw new AppError('unauthenticated', 'Sign in first');
  let opened: StoredMailSettings;
  try {
    opened = withOpenPassword(deps.secrets, settings);
  } catch (error) {
    throw unprocessable('password', describeMailError(error));
  }
  try {
    await send(opened, {
      to: me.email,
      subject: 'Winsight test message',
      text: `This is a test message from Winsight, sent through ${settings.host}:${settings.port} at the request of ${me.name}. Reminders and inbox messages will reach people the same way.`,
    });
  } catch (error) {
    const message = `Could not send through ${settings.host}:${settings.port}: ${describeMailError(error)}`;
    throw unprocessable('smtp', message);
  }
  return { sentTo: me.email, message: `A test message was sent to ${me.email} through ${settings.host}.` };
}

/**
 * Seals the SMTP passwords saved in plain text before sealing existed (run once at start-up; a
 * later run finds none); answers how many it sealed.
 */
export async function sealPlainMailPasswords(deps: Pick<AppDeps, 'db' | 'secrets'>): Promise<number> {
  let sealed = 0;
  for (const plain of await listPlainPasswords(deps.db)) {
    if (await replacePassword(deps.db, plain.orgId, plain.password, deps.secrets.seal(plain.password))) sealed += 1;
  }
  return sealed;
}
