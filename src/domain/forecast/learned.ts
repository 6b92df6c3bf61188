import { dayNumber } from '../dates.ts';
import { predictAdditive } from '../learning/additive.ts';
import { binTokens } from '../learning/binned.ts';
import { chooseAndFitAdditive, innerSplit } from '../learning/evaluate.ts';
import { inferColumn, tokenize, type ColumnInfo } from '../learning/features.ts';
import { createRandom } from '../random.ts';

// The learned method of the back-test: our boosted additive learner, fitted the way `winsight eval
// --time-split` fits it (choices on the latest fifth of the training rows by close date, then
// refitted on them all), on the deals closed before the as-of date, and asked about the pipeline.
// Not recalibrated on that latest fifth: the slope it fits there multiplies the intercept too, so on
// a model that learned little it sets the level to the latest closes' win rate, and the deals that
// closed last before a period are a poor sample of the next (in the Maven data the latest fifth
// before a period won from 51 % to 82 % of its deals, against 64 % to 67 % over all of them).
// The pipeline's deals reach it as feature cells only: their outcomes are not even in its reach.
// How each column is read (category, number, date, identifier) is decided on the rows known at the
// as-of date alone, as are the bins (on the training rows).

export type TrainingDeal = { features: readonly string[]; won: boolean; closedOn: string };
export type PipelineDeal = { features: readonly string[] };

export type LearnedForecast = {
  /** the win probability of each pipeline deal, in order */
  probabilities: number[];
  /** how each column was read on the rows known at the as-of date */
  columns: ColumnInfo[];
};

/** The probabilities of the pipeline's deals, or null when no column is left to learn from. */
export function learnedProbabilities(
  featureColumns: readonly string[],
  training: readonly TrainingDeal[],
  pipeline: readonly PipelineDeal[],
): LearnedForecast | null {
  const known = [...training.map((t) => t.features), ...pipeline.map((p) => p.features)];
  const columns = featureColumns.map((name, position) => ({
    position,
    info: inferColumn(
      name,
      known.map((cells) => cells[position]!.trim()),
    ),
  }));
  const usable = columns.filter((c) => c.info.kind !== 'identifier');
  if (usable.length === 0) return null;
  const data = tokenize(usable, known);
  // the pipeline's rows are labelled 0 and never read: every fit and choice runs on `train` alone
  const labels = Uint8Array.from(known, (_, i) => (i < training.length && training[i]!.won ? 1 : 0));
  const when = Float64Array.from(known, (_, i) =>
    i < training.length ? dayNumber(training[i]!.closedOn) : Number.NaN,
  );
  const train = training.map((_, i) => i);
  const binned = binTokens(data, train);
  const split = innerSplit(train, labels, when, createRandom(1));
  const model = chooseAndFitAdditive(binned, labels, train, split, { dated: true, recalibrate: false });
  return {
    probabilities: pipeline.map((_, k) => predictAdditive(model, binned, training.length + k)),
    columns: columns.map((c) => c.info),
  };
}
