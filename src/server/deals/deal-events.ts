import type { Actor } from '../../domain/access.ts';
import type { WebhookEventInput } from '../../domain/webhooks/webhooks.ts';
import type { Opportunity } from '../../contract/opportunities.ts';
import type { Db } from '../../db/database.ts';
import type { AppDeps } from '../deps.ts';
import { deleteOpportunity, findOpportunity, present, restoreOpportunity } from '../opportunities/index.ts';
import { inTransaction } from '../transaction.ts';
import { enqueueWebhookEvents, isWebhookSubscribed } from '../webhooks/index.ts';

// The changes to a deal that are not an edit of its fields but still change it for a system that
// mirrors it: deleted, restored, moved to a new owner. Each tells the endpoints `opportunity.updated`
// with the fields as its history records them, in the transaction of the change.

type FieldChange = { field: string; from: unknown; to: unknown };

/** `opportunity.updated` for each deal, with what changed on it. */
export function updatedEvents(
  deals: ReadonlyArray<{ opportunity: Opportunity; changes: readonly FieldChange[] }>,
): WebhookEventInput[] {
  return deals.map(({ opportunity, changes }) => ({
    type: 'opportunity.updated',
    data: { opportunity, changes: changes.map(({ field, from, to }) => ({ field, from, to })) },
  }));
}

/** Soft-deletes the deal (it leaves the lists, keeps its history) and tells the endpoints. */
export async function removeOpportunity(deps: AppDeps, actor: Actor, id: string): Promise<void> {
  await inTransaction(deps, async (tx) => {
    await deleteOpportunity({ ...deps, db: tx }, actor, id);
    if (!(await listening(tx, deps, actor))) return;
    const deal = (await findOpportunity(tx, actor, id, { includeDeleted: true }))!;
    await tell(tx, deps, actor, deal, { field: 'deletedAt', from: null, to: deal.deletedAt ?? null });
  });
}

/** Brings a deleted deal back and tells the endpoints (nothing when it was not deleted). */
export async function restoreRemovedOpportunity(deps: AppDeps, actor: Actor, id: string): Promise<Opportunity> {
  return inTransaction(deps, async (tx) => {
    // the deal as it was is read only when someone listens for the change
    const before = (await listening(tx, deps, actor))
      ? await findOpportunity(tx, actor, id, { includeDeleted: true })
      : undefined;
    const restored = await restoreOpportunity({ ...deps, db: tx }, actor, id);
    if (before?.deletedAt)
      await tell(tx, deps, actor, restored, { field: 'deletedAt', from: before.deletedAt, to: null });
    return restored;
  });
}

const listening = (tx: Db, deps: AppDeps, actor: Actor) =>
  isWebhookSubscribed(tx, deps, actor.orgId, ['opportunity.updated']);

async function tell(tx: Db, deps: AppDeps, actor: Actor, deal: Opportunity, change: FieldChange): Promise<void> {
  await enqueueWebhookEvents(tx, deps, actor.orgId, updatedEvents([{ opportunity: present(deal), changes: [change] }]));
}
