import type { Db } from '../../db/database.ts';
import type { MarkTopic } from '../../contract/marks.ts';
import { opportunityVisible } from '../scope.repo.ts';

// Items of a deal marked to discuss at the next review: open until a review takes them up.

export type StoredMark = {
  id: string;
  opportunityId: string;
  topic: MarkTopic;
  note: string | null;
  markedBy: string;
  markedAt: string;
};

const fromRow = (r: {
  id: string;
  opportunity_id: string;
  topic: string;
  note: string | null;
  marked_by: string;
  marked_at: string;
}): StoredMark => ({
  id: r.id,
  opportunityId: r.opportunity_id,
  topic: r.topic as MarkTopic,
  note: r.note,
  markedBy: r.marked_by,
  markedAt: r.marked_at,
});

/** The open marks of these deals, oldest first. */
export async function openMarks(db: Db, orgId: string, opportunityIds: readonly string[]): Promise<StoredMark[]> {
  if (opportunityIds.length === 0) return [];
  const rows = await db
    .selectFrom('review_marks')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('opportunity_id', 'in', opportunityIds)
    .where('discussed_in', 'is', null)
    .orderBy('marked_at')
    .orderBy('id')
    .execute();
  return rows.map(fromRow);
}

export type MarkedDeal = StoredMark & {
  deal: { name: string; accountName: string; ownerId: string; amountMinor: number; currency: string };
};

/** The open marks on the open deals of these owners, oldest first, with the deal each is on. */
export async function openMarksInScope(
  db: Db,
  orgId: string,
  owners: 'all' | readonly string[],
): Promise<MarkedDeal[]> {
  const rows = await db
    .selectFrom('review_marks')
    .innerJoin('opportunities', 'opportunities.id', 'review_marks.opportunity_id')
    .leftJoin('accounts', 'accounts.id', 'opportunities.account_id')
    .selectAll('review_marks')
    .select([
      'opportunities.name as deal_name',
      'accounts.name as account_name',
      'opportunities.owner_id as deal_owner_id',
      'opportunities.amount_minor as deal_amount_minor',
      'opportunities.currency as deal_currency',
    ])
    .where('review_marks.org_id', '=', orgId)
    .where('review_marks.discussed_in', 'is', null)
    .where('opportunities.status', '=', 'open')
    .where('opportunities.deleted_at', 'is', null)
    .where((eb) => opportunityVisible(eb, { visibleOwnerIds: owners }))
    .orderBy('review_marks.marked_at')
    .orderBy('review_marks.id')
    .execute();
  return rows.map((r) => ({
    ...fromRow(r),
    deal: {
      name: r.deal_name,
      accountName: r.account_name ?? '',
      ownerId: r.deal_owner_id,
      amountMinor: Number(r.deal_amount_minor),
      currency: r.deal_currency,
    },
  }));
}

export async function insertMark(db: Db, orgId: string, mark: StoredMark): Promise<void> {
  await db
    .insertInto('review_marks')
    .values({
      id: mark.id,
      org_id: orgId,
      opportunity_id: mark.opportunityId,
      topic: mark.topic,
      note: mark.note,
      marked_by: mark.markedBy,
      marked_at: mark.markedAt,
      discussed_in: null,
    })
    .execute();
}

/** Removes an open mark of a deal, answering whether there was one. */
export async function deleteMark(db: Db, orgId: string, opportunityId: string, markId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('review_marks')
    .where('org_id', '=', orgId)
    .where('opportunity_id', '=', opportunityId)
    .where('id', '=', markId)
    .where('discussed_in', 'is', null)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
