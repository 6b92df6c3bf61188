import type { z } from 'zod';
import type { accuracyQuerySchema, ForecastAccuracy } from '../../contract/forecast.ts';
import type { Actor } from '../../domain/access.ts';
import { addDays, toDateOnly } from '../../domain/dates.ts';
import { periodAccuracy, START_WINDOW_DAYS, startDay, summarizeAccuracy } from '../../domain/forecast/accuracy.ts';
import { FORECAST_METHODS, rollUp, type ClosedSums, type ForecastMethod } from '../../domain/forecast/rollup.ts';
import { convertMinor } from '../../domain/money/convert.ts';
import { parsePeriod, previousPeriod, quarterOf, type Period } from '../../domain/periods.ts';
import { rateBook, requireRates } from '../currency/index.ts';
import type { AppDeps } from '../deps.ts';
import { scopeOf } from '../reviews/index.ts';
import * as repo from './forecast.repo.ts';
import { openInReporting } from './forecast.service.ts';
import { snapshotDays, snapshotSums } from './snapshots.repo.ts';

// How each method's call did, period after period: the call as the snapshot at the start of the
// period had it (what was won before that day, plus the open deals expected to close in the period,
// each method weighting them its way), against what was won by the period's end; and each call's
// trend week by week through the period. Only what was recorded at the time is read.

/** One snapshot a week through the period, up to today: the first day of each week that has one. */
function weeklyDays(days: readonly string[], period: Period, today: string): string[] {
  const weekly: string[] = [];
  for (const day of days) {
    if (day < period.from || day > period.to || day > today) continue;
    if (weekly.length === 0 || day >= addDays(weekly.at(-1)!, 7)) weekly.push(day);
  }
  return weekly;
}

export async function getForecastAccuracy(
  deps: AppDeps,
  actor: Actor,
  query: z.infer<typeof accuracyQuerySchema>,
): Promise<ForecastAccuracy> {
  const today = toDateOnly(deps.now());
  const scope = await scopeOf(deps, actor, query);
  const current = query.kind === 'quarter' ? quarterOf(today) : parsePeriod(today.slice(0, 7))!;
  const periods = [current];
  while (periods.length < query.periods) periods.unshift(previousPeriod(periods[0]!));
  const first = periods[0]!;
  const where = { orgId: actor.orgId, owners: scope.owners, from: first.from, to: current.to };
  const [book, days, closed] = await Promise.all([
    rateBook(deps, actor.orgId),
    snapshotDays(deps.db, actor.orgId, addDays(first.from, -START_WINDOW_DAYS), today),
    repo.closedSums(deps.db, where),
  ]);
  const plan = periods.map((period) => ({
    period,
    start: startDay(days, period),
    weekly: weeklyDays(days, period, today),
  }));
  const wanted = [...new Set(plan.flatMap((p) => [...(p.start ? [p.start] : []), ...p.weekly]))];
  // one read per period (its deals differ by close date), each covering all the days it needs
  const sums = await Promise.all(
    plan.map((p) =>
      snapshotSums(
        deps.db,
        { orgId: actor.orgId, owners: scope.owners, from: p.period.from, to: p.period.to },
        wanted.filter((d) => d === p.start || p.weekly.includes(d)),
      ),
    ),
  );
  requireRates(book, [
    ...closed.map((c) => ({ currency: c.currency, onDate: c.closedDate })),
    ...sums.flat().map((s) => ({ currency: s.currency, onDate: s.day })),
  ]);
  const wonIn = (period: Period, before: string) =>
    closed
      .filter(
        (c) => c.status === 'won' && c.closedDate >= period.from && c.closedDate <= period.to && c.closedDate < before,
      )
      .map((c): ClosedSums => ({
        status: 'won',
        deals: c.deals,
        amountMinor: convertMinor(book, c.amountMinor, c.currency, c.closedDate)!,
      }));
  const callsOn = (index: number, day: string): Record<ForecastMethod, number> => {
    const open = sums[index]!.filter((s) => s.day === day).map((s) => openInReporting(book, s, day));
    // a snapshot is taken at the end of its day: what closed that day is already won
    return rollUp(open, wonIn(periods[index]!, addDays(day, 1))).methods;
  };
  const rows = plan.map((p, index) => {
    const actual = wonIn(p.period, addDays(p.period.to, 1)).reduce((s, c) => s + c.amountMinor, 0);
    const isOver = p.period.to < today;
    const calls = p.start ? callsOn(index, p.start) : null;
    return {
      key: p.period.key,
      label: p.period.label,
      isOver,
      asOf: p.start,
      actual,
      calls,
      accuracy:
        calls && isOver
          ? (Object.fromEntries(FORECAST_METHODS.map((m) => [m, periodAccuracy(calls[m], actual).accuracy])) as Record<
              ForecastMethod,
              number
            >)
          : null,
      trend: p.weekly.map((day) => ({ day, calls: callsOn(index, day) })),
    };
  });
  const scored = rows.filter((r) => r.isOver && r.calls);
  return {
    scope: { kind: scope.kind, id: scope.id, name: scope.name, key: scope.key },
    reportingCurrency: book.reportingCurrency,
    periods: rows,
    summary: FORECAST_METHODS.flatMap((method) => {
      const summary = summarizeAccuracy(scored.map((r) => ({ forecast: r.calls![method], actual: r.actual })));
      return summary ? [{ method, ...summary }] : [];
    }),
  };
}
