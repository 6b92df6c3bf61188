import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { ChangesQuery, meetingBodySchema, ReviewChanges, ReviewMeeting } from '../../contract/review-meetings.ts';
import type { Actor } from '../../domain/access.ts';
import { zoneNameOf } from '../../domain/assessment/catalog.ts';
import { toDateOnly } from '../../domain/dates.ts';
import { convertMinor } from '../../domain/money/convert.ts';
import { parsePeriod } from '../../domain/periods.ts';
import {
  dealChange,
  MOVE_WORTH_NOTING,
  movesByCause,
  type ChangeView,
  type DealChange,
} from '../../domain/review/changes.ts';
import { describeCause, historyStepsAfter } from '../assessment/index.ts';
import { rateBook } from '../currency/index.ts';
import type { AppDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { inTransaction } from '../transaction.ts';
import { cachedUserNames } from '../users/index.ts';
import { chooseBaseline, changeViewOf } from './baseline.ts';
import { openMarksInScope, type MarkedDeal } from './marks.repo.ts';
import { presentMarks } from './marks.service.ts';
import * as repo from './meetings.repo.ts';
import { scopeOf } from './scope.ts';

// The review as a meeting: a manager records it held, which keeps every open deal of the scope as
// it stood and takes up the marks on them; the next review shows what changed since (or, before
// any review, since the snapshot a week ago).

/** Each list of changes holds at most this many deals, the most valuable first. */
const LIST_LIMIT = 50;

export async function recordReview(
  deps: AppDeps,
  actor: Actor,
  body: z.infer<typeof meetingBodySchema>,
): Promise<ReviewMeeting> {
  if (actor.role === 'seller') throw new AppError('forbidden', 'Only a manager or an admin records a review');
  const scope = await scopeOf(deps, actor, body);
  const meeting: repo.StoredMeeting = {
    id: randomUUID(),
    scopeKey: scope.key,
    heldBy: actor.userId,
    heldAt: deps.now().toISOString(),
  };
  const recorded = await inTransaction(deps, (tx) => repo.recordMeeting(tx, actor.orgId, meeting, scope.owners));
  const names = await cachedUserNames(deps.db, deps.caches, actor.orgId);
  return {
    id: meeting.id,
    heldAt: meeting.heldAt,
    heldByName: names.get(actor.userId) ?? 'You',
    deals: recorded.deals,
    marksDiscussed: recorded.marks,
  };
}

/** What changed in a scope's pipeline since its last review (or since `since`, or a week ago). */
export async function reviewChanges(deps: AppDeps, actor: Actor, query: ChangesQuery): Promise<ReviewChanges> {
  const period = query.period ? parsePeriod(query.period) : null;
  const scope = await scopeOf(deps, actor, query);
  const today = toDateOnly(deps.now());
  if (query.since && query.since > today)
    throw new AppError('invalid-input', 'since: choose today or an earlier day', {
      fields: { since: 'Choose today or an earlier day' },
    });
  const [book, names, marked] = await Promise.all([
    rateBook(deps, actor.orgId),
    cachedUserNames(deps.db, deps.caches, actor.orgId),
    openMarksInScope(deps.db, actor.orgId, scope.owners),
  ]);
  const chosen = await chooseBaseline(deps, actor.orgId, scope, { today, day: query.since, names });
  const toMoney = (amountMinor: number, currency: string) => {
    const value = convertMinor(book, amountMinor, currency, today);
    return value === null ? null : { amountMinor: value, currency: book.reportingCurrency };
  };
  const ownerName = (id: string) => names.get(id) ?? 'Former colleague';
  const toDiscuss = await discussionList(deps, actor.orgId, marked, toMoney, ownerName);
  if (chosen.kind === 'none')
    return {
      baseline: chosen.shown,
      dealsThen: null,
      reportingCurrency: book.reportingCurrency,
      added: [],
      dropped: [],
      moved: [],
      closeDates: [],
      zones: [],
      toDiscuss,
      counts: { added: 0, dropped: 0, moved: 0, closeDates: 0, zones: 0 },
    };
  const { baseline, since } = chosen;
  const window = period && { from: period.from, to: period.to };
  const view: repo.ViewFilter = {
    orgId: actor.orgId,
    owners: scope.owners,
    filterBaselineOwners: baseline.kind === 'snapshot',
    period: window,
  };
  const [deals, changed] = await Promise.all([
    repo.countBaseline(deps.db, baseline, view),
    repo.changedDeals(deps.db, baseline, view, MOVE_WORTH_NOTING),
  ]);
  const changeView = changeViewOf(chosen, scope, window);
  // each deal as the lists name it, its value converted once
  const compared = changed.map((deal) => ({
    deal,
    ref: {
      id: deal.id,
      name: deal.name,
      accountName: deal.accountName,
      ownerName: ownerName(deal.now.ownerId),
      value: toMoney(deal.amountMinor, deal.currency),
      amount: { amountMinor: deal.amountMinor, currency: deal.currency },
    },
    change: dealChange(deal.then, deal.now, changeView, since),
  }));
  type Compared = (typeof compared)[number];
  // the most valuable first; a deal without a rate goes by its own amount
  const valueOf = (c: Compared) => c.ref.value?.amountMinor ?? c.deal.amountMinor;
  const byValue = (a: Compared, b: Compared) => valueOf(b) - valueOf(a);
  const having = <K extends keyof DealChange>(key: K) =>
    compared.filter((c): c is Compared & { change: DealChange & Record<K, NonNullable<DealChange[K]>> } =>
      Boolean(c.change[key]),
    );

  const added = having('added').sort(byValue);
  const dropped = having('dropped').sort(byValue);
  const moved = having('probability').sort(
    (a, b) =>
      Math.abs(b.change.probability.to - b.change.probability.from) -
      Math.abs(a.change.probability.to - a.change.probability.from),
  );
  const closeDates = having('closeDate').sort(byValue);
  const zones = having('zones').sort(byValue);

  const shownMoves = moved.slice(0, LIST_LIMIT);
  const steps = await historyStepsAfter(
    deps.db,
    actor.orgId,
    shownMoves.map((m) => m.deal.id),
    since,
  );
  return {
    baseline: chosen.shown,
    dealsThen: deals,
    reportingCurrency: book.reportingCurrency,
    added: added.slice(0, LIST_LIMIT).map(({ deal, ref, change }) => ({
      ...ref,
      why: change.added,
      winProbability: deal.now.winProbability,
    })),
    dropped: dropped.slice(0, LIST_LIMIT).map(({ deal, ref, change }) => ({
      ...ref,
      why: change.dropped,
      winProbabilityThen: deal.then?.winProbability ?? null,
    })),
    moved: shownMoves.map(({ deal, ref, change }) => ({
      ...ref,
      ...change.probability,
      reasons: movesByCause(
        change.probability.from,
        (steps.get(deal.id) ?? []).map((s) => ({
          winProbability: s.winProbability,
          cause: s.cause ? describeCause(s.cause, names) : 'Reassessed',
        })),
      ).slice(0, 3),
    })),
    closeDates: closeDates.slice(0, LIST_LIMIT).map(({ ref, change }) => ({ ...ref, ...change.closeDate })),
    zones: zones.slice(0, LIST_LIMIT).map(({ ref, change }) => ({
      ...ref,
      entered: change.zones.entered.map(zoneNameOf),
      resolved: change.zones.resolved.map(zoneNameOf),
    })),
    toDiscuss,
    counts: {
      added: added.length,
      dropped: dropped.length,
      moved: moved.length,
      closeDates: closeDates.length,
      zones: zones.length,
    },
  };
}

/** The deals with open marks, each once with its marks, the longest waiting first. */
async function discussionList(
  deps: AppDeps,
  orgId: string,
  marked: readonly MarkedDeal[],
  toMoney: (amountMinor: number, currency: string) => { amountMinor: number; currency: string } | null,
  ownerName: (id: string) => string,
): Promise<ReviewChanges['toDiscuss']> {
  const presented = await presentMarks(deps, orgId, marked);
  const byDeal = new Map<string, ReviewChanges['toDiscuss'][number]>();
  marked.forEach((m, k) => {
    const entry = byDeal.get(m.opportunityId) ?? {
      id: m.opportunityId,
      name: m.deal.name,
      accountName: m.deal.accountName,
      ownerName: ownerName(m.deal.ownerId),
      value: toMoney(m.deal.amountMinor, m.deal.currency),
      amount: { amountMinor: m.deal.amountMinor, currency: m.deal.currency },
      marks: [],
    };
    entry.marks.push(presented[k]!);
    byDeal.set(m.opportunityId, entry);
  });
  return [...byDeal.values()].slice(0, LIST_LIMIT);
}
