import { describe, expect, it } from 'vitest';
import { addDays } from '../dates.ts';
import { createRandom } from '../random.ts';
import { checkStage, runBacktest, type BacktestOptions, type BacktestRow } from './backtest.ts';

const deal = (overrides: Partial<BacktestRow> & Pick<BacktestRow, 'createdOn' | 'closedOn'>): BacktestRow => ({
  won: overrides.closedOn === null ? null : false,
  amountMinor: 100_00,
  owner: 'A',
  ...overrides,
});

const monthly = (columns: Partial<BacktestOptions['columns']> = {}, more: Partial<BacktestOptions> = {}) => ({
  period: 'month' as const,
  columns: { owner: true, stage: false, seller: false, expectedClose: false, ...columns },
  minHistory: 4,
  minEachOutcome: 1,
  shrinkage: 2,
  ...more,
});

// January's four closed deals are the history (A won both of hers, B lost both of his); February's
// forecast is made on February 1st.
const january: BacktestRow[] = [
  deal({ createdOn: '2024-01-02', closedOn: '2024-01-10', won: true, owner: 'A' }),
  deal({ createdOn: '2024-01-02', closedOn: '2024-01-11', won: true, owner: 'A' }),
  deal({ createdOn: '2024-01-03', closedOn: '2024-01-12', won: false, owner: 'B' }),
  deal({ createdOn: '2024-01-03', closedOn: '2024-01-31', won: false, owner: 'B' }),
];

describe('the forecast back-test', () => {
  it('forecasts a period from its starting pipeline and what closed before it', () => {
    const rows = [
      ...january,
      deal({ createdOn: '2024-01-10', closedOn: '2024-02-15', won: true, amountMinor: 1000_00, owner: 'A' }),
      deal({ createdOn: '2024-01-20', closedOn: '2024-02-20', won: false, amountMinor: 500_00, owner: 'B' }),
      // created inside February: no forecast made on the 1st knows it, but it counts in "all won"
      deal({ createdOn: '2024-02-05', closedOn: '2024-02-25', won: true, amountMinor: 300_00, owner: 'A' }),
      // still open at the data's end: never in a pipeline without an expected close date
      deal({ createdOn: '2024-01-15', closedOn: null }),
    ];
    const result = runBacktest(rows, monthly());
    expect(result.skipped.map((s) => s.key)).toEqual(['2024-01']);
    expect(result.methods).toEqual(['winRate', 'byOwner']);
    const [february] = result.periods;
    expect(february).toMatchObject({
      key: '2024-02',
      asOf: '2024-02-01',
      closedBefore: 4,
      winRateBefore: 0.5,
      pipelineDeals: 2,
      pipelineMinor: 1500_00,
      actualMinor: 1000_00,
      wonInPeriodMinor: 1300_00,
    });
    // the win rate: 1,500 × 0.5; by owner, shrunk by 2 deals at 0.5: A (2 + 1) / 4, B (0 + 1) / 4
    expect(february!.forecasts.winRate).toEqual({
      forecastMinor: 750_00,
      error: -250_00,
      absoluteError: 250_00,
      accuracy: 0.75,
    });
    expect(february!.forecasts.byOwner).toEqual({
      forecastMinor: 875_00,
      error: -125_00,
      absoluteError: 125_00,
      accuracy: 0.875,
    });
    expect(result.summary.winRate).toMatchObject({ periods: 1, meanAccuracy: 0.75, bias: -250_00 });
    expect(result.expectedClose).toBe('actual-close-date');
    expect(result.dataEnds).toBe('2024-02-25');
  });

  it.each([
    ['created and open before, closing in the period', { createdOn: '2024-01-20', closedOn: '2024-02-10' }, true],
    ['created on the as-of day', { createdOn: '2024-02-01', closedOn: '2024-02-10' }, false],
    ['closed the day before', { createdOn: '2024-01-20', closedOn: '2024-01-31' }, false],
    ['closing on the as-of day', { createdOn: '2024-01-20', closedOn: '2024-02-01' }, true],
    ['closing on the last day', { createdOn: '2024-01-20', closedOn: '2024-02-29' }, true],
    ['closing after the period', { createdOn: '2024-01-20', closedOn: '2024-03-01' }, false],
    ['still open', { createdOn: '2024-01-20', closedOn: null }, false],
    ['of unknown creation, closing in the period', { createdOn: null, closedOn: '2024-02-10' }, true],
  ])('a deal %s: in the pipeline %j', (_, dates, inPipeline) => {
    // a later deal keeps February in the data's range whatever the deal under test does
    const later = deal({ createdOn: '2024-02-20', closedOn: '2024-03-15' });
    const result = runBacktest([...january, deal({ ...dates, won: true }), later], monthly());
    const february = result.periods.find((p) => p.key === '2024-02');
    expect(february?.pipelineDeals ?? 0).toBe(inPipeline ? 1 : 0);
  });

  it('takes the expected close date for the pipeline when the file has one, and the actual only from it', () => {
    const rows = [
      ...january,
      // expected in February, slipped to March and won there: in February's pipeline, not in its actual
      deal({ createdOn: '2024-01-20', closedOn: '2024-03-05', expectedCloseOn: '2024-02-20', won: true }),
      // expected in March, won early in February: not in February's pipeline
      deal({ createdOn: '2024-01-20', closedOn: '2024-02-05', expectedCloseOn: '2024-03-20', won: true }),
      // open, expected in February
      deal({ createdOn: '2024-01-20', closedOn: null, expectedCloseOn: '2024-02-10' }),
    ];
    const result = runBacktest(rows, monthly({ expectedClose: true }));
    const february = result.periods.find((p) => p.key === '2024-02')!;
    expect(result.expectedClose).toBe('column');
    expect(february).toMatchObject({ pipelineDeals: 2, actualMinor: 0, wonInPeriodMinor: 100_00 });
  });

  it.each([
    [
      'a final stage (Won / Lost) settles the outcome: refused',
      ['Won', 'Won', 'Lost', 'Lost'],
      false,
      ['winRate', 'byOwner'],
    ],
    [
      'a stage that only shifts the odds: used',
      ['Propose', 'Qualify', 'Propose', 'Qualify'],
      true,
      ['winRate', 'byOwner', 'stage'],
    ],
  ])('%s', (_, stages, usable, methods) => {
    const history = january.map((r, i) => ({ ...r, stage: stages[i]! }));
    expect(checkStage(history).usable).toBe(usable);
    const rows = [...history, deal({ createdOn: '2024-01-20', closedOn: '2024-02-10', stage: 'Propose', won: true })];
    const result = runBacktest(rows, monthly({ stage: true }));
    expect(result.methods).toEqual(methods);
    expect(result.stage?.usable).toBe(usable);
  });

  it('multiplies by the seller figure, and by the past win rate where the seller gave none', () => {
    const rows = [
      ...january,
      deal({
        createdOn: '2024-01-20',
        closedOn: '2024-02-10',
        won: true,
        amountMinor: 1000_00,
        sellerProbability: 0.9,
      }),
      deal({
        createdOn: '2024-01-20',
        closedOn: '2024-02-11',
        won: false,
        amountMinor: 1000_00,
        sellerProbability: null,
      }),
    ];
    const february = runBacktest(rows, monthly({ seller: true })).periods[0]!;
    expect(february.forecasts.seller?.forecastMinor).toBe(1400_00);
    expect(february.sellerMissing).toBe(1);
  });

  it('refuses data with too little history to forecast any period', () => {
    expect(() => runBacktest(january, monthly({}, { minHistory: 100 }))).toThrow(
      /too few rows to back-test: 4 closed deals \(2 won\); a period is forecast once 100 deals closed before it/,
    );
    expect(() => runBacktest([deal({ createdOn: '2024-01-01', closedOn: null })], monthly())).toThrow(/0 closed deals/);
  });
});

/**
 * Deals over two years: a segment ("big" wins 3 in 4, "small" 1 in 5) whose mix in the pipeline moves
 * from month to month, an owner, a stage that shifts the odds and a seller's figure.
 */
function simulated(seed: number, count = 1400): BacktestRow[] {
  const random = createRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const createdOn = addDays('2022-01-01', Math.floor((i / count) * 690));
    const month = Number(createdOn.slice(5, 7));
    const segment = random.chance(month % 3 === 0 ? 0.7 : 0.25) ? 'big' : 'small';
    const owner = random.pick(['Ada', 'Bo', 'Cy']);
    const won = random.chance((segment === 'big' ? 0.75 : 0.2) + (owner === 'Ada' ? 0.05 : 0));
    const closedOn = i > count - 30 ? null : addDays(createdOn, random.int(5, 80));
    return {
      createdOn,
      closedOn,
      won: closedOn === null ? null : won,
      amountMinor: random.int(10, 90) * 100_00,
      owner,
      stage: random.pick(['Qualify', 'Propose']),
      sellerProbability: random.chance(0.9) ? random.int(1, 9) / 10 : null,
      features: [segment, owner, random.pick(['north', 'south'])],
    };
  });
}

const everything: BacktestOptions = {
  period: 'month',
  columns: { owner: true, stage: true, seller: true, expectedClose: false },
  featureColumns: ['segment', 'owner', 'region'],
  minHistory: 100,
};

describe('never peeking at the future', { timeout: 60_000 }, () => {
  const rows = simulated(7);
  const before = runBacktest(rows, everything);

  it('runs every method, the learned one trained on the deals closed before each period only', () => {
    expect(before.methods).toEqual(['winRate', 'byOwner', 'stage', 'seller', 'learned']);
    for (const p of before.periods) {
      expect(p.learnedTrainedOn).toBe(p.closedBefore);
      expect(Object.keys(p.forecasts)).toEqual(before.methods);
    }
    // the segment drives the outcome and its mix moves: the learner sees it, a single rate cannot
    expect(before.summary.learned!.meanAbsoluteError).toBeLessThan(before.summary.winRate!.meanAbsoluteError);
  });

  it('changes no forecast made on or before a day when outcomes and amounts after it change', () => {
    const asOf = before.periods[4]!.asOf;
    const changed = rows.map((r) => ({
      ...r,
      // every outcome decided on or after the day turned around
      won: r.closedOn !== null && r.closedOn >= asOf ? !r.won : r.won,
      // and every deal created on or after it worth something else, told apart by other features
      ...(r.createdOn !== null && r.createdOn >= asOf
        ? { amountMinor: r.amountMinor * 3 + 7, features: ['big', 'Cy', 'east'], sellerProbability: 0.01 }
        : {}),
    }));
    const after = runBacktest(changed, everything);
    // the forecasts themselves: their errors are measured against actuals, which do change
    const upTo = (result: typeof before) =>
      result.periods
        .filter((p) => p.asOf <= asOf)
        .map((p) => Object.fromEntries(Object.entries(p.forecasts).map(([m, f]) => [m, f.forecastMinor])));
    expect(upTo(after)).toEqual(upTo(before));
    expect(upTo(before)).toHaveLength(5);
    expect(Object.keys(upTo(before)[4]!)).toEqual(before.methods);
    // the change is real: the actuals from that day move, and so do the later forecasts
    expect(after.periods[4]!.actualMinor).not.toBe(before.periods[4]!.actualMinor);
    expect(after.periods[5]!.forecasts).not.toEqual(before.periods[5]!.forecasts);
  });

  it('does change the forecast when an outcome known before the day changes', () => {
    const asOf = before.periods[4]!.asOf;
    const changed = rows.map((r) => (r.closedOn !== null && r.closedOn < asOf ? { ...r, won: !r.won } : r));
    const after = runBacktest(changed, everything);
    for (const method of before.methods)
      expect(after.periods[4]!.forecasts[method]).not.toEqual(before.periods[4]!.forecasts[method]);
  });
});

describe('the learned method', { timeout: 60_000 }, () => {
  it("keeps the level of all its training deals, not the latest closes' (a quarter-end rush)", () => {
    // deals closing in a quarter's last month win 85 %, the others 35 %; the features say nothing
    const random = createRandom(5);
    const rows: BacktestRow[] = Array.from({ length: 1500 }, (_, i) => {
      const createdOn = addDays('2022-01-01', Math.floor(i / 2));
      const closedOn = addDays(createdOn, random.int(5, 60));
      const rush = Number(closedOn.slice(5, 7)) % 3 === 0;
      return {
        createdOn,
        closedOn,
        won: random.chance(rush ? 0.85 : 0.35),
        amountMinor: 1000_00,
        features: [random.pick(['north', 'south', 'east']), random.pick(['a', 'b'])],
      };
    });
    const result = runBacktest(rows, {
      period: 'quarter',
      columns: { owner: false, stage: false, seller: false, expectedClose: false },
      featureColumns: ['region', 'kind'],
    });
    expect(result.periods.length).toBeGreaterThanOrEqual(5);
    for (const p of result.periods) {
      const { winRate, learned } = p.forecasts;
      expect(Math.abs(learned!.forecastMinor - winRate!.forecastMinor) / winRate!.forecastMinor).toBeLessThan(0.05);
    }
  });
});
