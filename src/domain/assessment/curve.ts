import { evaluate, type Metrics } from '../learning/metrics.ts';
import { probabilityOf } from './assess.ts';
import type { CardCurvePoint, WinModel } from './model.ts';
import {
  fitFromHistory,
  inClosingOrder,
  trainWinModel,
  type TrainingExample,
  type TrainingOptions,
} from './training.ts';

// How the model learns as history grows, measured as it would have been lived: trained on the first
// 25, 50, 100 ... deals to close and tested on the deals that closed next, beside the expert priors
// alone and the base rate of the same first deals. It answers a buyer's "how many closed deals before
// the number means something?" with this organization's own history.

export const CURVE_SIZES = [25, 50, 100, 200, 400, 800, 1600, 3200, 6400] as const;
/** The deals tested after each training size: the next ones to close, this many at most. */
const TEST_DEALS = 100;
/** Below this many deals left to test on, a size is not measured. */
const MIN_TEST_DEALS = 20;

export type CurvePoint = {
  trainedOn: number;
  testedOn: number;
  /** fitted on the first deals, shrunk toward the priors as far as those deals chose */
  model: Metrics;
  /** the expert priors alone, never fitted */
  prior: Metrics;
  /** the first deals' win rate for every deal */
  baseRate: Metrics;
};

/** The learning curve of `prior` refitted on `examples`, which must be in the order they closed. */
export function learningCurve(examples: readonly TrainingExample[], prior: WinModel): CurvePoint[] {
  const points: CurvePoint[] = [];
  for (const size of CURVE_SIZES) {
    const test = examples.slice(size, size + TEST_DEALS);
    if (test.length < MIN_TEST_DEALS) break;
    const train = examples.slice(0, size);
    const fitted = fitFromHistory(train, prior, { trainedAt: '', version: `curve-${size}` });
    const rate = train.filter((e) => e.won).length / train.length;
    const y = (e: TrainingExample) => (e.won ? 1 : 0) as 0 | 1;
    points.push({
      trainedOn: size,
      testedOn: test.length,
      model: evaluate(test.map((e) => ({ p: probabilityOf(e, e.deal, fitted).winProbability, y: y(e) }))),
      prior: evaluate(test.map((e) => ({ p: probabilityOf(e, e.deal, prior).winProbability, y: y(e) }))),
      baseRate: evaluate(test.map((e) => ({ p: Math.min(0.999, Math.max(0.001, rate)), y: y(e) }))),
    });
  }
  return points;
}

/**
 * A refit with its learning curve on the card: the organization's closed deals in the order they
 * closed, so the card answers "is the model already better than the experts alone, and since when?".
 */
export function trainWithCurve(
  examples: readonly TrainingExample[],
  prior: WinModel,
  options: TrainingOptions,
): WinModel {
  const model = trainWinModel(examples, prior, options);
  const inOrder = inClosingOrder(examples);
  if (!model.card || !inOrder) return model;
  const curve: CardCurvePoint[] = learningCurve(inOrder, prior).map((p) => ({
    trainedOn: p.trainedOn,
    testedOn: p.testedOn,
    model: { auc: p.model.auc, brier: p.model.brier },
    prior: { auc: p.prior.auc, brier: p.prior.brier },
    baseRate: { brier: p.baseRate.brier },
  }));
  return { ...model, card: { ...model.card, curve } };
}
