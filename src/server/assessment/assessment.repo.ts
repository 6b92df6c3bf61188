import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { AssessmentHistoryTable } from '../../db/schema.ts';
import { selectParts, type ColumnType, type PartRow, type RowPart } from '../../db/row-parts.ts';
import { RECORD_COLUMNS, recordFromRows, recordParts } from '../knowledge/index.ts';
import type { OpportunityStatus, Relationship, SizeBand } from '../../domain/enums.ts';
import type { RuleSetting } from '../../domain/assessment/rules.ts';
import type { WinModel } from '../../domain/assessment/model.ts';
import type { DealFacts } from '../../domain/assessment/assess.ts';
import type { CloseDatePush, Signals } from '../../domain/assessment/signals.ts';
import type { AssessmentCause } from './cause.ts';

export async function findCurrentModel(db: Db, orgId: string): Promise<WinModel | undefined> {
  const row = await db
    .selectFrom('win_models')
    .select('payload')
    .where('org_id', '=', orgId)
    .where('is_current', '=', 1)
    .executeTakeFirst();
  return row ? (JSON.parse(row.payload) as WinModel) : undefined;
}

export async function listModelVersions(db: Db, orgId: string) {
  const rows = await db
    .selectFrom('win_models')
    .leftJoin('users', 'users.id', 'win_models.created_by')
    .select([
      'win_models.version',
      'win_models.kind',
      'win_models.created_at',
      'win_models.is_current',
      'users.name as created_by_name',
    ])
    .where('win_models.org_id', '=', orgId)
    .orderBy('win_models.created_at', 'desc')
    .limit(50)
    .execute();
  return rows.map((r) => ({
    version: r.version,
    kind: r.kind,
    createdAt: r.created_at,
    isCurrent: r.is_current === 1,
    createdByName: r.created_by_name ?? null,
  }));
}

/** Stores a new model version and makes it the current one. */
export async function insertCurrentModel(
  db: Db,
  row: { id: string; orgId: string; model: WinModel; createdBy: string | null; at: string },
): Promise<void> {
  await db
    .updateTable('win_models')
    .set({ is_current: 0 })
    .where('org_id', '=', row.orgId)
    .where('is_current', '=', 1)
    .execute();
  await db
    .insertInto('win_models')
    .values({
      id: row.id,
      org_id: row.orgId,
      version: row.model.version,
      kind: row.model.kind,
      payload: JSON.stringify(row.model),
      is_current: 1,
      created_by: row.createdBy,
      created_at: row.at,
    })
    .execute();
}

export async function countModels(db: Db, orgId: string): Promise<number> {
  const row = await db
    .selectFrom('win_models')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('org_id', '=', orgId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Takes a refit claim if nobody holds it; returns whether this caller now does. */
export async function claimRefit(db: Db, orgId: string, claim: string, at: string): Promise<boolean> {
  const result = await db
    .insertInto('refit_claims')
    .values({ org_id: orgId, claim, claimed_at: at })
    .onConflict((oc) => oc.columns(['org_id', 'claim']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Takes over a claim made before `abandonedBefore` (its holder died); only one taker wins. */
export async function takeOverRefitClaim(
  db: Db,
  orgId: string,
  claim: string,
  abandonedBefore: string,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('refit_claims')
    .set({ claimed_at: at })
    .where('org_id', '=', orgId)
    .where('claim', '=', claim)
    .where('claimed_at', '<', abandonedBefore)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Gives a claim back, unless someone has taken it over since (then it is theirs). */
export async function releaseRefitClaim(db: Db, orgId: string, claim: string, claimedAt: string): Promise<void> {
  await db
    .deleteFrom('refit_claims')
    .where('org_id', '=', orgId)
    .where('claim', '=', claim)
    .where('claimed_at', '=', claimedAt)
    .execute();
}

export type StoredRuleSetting = RuleSetting & { version: number; updatedAt: string };

export async function listRuleSettings(db: Db, orgId: string): Promise<Record<string, StoredRuleSetting>> {
  const rows = await db.selectFrom('danger_zone_settings').selectAll().where('org_id', '=', orgId).execute();
  return Object.fromEntries(
    rows.map((r) => [
      r.rule_id,
      {
        enabled: r.enabled === 1,
        thresholds: JSON.parse(r.thresholds) as Record<string, number>,
        version: r.version,
        updatedAt: r.updated_at,
      },
    ]),
  );
}

/**
 * Stores a rule's setting only if it is still at `expectedVersion` (0: never set), moving it to the
 * next version. Returns whether it did; a concurrent writer that got there first leaves it false.
 */
export async function saveRuleSettingAtVersion(
  db: Db,
  row: { orgId: string; ruleId: string; setting: RuleSetting; expectedVersion: number; by: string; at: string },
): Promise<boolean> {
  const values = {
    enabled: row.setting.enabled ? (1 as const) : (0 as const),
    thresholds: JSON.stringify(row.setting.thresholds),
    version: row.expectedVersion + 1,
    updated_by: row.by,
    updated_at: row.at,
  };
  if (row.expectedVersion === 0) {
    const result = await db
      .insertInto('danger_zone_settings')
      .values({ org_id: row.orgId, rule_id: row.ruleId, ...values })
      .onConflict((oc) => oc.columns(['org_id', 'rule_id']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }
  const result = await db
    .updateTable('danger_zone_settings')
    .set(values)
    .where('org_id', '=', row.orgId)
    .where('rule_id', '=', row.ruleId)
    .where('version', '=', row.expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export type StoredAssessment = {
  opportunityId: string;
  orgId: string;
  ownerId: string;
  modelVersion: string;
  winProbability: number;
  bandLow: number;
  bandHigh: number;
  coverageIndex: number;
  sellerGap: number | null;
  topSeverity: string | null;
  zoneIds: string[];
  computedAt: string;
  /** what it was computed from: enough to re-assess with another model or other rule settings */
  inputs: AssessmentInputs | null;
  /** what moved it: kept with the history point the database writes when it visibly changes */
  cause: AssessmentCause;
};

export type AssessmentInputs = { signals: Signals; kci: number; deal: DealFacts };

export async function saveAssessments(db: Db, rows: readonly StoredAssessment[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) {
    const chunk = rows.slice(i, i + 200).map((a) => ({
      opportunity_id: a.opportunityId,
      org_id: a.orgId,
      owner_id: a.ownerId,
      model_version: a.modelVersion,
      win_probability: a.winProbability,
      band_low: a.bandLow,
      band_high: a.bandHigh,
      coverage_index: a.coverageIndex,
      seller_gap: a.sellerGap,
      top_severity: a.topSeverity,
      zone_ids: JSON.stringify(a.zoneIds),
      computed_at: a.computedAt,
      inputs: a.inputs ? JSON.stringify(a.inputs) : null,
      cause: JSON.stringify(a.cause),
    }));
    await db
      .insertInto('assessments')
      .values(chunk)
      .onConflict((oc) =>
        oc.column('opportunity_id').doUpdateSet((eb) => ({
          owner_id: eb.ref('excluded.owner_id'),
          model_version: eb.ref('excluded.model_version'),
          win_probability: eb.ref('excluded.win_probability'),
          band_low: eb.ref('excluded.band_low'),
          band_high: eb.ref('excluded.band_high'),
          coverage_index: eb.ref('excluded.coverage_index'),
          seller_gap: eb.ref('excluded.seller_gap'),
          top_severity: eb.ref('excluded.top_severity'),
          zone_ids: eb.ref('excluded.zone_ids'),
          computed_at: eb.ref('excluded.computed_at'),
          inputs: eb.ref('excluded.inputs'),
          cause: eb.ref('excluded.cause'),
        })),
      )
      .execute();
  }
}

export type HistoryPoint = {
  at: string;
  winProbability: number;
  bandLow: number;
  bandHigh: number;
  coverageIndex: number;
  topSeverity: string | null;
  zoneIds: string[];
  modelVersion: string;
  cause: AssessmentCause | null;
};

const HISTORY_COLUMNS = [
  'at',
  'win_probability',
  'band_low',
  'band_high',
  'coverage_index',
  'top_severity',
  'zone_ids',
  'model_version',
  'cause',
] as const;

type HistoryRow = Pick<AssessmentHistoryTable, (typeof HISTORY_COLUMNS)[number]>;

const historyPoint = (r: HistoryRow): HistoryPoint => ({
  at: r.at,
  winProbability: Number(r.win_probability),
  bandLow: Number(r.band_low),
  bandHigh: Number(r.band_high),
  coverageIndex: Number(r.coverage_index),
  topSeverity: r.top_severity,
  zoneIds: JSON.parse(r.zone_ids) as string[],
  modelVersion: r.model_version,
  cause: r.cause === null ? null : (JSON.parse(r.cause) as AssessmentCause),
});

/** Every kept point of one deal's assessment, oldest first (at most the latest `limit`). */
export async function listHistory(db: Db, orgId: string, opportunityId: string, limit = 1000): Promise<HistoryPoint[]> {
  const rows = await db
    .selectFrom('assessment_history')
    .select(HISTORY_COLUMNS)
    .where('opportunity_id', '=', opportunityId)
    .where('org_id', '=', orgId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.reverse().map(historyPoint);
}

/**
 * Every kept win probability of each of these deals, oldest first: when it was written and what it
 * was. Only the two columns, for reading many deals' past at once (500 deals a statement).
 */
export async function probabilityHistories(
  db: Db,
  orgId: string,
  opportunityIds: readonly string[],
): Promise<Map<string, Array<{ at: string; winProbability: number }>>> {
  const histories = new Map<string, Array<{ at: string; winProbability: number }>>(
    opportunityIds.map((id) => [id, []]),
  );
  for (let i = 0; i < opportunityIds.length; i += 500) {
    const rows = await db
      .selectFrom('assessment_history')
      .select(['opportunity_id', 'at', 'win_probability'])
      .where('org_id', '=', orgId)
      .where('opportunity_id', 'in', opportunityIds.slice(i, i + 500))
      .orderBy('opportunity_id')
      .orderBy('at')
      .orderBy('id')
      .execute();
    for (const r of rows)
      histories.get(r.opportunity_id)!.push({ at: r.at, winProbability: Number(r.win_probability) });
  }
  return histories;
}

/** When each of these deals' stored assessment was computed (500 deals a statement); none for a deal never assessed. */
export async function assessedAtOf(
  db: Db,
  orgId: string,
  opportunityIds: readonly string[],
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (let i = 0; i < opportunityIds.length; i += 500) {
    const rows = await db
      .selectFrom('assessments')
      .select(['opportunity_id', 'computed_at'])
      .where('org_id', '=', orgId)
      .where('opportunity_id', 'in', opportunityIds.slice(i, i + 500))
      .execute();
    for (const r of rows) found.set(r.opportunity_id, r.computed_at);
  }
  return found;
}

/** Each deal's kept points written after `after`, oldest first: probability and cause (what moved it since). */
export async function historyStepsAfter(
  db: Db,
  orgId: string,
  opportunityIds: readonly string[],
  after: string,
): Promise<Map<string, Array<{ winProbability: number; cause: AssessmentCause | null }>>> {
  const steps = new Map<string, Array<{ winProbability: number; cause: AssessmentCause | null }>>();
  for (let i = 0; i < opportunityIds.length; i += 500) {
    const rows = await db
      .selectFrom('assessment_history')
      .select(['opportunity_id', 'win_probability', 'cause'])
      .where('org_id', '=', orgId)
      .where('opportunity_id', 'in', opportunityIds.slice(i, i + 500))
      .where('at', '>', after)
      .orderBy('opportunity_id')
      .orderBy('at')
      .orderBy('id')
      .execute();
    for (const r of rows) {
      const list = steps.get(r.opportunity_id) ?? [];
      list.push({
        winProbability: Number(r.win_probability),
        cause: r.cause === null ? null : (JSON.parse(r.cause) as AssessmentCause),
      });
      steps.set(r.opportunity_id, list);
    }
  }
  return steps;
}

/** The point that stood at `before` (the last one written earlier), if any. */
export async function historyPointBefore(
  db: Db,
  orgId: string,
  opportunityId: string,
  before: string,
): Promise<HistoryPoint | undefined> {
  const row = await db
    .selectFrom('assessment_history')
    .select(HISTORY_COLUMNS)
    .where('opportunity_id', '=', opportunityId)
    .where('org_id', '=', orgId)
    .where('at', '<', before)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && historyPoint(row);
}

/** For each deal, its latest history point before `before` (none for a deal not yet assessed then), 100 deals a statement. */
export async function historyPointsBefore(
  db: Db,
  orgId: string,
  opportunityIds: readonly string[],
  before: string,
): Promise<Map<string, HistoryPoint>> {
  const points = new Map<string, HistoryPoint>();
  for (let i = 0; i < opportunityIds.length; i += 100) {
    const latest = opportunityIds.slice(i, i + 100).map(
      (id) => sql`select * from (select opportunity_id, ${sql.join(HISTORY_COLUMNS.map((c) => sql.ref(c)))}
        from assessment_history where org_id = ${orgId} and opportunity_id = ${id} and at < ${before}
        order by at desc, id desc limit 1) latest`,
    );
    const { rows } = await sql<HistoryRow & { opportunity_id: string }>`${sql.join(latest, sql` union all `)}`.execute(
      db,
    );
    for (const row of rows) points.set(row.opportunity_id, historyPoint(row));
  }
  return points;
}

/** Forgets an organization's assessment history (before its past is replayed). */
export async function deleteHistory(db: Db, orgId: string): Promise<void> {
  await db.deleteFrom('assessment_history').where('org_id', '=', orgId).execute();
}

/** Points written by hand rather than by the trigger: a past replayed (the demo's story). */
export async function insertHistory(
  db: Db,
  rows: ReadonlyArray<HistoryPoint & { orgId: string; opportunityId: string }>,
): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insertInto('assessment_history')
      .values(
        rows.slice(i, i + 200).map((r) => ({
          org_id: r.orgId,
          opportunity_id: r.opportunityId,
          at: r.at,
          win_probability: r.winProbability,
          band_low: r.bandLow,
          band_high: r.bandHigh,
          coverage_index: r.coverageIndex,
          top_severity: r.topSeverity,
          zone_ids: JSON.stringify(r.zoneIds),
          model_version: r.modelVersion,
          cause: r.cause === null ? null : JSON.stringify(r.cause),
        })),
      )
      .execute();
  }
}

/** How many of a seller's latest assessed deals their bias is the average over, and how few give none. */
const BIAS_DEALS = 10;
const BIAS_MIN_DEALS = 5;

/**
 * Each seller's average (own figure − evidence figure) over their ten latest assessed deals, null
 * with fewer than five: every hundred sellers in one statement. Deals assessed at the same instant (a bulk
 * pass) are taken in the order of their ids, here and in a single deal's context read alike.
 */
export async function sellerBiases(db: Db, ownerIds: readonly string[]): Promise<Map<string, number | null>> {
  const biases = new Map<string, number | null>(ownerIds.map((id) => [id, null]));
  if (ownerIds.length === 0) return biases;
  // each seller's ten latest read from the (owner, computed_at) index, every seller in one statement
  const rows: Array<{ owner_id: string; seller_gap: number | string }> = [];
  for (let i = 0; i < ownerIds.length; i += 100) {
    const latest = ownerIds.slice(i, i + 100).map(
      (id) => sql`select * from (select owner_id, seller_gap from assessments
        where owner_id = ${id} and seller_gap is not null
        order by computed_at desc, opportunity_id desc limit ${BIAS_DEALS}) latest`,
    );
    const result = await sql<{
      owner_id: string;
      seller_gap: number | string;
    }>`${sql.join(latest, sql` union all `)}`.execute(db);
    rows.push(...result.rows);
  }
  const gaps = new Map<string, number[]>();
  for (const r of rows) gaps.set(r.owner_id, [...(gaps.get(r.owner_id) ?? []), Number(r.seller_gap)]);
  for (const [owner, list] of gaps)
    biases.set(owner, list.length < BIAS_MIN_DEALS ? null : list.reduce((s, g) => s + g, 0) / list.length);
  return biases;
}

/** Each opportunity's moves of the expected close date to a later day, oldest first, from the audit trail. */
export async function closeDatePushes(
  db: Db,
  orgId: string,
  opportunityIds: readonly string[],
): Promise<Map<string, CloseDatePush[]>> {
  const pushes = new Map<string, CloseDatePush[]>();
  for (let i = 0; i < opportunityIds.length; i += 500) {
    const rows = await db
      .selectFrom('audit_events')
      .select(['entity_id', 'changes', 'at'])
      .where('org_id', '=', orgId)
      .where('entity_type', '=', 'opportunity')
      .where('action', '=', 'update')
      .where('entity_id', 'in', opportunityIds.slice(i, i + 500))
      .where('changes', 'like', '%expectedCloseDate%')
      .orderBy('seq')
      .execute();
    for (const r of rows) {
      const push = closeDatePush(r.changes, r.at);
      if (push) pushes.set(r.entity_id, [...(pushes.get(r.entity_id) ?? []), push]);
    }
  }
  return pushes;
}

/** The push an update event made, when its changes moved the expected close date later. */
function closeDatePush(changes: string, at: string): CloseDatePush | null {
  const change = (JSON.parse(changes) as Array<{ field: string; from: unknown; to: unknown }>).find(
    (c) => c.field === 'expectedCloseDate',
  );
  return change && typeof change.from === 'string' && typeof change.to === 'string' && change.to > change.from
    ? { on: at.slice(0, 10), from: change.from, to: change.to }
    : null;
}

const CONTEXT_COLUMNS = {
  relationship: 'text',
  size_band: 'text',
  seller_gap: 'double precision',
  computed_at: 'text',
  changes: 'text',
  at: 'text',
  seq: 'integer',
  sent_at: 'text',
} as const satisfies Record<string, ColumnType>;

type ContextColumn = keyof typeof CONTEXT_COLUMNS;
type Deal = { id: string; accountId: string; ownerId: string };

/**
 * What one deal's assessment needs besides its knowledge, as parts of one statement: its account's
 * profile, its seller's latest gaps (for the bias, as `sellerBias` computes it) and the updates that
 * may have pushed its close date (as `closeDatePushes` counts them).
 */
function contextParts(orgId: string, deal: Deal): Array<RowPart<ContextColumn>> {
  return [
    {
      kind: 'account',
      columns: { relationship: sql.ref('relationship'), size_band: sql.ref('size_band') },
      from: sql`from accounts where org_id = ${orgId} and id = ${deal.accountId}`,
    },
    {
      kind: 'gap',
      columns: { seller_gap: sql.ref('latest.seller_gap'), computed_at: sql.ref('latest.computed_at') },
      from: sql`from (select seller_gap, computed_at from assessments
        where owner_id = ${deal.ownerId} and seller_gap is not null
        order by computed_at desc, opportunity_id desc limit ${BIAS_DEALS}) latest`,
    },
    {
      kind: 'push',
      columns: { changes: sql.ref('changes'), at: sql.ref('at'), seq: sql.ref('seq') },
      from: sql`from audit_events where org_id = ${orgId} and entity_type = 'opportunity' and action = 'update'
        and entity_id = ${deal.id} and changes like '%expectedCloseDate%'`,
    },
    {
      kind: 'proposal',
      columns: { sent_at: sql.ref('sent.sent_at') },
      from: sql`from (select sent_at from proposals where org_id = ${orgId} and opportunity_id = ${deal.id}
        and sent_at is not null order by sent_at limit 1) sent`,
    },
  ];
}

export type DealContext = {
  profile: { relationship: Relationship; sizeBand: SizeBand | null } | undefined;
  bias: number | null;
  pushes: CloseDatePush[];
  /** the day a proposal first went to the customer, or null */
  proposalSentOn: string | null;
};

function contextFromRows(rows: ReadonlyArray<PartRow<typeof CONTEXT_COLUMNS>>): DealContext {
  const profile = rows.find((r) => r.part === 'account');
  // summed newest first, as sellerBias reads them
  const latestGaps = rows
    .filter((r) => r.part === 'gap')
    .sort((a, b) => (a.computed_at! < b.computed_at! ? 1 : a.computed_at! > b.computed_at! ? -1 : 0));
  return {
    profile: profile
      ? { relationship: profile.relationship as Relationship, sizeBand: profile.size_band as SizeBand | null }
      : undefined,
    bias:
      latestGaps.length < BIAS_MIN_DEALS
        ? null
        : latestGaps.reduce((s, r) => s + Number(r.seller_gap), 0) / latestGaps.length,
    pushes: rows
      .filter((r) => r.part === 'push')
      .sort((a, b) => Number(a.seq) - Number(b.seq))
      .map((r) => closeDatePush(r.changes!, r.at!))
      .filter((p): p is CloseDatePush => p !== null),
    proposalSentOn: rows.find((r) => r.part === 'proposal')?.sent_at?.slice(0, 10) ?? null,
  };
}

/**
 * The close-date pushes of these deals (as `closeDatePushes` reads them) and the day each first had
 * a proposal sent to the customer, in one statement per 500 deals: the batch's contexts read no more
 * than before proposals were kept.
 */
export async function pushesAndProposalsSent(
  db: Db,
  orgId: string,
  opportunityIds: readonly string[],
): Promise<{ pushes: Map<string, CloseDatePush[]>; sent: Map<string, string> }> {
  const pushes = new Map<string, CloseDatePush[]>();
  const sent = new Map<string, string>();
  for (let i = 0; i < opportunityIds.length; i += 500) {
    const ids = opportunityIds.slice(i, i + 500);
    const rows = await db
      .selectFrom('audit_events')
      .select(['entity_id', 'changes', 'at', 'seq'])
      .where('org_id', '=', orgId)
      .where('entity_type', '=', 'opportunity')
      .where('action', '=', 'update')
      .where('entity_id', 'in', ids)
      .where('changes', 'like', '%expectedCloseDate%')
      .unionAll(
        db
          .selectFrom('proposals')
          .select((eb) => [
            'opportunity_id as entity_id',
            sql<string>`'proposal-sent'`.as('changes'),
            eb.fn.min<string>('sent_at').as('at'),
            sql<number>`0`.as('seq'),
          ])
          .where('org_id', '=', orgId)
          .where('opportunity_id', 'in', ids)
          .where('sent_at', 'is not', null)
          .groupBy('opportunity_id'),
      )
      .orderBy('seq')
      .execute();
    for (const r of rows) {
      if (r.changes === 'proposal-sent') {
        sent.set(r.entity_id, String(r.at).slice(0, 10));
        continue;
      }
      const push = closeDatePush(r.changes, r.at);
      if (push) pushes.set(r.entity_id, [...(pushes.get(r.entity_id) ?? []), push]);
    }
  }
  return { pushes, sent };
}

/**
 * Everything one deal's assessment reads, in one statement: its knowledge record and its context
 * and, with `names`, the contacts the record names (and those of `names.contactIds`, which a
 * knowledge write is about to check). With them the deal's version as this statement saw it: the
 * record read belongs to that version (a concurrent write commits its knowledge and its new
 * version together), which a writer compares with the version it found.
 */
export async function readDeal(db: Db, orgId: string, deal: Deal, names?: { contactIds: readonly string[] }) {
  const { rows } = await selectParts(
    { ...RECORD_COLUMNS, ...CONTEXT_COLUMNS, ...OVERRIDE_COLUMNS, version: 'integer' },
    [
      ...recordParts(orgId, deal.id, names && { ids: names.contactIds }),
      ...contextParts(orgId, deal),
      {
        kind: 'override',
        columns: {
          override_reason: sql.ref('o.reason'),
          override_by: sql.ref('u.name'),
          override_at: sql.ref('o.at'),
          override_zones: sql.ref('o.zone_ids'),
        },
        from: sql`from commit_overrides o join users u on u.id = o.by_id
        where o.org_id = ${orgId} and o.opportunity_id = ${deal.id}`,
      },
      {
        kind: 'version',
        columns: { version: sql.ref('version') },
        from: sql`from opportunities where org_id = ${orgId} and id = ${deal.id}`,
      },
    ],
  ).execute(db);
  const version = rows.find((r) => r.part === 'version')?.version;
  const override = rows.find((r) => r.part === 'override');
  return {
    ...recordFromRows(rows, names?.contactIds),
    context: contextFromRows(rows),
    commitOverride: override
      ? {
          reason: override.override_reason!,
          byName: override.override_by!,
          at: override.override_at!,
          zoneIds: JSON.parse(override.override_zones!) as string[],
        }
      : null,
    version: version === undefined || version === null ? undefined : Number(version),
  };
}

const OVERRIDE_COLUMNS = {
  override_reason: 'text',
  override_by: 'text',
  override_at: 'text',
  override_zones: 'text',
} as const satisfies Record<string, ColumnType>;

/** A manager's override that lets a deal stand in commit despite what blocks it (replacing any before). */
export async function saveCommitOverride(
  db: Db,
  o: { orgId: string; opportunityId: string; reason: string; byId: string; at: string; zoneIds: readonly string[] },
): Promise<void> {
  const values = { reason: o.reason, by_id: o.byId, at: o.at, zone_ids: JSON.stringify(o.zoneIds) };
  await db
    .insertInto('commit_overrides')
    .values({ opportunity_id: o.opportunityId, org_id: o.orgId, ...values })
    .onConflict((oc) => oc.column('opportunity_id').doUpdateSet(values))
    .execute();
}

/** The deal left commit (or closed): its override no longer stands. */
export async function dropCommitOverride(db: Db, orgId: string, opportunityId: string): Promise<void> {
  await db
    .deleteFrom('commit_overrides')
    .where('org_id', '=', orgId)
    .where('opportunity_id', '=', opportunityId)
    .execute();
}

/** The stored inputs of an organization's assessed deals (open only, or all). */
export async function listAssessmentInputs(db: Db, orgId: string, which: 'open' | 'all') {
  const rows = await db
    .selectFrom('assessments')
    .innerJoin('opportunities', 'opportunities.id', 'assessments.opportunity_id')
    .select([
      'assessments.opportunity_id',
      'assessments.owner_id',
      'assessments.seller_gap',
      'assessments.inputs',
      'opportunities.seller_probability',
    ])
    .where('assessments.org_id', '=', orgId)
    .where('assessments.inputs', 'is not', null)
    .where('opportunities.deleted_at', 'is', null)
    .$if(which === 'open', (q) => q.where('opportunities.status', '=', 'open'))
    .execute();
  return rows.map((r) => ({
    opportunityId: r.opportunity_id,
    ownerId: r.owner_id,
    sellerProbability: r.seller_probability,
    inputs: JSON.parse(r.inputs!) as AssessmentInputs,
  }));
}

/** Every live deal's status with the danger zones of its stored assessment, for the rules' usage. */
export async function listZoneOutcomes(
  db: Db,
  orgId: string,
): Promise<Array<{ status: OpportunityStatus; zoneIds: string[] }>> {
  const rows = await db
    .selectFrom('assessments')
    .innerJoin('opportunities', 'opportunities.id', 'assessments.opportunity_id')
    .select(['opportunities.status', 'assessments.zone_ids'])
    .where('assessments.org_id', '=', orgId)
    .where('opportunities.deleted_at', 'is', null)
    .execute();
  return rows.map((r) => ({ status: r.status as OpportunityStatus, zoneIds: JSON.parse(r.zone_ids) as string[] }));
}

export type StoredFigures = { winProbability: number; coverageIndex: number; zoneIds: string[] };

/** The stored figures of these deals' assessments, before they are replaced (for the webhook events). */
export async function storedFigures(
  db: Db,
  orgId: string,
  opportunityIds: readonly string[],
): Promise<Map<string, StoredFigures>> {
  const found = new Map<string, StoredFigures>();
  for (let i = 0; i < opportunityIds.length; i += 500) {
    const rows = await db
      .selectFrom('assessments')
      .select(['opportunity_id', 'win_probability', 'coverage_index', 'zone_ids'])
      .where('org_id', '=', orgId)
      .where('opportunity_id', 'in', opportunityIds.slice(i, i + 500))
      .execute();
    for (const r of rows)
      found.set(r.opportunity_id, {
        winProbability: Number(r.win_probability),
        coverageIndex: Number(r.coverage_index),
        zoneIds: JSON.parse(r.zone_ids) as string[],
      });
  }
  return found;
}
