import { describe, expect, it } from 'vitest';
import { fitAdditive } from '../learning/additive.ts';
import { additiveScore } from '../learning/additive.ts';
import { knowledge } from '../knowledge/builder.ts';
import { DEFAULT_OBJECTIVES } from '../knowledge/objectives.ts';
import { createRandom } from '../random.ts';
import { logOddsOf, pairKey, probabilityOf, quickProbability } from './assess.ts';
import { engineTable, foldIntoModel } from './boosting.ts';
import { priorModel, type WinModel } from './model.ts';
import { computeSignals, type DealContext } from './signals.ts';
import { fitFromHistory, fitWinModel, type TrainingExample } from './training.ts';

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

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

type Truth = (x: { champion: number; competitor: boolean; newLogo: boolean; segment: string }) => number;

/**
 * Closed deals in the order they closed, with what is material known (no ceiling flattens the
 * knowledge) and the outcome drawn from `truth`, the true log-odds.
 */
function history(n: number, truth: Truth, seed = 7): TrainingExample[] {
  const random = createRandom(seed);
  const base = computeSignals(knowledge('2026-11-20').snapshot(), ctx, DEFAULT_OBJECTIVES);
  return Array.from({ length: n }, (_, i) => {
    const champion = Math.floor(random.next() * 7) / 6;
    const competitor = random.chance(0.5);
    const newLogo = random.chance(0.5);
    const segment = random.chance(0.5) ? 'enterprise' : 'mid_market';
    return {
      signals: {
        ...base.signals,
        ebIdentified: true,
        ebMet: true,
        budgetUnknown: false,
        processKnown: true,
        alternativesKnown: true,
        championStrength: champion,
        competitorPresent: competitor,
        newLogo,
      },
      kci: 0.4,
      deal: { dealType: 'new_logo', relationship: 'new', source: null, segment, amountMinor: 10_000_000 },
      won: random.chance(sigmoid(truth({ champion, competitor, newLogo, segment }))),
      stageProbability: 40,
      sellerProbability: null,
      closedOn: `20${String(20 + Math.floor(i / 400)).padStart(2, '0')}-${String(1 + (Math.floor(i / 33) % 12)).padStart(2, '0')}-01`,
    };
  });
}

function logLoss(deals: readonly TrainingExample[], model: WinModel): number {
  return (
    deals.reduce((sum, e) => {
      const p = probabilityOf(e, e.deal, model).winProbability;
      return sum - Math.log(e.won ? p : 1 - p);
    }, 0) / deals.length
  );
}

/** Only a strong champion helps, and a competitor at a new customer hurts far more than either alone. */
const structured: Truth = ({ champion, competitor, newLogo }) =>
  -0.3 + (champion > 0.6 ? 2 : 0) + (competitor && newLogo ? -2.2 : 0);

describe('boosting on top of the weights', () => {
  const prior = priorModel(0.45);

  it('learns a threshold and a pair the weights cannot express, and forecasts the next deals better for it', () => {
    const deals = history(2600, structured);
    const [train, next] = [deals.slice(0, 1600), deals.slice(1600)];
    const boosted = fitFromHistory(train, prior, { trainedAt: '', version: 'boosted' });
    const weightsOnly = fitWinModel(train, prior, { trainedAt: '', version: 'w', priorPrecision: boosted.shrinkage });
    expect(boosted.boosting.rounds).toBeGreaterThan(0);
    expect(boosted.pairs?.map((p) => pairKey(p.a, p.b))).toContain(pairKey('competitorPresent', 'newLogo'));
    const pair = boosted.pairs!.find((p) => p.a === 'competitorPresent')!;
    // present together (both in their band holding 1) they weigh against the deal, beyond each alone
    expect(pair.logOdds.at(-1)!.at(-1)!).toBeLessThan(-0.5);
    expect(boosted.shapes?.map((s) => s.feature)).toContain('championStrength');
    expect(logLoss(next, boosted)).toBeLessThan(logLoss(next, weightsOnly) - 0.02);
  });

  it('keeps the weights as they are where the deals show nothing beyond them', () => {
    const deals = history(1200, ({ champion, competitor }) => -0.2 + 1.2 * champion - 0.8 * (competitor ? 1 : 0));
    const fitted = fitFromHistory(deals, prior, { trainedAt: '', version: 'plain' });
    expect(fitted.boosting).toEqual({ rounds: 0, pairRounds: 0 });
    expect(fitted.shapes).toBeUndefined();
    expect(fitted.pairs).toBeUndefined();
  });

  it('learns nothing from a few dozen deals', () => {
    const fitted = fitFromHistory(history(45, structured), prior, { trainedAt: '', version: 'few' });
    expect(fitted.boosting).toEqual({ rounds: 0, pairRounds: 0 });
  });

  it('folds the correction into the model exactly: each deal scores its weights plus the correction', () => {
    const deals = history(800, structured);
    const rows = deals.map((_, i) => i);
    const weighted = fitWinModel(deals, prior, { trainedAt: '', version: 'w', priorPrecision: 4 });
    const table = engineTable(deals, rows, weighted);
    const offset = deals.map((e) => logOddsOf(e.signals, e.deal, weighted));
    const correction = fitAdditive(
      table.data,
      Float64Array.from(deals, (e) => (e.won ? 1 : 0)),
      rows,
      [],
      {
        offset,
        rounds: {
          mains: 20,
          pairs: 20,
          pairList: [
            [
              table.columns.findIndex((c) => c.kind === 'feature' && c.key === 'competitorPresent'),
              table.columns.findIndex((c) => c.kind === 'feature' && c.key === 'newLogo'),
            ],
          ],
        },
      },
    );
    const folded = foldIntoModel(weighted, correction, table);
    expect(folded.pairs).toHaveLength(1);
    deals.forEach((e, i) =>
      expect(logOddsOf(e.signals, e.deal, folded)).toBeCloseTo(
        offset[i]! + additiveScore(correction, table.data, i),
        9,
      ),
    );
    // a shape weighs nothing where its feature is absent, a pair nothing unless both are present
    for (const shape of folded.shapes ?? []) {
      const zero = shape.edges.filter((edge) => edge <= 0).length;
      expect(shape.logOdds[zero]).toBe(0);
    }
    expect(folded.pairs![0]!.logOdds[0]).toEqual([0, 0]);
    expect(folded.pairs![0]!.logOdds.map((row) => row[0])).toEqual([0, 0]);
  });

  it('explains a boosted probability in points that add up, the pair in words, the same figure as the quick path', () => {
    const deals = history(2600, structured);
    const model = fitFromHistory(deals.slice(0, 1600), prior, { trainedAt: '', version: 'boosted' });
    const deal = deals.find((e) => e.signals.competitorPresent === true && e.signals.newLogo === true)!;
    const p = probabilityOf(deal, deal.deal, model);
    const pair = p.contributions.find((c) => c.feature === pairKey('competitorPresent', 'newLogo'))!;
    expect(pair.points).toBeLessThan(0);
    expect(pair.reason).toMatch(/^Together: A competitor is in the evaluation, and a new customer/);
    expect(pair.signals).toEqual(expect.arrayContaining(['competitorPresent', 'newLogo']));
    const sum = p.contributions.reduce((s, c) => s + c.logOdds, 0);
    expect(sigmoid(Math.log(p.baseProbability / (1 - p.baseProbability)) + sum)).toBeCloseTo(p.uncappedProbability, 12);
    for (const e of deals.slice(1600, 1700))
      expect(quickProbability(e.signals, e.kci, e.deal, model).winProbability).toBeCloseTo(
        probabilityOf(e, e.deal, model).winProbability,
        12,
      );
  });

  it('fits the weights on a long history whose context never varies without running away (Newton steps halved)', () => {
    const weighted = fitWinModel(history(1600, structured), prior, {
      trainedAt: '',
      version: 'w',
      priorPrecision: 256,
    });
    expect(Math.abs(weighted.intercept)).toBeLessThan(3);
    for (const weight of Object.values(weighted.weights)) expect(Math.abs(weight)).toBeLessThan(3);
  });
});
