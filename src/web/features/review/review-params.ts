import { REVIEW_RANKS, type ReviewRank } from '../../../contract/reviews.ts';
import { parsePeriod, previousPeriod, quarterOf } from '../../../domain/periods.ts';
import type { ReviewParams } from './queries.ts';

// The review's choices live in the address, so a manager can bookmark "my team, this quarter" and
// send the same view to a seller.

export const RANK_LABELS: Record<ReviewRank, string> = {
  value_probability: 'Value × win probability',
  value: 'Value',
  close_date: 'Nearest close date',
  risk: 'Most at risk',
};

export function reviewParamsFrom(search: URLSearchParams): ReviewParams {
  const rank = search.get('rank');
  const period = search.get('period');
  const limit = Number(search.get('limit'));
  return {
    team: search.get('team') ?? undefined,
    owner: search.get('owner') ?? undefined,
    period: period && parsePeriod(period) ? period : undefined,
    rank: REVIEW_RANKS.includes(rank as ReviewRank) ? (rank as ReviewRank) : 'value_probability',
    limit: Number.isInteger(limit) && limit >= 1 && limit <= 100 ? limit : 20,
  };
}

export function searchOf(params: ReviewParams): Record<string, string> {
  const search: Record<string, string> = {};
  if (params.team) search.team = params.team;
  if (params.owner) search.owner = params.owner;
  if (params.period) search.period = params.period;
  if (params.rank !== 'value_probability') search.rank = params.rank;
  if (params.limit !== 20) search.limit = String(params.limit);
  return search;
}

/** The periods a meeting picks from: this quarter and the next, this month and the next, all open deals. */
export function periodChoices(today: string): Array<{ value: string; label: string }> {
  const thisQuarter = quarterOf(today);
  const nextQuarter = quarterOf(nextDayAfter(thisQuarter.to));
  const thisMonth = parsePeriod(today.slice(0, 7))!;
  const nextMonth = parsePeriod(nextDayAfter(thisMonth.to).slice(0, 7))!;
  const lastQuarter = previousPeriod(thisQuarter);
  return [
    { value: '', label: 'All open deals' },
    { value: thisQuarter.key, label: `This quarter (${thisQuarter.label})` },
    { value: nextQuarter.key, label: `Next quarter (${nextQuarter.label})` },
    { value: thisMonth.key, label: `This month (${thisMonth.label})` },
    { value: nextMonth.key, label: `Next month (${nextMonth.label})` },
    { value: lastQuarter.key, label: `Last quarter, still open (${lastQuarter.label})` },
  ];
}

function nextDayAfter(date: string): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}
