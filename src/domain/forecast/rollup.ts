import type { ForecastCategory } from '../enums.ts';

// The forecast of a period from its deals, every method side by side: what is already won, plus
// what is open and expected to close in the period weighted by the evidence-based win probability,
// by the stage's probability or by the sellers' own figures; and the categories sellers put their
// deals in (commit, best case). All amounts in the reporting currency's minor units.

/** Open deals expected to close in the period, summed for one category (their amounts and weighted amounts). */
export type OpenSums = {
  category: ForecastCategory;
  deals: number;
  amountMinor: number;
  /** Σ amount × evidence-based win probability (deals never assessed count 0) */
  knowledgeMinor: number;
  /** Σ amount × the stage's probability */
  stageMinor: number;
  /** Σ amount × the seller's own figure, the stage's where the seller gave none */
  sellerMinor: number;
  /** how many of them carry a seller's figure */
  withSellerFigure: number;
};

/** Deals closed in the period, summed by outcome. */
export type ClosedSums = { status: 'won' | 'lost' | 'no_decision'; deals: number; amountMinor: number };

export const FORECAST_METHODS = ['knowledge', 'stage', 'seller', 'commit', 'bestCase'] as const;
export type ForecastMethod = (typeof FORECAST_METHODS)[number];

export type Rollup = {
  won: { deals: number; amountMinor: number };
  lost: { deals: number; amountMinor: number };
  open: { deals: number; amountMinor: number; withSellerFigure: number };
  /** the open amount in each category */
  categories: Record<ForecastCategory, { deals: number; amountMinor: number }>;
  /** each method's call for the period: won to date plus its share of what is open */
  methods: Record<ForecastMethod, number>;
};

const empty = { deals: 0, amountMinor: 0 };

export function rollUp(open: readonly OpenSums[], closed: readonly ClosedSums[]): Rollup {
  const sum = (rows: readonly OpenSums[], key: keyof Omit<OpenSums, 'category'>) =>
    rows.reduce((total, r) => total + r[key], 0);
  const ofCategory = (category: ForecastCategory) => open.filter((r) => r.category === category);
  const closedOf = (status: ClosedSums['status']) =>
    closed
      .filter((c) => c.status === status)
      .reduce((t, c) => ({ deals: t.deals + c.deals, amountMinor: t.amountMinor + c.amountMinor }), empty);
  const won = closedOf('won');
  const lost = closedOf('lost');
  const noDecision = closedOf('no_decision');
  // an omitted deal is out of every call: the seller says it will not close in the period
  const counted = open.filter((r) => r.category !== 'omitted');
  const category = (c: ForecastCategory) => ({
    deals: sum(ofCategory(c), 'deals'),
    amountMinor: sum(ofCategory(c), 'amountMinor'),
  });
  const categories = {
    commit: category('commit'),
    best_case: category('best_case'),
    pipeline: category('pipeline'),
    omitted: category('omitted'),
  };
  const round = Math.round;
  return {
    won,
    lost: { deals: lost.deals + noDecision.deals, amountMinor: lost.amountMinor + noDecision.amountMinor },
    open: {
      deals: sum(open, 'deals'),
      amountMinor: sum(open, 'amountMinor'),
      withSellerFigure: sum(open, 'withSellerFigure'),
    },
    categories,
    methods: {
      knowledge: won.amountMinor + round(sum(counted, 'knowledgeMinor')),
      stage: won.amountMinor + round(sum(counted, 'stageMinor')),
      seller: won.amountMinor + round(sum(counted, 'sellerMinor')),
      commit: won.amountMinor + categories.commit.amountMinor,
      bestCase: won.amountMinor + categories.commit.amountMinor + categories.best_case.amountMinor,
    },
  };
}
