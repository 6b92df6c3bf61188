// What lands in a person's inbox, and when a queued e-mail is tried again. Pure: no clock, no I/O.

/** The kinds of message; each reminder source adds its own (coaching assignments will add theirs here). */
export const INBOX_KINDS = [
  'action-due',
  'action-overdue',
  'team-action-overdue',
  'assignment-assigned',
  'assignment-completed',
  'assignment-applied',
  'assignment-due',
  'assignment-overdue',
  'team-assignment-overdue',
  'person-joined',
  'webhook-disabled',
  'hand-over',
] as const;
export type InboxKind = (typeof INBOX_KINDS)[number];

/**
 * One thing to tell one person. `dedupeKey` names the occasion (an action and the step it reached):
 * a second message with the same key for the same person is never written, nor mailed.
 */
export type Notice = {
  kind: InboxKind;
  subject: string;
  body: string;
  /** a page of the app, such as /opportunities/<id> */
  link: string | null;
  dedupeKey: string;
};

/** A notice for someone in an organization, as reminder sources return them. */
export type Reminder = Notice & { orgId: string; personId: string };

export const INBOX_LIMITS = { subject: 200, body: 2000, link: 500, dedupeKey: 200 } as const;

/** How many times a queued e-mail is tried before it is left with its last error. */
export const MAX_MAIL_ATTEMPTS = 6;

const RETRY_MINUTES = [1, 5, 30, 120, 360] as const;

/**
 * Minutes to wait before the next try after `attempts` failed ones (1, 5, 30, 120, 360), or null
 * when the e-mail has had its last try.
 */
export function retryDelayMinutes(attempts: number): number | null {
  if (attempts >= MAX_MAIL_ATTEMPTS) return null;
  return RETRY_MINUTES[Math.min(Math.max(attempts, 1), RETRY_MINUTES.length) - 1]!;
}

/** The e-mail's text: the message, then where to read it in the app (when the app's address is known). */
export function mailText(notice: Pick<Notice, 'body' | 'link'>, appUrl: string | null): string {
  if (!notice.link) return notice.body;
  const where = appUrl ? `${appUrl.replace(/\/+$/, '')}${notice.link}` : notice.link;
  return `${notice.body}\n\nOpen in Winsight: ${where}`;
}
