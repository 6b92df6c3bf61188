import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../db/database.ts';
import { daysBetweenSql, type DialectName } from '../../db/dialect.ts';
import type { OpenFigures } from '../../domain/coaching/indicators.ts';

// The sums a scorecard is computed from, per seller of an organization, each in one statement: the
// open deals now (from their assessments) or on snapshot days, the deals closed in two windows, and
// the pipeline created in two windows. Every seller at once, so the peers' medians cost nothing more.

export type OwnerOpen = OpenFigures & { ownerId: string };

type ZoneSetRow = {
  owner_id: string;
  zone_ids: string | null;
  deals: number | string;
  coverage_sum: number | string | null;
  coverage_count: number | string;
  with_seller: number | string | null;
  gap_sum: number | string | null;
};

type Sums = {
  deals: number;
  coverageSum: number;
  covered: number;
  zoneCounts: Record<string, number>;
  withSellerFigure: number;
  sellerGapSum: number;
};

/**
 * Adds up a seller's rows, one per set of danger zones their deals share: each zone counts the
 * deals of every set it is in (only the zones asked for). A coverage is read where `coverage`
 * says: every deal kept one (a snapshot's day), or any did (today's assessments, where a deal not
 * yet assessed knows nothing).
 */
function addUp(rows: readonly ZoneSetRow[], zoneIds: readonly string[], coverage: 'every' | 'any'): OwnerOpen[] {
  const wanted = new Set(zoneIds);
  const owners = new Map<string, Sums>();
  for (const row of rows) {
    const deals = Number(row.deals);
    let sums = owners.get(row.owner_id);
    if (!sums) {
      sums = {
        deals: 0,
        coverageSum: 0,
        covered: 0,
        zoneCounts: Object.fromEntries(zoneIds.map((id) => [id, 0])),
        withSellerFigure: 0,
        sellerGapSum: 0,
      };
      owners.set(row.owner_id, sums);
    }
    sums.deals += deals;
    sums.coverageSum += Number(row.coverage_sum ?? 0);
    sums.covered += Number(row.coverage_count);
    sums.withSellerFigure += Number(row.with_seller ?? 0);
    sums.sellerGapSum += Number(row.gap_sum ?? 0);
    for (const id of JSON.parse(row.zone_ids ?? '[]') as string[]) if (wanted.has(id)) sums.zoneCounts[id]! += deals;
  }
  return [...owners].map(([ownerId, { covered, ...sums }]) => ({
    ownerId,
    ...sums,
    coverageSum: (coverage === 'every' ? covered === sums.deals : covered > 0) ? sums.coverageSum : null,
  }));
}

/** Each seller's open deals as they stand: how many, their coverage, their zones, their seller figures. */
export async function openFiguresNow(db: Db, orgId: string, zoneIds: readonly string[]): Promise<OwnerOpen[]> {
  const { rows } = await sql<ZoneSetRow>`select o.owner_id, a.zone_ids, count(*) as deals,
      sum(a.coverage_index) as coverage_sum, count(a.coverage_index) as coverage_count,
      sum(case when o.seller_probability is not null and a.win_probability is not null then 1 else 0 end) as with_seller,
      sum(case when o.seller_probability is not null and a.win_probability is not null
        then o.seller_probability - a.win_probability * 100 else 0 end) as gap_sum
    from opportunities o left join assessments a on a.opportunity_id = o.id
    where o.org_id = ${orgId} and o.status = 'open' and o.deleted_at is null
    group by o.owner_id, a.zone_ids`.execute(db);
  return addUp(rows, zoneIds, 'any');
}

/**
 * The same on each of `days`, from the snapshots' sums per seller and zone set (coverage only where
 * every deal of the day kept it).
 */
export async function openFiguresOn(
  db: Db,
  orgId: string,
  days: readonly string[],
  zoneIds: readonly string[],
): Promise<Array<OwnerOpen & { day: string }>> {
  if (days.length === 0) return [];
  const rows = await db
    .selectFrom('snapshot_owner_figures')
    .select([
      'day',
      'owner_id',
      'zone_ids',
      'deals',
      'coverage_sum',
      'coverage_count',
      'with_seller',
      'seller_gap_sum as gap_sum',
    ])
    .where('org_id', '=', orgId)
    .where('day', 'in', days)
    .execute();
  const byDay = new Map<string, ZoneSetRow[]>();
  for (const row of rows) {
    const dayRows = byDay.get(row.day) ?? [];
    dayRows.push(row);
    byDay.set(row.day, dayRows);
  }
  return [...byDay].flatMap(([day, dayRows]) => addUp(dayRows, zoneIds, 'every').map((open) => ({ ...open, day })));
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
