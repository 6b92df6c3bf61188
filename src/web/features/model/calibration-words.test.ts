import { describe, expect, it } from 'vitest';
import { calibrationInWords } from './calibration-words.ts';

const bin = (from: number, count: number, meanPredicted: number, observedRate: number) => ({
  from,
  to: from + 0.1,
  count,
  meanPredicted,
  observedRate,
});

describe('calibration in words', () => {
  it.each([
    [
      0.02,
      [bin(0.1, 40, 0.15, 0.15), bin(0.8, 40, 0.85, 0.85)],
      [/2 points from what happened.*well calibrated/, /leans neither way/],
    ],
    [
      0.086,
      [bin(0.1, 40, 0.15, 0.1), bin(0.7, 22, 0.75, 0.55), bin(0.9, 3, 0.95, 0.33)],
      [
        /9 points .*fairly calibrated/,
        /leans optimistic: .* 13 points more/,
        /largest miss: the 22 deals it put at 70–80 % \(75 % on average\) were won 55 %/,
      ],
    ],
    [
      0.14,
      [bin(0.2, 30, 0.25, 0.45)],
      [/poorly calibrated.*ranking/, /leans cautious: .* 20 points less/, /the 30 deals it put at 20–30 %/],
    ],
    [0.03, [], [/well calibrated/]],
  ])('calibration error %s reads as it should', (ece, bins, expected) => {
    const lines = calibrationInWords(ece, bins);
    expect(lines).toHaveLength(expected.length);
    expected.forEach((pattern, i) => expect(lines[i]).toMatch(pattern));
  });

  it('names no miss on a band too small to tell', () => {
    const lines = calibrationInWords(0.08, [bin(0.9, 3, 0.95, 0), bin(0.5, 50, 0.55, 0.55)]);
    expect(lines.join(' ')).not.toMatch(/largest miss/);
  });
});
