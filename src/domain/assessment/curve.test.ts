import { describe, expect, it } from 'vitest';
import { knowledge } from '../knowledge/builder.ts';
import { DEFAULT_OBJECTIVES } from '../knowledge/objectives.ts';
import { createRandom } from '../random.ts';
import { learningCurve } from './curve.ts';
import { priorModel } from './model.ts';
import { computeSignals, type DealContext } from './signals.ts';
import { chooseShrinkage, SHRINKAGES, type TrainingExample } from './training.ts';
import { probabilityOf } from './assess.ts';

const ctx: DealContext = {
  asOf: '2026-11-20',
  createdOn: '2026-08-01',
  amountMinor: 10_000_000,
  currency: 'USD',
  expectedCloseDate: '2026-12-31',
  forecastCategory: 'pipeline',
  dealType: 'new_logo',
  relationship: 'new',
  closeDatePushes: [],
  largeDealMinor: 50_000_000,
  expectedCycleDays: 120,
};

/** Closed deals in the order they closed, where a confirmed economic buyer matters far more than the experts think. */
function history(n: number): TrainingExample[] {
  const random = createRandom(3);
  const base = computeSignals(knowledge('2026-11-20').snapshot(), ctx, DEFAULT_OBJECTIVES);
  return Array.from({ length: n }, (_, i) => {
    const engaged = random.chance(0.5);
    return {
      // what is material is known, so no ceiling flattens what the economic buyer's engagement says
      signals: {
        ...base.signals,
        ebIdentified: true,
        ebMet: engaged,
        ebEngaged: engaged,
        budgetUnknown: false,
        processKnown: true,
        alternativesKnown: true,
      },
      kci: 0.3,
      deal: { dealType: 'new_logo', relationship: 'new', source: null, segment: null, amountMinor: 10_000_000 },
      won: random.chance(engaged ? 0.9 : 0.08),
      stageProbability: 40,
      sellerProbability: null,
      closedOn: `2025-${String(1 + Math.floor(i / 30)).padStart(2, '0')}-01`,
    };
  });
}

describe('the learning curve', () => {
  it('trains on the first 25, 50, 100 ... deals and tests on the ones that closed next, while enough are left', () => {
    const points = learningCurve(history(330), priorModel(0.45));
    expect(points.map((p) => [p.trainedOn, p.testedOn])).toEqual([
      [25, 100],
      [50, 100],
      [100, 100],
      [200, 100],
    ]);
  });

  it('measures nothing when too few deals are left to test on', () => {
    expect(learningCurve(history(40), priorModel(0.45))).toEqual([]);
  });

  it('beats the priors alone once the history shows what the experts underrate', () => {
    const last = learningCurve(history(330), priorModel(0.45)).at(-1)!;
    expect(last.model.logLoss).toBeLessThan(last.prior.logLoss);
    expect(last.model.brier).toBeLessThan(last.baseRate.brier);
  });
});

describe('how far a fit moves from the experts, chosen on the latest deals', () => {
  const strongest = SHRINKAGES.at(-1);

  it('stays with the experts while too few deals have closed to argue with them', () => {
    expect(chooseShrinkage(history(30), priorModel(0.45))).toBe(strongest);
  });

  it('moves toward the history once the latest deals show what the experts underrate', () => {
    expect(chooseShrinkage(history(330), priorModel(0.45))).toBeLessThan(strongest!);
  });

  it('stays with the experts when the deals end as the experts expected', () => {
    const prior = priorModel(0.45);
    const random = createRandom(8);
    const asExpected = history(330).map((e) => ({
      ...e,
      won: random.chance(probabilityOf(e, e.deal, prior).winProbability),
    }));
    expect(chooseShrinkage(asExpected, prior)).toBe(strongest);
  });

  it('is never worse than the priors alone on the first deals', () => {
    const [first] = learningCurve(history(330), priorModel(0.45));
    expect(first!.model.logLoss).toBeLessThanOrEqual(first!.prior.logLoss + 1e-3);
  });
});
