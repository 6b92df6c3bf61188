import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { actionCreateBodySchema, AgreedAction, MyAction } from '../../contract/actions.ts';
import { descendantsOf, type Actor } from '../../domain/access.ts';
import { toDateOnly } from '../../domain/dates.ts';
import type { AppDeps } from '../deps.ts';
import { notFound, unprocessable } from '../errors.ts';
import { findOpportunity } from '../opportunities/index.ts';
import { cachedPeople, cachedUserNames, findUser } from '../users/index.ts';
import * as repo from './actions.repo.ts';

// Actions agreed on a deal in a pipeline review: anyone who can see the deal records one for a
// person who can see it too (usually its seller), and marks it done; the seller finds them on the
// deal and in their own review.

/** The stored actions as people read them: names, and whether one is overdue today. */
export async function presentActions(
  deps: AppDeps,
  orgId: string,
  actions: readonly repo.StoredAction[],
): Promise<AgreedAction[]> {
  const names = await cachedUserNames(deps.db, deps.caches, orgId);
  const today = toDateOnly(deps.now());
  const name = (id: string) => names.get(id) ?? 'Former colleague';
  return actions.map((a) => ({
    id: a.id,
    opportunityId: a.opportunityId,
    text: a.text,
    ownerId: a.ownerId,
    ownerName: name(a.ownerId),
    dueDate: a.dueDate,
    createdByName: name(a.createdBy),
    createdAt: a.createdAt,
    doneAt: a.doneAt,
    doneByName: a.doneBy ? name(a.doneBy) : null,
    isOverdue: a.doneAt === null && a.dueDate < today,
  }));
}

async function visibleDeal(deps: AppDeps, actor: Actor, opportunityId: string) {
  const deal = await findOpportunity(deps.db, actor, opportunityId);
  if (!deal) throw notFound('Opportunity');
  return deal;
}

export async function listDealActions(deps: AppDeps, actor: Actor, opportunityId: string) {
  await visibleDeal(deps, actor, opportunityId);
  return {
    items: await presentActions(deps, actor.orgId, await repo.listActions(deps.db, actor.orgId, [opportunityId])),
  };
}

export async function addAction(
  deps: AppDeps,
  actor: Actor,
  opportunityId: string,
  body: z.infer<typeof actionCreateBodySchema>,
): Promise<AgreedAction> {
  const deal = await visibleDeal(deps, actor, opportunityId);
  const [people, owner] = await Promise.all([
    cachedPeople(deps.db, deps.caches, actor.orgId),
    findUser(deps.db, actor.orgId, body.ownerId),
  ]);
  // the one who does it must see the deal: its owner, someone above them, or an admin
  const seesDeal =
    owner !== undefined &&
    owner.isActive &&
    (owner.role === 'admin' || owner.id === deal.ownerId || descendantsOf(owner.id, people).includes(deal.ownerId));
  if (!seesDeal) throw unprocessable('ownerId', 'Choose someone who works on this deal: its owner or their manager');
  if (body.dueDate < toDateOnly(deps.now()))
    throw unprocessable('dueDate', 'The due date has passed: choose today or later');
  const action: repo.StoredAction = {
    id: randomUUID(),
    opportunityId,
    text: body.text,
    ownerId: body.ownerId,
    dueDate: body.dueDate,
    createdBy: actor.userId,
    createdAt: deps.now().toISOString(),
    doneAt: null,
    doneBy: null,
  };
  await repo.insertAction(deps.db, actor.orgId, action);
  return (await presentActions(deps, actor.orgId, [action]))[0]!;
}

export async function setActionDone(
  deps: AppDeps,
  actor: Actor,
  opportunityId: string,
  actionId: string,
  done: boolean,
): Promise<AgreedAction> {
  await visibleDeal(deps, actor, opportunityId);
  const marked = await repo.markAction(
    deps.db,
    actor.orgId,
    opportunityId,
    actionId,
    done ? { at: deps.now().toISOString(), by: actor.userId } : null,
  );
  if (!marked) throw notFound('Action');
  const stored = (await repo.listActions(deps.db, actor.orgId, [opportunityId])).find((a) => a.id === actionId)!;
  return (await presentActions(deps, actor.orgId, [stored]))[0]!;
}

/** The open actions agreed for the person asking, on the open deals they work on, by due date. */
export async function listMyActions(deps: AppDeps, actor: Actor): Promise<{ items: MyAction[] }> {
  const stored = await repo.listOpenActionsOf(deps.db, actor.orgId, actor.userId);
  const presented = await presentActions(deps, actor.orgId, stored);
  return {
    items: presented.map((a, k) => ({
      ...a,
      opportunityName: stored[k]!.opportunityName,
      accountName: stored[k]!.accountName,
    })),
  };
}
