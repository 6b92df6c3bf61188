import { randomUUID } from 'node:crypto';
import type { Actor } from '../../domain/access.ts';
import { toDateOnly } from '../../domain/dates.ts';
import { assignAccounts, checkChosenSplit, proposeBalancedSplit } from '../../domain/hand-over/split.ts';
import type { Reminder } from '../../domain/inbox/messages.ts';
import { convertMinor } from '../../domain/money/convert.ts';
import type { HandOverBody, HandOverPlan, HandOverSummary } from '../../contract/hand-overs.ts';
import type { Opportunity } from '../../contract/opportunities.ts';
import type { User } from '../../contract/users.ts';
import type { Db } from '../../db/database.ts';
import { findAccount, listOwnedAccounts, updateAccountAtVersion } from '../accounts/index.ts';
import { reassessDealsById } from '../assessment/index.ts';
import { appendAuditEvents, type NewAuditEvent } from '../audit/index.ts';
import { rateBook } from '../currency/index.ts';
import type { AppDeps } from '../deps.ts';
import { AppError, notFound, unprocessable } from '../errors.ts';
import { presentHandOvers, recordHandOvers, writeBrief } from '../hand-overs/index.ts';
import { notifyIn } from '../inbox/index.ts';
import {
  findOpportunity,
  listOpportunitiesByIds,
  listOwnedOpportunities,
  updateOpportunityAtVersion,
} from '../opportunities/index.ts';
import { requireAdmin, requireManagerOrAdmin } from '../policy.ts';
import { moveOpenActions } from '../reviews/index.ts';
import { inTransaction } from '../transaction.ts';
import { enqueueWebhookEvents } from '../webhooks/index.ts';
import { assertAssignableOwner, deactivateIn, findUser } from '../users/index.ts';
import { updatedEvents } from './deal-events.ts';

// Hand-over (issue 14): a leaver's open deals and accounts go to one or several people in one
// step (deactivated, moved, re-assessed, audited, briefed and told, all or nothing), and one deal
// can move between two active sellers with the same brief.

type Planned = {
  plan: HandOverPlan;
  deals: Opportunity[];
  accounts: Array<{ id: string; version: number }>;
};

/** What the hand-over would do: the split (proposed or checked), read without writing. */
async function planHandOver(db: Db, deps: AppDeps, actor: Actor, from: User, body: HandOverBody): Promise<Planned> {
  const recipients: User[] = [];
  for (const [k, t] of body.to.entries()) {
    const field = `to.${k}.userId`;
    const user = await findUser(db, actor.orgId, t.userId);
    if (!user) throw unprocessable(field, 'Choose a person of your organization');
    if (!user.isActive) throw unprocessable(field, `${user.name} is deactivated`);
    if (user.id === from.id) throw unprocessable(field, `Choose someone other than ${from.name}`);
    if (recipients.some((r) => r.id === user.id)) throw unprocessable(field, `${user.name} is chosen twice`);
    recipients.push(user);
  }
  const owned = await listOwnedOpportunities(db, actor.orgId, from.id, { includeClosed: false });
  const deals = (
    await listOpportunitiesByIds(
      db,
      actor.orgId,
      owned.map((o) => o.id),
    )
  ).sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  const book = await rateBook({ db }, actor.orgId);
  const today = toDateOnly(deps.now());
  const valued = deals.map((d) => ({
    id: d.id,
    accountId: d.accountId,
    value: convertMinor(book, d.amountMinor, d.currency, today),
  }));
  const ids = recipients.map((r) => r.id);
  let split: Map<string, string>;
  if (body.split === 'one') split = new Map(deals.map((d) => [d.id, ids[0]!]));
  else if (body.split === 'balanced') split = proposeBalancedSplit(valued, ids);
  else {
    const checked = checkChosenSplit(
      deals.map((d) => d.id),
      body.to.map((t) => ({ userId: t.userId, opportunityIds: t.opportunityIds ?? [] })),
    );
    if ('problem' in checked) {
      const names = (list: string[]) =>
        list.map((id) => deals.find((d) => d.id === id)?.name ?? id).join(', ') || 'none';
      const p = checked.problem;
      if (p.kind === 'not-theirs')
        throw new AppError(
          'version-conflict',
          `${p.dealIds.length} of the chosen deals are no longer open deals of ${from.name}; review the split and try again`,
        );
      throw unprocessable(
        'to',
        p.kind === 'twice'
          ? `Give each deal to one person only: ${names(p.dealIds)}`
          : `Give every open deal of ${from.name} to someone: ${names(p.dealIds)} not given`,
      );
    }
    split = checked.split;
  }
  const accounts = await listOwnedAccounts(db, actor.orgId, from.id);
  const accountOwners = assignAccounts(accounts, valued, split, ids);
  const accountNames = new Map<string, string>();
  for (const a of accounts) accountNames.set(a.id, (await findAccount(db, actor, a.id))?.name ?? 'Account');
  const valueOf = new Map(valued.map((v) => [v.id, v.value]));
  return {
    deals,
    accounts,
    plan: {
      from: { id: from.id, name: from.name, version: from.version, isActive: from.isActive },
      split: body.split,
      reportingCurrency: book.reportingCurrency,
      deals: deals.map((d) => ({
        id: d.id,
        name: d.name,
        accountName: d.accountName,
        stageName: d.stageName,
        expectedCloseDate: d.expectedCloseDate,
        amount: { amountMinor: d.amountMinor, currency: d.currency },
        value: valueOf.get(d.id) ?? null,
        winProbability: d.winProbability,
        toUserId: split.get(d.id)!,
      })),
      accounts: accounts
        .map((a) => ({ id: a.id, name: accountNames.get(a.id)!, toUserId: accountOwners.get(a.id)! }))
        .sort((a, b) => a.name.localeCompare(b.name)),
      recipients: recipients.map((r) => ({
        userId: r.id,
        name: r.name,
        deals: deals.filter((d) => split.get(d.id) === r.id).length,
        accounts: accounts.filter((a) => accountOwners.get(a.id) === r.id).length,
        value: deals.filter((d) => split.get(d.id) === r.id).reduce((sum, d) => sum + (valueOf.get(d.id) ?? 0), 0),
      })),
    },
  };
}

async function leaverOf(db: Db, actor: Actor, fromId: string, body: HandOverBody): Promise<User> {
  const from = await findUser(db, actor.orgId, fromId);
  if (!from) throw notFound('User');
  if (from.id === actor.userId)
    throw unprocessable('to', 'You cannot hand over your own deals and deactivate yourself');
  if (body.version !== undefined && body.version !== from.version)
    throw new AppError(
      'version-conflict',
      `Someone changed ${from.name} since you opened the hand-over; review it again`,
      {
        current: from,
      },
    );
  return from;
}

/** The proposed (or checked) split, nothing written. */
export async function previewHandOver(
  deps: AppDeps,
  actor: Actor,
  fromId: string,
  body: HandOverBody,
): Promise<HandOverPlan> {
  requireAdmin(actor);
  const from = await leaverOf(deps.db, actor, fromId, body);
  return (await planHandOver(deps.db, deps, actor, from, body)).plan;
}

/**
 * Deactivates a leaver and hands their open deals and accounts over as planned, in one
 * transaction: a conflict anywhere (a deal changed meanwhile) moves nothing and deactivates no one.
 */
export async function handOverLeaver(deps: AppDeps, actor: Actor, fromId: string, body: HandOverBody) {
  requireAdmin(actor);
  const at = deps.now().toISOString();
  const result = await inTransaction(deps, async (tx) => {
    const from = await leaverOf(tx, actor, fromId, body);
    const { plan, deals, accounts } = await planHandOver(tx, deps, actor, from, body);
    await deactivateIn(tx, actor, from, at);
    const toOf = new Map(plan.deals.map((d) => [d.id, d.toUserId]));
    const moved = await moveDeals(tx, deps, actor, from.id, deals, toOf, at);
    const accountTo = new Map(plan.accounts.map((a) => [a.id, a.toUserId]));
    const events: NewAuditEvent[] = [];
    for (const a of accounts) {
      const to = accountTo.get(a.id)!;
      const ok = await updateAccountAtVersion(
        tx,
        { orgId: actor.orgId, ...a },
        { values: { ownerId: to } },
        { actorId: actor.userId, at },
      );
      if (!ok) throw changedMeanwhile('account', (await findAccount(tx, actor, a.id, { includeDeleted: true }))?.name);
      events.push(auditMove(actor, 'account', a.id, from.id, to, at));
    }
    await appendAuditEvents(tx, events);
    const handOvers = await briefAndTell(tx, deps, actor, from, moved.deals, toOf, 'leaver', at);
    return {
      deactivated: true,
      opportunities: deals.length,
      accounts: accounts.length,
      actions: moved.actions,
      handOvers,
    };
  });
  // whose records each person sees, and the lists' counts by owner, have changed
  deps.caches.people.invalidate(actor.orgId);
  deps.caches.opportunityCounts.invalidate(actor.orgId);
  return result;
}

/** One deal to another active seller (a manager within their team, or an administrator), with its brief. */
export async function handOverDeal(
  deps: AppDeps,
  actor: Actor,
  opportunityId: string,
  body: { toUserId: string; version: number },
): Promise<HandOverSummary> {
  requireManagerOrAdmin(actor);
  const at = deps.now().toISOString();
  const [summary] = await inTransaction(deps, async (tx) => {
    const deal = await findOpportunity(tx, actor, opportunityId);
    if (!deal) throw notFound('Opportunity');
    if (deal.version !== body.version)
      throw new AppError('version-conflict', 'Someone changed this deal since you opened it; review and try again', {
        current: deal,
      });
    if (deal.status !== 'open') throw unprocessable('toUserId', 'Only an open deal is handed over');
    if (deal.ownerId === body.toUserId) throw unprocessable('toUserId', `${deal.ownerName} already owns this deal`);
    await assertAssignableOwner(tx, actor, body.toUserId, 'toUserId');
    const from = await findUser(tx, actor.orgId, deal.ownerId);
    if (!from) throw notFound('User');
    const toOf = new Map([[deal.id, body.toUserId]]);
    const moved = await moveDeals(tx, deps, actor, from.id, [deal], toOf, at);
    return briefAndTell(tx, deps, actor, from, moved.deals, toOf, 'deal', at);
  });
  deps.caches.opportunityCounts.invalidate(actor.orgId);
  return summary!;
}

/**
 * Moves the deals (each at the version read, the seller's own probability cleared: it was the
 * previous owner's and stays in the history under their name), their open actions of the previous
 * owner, and re-assesses them as now owned.
 */
async function moveDeals(
  tx: Db,
  deps: AppDeps,
  actor: Actor,
  fromId: string,
  deals: readonly Opportunity[],
  toOf: ReadonlyMap<string, string>,
  at: string,
): Promise<{ deals: Opportunity[]; actions: number }> {
  const events: NewAuditEvent[] = [];
  let actions = 0;
  for (const d of deals) {
    const to = toOf.get(d.id)!;
    const ok = await updateOpportunityAtVersion(
      tx,
      { orgId: actor.orgId, id: d.id, version: d.version },
      { values: { ownerId: to, sellerProbability: null } },
      { actorId: actor.userId, at },
    );
    if (!ok)
      throw changedMeanwhile('opportunity', (await findOpportunity(tx, actor, d.id, { includeDeleted: true }))?.name);
    const event = auditMove(actor, 'opportunity', d.id, fromId, to, at);
    if (d.sellerProbability !== null)
      event.changes.push({ field: 'sellerProbability', from: d.sellerProbability, to: null });
    events.push(event);
    actions += await moveOpenActions(tx, actor.orgId, { opportunityId: d.id, fromId, toId: to });
  }
  await appendAuditEvents(tx, events);
  await reassessDealsById(
    { ...deps, db: tx },
    actor.orgId,
    deals.map((d) => d.id),
    { kind: 'reassignment', by: actor.userId },
  );
  const after = await listOpportunitiesByIds(
    tx,
    actor.orgId,
    deals.map((d) => d.id),
  );
  const changesOf = new Map(events.map((e) => [e.entityId, e.changes]));
  await enqueueWebhookEvents(
    tx,
    deps,
    actor.orgId,
    updatedEvents(after.map((d) => ({ opportunity: d, changes: changesOf.get(d.id) ?? [] }))),
  );
  return { deals: after, actions };
}

/** Writes each deal's brief as it now stands, and tells each new owner in their inbox (and e-mail). */
async function briefAndTell(
  tx: Db,
  deps: AppDeps,
  actor: Actor,
  from: User,
  deals: readonly Opportunity[],
  toOf: ReadonlyMap<string, string>,
  reason: 'leaver' | 'deal',
  at: string,
): Promise<HandOverSummary[]> {
  const inTx = { ...deps, db: tx };
  const rows = [];
  for (const deal of deals)
    rows.push({
      id: randomUUID(),
      orgId: actor.orgId,
      opportunityId: deal.id,
      fromUserId: from.id,
      toUserId: toOf.get(deal.id)!,
      byUserId: actor.userId,
      at,
      reason,
      acknowledgedAt: null,
      acknowledgedBy: null,
      brief: await writeBrief(inTx, actor, deal),
    });
  await recordHandOvers(tx, rows);
  const summaries = await presentHandOvers(
    inTx,
    actor,
    rows.map((r) => ({ ...r, opportunityName: r.brief.deal.name, accountName: r.brief.deal.accountName })),
  );
  const byName = summaries[0]?.byName ?? 'An administrator';
  const notices: Reminder[] = summaries.map((s) => ({
    orgId: actor.orgId,
    personId: s.toUserId,
    kind: 'hand-over',
    subject: `Handed to you: ${s.opportunityName}`.slice(0, 200),
    body: `${byName} handed you ${s.opportunityName} (${s.accountName}) from ${from.name}${reason === 'leaver' ? ', who has left' : ''}. Read the hand-over brief on the deal and acknowledge it.`.slice(
      0,
      2000,
    ),
    link: `/opportunities/${s.opportunityId}#hand-over`,
    dedupeKey: `hand-over:${s.id}`,
  }));
  await notifyIn(tx, at, notices);
  return summaries;
}

function auditMove(
  actor: Actor,
  entityType: 'opportunity' | 'account',
  id: string,
  fromId: string,
  toId: string,
  at: string,
): NewAuditEvent {
  return {
    orgId: actor.orgId,
    entityType,
    entityId: id,
    action: 'update',
    actorId: actor.userId,
    at,
    changes: [{ field: 'ownerId', from: fromId, to: toId }],
  };
}

/** A record changed between our reading and our version-checked write: nothing is handed over. */
function changedMeanwhile(noun: 'opportunity' | 'account', name: string | undefined): AppError {
  const what = name ? `The ${noun} "${name}"` : `One ${noun}`;
  return new AppError(
    'version-conflict',
    `${what} changed while the deals were being handed over; nothing was handed over. Review and try again.`,
  );
}
