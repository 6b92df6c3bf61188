import nodemailer from 'nodemailer';
import { SECRET_KEY_ENV, UnreadableSecretError, type SecretBox } from '../secrets.ts';
import type { StoredMailSettings } from './mail-settings.repo.ts';

// Sending one e-mail through an organization's SMTP server. Short timeouts: a server that does not
// answer is an error to record and retry later, never a sender stuck for minutes.

export type OutgoingMail = { to: string; subject: string; text: string };

/** Sends one e-mail through settings whose password is opened; throws the SMTP error (with what the server said). */
export type SendMail = (settings: StoredMailSettings, mail: OutgoingMail) => Promise<void>;

export const UNREADABLE_PASSWORD = `The saved SMTP password cannot be read with this server's secret key (${SECRET_KEY_ENV} or its key file changed since it was saved): an administrator must enter the password again in Admin › Mail`;

/** The settings with their password opened to send with; a password sealed under another key throws in words. */
export function withOpenPassword(secrets: SecretBox, settings: StoredMailSettings): StoredMailSettings {
  if (settings.password === null) return settings;
  try {
    return { ...settings, password: secrets.open(settings.password) };
  } catch (error) {
    if (error instanceof UnreadableSecretError) throw new Error(UNREADABLE_PASSWORD);
    throw error;
  }
}

/** Whether the saved password is there but cannot be opened with this server's key. */
export function isPasswordUnreadable(secrets: SecretBox, settings: StoredMailSettings): boolean {
  try {
    withOpenPassword(secrets, settings);
    return false;
  } catch {
    return true;
  }
}

export const sendWithNodemailer: SendMail = async (settings, mail) => {
  const transport = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.tlsMode === 'tls',
    requireTLS: settings.tlsMode === 'starttls',
    ignoreTLS: settings.tlsMode === 'none',
    ...(settings.username ? { auth: { user: settings.username, pass: settings.password ?? '' } } : {}),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  try {
    await transport.sendMail({ from: settings.fromAddress, to: mail.to, subject: mail.subject, text: mail.text });
  } finally {
    transport.close();
  }
};

/** An SMTP failure in one line a person can act on: what went wrong and what the server said. */
export function describeMailError(error: unknown): string {
  const e = error as { message?: unknown; code?: unknown; response?: unknown; responseCode?: unknown };
  const message = typeof e?.message === 'string' ? e.message : String(error);
  const code = typeof e?.code === 'string' ? ` (${e.code})` : '';
  const response =
    typeof e?.response === 'string' && !message.includes(e.response) ? `; the server said: ${e.response}` : '';
  return `${message}${code}${response}`.replace(/\s+/g, ' ').trim();
}

const SERVER_WIDE = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'EAUTH', 'ETLS', 'EPROTOCOL']);

/**
 * Whether a failure is the server's as a whole (unreachable, refusing our sign-in, no TLS) rather
 * than one message's (a recipient refused): the organization's other e-mails would fail the same way.
 */
export function isServerFailure(error: unknown): boolean {
  const e = error as { code?: unknown; responseCode?: unknown } | null;
  if (typeof e?.code === 'string' && SERVER_WIDE.has(e.code)) return true;
  return typeof e?.responseCode !== 'number';
}
