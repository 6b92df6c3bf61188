import type { Actor } from '../../domain/access.ts';
import { findAccount, listOwnedAccounts, updateAccountAtVersion } from '../accounts/index.ts';
import { reassessDealsById } from '../assessment/index.ts';
import { appendAuditEvents, type NewAuditEvent } from '../audit/index.ts';
import type { AppDeps } from '../deps.ts';
import { AppError, notFound, unprocessable } from '../errors.ts';
import {
  findOpportunity,
  listOpportunitiesByIds,
  listOwnedOpportunities,
  updateOpportunityAtVersion,
} from '../opportunities/index.ts';
import { requireAdmin } from '../policy.ts';
import { inTransaction } from '../transaction.ts';
import { findUser } from '../users/index.ts';
import { enqueueWebhookEvents, isWebhookSubscribed } from '../webhooks/index.ts';
import { updatedEvents } from './deal-events.ts';

/**
 * Hands a person's open opportunities (and closed ones when asked) and accounts to someone else,
 * typically when they leave. Each moved record gets its own history entry.
 */
export async function reassignRecords(
  deps: AppDeps,
  actor: Actor,
  fromId: string,
  input: { toUserId: string; includeClosed: boolean },
): Promise<{ opportunities: number; accounts: number }> {
  requireAdmin(actor);
  const at = deps.now().toISOString();
  const moved = await inTransaction(deps, async (tx) => {
    const from = await findUser(tx, actor.orgId, fromId);
    if (!from) throw notFound('User');
    const to = await findUser(tx, actor.orgId, input.toUserId);
    if (!to) throw unprocessable('toUserId', 'Choose a person of your organization');
    if (!to.isActive) throw unprocessable('toUserId', `${to.name} is deactivated`);
    if (to.id === from.id) throw unprocessable('toUserId', 'Choose someone else');
    const stamp = { actorId: actor.userId, at };
    const change = [{ field: 'ownerId', from: from.id, to: to.id }];
    const events: NewAuditEvent[] = [];
    const opportunities = await listOwnedOpportunities(tx, actor.orgId, from.id, {
      includeClosed: input.includeClosed,
    });
    for (const o of opportunities) {
      // the seller's own figure was the previous owner's: it stays in the history under their name,
      // and the new owner starts without one instead of being held to (and coached on) it
      const moved = await updateOpportunityAtVersion(
        tx,
        { orgId: actor.orgId, id: o.id, version: o.version },
        { values: { ownerId: to.id, sellerProbability: null } },
        stamp,
      );
      if (!moved)
        throw changedWhileReassigning('opportunity', await findOpportunity(tx, actor, o.id, { includeDeleted: true }));
      events.push({
        orgId: actor.orgId,
        entityType: 'opportunity',
        entityId: o.id,
        action: 'update',
        actorId: actor.userId,
        at,
        changes:
          o.sellerProbability === null
            ? change
            : [...change, { field: 'sellerProbability', from: o.sellerProbability, to: null }],
      });
    }
    const accounts = await listOwnedAccounts(tx, actor.orgId, from.id);
    for (const a of accounts) {
      const moved = await updateAccountAtVersion(
        tx,
        { orgId: actor.orgId, ...a },
        { values: { ownerId: to.id } },
        stamp,
      );
      if (!moved)
        throw changedWhileReassigning('account', await findAccount(tx, actor, a.id, { includeDeleted: true }));
      events.push({
        orgId: actor.orgId,
        entityType: 'account',
        entityId: a.id,
        action: 'update',
        actorId: actor.userId,
        at,
        changes: change,
      });
    }
    await appendAuditEvents(tx, events);
    // the seller's figures and habits feed the assessment: the moved deals are judged as now owned
    await reassessDealsById(
      { ...deps, db: tx },
      actor.orgId,
      opportunities.map((o) => o.id),
      { kind: 'reassignment', by: actor.userId },
    );
    if (opportunities.length > 0 && (await isWebhookSubscribed(tx, deps, actor.orgId, ['opportunity.updated']))) {
      const changesOf = new Map(events.map((e) => [e.entityId, e.changes]));
      const after = await listOpportunitiesByIds(
        tx,
        actor.orgId,
        opportunities.map((o) => o.id),
      );
      await enqueueWebhookEvents(
        tx,
        deps,
        actor.orgId,
        updatedEvents(after.map((d) => ({ opportunity: d, changes: changesOf.get(d.id) ?? [] }))),
      );
    }
    return { opportunities: opportunities.length, accounts: accounts.length };
  });
  // lists filtered by owner now count differently
  deps.caches.opportunityCounts.invalidate(actor.orgId);
  return moved;
}

/**
 * Someone changed one of the records between our listing and our version-checked write: moving
 * the rest would leave the hand-over half done, so nothing moves and the admin tries again.
 */
function changedWhileReassigning(
  noun: 'opportunity' | 'account',
  current: { name: string; deletedAt?: string | null } | undefined,
): AppError {
  const what = current ? `The ${noun} "${current.name}"` : `One ${noun}`;
  const { deletedAt: _deleted, ...record } = current ?? { deletedAt: null };
  return new AppError(
    'version-conflict',
    `${what} changed while its records were being reassigned; nothing was moved. Try again.`,
    {
      ...(current ? { current: record } : {}),
    },
  );
}
