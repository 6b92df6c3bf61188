import { addDays, toDateOnly } from '../../domain/dates.ts';
import { isOpenOn, replayDays, stageOn } from '../../domain/forecast/replay.ts';
import type { AppDeps } from '../deps.ts';
import { inTransaction } from '../transaction.ts';
import {
  deleteSnapshotsBefore,
  insertReplayedDay,
  readReplayInputs,
  setReplayedStageProbabilities,
  sumSnapshotByOwner,
} from './snapshots.repo.ts';

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
  const dayBefore = addDays(before, -1);
  const last = inputs.lastDealOn !== null && inputs.lastDealOn < dayBefore ? inputs.lastDealOn : dayBefore;
  const days = inputs.firstDealOn === null ? [] : replayDays(inputs.firstDealOn, last);
  let rows = 0;
  let replayed = 0;
  await inTransaction(deps, async (tx) => {
    await deleteSnapshotsBefore(tx, orgId, before);
    for (const day of days) {
      const held = await insertReplayedDay(tx, orgId, day);
      if (held === 0) continue;
      rows += held;
      replayed++;
      // the deals whose history puts them at another stage that day than the one they are at now
      const moved = new Map<number, string[]>();
      for (const deal of inputs.withHistory) {
        if (!isOpenOn(deal, day)) continue;
        const stageId = stageOn(deal.changes, day, deal.stageId);
        if (stageId === deal.stageId) continue;
        const probability = inputs.stageProbabilities.get(stageId);
        if (probability === undefined) continue;
        const ids = moved.get(probability);
        if (ids) ids.push(deal.id);
        else moved.set(probability, [deal.id]);
      }
      await setReplayedStageProbabilities(tx, orgId, day, moved);
      await sumSnapshotByOwner(tx, orgId, day);
    }
  });
  return { days: replayed, rows };
}
