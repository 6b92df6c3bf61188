import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { daysBetweenSql, type DialectName } from '../../db/dialect.ts';
import type { AssignmentFacts, DiagnosisFacts } from '../../domain/coaching/effectiveness.ts';

// What the impact of learning and a manager's coaching effectiveness read, each in one statement
// for every seller at once: the deals closed and created in the windows ending on each day read
// (one window per day, joined from a list of values, however many days), and the organization's
// assignments and diagnoses with the few facts the figures need.

export type WindowSpan = { from: string; to: string };

export type WindowClosedRow = {
  window: number;
  ownerId: string;
  status: 'won' | 'lost' | 'no_decision';
  currency: string;
  deals: number;
  amountMinor: number;
  daysSum: number;
};

const spans = (windows: readonly WindowSpan[]) => sql.join(windows.map((w, k) => sql`(${k}, ${w.from}, ${w.to})`));

/** The deals closed in each window (both days included), summed by window, seller, outcome and currency. */
export async function closedInWindows(
  db: Db,
  dialect: DialectName,
  orgId: string,
  windows: readonly WindowSpan[],
): Promise<WindowClosedRow[]> {
  if (windows.length === 0) return [];
  const { rows } = await sql<{
    win: number | string;
    owner_id: string;
    status: WindowClosedRow['status'];
    currency: string;
    deals: number | string;
    amount: number | string;
    days: number | string | null;
  }>`select w.column1 as win, o.owner_id, o.status, o.currency, count(*) as deals, sum(o.amount_minor) as amount,
      sum(${daysBetweenSql(dialect, sql.ref('o.created_at'), sql.ref('o.closed_date'))}) as days
    from opportunities o join (values ${spans(windows)}) as w
      on o.closed_date >= w.column2 and o.closed_date <= w.column3
    where o.org_id = ${orgId} and o.deleted_at is null and o.status <> 'open'
    group by w.column1, o.owner_id, o.status, o.currency`.execute(db);
  return rows.map((r) => ({
    window: Number(r.win),
    ownerId: r.owner_id,
    status: r.status,
    currency: r.currency,
    deals: Number(r.deals),
    amountMinor: Number(r.amount),
    daysSum: Math.max(0, Number(r.days ?? 0)),
  }));
}

export type WindowCreatedRow = { window: number; ownerId: string; currency: string; amountMinor: number };

/** The pipeline opened in each window (both days included), summed by window, seller and currency. */
export async function createdInWindows(
  db: Db,
  orgId: string,
  windows: readonly WindowSpan[],
): Promise<WindowCreatedRow[]> {
  if (windows.length === 0) return [];
  const { rows } = await sql<{ win: number | string; owner_id: string; currency: string; amount: number | string }>`
    select w.column1 as win, o.owner_id, o.currency, sum(o.amount_minor) as amount
    from opportunities o join (values ${spans(windows)}) as w
      on substr(o.created_at, 1, 10) >= w.column2 and substr(o.created_at, 1, 10) <= w.column3
    where o.org_id = ${orgId} and o.deleted_at is null
    group by w.column1, o.owner_id, o.currency`.execute(db);
  return rows.map((r) => ({
    window: Number(r.win),
    ownerId: r.owner_id,
    currency: r.currency,
    amountMinor: Number(r.amount),
  }));
}

/** Every assignment of the organization, with what the figures read of it. */
export async function listAssignmentFacts(db: Db, orgId: string): Promise<AssignmentFacts[]> {
  const rows = await db
    .selectFrom('coaching_assignments')
    .select([
      'id',
      'seller_id',
      'assigned_at',
      'due_date',
      'status',
      'completed_at',
      'verified_at',
      'root_cause',
      'gap_rule',
      'indicator_key',
      'zone_id',
    ])
    .where('org_id', '=', orgId)
    .orderBy('assigned_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    sellerId: r.seller_id,
    assignedAt: r.assigned_at,
    dueDate: r.due_date,
    status: r.status as AssignmentFacts['status'],
    completedAt: r.completed_at,
    verifiedAt: r.verified_at,
    rootCause: r.root_cause,
    gapRule: r.gap_rule,
    indicator: r.indicator_key,
    zoneId: r.zone_id,
  }));
}

/** Every diagnosis of the organization, with what the figures read of it. */
export async function listDiagnosisFacts(db: Db, orgId: string): Promise<DiagnosisFacts[]> {
  const rows = await db
    .selectFrom('coaching_diagnoses')
    .select([
      'id',
      'seller_id',
      'status',
      'started_at',
      'closed_at',
      'flag_rule',
      'flag_indicator',
      'flag_zone',
      'root_cause',
    ])
    .where('org_id', '=', orgId)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    sellerId: r.seller_id,
    status: r.status as DiagnosisFacts['status'],
    startedAt: r.started_at,
    closedAt: r.closed_at,
    flagRule: r.flag_rule,
    flagIndicator: r.flag_indicator,
    flagZone: r.flag_zone,
    rootCause: r.root_cause,
  }));
}
