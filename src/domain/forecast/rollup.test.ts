import { describe, expect, it } from 'vitest';
import { rollUp, type OpenSums } from './rollup.ts';

const open = (
  category: OpenSums['category'],
  amountMinor: number,
  p: number,
  stage: number,
  seller: number | null,
) => ({
  category,
  deals: 1,
  amountMinor,
  knowledgeMinor: amountMinor * p,
  stageMinor: (amountMinor * stage) / 100,
  sellerMinor: (amountMinor * (seller ?? stage)) / 100,
  withSellerFigure: seller === null ? 0 : 1,
});

describe("a period's forecast, every method side by side", () => {
  const rollup = rollUp(
    [
      open('commit', 100_000, 0.8, 80, 90),
      open('best_case', 50_000, 0.4, 60, null),
      open('pipeline', 200_000, 0.1, 20, 50),
      open('omitted', 1_000_000, 0.5, 40, 40),
    ],
    [
      { status: 'won', deals: 2, amountMinor: 70_000 },
      { status: 'lost', deals: 1, amountMinor: 30_000 },
      { status: 'no_decision', deals: 1, amountMinor: 5_000 },
    ],
  );

  it('adds each method’s weighting of the open deals to what is already won, leaving omitted deals out', () => {
    expect(rollup.methods).toEqual({
      knowledge: 70_000 + 80_000 + 20_000 + 20_000,
      stage: 70_000 + 80_000 + 30_000 + 40_000,
      // the seller's own figure, the stage's where the seller gave none
      seller: 70_000 + 90_000 + 30_000 + 100_000,
      commit: 70_000 + 100_000,
      bestCase: 70_000 + 100_000 + 50_000,
    });
  });

  it('keeps what is won, lost and open, by category, with how many deals carry a seller’s figure', () => {
    expect(rollup.won).toEqual({ deals: 2, amountMinor: 70_000 });
    expect(rollup.lost).toEqual({ deals: 2, amountMinor: 35_000 });
    expect(rollup.open).toEqual({ deals: 4, amountMinor: 1_350_000, withSellerFigure: 3 });
    expect(rollup.categories.omitted).toEqual({ deals: 1, amountMinor: 1_000_000 });
  });

  it('is nothing but zeros for a period with no deals', () => {
    const none = rollUp([], []);
    expect(Object.values(none.methods)).toEqual([0, 0, 0, 0, 0]);
    expect(none.open).toEqual({ deals: 0, amountMinor: 0, withSellerFigure: 0 });
  });
});
