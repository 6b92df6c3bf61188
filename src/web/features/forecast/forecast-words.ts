import type { ForecastMethod } from '../../../domain/forecast/rollup.ts';
import type { WaterfallStepName } from '../../../domain/forecast/waterfall.ts';
import { periodChoices } from '../review/review-params.ts';

// The forecast's words: each method's name and what it means, and the periods a call is made for.

export const METHOD_LABELS: Record<ForecastMethod, { label: string; note: string }> = {
  knowledge: { label: 'Evidence-based', note: 'won + open × the win probability from what we know' },
  stage: { label: 'Stage-weighted', note: 'won + open × the stage’s probability' },
  seller: { label: 'Sellers’ figures', note: 'won + open × the seller’s own figure (the stage’s where none)' },
  commit: { label: 'Commit', note: 'won + the deals in commit' },
  bestCase: { label: 'Best case', note: 'won + commit + best case' },
};

/** Each step of a period's waterfall: the axis's word, the table's, and what it holds. */
export const STEP_WORDS: Record<WaterfallStepName, { short: string; long: string; note: string }> = {
  start: { short: 'Start', long: 'Expected at the start', note: 'open and expected to close in the period' },
  lost: { short: 'Lost', long: 'Lost', note: 'lost or no decision' },
  slipped: { short: 'Slipped', long: 'Slipped out', note: 'closed after the period, or still open past it' },
  removed: { short: 'Removed', long: 'Removed', note: 'deleted, or handed to someone outside the scope' },
  stillOpen: { short: 'Still open', long: 'Still open', note: 'still expected to close in the period' },
  resized: { short: 'Resized', long: 'Resized', note: 'won for another amount, or at another exchange rate' },
  wonFromStart: { short: 'Won from start', long: 'Won from the start', note: 'at what they were won for' },
  created: { short: 'New', long: 'New and won', note: 'not open at the start' },
  pulledIn: { short: 'Pulled in', long: 'Pulled in and won', note: 'expected in another period at the start' },
  won: { short: 'Won', long: 'Won in the period', note: 'the actual' },
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
