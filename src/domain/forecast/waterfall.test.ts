import { describe, expect, it } from 'vitest';
import {
  buildWaterfall,
  STEP_KIND,
  walkWaterfall,
  WATERFALL_STEPS,
  waterfallMismatches,
  type Tally,
  type WaterfallParts,
  type WaterfallStep,
  type WaterfallStepName,
} from './waterfall.ts';

const t = (deals: number, amountMinor: number): Tally => ({ deals, amountMinor });
const zero = t(0, 0);

const parts = (overrides: Partial<WaterfallParts>): WaterfallParts => ({
  lost: zero,
  slipped: zero,
  removed: zero,
  stillOpen: zero,
  wonFromStartAtStart: zero,
  resizedDeals: 0,
  won: zero,
  created: zero,
  pulledIn: zero,
  ...overrides,
});

const tallies = (steps: readonly WaterfallStep[]) =>
  Object.fromEntries(steps.map((s) => [s.step, t(s.deals, s.amountMinor)])) as Record<WaterfallStepName, Tally>;

describe("a period's waterfall", () => {
  it.each([
    {
      name: 'a quarter where everything started went as sized',
      parts: parts({
        lost: t(2, 300),
        slipped: t(1, 200),
        wonFromStartAtStart: t(3, 500),
        won: t(3, 500),
      }),
      // start, resized, won from the start, won
      expected: { start: t(6, 1000), resized: t(0, 0), wonFromStart: t(3, 500), won: t(3, 500) },
    },
    {
      name: 'won deals grew, and new deals came in',
      parts: parts({
        lost: t(1, 100),
        wonFromStartAtStart: t(2, 400),
        resizedDeals: 1,
        created: t(1, 50),
        pulledIn: t(1, 70),
        won: t(4, 570),
      }),
      expected: { start: t(3, 500), resized: t(1, 50), wonFromStart: t(2, 450), won: t(4, 570) },
    },
    {
      name: 'a won deal shrank (a discount, or a weaker currency)',
      parts: parts({ wonFromStartAtStart: t(1, 1000), resizedDeals: 1, won: t(1, 880) }),
      expected: { start: t(1, 1000), resized: t(1, -120), wonFromStart: t(1, 880), won: t(1, 880) },
    },
    {
      name: 'a running quarter: some still open, one removed',
      parts: parts({
        removed: t(1, 90),
        stillOpen: t(5, 2000),
        wonFromStartAtStart: t(1, 100),
        won: t(1, 100),
      }),
      expected: { start: t(7, 2190), resized: zero, wonFromStart: t(1, 100), won: t(1, 100) },
    },
    {
      name: 'nothing started, everything won was added',
      parts: parts({ created: t(2, 300), won: t(2, 300) }),
      expected: { start: zero, resized: zero, wonFromStart: zero, won: t(2, 300) },
    },
    {
      name: 'an empty period',
      parts: parts({}),
      expected: { start: zero, resized: zero, wonFromStart: zero, won: zero },
    },
  ])('$name: the steps add up', ({ parts: input, expected }) => {
    const steps = buildWaterfall(input);
    expect(steps.map((s) => s.step)).toEqual([...WATERFALL_STEPS]);
    expect(steps.every((s) => s.kind === STEP_KIND[s.step])).toBe(true);
    const got = tallies(steps);
    expect({ start: got.start, resized: got.resized, wonFromStart: got.wonFromStart, won: got.won }).toEqual(expected);
    // start − lost − slipped − removed − still open ± resized = won from the start, + added = won
    const { start, lost, slipped, removed, stillOpen, resized, wonFromStart, created, pulledIn, won } = got;
    expect(
      start.amountMinor -
        lost.amountMinor -
        slipped.amountMinor -
        removed.amountMinor -
        stillOpen.amountMinor +
        resized.amountMinor,
    ).toBe(wonFromStart.amountMinor);
    expect(start.deals - lost.deals - slipped.deals - removed.deals - stillOpen.deals).toBe(wonFromStart.deals);
    expect(wonFromStart.amountMinor + created.amountMinor + pulledIn.amountMinor).toBe(won.amountMinor);
    expect(wonFromStart.deals + created.deals + pulledIn.deals).toBe(won.deals);
    expect(waterfallMismatches(steps)).toEqual([]);
  });

  it.each([
    {
      name: 'a start that its parts do not add up to',
      change: (s: WaterfallStep) => (s.step === 'start' ? { ...s, amountMinor: s.amountMinor + 1 } : s),
      at: 'wonFromStart',
    },
    {
      name: 'a lost deal counted twice',
      change: (s: WaterfallStep) => (s.step === 'lost' ? { ...s, deals: s.deals + 1 } : s),
      at: 'wonFromStart',
    },
    {
      name: 'an added deal left out of the result',
      change: (s: WaterfallStep) =>
        s.step === 'won' ? { ...s, deals: s.deals - 1, amountMinor: s.amountMinor - 50 } : s,
      at: 'won',
    },
    {
      name: 'a negative step down',
      change: (s: WaterfallStep) => (s.step === 'slipped' ? { ...s, deals: -1, amountMinor: -10 } : s),
      at: 'slipped',
    },
  ] as const)('finds $name', ({ change, at }) => {
    const steps = buildWaterfall(
      parts({ lost: t(1, 100), slipped: t(1, 10), wonFromStartAtStart: t(2, 400), created: t(1, 50), won: t(3, 460) }),
    );
    expect(waterfallMismatches(steps)).toEqual([]);
    expect(waterfallMismatches(steps.map(change)).map((m) => m.step)).toContain(at);
  });

  it('walks each bar from where the last one ended, the totals from zero', () => {
    const steps = buildWaterfall(
      parts({ lost: t(1, 100), wonFromStartAtStart: t(2, 400), resizedDeals: 1, created: t(1, 50), won: t(3, 420) }),
    );
    const walk = Object.fromEntries(walkWaterfall(steps).map((w) => [w.step, [w.before, w.after]]));
    expect(walk.start).toEqual([zero, t(3, 500)]);
    expect(walk.lost).toEqual([t(3, 500), t(2, 400)]);
    expect(walk.resized).toEqual([t(2, 400), t(2, 370)]);
    expect(walk.wonFromStart).toEqual([zero, t(2, 370)]);
    expect(walk.created).toEqual([t(2, 370), t(3, 420)]);
    expect(walk.won).toEqual([zero, t(3, 420)]);
  });
});
