import type { Opportunity } from '../../contract/opportunities.ts';
import type { ReviewItem, TopReview, TopReviewQuery } from '../../contract/reviews.ts';
import type { Actor } from '../../domain/access.ts';
import type { Assessment } from '../../domain/assessment/engine.ts';
import { UNKNOWNS_ZONE } from '../../domain/assessment/headline.ts';
import { toDateOnly } from '../../domain/dates.ts';
import { dealChange, type ChangeView, type DealThen } from '../../domain/review/changes.ts';
import { zoneNameOf } from '../../domain/assessment/catalog.ts';
import { describeValue } from '../../domain/knowledge/display.ts';
import { fieldDef } from '../../domain/knowledge/schema.ts';
import type { KnowledgeItem, KnowledgeSnapshot } from '../../domain/knowledge/snapshot.ts';
import { conversionFactors, convertMinor } from '../../domain/money/convert.ts';
import { parsePeriod } from '../../domain/periods.ts';
import { reviewAnswers } from '../../domain/review/answers.ts';
import { assessWithMoves, zoneSummaryOf } from '../assessment/index.ts';
import { rateBook, requireRates } from '../currency/index.ts';
import type { AppDeps } from '../deps.ts';
import { namesFor, type Directory } from '../knowledge/index.ts';
import { listOpportunitiesByIds } from '../opportunities/index.ts';
import { cachedUserNames } from '../users/index.ts';
import { listActions } from './actions.repo.ts';
import { changeViewOf, chooseBaseline } from './baseline.ts';
import { baselineDeals } from './meetings.repo.ts';
import { presentActions } from './actions.service.ts';
import { openMarks } from './marks.repo.ts';
import { presentMarks } from './marks.service.ts';
import * as repo from './reviews.repo.ts';
import { scopeOf } from './scope.ts';

// The pipeline review a manager runs the meeting from: the top open deals of a team, a seller or
// the organization, each answering the five questions at a glance, in one currency.

export async function topReview(deps: AppDeps, actor: Actor, query: TopReviewQuery): Promise<TopReview> {
  const period = query.period ? parsePeriod(query.period) : null;
  const scope = await scopeOf(deps, actor, query);
  const today = toDateOnly(deps.now());
  const where: repo.ReviewScope = { orgId: actor.orgId, owners: scope.owners, period };
  const book = await rateBook(deps, actor.orgId);
  const top = await repo.topOpenDeals(deps.db, where, query.rank, query.limit, conversionFactors(book, today));
  if (top.unconverted > 0) {
    // some deal's currency has no rate today: name them rather than mix currencies
    const currencies = await repo.currenciesInScope(deps.db, where);
    requireRates(
      book,
      currencies.map((currency) => ({ currency, onDate: today })),
    );
  }
  const ids = top.ids;
  const opportunities = await listOpportunitiesByIds(deps.db, actor.orgId, ids);
  const byId = new Map(opportunities.map((o) => [o.id, o]));
  const ranked = ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
  // what "since" compares with, and how it held these deals, read beside the assessments
  const since = cachedUserNames(deps.db, deps.caches, actor.orgId)
    .then((names) => chooseBaseline(deps, actor.orgId, scope, { today, names }))
    .then(async (chosen) => ({
      chosen,
      then: chosen.kind === 'none' ? new Map<string, DealThen>() : await baselineDeals(deps.db, chosen.baseline, ids),
    }));
  const [{ assessed, dir }, agreed, { chosen, then }, marks] = await Promise.all([
    assessWithMoves(deps, actor.orgId, ranked),
    listActions(deps.db, actor.orgId, ids).then((stored) =>
      presentActions(
        deps,
        actor.orgId,
        stored.filter((a) => a.doneAt === null),
      ),
    ),
    since,
    openMarks(deps.db, actor.orgId, ids).then((stored) => presentMarks(deps, actor.orgId, stored)),
  ]);
  const view =
    chosen.kind === 'none' ? null : changeViewOf(chosen, scope, period && { from: period.from, to: period.to });
  const items = ranked.map((opportunity): ReviewItem => {
    const { result, snapshot, items: record, ctx } = assessed.get(opportunity.id)!;
    const value = convertMinor(book, opportunity.amountMinor, opportunity.currency, today)!;
    return {
      opportunity: {
        ...opportunity,
        winProbability: result.winProbability,
        coverageIndex: result.coverageIndex,
        topSeverity: result.dangerZones[0]?.severity ?? null,
      },
      value: { amountMinor: value, currency: book.reportingCurrency },
      weightedValue: { amountMinor: Math.round(value * result.winProbability), currency: book.reportingCurrency },
      ...answersOf(result, snapshot, record, dir),
      actions: agreed.filter((a) => a.opportunityId === opportunity.id),
      marks: marks.filter((m) => m.opportunityId === opportunity.id),
      sinceLastReview: sinceLastReviewOf(
        chosen.kind === 'none' || !view ? null : { view, since: chosen.since, then: then.get(opportunity.id) ?? null },
        opportunity,
        result,
      ),
    };
  });
  return {
    scope: { kind: scope.kind, id: scope.id, name: scope.name },
    period: period ? { key: period.key, label: period.label, from: period.from, to: period.to } : null,
    rank: query.rank,
    reportingCurrency: book.reportingCurrency,
    since: chosen.shown,
    openDeals: top.deals,
    pipeline: { amountMinor: top.pipelineMinor, currency: book.reportingCurrency },
    weightedPipeline: { amountMinor: top.weightedMinor, currency: book.reportingCurrency },
    items,
  };
}

/** The five answers, the zones, what we don't know and the best next move, in words and names. */
function answersOf(
  a: Assessment,
  snapshot: KnowledgeSnapshot,
  record: readonly KnowledgeItem[],
  dir: Directory,
): Omit<ReviewItem, 'opportunity' | 'value' | 'weightedValue' | 'actions' | 'marks' | 'sinceLastReview'> {
  const names = namesFor(record, dir);
  const championId = a.signals.championExists === true ? (a.evidence.championExists?.items[0] ?? null) : null;
  const answers = reviewAnswers(snapshot, championId);
  const evaluatorName = (id: string) => names.lookup.evaluator(id);
  const optionName = (id: string | null) => (id === null ? null : names.lookup.alternative(id));
  const zones = zoneSummaryOf(a, snapshot, names);
  const move = a.recommendations[0];
  return {
    winProbability: a.winProbability,
    band: a.band,
    stageProbability: a.stageProbability / 100,
    sellerProbability: a.sellerProbability === null ? null : a.sellerProbability / 100,
    coverageIndex: a.coverageIndex,
    basis: [...a.contributions]
      .sort((x, y) => Math.abs(y.points) - Math.abs(x.points))
      .slice(0, 3)
      .map((c) => ({ reason: c.reason, points: c.points })),
    evaluators: answers.evaluators.map((e) => ({
      evaluatorId: e.evaluatorId,
      name: evaluatorName(e.evaluatorId),
      title: e.contactId ? (dir.contacts.get(e.contactId)?.title ?? null) : null,
      roles: e.roles,
      influence: e.influence,
      support: e.support,
      favours: optionName(e.favours),
      isEconomicBuyer: e.isEconomicBuyer,
      isChampion: e.isChampion,
    })),
    alternatives: answers.alternatives.map((alt) => ({
      id: alt.id,
      name: alt.name,
      kind: alt.kind,
      favouredBy: alt.favouredBy.map(evaluatorName),
      threat: alt.threat,
    })),
    businessIssues: answers.businessIssues.map((issue) => ({
      title: issue.title,
      category: issue.category,
      impact: issue.impact ? describeValue(fieldDef('business_issue', 'impact')!, issue.impact, names.lookup) : null,
      impactUnknown: issue.impactUnknown,
      impactAgreed: issue.impactAgreed,
      ourImpact: issue.ourImpact,
      owner: issue.ownerId ? evaluatorName(issue.ownerId) : null,
    })),
    decisionCriteria: answers.decisionCriteria.map((c) => ({
      title: c.title,
      weight: c.weight,
      mandatory: c.mandatory,
      ourFit: c.ourFit,
      bestOther: c.bestOther ? { name: optionName(c.bestOther.alternativeId)!, fit: c.bestOther.fit } : null,
    })),
    dangerZones: zones.headline,
    unknowns: [...zones.headline, ...zones.more].find((z) => z.id === UNKNOWNS_ZONE)?.unknowns ?? [],
    notExplored: a.positions.filter((p) => p.knowledgeLevel === 0).map((p) => p.key),
    nextMove: move
      ? {
          action: move.action,
          question: move.question,
          askName:
            move.ask.evaluatorId && !move.ask.evaluatorId.startsWith('what-if')
              ? evaluatorName(move.ask.evaluatorId)
              : null,
          askRole: move.ask.role,
          gain: move.gain,
        }
      : null,
  };
}

/** What changed on one deal of the review since the baseline, as the changes beside it tell it. */
function sinceLastReviewOf(
  compared: { view: ChangeView; since: string; then: DealThen | null } | null,
  opportunity: Opportunity,
  result: Assessment,
): ReviewItem['sinceLastReview'] {
  const none = { added: null, winProbability: null, closeDate: null, newZones: [], resolvedZones: [] };
  if (!compared) return none;
  const change = dealChange(
    compared.then,
    {
      ownerId: opportunity.ownerId,
      expectedCloseDate: opportunity.expectedCloseDate,
      status: opportunity.status,
      isDeleted: false,
      createdAt: opportunity.createdAt,
      winProbability: result.winProbability,
      zoneIds: result.dangerZones.map((z) => z.id),
    },
    compared.view,
    compared.since,
  );
  return {
    added: change.added,
    winProbability: change.added ? null : (compared.then?.winProbability ?? null),
    closeDate: change.closeDate,
    newZones: (change.zones?.entered ?? []).map(zoneNameOf),
    resolvedZones: (change.zones?.resolved ?? []).map(zoneNameOf),
  };
}
