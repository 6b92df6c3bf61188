import { withIndexesRebuilt } from '../../db/bulk-indexes.ts';
import { addDays, toDateOnly } from '../../domain/dates.ts';
import {
  isOpenOn,
  keepsDeal,
  replayDays,
  replayedClosing,
  valuesOn,
  wholeDay,
  type ReplayedClosing,
} from '../../domain/forecast/replay.ts';
import type { AppDeps } from '../deps.ts';
import { inTransaction } from '../transaction.ts';
import {
  closeReplayedValues,
  deleteSnapshotsBefore,
  insertReplayedDays,
  markPartialDays,
  openReplayedValues,
  readReplayInputs,
  stageReplayedValues,
  sumReplayedDaysByOwner,
  type ReplayedDay,
  type ReplayedRow,
} from './snapshots.repo.ts';

// The snapshots of the days before an organization came to Winsight, replayed from the history it
// brought (an import's deals with their created and closed dates, and their history: stage history
// files record changes of stage, amount and expected close date), so the forecast's accuracy and
// trend show that past. Each day holds the deals open at its end, with the stage, amount and
// expected close date their history says they had by then (what they hold now where it records no
// change of one), and their owner and category as they are now (a history does not say what those
// were); the evidence-based figure is left empty, as nothing was assessed then. One day, about a
// week before the organization came, keeps every such deal (wholeDay); the others keep those the
// forecast reads of them (replayedClosing), and their figures per seller count them all. The days
// the organization lived through keep the snapshots the nightly job took.

/** How many days one statement replays: few enough that a long replay still shows its progress. */
const DAYS_PER_STATEMENT = 8;

/** the days replayed that held a deal, and the deals' rows their snapshots kept */
export type ReplayResult = { days: number; rows: number };

/**
 * Replaces the organization's replayed past: every snapshot before the day it was created (or
 * today, if that is earlier) is taken again from its deals' history, in one transaction, so a
 * second replay (a re-import) replaces the first instead of adding to it.
 */
export async function replayPastSnapshots(
  deps: AppDeps,
  orgId: string,
  /** told after each statement of days is written, with how many of the days to replay are done */
  onProgress?: (done: number, total: number) => unknown,
  /** which deals open on a day its snapshot keeps, given the day that keeps all (null: all) */
  closingOf: (day: string, whole: string | undefined) => ReplayedClosing | null = replayedClosing,
): Promise<ReplayResult> {
  const inputs = await readReplayInputs(deps.db, orgId);
  const today = toDateOnly(deps.now());
  const before = inputs.createdOn !== null && inputs.createdOn < today ? inputs.createdOn : today;
  const dayBefore = addDays(before, -1);
  const last = inputs.lastDealOn !== null && inputs.lastDealOn < dayBefore ? inputs.lastDealOn : dayBefore;
  const days = inputs.firstDealOn === null ? [] : replayDays(inputs.firstDealOn, last);
  const whole = wholeDay(days, last);
  const replayed: ReplayedDay[] = days.map((day) => ({ day, closing: closingOf(day, whole) }));
  let rows = 0;
  let held = 0;
  await inTransaction(deps, async (tx) => {
    await deleteSnapshotsBefore(tx, orgId, before);
    // first, for each day, the deals it keeps whose history says they stood at another stage by its
    // end, or held another amount or close date, with what they held then
    await openReplayedValues(tx);
    let then: ReplayedRow[] = [];
    for (const { day, closing } of replayed) {
      for (const deal of inputs.withHistory) {
        if (!isOpenOn(deal, day)) continue;
        const values = valuesOn(deal.history, day, deal.now);
        // the day's insert reads the close date held then where one waits here, else the one now:
        // a deal it would keep by either waits with what it held then
        const closeThen = values.expectedCloseDate ?? deal.now.expectedCloseDate;
        if (!keepsDeal(closing, deal, closeThen) && !keepsDeal(closing, deal, deal.now.expectedCloseDate)) continue;
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
    // then the days' snapshots, as the deals stood, a few days to a statement (a large replay
    // sorts the snapshots' indexes once at the end instead of filling them row by row), and their
    // figures per seller
    const estimate = inputs.deals * (replayed.filter((d) => d.closing === null).length + 1);
    await withIndexesRebuilt(tx, deps.dialect, 'opportunity_snapshots', estimate, async () => {
      for (let n = 0; n < replayed.length; n += DAYS_PER_STATEMENT) {
        const some = replayed.slice(n, n + DAYS_PER_STATEMENT);
        rows += await insertReplayedDays(tx, orgId, some);
        const withDeals = await sumReplayedDaysByOwner(
          tx,
          orgId,
          some.map((d) => d.day),
        );
        held += withDeals.size;
        await onProgress?.(n + some.length, replayed.length);
      }
    });
    await markPartialDays(
      tx,
      orgId,
      replayed.flatMap(({ day, closing }) => (closing ? [{ day, closing }] : [])),
    );
    await closeReplayedValues(tx);
  });
  return { days: held, rows };
}
