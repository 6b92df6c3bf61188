import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { addDays } from '../../domain/dates.ts';
import type { ForecastCategory } from '../../domain/enums.ts';
import type {
  ReplayedClosing,
  ReplayedDeal,
  ReplayedValues,
  ValueChange,
  ValueHistory,
} from '../../domain/forecast/replay.ts';
import { readSums, weightedSums } from './forecast.repo.ts';

// The day's snapshot of every open deal of an organization, in one statement: taken each night
// after the deals are re-assessed, by whichever instance gets there first (a deal has one row a
// day: a second taking of the same day changes nothing).

export async function takeSnapshot(db: Db, orgId: string, day: string): Promise<void> {
  await together(db, async (tx) => {
    await insertSnapshot(tx, orgId, day);
    await sumSnapshotByOwner(tx, orgId, day);
  });
}

/** The deals' rows and their sums land together, joining a transaction already open. */
const together = (db: Db, work: (tx: Db) => Promise<void>) =>
  db.isTransaction ? work(db) : db.transaction().execute(work);

async function insertSnapshot(db: Db, orgId: string, day: string): Promise<void> {
  await db
    .insertInto('opportunity_snapshots')
    .columns([
      'org_id',
      'day',
      'opportunity_id',
      'owner_id',
      'amount_minor',
      'currency',
      'expected_close_date',
      'forecast_category',
      'stage_probability',
      'seller_probability',
      'win_probability',
      'zone_ids',
      'coverage_index',
    ])
    .expression((eb) =>
      eb
        .selectFrom('opportunities')
        .innerJoin('stages', 'stages.id', 'opportunities.stage_id')
        .leftJoin('assessments', 'assessments.opportunity_id', 'opportunities.id')
        .where('opportunities.org_id', '=', orgId)
        .where('opportunities.status', '=', 'open')
        .where('opportunities.deleted_at', 'is', null)
        .select([
          'opportunities.org_id',
          sql<string>`${day}`.as('day'),
          'opportunities.id',
          'opportunities.owner_id',
          'opportunities.amount_minor',
          'opportunities.currency',
          'opportunities.expected_close_date',
          'opportunities.forecast_category',
          'stages.probability',
          'opportunities.seller_probability',
          'assessments.win_probability',
          sql<string>`coalesce(${sql.ref('assessments.zone_ids')}, '[]')`.as('zone_ids'),
          'assessments.coverage_index',
        ]),
    )
    .onConflict((oc) => oc.columns(['org_id', 'day', 'opportunity_id']).doNothing())
    .execute();
}

/**
 * The day's snapshot summed per seller and zone set, as a scorecard reads a past day. A later
 * taking of the same day only adds deals, so each sum is written again whole (by whichever
 * instance gets there; the last write holds every deal of the day).
 */
export async function sumSnapshotByOwner(db: Db, orgId: string, day: string): Promise<void> {
  await sql`insert into snapshot_owner_figures (org_id, day, owner_id, zone_ids, deals, coverage_sum, coverage_count,
      with_seller, seller_gap_sum)
    select org_id, day, owner_id, zone_ids, count(*), sum(coverage_index), count(coverage_index),
      sum(case when seller_probability is not null and win_probability is not null then 1 else 0 end),
      coalesce(sum(case when seller_probability is not null and win_probability is not null
        then seller_probability - win_probability * 100 else 0 end), 0)
    from opportunity_snapshots
    where org_id = ${orgId} and day = ${day}
    group by org_id, day, owner_id, zone_ids
    on conflict (org_id, day, owner_id, zone_ids) do update set deals = excluded.deals,
      coverage_sum = excluded.coverage_sum, coverage_count = excluded.coverage_count,
      with_seller = excluded.with_seller, seller_gap_sum = excluded.seller_gap_sum`.execute(db);
}

/**
 * The days snapshots were taken for an organization, from `from` to `to`: read from the days' sums
 * per seller (a few hundred rows a day, where the deals' rows are tens of thousands).
 */
export async function snapshotDays(db: Db, orgId: string, from: string, to: string): Promise<string[]> {
  const rows = await db
    .selectFrom('snapshot_owner_figures')
    .select('day')
    .distinct()
    .where('org_id', '=', orgId)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .orderBy('day')
    .execute();
  return rows.map((r) => r.day);
}

/**
 * On each of `days`, the snapshot's open deals expected to close between `from` and `to`, summed by
 * currency and category as the forecast sums today's (forecast.repo.ts openSums).
 */
export async function snapshotSums(
  db: Db,
  scope: { orgId: string; owners: 'all' | readonly string[]; from: string; to: string },
  days: readonly string[],
) {
  if (days.length === 0) return [];
  let query = db
    .selectFrom('opportunity_snapshots')
    .where('org_id', '=', scope.orgId)
    .where('day', 'in', days)
    .where('expected_close_date', '>=', scope.from)
    .where('expected_close_date', '<=', scope.to);
  if (scope.owners !== 'all') query = query.where('owner_id', 'in', scope.owners.length > 0 ? scope.owners : ['']);
  const rows = await query
    .select([
      'day',
      'currency',
      'forecast_category as category',
      ...weightedSums({
        amount: 'amount_minor',
        winProbability: 'win_probability',
        stageProbability: 'stage_probability',
        sellerProbability: 'seller_probability',
      }),
    ])
    .groupBy(['day', 'currency', 'forecast_category'])
    .execute();
  return rows.map((r) => ({
    day: r.day,
    currency: r.currency,
    category: r.category as ForecastCategory,
    ...readSums(r),
  }));
}

/**
 * A past day's snapshot of a workspace whose history was replayed rather than lived (the demo):
 * the deals open at the end of `day` (created by then, closed after it or still open), with their
 * amount, close date, category, stage and seller figure as they stand now, and the probability and
 * zones of their latest kept assessment by then. A deal with no assessment by then is left out.
 */
export async function takeReplayedSnapshot(db: Db, orgId: string, day: string): Promise<void> {
  const end = `${day}T23:59:59.999Z`;
  const latest = (column: 'win_probability' | 'zone_ids' | 'coverage_index') =>
    sql`(select h.${sql.ref(column)} from assessment_history h
      where h.opportunity_id = o.id and h.at <= ${end} order by h.at desc, h.id desc limit 1)`;
  await sql`
    insert into opportunity_snapshots (org_id, day, opportunity_id, owner_id, amount_minor, currency,
      expected_close_date, forecast_category, stage_probability, seller_probability, win_probability, zone_ids,
      coverage_index)
    select org_id, day, id, owner_id, amount_minor, currency, expected_close_date, forecast_category,
      stage_probability, seller_probability, win_probability, zone_ids, coverage_index
    from (
      select o.org_id, cast(${day} as text) as day, o.id, o.owner_id, o.amount_minor, o.currency, o.expected_close_date,
        o.forecast_category, s.probability as stage_probability, o.seller_probability,
        ${latest('win_probability')} as win_probability, ${latest('zone_ids')} as zone_ids,
        ${latest('coverage_index')} as coverage_index
      from opportunities o join stages s on s.id = o.stage_id
      where o.org_id = ${orgId} and o.deleted_at is null and o.created_at <= ${end}
        and (o.status = 'open' or o.closed_date > ${day})
    ) replayed
    where win_probability is not null
    on conflict (org_id, day, opportunity_id) do nothing`.execute(db);
  await sumSnapshotByOwner(db, orgId, day);
}

/** Sets the close date a replayed snapshot's deals had that day (their date before a later push). */
export async function setSnapshotCloseDates(
  db: Db,
  orgId: string,
  day: string,
  closeDates: ReadonlyMap<string, string>,
): Promise<void> {
  for (const [opportunityId, date] of closeDates)
    await db
      .updateTable('opportunity_snapshots')
      .set({ expected_close_date: date })
      .where('org_id', '=', orgId)
      .where('day', '=', day)
      .where('opportunity_id', '=', opportunityId)
      .execute();
}

/**
 * A period's waterfall in one statement: every deal of the start (open in the snapshot of `day`,
 * expected to close in the period and in the scope then, or won in the period and in the scope
 * by the end of `day`, as the accuracy counts it in the call) and every deal won in the period in the scope now, each put
 * on the one step it takes (domain/forecast/waterfall.ts), summed by step and currency. A start
 * deal carries its value at the start (the snapshot's amount on its day, or the amount won on its
 * close date); a won deal its amount won, by owner and close date as the accuracy sums its actual,
 * so the two convert alike.
 */
export async function waterfallSums(
  db: Db,
  scope: { orgId: string; owners: 'all' | readonly string[]; from: string; to: string },
  day: string,
  isRunning: boolean,
) {
  const { orgId, from, to } = scope;
  const owners = scope.owners === 'all' ? null : scope.owners.length > 0 ? scope.owners : [''];
  const inScope = (column: string) =>
    owners ? sql`${sql.ref(column)} in (${sql.join(owners)})` : sql`${sql.lit(1)} = ${sql.lit(1)}`;
  const inSnapshot = sql`(sn.opportunity_id is not null and sn.expected_close_date >= ${from}
    and sn.expected_close_date <= ${to} and ${inScope('sn.owner_id')})`;
  const isWon = sql`(o.status = 'won' and o.deleted_at is null and o.closed_date >= ${from}
    and o.closed_date <= ${to} and ${inScope('o.owner_id')})`;
  const wonBySnapshot = sql`(${isWon} and o.closed_date <= ${day})`;
  const stillOpen = isRunning
    ? sql`when o.status = 'open' and o.expected_close_date >= ${from} and o.expected_close_date <= ${to} then 'stillOpen'`
    : sql``;
  const rows = await sql<{
    step: string;
    ownerId: string | null;
    startCurrency: string | null;
    startDay: string | null;
    endCurrency: string | null;
    closedDate: string | null;
    deals: number | string;
    startAmount: number | string | null;
    endAmount: number | string | null;
    resized: number | string | null;
  }>`
    select step, owner_id as "ownerId", start_currency as "startCurrency", start_day as "startDay",
      end_currency as "endCurrency", closed_date as "closedDate", count(*) as deals,
      sum(start_amount) as "startAmount", sum(end_amount) as "endAmount", sum(resized) as resized
    from (
      select step,
        case when step in ('wonFromStart', 'created', 'pulledIn') then owner_id end as owner_id,
        case when is_start = 1 then start_currency end as start_currency,
        case when is_start = 1 then start_day end as start_day,
        case when is_start = 1 then start_amount end as start_amount,
        case when step in ('wonFromStart', 'created', 'pulledIn') then currency end as end_currency,
        case when step in ('wonFromStart', 'created', 'pulledIn') then closed_date end as closed_date,
        case when step in ('wonFromStart', 'created', 'pulledIn') then amount_minor end as end_amount,
        resized
      from (
        select o.owner_id, o.currency, o.closed_date, o.amount_minor,
          case
            when ${inSnapshot} then
              case
                when ${isWon} then 'wonFromStart'
                when o.deleted_at is not null or not (${inScope('o.owner_id')}) then 'removed'
                when o.status in ('lost', 'no_decision') and o.closed_date <= ${to} then 'lost'
                ${stillOpen}
                else 'slipped'
              end
            when ${wonBySnapshot} then 'wonFromStart'
            when sn.opportunity_id is null then 'created'
            else 'pulledIn'
          end as step,
          case when ${inSnapshot} or ${wonBySnapshot} then 1 else 0 end as is_start,
          case when ${inSnapshot} then sn.currency else o.currency end as start_currency,
          case when ${inSnapshot} then cast(${day} as text) else o.closed_date end as start_day,
          case when ${inSnapshot} then sn.amount_minor else o.amount_minor end as start_amount,
          case when ${inSnapshot} and (sn.amount_minor <> o.amount_minor or sn.currency <> o.currency)
            then 1 else 0 end as resized
        from (
          select opportunity_id as id from opportunity_snapshots
          where org_id = ${orgId} and day = ${day} and expected_close_date >= ${from}
            and expected_close_date <= ${to} and ${inScope('owner_id')}
          union
          select id from opportunities
          where org_id = ${orgId} and status = 'won' and deleted_at is null and closed_date >= ${from}
            and closed_date <= ${to} and ${inScope('owner_id')}
        ) candidates
        join opportunities o on o.id = candidates.id
        left join opportunity_snapshots sn on sn.org_id = ${orgId} and sn.day = ${day} and sn.opportunity_id = o.id
      ) deal
    ) placed
    group by step, owner_id, start_currency, start_day, end_currency, closed_date`.execute(db);
  return rows.rows.map((r) => ({
    step: r.step as WaterfallPart,
    ownerId: r.ownerId,
    start:
      r.startCurrency !== null && r.startDay !== null
        ? { currency: r.startCurrency, day: r.startDay, amountMinor: Number(r.startAmount ?? 0) }
        : null,
    end:
      r.endCurrency !== null && r.closedDate !== null
        ? { currency: r.endCurrency, closedDate: r.closedDate, amountMinor: Number(r.endAmount ?? 0) }
        : null,
    deals: Number(r.deals),
    resized: Number(r.resized ?? 0),
  }));
}

/** The steps a deal of the waterfall is placed on (the totals are sums of these). */
export type WaterfallPart = 'lost' | 'slipped' | 'removed' | 'stillOpen' | 'wonFromStart' | 'created' | 'pulledIn';

/** The values a replayed day takes from a deal's history, as the audit trail names them. */
const REPLAYED_FIELDS = ['stageId', 'amountMinor', 'expectedCloseDate'] as const satisfies ReadonlyArray<
  keyof ReplayedValues
>;
const isReplayedField = (field: string): field is keyof ReplayedValues =>
  (REPLAYED_FIELDS as readonly string[]).includes(field);
/** A value of the field as the trail records it: an amount a whole number of minor units, the others text. */
const isValueOf = (field: keyof ReplayedValues, value: unknown) =>
  field === 'amountMinor' ? Number.isSafeInteger(value) : typeof value === 'string';

/** A deal whose history records a change of a replayed value: what it holds now, and those changes in order. */
export type ReplayedDealWithHistory = ReplayedDeal & { now: ReplayedValues; history: ValueHistory };

/**
 * What replaying an organization's past reads, once: the day it was created, the first and last
 * days a deal was open at the end of, and the deals whose history records changes of their stage,
 * amount or expected close date, with those changes in order.
 */
export async function readReplayInputs(db: Db, orgId: string) {
  const [org, first, changes, stages] = await Promise.all([
    db.selectFrom('organizations').select('created_at').where('id', '=', orgId).executeTakeFirst(),
    db
      .selectFrom('opportunities')
      .select((eb) => [
        eb.fn.min<string | null>('created_at').as('at'),
        eb.fn.max<string | null>('closed_date').as('lastClosed'),
        sql<number | string>`count(case when status = 'open' then 1 end)`.as('open'),
        eb.fn.countAll<number | string>().as('deals'),
      ])
      .where('org_id', '=', orgId)
      .where('deleted_at', 'is', null)
      // open at the end of a day at least (a date before a timestamp of the same day sorts first)
      .where((eb) => eb.or([eb('status', '=', 'open'), eb('closed_date', '>', eb.ref('created_at'))]))
      .executeTakeFirst(),
    db
      .selectFrom('audit_events')
      .innerJoin('opportunities', 'opportunities.id', 'audit_events.entity_id')
      .select([
        'audit_events.entity_id',
        'audit_events.at',
        'audit_events.changes',
        'opportunities.stage_id',
        'opportunities.amount_minor',
        'opportunities.expected_close_date',
        'opportunities.status',
        'opportunities.closed_date',
        'opportunities.created_at',
      ])
      .where('audit_events.org_id', '=', orgId)
      .where('audit_events.entity_type', '=', 'opportunity')
      .where('audit_events.action', '=', 'update')
      .where((eb) =>
        eb.or([...REPLAYED_FIELDS, 'currency'].map((field) => eb('audit_events.changes', 'like', `%"${field}"%`))),
      )
      .where('opportunities.deleted_at', 'is', null)
      .orderBy('audit_events.at')
      .orderBy('audit_events.seq')
      .execute(),
    db.selectFrom('stages').select(['id', 'probability']).where('org_id', '=', orgId).execute(),
  ]);
  const withHistory = new Map<string, ReplayedDealWithHistory>();
  // an amount in another currency than the deal's now cannot be shown in its snapshot's currency
  const changedCurrency = new Set<string>();
  for (const row of changes) {
    const fields = JSON.parse(row.changes) as Array<{ field: string; from: unknown; to: unknown }>;
    let deal = withHistory.get(row.entity_id);
    for (const change of fields) {
      if (change.field === 'currency') changedCurrency.add(row.entity_id);
      if (!isReplayedField(change.field) || !isValueOf(change.field, change.to)) continue;
      if (!deal) {
        deal = {
          id: row.entity_id,
          createdOn: row.created_at.slice(0, 10),
          status: row.status,
          closedDate: row.closed_date,
          now: {
            stageId: row.stage_id,
            amountMinor: Number(row.amount_minor),
            expectedCloseDate: row.expected_close_date,
          },
          history: { stageId: [], amountMinor: [], expectedCloseDate: [] },
        };
        withHistory.set(row.entity_id, deal);
      }
      const from = isValueOf(change.field, change.from) ? change.from : null;
      // each list holds its field's values: checked by isValueOf above
      (deal.history[change.field] as Array<ValueChange<unknown>>).push({
        on: row.at.slice(0, 10),
        from,
        to: change.to,
      });
    }
  }
  for (const id of changedCurrency) {
    const deal = withHistory.get(id);
    if (deal) deal.history.amountMinor = [];
  }
  return {
    createdOn: org ? org.created_at.slice(0, 10) : null,
    firstDealOn: first?.at ? first.at.slice(0, 10) : null,
    /** the last day a deal was open at the end of: none while one is still open */
    lastDealOn: first && Number(first.open) === 0 && first.lastClosed ? addDays(first.lastClosed, -1) : null,
    /** the deals open at the end of a day at least: the most a replayed day can hold */
    deals: Number(first?.deals ?? 0),
    withHistory: [...withHistory.values()],
    stageProbabilities: new Map(stages.map((s) => [s.id, s.probability])),
  };
}

/**
 * Clears an organization's snapshots of the days before `before` (a replay's, which it replaces
 * whole: a day the new replay no longer takes goes too), in three statements.
 */
export async function deleteSnapshotsBefore(db: Db, orgId: string, before: string): Promise<void> {
  await db.deleteFrom('opportunity_snapshots').where('org_id', '=', orgId).where('day', '<', before).execute();
  await db.deleteFrom('snapshot_owner_figures').where('org_id', '=', orgId).where('day', '<', before).execute();
  await db.deleteFrom('partial_snapshot_days').where('org_id', '=', orgId).where('day', '<', before).execute();
}

// What a replayed day's deals held then where their history says it differs from now (the stage,
// amount, close date) waits in a temporary table of the replay's transaction, and each day's
// snapshot is inserted joined to it: every row is written once, as it stood, rather than inserted
// as the deal is now and then updated (a deal's values differ one from another, so updates could
// not be grouped by value, and updating a snapshot row rewrites it and its indexes).

/** What a replayed day's snapshot of a deal says differently from the deal now; a null keeps what the deal holds. */
export type ReplayedRow = {
  day: string;
  opportunityId: string;
  stageProbability: number | null;
  amountMinor: number | null;
  expectedCloseDate: string | null;
};

/** Opens the table a replay's values of the past wait in, inside its transaction. */
export async function openReplayedValues(db: Db): Promise<void> {
  await sql`create temporary table replayed_values (
    day text not null,
    opportunity_id text not null,
    stage_probability integer,
    amount_minor bigint,
    expected_close_date text,
    primary key (day, opportunity_id)
  )`.execute(db);
}

/** Adds values of the past to the waiting table: one statement per 1,000. */
export async function stageReplayedValues(db: Db, rows: readonly ReplayedRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    const values = sql.join(
      rows
        .slice(i, i + 1000)
        .map(
          (r) => sql`(${r.day}, ${r.opportunityId}, ${r.stageProbability}, ${r.amountMinor}, ${r.expectedCloseDate})`,
        ),
    );
    await sql`insert into replayed_values (day, opportunity_id, stage_probability, amount_minor, expected_close_date)
      values ${values}`.execute(db);
  }
}

export async function closeReplayedValues(db: Db): Promise<void> {
  await sql`drop table replayed_values`.execute(db);
}

/** A replayed day, and which of the deals open at its end its snapshot keeps (null: all). */
export type ReplayedDay = { day: string; closing: ReplayedClosing | null };

/** `days` as a table of the statement (day, its last instant, the close dates it keeps). */
const daysTable = (days: readonly ReplayedDay[]) =>
  sql`replayed_days (day, day_end, closing_from, closing_to) as (values ${sql.join(
    days.map(
      ({ day, closing }) =>
        sql`(cast(${day} as text), cast(${`${day}T23:59:59.999Z`} as text), cast(${closing?.from ?? null} as text),
          cast(${closing?.to ?? null} as text))`,
    ),
  )})`;

/** The deals open at the end of a replayed day d: created by then, closed after it or still open. */
const openOnDay = (orgId: string) => sql`o.org_id = ${orgId} and o.deleted_at is null and o.created_at <= d.day_end
  and (o.status = 'open' or o.closed_date > d.day)`;

/**
 * Replayed days' snapshots in one statement: the deals open at the end of each that it keeps (those
 * then expected to close, or since won, between its dates), with the stage probability, amount and
 * close date they had then (the waiting values, else what they hold now), with no assessment then;
 * a closed deal's seller figure now is how it ended (100 or 0), not what the seller said while it
 * was open, so it is left out. Returns how many rows it wrote. The days are read together: each
 * day's reading of every deal cost more than its writing once the older days kept few.
 */
export async function insertReplayedDays(db: Db, orgId: string, days: readonly ReplayedDay[]): Promise<number> {
  if (days.length === 0) return 0;
  const closeThen = sql`coalesce(v.expected_close_date, o.expected_close_date)`;
  const result = await sql`
    with ${daysTable(days)}
    insert into opportunity_snapshots (org_id, day, opportunity_id, owner_id, amount_minor, currency,
      expected_close_date, forecast_category, stage_probability, seller_probability, win_probability, zone_ids,
      coverage_index)
    select o.org_id, d.day, o.id, o.owner_id, coalesce(v.amount_minor, o.amount_minor), o.currency, ${closeThen},
      o.forecast_category, coalesce(v.stage_probability, s.probability),
      case when o.status = 'open' then o.seller_probability end, null, '[]', null
    from replayed_days d
      join opportunities o on ${openOnDay(orgId)}
      join stages s on s.id = o.stage_id
      left join replayed_values v on v.day = d.day and v.opportunity_id = o.id
    where d.closing_from is null or ${closeThen} between d.closing_from and d.closing_to
      or (o.status = 'won' and o.closed_date between d.closing_from and d.closing_to)
    on conflict (org_id, day, opportunity_id) do nothing`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/**
 * Replayed days' figures per seller in one statement, from every deal open at the end of each
 * whether its snapshot keeps it or not: as sumSnapshotByOwner reads a day without assessments (no
 * zones, coverage or probability to set beside the seller's), a count of deals per owner. Returns
 * the days that held a deal.
 */
export async function sumReplayedDaysByOwner(db: Db, orgId: string, days: readonly string[]): Promise<Set<string>> {
  if (days.length === 0) return new Set();
  const result = await sql<{ day: string }>`
    with ${daysTable(days.map((day) => ({ day, closing: null })))}
    insert into snapshot_owner_figures (org_id, day, owner_id, zone_ids, deals, coverage_sum, coverage_count,
      with_seller, seller_gap_sum)
    select o.org_id, d.day, o.owner_id, '[]', count(*), null, 0, 0, 0
    from replayed_days d join opportunities o on ${openOnDay(orgId)}
    group by o.org_id, d.day, o.owner_id
    returning day`.execute(db);
  return new Set(result.rows.map((r) => r.day));
}

/** Lists the replayed days whose snapshots keep only some deals, with the close dates they keep. */
export async function markPartialDays(
  db: Db,
  orgId: string,
  days: ReadonlyArray<{ day: string; closing: ReplayedClosing }>,
): Promise<void> {
  if (days.length === 0) return;
  await db
    .insertInto('partial_snapshot_days')
    .values(days.map((d) => ({ org_id: orgId, day: d.day, closing_from: d.closing.from, closing_to: d.closing.to })))
    .execute();
}
