import type { Actor } from '../../domain/access.ts';
import type { Opportunity, OpportunityUpdate } from '../../contract/opportunities.ts';
import { reassessWithZones, settleCommitGate } from '../assessment/index.ts';
import { appendAuditEvents } from '../audit/index.ts';
import type { AppDeps } from '../deps.ts';
import { notFound } from '../errors.ts';
import {
  checkChange,
  findOpportunity,
  forgetOpportunityFigures,
  OUTCOME_FIELDS,
  present,
  stale,
  updateOpportunityAtVersion,
} from '../opportunities/index.ts';
import { inTransaction } from '../transaction.ts';
import { enqueueWebhookEvents } from '../webhooks/index.ts';

/**
 * Changes an opportunity: reads it once, writes the changed fields at the version the caller saw,
 * re-assesses it as written (amount, dates, stage ... all feed the probability) and records the
 * audit event, in one transaction.
 */
export async function changeOpportunity(
  deps: AppDeps,
  actor: Actor,
  id: string,
  input: OpportunityUpdate,
): Promise<Opportunity> {
  const at = deps.now().toISOString();
  return inTransaction(deps, async (tx) => {
    const current = await findOpportunity(tx, actor, id);
    if (!current) throw notFound('Opportunity');
    const { commitOverrideReason: reason, ...update } = input;
    const { fieldChanges, changedValues, referencesMoved } = await checkChange(tx, deps, actor, current, update);
    if (fieldChanges.length === 0) {
      await settleCommitGate(tx, actor, { deal: current, entered: false, left: false, reason }, [], at);
      return present(current);
    }
    const updated = await updateOpportunityAtVersion(
      tx,
      { orgId: actor.orgId, id, version: input.version },
      { values: changedValues },
      { actorId: actor.userId, at },
    );
    forgetOpportunityFigures(deps, actor.orgId, { outcomes: OUTCOME_FIELDS.some((f) => f in changedValues) });
    if (!updated) throw stale((await findOpportunity(tx, actor, id)) ?? current);
    await appendAuditEvents(tx, [
      {
        orgId: actor.orgId,
        entityType: 'opportunity',
        entityId: id,
        action: 'update',
        actorId: actor.userId,
        at,
        changes: fieldChanges,
      },
    ]);
    // the names and stage figures shown with a moved reference come from their own tables: read
    // them back then; otherwise the record as written is the one read plus the change
    const written = referencesMoved
      ? (await findOpportunity(tx, actor, id))!
      : { ...current, ...changedValues, version: current.version + 1, updatedBy: actor.userId, updatedAt: at };
    const { opportunity: assessed, zones } = await reassessWithZones(tx, deps, actor.orgId, written, {
      kind: 'change',
      by: actor.userId,
      fields: fieldChanges.map((c) => c.field),
    });
    const wasCommit = current.status === 'open' && current.forecastCategory === 'commit';
    const isCommit = written.status === 'open' && written.forecastCategory === 'commit';
    await settleCommitGate(
      tx,
      actor,
      { deal: written, entered: isCommit && !wasCommit, left: wasCommit && !isCommit, reason },
      zones,
      at,
    );
    const answer = present(assessed);
    const changes = fieldChanges.map(({ field, from, to }) => ({ field, from, to }));
    const closed = current.status === 'open' && written.status !== 'open';
    await enqueueWebhookEvents(tx, deps, actor.orgId, [
      { type: 'opportunity.updated', data: { opportunity: answer, changes } },
      ...(closed
        ? [{ type: 'opportunity.closed' as const, data: { opportunity: answer, outcome: written.status } }]
        : []),
    ]);
    return answer;
  });
}
