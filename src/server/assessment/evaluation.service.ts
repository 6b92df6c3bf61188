import { probabilityOf } from '../../domain/assessment/assess.ts';
import { learningCurve, type CurvePoint } from '../../domain/assessment/curve.ts';
import { fitFromHistory, type TrainingExample } from '../../domain/assessment/training.ts';
import { createRandom, randomFolds } from '../../domain/random.ts';
import {
  calibrationTable,
  evaluate,
  type CalibrationBin,
  type Metrics,
  type Scored,
} from '../../domain/learning/metrics.ts';
import type { AppDeps } from '../deps.ts';
import { organizationPrior } from './assessment.service.ts';
import { trainingExamples } from './model.service.ts';

export type OrganizationEvaluation = {
  rows: number;
  positiveRate: number;
  folds: number;
  /** knowledge-based, fitted on the other folds */
  model: Metrics;
  /** knowledge-based, expert priors only (no fitting) */
  prior: Metrics;
  stage: Metrics;
  seller: (Metrics & { rows: number }) | null;
  baseRate: Metrics;
  calibration: CalibrationBin[];
  /** with `curve`: trained on the first 25, 50, 100 ... deals to close, tested on the next */
  curve?: CurvePoint[];
};

/**
 * How well the engine's knowledge-based probability predicted this organization's closed deals,
 * cross-validated, next to the stage-based figure, the sellers' own figures and the base rate.
 */
export async function evaluateOrganizationModel(
  deps: AppDeps,
  orgId: string,
  folds: number,
  options: { curve?: boolean } = {},
): Promise<OrganizationEvaluation> {
  const prior = await organizationPrior(deps.db, deps.caches, orgId);
  const examples = await trainingExamples(deps.db, deps.caches, orgId, prior);
  const won = examples.filter((e) => e.won).length;
  if (won < folds || examples.length - won < folds) {
    throw new Error(
      `need at least ${folds} won and ${folds} lost or undecided deals; this organization has ${won} won of ${examples.length} closed`,
    );
  }
  const fold = randomFolds(createRandom(1), examples.length, folds);
  const model: Scored[] = [];
  const base: Scored[] = [];
  for (let f = 0; f < folds; f++) {
    const train = examples.filter((_, i) => fold[i] !== f);
    const fitted = fitFromHistory(train, prior, { trainedAt: '', version: 'eval' });
    const rate = train.filter((e) => e.won).length / train.length;
    examples.forEach((e, i) => {
      if (fold[i] !== f) return;
      model.push({ p: probabilityOf(e, e.deal, fitted).winProbability, y: label(e) });
      base.push({ p: rate, y: label(e) });
    });
  }
  const clamp = (p: number) => Math.min(0.999, Math.max(0.001, p));
  const seller = examples
    .filter((e) => e.sellerProbability !== null)
    .map((e) => ({ p: clamp(e.sellerProbability! / 100), y: label(e) }));
  return {
    rows: examples.length,
    positiveRate: won / examples.length,
    folds,
    model: evaluate(model),
    prior: evaluate(examples.map((e) => ({ p: probabilityOf(e, e.deal, prior).winProbability, y: label(e) }))),
    stage: evaluate(examples.map((e) => ({ p: clamp(e.stageProbability / 100), y: label(e) }))),
    seller: seller.length > 1 ? { ...evaluate(seller), rows: seller.length } : null,
    baseRate: evaluate(base),
    calibration: calibrationTable(model),
    ...(options.curve
      ? {
          curve: learningCurve(
            [...examples].sort((a, b) => (a.closedOn ?? '').localeCompare(b.closedOn ?? '')),
            prior,
          ),
        }
      : {}),
  };
}

function label(e: TrainingExample): 0 | 1 {
  return e.won ? 1 : 0;
}
