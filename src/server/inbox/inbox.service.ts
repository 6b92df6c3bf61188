import type { InboxMessage, InboxPage } from '../../contract/inbox.ts';
import type { Actor } from '../../domain/access.ts';
import type { AppDeps } from '../deps.ts';
import { notFound } from '../errors.ts';
import * as repo from './inbox.repo.ts';

// Everyone's own inbox, and only their own: every read and write is narrowed to the person asking,
// administrators included. Another person's message is simply not found.

export async function readInbox(
  deps: AppDeps,
  actor: Actor,
  query: { limit: number; offset: number; unread?: 'true' | 'false' },
): Promise<InboxPage> {
  const unreadOnly = query.unread === 'true';
  const [items, counts] = await Promise.all([
    repo.listMessages(deps.db, actor.orgId, actor.userId, { limit: query.limit, offset: query.offset, unreadOnly }),
    repo.countMessages(deps.db, actor.orgId, actor.userId),
  ]);
  return { items, total: unreadOnly ? counts.unread : counts.total, unread: counts.unread };
}

export async function markMessageRead(deps: AppDeps, actor: Actor, id: string): Promise<InboxMessage> {
  const message = await repo.markRead(deps.db, actor.orgId, actor.userId, id, deps.now().toISOString());
  if (!message) throw notFound('Message');
  return message;
}

export async function markAllMessagesRead(deps: AppDeps, actor: Actor): Promise<{ marked: number; unread: number }> {
  return { marked: await repo.markAllRead(deps.db, actor.orgId, actor.userId, deps.now().toISOString()), unread: 0 };
}
