import type { Actor } from '../../domain/access.ts';
import { toDateOnly } from '../../domain/dates.ts';
import { missingRates, type RateBook } from '../../domain/money/convert.ts';
import { readRatesCsv, type RateCsvProblem } from '../../domain/money/rates-csv.ts';
import type { CurrencySettings, ExchangeRate, RateImportResult } from '../../contract/currency.ts';
import type { Db } from '../../db/database.ts';
import { lockOrganizationWrites } from '../../db/locks.ts';
import { uniqueViolation } from '../../db/constraints.ts';
import { appendAuditEvents, organizationChange, type NewAuditEvent } from '../audit/index.ts';
import type { AppDeps } from '../deps.ts';
import { AppError, notFound, unprocessable } from '../errors.ts';
import { requireAdmin } from '../policy.ts';
import { inTransaction } from '../transaction.ts';
import { cachedUserNames } from '../users/index.ts';
import * as repo from './currency.repo.ts';

/**
 * The organization's reporting currency and every rate it keeps, for converting amounts with
 * domain/money/convert.ts: one statement. Give it deps whose db is a transaction to read inside one.
 */
export async function rateBook(deps: Pick<AppDeps, 'db'>, orgId: string): Promise<RateBook> {
  const sheet = await repo.readRateSheet(deps.db, orgId);
  if (!sheet) throw notFound('Organization');
  return bookOf(sheet);
}

/**
 * The same book, kept a few seconds per organization (AppDeps.caches): for the pages read most,
 * which convert every row they show. This instance's rate changes drop it at once.
 */
export function cachedRateBook(deps: Pick<AppDeps, 'db' | 'caches'>, orgId: string): Promise<RateBook> {
  return deps.caches.rateBooks.get(orgId, '', () => rateBook(deps, orgId));
}

function bookOf(sheet: repo.RateSheet): RateBook {
  return {
    reportingCurrency: sheet.reportingCurrency,
    rates: sheet.rates.map((r) => ({ currency: r.currency, validFrom: r.validFrom, rate: Number(r.rate) })),
  };
}

/** A write of the reporting currency or its rates, in one transaction; the kept book dropped after it. */
async function ratesChanged<T>(deps: AppDeps, actor: Actor, write: (tx: Db) => Promise<T>): Promise<T> {
  try {
    return await inTransaction(deps, write);
  } finally {
    deps.caches.rateBooks.invalidate(actor.orgId);
  }
}

/** What every member may read: sellers need it to read converted figures. */
/**
 * Refuses to mix currencies: when an amount of `uses` has no rate on its date, a 422 that names the
 * currencies and dates and says where an admin adds a rate.
 */
export function requireRates(book: RateBook, uses: ReadonlyArray<{ currency: string; onDate: string }>): void {
  const missing = missingRates(book, uses);
  if (missing.length === 0) return;
  const list = missing.map((m) => `${m.currency} on ${m.onDate}`).join(', ');
  throw unprocessable(
    'currency',
    `No exchange rate to ${book.reportingCurrency} for ${list}: an admin adds one under Admin › Currency`,
  );
}

export async function readCurrencySettings(deps: AppDeps, actor: Actor): Promise<CurrencySettings> {
  const [sheet, uses, names] = await Promise.all([
    repo.readRateSheet(deps.db, actor.orgId),
    repo.countOpportunitiesByCurrency(deps.db, actor),
    cachedUserNames(deps.db, deps.caches, actor.orgId),
  ]);
  if (!sheet) throw notFound('Organization');
  const today = toDateOnly(deps.now());
  const open = uses.filter((u) => u.openOpportunities > 0).map((u) => ({ currency: u.currency, onDate: today }));
  return {
    reportingCurrency: sheet.reportingCurrency,
    rates: sheet.rates.map((r) => presentRate(r, names)),
    currenciesInUse: uses,
    missing: missingRates(bookOf(sheet), open).map((m) => m.currency),
  };
}

function presentRate(r: repo.StoredRate, names: ReadonlyMap<string, string>): ExchangeRate {
  return {
    currency: r.currency,
    validFrom: r.validFrom,
    rate: r.rate,
    createdAt: r.createdAt,
    // a person is never deleted (only deactivated), so a name is always there
    createdByName: names.get(r.createdBy) ?? 'Someone no longer in the organization',
  };
}

/**
 * The rates are quoted in the reporting currency: changing it removes them, in the same
 * transaction, and only when asked to (`discardRates`), so nobody converts with stale quotes.
 */
export async function setReportingCurrency(
  deps: AppDeps,
  actor: Actor,
  input: { reportingCurrency: string; discardRates?: boolean | undefined },
): Promise<{ reportingCurrency: string; discardedRates: number }> {
  requireAdmin(actor);
  const at = deps.now().toISOString();
  return ratesChanged(deps, actor, async (tx) => {
    await lockOrganizationWrites(tx, deps.dialect, actor.orgId);
    const current = await repo.readReportingCurrency(tx, actor.orgId);
    if (!current) throw notFound('Organization');
    const wanted = input.reportingCurrency;
    if (current.reportingCurrency === wanted) return { reportingCurrency: wanted, discardedRates: 0 };
    if (current.rates > 0 && input.discardRates !== true) {
      const message = `${current.rates} exchange rate${current.rates === 1 ? ' is' : 's are'} quoted in ${current.reportingCurrency} and cannot convert into ${wanted}: confirm that they are removed with the change (discardRates), then enter rates in ${wanted}`;
      throw new AppError('conflict', message, { fields: { discardRates: message } });
    }
    const discardedRates = current.rates > 0 ? await repo.deleteAllRates(tx, actor.orgId) : 0;
    await repo.updateReportingCurrency(tx, actor.orgId, wanted);
    await appendAuditEvents(tx, [
      organizationChange(actor, at, [
        { field: 'reportingCurrency', from: current.reportingCurrency, to: wanted },
        ...(discardedRates > 0 ? [{ field: 'exchangeRates', from: discardedRates, to: 0 }] : []),
      ]),
    ]);
    return { reportingCurrency: wanted, discardedRates };
  });
}

/** One new rate; a day that already has one is a conflict (delete it first, or import to replace it). */
export async function addRate(
  deps: AppDeps,
  actor: Actor,
  input: { currency: string; validFrom: string; rate: string },
): Promise<ExchangeRate> {
  requireAdmin(actor);
  const at = deps.now().toISOString();
  try {
    await ratesChanged(deps, actor, async (tx) => {
      await lockOrganizationWrites(tx, deps.dialect, actor.orgId);
      const slot = await repo.readRateSlot(tx, { orgId: actor.orgId, ...input });
      if (!slot) throw notFound('Organization');
      if (input.currency === slot.reportingCurrency) {
        throw unprocessable('currency', `${input.currency} is the reporting currency: it needs no rate (always 1)`);
      }
      if (slot.existing !== null) throw rateTaken(input, slot.existing);
      await repo.insertRates(tx, [{ orgId: actor.orgId, ...input, at, by: actor.userId }]);
      await appendAuditEvents(tx, [rateEvent(actor, at, input, 'create', null, input.rate)]);
    });
  } catch (error) {
    // another administrator's rate for that day landed first
    if (uniqueViolation(error)) throw rateTaken(input, null);
    throw error;
  }
  const names = await cachedUserNames(deps.db, deps.caches, actor.orgId);
  return presentRate({ ...input, createdAt: at, createdBy: actor.userId }, names);
}

function rateTaken(input: { currency: string; validFrom: string }, existing: string | null): AppError {
  const message = `${input.currency} already has a rate from ${input.validFrom}${existing ? ` (${existing})` : ''}: delete it first to enter another`;
  return new AppError('conflict', message, { fields: { validFrom: message } });
}

export async function removeRate(
  deps: AppDeps,
  actor: Actor,
  key: { currency: string; validFrom: string },
): Promise<void> {
  requireAdmin(actor);
  const at = deps.now().toISOString();
  await ratesChanged(deps, actor, async (tx) => {
    const removed = await repo.deleteRate(tx, { orgId: actor.orgId, ...key });
    if (removed === undefined) throw notFound('Exchange rate');
    await appendAuditEvents(tx, [rateEvent(actor, at, key, 'delete', removed, null)]);
  });
}

/** How many problems an import's answer lists one by one; the message counts them all. */
const LISTED_PROBLEMS = 200;

/**
 * Every line of the CSV checked before anything is written; then all of them kept in one
 * transaction, a rate already there for the currency and day replaced.
 */
export async function importRates(deps: AppDeps, actor: Actor, csv: string): Promise<RateImportResult> {
  requireAdmin(actor);
  const at = deps.now().toISOString();
  return ratesChanged(deps, actor, async (tx) => {
    await lockOrganizationWrites(tx, deps.dialect, actor.orgId);
    const sheet = await repo.readRateSheet(tx, actor.orgId);
    if (!sheet) throw notFound('Organization');
    const read = readRatesCsv(csv, sheet.reportingCurrency);
    if (!read.ok) throw importRefused(read.problems);
    const stored = new Map(sheet.rates.map((r) => [`${r.currency} ${r.validFrom}`, r.rate]));
    const changed = read.lines.filter((l) => stored.get(`${l.currency} ${l.validFrom}`) !== l.rate);
    await repo.upsertRates(
      tx,
      changed.map((l) => ({
        orgId: actor.orgId,
        currency: l.currency,
        validFrom: l.validFrom,
        rate: l.rate,
        at,
        by: actor.userId,
      })),
    );
    const events = changed.map((l) => {
      const before = stored.get(`${l.currency} ${l.validFrom}`) ?? null;
      return rateEvent(actor, at, l, before === null ? 'create' : 'update', before, l.rate);
    });
    for (let i = 0; i < events.length; i += AUDIT_CHUNK) await appendAuditEvents(tx, events.slice(i, i + AUDIT_CHUNK));
    const added = events.filter((e) => e.action === 'create').length;
    return { added, updated: changed.length - added, unchanged: read.lines.length - changed.length };
  });
}

// 8 values an event: 500 a statement stays inside both databases' limits on parameters
const AUDIT_CHUNK = 500;

function importRefused(problems: readonly RateCsvProblem[]): AppError {
  const fields: Record<string, string> = {};
  for (const p of problems.slice(0, LISTED_PROBLEMS)) fields[`csv.${p.line}.${p.field}`] = p.message;
  const lines = new Set(problems.map((p) => p.line)).size;
  const [first] = problems;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
  const where = lines === 1 ? 'one line' : `${lines} lines`;
  return new AppError(
    'invalid-input',
    `The CSV has problems on ${where}, so nothing was imported. Line ${first!.line}: ${first!.message}${more}`,
    { fields },
  );
}

function rateEvent(
  actor: Actor,
  at: string,
  key: { currency: string; validFrom: string },
  action: 'create' | 'update' | 'delete',
  from: string | null,
  to: string | null,
): NewAuditEvent {
  return {
    orgId: actor.orgId,
    entityType: 'exchange_rate',
    entityId: `${key.currency}/${key.validFrom}`,
    action,
    actorId: actor.userId,
    at,
    changes: [{ field: 'rate', from, to }],
  };
}
