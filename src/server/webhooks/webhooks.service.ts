import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type {
  WebhookCreated,
  webhookCreateSchema,
  WebhookDelivery,
  WebhookDeliveryDetail,
  WebhookDeliveryPage,
  webhookDeliveriesQuerySchema,
  WebhookEndpoint,
  WebhookList,
  WebhookSecret,
  webhookUpdateSchema,
} from '../../contract/webhooks.ts';
import type { Actor } from '../../domain/access.ts';
import { isPrivateHost, webhookUrlProblem } from '../../domain/webhooks/webhooks.ts';
import type { AppDeps } from '../deps.ts';
import { notFound, unprocessable } from '../errors.ts';
import { requireAdmin } from '../policy.ts';
import { inTransaction } from '../transaction.ts';
import { webhookPayload } from './enqueue.ts';
import { newWebhookSecret } from './signature.ts';
import {
  deleteEndpoint,
  endpointFigures,
  findDelivery,
  findEndpoint,
  insertDeliveries,
  insertEndpoint,
  listAttempts,
  listEndpoints,
  pageDeliveries,
  updateEndpoint,
  type DeliveryRow,
  type EndpointFigures,
  type StoredEndpoint,
} from './webhooks.repo.ts';

// An organization's webhook endpoints, for its administrators. The secret is made here, shown once
// (on creation and on rotation) and kept sealed under the deployment's key (../secrets.ts). Nothing
// here sends anything: a test event and a replay are queued, and the sender delivers them within
// its round (5 s), under the same claim as every other delivery.

const NO_FIGURES: EndpointFigures = { pending: 0, failed: 0, lastDeliveryAt: null };

const present = (e: StoredEndpoint, figures: EndpointFigures = NO_FIGURES): WebhookEndpoint => ({
  id: e.id,
  url: e.url,
  description: e.description,
  events: e.events,
  isEnabled: e.isEnabled,
  disabledReason: e.disabledReason,
  createdAt: e.createdAt,
  updatedAt: e.updatedAt,
  ...figures,
});

const presentDelivery = ({ payload: _payload, endpointId: _endpoint, ...d }: DeliveryRow): WebhookDelivery => d;

/** The address, checked: http(s), no credentials, and no private host unless the deployment allows it. */
function checkedUrl(deps: AppDeps, raw: string): string {
  const problem = webhookUrlProblem(raw);
  if (problem) throw unprocessable('url', problem);
  const url = new URL(raw);
  if (!deps.config.webhookAllowPrivate && isPrivateHost(url.hostname))
    throw unprocessable(
      'url',
      'This address is on this machine or a private network; webhooks go to addresses on the internet',
    );
  return url.toString();
}

async function endpointOrFail(deps: AppDeps, actor: Actor, id: string): Promise<StoredEndpoint> {
  const endpoint = await findEndpoint(deps.db, actor.orgId, id);
  if (!endpoint) throw notFound('Webhook endpoint');
  return endpoint;
}

export async function listWebhooks(deps: AppDeps, actor: Actor): Promise<WebhookList> {
  requireAdmin(actor);
  const [endpoints, figures] = await Promise.all([
    listEndpoints(deps.db, actor.orgId),
    endpointFigures(deps.db, actor.orgId),
  ]);
  return { items: endpoints.map((e) => present(e, figures.get(e.id))) };
}

export async function createWebhook(
  deps: AppDeps,
  actor: Actor,
  body: z.output<typeof webhookCreateSchema>,
): Promise<WebhookCreated> {
  requireAdmin(actor);
  const url = checkedUrl(deps, body.url);
  const secret = newWebhookSecret();
  const at = deps.now().toISOString();
  const endpoint: StoredEndpoint = {
    id: randomUUID(),
    orgId: actor.orgId,
    url,
    description: body.description ?? null,
    events: body.events,
    secret: deps.secrets.seal(secret),
    isEnabled: true,
    disabledReason: null,
    createdAt: at,
    updatedAt: at,
  };
  await insertEndpoint(deps.db, { ...endpoint, createdBy: actor.userId });
  deps.caches.webhookSubscribers.invalidate(actor.orgId);
  return { id: endpoint.id, secret, endpoint: present(endpoint) };
}

export async function changeWebhook(
  deps: AppDeps,
  actor: Actor,
  id: string,
  body: z.output<typeof webhookUpdateSchema>,
): Promise<WebhookEndpoint> {
  requireAdmin(actor);
  const url = body.url === undefined ? undefined : checkedUrl(deps, body.url);
  const updated = await updateEndpoint(
    deps.db,
    actor.orgId,
    id,
    {
      ...(url !== undefined ? { url } : {}),
      ...(body.events !== undefined ? { events: body.events } : {}),
      ...(body.description !== undefined ? { description: body.description } : {}),
      ...(body.isEnabled !== undefined ? { isEnabled: body.isEnabled, disabledReason: null } : {}),
    },
    deps.now().toISOString(),
  );
  if (!updated) throw notFound('Webhook endpoint');
  deps.caches.webhookSubscribers.invalidate(actor.orgId);
  return present(updated, (await endpointFigures(deps.db, actor.orgId)).get(id));
}

export async function removeWebhook(deps: AppDeps, actor: Actor, id: string): Promise<void> {
  requireAdmin(actor);
  const deleted = await inTransaction(deps, (tx) => deleteEndpoint(tx, actor.orgId, id));
  if (!deleted) throw notFound('Webhook endpoint');
  deps.caches.webhookSubscribers.invalidate(actor.orgId);
}

/** A new secret, shown once; the old one stops signing at once. */
export async function rotateWebhookSecret(deps: AppDeps, actor: Actor, id: string): Promise<WebhookSecret> {
  requireAdmin(actor);
  const secret = newWebhookSecret();
  const updated = await updateEndpoint(
    deps.db,
    actor.orgId,
    id,
    { secret: deps.secrets.seal(secret) },
    deps.now().toISOString(),
  );
  if (!updated) throw notFound('Webhook endpoint');
  return { id, secret };
}

function requireEnabled(endpoint: StoredEndpoint): void {
  if (!endpoint.isEnabled)
    throw unprocessable('isEnabled', 'This endpoint is turned off: turn it on first, then send again');
}

/** Queues a `webhook.test` event for this endpoint alone. */
export async function sendTestWebhook(deps: AppDeps, actor: Actor, id: string): Promise<WebhookDelivery> {
  requireAdmin(actor);
  const endpoint = await endpointOrFail(deps, actor, id);
  requireEnabled(endpoint);
  const at = deps.now().toISOString();
  const delivery = {
    id: randomUUID(),
    orgId: actor.orgId,
    endpointId: id,
    messageId: `msg_${randomUUID().replaceAll('-', '')}`,
    eventType: 'webhook.test',
    payload: webhookPayload(
      { type: 'webhook.test', data: { endpointId: id, message: 'A test event sent from Winsight' } },
      at,
    ),
    at,
  };
  await insertDeliveries(deps.db, [delivery]);
  return presentDelivery((await findDelivery(deps.db, actor.orgId, id, delivery.id))!);
}

export async function readDeliveries(
  deps: AppDeps,
  actor: Actor,
  id: string,
  query: z.output<typeof webhookDeliveriesQuerySchema>,
): Promise<WebhookDeliveryPage> {
  requireAdmin(actor);
  await endpointOrFail(deps, actor, id);
  const { rows, total } = await pageDeliveries(deps.db, actor.orgId, id, query);
  return { items: rows.map(presentDelivery), total };
}

/** One delivery with its payload and every try (the latest 50), newest first. */
export async function readDelivery(
  deps: AppDeps,
  actor: Actor,
  id: string,
  deliveryId: string,
): Promise<WebhookDeliveryDetail> {
  requireAdmin(actor);
  const delivery = await findDelivery(deps.db, actor.orgId, id, deliveryId);
  if (!delivery) throw notFound('Delivery');
  const attempts = await listAttempts(deps.db, actor.orgId, deliveryId);
  return {
    ...presentDelivery(delivery),
    payload: delivery.payload,
    attemptLog: attempts.map((a) => ({
      at: a.at,
      statusCode: a.statusCode,
      durationMs: a.durationMs,
      responseBody: a.responseBody,
      error: a.error,
    })),
  };
}

/** Queues the same message again (its id and payload as they were) as a new delivery to this endpoint. */
export async function replayDelivery(
  deps: AppDeps,
  actor: Actor,
  id: string,
  deliveryId: string,
): Promise<WebhookDelivery> {
  requireAdmin(actor);
  const [endpoint, original] = await Promise.all([
    endpointOrFail(deps, actor, id),
    findDelivery(deps.db, actor.orgId, id, deliveryId),
  ]);
  if (!original) throw notFound('Delivery');
  requireEnabled(endpoint);
  const replay = {
    id: randomUUID(),
    orgId: actor.orgId,
    endpointId: id,
    messageId: original.messageId,
    eventType: original.eventType,
    payload: original.payload,
    at: deps.now().toISOString(),
  };
  await insertDeliveries(deps.db, [replay]);
  return presentDelivery((await findDelivery(deps.db, actor.orgId, id, replay.id))!);
}
