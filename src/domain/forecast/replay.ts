import { addDays } from '../dates.ts';
import { START_WINDOW_DAYS } from './accuracy.ts';
import { nextPeriod, parsePeriod, previousPeriod, quarterOf } from '../periods.ts';

// The past an organization brings with it (an import), replayed as the snapshots the nightly job
// would have taken had it been there: which days, and what each deal looked like at the end of one.

/**
 * How many quarters back a replay reaches: the accuracy view reads at most twelve periods and
 * opens on five. Each replayed day writes every deal open then (tens of thousands in a large
 * import), so the days are few: eight quarters keep a 100,000-deal import's replay to seconds.
 */
export const REPLAYED_QUARTERS = 8;

/**
 * The days to replay between `first` and `last` (both included): the first day of each month of
 * the last REPLAYED_QUARTERS quarters up to `last` (a month's or a quarter's call is read from
 * it, and its trend month by month), and every seventh day from the first of the quarter holding
 * `last` (the quarter the nightly snapshots then carry on week by week).
 */
export function replayDays(first: string, last: string): string[] {
  if (first > last) return [];
  const lastQuarter = quarterOf(last);
  let quarter = lastQuarter;
  for (let i = 1; i < REPLAYED_QUARTERS && quarter.from > first; i++) quarter = previousPeriod(quarter);
  const days = new Set<string>();
  for (let month = parsePeriod(quarter.from.slice(0, 7))!; month.from <= last; month = nextPeriod(month))
    days.add(month.from);
  for (let day = lastQuarter.from; day <= last; day = addDays(day, 7)) days.add(day);
  return [...days].filter((d) => d >= quarterOf(first).from).sort();
}

/**
 * The one of a replay's `days` (up to `last`, the day before the organization came) whose snapshot
 * keeps every deal open then: the latest on or before a week before it came, else the first. A
 * review with no earlier one compares with the latest whole snapshot a week old or older
 * (reviews/baseline.ts): in an organization's first week, this one.
 */
export function wholeDay(days: readonly string[], last: string): string | undefined {
  const weekBefore = addDays(last, -6);
  return days.filter((d) => d <= weekBefore).at(-1) ?? days[0];
}

/** The expected close dates a replayed day's snapshot keeps deals of, both included. */
export type ReplayedClosing = { from: string; to: string };

/**
 * Which deals open at the end of replayed `day` its snapshot keeps: every one (null) on `whole`
 * (wholeDay); on the other days, those then expected to close, or since won,
 * from the first day of the day's quarter to the last of the quarter a START_WINDOW_DAYS later. That
 * is all the forecast reads of such a day: a month's or quarter's call, trend and waterfall read the
 * days in the period or within START_WINDOW_DAYS of its start (accuracy.ts startDay), and such a
 * period lies within those dates; the call reads the deals expected to close in the period, the
 * waterfall those and the deals won in it (whether one was open on the day tells a deal pulled in
 * from one created since). A day's figures per seller count every deal open then, whatever the day
 * keeps. A large import's open deals mostly close after the quarters it replays: keeping them on
 * every day wrote a million rows nothing read.
 */
export function replayedClosing(day: string, whole: string | undefined): ReplayedClosing | null {
  if (day === whole) return null;
  return { from: quarterOf(day).from, to: quarterOf(addDays(day, START_WINDOW_DAYS)).to };
}

/** Whether a replayed day keeping `closing` keeps `deal`, expected then to close on `closeThen`. */
export function keepsDeal(closing: ReplayedClosing | null, deal: ReplayedDeal, closeThen: string): boolean {
  if (closing === null) return true;
  const within = (date: string | null) => date !== null && date >= closing.from && date <= closing.to;
  return within(closeThen) || (deal.status === 'won' && within(deal.closedDate));
}

/** A change of one of a deal's values (its stage, amount, expected close date), as its history records it. */
export type ValueChange<T> = { on: string; from: T | null; to: T };
export type StageChange = ValueChange<string>;

/**
 * The value a deal held by the end of `day`: the last change on or before it, else what the first
 * change moved from (when unrecorded, what it moved to), else the value it has now. `changes` are
 * in the order they happened.
 */
export function valueOn<T>(changes: ReadonlyArray<ValueChange<T>>, day: string, current: T): T {
  let value: T | null = null;
  for (const change of changes) {
    if (change.on > day) break;
    value = change.to;
  }
  if (value !== null) return value;
  const first = changes[0];
  return first ? (first.from ?? first.to) : current;
}

/** The stage a deal stood at by the end of `day` (where the first change moved from: the stage it was created in). */
export function stageOn(changes: readonly StageChange[], day: string, current: string): string {
  return valueOn(changes, day, current);
}

/** What a replayed day may show of a deal other than what it holds now. */
export type ReplayedValues = { stageId: string; amountMinor: number; expectedCloseDate: string };

/** A deal's recorded changes of each replayed value, each list in the order they happened. */
export type ValueHistory = { [K in keyof ReplayedValues]: Array<ValueChange<ReplayedValues[K]>> };

/**
 * The values of a deal at the end of `day` that differ from what it holds now (`now`): its stage,
 * amount and expected close date as its history says they stood then (`valueOn`). Empty when the
 * day shows the deal as it is now.
 */
export function valuesOn(history: ValueHistory, day: string, now: ReplayedValues): Partial<ReplayedValues> {
  const then: Partial<ReplayedValues> = {};
  const stageId = valueOn(history.stageId, day, now.stageId);
  if (stageId !== now.stageId) then.stageId = stageId;
  const amountMinor = valueOn(history.amountMinor, day, now.amountMinor);
  if (amountMinor !== now.amountMinor) then.amountMinor = amountMinor;
  const expectedCloseDate = valueOn(history.expectedCloseDate, day, now.expectedCloseDate);
  if (expectedCloseDate !== now.expectedCloseDate) then.expectedCloseDate = expectedCloseDate;
  return then;
}

/** A deal as a replay reads it: when it was created and closed. */
export type ReplayedDeal = {
  id: string;
  createdOn: string;
  status: string;
  closedDate: string | null;
};

/** Whether a deal was open at the end of `day`: created by then, and still open or closed after it. */
export function isOpenOn(deal: ReplayedDeal, day: string): boolean {
  return deal.createdOn <= day && (deal.status === 'open' || (deal.closedDate !== null && deal.closedDate > day));
}
