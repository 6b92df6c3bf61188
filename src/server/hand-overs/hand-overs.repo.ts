import type { HandOverBrief } from '../../contract/hand-overs.ts';
import type { Db } from '../../db/database.ts';

export type StoredHandOver = {
  id: string;
  orgId: string;
  opportunityId: string;
  fromUserId: string;
  toUserId: string;
  byUserId: string;
  at: string;
  reason: 'leaver' | 'deal';
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
};

export type NewHandOver = StoredHandOver & { brief: HandOverBrief };

const SUMMARY_COLUMNS = [
  'id',
  'org_id',
  'opportunity_id',
  'from_user_id',
  'to_user_id',
  'by_user_id',
  'created_at',
  'reason',
  'acknowledged_at',
  'acknowledged_by',
] as const;

type SummaryRow = {
  id: string;
  org_id: string;
  opportunity_id: string;
  from_user_id: string;
  to_user_id: string;
  by_user_id: string;
  created_at: string;
  reason: string;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
};

function toStored(r: SummaryRow): StoredHandOver {
  return {
    id: r.id,
    orgId: r.org_id,
    opportunityId: r.opportunity_id,
    fromUserId: r.from_user_id,
    toUserId: r.to_user_id,
    byUserId: r.by_user_id,
    at: r.created_at,
    reason: r.reason === 'deal' ? 'deal' : 'leaver',
    acknowledgedAt: r.acknowledged_at,
    acknowledgedBy: r.acknowledged_by,
  };
}

export async function insertHandOvers(db: Db, rows: readonly NewHandOver[]): Promise<void> {
  if (rows.length === 0) return;
  // in slices: PostgreSQL and SQLite both cap the parameters of one statement
  for (let k = 0; k < rows.length; k += 200)
    await db
      .insertInto('hand_overs')
      .values(
        rows.slice(k, k + 200).map((r) => ({
          id: r.id,
          org_id: r.orgId,
          opportunity_id: r.opportunityId,
          from_user_id: r.fromUserId,
          to_user_id: r.toUserId,
          by_user_id: r.byUserId,
          created_at: r.at,
          reason: r.reason,
          brief: JSON.stringify(r.brief),
          acknowledged_at: r.acknowledgedAt,
          acknowledged_by: r.acknowledgedBy,
        })),
      )
      .execute();
}

/** A deal's hand-overs, newest first. */
export async function listHandOversOf(db: Db, orgId: string, opportunityId: string): Promise<StoredHandOver[]> {
  const rows = await db
    .selectFrom('hand_overs')
    .select(SUMMARY_COLUMNS)
    .where('org_id', '=', orgId)
    .where('opportunity_id', '=', opportunityId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map(toStored);
}

/** One hand-over of a deal with its brief. */
export async function findHandOver(
  db: Db,
  orgId: string,
  opportunityId: string,
  id: string,
): Promise<(StoredHandOver & { brief: HandOverBrief }) | undefined> {
  const row = await db
    .selectFrom('hand_overs')
    .select([...SUMMARY_COLUMNS, 'brief'])
    .where('id', '=', id)
    .where('org_id', '=', orgId)
    .where('opportunity_id', '=', opportunityId)
    .executeTakeFirst();
  return row ? { ...toStored(row), brief: JSON.parse(row.brief) as HandOverBrief } : undefined;
}

/** The new owner's acknowledgement, once: answers whether this call recorded it. */
export async function markAcknowledged(
  db: Db,
  target: { orgId: string; id: string; by: string },
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('hand_overs')
    .set({ acknowledged_at: at, acknowledged_by: target.by })
    .where('id', '=', target.id)
    .where('org_id', '=', target.orgId)
    .where('to_user_id', '=', target.by)
    .where('acknowledged_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * The hand-overs a person received (pending: not yet acknowledged, on deals they still own), newest
 * first, with the deal's and account's names, on deals still there.
 */
export async function listReceived(
  db: Db,
  orgId: string,
  toUserId: string,
  status: 'pending' | 'all',
  limit: number,
): Promise<Array<StoredHandOver & { opportunityName: string; accountName: string }>> {
  const rows = await db
    .selectFrom('hand_overs')
    .innerJoin('opportunities', 'opportunities.id', 'hand_overs.opportunity_id')
    .innerJoin('accounts', 'accounts.id', 'opportunities.account_id')
    .select(SUMMARY_COLUMNS.map((c) => `hand_overs.${c}` as const))
    .select(['opportunities.name as opportunity_name', 'accounts.name as account_name'])
    .where('hand_overs.org_id', '=', orgId)
    .where('hand_overs.to_user_id', '=', toUserId)
    // waiting: not acknowledged, on a deal still theirs (one handed on since is no longer theirs to read first)
    .$if(status === 'pending', (q) =>
      q.where('hand_overs.acknowledged_at', 'is', null).where('opportunities.owner_id', '=', toUserId),
    )
    .where('opportunities.deleted_at', 'is', null)
    .orderBy('hand_overs.created_at', 'desc')
    .orderBy('hand_overs.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...toStored(r), opportunityName: r.opportunity_name, accountName: r.account_name }));
}
