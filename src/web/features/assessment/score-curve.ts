import { probabilityAtPoints } from '../../../domain/assessment/assess.ts';

/**
 * Points along the curve from scorecard points to probability, wide enough to show the deal's
 * total with room either side, on whole steps of half a doubling.
 */
export function curvePoints(
  baseRate: number,
  totalPoints: number,
  pointsPerDoubling: number,
): Array<{ points: number; probability: number }> {
  const step = pointsPerDoubling / 2;
  const reach = Math.max(4 * pointsPerDoubling, Math.ceil((Math.abs(totalPoints) + pointsPerDoubling) / step) * step);
  const points: Array<{ points: number; probability: number }> = [];
  for (let x = -reach; x <= reach; x += step)
    points.push({ points: x, probability: probabilityAtPoints(baseRate, x) * 100 });
  return points;
}
