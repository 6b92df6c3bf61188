import { addDays, daysBetween } from '../dates.ts';
import { INDICATOR_DEFS, median, type IndicatorDef, type IndicatorKey, type OpenFigures } from './indicators.ts';

// The impact of learning (REFERENCE §6.5, Kirkpatrick L4): how far the indicator an assignment
// targets moved for the seller from the day it was assigned to 30, 60 and 90 days on, against how
// far the same indicator moved over the same days for the sellers nobody coached on it (their
// median move). A move is read the indicator's better way, so "improved" always means better.

/** The checkpoints after the assignment, in days. */
export const IMPACT_WINDOWS = [30, 60, 90] as const;
/** Before the first checkpoint a move is noise: the page says it is too early to tell. */
export const TOO_EARLY_DAYS = IMPACT_WINDOWS[0];

/** What an assignment is measured by: an indicator, or the share of open deals a danger zone is on. */
export type Measure = { kind: 'indicator'; key: IndicatorKey } | { kind: 'zone'; zoneId: string };

export type MeasureDef = Pick<IndicatorDef, 'label' | 'unit' | 'better'>;

/** The measure an assignment names: its indicator, else the zone whose recurrence flagged it, else none. */
export function measureOf(a: { indicator: IndicatorKey | null; zoneId: string | null }): Measure | null {
  if (a.indicator) return { kind: 'indicator', key: a.indicator };
  if (a.zoneId) return { kind: 'zone', zoneId: a.zoneId };
  return null;
}

export function measureDef(measure: Measure, zoneName: string): MeasureDef {
  if (measure.kind === 'indicator') {
    const def = INDICATOR_DEFS.get(measure.key)!;
    return { label: def.label, unit: def.unit, better: def.better };
  }
  return { label: `Deals with “${zoneName}”`, unit: 'share', better: 'lower' };
}

export const sameMeasure = (a: Measure, b: Measure): boolean =>
  a.kind === 'indicator' ? b.kind === 'indicator' && a.key === b.key : b.kind === 'zone' && a.zoneId === b.zoneId;

/** The share of a seller's open deals a zone is on (what the recurrence rule reads); null with none open. */
export function zoneShare(open: OpenFigures, zoneId: string): number | null {
  return open.deals === 0 ? null : (open.zoneCounts[zoneId] ?? 0) / open.deals;
}

export type Checkpoint = { day: string; offset: number };

/**
 * The days read: the day of the assignment, then 30, 60 and 90 days on as far as today has come,
 * and today itself when it falls between two (the latest reading there is).
 */
export function impactCheckpoints(assignedDay: string, today: string): Checkpoint[] {
  const elapsed = Math.max(0, daysBetween(assignedDay, today));
  const points: Checkpoint[] = [{ day: assignedDay, offset: 0 }];
  for (const offset of IMPACT_WINDOWS)
    if (offset <= elapsed) points.push({ day: addDays(assignedDay, offset), offset });
  const last = points.at(-1)!;
  if (last.offset < elapsed && last.offset < IMPACT_WINDOWS.at(-1)!) points.push({ day: today, offset: elapsed });
  return points;
}

/** How much better `to` is than `from`, in the measure's own terms (negative: worse). */
export function improvement(better: MeasureDef['better'], from: number | null, to: number | null): number | null {
  if (from === null || to === null) return null;
  switch (better) {
    case 'higher':
      return to - from;
    case 'lower':
      return from - to;
    case 'closer_to_zero':
      return Math.abs(from) - Math.abs(to);
  }
}

export type ImpactPoint = Checkpoint & {
  /** the seller's value that day */
  seller: number | null;
  /** the median value of the sellers not coached on it that day */
  notCoached: number | null;
  /** how much better than on the day of the assignment: the seller's, and the median of the others' */
  sellerImprovement: number | null;
  notCoachedImprovement: number | null;
  /** how many not-coached sellers had a value both days (the median's size) */
  compared: number;
};

/**
 * The seller's readings and each not-coached seller's, one value per checkpoint (the first is the
 * day of the assignment), made into points: the not-coached improvement is the median of each
 * seller's own move, so a seller who had nothing to read either day does not count.
 */
export function impactPoints(
  checkpoints: readonly Checkpoint[],
  better: MeasureDef['better'],
  seller: ReadonlyArray<number | null>,
  others: ReadonlyArray<ReadonlyArray<number | null>>,
): ImpactPoint[] {
  return checkpoints.map((c, k) => {
    const moves = others
      .map((values) => improvement(better, values[0] ?? null, values[k] ?? null))
      .filter((m): m is number => m !== null);
    return {
      ...c,
      seller: seller[k] ?? null,
      notCoached: median(others.map((values) => values[k] ?? null)),
      sellerImprovement: improvement(better, seller[0] ?? null, seller[k] ?? null),
      notCoachedImprovement: median(moves),
      compared: moves.length,
    };
  });
}

/** A move as it reads: "12 points" for a share or a bias, "9 days", "4,200 EUR" (minor units in). */
export function formatMove(unit: MeasureDef['unit'], value: number, currency: string): string {
  const size = Math.abs(value);
  switch (unit) {
    case 'share':
      return plural(Math.round(size * 100), 'point');
    case 'points':
      return plural(Math.round(size), 'point');
    case 'days':
      return plural(Math.round(size), 'day');
    case 'money':
      return `${Math.round(size / 100).toLocaleString('en-US')} ${currency}`;
  }
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Whether a move rounds to nothing in the unit it is shown in. */
function roundsToZero(unit: MeasureDef['unit'], value: number): boolean {
  const shown = unit === 'share' ? value * 100 : unit === 'money' ? value / 100 : value;
  return Math.round(Math.abs(shown)) === 0;
}

export type ImpactVerdict = {
  kind: 'too_early' | 'nothing_to_read' | 'no_comparison' | 'more' | 'less' | 'same';
  /** the seller's improvement beyond the not-coached median's, at the latest checkpoint read */
  difference: number | null;
  /** the checkpoint the verdict reads */
  offset: number | null;
  sentence: string;
};

/** What the chart says, honestly: too early, nothing to read, or how the move compares. */
export function impactVerdict(
  points: readonly ImpactPoint[],
  def: MeasureDef,
  elapsedDays: number,
  currency: string,
): ImpactVerdict {
  if (elapsedDays < TOO_EARLY_DAYS)
    return {
      kind: 'too_early',
      difference: null,
      offset: null,
      sentence: `Too early to tell: ${plural(Math.max(0, elapsedDays), 'day')} since assignment; the first reading is at ${TOO_EARLY_DAYS} days.`,
    };
  const read = [...points].reverse().find((p) => p.offset > 0 && p.sellerImprovement !== null);
  if (!read)
    return {
      kind: 'nothing_to_read',
      difference: null,
      offset: null,
      sentence: `Nothing to read: ${def.label.toLowerCase()} had no value for the seller on the day of the assignment or since.`,
    };
  const seller = read.sellerImprovement!;
  const after = `After ${plural(read.offset, 'day')}`;
  const own = `${seller >= 0 || roundsToZero(def.unit, seller) ? 'improved' : 'worsened'} by ${formatMove(def.unit, seller, currency)}`;
  if (read.notCoachedImprovement === null)
    return {
      kind: 'no_comparison',
      difference: null,
      offset: read.offset,
      sentence: `${after}, ${def.label.toLowerCase()} ${roundsToZero(def.unit, seller) ? 'has not moved' : own}; no seller outside this coaching had a value to compare with.`,
    };
  const difference = seller - read.notCoachedImprovement;
  const others = `${read.notCoachedImprovement >= 0 || roundsToZero(def.unit, read.notCoachedImprovement) ? '' : '−'}${formatMove(def.unit, read.notCoachedImprovement, currency)}`;
  const detail = `(${roundsToZero(def.unit, seller) ? 'no change' : own} against ${others} for the median of ${plural(read.compared, 'seller')} not coached on it)`;
  if (roundsToZero(def.unit, difference))
    return {
      kind: 'same',
      difference,
      offset: read.offset,
      sentence: `${after}, ${def.label.toLowerCase()} moved about as much as for sellers not coached on it ${detail}.`,
    };
  const kind = difference > 0 ? 'more' : 'less';
  return {
    kind,
    difference,
    offset: read.offset,
    sentence: `${after}, ${def.label.toLowerCase()} improved ${formatMove(def.unit, difference, currency)} ${kind === 'more' ? 'more' : 'less'} than for sellers not coached on it ${detail}.`,
  };
}
