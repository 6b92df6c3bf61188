import type { z } from 'zod';
import type { ForecastWaterfall, waterfallQuerySchema } from '../../contract/forecast.ts';
import type { Actor } from '../../domain/access.ts';
import { addDays, toDateOnly } from '../../domain/dates.ts';
import { buildWaterfall, type Tally, type WaterfallParts } from '../../domain/forecast/waterfall.ts';
import { convertMinor, type RateBook } from '../../domain/money/convert.ts';
import { parsePeriod, previousPeriod, quarterOf } from '../../domain/periods.ts';
import { rateBook, requireRates } from '../currency/index.ts';
import type { AppDeps } from '../deps.ts';
import { scopeOf } from '../reviews/index.ts';
import { START_WINDOW_DAYS, startDay } from '../../domain/forecast/accuracy.ts';
import * as repo from './forecast.repo.ts';
import { snapshotDays, waterfallSums, type WaterfallPart } from './snapshots.repo.ts';

// How the pipeline a period started with became what it won (domain/forecast/waterfall.ts), from
// the snapshot the accuracy reads its calls from and the deals as they are now. What was won adds
// up as the accuracy's actual does: the same deals, summed by owner, currency and close date and
// converted at the close date's rate, so the two agree to the cent.

type Row = Awaited<ReturnType<typeof waterfallSums>>[number];

const none: Tally = { deals: 0, amountMinor: 0 };
const add = (a: Tally, deals: number, amountMinor: number): Tally => ({
  deals: a.deals + deals,
  amountMinor: a.amountMinor + amountMinor,
});

/** Won amounts summed per owner, currency and close date before converting, as the accuracy's actual. */
function wonInReporting(
  book: RateBook,
  won: ReadonlyArray<{ key: string; currency: string; closedDate: string; deals: number; amountMinor: number }>,
): Tally {
  const groups = new Map<string, { currency: string; closedDate: string; deals: number; amountMinor: number }>();
  for (const w of won) {
    const group = groups.get(w.key) ?? { currency: w.currency, closedDate: w.closedDate, deals: 0, amountMinor: 0 };
    groups.set(w.key, { ...group, deals: group.deals + w.deals, amountMinor: group.amountMinor + w.amountMinor });
  }
  return [...groups.values()].reduce(
    (total, g) => add(total, g.deals, convertMinor(book, g.amountMinor, g.currency, g.closedDate)!),
    none,
  );
}

function partsOf(book: RateBook, rows: readonly Row[]): WaterfallParts {
  const at: Record<WaterfallPart, Tally> = {
    lost: none,
    slipped: none,
    removed: none,
    stillOpen: none,
    wonFromStart: none,
    created: none,
    pulledIn: none,
  };
  const byStart: Record<WaterfallPart, Tally> = { ...at };
  let resizedDeals = 0;
  for (const r of rows) {
    if (r.start)
      byStart[r.step] = add(
        byStart[r.step],
        r.deals,
        convertMinor(book, r.start.amountMinor, r.start.currency, r.start.day)!,
      );
    if (r.end)
      at[r.step] = add(at[r.step], r.deals, convertMinor(book, r.end.amountMinor, r.end.currency, r.end.closedDate)!);
    resizedDeals += r.resized;
  }
  const won = wonInReporting(
    book,
    rows.flatMap((r) =>
      r.end ? [{ key: `${r.ownerId} ${r.end.currency} ${r.end.closedDate}`, ...r.end, deals: r.deals }] : [],
    ),
  );
  return {
    lost: byStart.lost,
    slipped: byStart.slipped,
    removed: byStart.removed,
    stillOpen: byStart.stillOpen,
    wonFromStartAtStart: byStart.wonFromStart,
    resizedDeals,
    won,
    created: at.created,
    pulledIn: at.pulledIn,
  };
}

export async function getForecastWaterfall(
  deps: AppDeps,
  actor: Actor,
  query: z.infer<typeof waterfallQuerySchema>,
): Promise<ForecastWaterfall> {
  const today = toDateOnly(deps.now());
  const period = query.period ? parsePeriod(query.period)! : previousPeriod(quarterOf(today));
  const scope = await scopeOf(deps, actor, query);
  const isOver = period.to < today;
  const lastDay = addDays(period.from, START_WINDOW_DAYS);
  const [book, days] = await Promise.all([
    rateBook(deps, actor.orgId),
    snapshotDays(deps.db, actor.orgId, addDays(period.from, -START_WINDOW_DAYS), lastDay < today ? lastDay : today),
  ]);
  const asOf = startDay(days, period);
  const where = { orgId: actor.orgId, owners: scope.owners, from: period.from, to: period.to };
  const base = {
    scope: { kind: scope.kind, id: scope.id, name: scope.name, key: scope.key },
    period: { key: period.key, label: period.label, from: period.from, to: period.to },
    reportingCurrency: book.reportingCurrency,
    isOver,
    asOf,
  };
  if (asOf === null) {
    // no start to explain: what was won, as the accuracy says it
    const won = (await repo.closedSums(deps.db, where)).filter((c) => c.status === 'won');
    requireRates(
      book,
      won.map((c) => ({ currency: c.currency, onDate: c.closedDate })),
    );
    return {
      ...base,
      won: wonInReporting(
        book,
        won.map((c) => ({ key: `${c.ownerId} ${c.currency} ${c.closedDate}`, ...c })),
      ),
      steps: null,
    };
  }
  const rows = await waterfallSums(deps.db, where, asOf, !isOver);
  requireRates(book, [
    ...rows.flatMap((r) => (r.start ? [{ currency: r.start.currency, onDate: r.start.day }] : [])),
    ...rows.flatMap((r) => (r.end ? [{ currency: r.end.currency, onDate: r.end.closedDate }] : [])),
  ]);
  const parts = partsOf(book, rows);
  return { ...base, won: parts.won, steps: buildWaterfall(parts) };
}
