import { TableError } from '../learning/table.ts';
import { nextPeriod, periodOf } from '../periods.ts';
import { periodAccuracy, summarizeAccuracy, type AccuracySummary, type PeriodAccuracy } from './accuracy.ts';
import { learnedProbabilities } from './learned.ts';

// The forecast's back-test: dated deals replayed in time order. Each period (a month or a quarter)
// is forecast standing on its first day, the as-of date, from what was known then:
// - the pipeline: every deal created before the as-of date, not closed before it, expected to close
//   in the period. Without an expected close date the actual close date stands in for it, the one
//   look at the future such data forces (the forecast knows which deals will close in the period,
//   not how). A deal whose creation date is unknown counts as known from the start of that period.
// - the methods: each deal's amount × a win probability learned only from deals closed before the
//   as-of date (their outcomes, owners, stages, features), never from a later close.
// The actual is the amount the pipeline won in the period. Deals created inside the period and won
// in it are beyond any forecast made at its start: they are shown apart (`wonInPeriodMinor` counts
// every deal won in the period), never held against a method.
// Amounts, owners, stages, seller figures and features are one value per deal (the file has no
// history of them): each is taken as known from the deal's creation. The amount is: a stage or seller
// figure in an export is the latest one, another look at the future the report names.

export type BacktestRow = {
  /** YYYY-MM-DD, or null when unknown: then known from the start of the period it is expected to close in */
  createdOn: string | null;
  /** YYYY-MM-DD, null while open */
  closedOn: string | null;
  /** null while open */
  won: boolean | null;
  amountMinor: number;
  owner?: string;
  stage?: string;
  /** the seller's own figure, 0 to 1; null when they gave none */
  sellerProbability?: number | null;
  /** YYYY-MM-DD, when the file has an expected close date */
  expectedCloseOn?: string | null;
  /** the cells of BacktestOptions.featureColumns: what was known of the deal at its creation */
  features?: readonly string[];
};

export const METHODS = ['winRate', 'byOwner', 'stage', 'seller', 'learned'] as const;
export type MethodName = (typeof METHODS)[number];

export type BacktestOptions = {
  period: 'month' | 'quarter';
  /** which of the optional columns the rows carry */
  columns: { owner: boolean; stage: boolean; seller: boolean; expectedClose: boolean };
  /** the names of the cells in each row's `features`; none: no learned method */
  featureColumns?: readonly string[];
  /** a period is forecast once this many deals closed before it ... */
  minHistory?: number;
  /** ... this many of them won and this many lost */
  minEachOutcome?: number;
  /** the closed deals at the overall rate an owner's or a stage's rate is shrunk toward it with */
  shrinkage?: number;
  /** the learned method trains on at most this many of the latest closed deals */
  maxTrainingRows?: number;
};

export const BACKTEST_DEFAULTS = { minHistory: 100, minEachOutcome: 10, shrinkage: 10, maxTrainingRows: 4000 };

export type MethodForecast = { forecastMinor: number } & PeriodAccuracy;

export type PeriodResult = {
  key: string;
  label: string;
  asOf: string;
  to: string;
  /** the deals closed before the as-of date: all any method learned from */
  closedBefore: number;
  winRateBefore: number;
  pipelineDeals: number;
  pipelineMinor: number;
  /** the amount the pipeline won in the period: what the forecasts are measured against */
  actualMinor: number;
  /** every deal won in the period, those created inside it included */
  wonInPeriodMinor: number;
  forecasts: Partial<Record<MethodName, MethodForecast>>;
  /** the closed deals the learned method trained on */
  learnedTrainedOn: number | null;
  /** pipeline deals without the seller's figure (counted at the past win rate) */
  sellerMissing: number | null;
};

/** Whether the stage column can forecast: not when its values settle the outcome (a final stage). */
export type StageCheck = {
  usable: boolean;
  /** the share of the closed deals whose stage was won, or lost, at least 97 % of the time */
  settledShare: number;
  /** the stages that settle it, with their closed deals and win share */
  settling: Array<{ stage: string; closed: number; wonShare: number }>;
  /** the closed deals it was judged on: those before the first forecast period */
  judgedOn: number;
};

export type BacktestResult = {
  period: 'month' | 'quarter';
  rows: { total: number; closed: number; open: number; createdUnknown: number };
  /** where the pipeline's close dates come from */
  expectedClose: 'column' | 'actual-close-date';
  methods: MethodName[];
  stage: StageCheck | null;
  periods: PeriodResult[];
  /** the periods before enough deals had closed to forecast from */
  skipped: Array<{ key: string; closedBefore: number }>;
  /** the latest close date: the data's end */
  dataEnds: string;
  summary: Partial<Record<MethodName, AccuracySummary>>;
  settings: typeof BACKTEST_DEFAULTS;
};

/** A stage (or all of them) that won at least this share, or at most 1 − it, decides the outcome. */
const SETTLED = 0.97;
/** A stage column whose settling stages cover this share of closed deals is a final stage. */
const FINAL_STAGE_SHARE = 0.9;

type Tally = { won: number; closed: number };

function tallyBy(rows: readonly BacktestRow[], key: (row: BacktestRow) => string): Map<string, Tally> {
  const tallies = new Map<string, Tally>();
  for (const row of rows) {
    const t = tallies.get(key(row)) ?? { won: 0, closed: 0 };
    t.closed++;
    if (row.won) t.won++;
    tallies.set(key(row), t);
  }
  return tallies;
}

export function checkStage(closed: readonly BacktestRow[]): StageCheck {
  const settling = [...tallyBy(closed, (r) => r.stage ?? '')]
    .map(([stage, t]) => ({ stage, closed: t.closed, wonShare: t.won / t.closed }))
    .filter((s) => s.wonShare >= SETTLED || s.wonShare <= 1 - SETTLED)
    .sort((a, b) => b.closed - a.closed);
  const settledShare = settling.reduce((sum, s) => sum + s.closed, 0) / Math.max(1, closed.length);
  return { usable: settledShare < FINAL_STAGE_SHARE, settledShare, settling, judgedOn: closed.length };
}

/** Each deal's rate: its group's past wins plus `k` deals at the overall rate, over its closed deals plus `k`. */
const shrunk = (t: Tally | undefined, overall: number, k: number) =>
  ((t?.won ?? 0) + k * overall) / ((t?.closed ?? 0) + k);

export function runBacktest(rows: readonly BacktestRow[], options: BacktestOptions): BacktestResult {
  const settings = {
    minHistory: options.minHistory ?? BACKTEST_DEFAULTS.minHistory,
    minEachOutcome: options.minEachOutcome ?? BACKTEST_DEFAULTS.minEachOutcome,
    shrinkage: options.shrinkage ?? BACKTEST_DEFAULTS.shrinkage,
    maxTrainingRows: options.maxTrainingRows ?? BACKTEST_DEFAULTS.maxTrainingRows,
  };
  const { columns } = options;
  const featureColumns = options.featureColumns ?? [];
  // the closed deals in close order: the history before any day is a prefix of them
  const closed = rows
    .filter((r): r is BacktestRow & { closedOn: string; won: boolean } => r.closedOn !== null && r.won !== null)
    .sort((a, b) => (a.closedOn < b.closedOn ? -1 : a.closedOn > b.closedOn ? 1 : 0));
  const wonTotal = closed.filter((r) => r.won).length;
  const tooFew = () =>
    new TableError(
      `too few rows to back-test: ${closed.length} closed deals (${wonTotal} won); a period is forecast once ${settings.minHistory} deals closed before it starts, ${settings.minEachOutcome} of them won and ${settings.minEachOutcome} lost`,
    );
  if (closed.length === 0) throw tooFew();
  const expectedOf = (r: BacktestRow) => (columns.expectedClose ? (r.expectedCloseOn ?? null) : r.closedOn);
  const dataEnds = closed.at(-1)!.closedOn;
  const starts = rows.map(expectedOf).filter((d): d is string => d !== null && d <= dataEnds);
  const first = starts.reduce((a, b) => (b < a ? b : a), dataEnds);

  const periods: PeriodResult[] = [];
  const skipped: BacktestResult['skipped'] = [];
  let stage: StageCheck | null = null;
  let methods: MethodName[] = [];
  let seen = 0;
  for (let period = periodOf(first, options.period); period.from <= dataEnds; period = nextPeriod(period)) {
    const asOf = period.from;
    while (seen < closed.length && closed[seen]!.closedOn < asOf) seen++;
    const history = closed.slice(0, seen);
    const won = history.filter((r) => r.won).length;
    if (
      history.length < settings.minHistory ||
      won < settings.minEachOutcome ||
      history.length - won < settings.minEachOutcome
    ) {
      skipped.push({ key: period.key, closedBefore: history.length });
      continue;
    }
    if (periods.length === 0) {
      // judged once, on what was known when the first forecast is made, so that no later outcome
      // can switch a method on or off
      stage = columns.stage ? checkStage(history) : null;
      methods = METHODS.filter(
        (m) =>
          m === 'winRate' ||
          (m === 'byOwner' && columns.owner) ||
          (m === 'stage' && stage?.usable === true) ||
          (m === 'seller' && columns.seller) ||
          (m === 'learned' && featureColumns.length > 0),
      );
    }
    const pipeline = rows.filter((r) => {
      const expected = expectedOf(r);
      if (expected === null || expected < period.from || expected > period.to) return false;
      if (r.closedOn !== null && r.closedOn < asOf) return false;
      return r.createdOn === null || r.createdOn < asOf;
    });
    const rate = won / history.length;
    const probabilities: Partial<Record<MethodName, number[]>> = {};
    let learnedTrainedOn: number | null = null;
    let sellerMissing: number | null = null;
    for (const method of methods) {
      switch (method) {
        case 'winRate':
          probabilities.winRate = pipeline.map(() => rate);
          break;
        case 'byOwner': {
          const owners = tallyBy(history, (r) => r.owner ?? '');
          probabilities.byOwner = pipeline.map((r) => shrunk(owners.get(r.owner ?? ''), rate, settings.shrinkage));
          break;
        }
        case 'stage': {
          const stages = tallyBy(history, (r) => r.stage ?? '');
          probabilities.stage = pipeline.map((r) => shrunk(stages.get(r.stage ?? ''), rate, settings.shrinkage));
          break;
        }
        case 'seller':
          sellerMissing = pipeline.filter((r) => r.sellerProbability == null).length;
          probabilities.seller = pipeline.map((r) => r.sellerProbability ?? rate);
          break;
        case 'learned': {
          const training = history.slice(-settings.maxTrainingRows);
          const learned = learnedProbabilities(
            featureColumns,
            training.map((r) => ({ features: r.features ?? [], won: r.won, closedOn: r.closedOn })),
            pipeline.map((r) => ({ features: r.features ?? [] })),
          );
          if (learned) {
            probabilities.learned = learned.probabilities;
            learnedTrainedOn = training.length;
          }
          break;
        }
      }
    }
    const actualMinor = pipeline
      .filter((r) => r.won === true && r.closedOn !== null && r.closedOn <= period.to)
      .reduce((sum, r) => sum + r.amountMinor, 0);
    const forecasts: PeriodResult['forecasts'] = {};
    for (const method of methods) {
      const p = probabilities[method];
      if (!p) continue;
      const forecastMinor = Math.round(pipeline.reduce((sum, r, k) => sum + r.amountMinor * p[k]!, 0));
      forecasts[method] = { forecastMinor, ...periodAccuracy(forecastMinor, actualMinor) };
    }
    periods.push({
      key: period.key,
      label: period.label,
      asOf,
      to: period.to,
      closedBefore: history.length,
      winRateBefore: rate,
      pipelineDeals: pipeline.length,
      pipelineMinor: pipeline.reduce((sum, r) => sum + r.amountMinor, 0),
      actualMinor,
      wonInPeriodMinor: closed
        .filter((r) => r.won && r.closedOn >= period.from && r.closedOn <= period.to)
        .reduce((sum, r) => sum + r.amountMinor, 0),
      forecasts,
      learnedTrainedOn,
      sellerMissing,
    });
  }
  if (periods.length === 0) throw tooFew();
  const summary: BacktestResult['summary'] = {};
  for (const method of methods) {
    const measured = summarizeAccuracy(
      periods.flatMap((p) => {
        const f = p.forecasts[method];
        return f ? [{ forecast: f.forecastMinor, actual: p.actualMinor }] : [];
      }),
    );
    if (measured) summary[method] = measured;
  }
  return {
    period: options.period,
    rows: {
      total: rows.length,
      closed: closed.length,
      open: rows.length - closed.length,
      createdUnknown: rows.filter((r) => r.createdOn === null).length,
    },
    expectedClose: columns.expectedClose ? 'column' : 'actual-close-date',
    methods,
    stage,
    periods,
    skipped,
    dataEnds,
    summary,
    settings,
  };
}
