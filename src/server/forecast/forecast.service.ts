import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { callBodySchema, Forecast, ForecastQuery, targetBodySchema } from '../../contract/forecast.ts';
import type { Actor } from '../../domain/access.ts';
import { toDateOnly } from '../../domain/dates.ts';
import { rollUp, type ClosedSums, type OpenSums } from '../../domain/forecast/rollup.ts';
import { conversionFactor, convertMinor, type RateBook } from '../../domain/money/convert.ts';
import { parsePeriod, quarterOf } from '../../domain/periods.ts';
import { rateBook, requireRates } from '../currency/index.ts';
import type { AppDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { scopeOf } from '../reviews/index.ts';
import { cachedUserNames } from '../users/index.ts';
import * as repo from './forecast.repo.ts';

// The forecast a manager calls the quarter with: every method side by side for a team, a seller or
// the organization, in the reporting currency, against the target, with the calls people submitted.

type OpenRow = Awaited<ReturnType<typeof repo.openSums>>[number];
type ClosedRow = Awaited<ReturnType<typeof repo.closedSums>>[number];

/** Open sums in the reporting currency at today's rate; closed ones at the rate of the day each closed. */
function converted(book: RateBook, open: readonly OpenRow[], closed: readonly ClosedRow[], today: string) {
  requireRates(book, [
    ...open.map((r) => ({ currency: r.currency, onDate: today })),
    ...closed.map((r) => ({ currency: r.currency, onDate: r.closedDate })),
  ]);
  const openSums = open.map((r) => ({ ownerId: r.ownerId, ...openInReporting(book, r, today) }));
  const closedSums = closed.map((r): ClosedSums & { ownerId: string } => ({
    ownerId: r.ownerId,
    status: r.status,
    deals: r.deals,
    amountMinor: convertMinor(book, r.amountMinor, r.currency, r.closedDate)!,
  }));
  return { openSums, closedSums };
}

/** Open deals' sums in the reporting currency on `day`: weighted sums (with fractions) by the rate, amounts exactly. */
export function openInReporting(
  book: RateBook,
  r: Omit<OpenSums, 'category'> & { category: OpenSums['category']; currency: string },
  day: string,
): OpenSums {
  const factor = conversionFactor(book, r.currency, day)!;
  return {
    category: r.category,
    deals: r.deals,
    amountMinor: convertMinor(book, r.amountMinor, r.currency, day)!,
    knowledgeMinor: r.knowledgeMinor * factor,
    stageMinor: r.stageMinor * factor,
    sellerMinor: r.sellerMinor * factor,
    withSellerFigure: r.withSellerFigure,
  };
}

function periodOf(key: string | undefined, today: string) {
  return key ? parsePeriod(key)! : quarterOf(today);
}

export async function getForecast(deps: AppDeps, actor: Actor, query: ForecastQuery): Promise<Forecast> {
  const today = toDateOnly(deps.now());
  const period = periodOf(query.period, today);
  const scope = await scopeOf(deps, actor, query);
  const where = { orgId: actor.orgId, owners: scope.owners, from: period.from, to: period.to };
  const [book, open, closed, target, calls, names] = await Promise.all([
    rateBook(deps, actor.orgId),
    repo.openSums(deps.db, where),
    repo.closedSums(deps.db, where),
    repo.findTarget(deps.db, actor.orgId, period.key, scope.key),
    repo.listCalls(deps.db, actor.orgId, period.key, scope.key),
    cachedUserNames(deps.db, deps.caches, actor.orgId),
  ]);
  const { openSums, closedSums } = converted(book, open, closed, today);
  const owners = [...new Set([...openSums.map((r) => r.ownerId), ...closedSums.map((r) => r.ownerId)])];
  // each seller's own latest call, for the team's view (a seller's own view shows their calls below)
  const sellers =
    scope.kind === 'owner' ? [] : [...new Set([...(scope.owners === 'all' ? [] : scope.owners), ...owners])];
  const sellerCalls = await repo.latestCalls(
    deps.db,
    actor.orgId,
    period.key,
    sellers.map((id) => `owner:${id}`),
  );
  const bySeller = owners
    .map((ownerId) => ({
      ownerId,
      name: names.get(ownerId) ?? 'Former colleague',
      call: sellerCalls.get(`owner:${ownerId}`) ?? null,
      ...rollUp(
        openSums.filter((r) => r.ownerId === ownerId),
        closedSums.filter((r) => r.ownerId === ownerId),
      ),
    }))
    .sort((a, b) => b.methods.knowledge - a.methods.knowledge || a.name.localeCompare(b.name));
  const money = (amountMinor: number, currency: string) => ({ amountMinor, currency });
  return {
    scope: { kind: scope.kind, id: scope.id, name: scope.name, key: scope.key },
    period: { key: period.key, label: period.label, from: period.from, to: period.to },
    reportingCurrency: book.reportingCurrency,
    target: target
      ? { ...money(target.amountMinor, target.currency), setByName: target.setByName, setAt: target.setAt }
      : null,
    totals: rollUp(openSums, closedSums),
    bySeller,
    sellersCalls:
      scope.kind === 'owner'
        ? null
        : {
            amountMinor: [...sellerCalls.values()].reduce((sum, call) => sum + call, 0),
            callers: sellerCalls.size,
            sellers: sellers.length,
          },
    calls: calls.map((c) => ({
      id: c.id,
      kind: c.kind,
      callerName: c.callerName,
      amount: money(c.amountMinor, c.currency),
      reason: c.reason,
      submittedAt: c.submittedAt,
    })),
  };
}

/** An admin sets any scope's target; a manager those of their own hierarchy; a seller none. */
export async function setTarget(deps: AppDeps, actor: Actor, body: z.infer<typeof targetBodySchema>) {
  if (actor.role === 'seller') throw new AppError('forbidden', 'Only a manager or an admin sets a target');
  const scope = await scopeOf(deps, actor, body);
  const book = await rateBook(deps, actor.orgId);
  await repo.saveTarget(deps.db, {
    orgId: actor.orgId,
    periodKey: body.period,
    scope: scope.key,
    amountMinor: body.amountMinor,
    currency: book.reportingCurrency,
    by: actor.userId,
    at: deps.now().toISOString(),
  });
  return getForecast(deps, actor, body);
}

/**
 * A call for a period: a seller calls their own deals; a manager (or admin) calls a scope they see,
 * and says why, since a manager's call is their judgement over the numbers. Every call is kept.
 */
export async function submitCall(deps: AppDeps, actor: Actor, body: z.infer<typeof callBodySchema>) {
  const kind = actor.role === 'seller' ? ('seller' as const) : ('manager' as const);
  if (kind === 'manager' && !body.reason)
    throw new AppError('invalid-input', 'Say why: a manager’s call is kept with its reason', {
      fields: { reason: 'Say why: a manager’s call is kept with its reason' },
    });
  const scope = await scopeOf(deps, actor, body);
  const book = await rateBook(deps, actor.orgId);
  await repo.insertCall(deps.db, {
    id: randomUUID(),
    orgId: actor.orgId,
    periodKey: body.period,
    scope: scope.key,
    callerId: actor.userId,
    kind,
    amountMinor: body.amountMinor,
    currency: book.reportingCurrency,
    reason: body.reason ?? null,
    at: deps.now().toISOString(),
  });
  return getForecast(deps, actor, body);
}
