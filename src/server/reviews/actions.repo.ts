import type { Db } from '../../db/database.ts';

// Agreed actions on deals: read for one deal or for the review's twenty at once, written one by one.

export type StoredAction = {
  id: string;
  opportunityId: string;
  text: string;
  ownerId: string;
  dueDate: string;
  createdBy: string;
  createdAt: string;
  doneAt: string | null;
  doneBy: string | null;
};

/** The actions of these deals, open ones first (by due date), then those done (latest first). */
export async function listActions(db: Db, orgId: string, opportunityIds: readonly string[]): Promise<StoredAction[]> {
  if (opportunityIds.length === 0) return [];
  const rows = await db
    .selectFrom('agreed_actions')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('opportunity_id', 'in', opportunityIds)
    .orderBy('due_date')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const actions = rows.map((r) => ({
    id: r.id,
    opportunityId: r.opportunity_id,
    text: r.text,
    ownerId: r.owner_id,
    dueDate: r.due_date,
    createdBy: r.created_by,
    createdAt: r.created_at,
    doneAt: r.done_at,
    doneBy: r.done_by,
  }));
  return [
    ...actions.filter((a) => a.doneAt === null),
    ...actions.filter((a) => a.doneAt !== null).sort((a, b) => (a.doneAt! < b.doneAt! ? 1 : -1)),
  ];
}

export async function insertAction(db: Db, orgId: string, a: StoredAction): Promise<void> {
  await db
    .insertInto('agreed_actions')
    .values({
      id: a.id,
      org_id: orgId,
      opportunity_id: a.opportunityId,
      text: a.text,
      owner_id: a.ownerId,
      due_date: a.dueDate,
      created_by: a.createdBy,
      created_at: a.createdAt,
      done_at: null,
      done_by: null,
    })
    .execute();
}

/** Marks an action done (or not), answering whether it exists on that deal. */
export async function markAction(
  db: Db,
  orgId: string,
  opportunityId: string,
  actionId: string,
  done: { at: string; by: string } | null,
): Promise<boolean> {
  const result = await db
    .updateTable('agreed_actions')
    .set({ done_at: done?.at ?? null, done_by: done?.by ?? null })
    .where('org_id', '=', orgId)
    .where('opportunity_id', '=', opportunityId)
    .where('id', '=', actionId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The open actions someone owns on deals still open, by due date, with each deal's name and account. */
export async function listOpenActionsOf(
  db: Db,
  orgId: string,
  ownerId: string,
): Promise<Array<StoredAction & { opportunityName: string; accountName: string }>> {
  const rows = await db
    .selectFrom('agreed_actions')
    .innerJoin('opportunities', 'opportunities.id', 'agreed_actions.opportunity_id')
    .leftJoin('accounts', 'accounts.id', 'opportunities.account_id')
    .selectAll('agreed_actions')
    .select(['opportunities.name as opportunity_name', 'accounts.name as account_name'])
    .where('agreed_actions.org_id', '=', orgId)
    .where('agreed_actions.owner_id', '=', ownerId)
    .where('agreed_actions.done_at', 'is', null)
    .where('opportunities.status', '=', 'open')
    .where('opportunities.deleted_at', 'is', null)
    .orderBy('agreed_actions.due_date')
    .orderBy('agreed_actions.created_at')
    .orderBy('agreed_actions.id')
    .limit(100)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    opportunityId: r.opportunity_id,
    text: r.text,
    ownerId: r.owner_id,
    dueDate: r.due_date,
    createdBy: r.created_by,
    createdAt: r.created_at,
    doneAt: r.done_at,
    doneBy: r.done_by,
    opportunityName: r.opportunity_name,
    accountName: r.account_name ?? '',
  }));
}
