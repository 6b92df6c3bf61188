import type { HistoryPoint } from './queries.ts';

/** One moment the probability moved, as the trend draws it: percentages, and the move from the last. */
export type TrendMoment = {
  time: number;
  at: string;
  probability: number;
  band: [number, number];
  /** points moved since the moment before; null for the first */
  moved: number | null;
  cause: string;
  zones: string[];
};

const pct = (p: number) => Math.round(p * 1000) / 10;

export function trendMoments(points: readonly HistoryPoint[]): TrendMoment[] {
  return points.map((p, i) => {
    const before = points[i - 1];
    return {
      time: Date.parse(p.at),
      at: p.at,
      probability: pct(p.winProbability),
      band: [pct(p.band[0]), pct(p.band[1])],
      moved: before ? pct(p.winProbability) - pct(before.winProbability) : null,
      cause: p.cause?.text ?? 'Not recorded',
      zones: p.dangerZones.map((z) => z.name),
    };
  });
}
