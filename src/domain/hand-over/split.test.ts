import { describe, expect, it } from 'vitest';
import { assignAccounts, checkChosenSplit, proposeBalancedSplit, type SplitDeal } from './split.ts';

const deal = (id: string, value: number | null, accountId = 'acc'): SplitDeal => ({ id, value, accountId });

function loads(split: Map<string, string>, deals: SplitDeal[]) {
  const out = new Map<string, { count: number; value: number }>();
  for (const d of deals) {
    const to = split.get(d.id)!;
    const l = out.get(to) ?? { count: 0, value: 0 };
    l.count += 1;
    l.value += d.value ?? 0;
    out.set(to, l);
  }
  return out;
}

describe('a balanced split', () => {
  it('gives every deal to someone, and to one person when there is one', () => {
    const deals = [deal('a', 100), deal('b', null), deal('c', 5)];
    const split = proposeBalancedSplit(deals, ['u1']);
    expect([...split.values()]).toEqual(['u1', 'u1', 'u1']);
  });

  it('spreads equal deals evenly by count', () => {
    const deals = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => deal(id, 10));
    const l = loads(proposeBalancedSplit(deals, ['u1', 'u2', 'u3']), deals);
    expect([...l.values()].map((x) => x.count)).toEqual([2, 2, 2]);
  });

  it.each([
    [[900, 200, 200, 200, 200], 2],
    [[500, 400, 300, 200, 100, 50, 50], 3],
  ])('keeps both count and amount close for %j over %i people', (values, people) => {
    const deals = values.map((v, k) => deal(`d${k}`, v));
    const recipients = Array.from({ length: people }, (_, k) => `u${k}`);
    const l = [...loads(proposeBalancedSplit(deals, recipients), deals).values()];
    const counts = l.map((x) => x.count);
    const amounts = l.map((x) => x.value);
    // nobody is left out, no one holds more than the largest deal beyond another, counts stay near
    expect(l).toHaveLength(people);
    expect(Math.max(...amounts) - Math.min(...amounts)).toBeLessThanOrEqual(Math.max(...values));
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(Math.ceil(values.length / people));
  });

  it('is the same for the same input, whatever the order the deals come in', () => {
    const deals = [deal('a', 30), deal('b', 20), deal('c', 20), deal('d', 10)];
    const once = proposeBalancedSplit(deals, ['u1', 'u2']);
    const again = proposeBalancedSplit([...deals].reverse(), ['u1', 'u2']);
    expect([...again].sort()).toEqual([...once].sort());
  });

  it('proposes nothing without recipients', () => {
    expect(proposeBalancedSplit([deal('a', 1)], []).size).toBe(0);
  });
});

describe("the leaver's accounts", () => {
  it('go to whoever takes most of their deals, or in turn when none moved', () => {
    const deals = [deal('a', 10, 'x'), deal('b', 10, 'x'), deal('c', 50, 'x'), deal('d', 10, 'y')];
    const split = new Map([
      ['a', 'u1'],
      ['b', 'u1'],
      ['c', 'u2'],
      ['d', 'u2'],
    ]);
    const owners = assignAccounts([{ id: 'x' }, { id: 'y' }, { id: 'z1' }, { id: 'z2' }], deals, split, ['u1', 'u2']);
    expect(Object.fromEntries(owners)).toEqual({ x: 'u1', y: 'u2', z1: 'u1', z2: 'u2' });
  });
});

describe("the admin's own split", () => {
  it.each([
    [[{ userId: 'u1', opportunityIds: ['a', 'b'] }], { problem: { kind: 'unassigned', dealIds: ['c'] } }],
    [
      [
        { userId: 'u1', opportunityIds: ['a', 'b'] },
        { userId: 'u2', opportunityIds: ['b', 'c'] },
      ],
      { problem: { kind: 'twice', dealIds: ['b'] } },
    ],
    [[{ userId: 'u1', opportunityIds: ['a', 'b', 'c', 'zz'] }], { problem: { kind: 'not-theirs', dealIds: ['zz'] } }],
  ])('%j is refused: %j', (chosen, expected) => {
    expect(checkChosenSplit(['a', 'b', 'c'], chosen)).toEqual(expected);
  });

  it('is taken as given when every deal appears once', () => {
    const result = checkChosenSplit(
      ['a', 'b'],
      [
        { userId: 'u1', opportunityIds: ['b'] },
        { userId: 'u2', opportunityIds: ['a'] },
      ],
    );
    expect(result).toEqual({
      split: new Map([
        ['b', 'u1'],
        ['a', 'u2'],
      ]),
    });
  });
});
