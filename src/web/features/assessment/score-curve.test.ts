import { describe, expect, it } from 'vitest';
import { curvePoints } from './score-curve.ts';

describe('the curve from points to probability', () => {
  it.each([
    // base rate, total points: the curve passes the base rate at 0 and reaches past the total
    [0.34, 0, -40, 40],
    [0.34, 23.4, -40, 40],
    [0.5, -61, -75, 75],
    [0.2, 90, -100, 100],
  ])('from %s with %s points spans %s to %s', (base, total, from, to) => {
    const curve = curvePoints(base, total, 10);
    expect(curve[0]!.points).toBe(from);
    expect(curve.at(-1)!.points).toBe(to);
    expect(curve.find((p) => p.points === 0)!.probability).toBeCloseTo(base * 100, 9);
    // ten points double the odds
    const odds = (p: number) => p / (100 - p);
    const at = (x: number) => curve.find((p) => p.points === x)!.probability;
    expect(odds(at(10)) / odds(at(0))).toBeCloseTo(2, 9);
    for (let i = 1; i < curve.length; i++) expect(curve[i]!.probability).toBeGreaterThan(curve[i - 1]!.probability);
  });
});
