import type { ForecastMethod } from '../../../domain/forecast/rollup.ts';
import { periodChoices } from '../review/review-params.ts';

// The forecast's words: each method's name and what it means, and the periods a call is made for.

export const METHOD_LABELS: Record<ForecastMethod, { label: string; note: string }> = {
  knowledge: { label: 'Evidence-based', note: 'won + open × the win probability from what we know' },
  stage: { label: 'Stage-weighted', note: 'won + open × the stage’s probability' },
  seller: { label: 'Sellers’ figures', note: 'won + open × the seller’s own figure (the stage’s where none)' },
  commit: { label: 'Commit', note: 'won + the deals in commit' },
  bestCase: { label: 'Best case', note: 'won + commit + best case' },
};

/** The periods of a forecast: quarters and months around today (never "all open deals"). */
export const forecastPeriods = (today: string) => periodChoices(today).filter((c) => c.value !== '');

/** How far a call is from the target, in words: "12 % short of the target", "3 % above it". */
export function againstTarget(call: number, target: number | null): string | null {
  if (target === null || target === 0) return null;
  const gap = Math.round(((call - target) / target) * 100);
  if (gap === 0) return 'on target';
  return gap < 0 ? `${-gap} % short of the target` : `${gap} % above the target`;
}
