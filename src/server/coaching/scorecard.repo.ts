import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../db/database.ts';
import { daysBetweenSql, type DialectName } from '../../db/dialect.ts';
import type { OpenFigures } from '../../domain/coaching/indicators.ts';

// The sums a scorecard is computed from, per seller of an organization, each in one statement: the
// open deals now (from their assessments) or on snapshot days, the deals closed in two windows, and
// the pipeline created in two windows. Every seller at once, so the peers' medians cost nothing more.

export type OwnerOpen = OpenFigures & { ownerId: string };

function zoneSums(zoneIds: readonly string[], column: RawBuilder<unknown>) {
  return zoneIds.map(
    (id, k) => sql`sum(case when ${column} like ${`%"${id}"%`} then 1 else 0 end) as ${sql.ref(`z${k}`)}`,
  );
}

type OpenRow = Record<string, number | string | null> & { owner_id: string };

function readOpen(row: OpenRow, zoneIds: readonly string[]): OwnerOpen {
  const zoneCounts: Record<string, number> = {};
  zoneIds.forEach((id, k) => (zoneCounts[id] = Number(row[`z${k}`] ?? 0)));
  return {
    ownerId: row.owner_id,
    deals: Number(row.deals),
    coverageSum: row.coverage_sum === null ? null : Number(row.coverage_sum),
    zoneCounts,
    withSellerFigure: Number(row.with_seller ?? 0),
    sellerGapSum: Number(row.gap_sum ?? 0),
  };
}

/** Each seller's open deals as they stand: how many, their coverage, their zones, their seller figures. */
export async function openFiguresNow(db: Db, orgId: string, zoneIds: readonly string[]): Promise<OwnerOpen[]> {
  const { rows } = await sql<OpenRow>`select o.owner_id, count(*) as deals, sum(a.coverage_index) as coverage_sum,
      ${sql.join(zoneSums(zoneIds, sql`a.zone_ids`))},
      sum(case when o.seller_probability is not null and a.win_probability is not null then 1 else 0 end) as with_seller,
      sum(case when o.seller_probability is not null and a.win_probability is not null
        then o.seller_probability - a.win_probability * 100 else 0 end) as gap_sum
    from opportunities o left join assessments a on a.opportunity_id = o.id
    where o.org_id = ${orgId} and o.status = 'open' and o.deleted_at is null
    group by o.owner_id`.execute(db);
  return rows.map((r) => readOpen(r, zoneIds));
}

/** The same on each of `days`, from the snapshots (coverage only where every row of the day kept it). */
export async function openFiguresOn(
  db: Db,
  orgId: string,
  days: readonly string[],
  zoneIds: readonly string[],
): Promise<Array<OwnerOpen & { day: string }>> {
  if (days.length === 0) return [];
  const { rows } = await sql<OpenRow & { day: string }>`select day, owner_id, count(*) as deals,
      case when count(coverage_index) = count(*) then sum(coverage_index) end as coverage_sum,
      ${sql.join(zoneSums(zoneIds, sql`zone_ids`))},
      sum(case when seller_probability is not null and win_probability is not null then 1 else 0 end) as with_seller,
      sum(case when seller_probability is not null and win_probability is not null
        then seller_probability - win_probability * 100 else 0 end) as gap_sum
    from opportunity_snapshots
    where org_id = ${orgId} and day in (${sql.join(days)})
    group by day, owner_id`.execute(db);
  return rows.map((r) => ({ ...readOpen(r, zoneIds), day: r.day }));
}

export type ClosedRow = {
  ownerId: string;
  window: 'now' | 'before';
  status: 'won' | 'lost' | 'no_decision';
  currency: string;
  deals: number;
  amountMinor: number;
  daysSum: number;
};

/** Deals closed from `before` to `now.to`, summed by seller, window, outcome and currency. */
export async function closedFigures(
  db: Db,
  dialect: DialectName,
  orgId: string,
  windows: { before: string; now: string; to: string },
): Promise<ClosedRow[]> {
  const { rows } = await sql<{
    owner_id: string;
    win: 'now' | 'before';
    status: ClosedRow['status'];
    currency: string;
    deals: number | string;
    amount: number | string;
    days: number | string | null;
  }>`select owner_id, case when closed_date >= ${windows.now} then 'now' else 'before' end as win, status, currency,
      count(*) as deals, sum(amount_minor) as amount,
      sum(${daysBetweenSql(dialect, sql.ref('created_at'), sql.ref('closed_date'))}) as days
    from opportunities
    where org_id = ${orgId} and deleted_at is null and status <> 'open'
      and closed_date >= ${windows.before} and closed_date <= ${windows.to}
    group by owner_id, win, status, currency`.execute(db);
  return rows.map((r) => ({
    ownerId: r.owner_id,
    window: r.win,
    status: r.status,
    currency: r.currency,
    deals: Number(r.deals),
    amountMinor: Number(r.amount),
    daysSum: Math.max(0, Number(r.days ?? 0)),
  }));
}

export type CreatedRow = { ownerId: string; window: 'now' | 'before'; currency: string; amountMinor: number };

/** Pipeline opened from `before` to `now.to`, summed by seller, window and currency. */
export async function createdFigures(
  db: Db,
  orgId: string,
  windows: { before: string; now: string; to: string },
): Promise<CreatedRow[]> {
  const { rows } = await sql<{ owner_id: string; win: 'now' | 'before'; currency: string; amount: number | string }>`
    select owner_id, case when created_at >= ${windows.now} then 'now' else 'before' end as win, currency,
      sum(amount_minor) as amount
    from opportunities
    where org_id = ${orgId} and deleted_at is null and created_at >= ${windows.before} and created_at <= ${`${windows.to}T23:59:59.999Z`}
    group by owner_id, win, currency`.execute(db);
  return rows.map((r) => ({ ownerId: r.owner_id, window: r.win, currency: r.currency, amountMinor: Number(r.amount) }));
}

/** A seller's open deals carrying a danger zone, the largest first (the deals a flag points to). */
export async function dealsWithZones(
  db: Db,
  orgId: string,
  ownerId: string,
  zoneIds: readonly string[],
): Promise<Array<{ id: string; name: string; zoneIds: string[] }>> {
  if (zoneIds.length === 0) return [];
  const { rows } = await sql<{ id: string; name: string; zone_ids: string }>`select o.id, o.name, a.zone_ids
    from opportunities o join assessments a on a.opportunity_id = o.id
    where o.org_id = ${orgId} and o.owner_id = ${ownerId} and o.status = 'open' and o.deleted_at is null
      and (${sql.join(
        zoneIds.map((id) => sql`a.zone_ids like ${`%"${id}"%`}`),
        sql` or `,
      )})
    order by o.amount_minor desc, o.id`.execute(db);
  return rows.map((r) => ({ id: r.id, name: r.name, zoneIds: JSON.parse(r.zone_ids) as string[] }));
}
