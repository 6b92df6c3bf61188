import type { z } from 'zod';
import type {
  OutboxMail,
  OutboxPage,
  outboxQuerySchema,
  OutboxRetryAllResult,
  OutboxRetryResult,
} from '../../contract/mail.ts';
import type { Actor } from '../../domain/access.ts';
import type { AppDeps } from '../deps.ts';
import { notFound } from '../errors.ts';
import { requireAdmin } from '../policy.ts';
import {
  countUnsentMail,
  findOutboxMail,
  pageOutboxMail,
  requeueAllFailedMail,
  requeueFailedMail,
  type OutboxMailRow,
} from './outbox.repo.ts';

// The organization's e-mails that did not go out, for its administrators: those failed for good (the
// sender used up its tries) and those waiting for their next try. "Send again" puts a failed one
// back in the queue rather than sending it in the request: the sender delivers it within its round
// (30 s), with the same claim that keeps two senders from sending one e-mail twice.

const present = (row: OutboxMailRow): OutboxMail => ({
  ...row,
  status: row.sentAt !== null ? 'sent' : row.nextAttemptAt === null ? 'failed' : 'waiting',
});

export async function readOutbox(
  deps: AppDeps,
  actor: Actor,
  query: z.output<typeof outboxQuerySchema>,
): Promise<OutboxPage> {
  requireAdmin(actor);
  const [rows, counts] = await Promise.all([
    pageOutboxMail(deps.db, actor.orgId, query.status, query),
    countUnsentMail(deps.db, actor.orgId),
  ]);
  return { items: rows.map(present), total: counts[query.status], failed: counts.failed };
}

/** Queues a failed e-mail again; one already queued again (or sent) is answered as it stands. */
export async function retryOutboxMail(deps: AppDeps, actor: Actor, id: string): Promise<OutboxRetryResult> {
  requireAdmin(actor);
  const requeued = await requeueFailedMail(deps.db, actor.orgId, id, deps.now().toISOString());
  if (requeued) return { mail: present(requeued), requeued: true };
  const current = await findOutboxMail(deps.db, actor.orgId, id);
  if (!current) throw notFound('E-mail');
  return { mail: present(current), requeued: false };
}

export async function retryAllFailedMail(deps: AppDeps, actor: Actor): Promise<OutboxRetryAllResult> {
  requireAdmin(actor);
  return { requeued: await requeueAllFailedMail(deps.db, actor.orgId, deps.now().toISOString()) };
}
