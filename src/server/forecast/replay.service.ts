import { withIndexesRebuilt } from '../../db/bulk-indexes.ts';
import { addDays, toDateOnly } from '../../domain/dates.ts';
import { isOpenOn, replayDays, valuesOn } from '../../domain/forecast/replay.ts';
import type { AppDeps } from '../deps.ts';
import { inTransaction } from '../transaction.ts';
import {
  closeReplayedValues,
  deleteSnapshotsBefore,
  insertReplayedDay,
  openReplayedValues,
  readReplayInputs,
  stageReplayedValues,
  sumSnapshotByOwner,
  type ReplayedRow,
} from './snapshots.repo.ts';

// The snapshots of the days before an organization came to Winsight, replayed from the history it
// brought (an import's deals with their created and closed dates, and their history: stage history
// files record changes of stage, amount and expected close date), so the forecast's accuracy and
// trend show that past. Each day holds the deals open at its end, with the stage, amount and
// expected close date their history says they had by then (what they hold now where it records no
// change of one), and their owner and category as they are now (a history does not say what those
// were); the evidence-based figure is left empty, as nothing was assessed then. The days the
// organization lived through keep the snapshots the nightly job took.

/** the days replayed that held a deal, and the deals' rows written across them */
export type ReplayResult = { days: number; rows: number };

/**
 * Replaces the organization's replayed past: every snapshot before the day it was created (or
 * today, if that is earlier) is taken again from its deals' history, in one transaction, so a
 * second replay (a re-import) replaces the first instead of adding to it.
 */
export async function replayPastSnapshots(
  deps: AppDeps,
  orgId: string,
  /** told after each day is written, with how many of the days to replay are done */
  onProgress?: (done: number, total: number) => unknown,
): Promise<ReplayResult> {
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
    // first, for each day, the deals whose history says they stood at another stage by its end, or
    // held another amount or close date, with what they held then
    await openReplayedValues(tx);
    let then: ReplayedRow[] = [];
    for (const day of days) {
      for (const deal of inputs.withHistory) {
        if (!isOpenOn(deal, day)) continue;
        const values = valuesOn(deal.history, day, deal.now);
        const stageProbability =
          values.stageId === undefined ? null : (inputs.stageProbabilities.get(values.stageId) ?? null);
        const amountMinor = values.amountMinor ?? null;
        const expectedCloseDate = values.expectedCloseDate ?? null;
        if (stageProbability === null && amountMinor === null && expectedCloseDate === null) continue;
        then.push({ day, opportunityId: deal.id, stageProbability, amountMinor, expectedCloseDate });
        if (then.length === 1000) {
          await stageReplayedValues(tx, then);
          then = [];
        }
      }
    }
    await stageReplayedValues(tx, then);
    // then each day's snapshot, as the deals stood (a large replay sorts the snapshots' indexes once
    // at the end instead of filling them row by row)
    await withIndexesRebuilt(tx, deps.dialect, 'opportunity_snapshots', inputs.deals * days.length, async () => {
      for (const [n, day] of days.entries()) {
        const held = await insertReplayedDay(tx, orgId, day);
        if (held > 0) {
          rows += held;
          replayed++;
          await sumSnapshotByOwner(tx, orgId, day);
        }
        await onProgress?.(n + 1, days.length);
      }
    });
    await closeReplayedValues(tx);
  });
  return { days: replayed, rows };
}
