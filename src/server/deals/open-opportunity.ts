import { randomUUID } from 'node:crypto';
import type { Actor } from '../../domain/access.ts';
import { creationChanges } from '../../domain/audit.ts';
import type { Opportunity, OpportunityCreate } from '../../contract/opportunities.ts';
import { reassessWithZones, settleCommitGate } from '../assessment/index.ts';
import { appendAuditEvents } from '../audit/index.ts';
import type { AppDeps } from '../deps.ts';
import {
  AUDITED_FIELDS,
  checkNew,
  findOpportunity,
  forgetOpportunityFigures,
  insertOpportunities,
  present,
} from '../opportunities/index.ts';
import { inTransaction } from '../transaction.ts';
import { enqueueWebhookEvents } from '../webhooks/index.ts';

/**
 * Opens an opportunity: checks and inserts it, records its creation, reads it back once (its
 * account, owner and stage names come from their tables) and stores its first assessment, in one
 * transaction.
 */
export async function openOpportunity(deps: AppDeps, actor: Actor, input: OpportunityCreate): Promise<Opportunity> {
  const at = deps.now().toISOString();
  const id = randomUUID();
  return inTransaction(deps, async (tx) => {
    const { commitOverrideReason: reason, ...fields } = input;
    const values = await checkNew(tx, deps, actor, fields);
    await insertOpportunities(tx, [{ id, orgId: actor.orgId, actorId: actor.userId, at, values }]);
    forgetOpportunityFigures(deps, actor.orgId, { outcomes: true });
    await appendAuditEvents(tx, [
      {
        orgId: actor.orgId,
        entityType: 'opportunity',
        entityId: id,
        action: 'create',
        actorId: actor.userId,
        at,
        changes: creationChanges(values, AUDITED_FIELDS),
      },
    ]);
    const opened = (await findOpportunity(tx, actor, id))!;
    const { opportunity: assessed, zones } = await reassessWithZones(tx, deps, actor.orgId, opened, {
      kind: 'created',
      by: actor.userId,
    });
    const entered = opened.status === 'open' && opened.forecastCategory === 'commit';
    await settleCommitGate(tx, actor, { deal: opened, entered, left: false, reason }, zones, at);
    const answer = present(assessed);
    await enqueueWebhookEvents(tx, deps, actor.orgId, [{ type: 'opportunity.created', data: { opportunity: answer } }]);
    return answer;
  });
}
