import type { Db } from '../../db/database.ts';
import type { OpenAction } from '../../domain/review/action-reminders.ts';

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

/**
 * Every open action, in every organization, due on `lastDay` or before, on a deal still open: what
 * the reminder pass looks at each night. The names a reminder needs come with it.
 */
export async function listOpenActionsDueBy(db: Db, lastDay: string): Promise<OpenAction[]> {
  const rows = await db
    .selectFrom('agreed_actions')
    .innerJoin('opportunities', 'opportunities.id', 'agreed_actions.opportunity_id')
    .leftJoin('accounts', 'accounts.id', 'opportunities.account_id')
    .innerJoin('users as owner', 'owner.id', 'agreed_actions.owner_id')
    .innerJoin('users as agreer', 'agreer.id', 'agreed_actions.created_by')
    .select([
      'agreed_actions.org_id',
      'agreed_actions.id',
      'agreed_actions.opportunity_id',
      'opportunities.name as opportunity_name',
      'accounts.name as account_name',
      'agreed_actions.text',
      'agreed_actions.owner_id',
      'owner.name as owner_name',
      'agreed_actions.due_date',
      'agreed_actions.created_by',
      'agreer.name as created_by_name',
    ])
    .where('agreed_actions.done_at', 'is', null)
    .where('agreed_actions.due_date', '<=', lastDay)
    .where('opportunities.status', '=', 'open')
    .where('opportunities.deleted_at', 'is', null)
    .orderBy('agreed_actions.due_date')
    .orderBy('agreed_actions.id')
    .execute();
  return rows.map((r) => ({
    orgId: r.org_id,
    id: r.id,
    opportunityId: r.opportunity_id,
    opportunityName: r.opportunity_name,
    accountName: r.account_name ?? '',
    text: r.text,
    ownerId: r.owner_id,
    ownerName: r.owner_name,
    dueDate: r.due_date,
    createdBy: r.created_by,
    createdByName: r.created_by_name,
  }));
}

/**
 * A deal handed over: its open actions that were the previous owner's become the new owner's (done
 * ones keep who did them). Answers how many moved.
 */
export async function moveOpenActions(
  db: Db,
  orgId: string,
  move: { opportunityId: string; fromId: string; toId: string },
): Promise<number> {
  const result = await db
    .updateTable('agreed_actions')
    .set({ owner_id: move.toId })
    .where('org_id', '=', orgId)
    .where('opportunity_id', '=', move.opportunityId)
    .where('owner_id', '=', move.fromId)
    .where('done_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
