import type { Actor } from '../../domain/access.ts';
import { commitBlockers, OVERRIDING_ROLES } from '../../domain/assessment/commit-gate.ts';
import type { DangerZone } from '../../domain/assessment/rules.ts';
import type { Opportunity } from '../../contract/opportunities.ts';
import type { Db } from '../../db/database.ts';
import { AppError, unprocessable } from '../errors.ts';
import * as repo from './assessment.repo.ts';

/** What a deal write tells the gate: the deal as written, whether it just entered commit or left it. */
export type CommitMove = {
  deal: Pick<Opportunity, 'id' | 'status' | 'forecastCategory'>;
  /** created in commit, or moved into it by this write */
  entered: boolean;
  /** moved out of commit, or closed, by this write */
  left: boolean;
  /** the override's reason, when the writer gave one */
  reason: string | null | undefined;
};

const canOverride = (actor: Actor) => (OVERRIDING_ROLES as readonly string[]).includes(actor.role);

/**
 * REFERENCE 5: a deal that enters commit while a critical zone or missing knowledge stands against
 * it needs a manager's override with a reason, kept beside the deal while it stays in commit; a
 * seller alone is refused, naming what blocks. Runs inside the write's transaction, after the
 * re-assessment, so a refusal leaves nothing written.
 */
export async function settleCommitGate(
  tx: Db,
  actor: Actor,
  move: CommitMove,
  zones: readonly Pick<DangerZone, 'id' | 'name' | 'severity'>[],
  at: string,
): Promise<void> {
  const { deal, reason } = move;
  const inCommit = deal.status === 'open' && deal.forecastCategory === 'commit';
  if (reason && !(move.entered && inCommit))
    throw unprocessable('commitOverrideReason', 'An override is given only with a move of an open deal into commit');
  if (move.left) {
    await repo.dropCommitOverride(tx, actor.orgId, deal.id);
    return;
  }
  if (!move.entered || !inCommit) return;
  const blockers = commitBlockers(zones);
  if (blockers.length === 0) return;
  const named = blockers.map((z) => z.name.toLowerCase()).join('; ');
  if (!canOverride(actor)) {
    if (reason)
      throw new AppError('forbidden', 'Only a manager or an administrator can override what blocks commit', {
        fields: { commitOverrideReason: 'Only a manager or an administrator can give an override' },
      });
    throw unprocessable(
      'forecastCategory',
      `Commit needs your manager's override while the deal shows: ${named}. Resolve these, or ask your manager to commit it.`,
    );
  }
  if (!reason) throw unprocessable('commitOverrideReason', `Say why this deal is commit despite: ${named}`);
  await repo.saveCommitOverride(tx, {
    orgId: actor.orgId,
    opportunityId: deal.id,
    reason,
    byId: actor.userId,
    at,
    zoneIds: blockers.map((z) => z.id),
  });
}
