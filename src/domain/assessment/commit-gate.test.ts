import { describe, expect, it } from 'vitest';
import { commitBlockers } from './commit-gate.ts';
import type { Severity } from './rules.ts';

describe('what keeps a deal out of commit without an override', () => {
  it.each([
    ['nothing when no zone fires', [], []],
    ['a critical zone', [['DZ-01', 'critical']], ['DZ-01']],
    ['critical information missing for the category, though only high', [['DZ-25', 'high']], ['DZ-25']],
    [
      'not a high or medium zone of another kind',
      [
        ['DZ-06', 'high'],
        ['DZ-22', 'medium'],
      ],
      [],
    ],
    [
      'every blocker of several, in the order given',
      [
        ['DZ-15', 'critical'],
        ['DZ-06', 'high'],
        ['DZ-25', 'high'],
      ],
      ['DZ-15', 'DZ-25'],
    ],
  ] as const)('%s', (_label, zones, blocking) => {
    const given = zones.map(([id, severity]) => ({ id, severity: severity as Severity }));
    expect(commitBlockers(given).map((z) => z.id)).toEqual(blocking);
  });
});
