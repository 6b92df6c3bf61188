import { column, fitAndScore, prepareTable, rowDates, type EvaluationOptions, type FoldScores } from './evaluate.ts';
import { evaluate, type Metrics } from './metrics.ts';
import { TableError, type Table } from './table.ts';

// How each learner does as history grows, on any dated CSV of closed deals: trained on the first 25,
// 50, 100 ... rows to close and tested on the rows that closed next, every choice made inside the
// training rows (their latest fifth), as a team would have lived it. It answers "how many closed
// deals before the number means something?" for ours and for every baseline.

export const CURVE_SIZES = [25, 50, 100, 200, 400, 800, 1600, 3200, 6400, 12800, 25600, 51200] as const;
/** The rows tested after each training size: the next ones to close, this many at most. */
const TEST_ROWS = 500;
/** Below this many rows left to test on, a size is not measured. */
const MIN_TEST_ROWS = 50;

export type TableCurvePoint = { trainedOn: number; testedOn: number } & Record<
  'model' | keyof Omit<FoldScores, 'model'>,
  Metrics
>;

export function tableLearningCurve(
  table: Table,
  options: Pick<EvaluationOptions, 'outcome' | 'positive' | 'drop' | 'seed'> & { dateColumn: string },
): TableCurvePoint[] {
  const { labels, data } = prepareTable(table, options);
  const when = rowDates(table, column(table, options.dateColumn, '--curve'))!;
  const ordered = Array.from(labels, (_, i) => i)
    .filter((i) => !Number.isNaN(when[i]!))
    .sort((a, b) => when[a]! - when[b]! || a - b);
  if (ordered.length < CURVE_SIZES[0] + MIN_TEST_ROWS)
    throw new TableError(
      `--curve: ${ordered.length} rows have a date in "${options.dateColumn}"; the curve needs at least ${CURVE_SIZES[0] + MIN_TEST_ROWS}`,
    );
  const points: TableCurvePoint[] = [];
  for (const size of CURVE_SIZES) {
    const train = ordered.slice(0, size);
    const test = ordered.slice(size, size + TEST_ROWS);
    if (test.length < MIN_TEST_ROWS) break;
    const won = train.filter((i) => labels[i] === 1).length;
    if (won === 0 || won === train.length) continue;
    const { scores } = fitAndScore(data, labels, train, test, when, (options.seed ?? 1) * 1000 + size);
    points.push({
      trainedOn: size,
      testedOn: test.length,
      model: evaluate(scores.model),
      logistic: evaluate(scores.logistic),
      boostedTrees: evaluate(scores.boostedTrees),
      naiveBayes: evaluate(scores.naiveBayes),
      baseRate: evaluate(scores.baseRate),
    });
  }
  return points;
}
