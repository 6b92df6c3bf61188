import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { ForecastCategory } from '../../domain/enums.ts';
import { opportunityVisible } from '../scope.repo.ts';

// The sums a forecast is made of, in SQL, per person and currency: the open deals expected to close
// in the period by category (amounts and their weightings), and the deals closed in it by outcome
// and day (a closed deal converts at its close date's rate). A forecast of 100,000 deals reads a
// few hundred rows.

export type ForecastScope = { orgId: string; owners: 'all' | readonly string[]; from: string; to: string };

const num = (v: unknown) => Number(v ?? 0);

type Sum = number | string | null;

/**
 * The sums of a group of open deals, today's or a snapshot's, given where each figure is read:
 * how many, their amounts, and the amounts weighted by the evidence-based probability (0 when never
 * assessed), by the stage's and by the seller's own figure (the stage's where the seller gave none).
 */
export function weightedSums(columns: {
  amount: string;
  winProbability: string;
  stageProbability: string;
  sellerProbability: string;
}) {
  const amount = sql.ref(columns.amount);
  const stage = sql.ref(columns.stageProbability);
  const seller = sql.ref(columns.sellerProbability);
  return [
    sql<Sum>`count(*)`.as('deals'),
    sql<Sum>`sum(${amount})`.as('amount'),
    sql<Sum>`sum(${amount} * coalesce(${sql.ref(columns.winProbability)}, 0))`.as('knowledge'),
    sql<Sum>`sum(${amount} * ${stage} / 100.0)`.as('stage'),
    sql<Sum>`sum(${amount} * coalesce(${seller}, ${stage}) / 100.0)`.as('seller'),
    sql<Sum>`count(${seller})`.as('withSeller'),
  ] as const;
}

/** weightedSums' columns as numbers. */
export function readSums(r: { deals: Sum; amount: Sum; knowledge: Sum; stage: Sum; seller: Sum; withSeller: Sum }) {
  return {
    deals: num(r.deals),
    amountMinor: num(r.amount),
    knowledgeMinor: num(r.knowledge),
    stageMinor: num(r.stage),
    sellerMinor: num(r.seller),
    withSellerFigure: num(r.withSeller),
  };
}

export async function openSums(db: Db, scope: ForecastScope) {
  const rows = await db
    .selectFrom('opportunities')
    .innerJoin('stages', 'stages.id', 'opportunities.stage_id')
    .leftJoin('assessments', 'assessments.opportunity_id', 'opportunities.id')
    .where('opportunities.org_id', '=', scope.orgId)
    .where('opportunities.status', '=', 'open')
    .where('opportunities.deleted_at', 'is', null)
    .where('opportunities.expected_close_date', '>=', scope.from)
    .where('opportunities.expected_close_date', '<=', scope.to)
    .where((eb) => opportunityVisible(eb, { visibleOwnerIds: scope.owners }))
    .select([
      'opportunities.owner_id as ownerId',
      'opportunities.currency as currency',
      'opportunities.forecast_category as category',
      ...weightedSums({
        amount: 'opportunities.amount_minor',
        winProbability: 'assessments.win_probability',
        stageProbability: 'stages.probability',
        sellerProbability: 'opportunities.seller_probability',
      }),
    ])
    .groupBy(['opportunities.owner_id', 'opportunities.currency', 'opportunities.forecast_category'])
    .execute();
  return rows.map((r) => ({
    ownerId: r.ownerId,
    currency: r.currency,
    category: r.category as ForecastCategory,
    ...readSums(r),
  }));
}

export async function closedSums(db: Db, scope: ForecastScope) {
  const rows = await db
    .selectFrom('opportunities')
    .where('opportunities.org_id', '=', scope.orgId)
    .where('opportunities.status', 'in', ['won', 'lost', 'no_decision'])
    .where('opportunities.deleted_at', 'is', null)
    .where('opportunities.closed_date', '>=', scope.from)
    .where('opportunities.closed_date', '<=', scope.to)
    .where((eb) => opportunityVisible(eb, { visibleOwnerIds: scope.owners }))
    .select((eb) => [
      'opportunities.owner_id as ownerId',
      'opportunities.currency as currency',
      'opportunities.status as status',
      'opportunities.closed_date as closedDate',
      eb.fn.countAll<number | string>().as('deals'),
      eb.fn.sum<number | string>('opportunities.amount_minor').as('amount'),
    ])
    .groupBy(['opportunities.owner_id', 'opportunities.currency', 'opportunities.status', 'opportunities.closed_date'])
    .execute();
  return rows.map((r) => ({
    ownerId: r.ownerId,
    currency: r.currency,
    status: r.status as 'won' | 'lost' | 'no_decision',
    closedDate: r.closedDate!,
    deals: num(r.deals),
    amountMinor: num(r.amount),
  }));
}

/** The target of a scope for a period, and every call submitted for it (newest first), in one statement each. */
export async function findTarget(db: Db, orgId: string, periodKey: string, scope: string) {
  const row = await db
    .selectFrom('forecast_targets')
    .innerJoin('users', 'users.id', 'forecast_targets.set_by')
    .select([
      'forecast_targets.amount_minor as amountMinor',
      'forecast_targets.currency as currency',
      'forecast_targets.set_at as setAt',
      'users.name as setByName',
    ])
    .where('forecast_targets.org_id', '=', orgId)
    .where('forecast_targets.period_key', '=', periodKey)
    .where('forecast_targets.scope', '=', scope)
    .executeTakeFirst();
  return row ? { ...row, amountMinor: num(row.amountMinor) } : null;
}

export async function listCalls(db: Db, orgId: string, periodKey: string, scope: string) {
  const rows = await db
    .selectFrom('forecast_calls')
    .innerJoin('users', 'users.id', 'forecast_calls.caller_id')
    .select([
      'forecast_calls.id as id',
      'forecast_calls.kind as kind',
      'forecast_calls.amount_minor as amountMinor',
      'forecast_calls.currency as currency',
      'forecast_calls.reason as reason',
      'forecast_calls.submitted_at as submittedAt',
      'users.name as callerName',
    ])
    .where('forecast_calls.org_id', '=', orgId)
    .where('forecast_calls.period_key', '=', periodKey)
    .where('forecast_calls.scope', '=', scope)
    .orderBy('forecast_calls.submitted_at', 'desc')
    .orderBy('forecast_calls.id', 'desc')
    .execute();
  return rows.map((r) => ({ ...r, amountMinor: num(r.amountMinor) }));
}

export async function saveTarget(
  db: Db,
  t: { orgId: string; periodKey: string; scope: string; amountMinor: number; currency: string; by: string; at: string },
): Promise<void> {
  const values = { amount_minor: t.amountMinor, currency: t.currency, set_by: t.by, set_at: t.at };
  await db
    .insertInto('forecast_targets')
    .values({ org_id: t.orgId, period_key: t.periodKey, scope: t.scope, ...values })
    .onConflict((oc) => oc.columns(['org_id', 'period_key', 'scope']).doUpdateSet(values))
    .execute();
}

export async function insertCall(
  db: Db,
  c: {
    id: string;
    orgId: string;
    periodKey: string;
    scope: string;
    callerId: string;
    kind: 'seller' | 'manager';
    amountMinor: number;
    currency: string;
    reason: string | null;
    at: string;
  },
): Promise<void> {
  await db
    .insertInto('forecast_calls')
    .values({
      id: c.id,
      org_id: c.orgId,
      period_key: c.periodKey,
      scope: c.scope,
      caller_id: c.callerId,
      kind: c.kind,
      amount_minor: c.amountMinor,
      currency: c.currency,
      reason: c.reason,
      submitted_at: c.at,
    })
    .execute();
}

/** The latest call submitted for each of `scopes` in a period (one statement). */
export async function latestCalls(db: Db, orgId: string, periodKey: string, scopes: readonly string[]) {
  if (scopes.length === 0) return new Map<string, number>();
  const rows = await db
    .selectFrom('forecast_calls')
    .select(['scope', 'amount_minor as amountMinor'])
    .where('org_id', '=', orgId)
    .where('period_key', '=', periodKey)
    .where('scope', 'in', scopes)
    .orderBy('submitted_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const latest = new Map<string, number>();
  for (const r of rows) if (!latest.has(r.scope)) latest.set(r.scope, num(r.amountMinor));
  return latest;
}
