import { describe, expect, it } from 'vitest';
import { formatIndicator, isWorse } from './indicator-format.ts';

describe('an indicator as it reads', () => {
  it.each([
    [0.624, 'share', '62 %'],
    [23.7, 'points', '+24 pts'],
    [-8.2, 'points', '−8 pts'],
    [0.2, 'points', '0 pts'],
    [153.6, 'days', '154 days'],
    [10_483_333.3, 'money', '$104,833'],
    [null, 'share', '—'],
  ] as const)('%s as %s reads %s', (value, unit, text) => {
    expect(formatIndicator(value, unit, 'USD')).toBe(text);
  });

  it.each([
    ['higher', 0.4, 0.6, true],
    ['higher', 0.7, 0.6, false],
    ['lower', 150, 120, true],
    ['closer_to_zero', -20, 5, true],
    ['closer_to_zero', 2, -5, false],
    ['higher', null, 0.5, false],
  ] as const)('%s: %s against %s is worse: %s', (better, value, reference, worse) => {
    expect(isWorse(better, value, reference)).toBe(worse);
  });
});
