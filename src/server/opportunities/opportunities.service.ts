import { randomUUID } from 'node:crypto';
import type { Actor } from '../../domain/access.ts';
import { diffFields } from '../../domain/audit.ts';
import { toDateOnly } from '../../domain/dates.ts';
import type {
  Opportunity,
  OpportunityCreate,
  OpportunityExportQuery,
  OpportunityList,
  OpportunityListQuery,
  OpportunityUpdate,
} from '../../contract/opportunities.ts';
import type { Db } from '../../db/database.ts';
import { conversionFactors, convertMinor } from '../../domain/money/convert.ts';
import { findAccount, holdLiveAccount } from '../accounts/index.ts';
import { cachedRateBook } from '../currency/index.ts';
import { appendAuditEvents, listEntityHistory } from '../audit/index.ts';
import type { AppDeps } from '../deps.ts';
import { AppError, notFound, unprocessable } from '../errors.ts';
import { findStage, listStages } from '../stages/index.ts';
import { inTransaction } from '../transaction.ts';
import { assertAssignableOwner } from '../users/index.ts';
import { decodeCursor } from './list-cursor.ts';
import * as repo from './opportunities.repo.ts';
import type { OpportunityValues } from './opportunities.repo.ts';

/** The fields a person edits, in the order the history shows them. */
export const AUDITED_FIELDS = [
  'name',
  'accountId',
  'ownerId',
  'amountMinor',
  'currency',
  'expectedCloseDate',
  'stageId',
  'status',
  'closedDate',
  'closeReason',
  'forecastCategory',
  'sellerProbability',
  'source',
  'dealType',
] as const satisfies readonly (keyof OpportunityValues)[];

/**
 * A page of the list, each amount also in the reporting currency at today's rate: the amount sort
 * orders by that, the deals whose currency has no rate today after the others (flagged by a null
 * value rather than refused: the list stays usable while an admin adds the rate).
 */
export async function listOpportunities(
  deps: AppDeps,
  actor: Actor,
  query: OpportunityListQuery,
): Promise<OpportunityList> {
  const { limit, offset, sort, cursor, owner, ...filter } = query;
  const ownerId = owner === 'me' ? actor.userId : owner;
  const decoded = cursor === undefined ? undefined : decodeCursor(cursor, sort);
  const today = toDateOnly(deps.now());
  const book = await cachedRateBook(deps, actor.orgId);
  const page = await repo.listOpportunities(
    deps.db,
    deps.dialect,
    actor,
    { ...filter, ownerId },
    { limit, offset, sort, cursor: decoded },
    deps.caches.opportunityCounts,
    await repo.amountOrder(deps.db, actor.orgId, sort, conversionFactors(book, today)),
  );
  return {
    ...page,
    reportingCurrency: book.reportingCurrency,
    items: page.items.map((o) => {
      const value = convertMinor(book, o.amountMinor, o.currency, today);
      return { ...o, value: value === null ? null : { amountMinor: value, currency: book.reportingCurrency } };
    }),
  };
}

/** Every opportunity a list request matches (its filters, scope and order), a page at a time. */
export async function* opportunitiesToExport(
  deps: AppDeps,
  actor: Actor,
  query: OpportunityExportQuery,
  pageSize: number,
): AsyncGenerator<Opportunity[]> {
  const { sort, owner, ...filter } = query;
  const ownerId = owner === 'me' ? actor.userId : owner;
  const book = await cachedRateBook(deps, actor.orgId);
  const amounts = await repo.amountOrder(deps.db, actor.orgId, sort, conversionFactors(book, toDateOnly(deps.now())));
  yield* repo.opportunitiesInOrder(deps.db, deps.dialect, actor, { ...filter, ownerId }, sort, pageSize, amounts);
}

export async function getOpportunity(deps: AppDeps, actor: Actor, id: string): Promise<Opportunity> {
  const found = await repo.findOpportunity(deps.db, actor, id);
  if (!found) throw notFound('Opportunity');
  return present(found);
}

/** A new opportunity's values, closing settled and references verified, ready to insert. */
export async function checkNew(
  tx: Db,
  deps: AppDeps,
  actor: Actor,
  input: Omit<OpportunityCreate, 'commitOverrideReason'>,
): Promise<OpportunityValues> {
  const stageId = input.stageId ?? (await firstActiveStageId(tx, actor.orgId));
  const values = settleClosing(
    {
      name: input.name,
      accountId: input.accountId,
      ownerId: input.ownerId ?? actor.userId,
      amountMinor: input.amountMinor,
      currency: input.currency,
      expectedCloseDate: input.expectedCloseDate,
      stageId,
      status: input.status,
      closedDate: input.closedDate ?? null,
      closeReason: input.closeReason ?? null,
      forecastCategory: input.forecastCategory,
      sellerProbability: input.sellerProbability ?? null,
      source: input.source ?? null,
      dealType: input.dealType,
    },
    { status: 'open' },
    toDateOnly(deps.now()),
  );
  await assertReferences(tx, deps, actor, values, { accountId: true, ownerId: true, stageId: true });
  return values;
}

/**
 * A change checked against the record as read (`current`, at the version the caller saw): the
 * merged values with closing settled and references verified, and the fields that changed.
 */
export async function checkChange(
  tx: Db,
  deps: AppDeps,
  actor: Actor,
  current: Opportunity,
  input: Omit<OpportunityUpdate, 'commitOverrideReason'>,
) {
  if (current.version !== input.version) throw stale(current);
  const { version: _version, ...changes } = input;
  const before = valuesOf(current);
  const merged: OpportunityValues = { ...before };
  for (const [key, value] of Object.entries(changes)) {
    if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
  }
  const after = settleClosing(merged, before, toDateOnly(deps.now()));
  // the seller's own figure belongs to whoever gave it: a deal handed to someone else arrives
  // without one (the history keeps the old figure), unless the same change gives a new one
  if (after.ownerId !== before.ownerId && input.sellerProbability === undefined) after.sellerProbability = null;
  const moved = {
    accountId: after.accountId !== before.accountId,
    ownerId: after.ownerId !== before.ownerId,
    stageId: after.stageId !== before.stageId,
  };
  await assertReferences(tx, deps, actor, after, moved);
  const fieldChanges = diffFields(before, after, AUDITED_FIELDS);
  const changedValues = Object.fromEntries(fieldChanges.map((c) => [c.field, c.to])) as Partial<OpportunityValues>;
  return { fieldChanges, changedValues, referencesMoved: moved.accountId || moved.ownerId || moved.stageId };
}

/**
 * An opportunity was added, changed, deleted or restored: the cached list totals no longer hold,
 * nor, when what it calibrates on changed (outcome, amount, closing, a deal more or less), the
 * organization's calibrated prior. Dropped as soon as the row is written, so that the
 * re-assessment in the same transaction already sees the change.
 */
export function forgetOpportunityFigures(deps: AppDeps, orgId: string, change: { outcomes: boolean }): void {
  deps.caches.opportunityCounts.invalidate(orgId);
  if (change.outcomes) deps.caches.calibratedPriors.invalidate(orgId);
}

/**
 * The changes that drop the calibrated prior at once: a deal closing or reopening moves the win rate
 * and the cycle. A new amount is left to the cache's minute-long life: it can move the 75th-percentile
 * deal size by one deal at most, and dropping the prior on every re-valuing re-read the amounts of
 * every deal of the organization inside the PATCH. A knowledge write, which only bumps the version,
 * keeps it too.
 */
export const OUTCOME_FIELDS = ['status', 'closedDate'] as const satisfies readonly (keyof OpportunityValues)[];

/** Soft delete: the record leaves lists but keeps its history and can be restored. */
export async function deleteOpportunity(deps: AppDeps, actor: Actor, id: string): Promise<void> {
  const at = deps.now().toISOString();
  await inTransaction(deps, async (tx) => {
    const current = await repo.findOpportunity(tx, actor, id);
    if (!current) throw notFound('Opportunity');
    const deleted = await repo.updateOpportunityAtVersion(
      tx,
      { orgId: actor.orgId, id, version: current.version },
      { deletedAt: at },
      { actorId: actor.userId, at },
    );
    forgetOpportunityFigures(deps, actor.orgId, { outcomes: true });
    if (!deleted) throw await lostDelete(tx, actor, id);
    await appendAuditEvents(tx, [
      {
        orgId: actor.orgId,
        entityType: 'opportunity',
        entityId: id,
        action: 'delete',
        actorId: actor.userId,
        at,
        changes: [],
      },
    ]);
  });
}

export async function restoreOpportunity(deps: AppDeps, actor: Actor, id: string): Promise<Opportunity> {
  const at = deps.now().toISOString();
  return inTransaction(deps, async (tx) => {
    const current = await repo.findOpportunity(tx, actor, id, { includeDeleted: true });
    if (!current) throw notFound('Opportunity');
    if (current.deletedAt === null) return present(current);
    const restored = await repo.updateOpportunityAtVersion(
      tx,
      { orgId: actor.orgId, id, version: current.version },
      { deletedAt: null },
      { actorId: actor.userId, at },
    );
    forgetOpportunityFigures(deps, actor.orgId, { outcomes: true });
    if (!restored) return present(await lostRestore(tx, actor, id));
    await appendAuditEvents(tx, [
      {
        orgId: actor.orgId,
        entityType: 'opportunity',
        entityId: id,
        action: 'restore',
        actorId: actor.userId,
        at,
        changes: [],
      },
    ]);
    return present((await repo.findOpportunity(tx, actor, id))!);
  });
}

export async function opportunityHistory(
  deps: AppDeps,
  actor: Actor,
  id: string,
  page: { limit: number; offset: number },
) {
  const found = await repo.findOpportunity(deps.db, actor, id, { includeDeleted: true });
  if (!found) throw notFound('Opportunity');
  return listEntityHistory(deps.db, { orgId: actor.orgId, entityType: 'opportunity', entityId: id }, page);
}

/**
 * Keeps status and closing fields coherent: closing stamps today's date when none is given,
 * reopening clears the closing fields, an open deal has no closed date, no deal closes in the future.
 */
function settleClosing(
  values: OpportunityValues,
  before: Pick<OpportunityValues, 'status'>,
  today: string,
): OpportunityValues {
  const next = { ...values };
  if (next.status === 'open') {
    if (before.status !== 'open') {
      next.closedDate = null;
      next.closeReason = null;
    } else if (next.closedDate !== null) {
      throw unprocessable(
        'closedDate',
        'An open opportunity has no closed date; set the status to won, lost or no decision first',
      );
    }
    return next;
  }
  next.closedDate ??= today;
  if (next.closedDate > today) throw unprocessable('closedDate', 'The closed date cannot be in the future');
  return next;
}

async function assertReferences(
  db: Db,
  deps: AppDeps,
  actor: Actor,
  values: OpportunityValues,
  check: { accountId: boolean; ownerId: boolean; stageId: boolean },
): Promise<void> {
  if (check.accountId) {
    const usable =
      (await findAccount(db, actor, values.accountId)) &&
      (await holdLiveAccount(db, deps.dialect, actor.orgId, values.accountId));
    if (!usable) throw unprocessable('accountId', 'Choose an account you can see');
  }
  if (check.ownerId) await assertAssignableOwner(db, actor, values.ownerId);
  if (check.stageId) {
    const stage = await findStage(db, actor.orgId, values.stageId);
    if (!stage) throw unprocessable('stageId', "Choose one of the organization's stages");
    if (!stage.isActive) throw unprocessable('stageId', `The stage "${stage.name}" is switched off`);
  }
}

async function firstActiveStageId(db: Db, orgId: string): Promise<string> {
  const first = (await listStages(db, orgId)).find((s) => s.isActive);
  if (!first) throw unprocessable('stageId', 'The organization has no active stage; an administrator must add one');
  return first.id;
}

function valuesOf(o: Opportunity): OpportunityValues {
  return {
    name: o.name,
    accountId: o.accountId,
    ownerId: o.ownerId,
    amountMinor: o.amountMinor,
    currency: o.currency,
    expectedCloseDate: o.expectedCloseDate,
    stageId: o.stageId,
    status: o.status,
    closedDate: o.closedDate,
    closeReason: o.closeReason,
    forecastCategory: o.forecastCategory,
    sellerProbability: o.sellerProbability,
    source: o.source,
    dealType: o.dealType,
  };
}

export function present(record: Opportunity & { deletedAt?: string | null }): Opportunity {
  const { deletedAt: _deleted, ...opportunity } = record;
  return opportunity;
}

export function stale(current: Opportunity): AppError {
  return new AppError(
    'version-conflict',
    'Someone else changed this opportunity since you opened it. Review their change and apply yours again.',
    {
      current: present(current),
    },
  );
}

/**
 * The record changed between our read and our conditional write (another instance got there
 * first). Gone by now: the same 404 a later delete gets. Changed but live: 409 with what it is now.
 */
async function lostDelete(tx: Db, actor: Actor, id: string): Promise<AppError> {
  const now = await repo.findOpportunity(tx, actor, id);
  return now ? stale(now) : notFound('Opportunity');
}

/** Someone else restored it first: answer as a restore of a live record does, without a second event. */
async function lostRestore(tx: Db, actor: Actor, id: string): Promise<Opportunity> {
  const now = await repo.findOpportunity(tx, actor, id, { includeDeleted: true });
  if (!now) throw notFound('Opportunity');
  if (now.deletedAt !== null) throw stale(now);
  return now;
}
