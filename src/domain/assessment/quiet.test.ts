import { describe, expect, it } from 'vitest';
import { longestQuietSpell, quietDaysOfWins } from './quiet.ts';

const at = (day: string) => `${day}T10:00:00.000Z`;

describe('quiet spells', () => {
  it.each([
    ['from creation to close when nothing was recorded', [], [], 61],
    ['the longest gap between records', ['2026-01-10'], ['2026-01-15', '2026-02-20'], 36],
    ['the tail from the last record to the close', ['2026-01-05'], ['2026-01-06'], 56],
    ['ignoring records after the close', ['2026-01-20'], ['2026-05-01'], 42],
  ] as const)('%s', (_label, items, facts, expected) => {
    expect(
      longestQuietSpell(
        items.map((d) => ({ createdAt: at(d) })),
        facts.map((d) => ({ recordedAt: at(d) })),
        '2026-01-01',
        '2026-03-03',
      ),
    ).toBe(expected);
  });

  it.each([
    ['nothing below ten wins', [10, 20, 30], null],
    ['the 75th percentile of ten', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 8],
    ['the 75th percentile whatever the order', [40, 10, 30, 20, 35, 15, 25, 5, 45, 50, 12, 18], 35],
  ] as const)('won deals go without news for: %s', (_label, spells, expected) => {
    expect(quietDaysOfWins(spells)).toBe(expected);
  });
});
