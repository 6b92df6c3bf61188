import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import type { WebhookEvent, WebhookEventInput } from '../../domain/webhooks/webhooks.ts';
import type { AppDeps } from '../deps.ts';
import { insertDeliveries, listSubscribers, type NewDelivery } from './webhooks.repo.ts';

// The outbox: a change that emits events calls enqueueWebhookEvents with its transaction, so the
// deliveries land with the change or not at all. Which endpoints listen comes from
// caches.webhookSubscribers (no statement at all for an organization without endpoints once it is
// cached; dropped at once when this instance changes an endpoint, within 10 s on another one). One
// insert writes every (endpoint, event) delivery.

/** The endpoints listening, read in `db` (the caller's transaction) when not cached. */
export function webhookSubscribers(db: Db, deps: Pick<AppDeps, 'caches'>, orgId: string) {
  return deps.caches.webhookSubscribers.get(orgId, 'enabled', () => listSubscribers(db, orgId));
}

/** Whether any enabled endpoint of the organization listens to one of `types` (to skip the work of wording them). */
export async function isWebhookSubscribed(
  db: Db,
  deps: Pick<AppDeps, 'caches'>,
  orgId: string,
  types: readonly WebhookEvent[],
): Promise<boolean> {
  const subscribers = await webhookSubscribers(db, deps, orgId);
  return subscribers.some((s) => s.events.some((e) => types.includes(e)));
}

/** The JSON body every endpoint receives for an event, as signed and sent (and replayed) byte for byte. */
export function webhookPayload(event: { type: string; data: Record<string, unknown> }, at: string): string {
  return JSON.stringify({ type: event.type, timestamp: at, data: event.data });
}

/**
 * Queues the events for every enabled endpoint of the organization that listens to them, in `tx`.
 * Answers how many deliveries were queued.
 */
export async function enqueueWebhookEvents(
  tx: Db,
  deps: Pick<AppDeps, 'caches' | 'now'>,
  orgId: string,
  events: readonly WebhookEventInput[],
): Promise<number> {
  if (events.length === 0) return 0;
  const subscribers = await webhookSubscribers(tx, deps, orgId);
  if (subscribers.length === 0) return 0;
  const at = deps.now().toISOString();
  const deliveries: NewDelivery[] = [];
  for (const event of events) {
    const listening = subscribers.filter((s) => s.events.includes(event.type));
    if (listening.length === 0) continue;
    const messageId = `msg_${randomUUID().replaceAll('-', '')}`;
    const payload = webhookPayload(event, at);
    for (const endpoint of listening) {
      deliveries.push({
        id: randomUUID(),
        orgId,
        endpointId: endpoint.id,
        messageId,
        eventType: event.type,
        payload,
        at,
      });
    }
  }
  await insertDeliveries(tx, deliveries);
  return deliveries.length;
}
