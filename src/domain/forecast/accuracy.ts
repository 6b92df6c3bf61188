import { addDays } from '../dates.ts';
import type { Period } from '../periods.ts';

// How far a forecast of a period's won amount landed from what was won. Amounts are never negative
// (minor units of one currency). For one period, with actual A and forecast F:
//   error F − A (positive: the forecast was too high), absolute error |F − A|,
//   accuracy max(0, 1 − |A − F| / A): 1 is exact, 0 is off by the whole actual or more.
// When nothing was won (A = 0) the ratio has no meaning: accuracy is 1 if the forecast was 0 too,
// else 0 (any amount forecast where none came is off by more than the whole actual).
// Over periods: the mean accuracy, the mean absolute error, and the bias (the mean error: a method
// that is steadily too high or too low shows it here, where the absolute error hides the sign),
// also as a share of the mean actual.

/** How far from a period's first day its starting snapshot may be. */
export const START_WINDOW_DAYS = 7;

/** The snapshot day a period's call was made from: the latest on or before its start, else the first after. */
export function startDay(days: readonly string[], period: Period): string | null {
  const before = days.filter((d) => d <= period.from && d >= addDays(period.from, -START_WINDOW_DAYS)).at(-1);
  return before ?? days.find((d) => d > period.from && d <= addDays(period.from, START_WINDOW_DAYS)) ?? null;
}

export type PeriodAccuracy = { error: number; absoluteError: number; accuracy: number };

export function periodAccuracy(forecast: number, actual: number): PeriodAccuracy {
  const error = forecast - actual;
  const absoluteError = Math.abs(error);
  const accuracy = actual === 0 ? (forecast === 0 ? 1 : 0) : Math.max(0, 1 - absoluteError / actual);
  return { error, absoluteError, accuracy };
}

export type AccuracySummary = {
  periods: number;
  meanAccuracy: number;
  meanAbsoluteError: number;
  /** the mean of F − A */
  bias: number;
  /** the bias as a share of the mean actual (Σ(F − A) / ΣA); null when nothing was won in any period */
  biasShare: number | null;
};

/** The summary of a method over its periods, or null when it forecast none. */
export function summarizeAccuracy(
  periods: ReadonlyArray<{ forecast: number; actual: number }>,
): AccuracySummary | null {
  if (periods.length === 0) return null;
  let accuracy = 0;
  let absolute = 0;
  let signed = 0;
  let actual = 0;
  for (const p of periods) {
    const measured = periodAccuracy(p.forecast, p.actual);
    accuracy += measured.accuracy;
    absolute += measured.absoluteError;
    signed += measured.error;
    actual += p.actual;
  }
  const n = periods.length;
  return {
    periods: n,
    meanAccuracy: accuracy / n,
    meanAbsoluteError: absolute / n,
    bias: signed / n,
    biasShare: actual === 0 ? null : signed / actual,
  };
}
