import { createHmac, randomBytes } from 'node:crypto';

// Standard Webhooks signing: the secret is `whsec_` + base64 of random bytes; a message is signed
// with HMAC-SHA256 under the bytes after the prefix, over `${id}.${timestamp}.${body}`, and the
// signature sent as `v1,` + base64.

const SECRET_PREFIX = 'whsec_';

/** A new endpoint secret: 32 random bytes. */
export function newWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString('base64')}`;
}

/** The `webhook-signature` header's value for one message at one timestamp (unix seconds). */
export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}
