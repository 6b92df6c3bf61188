// What a webhook is, independent of how it is sent: the events an endpoint may subscribe to, the
// retry schedule, and which addresses an endpoint may have. Pure: the jitter's random number and
// the addresses are passed in.

export const WEBHOOK_EVENTS = [
  'opportunity.created',
  'opportunity.updated',
  'opportunity.closed',
  'assessment.changed',
  'danger_zone.raised',
  'danger_zone.resolved',
  'assignment.completed',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** One event as the change that caused it hands it over: its type, and its `data` as sent. */
export type WebhookEventInput = { type: WebhookEvent; data: Record<string, unknown> };

export const WEBHOOK_EVENT_LABELS: Record<WebhookEvent, string> = {
  'opportunity.created': 'Opportunity created',
  'opportunity.updated': 'Opportunity updated',
  'opportunity.closed': 'Opportunity closed (won, lost or no decision)',
  'assessment.changed': 'Assessment changed (win probability, coverage or danger zones)',
  'danger_zone.raised': 'Danger zone raised',
  'danger_zone.resolved': 'Danger zone resolved',
  'assignment.completed': 'Coaching assignment completed by its seller',
};

/**
 * The pause before each next try, after the 1st, 2nd ... failed one: 5 s, 1 min, 5 min, 30 min,
 * 2 h, 5 h, 10 h, 10 h; after the ninth failure the delivery is failed for good (about 28 hours on).
 */
export const RETRY_SCHEDULE_SECONDS = [5, 60, 300, 1800, 7200, 18_000, 36_000, 36_000] as const;
export const MAX_WEBHOOK_ATTEMPTS = RETRY_SCHEDULE_SECONDS.length + 1;

/**
 * Milliseconds to wait after `attempts` failed tries, with up to ±20 % jitter (`random` in [0, 1))
 * so endpoints that failed together are not all tried again in the same second; null when that
 * was the last try.
 */
export function webhookRetryDelayMs(attempts: number, random: number): number | null {
  if (attempts >= MAX_WEBHOOK_ATTEMPTS) return null;
  const base = RETRY_SCHEDULE_SECONDS[Math.max(attempts, 1) - 1]! * 1000;
  return Math.round(base * (0.8 + 0.4 * random));
}

/**
 * How long the delivery log keeps a delivery that is done with (delivered, or failed for good),
 * counted from when it was queued: well past the 28 hours of tries and the days an administrator
 * may take to look into a failure. The newest few of each endpoint stay however old, so a quiet
 * endpoint's log still shows what it last received.
 */
export const WEBHOOK_LOG_RETENTION_DAYS = 30;
export const WEBHOOK_LOG_KEEP_PER_ENDPOINT = 100;

/** What is wrong with an endpoint's address as typed, or null: http(s), no credentials. */
export function webhookUrlProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'Enter the full address, such as https://example.com/webhooks/winsight';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return 'Only http:// and https:// addresses can receive webhooks';
  if (url.username !== '' || url.password !== '')
    return 'Leave the user name and password out of the address: check the signature instead';
  if (url.hostname === '') return 'The address needs a host name';
  return null;
}

function ipv4Parts(address: string): number[] | null {
  const parts = address.split('.');
  if (parts.length !== 4) return null;
  const numbers = parts.map((p) => (/^\d{1,3}$/.test(p) ? Number(p) : NaN));
  return numbers.every((n) => n >= 0 && n <= 255) ? numbers : null;
}

/**
 * Whether an IP address is one an endpoint on the public internet never has: loopback, private,
 * link-local (cloud metadata), carrier-grade NAT, unspecified, multicast, and their IPv6 forms
 * (IPv4-mapped ones read as IPv4). Sending there would let an administrator reach the server's own
 * network (SSRF).
 */
export function isPrivateAddress(address: string): boolean {
  const text = address.toLowerCase().replace(/^\[|\]$/g, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  const v4 = ipv4Parts(mapped ? mapped[1]! : text);
  if (v4) {
    const [a, b] = v4 as [number, number, number, number];
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 198 && (b === 18 || b === 19)) ||
      a >= 224
    );
  }
  if (!text.includes(':')) return false;
  return (
    text === '::' ||
    text === '::1' ||
    /^f[cd]/.test(text) ||
    /^fe[89ab]/.test(text) ||
    /^ff/.test(text) ||
    text.startsWith('::ffff:')
  );
}

/** Whether a host name as written in an address names this machine or a private network. */
export function isPrivateHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.internal') || isPrivateAddress(host);
}
