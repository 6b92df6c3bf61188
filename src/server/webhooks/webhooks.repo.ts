import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { DeliveryStatus } from '../../contract/webhooks.ts';
import type { WebhookEvent } from '../../domain/webhooks/webhooks.ts';

// Webhook endpoints, their deliveries (the durable queue: one row per endpoint and message, its
// payload as sent) and every try. A sender claims due deliveries by pushing their next try forward,
// as the mail outbox does, so two senders never send one at the same time, and a claim left by a
// sender that died is taken up again once it runs out.

export type StoredEndpoint = {
  id: string;
  orgId: string;
  url: string;
  description: string | null;
  events: WebhookEvent[];
  secret: string;
  isEnabled: boolean;
  disabledReason: string | null;
  createdAt: string;
  updatedAt: string;
};

const ENDPOINT_COLUMNS = [
  'id',
  'org_id',
  'url',
  'description',
  'events',
  'secret',
  'is_enabled',
  'disabled_reason',
  'created_at',
  'updated_at',
] as const;

type EndpointRow = {
  id: string;
  org_id: string;
  url: string;
  description: string | null;
  events: string;
  secret: string;
  is_enabled: number | string;
  disabled_reason: string | null;
  created_at: string;
  updated_at: string;
};

const eventsOf = (text: string) => text.split(',').filter(Boolean) as WebhookEvent[];

const endpointOf = (r: EndpointRow): StoredEndpoint => ({
  id: r.id,
  orgId: r.org_id,
  url: r.url,
  description: r.description,
  events: eventsOf(r.events),
  secret: r.secret,
  isEnabled: Number(r.is_enabled) === 1,
  disabledReason: r.disabled_reason,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export async function insertEndpoint(db: Db, e: StoredEndpoint & { createdBy: string }): Promise<void> {
  await db
    .insertInto('webhook_endpoints')
    .values({
      id: e.id,
      org_id: e.orgId,
      url: e.url,
      description: e.description,
      events: e.events.join(','),
      secret: e.secret,
      is_enabled: e.isEnabled ? 1 : 0,
      disabled_reason: e.disabledReason,
      created_by: e.createdBy,
      created_at: e.createdAt,
      updated_at: e.updatedAt,
    })
    .execute();
}

export async function listEndpoints(db: Db, orgId: string): Promise<StoredEndpoint[]> {
  const rows = await db
    .selectFrom('webhook_endpoints')
    .select(ENDPOINT_COLUMNS)
    .where('org_id', '=', orgId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(endpointOf);
}

export async function findEndpoint(db: Db, orgId: string, id: string): Promise<StoredEndpoint | undefined> {
  const row = await db
    .selectFrom('webhook_endpoints')
    .select(ENDPOINT_COLUMNS)
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? endpointOf(row) : undefined;
}

export type EndpointChange = Partial<
  Pick<StoredEndpoint, 'url' | 'description' | 'events' | 'secret' | 'isEnabled' | 'disabledReason'>
>;

export async function updateEndpoint(
  db: Db,
  orgId: string,
  id: string,
  change: EndpointChange,
  at: string,
): Promise<StoredEndpoint | undefined> {
  const row = await db
    .updateTable('webhook_endpoints')
    .set({
      ...(change.url !== undefined ? { url: change.url } : {}),
      ...(change.description !== undefined ? { description: change.description } : {}),
      ...(change.events !== undefined ? { events: change.events.join(',') } : {}),
      ...(change.secret !== undefined ? { secret: change.secret } : {}),
      ...(change.isEnabled !== undefined ? { is_enabled: change.isEnabled ? 1 : 0 } : {}),
      ...(change.disabledReason !== undefined ? { disabled_reason: change.disabledReason } : {}),
      updated_at: at,
    })
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .returning(ENDPOINT_COLUMNS)
    .executeTakeFirst();
  return row ? endpointOf(row) : undefined;
}

/** Deletes an endpoint with its deliveries and their tries; false when there was none. */
export async function deleteEndpoint(db: Db, orgId: string, id: string): Promise<boolean> {
  await db
    .deleteFrom('webhook_attempts')
    .where('org_id', '=', orgId)
    .where('delivery_id', 'in', (eb) =>
      eb.selectFrom('webhook_deliveries').select('id').where('endpoint_id', '=', id).where('org_id', '=', orgId),
    )
    .execute();
  await db.deleteFrom('webhook_deliveries').where('org_id', '=', orgId).where('endpoint_id', '=', id).execute();
  const result = await db
    .deleteFrom('webhook_endpoints')
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** The enabled endpoints of an organization and what each listens to (the queue's one read). */
export async function listSubscribers(db: Db, orgId: string): Promise<Array<{ id: string; events: WebhookEvent[] }>> {
  const rows = await db
    .selectFrom('webhook_endpoints')
    .select(['id', 'events'])
    .where('org_id', '=', orgId)
    .where('is_enabled', '=', 1)
    .execute();
  return rows.map((r) => ({ id: r.id, events: eventsOf(r.events) }));
}

export type NewDelivery = {
  id: string;
  orgId: string;
  endpointId: string;
  messageId: string;
  eventType: string;
  payload: string;
  at: string;
};

/** Queues deliveries, due at once; one statement per 200. */
export async function insertDeliveries(db: Db, deliveries: readonly NewDelivery[]): Promise<void> {
  for (let i = 0; i < deliveries.length; i += 200) {
    await db
      .insertInto('webhook_deliveries')
      .values(
        deliveries.slice(i, i + 200).map((d) => ({
          id: d.id,
          org_id: d.orgId,
          endpoint_id: d.endpointId,
          message_id: d.messageId,
          event_type: d.eventType,
          payload: d.payload,
          created_at: d.at,
          status: 'pending',
          next_attempt_at: d.at,
          last_status_code: null,
          last_error: null,
          last_attempt_at: null,
          delivered_at: null,
        })),
      )
      .execute();
  }
}

export type ClaimedDelivery = {
  id: string;
  orgId: string;
  endpointId: string;
  messageId: string;
  payload: string;
  attempts: number;
  createdAt: string;
  url: string;
  secret: string;
};

/**
 * Claims up to `limit` deliveries due by `now` whose endpoint is enabled: each claimed row's next
 * try is pushed to `claimUntil`, so another sender passes it by while this one tries it (and takes
 * it up after `claimUntil` if this one never records the outcome).
 */
export async function claimDueDeliveries(
  db: Db,
  now: string,
  claimUntil: string,
  limit: number,
): Promise<ClaimedDelivery[]> {
  const due = await db
    .selectFrom('webhook_deliveries')
    .innerJoin('webhook_endpoints', 'webhook_endpoints.id', 'webhook_deliveries.endpoint_id')
    .select('webhook_deliveries.id')
    .where('webhook_deliveries.status', '=', 'pending')
    .where('webhook_deliveries.next_attempt_at', '<=', now)
    .where('webhook_endpoints.is_enabled', '=', 1)
    .orderBy('webhook_deliveries.next_attempt_at')
    .limit(limit)
    .execute();
  if (due.length === 0) return [];
  const claimed = await db
    .updateTable('webhook_deliveries')
    .set({ next_attempt_at: claimUntil })
    .where(
      'id',
      'in',
      due.map((d) => d.id),
    )
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .returning('id')
    .execute();
  if (claimed.length === 0) return [];
  const rows = await db
    .selectFrom('webhook_deliveries')
    .innerJoin('webhook_endpoints', 'webhook_endpoints.id', 'webhook_deliveries.endpoint_id')
    .select([
      'webhook_deliveries.id',
      'webhook_deliveries.org_id',
      'webhook_deliveries.endpoint_id',
      'webhook_deliveries.message_id',
      'webhook_deliveries.payload',
      'webhook_deliveries.attempts',
      'webhook_deliveries.created_at',
      'webhook_endpoints.url',
      'webhook_endpoints.secret',
    ])
    .where(
      'webhook_deliveries.id',
      'in',
      claimed.map((c) => c.id),
    )
    .orderBy('webhook_deliveries.created_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    orgId: r.org_id,
    endpointId: r.endpoint_id,
    messageId: r.message_id,
    payload: r.payload,
    attempts: Number(r.attempts),
    createdAt: r.created_at,
    url: r.url,
    secret: r.secret,
  }));
}

export type AttemptRecord = {
  id: string;
  deliveryId: string;
  orgId: string;
  at: string;
  statusCode: number | null;
  durationMs: number;
  responseBody: string | null;
  error: string | null;
};

/**
 * Records a try and its outcome: succeeded, tried again at `retryAt`, or failed for good (`retryAt`
 * null). Only while the row is still the claim this sender holds (`claimUntil`): a sender whose
 * claim ran out and was taken over records its try in the log but moves nothing.
 */
export async function recordAttempt(
  db: Db,
  attempt: AttemptRecord,
  outcome: { succeeded: boolean; retryAt: string | null; claimUntil: string },
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('webhook_attempts')
      .values({
        id: attempt.id,
        delivery_id: attempt.deliveryId,
        org_id: attempt.orgId,
        at: attempt.at,
        status_code: attempt.statusCode,
        duration_ms: attempt.durationMs,
        response_body: attempt.responseBody,
        error: attempt.error,
      })
      .execute();
    await tx
      .updateTable('webhook_deliveries')
      .set((eb) => ({
        attempts: eb('attempts', '+', 1),
        status: outcome.succeeded ? 'succeeded' : outcome.retryAt === null ? 'failed' : 'pending',
        next_attempt_at: outcome.succeeded ? null : outcome.retryAt,
        last_status_code: attempt.statusCode,
        last_error: attempt.error,
        last_attempt_at: attempt.at,
        delivered_at: outcome.succeeded ? attempt.at : null,
      }))
      .where('id', '=', attempt.deliveryId)
      .where('status', '=', 'pending')
      .where('next_attempt_at', '=', outcome.claimUntil)
      .execute();
  });
}

/** Gives claimed deliveries back, due at `at`, without counting a try (the sender is stopping). */
export async function releaseClaims(db: Db, ids: readonly string[], claimUntil: string, at: string): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('webhook_deliveries')
    .set({ next_attempt_at: at })
    .where('id', 'in', ids)
    .where('status', '=', 'pending')
    .where('next_attempt_at', '=', claimUntil)
    .execute();
}

export type DeliveryRow = {
  id: string;
  endpointId: string;
  messageId: string;
  eventType: string;
  payload: string;
  status: DeliveryStatus;
  createdAt: string;
  attempts: number;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  deliveredAt: string | null;
};

const DELIVERY_COLUMNS = [
  'id',
  'endpoint_id',
  'message_id',
  'event_type',
  'payload',
  'status',
  'created_at',
  'attempts',
  'next_attempt_at',
  'last_attempt_at',
  'last_status_code',
  'last_error',
  'delivered_at',
] as const;

type DeliverySelected = {
  id: string;
  endpoint_id: string;
  message_id: string;
  event_type: string;
  payload: string;
  status: string;
  created_at: string;
  attempts: number | string;
  next_attempt_at: string | null;
  last_attempt_at: string | null;
  last_status_code: number | string | null;
  last_error: string | null;
  delivered_at: string | null;
};

const deliveryOf = (r: DeliverySelected): DeliveryRow => ({
  id: r.id,
  endpointId: r.endpoint_id,
  messageId: r.message_id,
  eventType: r.event_type,
  payload: r.payload,
  status: r.status as DeliveryStatus,
  createdAt: r.created_at,
  attempts: Number(r.attempts),
  nextAttemptAt: r.next_attempt_at,
  lastAttemptAt: r.last_attempt_at,
  lastStatusCode: r.last_status_code === null ? null : Number(r.last_status_code),
  lastError: r.last_error,
  deliveredAt: r.delivered_at,
});

/** A page of an endpoint's deliveries, newest first, with how many there are of that status. */
export async function pageDeliveries(
  db: Db,
  orgId: string,
  endpointId: string,
  query: { status?: DeliveryStatus | undefined; limit: number; offset: number },
): Promise<{ rows: DeliveryRow[]; total: number }> {
  const base = db
    .selectFrom('webhook_deliveries')
    .where('org_id', '=', orgId)
    .where('endpoint_id', '=', endpointId)
    .$if(query.status !== undefined, (q) => q.where('status', '=', query.status!));
  const [rows, count] = await Promise.all([
    base
      .select(DELIVERY_COLUMNS)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(query.limit)
      .offset(query.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map(deliveryOf), total: Number(count.n) };
}

export async function findDelivery(
  db: Db,
  orgId: string,
  endpointId: string,
  id: string,
): Promise<DeliveryRow | undefined> {
  const row = await db
    .selectFrom('webhook_deliveries')
    .select(DELIVERY_COLUMNS)
    .where('org_id', '=', orgId)
    .where('endpoint_id', '=', endpointId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? deliveryOf(row) : undefined;
}

export async function listAttempts(db: Db, orgId: string, deliveryId: string): Promise<AttemptRecord[]> {
  const rows = await db
    .selectFrom('webhook_attempts')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('delivery_id', '=', deliveryId)
    .orderBy('at', 'desc')
    .orderBy('id')
    .limit(50)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    deliveryId: r.delivery_id,
    orgId: r.org_id,
    at: r.at,
    statusCode: r.status_code === null ? null : Number(r.status_code),
    durationMs: Number(r.duration_ms),
    responseBody: r.response_body,
    error: r.error,
  }));
}

export type EndpointFigures = { pending: number; failed: number; lastDeliveryAt: string | null };

/** Per endpoint of an organization: deliveries waiting, failed for good, and the latest one's time. */
export async function endpointFigures(db: Db, orgId: string): Promise<Map<string, EndpointFigures>> {
  const rows = await db
    .selectFrom('webhook_deliveries')
    .select((eb) => [
      'endpoint_id',
      eb.fn.sum<number | string | null>(sql`case when status = 'pending' then 1 else 0 end`).as('pending'),
      eb.fn.sum<number | string | null>(sql`case when status = 'failed' then 1 else 0 end`).as('failed'),
      eb.fn.max('created_at').as('last_at'),
    ])
    .where('org_id', '=', orgId)
    .groupBy('endpoint_id')
    .execute();
  return new Map(
    rows.map((r) => [
      r.endpoint_id,
      { pending: Number(r.pending ?? 0), failed: Number(r.failed ?? 0), lastDeliveryAt: r.last_at ?? null },
    ]),
  );
}

/**
 * Turns an endpoint off when no delivery to it has succeeded since `since` (it has failed all that
 * time); answers the endpoint turned off, or undefined when it was off already or something went
 * through meanwhile. One statement: two senders cannot both turn it off.
 */
export async function disableIfFailingSince(
  db: Db,
  endpointId: string,
  since: string,
  reason: string,
  at: string,
): Promise<{ orgId: string; url: string } | undefined> {
  const row = await db
    .updateTable('webhook_endpoints')
    .set({ is_enabled: 0, disabled_reason: reason, updated_at: at })
    .where('id', '=', endpointId)
    .where('is_enabled', '=', 1)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('webhook_deliveries')
            .select('webhook_deliveries.id')
            .where('webhook_deliveries.endpoint_id', '=', endpointId)
            .where('webhook_deliveries.delivered_at', '>=', since),
        ),
      ),
    )
    .returning(['org_id', 'url'])
    .executeTakeFirst();
  return row ? { orgId: row.org_id, url: row.url } : undefined;
}

// The delivery log's retention: only deliveries done with (delivered, or failed for good) go, never
// one still pending (waiting for a try, held by a sender, or queued to an endpoint turned off).
const DONE = ['succeeded', 'failed'] as const;

/** Every endpoint's id, across organizations (the retention's pass goes endpoint by endpoint). */
export async function listAllEndpointIds(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('webhook_endpoints').select('id').orderBy('id').execute();
  return rows.map((r) => r.id);
}

/** When the endpoint's `nth` newest delivery done with was queued; undefined when it has fewer. */
export async function nthNewestDoneAt(db: Db, endpointId: string, nth: number): Promise<string | undefined> {
  const row = await db
    .selectFrom('webhook_deliveries')
    .select('created_at')
    .where('endpoint_id', '=', endpointId)
    .where('status', 'in', DONE)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .offset(nth - 1)
    .executeTakeFirst();
  return row?.created_at;
}

/**
 * Deletes up to `limit` of the endpoint's deliveries done with and queued before `before`, with
 * their tries (call it in a transaction: the two deletes go together); answers how many went.
 */
export async function deleteDoneDeliveries(tx: Db, endpointId: string, before: string, limit: number): Promise<number> {
  const rows = await tx
    .selectFrom('webhook_deliveries')
    .select('id')
    .where('endpoint_id', '=', endpointId)
    .where('status', 'in', DONE)
    .where('created_at', '<', before)
    .limit(limit)
    .execute();
  if (rows.length === 0) return 0;
  const ids = rows.map((r) => r.id);
  await tx.deleteFrom('webhook_attempts').where('delivery_id', 'in', ids).execute();
  const deleted = await tx
    .deleteFrom('webhook_deliveries')
    .where('id', 'in', ids)
    .where('status', 'in', DONE)
    .executeTakeFirst();
  return Number(deleted.numDeletedRows);
}
