import { say } from './io.ts';
import type { AccuracySummary } from '../domain/forecast/accuracy.ts';
import type { BacktestTable } from '../domain/forecast/backtest-table.ts';
import type { BacktestResult, MethodName } from '../domain/forecast/backtest.ts';

// The back-test as a reader wants it: what was assumed and what the data lacks first, then a table
// per method (each period's forecast against what its starting pipeline won), then one summary.

const LABELS: Record<MethodName, string> = {
  winRate: 'win rate',
  byOwner: 'by owner',
  stage: 'by stage',
  seller: "seller's figure",
  learned: 'learned',
};

function describe(method: MethodName, result: BacktestResult): string {
  const k = result.settings.shrinkage;
  switch (method) {
    case 'winRate':
      return 'the pipeline × the win rate of the deals closed before the period';
    case 'byOwner':
      return `each deal × its owner's past win rate, shrunk toward the overall rate as if each owner had ${k} more closed deals at it`;
    case 'stage':
      return `each deal × the past win rate of its stage (shrunk the same way); the stage is the file's latest, not the one on the as-of date`;
    case 'seller':
      return "each deal × the seller's own figure (the file's latest one); the past win rate where they gave none";
    case 'learned':
      return `each deal × our boosted additive learner's probability, refitted each period on the latest ${result.settings.maxTrainingRows.toLocaleString('en-US')} deals (at most) closed before it`;
  }
}

/** Minor units as whole units with separators: 123456789 -> "1,234,568". */
const money = (minor: number) => Math.round(minor / 100).toLocaleString('en-US');
const signedMoney = (minor: number) => `${minor < 0 ? '−' : minor > 0 ? '+' : ''}${money(Math.abs(minor))}`;
const pct = (share: number) => `${(share * 100).toFixed(1)} %`;
const signedPct = (share: number) => `${share < 0 ? '−' : '+'}${(Math.abs(share) * 100).toFixed(1)} %`;
const count = (n: number) => n.toLocaleString('en-US');

const summaryLine = (s: AccuracySummary) =>
  `mean accuracy ${pct(s.meanAccuracy)}, mean absolute error ${money(s.meanAbsoluteError)}, bias ${signedMoney(s.bias)}${s.biasShare === null ? '' : ` (${signedPct(s.biasShare)} of actual)`} over ${s.periods} period${s.periods === 1 ? '' : 's'}`;

/** What the figures rest on, in the order a reader needs it: each line one assumption or gap. */
function notes(result: BacktestResult, read: BacktestTable, amount: string): string[] {
  const lines: string[] = [];
  const setting = result.settings;
  const first = result.periods[0]!;
  lines.push(
    `each period is forecast on its first day from the deals closed before it; a period is forecast once ${count(setting.minHistory)} deals had closed (${setting.minEachOutcome} won, ${setting.minEachOutcome} lost)${result.skipped.length > 0 ? `: ${result.skipped.length} earlier period${result.skipped.length === 1 ? ' was' : 's were'} not (${result.skipped.at(-1)!.key} had ${count(result.skipped.at(-1)!.closedBefore)} closed before it)` : ''}`,
  );
  lines.push(
    result.expectedClose === 'column'
      ? 'pipeline: the deals created before the period, still open on its first day, expected to close in it (--expected-close: the file holds one expected close date per deal, its latest, not the one on the as-of date)'
      : 'pipeline: the deals created before the period, still open on its first day, that closed in it: the file has no expected close date (--expected-close), so the actual close date stands in for it, the one look at the future the data forces (the forecast knows which deals close in the period, not how)',
  );
  if (result.rows.createdUnknown > 0)
    lines.push(
      `${count(result.rows.createdUnknown)} deals have no creation date${result.rows.createdUnknown === result.rows.total ? ' (--no-created)' : ''}: each counts as known from the start of the period it closes in, so its period's pipeline is every deal closing in it${result.rows.createdUnknown === result.rows.total ? ', and "all won" equals the actual' : ''}`,
    );
  lines.push(
    `actual: what that pipeline won in the period; "all won" adds the deals created and won inside it, which no forecast made on its first day could know`,
  );
  lines.push(
    `amount: "${amount}", taken as known from each deal's creation (the file has one amount per deal, no history of it)`,
  );
  if (result.stage && !result.stage.usable) {
    const shown = result.stage.settling
      .slice(0, 3)
      .map((s) => `"${s.stage}" (${count(s.closed)} closed, ${pct(s.wonShare)} won)`)
      .join(', ');
    lines.push(
      `stage: a final stage that leaks the outcome, not used: ${shown} settle ${pct(result.stage.settledShare)} of the ${count(result.stage.judgedOn)} deals closed before ${first.asOf}`,
    );
  }
  if (result.methods.includes('learned'))
    lines.push(
      `learned on: ${read.featureColumns.map((c) => `"${c}"`).join(', ')} (columns known at creation; identifiers such as ids are passed over; --drop leaves others out)`,
    );
  else lines.push('learned: not run, no column is left to learn from');
  if (read.wonWithoutClose > 0)
    lines.push(
      `${count(read.wonWithoutClose)} deals marked won have no close date: taken as open, never in a pipeline`,
    );
  if (read.createdAfterClose > 0)
    lines.push(`${count(read.createdAfterClose)} deals were created after they closed: never in a pipeline`);
  lines.push(`the data ends on ${result.dataEnds}: a last period cut short by it is measured only to that day`);
  return lines;
}

function warnings(read: BacktestTable, amount: string): string[] {
  const amountLeaks = read.leaks.filter((l) => l.column === amount);
  const others = read.leaks.filter((l) => l.column !== amount);
  const lines = amountLeaks
    .slice(0, 2)
    .map(
      (l) =>
        `the amount "${amount}" may give the outcome away: ${l.value === '' ? 'blank cells' : /^multiples of/.test(l.value) ? `whole ${l.value}` : `"${l.value}"`} won ${pct(l.wonShare)} of the time (${count(l.rows)} closed deals) against ${pct(l.othersWonShare)} for the rest; if it is filled in when a deal closes, every method multiplies it and every figure below is flattered: name an amount known when the deal was created`,
    );
  const perColumn = new Map<string, number>();
  for (const leak of others) {
    const n = (perColumn.get(leak.column) ?? 0) + 1;
    perColumn.set(leak.column, n);
    if (n <= 2) lines.push(leak.message);
  }
  return lines;
}

export function printBacktest(result: BacktestResult, read: BacktestTable, amount: string, seconds: number): void {
  const first = result.periods[0]!;
  const last = result.periods.at(-1)!;
  say(
    `Back-test by ${result.period} of ${count(result.rows.total)} deals (${count(result.rows.closed)} closed, ${count(result.rows.open)} open): ${result.periods.length} period${result.periods.length === 1 ? '' : 's'} forecast, ${first.key} to ${last.key}; ${seconds.toFixed(1)} s`,
  );
  for (const line of notes(result, read, amount)) say(`  - ${line}`);
  for (const line of warnings(read, amount)) say(`  warning: ${line}`);
  const header = `  ${'period'.padEnd(8)} ${'deals'.padStart(6)} ${'pipeline'.padStart(13)} ${'forecast'.padStart(13)} ${'actual'.padStart(13)} ${'all won'.padStart(13)} ${'error'.padStart(13)} ${'accuracy'.padStart(8)}`;
  for (const method of result.methods) {
    say(`\n${LABELS[method]}: ${describe(method, result)}`);
    say(header);
    for (const p of result.periods) {
      const f = p.forecasts[method];
      say(
        `  ${p.key.padEnd(8)} ${count(p.pipelineDeals).padStart(6)} ${money(p.pipelineMinor).padStart(13)} ${(f ? money(f.forecastMinor) : 'n/a').padStart(13)} ${money(p.actualMinor).padStart(13)} ${money(p.wonInPeriodMinor).padStart(13)} ${(f ? signedMoney(f.error) : '').padStart(13)} ${(f ? pct(f.accuracy) : '').padStart(8)}`,
      );
    }
    const s = result.summary[method];
    say(`  ${s ? summaryLine(s) : 'no period forecast'}`);
  }
  say(
    `\nsummary over ${result.periods.length} period${result.periods.length === 1 ? '' : 's'} (accuracy = max(0, 1 − |actual − forecast| / actual); 1 when both are 0, 0 when only the actual is)`,
  );
  say(
    `  ${'method'.padEnd(16)} ${'mean accuracy'.padStart(13)} ${'mean abs. error'.padStart(15)} ${'bias'.padStart(13)} ${'bias %'.padStart(8)}`,
  );
  for (const method of result.methods) {
    const s = result.summary[method];
    if (!s) continue;
    say(
      `  ${LABELS[method].padEnd(16)} ${pct(s.meanAccuracy).padStart(13)} ${money(s.meanAbsoluteError).padStart(15)} ${signedMoney(s.bias).padStart(13)} ${(s.biasShare === null ? 'n/a' : signedPct(s.biasShare)).padStart(8)}`,
    );
  }
}
