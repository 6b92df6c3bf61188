import { addDays, toDateOnly } from '../../domain/dates.ts';
import { isOpenOn, replayDays, stageOn } from '../../domain/forecast/replay.ts';
import type { AppDeps } from '../deps.ts';
import { inTransaction } from '../transaction.ts';
import { deleteSnapshotsBefore, insertReplayedDay, readReplayInputs } from './snapshots.repo.ts';

// The snapshots of the days before an organization came to Winsight, replayed from the history it
// brought (an import's deals with their created and closed dates, and their stage history), so the
// forecast's accuracy and trend show that past. Each day holds the deals open at its end, with the
// stage they stood at then and their amount, close date, owner and category as they are now (the
// history does not say what those were); the evidence-based figure is left empty, as nothing was
// assessed then. The days the organization lived through keep the snapshots the nightly job took.

/** the days replayed that held a deal, and the deals' rows written across them */
export type ReplayResult = { days: number; rows: number };

/**
 * Replaces the organization's replayed past: every snapshot before the day it was created (or
 * today, if that is earlier) is taken again from its deals' history, in one transaction, so a
 * second replay (a re-import) replaces the first instead of adding to it.
 */
export async function replayPastSnapshots(deps: AppDeps, orgId: string): Promise<ReplayResult> {
  const inputs = await readReplayInputs(deps.db, orgId);
  const today = toDateOnly(deps.now());
  const before = inputs.createdOn !== null && inputs.createdOn < today ? inputs.createdOn : today;
  const first = inputs.deals.reduce((min, d) => (d.createdOn < min ? d.createdOn : min), before);
  const days = replayDays(first, addDays(before, -1));
  let rows = 0;
  let replayed = 0;
  await inTransaction(deps, async (tx) => {
    await deleteSnapshotsBefore(tx, orgId, before);
    for (const day of days) {
      const open = inputs.deals.filter((d) => isOpenOn(d, day));
      rows += open.length;
      if (open.length > 0) replayed++;
      await insertReplayedDay(
        tx,
        orgId,
        day,
        open.map((d) => ({
          opportunityId: d.id,
          ownerId: d.ownerId,
          amountMinor: d.amountMinor,
          currency: d.currency,
          expectedCloseDate: d.expectedCloseDate,
          forecastCategory: d.forecastCategory,
          stageProbability:
            inputs.stageProbabilities.get(stageOn(inputs.stageChanges.get(d.id) ?? [], day, d.stageId)) ?? 0,
          // a closed deal's figure now is its ending (100 or 0): what the seller said while it was open is not known
          sellerProbability: d.status === 'open' ? d.sellerProbability : null,
        })),
      );
    }
  });
  return { days: replayed, rows };
}
