import type { Opportunity } from '../../contract/opportunities.ts';
import {
  DEAL_LISTS,
  WIN_LOSS_PAGE,
  type DealList,
  type RetrospectiveAnswer,
  type RetrospectiveBody,
  type WinLoss,
  type WinLossDeal,
  type WinLossFigures,
  type WinLossQuery,
} from '../../contract/win-loss.ts';
import type { Actor } from '../../domain/access.ts';
import { summarizeZones, UNKNOWNS_ZONE, type ZoneSummary } from '../../domain/assessment/headline.ts';
import { toDateOnly } from '../../domain/dates.ts';
import type { ObjectiveKey } from '../../domain/knowledge/objectives.ts';
import { snapshotAsOf } from '../../domain/knowledge/snapshot.ts';
import { convertMinor, missingRates, type RateBook } from '../../domain/money/convert.ts';
import { parsePeriod, previousPeriod, quarterOf } from '../../domain/periods.ts';
import {
  LATE_DAYS,
  lateSnapshotDay,
  probabilityAtClose,
  probabilityAtEndOf,
  SURPRISE_LOSS_FROM,
  SURPRISE_WIN_BELOW,
  unknownsAtClose,
  winLossFigures,
  winLossLessons,
  type ClosedDealFigures,
  findingCodes,
  type ClosedOutcome,
  type UnknownAtClose,
} from '../../domain/review/win-loss.ts';
import { assessAsClosed, assessedAtOf, probabilityHistories, zoneSummaryOf } from '../assessment/index.ts';
import { appendAuditEvents } from '../audit/index.ts';
import { rateBook } from '../currency/index.ts';
import type { AppDeps } from '../deps.ts';
import { AppError, notFound, unprocessable } from '../errors.ts';
import { namesFor } from '../knowledge/index.ts';
import { findOpportunity, listClosedDeals, listOpportunitiesByIds, type ClosedDeal } from '../opportunities/index.ts';
import { inTransaction } from '../transaction.ts';
import { cachedPeople, cachedUserNames } from '../users/index.ts';
import { scopeOf } from './scope.ts';
import * as repo from './win-loss.repo.ts';
import * as analysesRepo from './close-analyses.repo.ts';

// The win/loss review a manager runs after a quarter: the deals closed in it, what was known at
// each close against how it ended, the lessons, and what the losses had in common, per seller and
// team; each deal's retrospective in its seller's words.

const plainUnknowns = (zones: ZoneSummary) =>
  [...zones.headline, ...zones.more].find((z) => z.id === UNKNOWNS_ZONE)?.unknowns ?? [];

/** The day a closed deal's outcome was settled (its last change when no date was given). */
const closedOn = (o: Opportunity) => o.closedDate ?? o.updatedAt.slice(0, 10);

/** Each deal's amount in the reporting currency at its close date's rate; a clear error for a missing rate. */
function convertAtClose(book: RateBook, deals: readonly ClosedDeal[]): Map<string, number> {
  const missing = missingRates(
    book,
    deals.map((d) => ({ currency: d.currency, onDate: d.closedDate })),
  );
  if (missing.length > 0) {
    const list = [...new Set(missing.map((m) => m.currency))].join(', ');
    const days = [...new Set(missing.map((m) => m.onDate))].sort();
    throw unprocessable(
      'currency',
      `No exchange rate to ${book.reportingCurrency} for ${list} on ${days.length === 1 ? days[0] : `${days[0]} and later closing days`}: an admin adds one under Admin › Currency`,
    );
  }
  return new Map(deals.map((d) => [d.id, convertMinor(book, d.amountMinor, d.currency, d.closedDate)!]));
}

/** How many unknowns a seller's or a team's row of the review carries. */
const UNKNOWNS_PER_ROW = 3;

/** Bumped whenever what an analysis finds changes, so that analyses kept before are drawn again. */
const ANALYSIS_VERSION = 1;

/**
 * What each closed deal's analysis finds: the lessons, the probability at the close and before,
 * what was unknown. Kept with a stamp of the deal as last changed and of its stored assessment, and
 * drawn again only for the deals whose stamp no longer holds: any change to a deal or its knowledge
 * re-assesses it. Like its stored assessment, a closed deal's analysis stands as the engine of its
 * last change drew it: a refit months later does not rewrite what a quarter's review found.
 */
async function analysesAtClose(
  deps: AppDeps,
  orgId: string,
  deals: readonly ClosedDeal[],
  period: { from: string; to: string },
): Promise<{ analyses: Map<string, analysesRepo.CloseAnalysis>; drawn: Map<string, analysesRepo.AnalysisDetail> }> {
  const kept = await analysesRepo.listCloseAnalyses(deps.db, orgId, period);
  const stampOf = (o: { updatedAt: string }, assessedAt: string | null | undefined) =>
    `${ANALYSIS_VERSION}|${o.updatedAt}|${assessedAt ?? '-'}`;
  const analyses = new Map<string, analysesRepo.CloseAnalysis>();
  const stale: ClosedDeal[] = [];
  for (const o of deals) {
    const found = kept.get(o.id);
    if (found && found.stamp === stampOf(o, found.assessedAt)) analyses.set(o.id, found);
    else stale.push(o);
  }
  if (stale.length === 0) return { analyses, drawn: new Map() };

  // the stamp is read before the knowledge: a write in between leaves a stamp that no longer holds
  const assessedAt = await assessedAtOf(
    deps.db,
    orgId,
    stale.map((o) => o.id),
  );
  const full = await opportunitiesByIds(deps, orgId, stale);
  const firstRead = new Map(stale.map((d) => [d.id, d]));
  const [{ assessed, dir }, histories] = await Promise.all([
    assessAsClosed(deps, orgId, full),
    probabilityHistories(
      deps.db,
      orgId,
      stale.map((o) => o.id),
    ),
  ]);
  const drawn = full.map((o): analysesRepo.DrawnAnalysis => {
    const { result, snapshot, items: record, facts } = assessed.get(o.id)!;
    const closedDate = closedOn(o);
    const names = namesFor(record, dir);
    const points = histories.get(o.id) ?? [];
    const atClose = probabilityAtClose(points, closedDate);
    const lessons = winLossLessons(
      {
        outcome: o.status as ClosedOutcome,
        createdOn: o.createdAt.slice(0, 10),
        closedDate,
        closeReason: o.closeReason,
        atClose: snapshot,
        before: snapshotAsOf(record, facts, lateSnapshotDay(closedDate)),
        probabilityAtClose: atClose,
      },
      (id) => names.lookup.evaluator(id),
    );
    const notExplored = result.positions.filter((p) => p.knowledgeLevel === 0).map((p) => p.key);
    const detail: analysesRepo.AnalysisDetail = {
      probabilityAtClose: atClose,
      probabilityBefore: probabilityAtEndOf(points, lateSnapshotDay(closedDate)),
      lessons,
      notExplored,
      unknownWords: plainUnknowns(zoneSummaryOf(result, snapshot, names)),
    };
    return {
      opportunityId: o.id,
      closedDate,
      // the deal as first read: if it changed since, the next review draws it again
      stamp: stampOf(firstRead.get(o.id)!, assessedAt.get(o.id)),
      findings: findingCodes(lessons),
      unknownKeys: [
        ...notExplored.map((key) => `o:${key}`),
        // one a line where they are kept
        ...plainUnknowns(summarizeZones(result.dangerZones, result.contributions)).map(
          (words) => `u:${words.replace(/\s+/g, ' ')}`,
        ),
      ],
      detail,
    };
  });
  // kept for the next review (a deal never assessed too: its first assessment changes its stamp)
  await inTransaction(deps, (tx) => analysesRepo.saveCloseAnalyses(tx, orgId, drawn, deps.now().toISOString()));
  for (const a of drawn) analyses.set(a.opportunityId, a);
  return { analyses, drawn: new Map(drawn.map((a) => [a.opportunityId, a.detail])) };
}

/** The whole rows of these deals, in their order (500 a statement). */
async function opportunitiesByIds(
  deps: AppDeps,
  orgId: string,
  deals: readonly { id: string }[],
): Promise<Opportunity[]> {
  const rows = new Map<string, Opportunity>();
  for (let i = 0; i < deals.length; i += 500) {
    const chunk = deals.slice(i, i + 500).map((d) => d.id);
    for (const o of await listOpportunitiesByIds(deps.db, orgId, chunk)) rows.set(o.id, o);
  }
  // a deal deleted between the two reads is left out
  return deals.flatMap((d) => rows.get(d.id) ?? []);
}

const inList = (show: DealList, deal: { outcome: ClosedOutcome; findings: readonly unknown[] }) =>
  show === 'all' ? true : show === 'lessons' ? deal.findings.length > 0 : deal.outcome === show;

/**
 * The win/loss review of a period for a scope: the figures over all its closed deals, and the page
 * of them `show`, `offset` and `limit` ask for (`allDeals`: every deal of the list, for an export).
 */
export async function winLossReview(
  deps: AppDeps,
  actor: Actor,
  query: WinLossQuery,
  options: { allDeals?: boolean } = {},
): Promise<WinLoss> {
  const today = toDateOnly(deps.now());
  const period = query.period ? parsePeriod(query.period)! : previousPeriod(quarterOf(today));
  const show = query.show ?? 'all';
  const offset = options.allDeals ? 0 : (query.offset ?? 0);
  const scope = await scopeOf(deps, actor, query);
  const [book, deals, people, userNames] = await Promise.all([
    rateBook(deps, actor.orgId),
    listClosedDeals(deps.db, actor.orgId, scope.owners, period),
    cachedPeople(deps.db, deps.caches, actor.orgId),
    cachedUserNames(deps.db, deps.caches, actor.orgId),
  ]);
  const values = convertAtClose(book, deals);
  const { analyses, drawn } = await analysesAtClose(deps, actor.orgId, deals, period);
  const money = (amountMinor: number) => ({ amountMinor, currency: book.reportingCurrency });

  // the same few unknowns recur on thousands of deals: each is worded once and shared
  const worded = new Map<string, UnknownAtClose>();
  const once = (key: string, word: () => UnknownAtClose) => {
    let found = worded.get(key);
    if (!found) worded.set(key, (found = word()));
    return found;
  };
  const figures: Array<ClosedDealFigures & { ownerId: string }> = deals.map((o) => {
    const a = analyses.get(o.id)!;
    return {
      ownerId: o.ownerId,
      outcome: o.status,
      valueMinor: values.get(o.id)!,
      findings: a.findings,
      unknowns: a.unknownKeys.map((key) =>
        once(key, () =>
          key.startsWith('o:')
            ? unknownsAtClose([key.slice(2) as ObjectiveKey], [])[0]!
            : unknownsAtClose([], [key.slice(2)])[0]!,
        ),
      ),
    };
  });
  const listed = deals.filter((o) => inList(show, { outcome: o.status, ...analyses.get(o.id)! }));
  const limit = options.allDeals ? listed.length : (query.limit ?? WIN_LOSS_PAGE);
  const listedPage = listed.slice(offset, offset + limit);
  const [page, retrospectives, kept] = await Promise.all([
    opportunitiesByIds(deps, actor.orgId, listedPage),
    repo.listRetrospectives(
      deps.db,
      actor.orgId,
      listedPage.map((o) => o.id),
    ),
    // what the listed deals' analyses show (those drawn just now are at hand)
    analysesRepo.listAnalysisDetails(
      deps.db,
      actor.orgId,
      listedPage.filter((o) => !drawn.has(o.id)).map((o) => o.id),
    ),
  ]);
  const detailOf = (id: string) => drawn.get(id) ?? kept.get(id)!;
  const items = page.map((o): WinLossDeal => {
    const a = detailOf(o.id);
    const retrospective = retrospectives.get(o.id);
    return {
      opportunity: o,
      outcome: o.status as ClosedOutcome,
      closedDate: closedOn(o),
      value: money(values.get(o.id)!),
      probabilityAtClose: a.probabilityAtClose,
      probabilityBefore: a.probabilityBefore,
      lessons: a.lessons,
      notExplored: a.notExplored,
      unknowns: a.unknownWords,
      retrospective: retrospective ? presentRetrospective(retrospective, userNames) : null,
    };
  });

  const inCurrency = (f: ReturnType<typeof winLossFigures>): WinLossFigures => ({
    ...f,
    value: { won: money(f.value.won), lost: money(f.value.lost), noDecision: money(f.value.noDecision) },
  });
  const nameOf = (id: string) => userNames.get(id) ?? 'A former user';
  const groupBy = (key: (ownerId: string) => string) => {
    const groups = new Map<string, typeof figures>();
    for (const f of figures) {
      const id = key(f.ownerId);
      const list = groups.get(id);
      if (list) list.push(f);
      else groups.set(id, [f]);
    }
    return [...groups.entries()].map(([id, list]) => ({ id, list }));
  };
  // a seller's or a team's row names the unknowns that set their losses apart most, not the long tail
  const inRow = (f: ReturnType<typeof winLossFigures>) => ({
    ...inCurrency(f),
    unknowns: f.unknowns.slice(0, UNKNOWNS_PER_ROW),
  });
  // a seller's team is their manager's; someone with reports of their own leads one
  const leads = new Set(people.flatMap((p) => (p.managerId ? [p.managerId] : [])));
  const managerOf = new Map(people.map((p) => [p.id, p.managerId]));
  const teamOf = (ownerId: string) => (leads.has(ownerId) ? ownerId : (managerOf.get(ownerId) ?? ownerId));
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
  const count = (list: DealList) => figures.filter((f) => inList(list, f)).length;

  return {
    scope: { kind: scope.kind, id: scope.id, name: scope.name },
    period: { key: period.key, label: period.label, from: period.from, to: period.to },
    reportingCurrency: book.reportingCurrency,
    thresholds: { surpriseWinBelow: SURPRISE_WIN_BELOW, surpriseLossFrom: SURPRISE_LOSS_FROM, lateDays: LATE_DAYS },
    summary: inCurrency(winLossFigures(figures)),
    sellers: groupBy((id) => id)
      .map(({ id, list }) => ({ id, name: nameOf(id), ...inRow(winLossFigures(list)) }))
      .sort(byName),
    teams: groupBy(teamOf)
      .map(({ id, list }) => ({ id, name: `${nameOf(id)}’s team`, ...inRow(winLossFigures(list)) }))
      .sort(byName),
    deals: items,
    dealsShown: { show, offset, limit, total: listed.length },
    dealCounts: Object.fromEntries(DEAL_LISTS.map((list) => [list, count(list)])) as Record<DealList, number>,
  };
}

function presentRetrospective(
  r: repo.StoredRetrospective,
  names: ReadonlyMap<string, string>,
): NonNullable<WinLossDeal['retrospective']> {
  return {
    text: r.text,
    version: r.version,
    updatedBy: r.updatedBy,
    updatedByName: names.get(r.updatedBy) ?? 'A former user',
    updatedAt: r.updatedAt,
  };
}

/** A retrospective changed by someone else since it was read: 409 with it as it now is (or none). */
function staleRetrospective(current: repo.StoredRetrospective | undefined, names: ReadonlyMap<string, string>) {
  return new AppError(
    'version-conflict',
    current
      ? `${names.get(current.updatedBy) ?? 'Someone'} changed this retrospective since you opened it. Read theirs and apply yours again.`
      : 'This deal has no retrospective yet: write the first one without a version.',
    { current: current ? { opportunityId: current.opportunityId, ...presentRetrospective(current, names) } : null },
  );
}

/**
 * The seller's retrospective on a closed deal: whoever may change the deal may write it (its owner,
 * their managers, an administrator). The first is written without a version, each next one with
 * the version last seen; the change is audited on the deal.
 */
export async function putRetrospective(
  deps: AppDeps,
  actor: Actor,
  opportunityId: string,
  body: RetrospectiveBody,
): Promise<RetrospectiveAnswer> {
  const at = deps.now().toISOString();
  const names = await cachedUserNames(deps.db, deps.caches, actor.orgId);
  return inTransaction(deps, async (tx) => {
    const deal = await findOpportunity(tx, actor, opportunityId);
    if (!deal) throw notFound('Opportunity');
    if (deal.status === 'open')
      throw unprocessable('status', 'Only a closed deal has a retrospective: this one is still open');
    const current = await repo.findRetrospective(tx, actor.orgId, deal.id);
    if ((current?.version ?? undefined) !== body.version) throw staleRetrospective(current, names);
    if (current && current.text === body.text)
      return { opportunityId: deal.id, ...presentRetrospective(current, names) };
    const change = { text: body.text, by: actor.userId, at };
    if (!current) await repo.insertRetrospective(tx, { orgId: actor.orgId, opportunityId: deal.id, ...change });
    else if (
      !(await repo.updateRetrospectiveAtVersion(
        tx,
        { orgId: actor.orgId, opportunityId: deal.id, version: current.version },
        change,
      ))
    )
      throw staleRetrospective(await repo.findRetrospective(tx, actor.orgId, deal.id), names);
    await appendAuditEvents(tx, [
      {
        orgId: actor.orgId,
        entityType: 'opportunity',
        entityId: deal.id,
        action: 'update',
        actorId: actor.userId,
        at,
        changes: [{ field: 'retrospective', from: current?.text ?? null, to: body.text }],
      },
    ]);
    const written = {
      opportunityId: deal.id,
      text: body.text,
      version: (current?.version ?? 0) + 1,
      updatedBy: actor.userId,
      updatedAt: at,
    };
    return { opportunityId: deal.id, ...presentRetrospective(written, names) };
  });
}
