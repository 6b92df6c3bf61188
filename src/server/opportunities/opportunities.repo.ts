import type { Db } from '../../db/database.ts';
import { preparedQuery } from '../../db/prepared.ts';
import { insertTracked, updateTrackedAtVersion, type TrackedInsert } from '../tracked.repo.ts';
import { containsText, type DialectName } from '../../db/dialect.ts';
import type { Database, OpportunityTable } from '../../db/schema.ts';
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Actor } from '../../domain/access.ts';
import type { DealType, ForecastCategory, LeadSource, OpportunityStatus } from '../../domain/enums.ts';
import type { Opportunity, OpportunityListQuery, OpportunitySort } from '../../contract/opportunities.ts';
import type { OrgCache } from '../cache.ts';
import { opportunityVisible } from '../scope.repo.ts';

function selectOpportunities(db: Db) {
  return db
    .selectFrom('opportunities')
    .innerJoin('accounts', 'accounts.id', 'opportunities.account_id')
    .innerJoin('users as owners', 'owners.id', 'opportunities.owner_id')
    .innerJoin('stages', 'stages.id', 'opportunities.stage_id')
    .leftJoin('assessments', 'assessments.opportunity_id', 'opportunities.id')
    .selectAll('opportunities')
    .select([
      'assessments.win_probability',
      'assessments.coverage_index',
      'assessments.top_severity',
      'accounts.name as account_name',
      'owners.name as owner_name',
      'stages.name as stage_name',
      'stages.position as stage_position',
      'stages.probability as stage_probability',
    ]);
}

type OpportunityRow = OpportunityTable & {
  win_probability: number | null;
  coverage_index: number | null;
  top_severity: string | null;
  account_name: string;
  owner_name: string;
  stage_name: string;
  stage_position: number;
  stage_probability: number;
};

function toOpportunity(r: OpportunityRow): Opportunity {
  return {
    id: r.id,
    name: r.name,
    accountId: r.account_id,
    accountName: r.account_name,
    ownerId: r.owner_id,
    ownerName: r.owner_name,
    amountMinor: Number(r.amount_minor),
    currency: r.currency,
    expectedCloseDate: r.expected_close_date,
    stageId: r.stage_id,
    stageName: r.stage_name,
    stagePosition: r.stage_position,
    stageProbability: r.stage_probability,
    status: r.status as OpportunityStatus,
    closedDate: r.closed_date,
    closeReason: r.close_reason,
    forecastCategory: r.forecast_category as ForecastCategory,
    sellerProbability: r.seller_probability,
    source: r.source as LeadSource | null,
    dealType: r.deal_type as DealType,
    winProbability: r.win_probability === null ? null : Number(r.win_probability),
    coverageIndex: r.coverage_index === null ? null : Number(r.coverage_index),
    topSeverity: r.top_severity as Opportunity['topSeverity'],
    createdBy: r.created_by,
    updatedBy: r.updated_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

const SORT_COLUMNS = {
  name: 'opportunities.name',
  amount: 'opportunities.amount_minor',
  closeDate: 'opportunities.expected_close_date',
  updatedAt: 'opportunities.updated_at',
  stage: 'stages.position',
  account: 'accounts.name',
  winProbability: 'assessments.win_probability',
} as const;

function sortOf(sort: OpportunitySort) {
  const descending = sort.startsWith('-');
  const key = (descending ? sort.slice(1) : sort) as keyof typeof SORT_COLUMNS;
  return { column: SORT_COLUMNS[key], direction: descending ? ('desc' as const) : ('asc' as const) };
}

export type OpportunityFilter = Omit<OpportunityListQuery, 'owner' | 'limit' | 'offset' | 'sort'> & {
  ownerId?: string | undefined;
};

/** Every condition of a list request, as one expression usable by the page and the count. */
function listedCondition(
  eb: ExpressionBuilder<Database, 'opportunities'>,
  dialect: DialectName,
  actor: Actor,
  filter: OpportunityFilter,
): Expression<SqlBool> {
  const conditions: Expression<SqlBool>[] = [
    eb('opportunities.org_id', '=', actor.orgId),
    eb('opportunities.deleted_at', 'is', null),
    opportunityVisible(eb, actor),
  ];
  if (filter.ownerId !== undefined) conditions.push(eb('opportunities.owner_id', '=', filter.ownerId));
  if (filter.status !== undefined) conditions.push(eb('opportunities.status', '=', filter.status));
  if (filter.stageId !== undefined) conditions.push(eb('opportunities.stage_id', '=', filter.stageId));
  if (filter.accountId !== undefined) conditions.push(eb('opportunities.account_id', '=', filter.accountId));
  if (filter.forecastCategory !== undefined) {
    conditions.push(eb('opportunities.forecast_category', '=', filter.forecastCategory));
  }
  const needle = filter.q?.trim();
  if (needle) {
    conditions.push(
      eb.or([
        containsText(dialect, eb.ref('opportunities.name'), needle),
        eb(
          'opportunities.account_id',
          'in',
          eb
            .selectFrom('accounts')
            .select('accounts.id')
            .where('accounts.org_id', '=', actor.orgId)
            .where((inner) => containsText(dialect, inner.ref('accounts.name'), needle)),
        ),
      ]),
    );
  }
  return eb.and(conditions);
}

export async function listOpportunities(
  db: Db,
  dialect: DialectName,
  actor: Actor,
  filter: OpportunityFilter,
  page: { limit: number; offset: number; sort: OpportunitySort },
  totals: OrgCache<number>,
): Promise<{ items: Opportunity[]; total: number }> {
  const { column, direction } = sortOf(page.sort);
  const [rows, count] = await Promise.all([
    selectOpportunities(db)
      .where((eb) => listedCondition(eb, dialect, actor, filter))
      .orderBy(column, direction)
      .orderBy('opportunities.id', direction)
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    // the total is the costly part of a page; it is cached briefly and dropped on every change
    totals.get(actor.orgId, JSON.stringify([actor.visibleOwnerIds, filter]), async () => {
      const row = await db
        .selectFrom('opportunities')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where((eb) => listedCondition(eb, dialect, actor, filter))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    }),
  ]);
  return { items: rows.map(toOpportunity), total: count };
}

/**
 * Every opportunity a list request matches, in its order, a page at a time: one query for the
 * ordered ids, then the rows by id (an OFFSET would re-read everything before each page). A row
 * deleted in between is left out.
 */
export async function* opportunitiesInOrder(
  db: Db,
  dialect: DialectName,
  actor: Actor,
  filter: OpportunityFilter,
  sort: OpportunitySort,
  pageSize: number,
): AsyncGenerator<Opportunity[]> {
  const { column, direction } = sortOf(sort);
  const ordered = await selectOpportunities(db)
    .clearSelect()
    .select('opportunities.id')
    .where((eb) => listedCondition(eb, dialect, actor, filter))
    .orderBy(column, direction)
    .orderBy('opportunities.id', direction)
    .execute();
  for (let i = 0; i < ordered.length; i += pageSize) {
    const ids = ordered.slice(i, i + pageSize).map((r) => r.id);
    // by primary key alone: with the organization's index in reach SQLite would scan it instead
    const rows = await selectOpportunities(db).where('opportunities.id', 'in', ids).execute();
    const byId = new Map(rows.filter((r) => r.org_id === actor.orgId && r.deleted_at === null).map((r) => [r.id, r]));
    yield ids.flatMap((id) => {
      const row = byId.get(id);
      return row ? [toOpportunity(row)] : [];
    });
  }
}

// the lookup behind every opportunity page and route: compiled once (per size of the team seen)
const liveOpportunity = preparedQuery((db, args: { orgId: string; id: string }) =>
  selectOpportunities(db)
    .where('opportunities.org_id', '=', args.orgId)
    .where('opportunities.id', '=', args.id)
    .where('opportunities.deleted_at', 'is', null),
);
const liveOpportunityOfOwners = preparedQuery((db, args: { orgId: string; id: string; owners: readonly string[] }) =>
  selectOpportunities(db)
    .where('opportunities.org_id', '=', args.orgId)
    .where('opportunities.id', '=', args.id)
    .where((eb) => opportunityVisible(eb, { visibleOwnerIds: args.owners }))
    .where('opportunities.deleted_at', 'is', null),
);

/** One opportunity the actor may see (deleted ones only when asked), or undefined. */
export async function findOpportunity(
  db: Db,
  actor: Actor,
  id: string,
  options: { includeDeleted?: boolean } = {},
): Promise<(Opportunity & { deletedAt: string | null }) | undefined> {
  const row = options.includeDeleted
    ? await selectOpportunities(db)
        .where('opportunities.org_id', '=', actor.orgId)
        .where('opportunities.id', '=', id)
        .where((eb) => opportunityVisible(eb, actor))
        .executeTakeFirst()
    : actor.visibleOwnerIds === 'all'
      ? (await liveOpportunity(db, { orgId: actor.orgId, id }))[0]
      : (await liveOpportunityOfOwners(db, { orgId: actor.orgId, id, owners: actor.visibleOwnerIds }))[0];
  return row ? { ...toOpportunity(row), deletedAt: row.deleted_at } : undefined;
}

export type OpportunityValues = {
  name: string;
  accountId: string;
  ownerId: string;
  amountMinor: number;
  currency: string;
  expectedCloseDate: string;
  stageId: string;
  status: OpportunityStatus;
  closedDate: string | null;
  closeReason: string | null;
  forecastCategory: ForecastCategory;
  sellerProbability: number | null;
  source: LeadSource | null;
  dealType: DealType;
};

function toColumns(v: Partial<OpportunityValues>) {
  const columns: Partial<OpportunityTable> = {};
  if (v.name !== undefined) columns.name = v.name;
  if (v.accountId !== undefined) columns.account_id = v.accountId;
  if (v.ownerId !== undefined) columns.owner_id = v.ownerId;
  if (v.amountMinor !== undefined) columns.amount_minor = v.amountMinor;
  if (v.currency !== undefined) columns.currency = v.currency;
  if (v.expectedCloseDate !== undefined) columns.expected_close_date = v.expectedCloseDate;
  if (v.stageId !== undefined) columns.stage_id = v.stageId;
  if (v.status !== undefined) columns.status = v.status;
  if (v.closedDate !== undefined) columns.closed_date = v.closedDate;
  if (v.closeReason !== undefined) columns.close_reason = v.closeReason;
  if (v.forecastCategory !== undefined) columns.forecast_category = v.forecastCategory;
  if (v.sellerProbability !== undefined) columns.seller_probability = v.sellerProbability;
  if (v.source !== undefined) columns.source = v.source;
  if (v.dealType !== undefined) columns.deal_type = v.dealType;
  return columns;
}

export function insertOpportunities(
  db: Db,
  records: ReadonlyArray<Omit<TrackedInsert<unknown>, 'columns'> & { values: OpportunityValues }>,
): Promise<void> {
  return insertTracked(
    db,
    'opportunities',
    records.map(({ values, ...r }) => ({ ...r, columns: toColumns(values) })),
  );
}

export function updateOpportunityAtVersion(
  db: Db,
  target: { orgId: string; id: string; version: number },
  change: { values?: Partial<OpportunityValues>; deletedAt?: string | null },
  stamp: { actorId: string; at: string },
): Promise<boolean> {
  return updateTrackedAtVersion(
    db,
    'opportunities',
    target,
    { columns: toColumns(change.values ?? {}), deletedAt: change.deletedAt },
    stamp,
  );
}

/** Ids, versions and the owner's own figure of the opportunities a person owns, for reassignment. */
export async function listOwnedOpportunities(
  db: Db,
  orgId: string,
  ownerId: string,
  options: { includeClosed: boolean },
): Promise<Array<{ id: string; version: number; sellerProbability: number | null }>> {
  const rows = await db
    .selectFrom('opportunities')
    .select(['id', 'version', 'seller_probability'])
    .where('org_id', '=', orgId)
    .where('owner_id', '=', ownerId)
    .where('deleted_at', 'is', null)
    .$if(!options.includeClosed, (q) => q.where('status', '=', 'open'))
    .execute();
  return rows.map((r) => ({ id: r.id, version: r.version, sellerProbability: r.seller_probability }));
}

export async function countLiveOpportunitiesOnAccount(db: Db, accountId: string): Promise<number> {
  const row = await db
    .selectFrom('opportunities')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', accountId)
    .where('deleted_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function countOpportunitiesInStage(db: Db, stageId: string): Promise<number> {
  const row = await db
    .selectFrom('opportunities')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('stage_id', '=', stageId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** What the organization's closed deals say: win rate, typical cycle and deal sizes. */
export async function outcomeHistory(db: Db, orgId: string) {
  const rows = await db
    .selectFrom('opportunities')
    .select(['status', 'amount_minor', 'created_at', 'closed_date'])
    .where('org_id', '=', orgId)
    .where('deleted_at', 'is', null)
    .execute();
  return rows.map((r) => ({
    status: r.status,
    amountMinor: Number(r.amount_minor),
    createdAt: r.created_at,
    closedDate: r.closed_date,
  }));
}

/** Ids of an organization's opportunities, optionally only open or only closed. */
export async function listOpportunityIds(db: Db, orgId: string, which: 'open' | 'closed' | 'all'): Promise<string[]> {
  const rows = await db
    .selectFrom('opportunities')
    .select('id')
    .where('org_id', '=', orgId)
    .where('deleted_at', 'is', null)
    .$if(which === 'open', (q) => q.where('status', '=', 'open'))
    .$if(which === 'closed', (q) => q.where('status', '!=', 'open'))
    .execute();
  return rows.map((r) => r.id);
}

/** Every live opportunity of an organization (open, closed or both), for batch work. */
export async function listOrgOpportunities(
  db: Db,
  orgId: string,
  which: 'open' | 'closed' | 'all',
): Promise<Opportunity[]> {
  const rows = await selectOpportunities(db)
    .where('opportunities.org_id', '=', orgId)
    .where('opportunities.deleted_at', 'is', null)
    .$if(which === 'open', (q) => q.where('opportunities.status', '=', 'open'))
    .$if(which === 'closed', (q) => q.where('opportunities.status', '!=', 'open'))
    .orderBy('opportunities.id')
    .execute();
  return rows.map(toOpportunity);
}

/** Live opportunities of an organization by id, in no particular order, for batch work on a few. */
export async function listOpportunitiesByIds(db: Db, orgId: string, ids: readonly string[]): Promise<Opportunity[]> {
  if (ids.length === 0) return [];
  const rows = await selectOpportunities(db)
    .where('opportunities.org_id', '=', orgId)
    .where('opportunities.id', 'in', ids)
    .where('opportunities.deleted_at', 'is', null)
    .execute();
  return rows.map(toOpportunity);
}
