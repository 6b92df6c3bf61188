import type { Db } from '../../db/database.ts';
import { preparedQuery } from '../../db/prepared.ts';
import { insertTracked, updateTrackedAtVersion, type TrackedInsert } from '../tracked.repo.ts';
import { containsText, ftsPhrase, TRIGRAM_LENGTH, type DialectName } from '../../db/dialect.ts';
import type { Database, OpportunityTable } from '../../db/schema.ts';
import {
  sql,
  type AliasedSelectQueryBuilder,
  type Expression,
  type ExpressionBuilder,
  type Selectable,
  type SqlBool,
} from 'kysely';
import type { Actor } from '../../domain/access.ts';
import type { DealType, ForecastCategory, LeadSource, OpportunityStatus } from '../../domain/enums.ts';
import {
  LIST_COUNT_CAP,
  type Opportunity,
  type OpportunityListQuery,
  type OpportunitySort,
} from '../../contract/opportunities.ts';
import type { OrgCache } from '../cache.ts';
import { opportunityVisible } from '../scope.repo.ts';
import type { Factors } from '../money.repo.ts';
import { encodeCursor, type ListCursor, type SortKeyValue, type UnconvertedAmount } from './list-cursor.ts';

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

type OpportunityRow = Selectable<OpportunityTable> & {
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

// What each sort orders by. Most are a column of the opportunity, read in order from a (scope, key,
// id) index; account is the database's copy of the account's name (migration 0012). Stage and win
// probability are keys of other tables: their pages come from those tables' order (stagePage,
// probabilityPage). A deal not assessed yet has no win probability: it sorts as -1, below any.
// Amount is the amount in the reporting currency at today's rates (amountPage).
const SORT_KEYS = {
  name: { column: 'name', read: (r: OpportunityRow) => r.name },
  amount: { column: null, read: (r: OpportunityRow, factors: Factors) => amountKey(r, factors) },
  closeDate: { column: 'expected_close_date', read: (r: OpportunityRow) => r.expected_close_date },
  updatedAt: { column: 'updated_at', read: (r: OpportunityRow) => r.updated_at },
  account: { column: 'sort_account_name', read: (r: OpportunityRow) => r.sort_account_name },
  stage: { column: null, read: (r: OpportunityRow) => r.stage_position },
  winProbability: {
    column: null,
    read: (r: OpportunityRow) => (r.win_probability === null ? -1 : Number(r.win_probability)),
  },
} satisfies Record<
  string,
  { column: (keyof OpportunityTable & string) | null; read(r: OpportunityRow, factors: Factors): SortKeyValue }
>;

function sortOf(sort: OpportunitySort) {
  const descending = sort.startsWith('-');
  const name = (descending ? sort.slice(1) : sort) as keyof typeof SORT_KEYS;
  const { column, read } = SORT_KEYS[name];
  return { name, column, read, direction: descending ? ('desc' as const) : ('asc' as const) };
}

/** `>` walking up, `<` walking down: what "after" means in the sort's direction. */
const past = (direction: 'asc' | 'desc') => (direction === 'asc' ? ('>' as const) : ('<' as const));

export type OpportunityFilter = Omit<OpportunityListQuery, 'owner' | 'limit' | 'offset' | 'sort' | 'cursor'> & {
  ownerId?: string | undefined;
};

/**
 * "The opportunity's or its account's name contains the needle, ignoring case".
 *
 * PostgreSQL: ILIKE, answered by the pg_trgm indexes; the accounts as an array so that the account
 * index can join the name index in a bitmap OR.
 *
 * SQLite: one set of matching rowids, so that the page and the count test each index entry they
 * walk without reading its row (a test on account_id read every row of the scope: 0.9 s for an
 * administrator at 100,000 deals, 16 ms this way). From 3 characters on the names come from the
 * trigram FTS5 indexes (a quoted phrase matches a substring, Unicode case folded, % and _ literal);
 * 1 or 2 characters are below what a trigram holds and are matched with LIKE on the caller's name
 * index (the owner's, or the organization's; LIKE folds ASCII letters only).
 */
function nameMatches(
  eb: ExpressionBuilder<Database, 'opportunities'>,
  dialect: DialectName,
  actor: Actor,
  needle: string,
): Expression<SqlBool> {
  const { orgId } = actor;
  if (dialect === 'postgres') {
    const accounts = eb
      .selectFrom('accounts')
      .select('accounts.id')
      .where('accounts.org_id', '=', orgId)
      .where((inner) => containsText(dialect, inner.ref('accounts.name'), needle));
    return eb.or([
      containsText(dialect, eb.ref('opportunities.name'), needle),
      sql<SqlBool>`${sql.ref('opportunities.account_id')} = any(array(${accounts}))`,
    ]);
  }
  const indexed = [...needle].length >= TRIGRAM_LENGTH;
  const phrase = ftsPhrase(needle);
  const named = indexed
    ? sql`select rowid from opportunity_name_search where opportunity_name_search match ${phrase}`
    : sql`select rowid from opportunities where org_id = ${orgId}${
        // a seller's own name index; for a team SQLite would read rows instead of the organization's index
        actor.visibleOwnerIds !== 'all' && actor.visibleOwnerIds.length === 1
          ? sql` and owner_id = ${actor.visibleOwnerIds[0]}`
          : sql``
      } and ${containsText(dialect, sql.ref('name'), needle)}`;
  const accounts = indexed
    ? sql`select id from accounts where org_id = ${orgId}
        and rowid in (select rowid from account_name_search where account_name_search match ${phrase})`
    : sql`select id from accounts where org_id = ${orgId} and ${containsText(dialect, sql.ref('name'), needle)}`;
  return sql<SqlBool>`${sql.ref('opportunities.rowid')} in (${named}
    union all select rowid from opportunities where account_id in (${accounts}))`;
}

/**
 * Every condition of a list request, as one expression usable by the page and the count.
 * `ownerHeld`: the caller reads rows of one owner already (an index range of that owner, whose
 * owner column the database keeps equal to the deal's), so the owner conditions are left out:
 * PostgreSQL would count them twice, misjudge how many rows match and sort them all instead.
 */
function listedCondition(
  eb: ExpressionBuilder<Database, 'opportunities'>,
  dialect: DialectName,
  actor: Actor,
  filter: OpportunityFilter,
  options: { ownerHeld?: boolean } = {},
): Expression<SqlBool> {
  const conditions: Expression<SqlBool>[] = [
    eb('opportunities.org_id', '=', actor.orgId),
    eb('opportunities.deleted_at', 'is', null),
  ];
  if (!options.ownerHeld) {
    conditions.push(opportunityVisible(eb, actor));
    if (filter.ownerId !== undefined) conditions.push(eb('opportunities.owner_id', '=', filter.ownerId));
  }
  if (filter.status !== undefined) conditions.push(eb('opportunities.status', '=', filter.status));
  if (filter.stageId !== undefined) conditions.push(eb('opportunities.stage_id', '=', filter.stageId));
  if (filter.accountId !== undefined) conditions.push(eb('opportunities.account_id', '=', filter.accountId));
  if (filter.forecastCategory !== undefined) {
    conditions.push(eb('opportunities.forecast_category', '=', filter.forecastCategory));
  }
  const needle = filter.q?.trim();
  if (needle) conditions.push(nameMatches(eb, dialect, actor, needle));
  return eb.and(conditions);
}

/** A row of a page's order: the sort key and the opportunity's id. */
type PageKey = { key: number; id: string };

/**
 * What sorting by amount needs: each currency's factor to the reporting currency today (none
 * without a rate), and the currencies the organization's deals use (currenciesInUse).
 */
export type AmountOrder = { factors: Factors; currencies: readonly string[] };

type ListRequest = {
  db: Db;
  dialect: DialectName;
  actor: Actor;
  filter: OpportunityFilter;
  sort: OpportunitySort;
  cursor: ListCursor | undefined;
  amounts: AmountOrder;
};

/** `limit` rows of a list request in its order, after the cursor if any, `offset` rows skipped. */
function listedRows(request: ListRequest, limit: number, offset: number) {
  const { db, dialect, actor, filter, sort, cursor } = request;
  const { column, direction } = sortOf(sort);
  if (sortOf(sort).name === 'amount') {
    const page = amountPage(request, limit + offset).as('page');
    return selectOpportunities(db)
      .innerJoin(page, 'page.id', 'opportunities.id')
      .orderBy('page.unconverted', 'asc')
      .orderBy('page.key', direction)
      .orderBy('page.currency', direction)
      .orderBy('page.amount', direction)
      .orderBy('opportunities.id', direction)
      .limit(limit)
      .offset(offset);
  }
  if (column === null) {
    // the page's (key, id), at most limit + offset of them, in order: then their rows
    const page: AliasedSelectQueryBuilder<PageKey, 'page'> = (
      sortOf(sort).name === 'stage' ? stagePage(request, limit + offset) : probabilityPage(request, limit + offset)
    ).as('page');
    return (
      selectOpportunities(db)
        .innerJoin(page, 'page.id', 'opportunities.id')
        // what the caller may see, on the deal's own owner, where the page held it by another
        // table's (on SQLite the page keeps every condition: one here would lead it to walk the scope)
        .$if(dialect === 'postgres', (q) => q.where((eb) => opportunityVisible(eb, actor)))
        .orderBy('page.key', direction)
        .orderBy('opportunities.id', direction)
        .limit(limit)
        .offset(offset)
    );
  }
  // (key, id) past the cursor's, as one row-value comparison, which both databases read as a range
  // of the (scope, key, id) index
  const key = sql.ref(`opportunities.${column}`);
  return selectOpportunities(db)
    .where((eb) => listedCondition(eb, dialect, actor, filter))
    .$if(cursor !== undefined, (q) =>
      q.where(
        sql<SqlBool>`(${key}, ${sql.ref('opportunities.id')}) ${sql.raw(past(direction))} (${cursor!.key}, ${cursor!.id})`,
      ),
    )
    .orderBy(key, direction)
    .orderBy('opportunities.id', direction)
    .limit(limit)
    .offset(offset);
}

/**
 * The first `size` (stage position, id) of a list sorted by stage: the organization's stages in
 * position order (unique per organization), each stage's deals in id order from the (scope,
 * stage_id, id) index; after a cursor, the rest of the cursor's stage, then the stages past it.
 * SQLite walks the stages as the outer loop (CROSS JOIN keeps that order), which gives the order
 * itself; PostgreSQL takes at most `size` deals of each stage (LATERAL) and sorts those.
 */
function stagePage({ db, dialect, actor, filter, sort, cursor }: ListRequest, size: number) {
  const { direction } = sortOf(sort);
  // the stage by a subquery, not a join: a join would hide from PostgreSQL that the deals come in id order
  const restOfCursorStage = (at: ListCursor) =>
    db
      .selectFrom('opportunities')
      .select([sql.lit(Number(at.key)).as('key'), 'opportunities.id as id'])
      .where('opportunities.stage_id', '=', (eb) =>
        eb
          .selectFrom('stages')
          .select('stages.id')
          .where('stages.org_id', '=', actor.orgId)
          .where('stages.position', '=', Number(at.key)),
      )
      .where((eb) => listedCondition(eb, dialect, actor, filter))
      .where('opportunities.id', past(direction), at.id)
      .orderBy('opportunities.id', direction)
      .limit(size);
  const stagesPast = (at: ListCursor | undefined) =>
    dialect === 'postgres'
      ? db
          .selectFrom('stages')
          .innerJoinLateral(
            (eb) =>
              eb
                .selectFrom('opportunities')
                .select('opportunities.id')
                .whereRef('opportunities.stage_id', '=', 'stages.id')
                .where((inner) => listedCondition(inner, dialect, actor, filter))
                .orderBy('opportunities.id', direction)
                .limit(size)
                .as('deals'),
            (join) => join.onTrue(),
          )
          .select(['stages.position as key', 'deals.id as id'])
          .where('stages.org_id', '=', actor.orgId)
          .$if(at !== undefined, (q) => q.where('stages.position', past(direction), Number(at!.key)))
          .orderBy('stages.position', direction)
          .orderBy('deals.id', direction)
          .limit(size)
      : db
          .selectFrom('stages')
          .crossJoin('opportunities')
          .select(['stages.position as key', 'opportunities.id as id'])
          .where('stages.org_id', '=', actor.orgId)
          .whereRef('opportunities.stage_id', '=', 'stages.id')
          .where((eb) => listedCondition(eb, dialect, actor, filter))
          .$if(at !== undefined, (q) => q.where('stages.position', past(direction), Number(at!.key)))
          .orderBy('stages.position', direction)
          .orderBy('opportunities.id', direction)
          .limit(size);
  if (cursor === undefined) return stagesPast(undefined);
  return db
    .selectFrom(restOfCursorStage(cursor).as('rest'))
    .selectAll()
    .unionAll(db.selectFrom(stagesPast(cursor).as('past')).selectAll());
}

/**
 * The first `size` (win probability, id) of a list sorted by win probability: the stored
 * assessments in probability order (assessments (org or owner, win_probability, opportunity_id);
 * an assessment's owner is its deal's, kept so by the database), and
 * the deals without one, as -1, in id order from the small table of those (unassessed_deals,
 * kept by the database). Ascending, the
 * unassessed come first; descending, last. A cursor at -1 is among the unassessed.
 */
function probabilityPage({ db, dialect, actor, filter, sort, cursor }: ListRequest, size: number) {
  const { direction } = sortOf(sort);
  const unassessed = (after: string | undefined) =>
    db
      .selectFrom('unassessed_deals')
      .innerJoin('opportunities', 'opportunities.id', 'unassessed_deals.opportunity_id')
      .select([sql<number>`-1`.as('key'), 'unassessed_deals.opportunity_id as id'])
      .where('unassessed_deals.org_id', '=', actor.orgId)
      .where((eb) => listedCondition(eb, dialect, actor, filter))
      .$if(after !== undefined, (q) => q.where('unassessed_deals.opportunity_id', past(direction), after!))
      .orderBy('unassessed_deals.opportunity_id', direction)
      .limit(size);
  // one person's deals (a seller, or the owner filter within the caller's scope): that person's
  // range of the owner's index, which holds the scope's and the filter's owner conditions
  const { visibleOwnerIds } = actor;
  const onlyOwner =
    filter.ownerId !== undefined
      ? visibleOwnerIds === 'all' || visibleOwnerIds.includes(filter.ownerId)
        ? filter.ownerId
        : undefined
      : visibleOwnerIds !== 'all' && visibleOwnerIds.length === 1
        ? visibleOwnerIds[0]
        : undefined;
  const assessed = (after: ListCursor | undefined) =>
    db
      .selectFrom('assessments')
      .innerJoin('opportunities', 'opportunities.id', 'assessments.opportunity_id')
      .select(['assessments.win_probability as key', 'assessments.opportunity_id as id'])
      .where('assessments.org_id', '=', actor.orgId)
      .$if(onlyOwner !== undefined, (q) => q.where('assessments.owner_id', '=', onlyOwner!))
      .where((eb) =>
        listedCondition(eb, dialect, actor, filter, { ownerHeld: dialect === 'postgres' && onlyOwner !== undefined }),
      )
      .$if(after !== undefined, (q) =>
        q.where(
          sql<SqlBool>`(${sql.ref('assessments.win_probability')}, ${sql.ref('assessments.opportunity_id')}) ${sql.raw(past(direction))} (${after!.key}, ${after!.id})`,
        ),
      )
      .orderBy('assessments.win_probability', direction)
      .orderBy('assessments.opportunity_id', direction)
      .limit(size);
  const both = (first: ReturnType<typeof assessed> | ReturnType<typeof unassessed>, then: typeof first) =>
    db
      .selectFrom(first.as('first'))
      .selectAll()
      .unionAll(db.selectFrom(then.as('then')).selectAll());
  const inUnassessed = cursor !== undefined && Number(cursor.key) < 0;
  if (direction === 'asc') {
    if (cursor === undefined || inUnassessed) return both(unassessed(cursor?.id), assessed(undefined));
    return assessed(cursor);
  }
  if (inUnassessed) return unassessed(cursor.id);
  return both(assessed(cursor), unassessed(undefined));
}

/**
 * The first `size` rows of a list sorted by amount in the reporting currency, as (unconverted,
 * key, currency, amount, id). Within one currency that order is the amount's (a factor is
 * positive, and below 2^52 minor units distinct amounts stay distinct numbers once multiplied), so
 * each currency in use gives its next `size` deals from the (scope, currency, amount, id) index
 * (migration 0019), and the caller merges them. Deals whose currency has no rate today come after
 * all the others in either direction, by currency, then amount; their key is null.
 */
function amountPage({ db, dialect, actor, filter, sort, cursor, amounts }: ListRequest, size: number) {
  const { direction } = sortOf(sort);
  const after = past(direction);
  const key = cursor?.key as number | UnconvertedAmount | undefined;
  type Range = 'all' | 'none' | { past: [amount: number, id: string] } | { from: number };
  const rangeOf = (currency: string, factor: number | undefined): Range => {
    if (key === undefined) return 'all';
    if (typeof key === 'number') {
      // after a converted amount: the rest of each converted currency, every unconverted one
      return factor === undefined ? 'all' : resumeAt(key, factor, cursor!.id, direction);
    }
    // among the deals without a rate: the converted ones came before, the cursor's currency goes on
    const [atCurrency, atAmount] = key;
    if (factor !== undefined) return 'none';
    if (currency === atCurrency) return { past: [atAmount, cursor!.id] };
    return (direction === 'asc' ? currency > atCurrency : currency < atCurrency) ? 'all' : 'none';
  };
  const branch = (currency: string, factor: number | undefined, range: Exclude<Range, 'none'>) =>
    db
      .selectFrom('opportunities')
      .select([
        sql<number>`${sql.lit(factor === undefined ? 1 : 0)}`.as('unconverted'),
        (factor === undefined
          ? sql<number | null>`cast(null as double precision)`
          : sql<number | null>`${sql.ref('opportunities.amount_minor')} * cast(${sql.lit(factor)} as double precision)`
        ).as('key'),
        sql<string>`cast(${factor === undefined ? currency : ''} as text)`.as('currency'),
        (factor === undefined ? sql<number>`${sql.ref('opportunities.amount_minor')}` : sql<number>`0`).as('amount'),
        'opportunities.id as id',
      ])
      .where((eb) => listedCondition(eb, dialect, actor, filter))
      .where('opportunities.currency', '=', currency)
      .$if(range !== 'all' && 'past' in range, (q) => {
        const [amount, id] = (range as { past: [number, string] }).past;
        return q.where(
          sql<SqlBool>`(${sql.ref('opportunities.amount_minor')}, ${sql.ref('opportunities.id')}) ${sql.raw(after)} (${amount}, ${id})`,
        );
      })
      .$if(range !== 'all' && 'from' in range, (q) =>
        q.where('opportunities.amount_minor', direction === 'asc' ? '>=' : '<=', (range as { from: number }).from),
      )
      .orderBy('opportunities.amount_minor', direction)
      .orderBy('opportunities.id', direction)
      .limit(size);
  const branches = amounts.currencies.flatMap((currency) => {
    const factor = amounts.factors.get(currency);
    const range = rangeOf(currency, factor);
    return range === 'none' ? [] : [branch(currency, factor, range)];
  });
  // nothing left to read (or no deals at all): one branch that finds nothing keeps the statement's shape
  const [first, ...rest] =
    branches.length > 0 ? branches : [branch('XXX', undefined, 'all').where(sql<SqlBool>`1 = 0`)];
  let union = db.selectFrom(first!.as('b0')).selectAll();
  for (const [k, next] of rest.entries()) union = union.unionAll(db.selectFrom(next.as(`b${k + 1}`)).selectAll());
  return union;
}

/**
 * Where one converted currency's deals resume after the converted key `key` (and id): past the
 * amount that converts to exactly `key` when there is one (ties by id), else from the first amount
 * beyond it. The same multiplication as the SQL's, so the same numbers.
 */
function resumeAt(
  key: number,
  factor: number,
  id: string,
  direction: 'asc' | 'desc',
): 'none' | { past: [number, string] } | { from: number } {
  const guess = Math.round(key / factor);
  for (let amount = Math.max(0, guess - 2); amount <= guess + 2; amount++) {
    if (amount * factor === key) return { past: [amount, id] };
  }
  if (direction === 'asc') {
    let amount = Math.max(0, Math.floor(key / factor) - 2);
    while (amount * factor <= key) amount++;
    return { from: amount };
  }
  let amount = Math.ceil(key / factor) + 2;
  while (amount >= 0 && amount * factor >= key) amount--;
  return amount < 0 ? 'none' : { from: amount };
}

/** A row's place in the amount order: its converted amount, or its currency and amount without a rate. */
function amountKey(r: OpportunityRow, factors: Factors): SortKeyValue {
  const factor = factors.get(r.currency);
  const amount = Number(r.amount_minor);
  return factor === undefined ? [r.currency, amount] : amount * factor;
}

/**
 * The currencies of an organization's deals (deleted ones too: at worst a currency with nothing
 * to list), a seek per currency in the (org, currency, ...) index: the smallest, then the next
 * past each one.
 */
async function currenciesInUse(db: Db, orgId: string): Promise<string[]> {
  const { rows } = await sql<{ currency: string }>`with recursive used(currency) as (
      select min(currency) from opportunities where org_id = ${orgId}
      union all
      select (select min(currency) from opportunities where org_id = ${orgId} and currency > used.currency)
        from used where used.currency is not null
    )
    select currency from used where currency is not null`.execute(db);
  return rows.map((r) => r.currency);
}

/** Where the page ending with this row ends, for the next one. */
function cursorAfter(row: OpportunityRow, sort: OpportunitySort, factors: Factors): string {
  return encodeCursor({ sort, key: sortOf(sort).read(row, factors), id: row.id });
}

export type ListPage = {
  items: Opportunity[];
  /** null on a page reached with a cursor: the first page's figure stands */
  total: number | null;
  totalIsLowerBound: boolean;
  nextCursor: string | null;
};

export async function listOpportunities(
  db: Db,
  dialect: DialectName,
  actor: Actor,
  filter: OpportunityFilter,
  page: { limit: number; offset: number; sort: OpportunitySort; cursor?: ListCursor | undefined },
  totals: OrgCache<number>,
  amounts: AmountOrder,
): Promise<ListPage> {
  const [rows, counted] = await Promise.all([
    // one row more than the page, to know whether another page follows
    listedRows(
      { db, dialect, actor, filter, sort: page.sort, cursor: page.cursor, amounts },
      page.limit + 1,
      page.offset,
    ).execute(),
    // Counting every match scans the caller's whole scope: counted up to the cap only (at most
    // 10,001 index entries), on the first page only, and kept briefly (dropped on every change).
    page.cursor === undefined
      ? totals.get(actor.orgId, JSON.stringify([actor.visibleOwnerIds, filter]), async () => {
          const row = await db
            .selectFrom((inner) =>
              inner
                .selectFrom('opportunities')
                .select(sql`1`.as('one'))
                .where((eb) => listedCondition(eb, dialect, actor, filter))
                .limit(LIST_COUNT_CAP + 1)
                .as('capped'),
            )
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow();
          return Number(row.n);
        })
      : null,
  ]);
  const items = rows.slice(0, page.limit);
  const last = items.at(-1);
  return {
    items: items.map(toOpportunity),
    total: counted === null ? null : Math.min(counted, LIST_COUNT_CAP),
    totalIsLowerBound: counted !== null && counted > LIST_COUNT_CAP,
    nextCursor: rows.length > page.limit && last ? cursorAfter(last, page.sort, amounts.factors) : null,
  };
}

/**
 * What a list in `sort` needs to order by amount: the factors, and for the amount sort the
 * currencies to merge (one statement; none for the other sorts).
 */
export async function amountOrder(
  db: Db,
  orgId: string,
  sort: OpportunitySort,
  factors: Factors,
): Promise<AmountOrder> {
  return { factors, currencies: sortOf(sort).name === 'amount' ? await currenciesInUse(db, orgId) : [] };
}

/**
 * Every opportunity a list request matches, in its order, a page at a time: each page starts where
 * the last one ended (the list's keyset), in the sort's index.
 */
export async function* opportunitiesInOrder(
  db: Db,
  dialect: DialectName,
  actor: Actor,
  filter: OpportunityFilter,
  sort: OpportunitySort,
  pageSize: number,
  amounts: AmountOrder,
): AsyncGenerator<Opportunity[]> {
  let cursor: ListCursor | undefined;
  for (;;) {
    const rows = await listedRows({ db, dialect, actor, filter, sort, cursor, amounts }, pageSize, 0).execute();
    if (rows.length > 0) yield rows.map(toOpportunity);
    const last = rows.at(-1);
    if (rows.length < pageSize || !last) return;
    cursor = { sort, key: sortOf(sort).read(last, amounts.factors), id: last.id };
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
  // read by primary key, the organization and deletion checked on the rows: given the organization
  // in the WHERE clause, SQLite walks the organization's index over every deal it has instead
  const rows = await selectOpportunities(db).where('opportunities.id', 'in', ids).execute();
  return rows.filter((r) => r.org_id === orgId && r.deleted_at === null).map(toOpportunity);
}

/** What a win/loss review adds up of each closed deal, without the rest of its row. */
export type ClosedDeal = {
  id: string;
  ownerId: string;
  status: 'won' | 'lost' | 'no_decision';
  amountMinor: number;
  currency: string;
  closedDate: string;
  updatedAt: string;
};

/**
 * The figures of the deals of some owners (or of the whole organization) that closed between two
 * days, the latest close first: what a win/loss review adds up, read by the (org or owner, closed
 * date) index without joining what names each deal.
 */
export async function listClosedDeals(
  db: Db,
  orgId: string,
  owners: 'all' | readonly string[],
  period: { from: string; to: string },
): Promise<ClosedDeal[]> {
  if (owners !== 'all' && owners.length === 0) return [];
  const rows = await db
    .selectFrom('opportunities')
    .select([
      'opportunities.id',
      'opportunities.owner_id',
      'opportunities.status',
      'opportunities.amount_minor',
      'opportunities.currency',
      'opportunities.closed_date',
      'opportunities.updated_at',
    ])
    .where('opportunities.org_id', '=', orgId)
    .where((eb) => opportunityVisible(eb, { visibleOwnerIds: owners }))
    .where('opportunities.closed_date', '>=', period.from)
    .where('opportunities.closed_date', '<=', period.to)
    .where('opportunities.status', '!=', 'open')
    .where('opportunities.deleted_at', 'is', null)
    .orderBy('opportunities.closed_date', 'desc')
    .orderBy('opportunities.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    ownerId: r.owner_id,
    status: r.status as ClosedDeal['status'],
    amountMinor: Number(r.amount_minor),
    currency: r.currency,
    closedDate: r.closed_date!,
    updatedAt: r.updated_at,
  }));
}

/**
 * The closed deals of some owners (or of the whole organization) that closed between two days,
 * the latest close first: a win/loss review's deals, read by the (org or owner, closed date) index.
 */
export async function listClosedOpportunities(
  db: Db,
  orgId: string,
  owners: 'all' | readonly string[],
  period: { from: string; to: string },
): Promise<Opportunity[]> {
  if (owners !== 'all' && owners.length === 0) return [];
  const rows = await selectOpportunities(db)
    .where('opportunities.org_id', '=', orgId)
    .where((eb) => opportunityVisible(eb, { visibleOwnerIds: owners }))
    .where('opportunities.closed_date', '>=', period.from)
    .where('opportunities.closed_date', '<=', period.to)
    .where('opportunities.status', '!=', 'open')
    .where('opportunities.deleted_at', 'is', null)
    .orderBy('opportunities.closed_date', 'desc')
    .orderBy('opportunities.id')
    .execute();
  return rows.map(toOpportunity);
}
