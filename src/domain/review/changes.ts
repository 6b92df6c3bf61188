import type { OpportunityStatus } from '../enums.ts';

// What changed on a deal between the last pipeline review (or a day's snapshot) and now, as the
// next review reads it: whether it joined or left the view, and why; a probability move worth
// talking about; a close date pushed out or pulled in; danger zones entered and resolved.

/** A move of the win probability smaller than this is noise in a review. */
export const MOVE_WORTH_NOTING = 0.05;

export const ADDED_WHY = ['new', 'into_period', 'into_scope'] as const;
export type AddedWhy = (typeof ADDED_WHY)[number];
export const DROPPED_WHY = ['won', 'lost', 'no_decision', 'out_of_period', 'out_of_scope', 'deleted'] as const;
export type DroppedWhy = (typeof DROPPED_WHY)[number];

/** A deal as the baseline saw it. */
export type DealThen = {
  ownerId: string;
  expectedCloseDate: string;
  winProbability: number | null;
  zoneIds: readonly string[];
};

/** The same deal now. */
export type DealNow = DealThen & { status: OpportunityStatus; isDeleted: boolean; createdAt: string };

/** Whose deals and which close dates the view holds; `ownersThen` may differ (a review kept its own deals). */
export type ChangeView = {
  owners: 'all' | ReadonlySet<string>;
  ownersThen: 'all' | ReadonlySet<string>;
  period: { from: string; to: string } | null;
};

export type DealChange = {
  added: AddedWhy | null;
  dropped: DroppedWhy | null;
  probability: { from: number; to: number } | null;
  closeDate: { from: string; to: string; direction: 'pushed' | 'pulled_in' } | null;
  zones: { entered: string[]; resolved: string[] } | null;
};

const inPeriod = (view: ChangeView, day: string) => !view.period || (day >= view.period.from && day <= view.period.to);
const ownedIn = (owners: ChangeView['owners'], id: string) => owners === 'all' || owners.has(id);

/**
 * How one deal changed. `then` is null when the baseline did not hold the deal at all; `since` is
 * when the baseline was taken (a deal created after it is new).
 */
export function dealChange(then: DealThen | null, now: DealNow, view: ChangeView, since: string): DealChange {
  const wasIn = then !== null && ownedIn(view.ownersThen, then.ownerId) && inPeriod(view, then.expectedCloseDate);
  const isIn =
    !now.isDeleted &&
    now.status === 'open' &&
    ownedIn(view.owners, now.ownerId) &&
    inPeriod(view, now.expectedCloseDate);
  const none: DealChange = { added: null, dropped: null, probability: null, closeDate: null, zones: null };
  if (!wasIn && !isIn) return none;
  if (!wasIn) return { ...none, added: whyAdded(then, now, view, since) };
  if (!isIn) return { ...none, dropped: whyDropped(now, view) };
  return {
    ...none,
    probability:
      then.winProbability !== null &&
      now.winProbability !== null &&
      Math.abs(now.winProbability - then.winProbability) >= MOVE_WORTH_NOTING - 1e-9
        ? { from: then.winProbability, to: now.winProbability }
        : null,
    closeDate:
      then.expectedCloseDate === now.expectedCloseDate
        ? null
        : {
            from: then.expectedCloseDate,
            to: now.expectedCloseDate,
            direction: now.expectedCloseDate > then.expectedCloseDate ? 'pushed' : 'pulled_in',
          },
    zones: zoneChange(then.zoneIds, now.zoneIds),
  };
}

function whyAdded(then: DealThen | null, now: DealNow, view: ChangeView, since: string): AddedWhy {
  if (now.createdAt > since) return 'new';
  if (then !== null && ownedIn(view.ownersThen, then.ownerId) && !inPeriod(view, then.expectedCloseDate))
    return 'into_period';
  // reassigned to someone in the view, reopened, or open then but outside the view
  return 'into_scope';
}

function whyDropped(now: DealNow, view: ChangeView): DroppedWhy {
  if (now.isDeleted) return 'deleted';
  if (now.status !== 'open') return now.status;
  if (!ownedIn(view.owners, now.ownerId)) return 'out_of_scope';
  return 'out_of_period';
}

function zoneChange(then: readonly string[], now: readonly string[]): DealChange['zones'] {
  const before = new Set(then);
  const after = new Set(now);
  const entered = [...after].filter((id) => !before.has(id));
  const resolved = [...before].filter((id) => !after.has(id));
  return entered.length + resolved.length === 0 ? null : { entered, resolved };
}

/** Each cause's share of a probability's move: the steps of its kept history, summed by cause, largest first. */
export function movesByCause(
  start: number,
  steps: ReadonlyArray<{ winProbability: number; cause: string }>,
): Array<{ text: string; points: number }> {
  const byCause = new Map<string, number>();
  let before = start;
  for (const step of steps) {
    byCause.set(step.cause, (byCause.get(step.cause) ?? 0) + (step.winProbability - before) * 100);
    before = step.winProbability;
  }
  return [...byCause]
    .map(([text, points]) => ({ text, points: Math.round(points) }))
    .filter((c) => c.points !== 0)
    .sort((a, b) => Math.abs(b.points) - Math.abs(a.points));
}
