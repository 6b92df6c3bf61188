import type { IndicatorUnit } from '../../../domain/coaching/indicators.ts';
import type { PyramidLevel } from '../../../domain/coaching/root-causes.ts';
import { daysBetween } from '../../../domain/dates.ts';
import { formatDate, formatWholeMoney } from '../../shared/format.ts';

/** An indicator's value as it reads: "62 %", "+24 pts", "154 days", "$104,833"; "—" when unknown. */
export function formatIndicator(value: number | null, unit: IndicatorUnit, currency: string): string {
  if (value === null) return '—';
  switch (unit) {
    case 'share':
      return `${Math.round(value * 100)} %`;
    case 'points': {
      const points = Math.round(value);
      return `${points > 0 ? '+' : points < 0 ? '−' : ''}${Math.abs(points)} pts`;
    }
    case 'days':
      return `${Math.round(value)} days`;
    case 'money':
      return formatWholeMoney(Math.round(value), currency);
  }
}

export const LEVEL_LABELS: Record<PyramidLevel | 'results', string> = {
  results: 'Results',
  behaviour: 'Selling behaviour',
  skill_knowledge: 'Skill and knowledge',
  capacity_commitment: 'Capacity and commitment',
};

/** Each pyramid level's colour, wherever a gap is shown. */
export const LEVEL_COLORS: Record<PyramidLevel, string> = {
  behaviour: 'orange',
  skill_knowledge: 'grape',
  capacity_commitment: 'blue',
};

/** Whether `value` is worse than `reference` for an indicator that is better `better`. */
export function isWorse(
  better: 'higher' | 'lower' | 'closer_to_zero',
  value: number | null,
  reference: number | null,
): boolean {
  if (value === null || reference === null) return false;
  if (better === 'higher') return value < reference;
  if (better === 'lower') return value > reference;
  return Math.abs(value) > Math.abs(reference);
}

/** Since when a gap has stood, as the nightly passes saw it ("seen since Nov 4, 2026, 16 days"). */
export function standingSince(since: string | null, asOf: string): string {
  if (since === null) return 'first seen today: the nightly pass has not read it yet';
  const days = daysBetween(since, asOf);
  if (days <= 0) return 'first seen today';
  return `seen since ${formatDate(since)}, ${days === 1 ? 'a day' : days < 14 ? `${days} days` : `${Math.round(days / 7)} weeks`}`;
}
