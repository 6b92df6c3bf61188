import { parsePeriod, previousPeriod, quarterOf } from '../../../domain/periods.ts';
import type { WinLossParams } from './queries.ts';

// The win/loss review's choices live in the address, so a manager can send "my team, last quarter"
// to a seller. Without a period it is the last full quarter: the one a win/loss meeting looks back on.

export const DEAL_FILTERS = ['all', 'lost', 'won', 'no_decision', 'lessons'] as const;
export type DealFilter = (typeof DEAL_FILTERS)[number];

export const DEAL_FILTER_LABELS: Record<DealFilter, string> = {
  all: 'All',
  lost: 'Lost',
  won: 'Won',
  no_decision: 'No decision',
  lessons: 'With a lesson',
};

export const lastQuarterOf = (today: string) => previousPeriod(quarterOf(today)).key;

export function winLossParamsFrom(search: URLSearchParams, today: string): WinLossParams & { show: DealFilter } {
  const period = search.get('period');
  const show = search.get('show');
  return {
    team: search.get('team') ?? undefined,
    owner: search.get('owner') ?? undefined,
    period: period && parsePeriod(period) ? period : lastQuarterOf(today),
    show: DEAL_FILTERS.includes(show as DealFilter) ? (show as DealFilter) : 'all',
  };
}

/** The periods a win/loss meeting looks back on: quarters, months and years that have closed deals. */
export function winLossPeriodChoices(today: string): Array<{ value: string; label: string }> {
  const thisQuarter = quarterOf(today);
  const lastQuarter = previousPeriod(thisQuarter);
  const quarterBefore = previousPeriod(lastQuarter);
  const thisMonth = parsePeriod(today.slice(0, 7))!;
  const lastMonth = previousPeriod(thisMonth);
  const thisYear = parsePeriod(today.slice(0, 4))!;
  const lastYear = previousPeriod(thisYear);
  return [
    { value: lastQuarter.key, label: `Last quarter (${lastQuarter.label})` },
    { value: quarterBefore.key, label: `The quarter before (${quarterBefore.label})` },
    { value: thisQuarter.key, label: `This quarter so far (${thisQuarter.label})` },
    { value: lastMonth.key, label: `Last month (${lastMonth.label})` },
    { value: thisMonth.key, label: `This month so far (${thisMonth.label})` },
    { value: thisYear.key, label: `This year so far (${thisYear.label})` },
    { value: lastYear.key, label: `Last year (${lastYear.label})` },
  ];
}
