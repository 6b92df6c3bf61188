import type { Actor } from '../../domain/access.ts';
import type { KnowledgeResponse } from '../../contract/knowledge.ts';
import type { Opportunity } from '../../contract/opportunities.ts';
import type { Db } from '../../db/database.ts';
import { readDealForWrite, reassessWithZones, type AssessmentCause } from '../assessment/index.ts';
import { noticeApplication } from '../coaching/index.ts';
import type { AppDeps } from '../deps.ts';
import { AppError, notFound } from '../errors.ts';
import {
  knowledgeOf,
  openWrite,
  recordAfter,
  type KnowledgeWork,
  type Record_,
  type WriteContext,
} from '../knowledge/index.ts';
import { findOpportunity, forgetOpportunityFigures, updateOpportunityAtVersion } from '../opportunities/index.ts';
import { inTransaction } from '../transaction.ts';

/**
 * Every knowledge write: the opportunity must be visible and still at `version`. In one
 * transaction it reads the opportunity, then in one statement its record, the contacts the record
 * and the work name, and the deal's context; lets `work` write, moves the opportunity to its next
 * version, re-assesses from the record as written and the context as read (held, not read again:
 * knowledge moves neither the account, the seller's past gaps nor the close date) and answers with
 * the knowledge as it now stands.
 */
export async function recordKnowledge(
  deps: AppDeps,
  actor: Actor,
  opportunityId: string,
  version: number,
  work: KnowledgeWork,
): Promise<KnowledgeResponse> {
  const at = deps.now().toISOString();
  return inTransaction(deps, async (tx) => {
    const opportunity = await findOpportunity(tx, actor, opportunityId);
    if (!opportunity) throw notFound('Opportunity');
    if (opportunity.version !== version) {
      throw new AppError(
        'version-conflict',
        'Someone else changed this opportunity since you opened it. Reload to see what they learned, then add yours.',
        { current: opportunity },
      );
    }
    const read = await readDealForWrite(tx, actor.orgId, opportunity, work.contactIds ?? []);
    // a write committed between the two reads: the record read is not the one this version had
    if (read.version !== version) throw await movedMeanwhile(tx, actor, opportunity);
    const w = openWrite(tx, deps, opportunity, at, read);
    await work(w);
    const bumped = await updateOpportunityAtVersion(
      tx,
      { orgId: actor.orgId, id: opportunityId, version },
      { values: {} },
      { actorId: actor.userId, at },
    );
    forgetOpportunityFigures(deps, actor.orgId, { outcomes: false });
    if (!bumped) throw await movedMeanwhile(tx, actor, opportunity);
    const record = await recordAfter(w, actor.orgId);
    const { opportunity: after, zones } = await reassessWithZones(
      tx,
      deps,
      actor.orgId,
      { ...opportunity, version: version + 1, updatedBy: actor.userId, updatedAt: at },
      knowledgeCause(actor.userId, w, record),
      { record, context: read.context },
    );
    // on-the-job learning on this deal whose success condition the knowledge now meets
    await noticeApplication(tx, {
      orgId: actor.orgId,
      opportunityId,
      record,
      zoneIds: zones.map((z) => z.id),
      at,
      by: actor.userId,
    });
    return knowledgeOf(tx, deps, actor, after, undefined, record, w.contacts);
  });
}

/** What a knowledge write did, for the assessment's history: the facts' fields, the new items' kinds. */
function knowledgeCause(by: string, w: WriteContext, record: Record_): AssessmentCause {
  const kindOf = new Map(record.items.map((i) => [i.id, i.kind]));
  const fields = w.added.facts.flatMap((f) => {
    const item = kindOf.get(f.itemId);
    return item ? [{ item, field: f.field }] : [];
  });
  return { kind: 'knowledge', by, fields, items: w.added.items.map((i) => i.kind) };
}

async function movedMeanwhile(tx: Db, actor: Actor, seen: Opportunity): Promise<AppError> {
  const current = (await findOpportunity(tx, actor, seen.id)) ?? seen;
  return new AppError(
    'version-conflict',
    'Someone else changed this opportunity at the same moment; reload and try again',
    {
      current,
    },
  );
}
