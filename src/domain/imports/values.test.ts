import { describe, expect, it } from 'vitest';
import { readAmount, readDate, readFlag, readPercentage } from './values.ts';
import { mappingProblems, mappingSchema } from './mapping.ts';
import { BUILTIN_MAPPINGS } from './builtin.ts';

describe('reading cells of another CRM', () => {
  it.each([
    ['2025-03-04', 'mdy', '2025-03-04'],
    ['2025-03-04T10:20:00Z', 'dmy', '2025-03-04'],
    ['2025-03-04 10:20', 'mdy', '2025-03-04'],
    ['3/4/2025', 'mdy', '2025-03-04'],
    ['3/4/2025', 'dmy', '2025-04-03'],
    ['03.04.2025', 'dmy', '2025-04-03'],
    ['3/4/25', 'mdy', '2025-03-04'],
    ['3/4/2025 4:05 PM', 'mdy', '2025-03-04'],
    ['27-Mar-12', 'dmy', '2012-03-27'],
    ['1 August 2019', 'dmy', '2019-08-01'],
  ] as const)('date %s read %s is %s', (cell, order, expected) => {
    expect(readDate(cell, order)).toEqual({ ok: true, value: expected });
  });

  it.each(['2025-02-30', '13/13/2025', 'next Tuesday', '3/4', '31-Foo-12'])(
    '%s is not a date, and says what is',
    (cell) => {
      const read = readDate(cell, 'mdy');
      expect(read.ok).toBe(false);
      expect(!read.ok && read.message).toContain('accepted: YYYY-MM-DD');
    },
  );

  it.each([
    ['1234.56', '.', 1234.56],
    ['1,234.56', '.', 1234.56],
    ['$1,234,567', '.', 1234567],
    ['USD 99.5', '.', 99.5],
    ['1.234,56', ',', 1234.56],
    ['1 234,56 €', ',', 1234.56],
    ['0', '.', 0],
  ] as const)('amount %s (decimal %s) is %d', (cell, decimal, expected) => {
    expect(readAmount(cell, decimal)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['-5', 'is negative'],
    ['(5.00)', 'is negative'],
    ['12 dollars', 'is not an amount'],
    ['1,23,4.5', 'is not an amount'],
  ])('amount %s %s', (cell, why) => {
    const read = readAmount(cell, '.');
    expect(!read.ok && read.message).toContain(why);
  });

  it('flags and percentages', () => {
    expect([readFlag('TRUE'), readFlag('0'), readFlag('maybe').ok]).toEqual([
      { ok: true, value: true },
      { ok: true, value: false },
      false,
    ]);
    expect([readPercentage('75'), readPercentage('10%'), readPercentage('120').ok]).toEqual([
      { ok: true, value: 75 },
      { ok: true, value: 10 },
      false,
    ]);
  });
});

describe('mappings', () => {
  it.each(Object.keys(BUILTIN_MAPPINGS))('the built-in %s mapping is valid', (name) => {
    expect(mappingSchema.safeParse(BUILTIN_MAPPINGS[name as keyof typeof BUILTIN_MAPPINGS]).success).toBe(true);
  });

  it('a wrong mapping names each field at fault', () => {
    const parsed = mappingSchema.safeParse({
      fields: {
        'opportunity.name': 'Name',
        'account.name': 'Account',
        'opportunity.closeDate': 'Close',
        'deal.size': 'x',
      },
      values: { 'opportunity.type': { Big: 'enormous' } },
      knowledge: [{ column: 'EB', fact: 'power_access.nope' }],
    });
    expect(parsed.success).toBe(false);
    const problems = mappingProblems(parsed.error!);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^fields: Unrecognized key: "deal.size"/),
        expect.stringMatching(/^knowledge\.0\.fact: Choose one of: .*power_access\.economicBuyer/),
      ]),
    );
  });

  it('value tables are checked against what Winsight knows', () => {
    const parsed = mappingSchema.safeParse({
      fields: { 'opportunity.name': 'Name', 'account.name': 'Account', 'opportunity.closeDate': 'Close' },
      values: { 'opportunity.type': { Big: 'enormous' } },
    });
    expect(mappingProblems(parsed.error!)).toEqual([
      'values.opportunity.type.Big: "enormous" is not one of new_logo, upsell, cross_sell, renewal',
    ]);
  });
});
