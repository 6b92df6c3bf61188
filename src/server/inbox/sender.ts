import { MAX_MAIL_ATTEMPTS, mailText, retryDelayMinutes } from '../../domain/inbox/messages.ts';
import type { AppDeps } from '../deps.ts';
import { listMailSettings } from './mail-settings.repo.ts';
import { describeMailError, isServerFailure, sendWithNodemailer, withOpenPassword, type SendMail } from './mailer.ts';
import { claimDueMail, linksOf, markFailed, markSent, postponeMail } from './outbox.repo.ts';

// Delivers the queued e-mails: claims the due ones, sends each through its organization's server,
// records success or the error and the time of the next try (1, 5, 30, 120, 360 minutes; after the
// sixth failure the e-mail stays with its last error).

/** How long a claim holds per e-mail claimed: longer than the slowest send (the transport's timeouts add up to 40 s). */
const CLAIM_SECONDS_EACH = 45;

export type DeliveryLog = { warn(details: object, message: string): void };

export type DeliveryResult = { sent: number; failed: number };

export async function deliverDueMail(
  deps: Pick<AppDeps, 'db' | 'now' | 'secrets'>,
  options: { send?: SendMail; limit?: number; log?: DeliveryLog } = {},
): Promise<DeliveryResult> {
  const send = options.send ?? sendWithNodemailer;
  const now = deps.now();
  const limit = options.limit ?? 50;
  const claimUntil = new Date(now.getTime() + limit * CLAIM_SECONDS_EACH * 1000).toISOString();
  const mails = await claimDueMail(deps.db, now.toISOString(), claimUntil, MAX_MAIL_ATTEMPTS, limit);
  if (mails.length === 0) return { sent: 0, failed: 0 };
  const [settings, links] = await Promise.all([
    listMailSettings(deps.db, [...new Set(mails.map((m) => m.orgId))]),
    linksOf(
      deps.db,
      mails.map((m) => m.id),
    ),
  ]);
  const settingsOf = new Map(settings.map((s) => [s.orgId, s]));
  const result: DeliveryResult = { sent: 0, failed: 0 };
  // an organization whose server is down: its other e-mails wait for its next try, untried (no try
  // counted), so a dead server costs one timeout per round, not one per e-mail, and delays no one
  // else; a refusal of one message (a recipient unknown) holds up no other
  const failedOrgs = new Map<string, string | null>();
  for (const mail of mails) {
    if (failedOrgs.has(mail.orgId)) {
      const retryAt = failedOrgs.get(mail.orgId) ?? new Date(deps.now().getTime() + 60_000).toISOString();
      await postponeMail(deps.db, [mail.id], retryAt);
      continue;
    }
    const orgSettings = settingsOf.get(mail.orgId);
    try {
      if (!orgSettings) throw new Error('The organization has no mail settings any more');
      const text = mailText({ body: mail.body, link: links.get(mail.id) ?? null }, orgSettings.appUrl);
      await send(withOpenPassword(deps.secrets, orgSettings), { to: mail.toAddress, subject: mail.subject, text });
      await markSent(deps.db, mail.id, deps.now().toISOString());
      result.sent += 1;
    } catch (error) {
      const delay = retryDelayMinutes(mail.attempts + 1);
      const retryAt = delay === null ? null : new Date(deps.now().getTime() + delay * 60_000).toISOString();
      const reason = describeMailError(error);
      await markFailed(deps.db, mail.id, reason, retryAt);
      if (!orgSettings || isServerFailure(error)) failedOrgs.set(mail.orgId, retryAt);
      options.log?.warn({ mail: mail.id, attempts: mail.attempts + 1, retryAt, reason }, 'e-mail not delivered');
      result.failed += 1;
    }
  }
  return result;
}

/** Delivers due e-mails every `intervalMs` in the background; returns a function that stops it. */
export function scheduleMailSender(deps: AppDeps, log: DeliveryLog, intervalMs = 30_000): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    deliverDueMail(deps, { log })
      .catch((error: unknown) => log.warn({ err: error }, 'mail sender failed'))
      .finally(() => (running = false));
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
