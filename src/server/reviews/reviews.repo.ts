import { sql, type Expression } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { ReviewRank } from '../../contract/reviews.ts';
import { convertedAmount, type Factors } from '../money.repo.ts';
import { opportunityVisible } from '../scope.repo.ts';

// The open deals a pipeline review ranks: those of the people in scope, expected to close in the
// period, ordered in SQL by their value in the reporting currency (each currency's amount times
// its rate today), so a review of 100,000 deals reads 20 rows, not 100,000.

export type ReviewScope = {
  orgId: string;
  owners: 'all' | readonly string[];
  period: { from: string; to: string } | null;
};

function openInScope(db: Db, scope: ReviewScope) {
  let query = db
    .selectFrom('opportunities')
    .leftJoin('assessments', 'assessments.opportunity_id', 'opportunities.id')
    .where('opportunities.org_id', '=', scope.orgId)
    .where('opportunities.status', '=', 'open')
    .where('opportunities.deleted_at', 'is', null)
    .where((eb) => opportunityVisible(eb, { visibleOwnerIds: scope.owners }));
  if (scope.period)
    query = query
      .where('opportunities.expected_close_date', '>=', scope.period.from)
      .where('opportunities.expected_close_date', '<=', scope.period.to);
  return query;
}

/** The currencies the open deals in scope use (to name those without a rate). */
export async function currenciesInScope(db: Db, scope: ReviewScope): Promise<string[]> {
  const rows = await openInScope(db, scope).select('opportunities.currency').distinct().execute();
  return rows.map((r) => r.currency);
}

const SEVERITY_ORDER = sql<number>`case ${sql.ref('assessments.top_severity')} when 'critical' then 0 when 'high' then 1 when 'medium' then 2 when 'low' then 3 else 4 end`;

export type Ranked = {
  ids: string[];
  /** every open deal in scope: how many, their value and their value × win probability */
  deals: number;
  pipelineMinor: number;
  weightedMinor: number;
  /** deals in a currency without a factor (nothing is ranked then) */
  unconverted: number;
};

/**
 * The ids of the top `limit` open deals in scope, in the review's order, and the totals of all of
 * them, in one pass: ids only, so the sort carries no names (the caller reads the 20 rows after).
 */
export async function topOpenDeals(
  db: Db,
  scope: ReviewScope,
  rank: ReviewRank,
  limit: number,
  factors: Factors,
): Promise<Ranked> {
  const value = convertedAmount(factors);
  const probability = sql<number>`coalesce(${sql.ref('assessments.win_probability')}, 0)`;
  const orderings: Record<ReviewRank, Array<[Expression<unknown>, 'asc' | 'desc']>> = {
    value_probability: [[sql`${value} * ${probability}`, 'desc']],
    value: [[value, 'desc']],
    close_date: [
      [sql.ref('opportunities.expected_close_date'), 'asc'],
      [value, 'desc'],
    ],
    risk: [
      [SEVERITY_ORDER, 'asc'],
      [value, 'desc'],
    ],
  };
  let query = openInScope(db, scope).select([
    'opportunities.id',
    sql<number | string>`count(*) over ()`.as('deals'),
    sql<number | string | null>`sum(${value}) over ()`.as('pipeline'),
    sql<number | string | null>`sum(${value} * ${probability}) over ()`.as('weighted'),
    sql<number | string>`sum(case when ${value} is null then 1 else 0 end) over ()`.as('unconverted'),
  ]);
  for (const [expression, direction] of orderings[rank]) query = query.orderBy(expression, direction);
  const rows = await query.orderBy('opportunities.id').limit(limit).execute();
  const first = rows[0];
  return {
    ids: rows.map((r) => r.id),
    deals: Number(first?.deals ?? 0),
    pipelineMinor: Math.round(Number(first?.pipeline ?? 0)),
    weightedMinor: Math.round(Number(first?.weighted ?? 0)),
    unconverted: Number(first?.unconverted ?? 0),
  };
}
