import type { Actor } from '../../domain/access.ts';
import type { HandOver, HandOverSummary } from '../../contract/hand-overs.ts';
import type { AppDeps } from '../deps.ts';
import { AppError, notFound } from '../errors.ts';
import { findOpportunity } from '../opportunities/index.ts';
import { inTransaction } from '../transaction.ts';
import { cachedUserNames } from '../users/index.ts';
import * as repo from './hand-overs.repo.ts';

// Reading and acknowledging hand-over briefs: whoever may read the deal reads its briefs; only the
// new owner acknowledges one, once.

type Named = repo.StoredHandOver & { opportunityName: string; accountName: string };

export async function presentHandOvers(
  deps: AppDeps,
  actor: Actor,
  rows: readonly Named[],
): Promise<HandOverSummary[]> {
  const names = await cachedUserNames(deps.db, deps.caches, actor.orgId);
  const name = (id: string) => names.get(id) ?? 'Former colleague';
  return rows.map((r) => ({
    id: r.id,
    opportunityId: r.opportunityId,
    opportunityName: r.opportunityName,
    accountName: r.accountName,
    fromUserId: r.fromUserId,
    fromName: name(r.fromUserId),
    toUserId: r.toUserId,
    toName: name(r.toUserId),
    byName: name(r.byUserId),
    at: r.at,
    reason: r.reason,
    acknowledgedAt: r.acknowledgedAt,
    acknowledgedByName: r.acknowledgedBy ? name(r.acknowledgedBy) : null,
    canAcknowledge: r.acknowledgedAt === null && r.toUserId === actor.userId,
  }));
}

async function visibleDeal(deps: AppDeps, actor: Actor, opportunityId: string) {
  const deal = await findOpportunity(deps.db, actor, opportunityId, { includeDeleted: true });
  if (!deal) throw notFound('Opportunity');
  return deal;
}

export async function listDealHandOvers(deps: AppDeps, actor: Actor, opportunityId: string) {
  const deal = await visibleDeal(deps, actor, opportunityId);
  const rows = await repo.listHandOversOf(deps.db, actor.orgId, deal.id);
  return {
    items: await presentHandOvers(
      deps,
      actor,
      rows.map((r) => ({ ...r, opportunityName: deal.name, accountName: deal.accountName })),
    ),
  };
}

export async function getHandOver(deps: AppDeps, actor: Actor, opportunityId: string, id: string): Promise<HandOver> {
  const deal = await visibleDeal(deps, actor, opportunityId);
  const row = await repo.findHandOver(deps.db, actor.orgId, deal.id, id);
  if (!row) throw notFound('Hand-over');
  // the names the deal had when it was handed over, as the brief kept them
  const [summary] = await presentHandOvers(deps, actor, [
    { ...row, opportunityName: row.brief.deal.name, accountName: row.brief.deal.accountName },
  ]);
  return { ...summary!, brief: row.brief };
}

/** The new owner says they have read the brief; a second time changes nothing. */
export async function acknowledgeHandOver(
  deps: AppDeps,
  actor: Actor,
  opportunityId: string,
  id: string,
): Promise<HandOver> {
  await inTransaction(deps, async (tx) => {
    const inTx = { ...deps, db: tx };
    const deal = await visibleDeal(inTx, actor, opportunityId);
    const row = await repo.findHandOver(tx, actor.orgId, deal.id, id);
    if (!row) throw notFound('Hand-over');
    if (row.toUserId !== actor.userId) {
      const names = await cachedUserNames(tx, deps.caches, actor.orgId);
      throw new AppError(
        'forbidden',
        `Only the new owner, ${names.get(row.toUserId) ?? 'the person it was handed to'}, can acknowledge this brief`,
      );
    }
    await repo.markAcknowledged(tx, { orgId: actor.orgId, id, by: actor.userId }, deps.now().toISOString());
  });
  return getHandOver(deps, actor, opportunityId, id);
}

/** The briefs handed to the person asking (pending: not yet acknowledged), newest first. */
export async function listMyHandOvers(deps: AppDeps, actor: Actor, status: 'pending' | 'all') {
  const rows = await repo.listReceived(deps.db, actor.orgId, actor.userId, status, 200);
  return { items: await presentHandOvers(deps, actor, rows) };
}
