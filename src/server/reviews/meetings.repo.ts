import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { OpportunityStatus } from '../../domain/enums.ts';

// Reviews held, and what changed since: the deals a review (or a day's snapshot) held, compared in
// SQL with the deals as they stand, so only the deals that changed leave the database.

export type StoredMeeting = { id: string; scopeKey: string; heldBy: string; heldAt: string };

/** What the deals are compared with: the deals a review held, or those of a day's snapshot. */
export type Baseline = { kind: 'review'; meetingId: string } | { kind: 'snapshot'; orgId: string; day: string };

export type ViewFilter = {
  orgId: string;
  owners: 'all' | readonly string[];
  /** a review's own deals are its scope as it was; a snapshot's are filtered by today's scope */
  filterBaselineOwners: boolean;
  period: { from: string; to: string } | null;
};

export async function lastMeeting(db: Db, orgId: string, scopeKey: string): Promise<StoredMeeting | undefined> {
  const row = await db
    .selectFrom('review_meetings')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('scope_key', '=', scopeKey)
    .orderBy('held_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && { id: row.id, scopeKey: row.scope_key, heldBy: row.held_by, heldAt: row.held_at };
}

/**
 * The latest day on or before `day` with a snapshot of every open deal of the organization: read
 * from the days' sums per seller (a few rows a day), passing by the replayed days that keep only
 * some deals (partial_snapshot_days).
 */
export async function snapshotDayOnOrBefore(db: Db, orgId: string, day: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('snapshot_owner_figures as f')
    .select(sql<string | null>`max(f.day)`.as('day'))
    .where('f.org_id', '=', orgId)
    .where('f.day', '<=', day)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('partial_snapshot_days as p')
            .select('p.day')
            .whereRef('p.org_id', '=', 'f.org_id')
            .whereRef('p.day', '=', 'f.day'),
        ),
      ),
    )
    .executeTakeFirst();
  return row?.day ?? undefined;
}

/** Whether a replayed day on or before `day` keeps only some deals: why no whole one may be found. */
export async function hasPartialDayOnOrBefore(db: Db, orgId: string, day: string): Promise<boolean> {
  const row = await db
    .selectFrom('partial_snapshot_days')
    .select('day')
    .where('org_id', '=', orgId)
    .where('day', '<=', day)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

const ownersIn = (column: RawBuilder<unknown>, owners: readonly string[]) =>
  owners.length === 0 ? sql`1 = 0` : sql`${column} in (${sql.join(owners)})`;

function baselineRows(baseline: Baseline): RawBuilder<unknown> {
  const columns = sql`opportunity_id, owner_id, amount_minor, currency, expected_close_date, win_probability, zone_ids`;
  return baseline.kind === 'review'
    ? sql`(select ${columns} from review_meeting_deals where meeting_id = ${baseline.meetingId})`
    : sql`(select ${columns} from opportunity_snapshots where org_id = ${baseline.orgId} and day = ${baseline.day})`;
}

/** The baseline's deals in view: those its owners and period hold. */
function baselineInView(view: ViewFilter): RawBuilder<unknown> {
  const parts = [sql`1 = 1`];
  if (view.filterBaselineOwners && view.owners !== 'all') parts.push(ownersIn(sql.ref('b.owner_id'), view.owners));
  if (view.period)
    parts.push(sql`b.expected_close_date >= ${view.period.from} and b.expected_close_date <= ${view.period.to}`);
  return sql.join(parts, sql` and `);
}

function openInView(view: ViewFilter): RawBuilder<unknown> {
  const parts = [sql`o.org_id = ${view.orgId}`, sql`o.status = 'open'`, sql`o.deleted_at is null`];
  if (view.owners !== 'all') parts.push(ownersIn(sql.ref('o.owner_id'), view.owners));
  if (view.period)
    parts.push(sql`o.expected_close_date >= ${view.period.from} and o.expected_close_date <= ${view.period.to}`);
  return sql.join(parts, sql` and `);
}

export async function countBaseline(db: Db, baseline: Baseline, view: ViewFilter): Promise<number> {
  const { rows } = await sql<{
    deals: number | string;
  }>`select count(*) as deals from ${baselineRows(baseline)} b where ${baselineInView(view)}`.execute(db);
  return Number(rows[0]?.deals ?? 0);
}

export type ComparedDeal = {
  id: string;
  name: string;
  accountName: string;
  amountMinor: number;
  currency: string;
  then: {
    ownerId: string;
    expectedCloseDate: string;
    winProbability: number | null;
    zoneIds: string[];
  } | null;
  now: {
    ownerId: string;
    expectedCloseDate: string;
    status: OpportunityStatus;
    isDeleted: boolean;
    createdAt: string;
    winProbability: number | null;
    zoneIds: string[];
  };
};

type ComparedRow = {
  id: string;
  name: string;
  account_name: string | null;
  amount_minor: number | string;
  currency: string;
  owner_id: string;
  expected_close_date: string;
  status: OpportunityStatus;
  deleted_at: string | null;
  created_at: string;
  win_probability: number | null;
  zone_ids: string | null;
  then_owner_id: string | null;
  then_close: string | null;
  then_probability: number | null;
  then_zone_ids: string | null;
};

const COMPARED_COLUMNS = sql`o.id, o.name, ac.name as account_name, o.amount_minor, o.currency, o.owner_id,
  o.expected_close_date, o.status, o.deleted_at, o.created_at, a.win_probability, a.zone_ids,
  b.owner_id as then_owner_id, b.expected_close_date as then_close, b.win_probability as then_probability,
  b.zone_ids as then_zone_ids`;

/**
 * The deals that changed since the baseline, in two statements: the baseline's deals in view whose
 * state differs now in any way a review tells (closed, deleted, reassigned, close date, zones, a
 * probability move of `minMove` or more), and the open deals in view the baseline did not hold in view.
 */
export async function changedDeals(
  db: Db,
  baseline: Baseline,
  view: ViewFilter,
  minMove: number,
): Promise<ComparedDeal[]> {
  const [left, joined] = await Promise.all([
    sql<ComparedRow>`select ${COMPARED_COLUMNS}
      from ${baselineRows(baseline)} b
      join opportunities o on o.id = b.opportunity_id
      left join accounts ac on ac.id = o.account_id
      left join assessments a on a.opportunity_id = o.id
      where ${baselineInView(view)} and (
        o.status <> 'open' or o.deleted_at is not null or o.owner_id <> b.owner_id
        or o.expected_close_date <> b.expected_close_date
        or coalesce(a.zone_ids, '[]') <> b.zone_ids
        or abs(coalesce(a.win_probability, 0) - coalesce(b.win_probability, 0)) >= ${sql.lit(minMove - 1e-9)})`.execute(
      db,
    ),
    sql<ComparedRow>`select ${COMPARED_COLUMNS}
      from opportunities o
      left join ${baselineRows(baseline)} b on b.opportunity_id = o.id
      left join accounts ac on ac.id = o.account_id
      left join assessments a on a.opportunity_id = o.id
      where ${openInView(view)} and (b.opportunity_id is null or not (${baselineInView(view)}))`.execute(db),
  ]);
  return [...left.rows, ...joined.rows].map((r) => ({
    id: r.id,
    name: r.name,
    accountName: r.account_name ?? '',
    amountMinor: Number(r.amount_minor),
    currency: r.currency,
    then:
      r.then_owner_id === null
        ? null
        : {
            ownerId: r.then_owner_id,
            expectedCloseDate: r.then_close!,
            winProbability: r.then_probability === null ? null : Number(r.then_probability),
            zoneIds: JSON.parse(r.then_zone_ids ?? '[]') as string[],
          },
    now: {
      ownerId: r.owner_id,
      expectedCloseDate: r.expected_close_date,
      status: r.status,
      isDeleted: r.deleted_at !== null,
      createdAt: r.created_at,
      winProbability: r.win_probability === null ? null : Number(r.win_probability),
      zoneIds: JSON.parse(r.zone_ids ?? '[]') as string[],
    },
  }));
}

async function insertMeeting(db: Db, orgId: string, meeting: StoredMeeting): Promise<void> {
  await db
    .insertInto('review_meetings')
    .values({
      id: meeting.id,
      org_id: orgId,
      scope_key: meeting.scopeKey,
      held_by: meeting.heldBy,
      held_at: meeting.heldAt,
    })
    .execute();
}

const MEETING_DEAL_COLUMNS = sql`meeting_id, opportunity_id, owner_id, amount_minor, currency, expected_close_date,
  win_probability, zone_ids`;

/**
 * Records a review held: the meeting, every open deal of its scope as it stands (one statement),
 * and the open marks on those deals as discussed in it. Answers how many deals it holds and how
 * many marks it took up.
 */
export async function recordMeeting(
  db: Db,
  orgId: string,
  meeting: StoredMeeting,
  owners: 'all' | readonly string[],
): Promise<{ deals: number; marks: number }> {
  const view: ViewFilter = { orgId, owners, filterBaselineOwners: false, period: null };
  await insertMeeting(db, orgId, meeting);
  const deals = await sql`insert into review_meeting_deals (${MEETING_DEAL_COLUMNS})
    select ${meeting.id}, o.id, o.owner_id, o.amount_minor, o.currency, o.expected_close_date, a.win_probability,
      coalesce(a.zone_ids, '[]')
    from opportunities o left join assessments a on a.opportunity_id = o.id
    where ${openInView(view)}`.execute(db);
  const marked = await sql`update review_marks set discussed_in = ${meeting.id}
    where org_id = ${orgId} and discussed_in is null and opportunity_id in (
      select o.id from opportunities o where ${openInView(view)})`.execute(db);
  return { deals: Number(deals.numAffectedRows ?? 0), marks: Number(marked.numAffectedRows ?? 0) };
}

/** A past review's deals, as recorded (for the demo, which replays them from a day's snapshot). */
export async function recordPastReview(
  db: Db,
  orgId: string,
  meeting: StoredMeeting & { day: string; owners: readonly string[] },
): Promise<void> {
  const { day, owners } = meeting;
  await insertMeeting(db, orgId, meeting);
  await sql`insert into review_meeting_deals (${MEETING_DEAL_COLUMNS})
    select ${meeting.id}, opportunity_id, owner_id, amount_minor, currency, expected_close_date, win_probability, zone_ids
    from opportunity_snapshots b
    where org_id = ${orgId} and day = ${day} and ${ownersIn(sql.ref('b.owner_id'), owners)}`.execute(db);
}

/** How the baseline held these deals (those it did not hold are absent). */
export async function baselineDeals(
  db: Db,
  baseline: Baseline,
  opportunityIds: readonly string[],
): Promise<Map<string, NonNullable<ComparedDeal['then']>>> {
  if (opportunityIds.length === 0) return new Map();
  const { rows } = await sql<{
    opportunity_id: string;
    owner_id: string;
    expected_close_date: string;
    win_probability: number | null;
    zone_ids: string;
  }>`select opportunity_id, owner_id, expected_close_date, win_probability, zone_ids from ${baselineRows(baseline)} b
    where b.opportunity_id in (${sql.join(opportunityIds)})`.execute(db);
  return new Map(
    rows.map((r) => [
      r.opportunity_id,
      {
        ownerId: r.owner_id,
        expectedCloseDate: r.expected_close_date,
        winProbability: r.win_probability === null ? null : Number(r.win_probability),
        zoneIds: JSON.parse(r.zone_ids) as string[],
      },
    ]),
  );
}
