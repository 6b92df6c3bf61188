import type { ReviewItem, TopReview, TopReviewQuery } from '../../contract/reviews.ts';
import { canSeeOwner, descendantsOf, type Actor } from '../../domain/access.ts';
import type { Assessment } from '../../domain/assessment/engine.ts';
import { UNKNOWNS_ZONE } from '../../domain/assessment/headline.ts';
import { toDateOnly } from '../../domain/dates.ts';
import { describeValue } from '../../domain/knowledge/display.ts';
import { fieldDef } from '../../domain/knowledge/schema.ts';
import type { KnowledgeItem, KnowledgeSnapshot } from '../../domain/knowledge/snapshot.ts';
import { convertMinor, missingRates, type RateBook } from '../../domain/money/convert.ts';
import { parsePeriod } from '../../domain/periods.ts';
import { reviewAnswers } from '../../domain/review/answers.ts';
import { assessWithMoves, zoneSummaryOf } from '../assessment/index.ts';
import { rateBook } from '../currency/index.ts';
import type { AppDeps } from '../deps.ts';
import { AppError, unprocessable } from '../errors.ts';
import { namesFor, type Directory } from '../knowledge/index.ts';
import { listOpportunitiesByIds } from '../opportunities/index.ts';
import { findOrganization } from '../organizations/index.ts';
import { cachedPeople } from '../users/index.ts';
import * as repo from './reviews.repo.ts';

// The pipeline review a manager runs the meeting from: the top open deals of a team, a seller or
// the organization, each answering the five questions at a glance, in one currency.

/** Whose deals a review covers, checked against what the actor may see (the win/loss review's too). */
export async function scopeOf(deps: AppDeps, actor: Actor, query: Pick<TopReviewQuery, 'team' | 'owner'>) {
  if (query.team && query.owner)
    throw new AppError('invalid-input', 'Give a team or an owner, not both', {
      fields: { owner: 'Give a team or an owner, not both' },
    });
  const people = await cachedPeople(deps.db, deps.caches, actor.orgId);
  const person = (id: string, field: 'team' | 'owner') => {
    const found = people.find((p) => p.id === id);
    // someone of another organization, or outside the actor's hierarchy, is not there for them
    if (!found || !canSeeOwner(actor, id))
      throw new AppError('not-found', `${field}: nobody you can see has this id`, {
        fields: { [field]: 'Nobody you can see has this id' },
      });
    return found;
  };
  if (query.owner) {
    const owner = person(query.owner, 'owner');
    return { owners: [owner.id], kind: 'owner' as const, id: owner.id, name: owner.name };
  }
  const rootId = query.team ?? (actor.visibleOwnerIds === 'all' ? null : actor.userId);
  if (rootId === null) {
    const org = await findOrganization(deps.db, actor.orgId);
    return { owners: 'all' as const, kind: 'organization' as const, id: null, name: org?.name ?? 'Organization' };
  }
  const root = person(rootId, 'team');
  const team = [root.id, ...descendantsOf(root.id, people)].filter((id) => canSeeOwner(actor, id));
  return team.length === 1
    ? { owners: team, kind: 'owner' as const, id: root.id, name: root.name }
    : { owners: team, kind: 'team' as const, id: root.id, name: `${root.name}’s team` };
}

/** Reporting-currency minor units per minor unit of each currency, today; a clear error for a missing rate. */
function factorsFor(book: RateBook, currencies: readonly string[], today: string): repo.Factors {
  const missing = missingRates(
    book,
    currencies.map((currency) => ({ currency, onDate: today })),
  );
  if (missing.length > 0) {
    const list = missing.map((m) => m.currency).join(', ');
    throw unprocessable(
      'currency',
      `No exchange rate to ${book.reportingCurrency} on ${today} for ${list}: an admin adds one under Admin › Currency`,
    );
  }
  // a million minor units converted, so the factor keeps six digits beyond the rounding
  return new Map(currencies.map((currency) => [currency, convertMinor(book, 1_000_000, currency, today)! / 1_000_000]));
}

export async function topReview(deps: AppDeps, actor: Actor, query: TopReviewQuery): Promise<TopReview> {
  const period = query.period ? parsePeriod(query.period) : null;
  const scope = await scopeOf(deps, actor, query);
  const today = toDateOnly(deps.now());
  const where: repo.ReviewScope = { orgId: actor.orgId, owners: scope.owners, period };
  const [book, byCurrency] = await Promise.all([rateBook(deps, actor.orgId), repo.pipelineByCurrency(deps.db, where)]);
  const factors = factorsFor(
    book,
    byCurrency.map((c) => c.currency),
    today,
  );
  const inReporting = (minor: number, currency: string) => Math.round(minor * factors.get(currency)!);
  const ids = await repo.topOpenDeals(deps.db, where, query.rank, query.limit, factors);
  const opportunities = await listOpportunitiesByIds(deps.db, actor.orgId, ids);
  const byId = new Map(opportunities.map((o) => [o.id, o]));
  const ranked = ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
  const { assessed, dir } = await assessWithMoves(deps, actor.orgId, ranked);
  const items = ranked.map((opportunity): ReviewItem => {
    const { result, snapshot, items: record } = assessed.get(opportunity.id)!;
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
    };
  });
  return {
    scope: { kind: scope.kind, id: scope.id, name: scope.name },
    period: period ? { key: period.key, label: period.label, from: period.from, to: period.to } : null,
    rank: query.rank,
    reportingCurrency: book.reportingCurrency,
    openDeals: byCurrency.reduce((sum, c) => sum + c.deals, 0),
    pipeline: {
      amountMinor: byCurrency.reduce((sum, c) => sum + inReporting(c.amountMinor, c.currency), 0),
      currency: book.reportingCurrency,
    },
    weightedPipeline: {
      amountMinor: byCurrency.reduce((sum, c) => sum + inReporting(c.weightedMinor, c.currency), 0),
      currency: book.reportingCurrency,
    },
    items,
  };
}

/** The five answers, the zones, what we don't know and the best next move, in words and names. */
function answersOf(
  a: Assessment,
  snapshot: KnowledgeSnapshot,
  record: readonly KnowledgeItem[],
  dir: Directory,
): Omit<ReviewItem, 'opportunity' | 'value' | 'weightedValue'> {
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
