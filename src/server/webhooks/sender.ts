import { randomUUID } from 'node:crypto';
import { webhookRetryDelayMs } from '../../domain/webhooks/webhooks.ts';
import type { AppDeps } from '../deps.ts';
import { notifyAll } from '../inbox/index.ts';
import { listUsers } from '../users/index.ts';
import { postWebhook, type PostWebhook } from './post.ts';
import { signWebhook } from './signature.ts';
import {
  claimDueDeliveries,
  disableIfFailingSince,
  recordAttempt,
  releaseClaims,
  type ClaimedDelivery,
} from './webhooks.repo.ts';

// Sends the queued webhooks, outside any request or transaction: claims the due deliveries (their
// next try pushed past the round, so another instance passes them by, and one whose sender died
// is taken up again once the claim runs out), sends them, each endpoint's one after another and up
// to CONCURRENCY endpoints at once, and records every try. A 2xx is a success; anything else is
// tried again on the schedule of domain/webhooks (5 s, 1 min, 5 min ... 10 h) and failed for good
// after the last. An endpoint that fails or hangs in a round has its other deliveries of that round
// given back untried: it costs the round one timeout, never one per delivery, and other endpoints
// go on in their own slots. A delivery failed for good (about 28 hours of tries) with nothing
// delivered to its endpoint since it was queued turns the endpoint off and tells the organization's
// administrators; its waiting deliveries go out once it is turned on again.

const CONCURRENCY = 8;
/** After this long (wall time) a round starts no new try; what it has not tried goes back. */
const ROUND_MS = 30_000;
/** A failed endpoint's deliveries of the round wait this long, untried. */
const POSTPONE_MS = 5_000;

export type WebhookLog = { warn(details: object, message: string): void };

export type WebhookDeliveryResult = { succeeded: number; failed: number; postponed: number };

export type DeliverOptions = {
  post?: PostWebhook;
  limit?: number;
  log?: WebhookLog;
  /** the jitter's random number (tests pin it) */
  random?: () => number;
};

export async function deliverDueWebhooks(deps: AppDeps, options: DeliverOptions = {}): Promise<WebhookDeliveryResult> {
  const post = options.post ?? postWebhook;
  const random = options.random ?? Math.random;
  const limit = options.limit ?? 100;
  const now = deps.now();
  const claimUntil = new Date(now.getTime() + ROUND_MS + deps.config.webhookTimeoutMs + 30_000).toISOString();
  const claimed = await claimDueDeliveries(deps.db, now.toISOString(), claimUntil, limit);
  const result: WebhookDeliveryResult = { succeeded: 0, failed: 0, postponed: 0 };
  if (claimed.length === 0) return result;
  const byEndpoint = new Map<string, ClaimedDelivery[]>();
  for (const d of claimed) byEndpoint.set(d.endpointId, [...(byEndpoint.get(d.endpointId) ?? []), d]);
  const started = performance.now();

  const sendAll = async (deliveries: ClaimedDelivery[]) => {
    for (const [index, delivery] of deliveries.entries()) {
      if (performance.now() - started > ROUND_MS) {
        await giveBack(deliveries.slice(index), deps.now().getTime());
        return;
      }
      const ok = await sendOne(delivery);
      if (!ok) {
        await giveBack(deliveries.slice(index + 1), deps.now().getTime() + POSTPONE_MS);
        return;
      }
    }
  };

  const giveBack = async (rest: ClaimedDelivery[], at: number) => {
    if (rest.length === 0) return;
    await releaseClaims(
      deps.db,
      rest.map((d) => d.id),
      claimUntil,
      new Date(at).toISOString(),
    );
    result.postponed += rest.length;
  };

  const sendOne = async (delivery: ClaimedDelivery): Promise<boolean> => {
    const at = deps.now();
    let answer;
    try {
      const secret = deps.secrets.open(delivery.secret);
      const timestamp = Math.floor(at.getTime() / 1000);
      answer = await post(
        delivery.url,
        {
          'content-type': 'application/json',
          'user-agent': 'Winsight-Webhooks/1',
          'webhook-id': delivery.messageId,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': signWebhook(secret, delivery.messageId, timestamp, delivery.payload),
        },
        delivery.payload,
        { timeoutMs: deps.config.webhookTimeoutMs, allowPrivate: deps.config.webhookAllowPrivate },
      );
    } catch (error) {
      answer = { statusCode: null, body: null, error: (error as Error).message, durationMs: 0 };
    }
    const succeeded = answer.statusCode !== null && answer.statusCode >= 200 && answer.statusCode < 300;
    const error = succeeded
      ? null
      : (answer.error ?? `the endpoint answered ${answer.statusCode ?? 'nothing'} (a 2xx is needed)`);
    const delay = succeeded ? null : webhookRetryDelayMs(delivery.attempts + 1, random());
    const retryAt = delay === null ? null : new Date(deps.now().getTime() + delay).toISOString();
    await recordAttempt(
      deps.db,
      {
        id: randomUUID(),
        deliveryId: delivery.id,
        orgId: delivery.orgId,
        at: at.toISOString(),
        statusCode: answer.statusCode,
        durationMs: answer.durationMs,
        responseBody: answer.body,
        error: error?.slice(0, 1000) ?? null,
      },
      { succeeded, retryAt, claimUntil },
    );
    if (delay === null && !succeeded) await disableWhenFailingForGood(deps, delivery, error ?? '');
    if (succeeded) result.succeeded += 1;
    else {
      result.failed += 1;
      options.log?.warn(
        { delivery: delivery.id, endpoint: delivery.endpointId, attempts: delivery.attempts + 1, retryAt, error },
        'webhook not delivered',
      );
    }
    return succeeded;
  };

  const queue = [...byEndpoint.values()];
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, queue.length) }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) await sendAll(next);
    }),
  );
  return result;
}

async function disableWhenFailingForGood(deps: AppDeps, delivery: ClaimedDelivery, lastError: string) {
  const at = deps.now().toISOString();
  const reason = `Turned off by Winsight on ${at.slice(0, 10)}: nothing was delivered for more than a day (last error: ${lastError.slice(0, 200)})`;
  const disabled = await disableIfFailingSince(deps.db, delivery.endpointId, delivery.createdAt, reason, at);
  if (!disabled) return;
  deps.caches.webhookSubscribers.invalidate(disabled.orgId);
  const admins = (await listUsers(deps.db, disabled.orgId)).filter((u) => u.role === 'admin' && u.isActive);
  await notifyAll(
    deps,
    admins.map((admin) => ({
      orgId: disabled.orgId,
      personId: admin.id,
      kind: 'webhook-disabled' as const,
      subject: 'A webhook endpoint was turned off',
      body: `${disabled.url.slice(0, 300)} has failed every delivery for more than a day, so Winsight stopped sending to it. Its events wait: fix the receiver, then turn the endpoint on under Admin, Webhooks.`,
      link: '/admin/webhooks',
      dedupeKey: `webhook-disabled:${delivery.endpointId}:${at}`,
    })),
  );
}

/**
 * Sends due webhooks every `intervalMs` in the background (a round at a time); answers a function
 * that stops it and waits for the round under way (its tries end within their timeout).
 */
export function scheduleWebhookSender(
  deps: AppDeps,
  log: WebhookLog,
  intervalMs = 5_000,
  options: Omit<DeliverOptions, 'log'> = {},
): () => Promise<void> {
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = deliverDueWebhooks(deps, { ...options, log })
      .catch((error: unknown) => log.warn({ err: error }, 'webhook sender failed'))
      .finally(() => (running = null));
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
