import { describe, expect, it } from 'vitest';
import { createRandom } from '../random.ts';
import { BASELINES, BLEND_WEIGHTS, evaluateTable, innerSplit } from './evaluate.ts';
import { inferColumn, parseDate } from './features.ts';
import { fitLogistic, predict, sigmoid } from './logistic.ts';
import { accuracy, auc, brier, calibrationTable, expectedCalibrationError, logLoss } from './metrics.ts';
import { fitNaiveBayes } from './naive-bayes.ts';
import { parseTable, TableError } from './table.ts';

describe('metrics', () => {
  it.each([
    [
      [
        { p: 0.9, y: 1 },
        { p: 0.1, y: 0 },
      ],
      1,
    ],
    [
      [
        { p: 0.1, y: 1 },
        { p: 0.9, y: 0 },
      ],
      0,
    ],
    [
      [
        { p: 0.5, y: 1 },
        { p: 0.5, y: 0 },
      ],
      0.5,
    ],
    [
      [
        { p: 0.8, y: 1 },
        { p: 0.4, y: 1 },
        { p: 0.6, y: 0 },
        { p: 0.2, y: 0 },
      ],
      0.75,
    ],
  ] as const)('AUC of %j is %d', (items, expected) => {
    expect(auc(items)).toBeCloseTo(expected);
  });

  it('computes Brier, log loss, accuracy and calibration', () => {
    const items = [
      { p: 0.8, y: 1 },
      { p: 0.3, y: 0 },
      { p: 0.6, y: 0 },
      { p: 0.9, y: 1 },
    ] as const;
    expect(brier(items)).toBeCloseTo((0.04 + 0.09 + 0.36 + 0.01) / 4);
    expect(logLoss(items)).toBeCloseTo(-(Math.log(0.8) + Math.log(0.7) + Math.log(0.4) + Math.log(0.9)) / 4);
    expect(accuracy(items)).toBe(0.75);
    const table = calibrationTable(items, 2);
    expect(table[1]).toMatchObject({ count: 3, observedRate: 2 / 3 });
    // bins: [0,0.5): p 0.3 vs 0 -> 0.3·1/4; [0.5,1): mean 0.7667 vs 0.6667 -> 0.1·3/4
    expect(expectedCalibrationError(items, 2)).toBeCloseTo(0.3 / 4 + (0.1 * 3) / 4);
  });
});

describe('logistic regression', () => {
  const simulate = (n: number, seed: number) => {
    const random = createRandom(seed);
    const rows = [];
    const labels = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const a = random.chance(0.5);
      const b = random.chance(0.3);
      const index = [...(a ? [0] : []), ...(b ? [1] : [])];
      rows.push({ index: Int32Array.from(index), value: new Float64Array(index.length).fill(1) });
      labels[i] = random.chance(sigmoid(-1 + 2 * Number(a) - 1.5 * Number(b))) ? 1 : 0;
    }
    return { rows, labels };
  };

  it('recovers the coefficients that generated the data', () => {
    const { rows, labels } = simulate(20_000, 3);
    const model = fitLogistic(rows, labels, 2, { priorPrecision: Float64Array.from([0, 1e-6, 1e-6]) });
    // sampling noise on 20,000 rows is about ±0.05
    expect(Math.abs(model.coefficients[0]! + 1)).toBeLessThan(0.15);
    expect(Math.abs(model.coefficients[1]! - 2)).toBeLessThan(0.15);
    expect(Math.abs(model.coefficients[2]! + 1.5)).toBeLessThan(0.15);
  });

  it('shrinks toward the prior: a few examples move it a little, many move it a lot', () => {
    const priorMean = Float64Array.from([-1, 0, 0]);
    const priorPrecision = Float64Array.from([1e-4, 5, 5]);
    const few = simulate(20, 5);
    const many = simulate(5000, 5);
    const small = fitLogistic(few.rows, few.labels, 2, { priorMean, priorPrecision });
    const large = fitLogistic(many.rows, many.labels, 2, { priorMean, priorPrecision });
    expect(Math.abs(small.coefficients[1]!)).toBeLessThan(0.8);
    expect(large.coefficients[1]).toBeGreaterThan(1.7);
    expect(predict(large, { index: Int32Array.from([0]), value: Float64Array.from([1]) })).toBeCloseTo(sigmoid(1), 1);
  });
});

describe('naive Bayes', () => {
  it('learns which values go with which outcome', () => {
    const rows = [['red'], ['red'], ['red'], ['blue'], ['blue'], ['blue']];
    const nb = fitNaiveBayes(rows, [1, 1, 0, 0, 0, 1]);
    expect(nb.predict(['red'])).toBeGreaterThan(0.5);
    expect(nb.predict(['blue'])).toBeLessThan(0.5);
  });
});

describe('reading a CSV of closed opportunities', () => {
  it('accepts commas, semicolons or tabs, quotes and a byte-order mark', () => {
    for (const sep of [',', ';', '\t']) {
      const t = parseTable(`\uFEFFname${sep}result\n"Smith${sep} J"${sep}Won\nLee${sep}Lost\n`);
      expect(t.header).toEqual(['name', 'result']);
      expect(t.rows[0]).toEqual([`Smith${sep} J`, 'Won']);
    }
  });

  it.each([
    ['', /empty/],
    ['a,b\n', /no rows/],
    ['a,b\n1,2\n3\n4,5,6\n', /line 3 has 1, line 4 has 3/],
    ['a,a\n1,2\n', /appears twice/],
  ])('refuses %j clearly', (text, message) => {
    expect(() => parseTable(text)).toThrow(message);
  });

  it.each([
    ['2018-03-27', { year: 2018, month: 3 }],
    ['27-Mar-12', { year: 2012, month: 3 }],
    ['05/11/2019', { year: 2019, month: 11 }],
    ['yesterday', null],
  ])('reads the date %s', (raw, expected) => {
    expect(parseDate(raw)).toEqual(expected);
  });

  it('infers kinds: categories with Unknown kept, numbers, dates, identifiers', () => {
    expect(inferColumn('c', ['Unknown', 'A', 'B', '', 'A']).kind).toBe('categorical');
    expect(
      inferColumn(
        'n',
        Array.from({ length: 100 }, (_, i) => String((i % 40) * 1.5)),
      ).kind,
    ).toBe('numeric');
    expect(inferColumn('d', ['27-Mar-12', '01-Jan-13']).kind).toBe('date');
    expect(
      inferColumn(
        'id',
        Array.from({ length: 100 }, (_, i) => String(1000 + i)),
      ).kind,
    ).toBe('identifier');
  });
});

describe('evaluating a learner on a table', () => {
  const synthetic = () => {
    const random = createRandom(11);
    const lines = ['segment,size,source,outcome'];
    for (let i = 0; i < 1500; i++) {
      const segment = random.pick(['a', 'b', 'c']);
      const size = random.int(1, 100);
      const source = random.pick(['web', 'partner', 'Unknown', '']);
      const p = sigmoid((segment === 'a' ? 1 : -0.5) + (size > 50 ? 0.8 : -0.8) + (source === 'Unknown' ? -1 : 0));
      lines.push(`${segment},${size},${source},${random.chance(p) ? 'Won' : 'Lost'}`);
    }
    return parseTable(lines.join('\n'));
  };

  it('beats the base rate, keeps up with every baseline where the truth is additive, and stays calibrated', () => {
    const result = evaluateTable(synthetic(), { outcome: 'outcome', positive: 'Won', folds: 5 });
    expect(result.model.auc).toBeGreaterThan(result.baselines.baseRate.auc + 0.2);
    for (const name of ['naiveBayes', 'logistic', 'boostedTrees'] as const)
      expect(result.model.brier).toBeLessThan(result.baselines[name].brier + 0.002);
    expect(result.model.ece).toBeLessThan(0.06);
    expect(result.columns.map((c) => c.kind)).toEqual(['categorical', 'numeric', 'categorical']);
  });

  it('compares with every baseline on the same rows, and says how sure the difference is', () => {
    const result = evaluateTable(synthetic(), { outcome: 'outcome', positive: 'Won', folds: 5, repeats: 2 });
    expect(Object.keys(result.baselines).sort()).toEqual([...BASELINES].sort());
    for (const m of [result.model, ...Object.values(result.baselines)])
      expect(m).toMatchObject({
        auc: expect.any(Number),
        brier: expect.any(Number),
        logLoss: expect.any(Number),
        ece: expect.any(Number),
        accuracy: expect.any(Number),
        calibrationSlope: expect.any(Number),
        calibrationIntercept: expect.any(Number),
      });
    // two repeats with new shuffles: a spread, and the mean is the reported figure
    expect(result.model.spread.auc.sd).toBeGreaterThan(0);
    expect(result.model.spread.auc.mean).toBeCloseTo(result.model.auc, 12);
    const v = result.versusBest;
    expect(['logistic', 'boostedTrees', 'naiveBayes']).toContain(v.baseline);
    expect(v.auc.low).toBeLessThanOrEqual(v.auc.difference);
    expect(v.auc.difference).toBeLessThanOrEqual(v.auc.high);
    expect(v.auc.difference).toBeCloseTo(result.model.spread.auc.mean - result.baselines[v.baseline].auc, 1);
    // 1,500 rows: chance alone shows an ECE of a few points, more than on a big table
    expect(result.perfectEce).toBeGreaterThan(0.005);
    expect(result.perfectEce).toBeLessThan(0.06);
    expect(result.model.calibrationSlope).toBeGreaterThan(0.7);
    expect(result.choices).toHaveLength(10);
    // the step of each boosting round is chosen per training set from the two tried
    for (const choice of result.choices) expect([0.1, 0.3]).toContain(choice.learningRate);
    // and the trees blended into ours: their depth and share of the log-odds (0: the additive model alone)
    for (const choice of result.choices) {
      expect(BLEND_WEIGHTS).toContain(choice.blendWeight);
      expect([3, 6]).toContain(choice.blendDepth);
      expect(BLEND_WEIGHTS).toContain(choice.ridgeShare);
      // ours explained on test rows: the start plus the points per reason is its log-odds
      expect(choice.explanationGap).toBeLessThan(1e-9);
    }
  });

  it('makes every choice without the test rows: changing them changes no choice', () => {
    const random = createRandom(5);
    const lines = ['when,segment,size,outcome'];
    for (let i = 0; i < 900; i++) {
      const year = 2015 + Math.floor(i / 300);
      const segment = random.pick(['a', 'b', 'c']);
      const size = random.int(1, 60);
      const p = sigmoid((segment === 'a') === size > 30 ? 1.2 : -1.2);
      lines.push(`${year}-0${1 + (i % 9)}-15,${segment},${size},${random.chance(p) ? 'Won' : 'Lost'}`);
    }
    // the 2017 rows with other outcomes, sizes and segments
    const altered = lines.map((line, k) =>
      line.startsWith('2017')
        ? line.replace(
            /,([abc]),(\d+),(Won|Lost)$/,
            (_, _s, n, o) => `,d,${Number(n) * 7},${o === 'Won' ? 'Lost' : 'Won'}`,
          )
        : line,
    );
    const options = {
      outcome: 'outcome',
      positive: 'Won',
      timeSplit: { column: 'when', trainUntil: '2016-12-31' },
      bands: [10, 20, 40],
    };
    const before = evaluateTable(parseTable(lines.join('\n')), options);
    const after = evaluateTable(parseTable(altered.join('\n')), options);
    expect(after.model.auc).not.toBeCloseTo(before.model.auc, 2);
    expect(after.choices).toEqual(before.choices);
    expect(after.features).toBe(before.features);
  });

  it('chooses the bands of a number inside each training set: finer where its shape needs them', () => {
    // a number whose effect flips every 20 units: ten bands of 400 values blur it, forty follow it
    const random = createRandom(9);
    const lines = ['segment,size,outcome'];
    for (let i = 0; i < 3000; i++) {
      const size = random.int(1, 400);
      const p = sigmoid(Math.floor(size / 20) % 2 === 0 ? 1.5 : -1.5);
      lines.push(`${random.pick(['a', 'b'])},${size},${random.chance(p) ? 'Won' : 'Lost'}`);
    }
    const table = parseTable(lines.join('\n'));
    const chosen = evaluateTable(table, { outcome: 'outcome', positive: 'Won', folds: 3, bands: [10, 40] });
    expect(chosen.choices.map((c) => c.bands)).toEqual([40, 40, 40]);
    const fixed = evaluateTable(table, { outcome: 'outcome', positive: 'Won', folds: 3 });
    expect(fixed.choices.map((c) => c.bands)).toEqual([10, 10, 10]);
    expect(chosen.model.auc).toBeGreaterThan(fixed.model.auc + 0.02);
  });

  it('chooses on the latest fifth of the training rows when they are dated, else on a random fifth of each outcome', () => {
    const labels = Uint8Array.from({ length: 10 }, (_, i) => (i % 2 ? 1 : 0));
    const when = Float64Array.from([9, 8, 7, 6, 5, 4, 3, 2, 1, Number.NaN]);
    const train = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    expect(innerSplit(train, labels, when, createRandom(1)).validation.sort()).toEqual([0, 1]);
    const random = innerSplit(train, labels, null, createRandom(1));
    expect(random.validation).toHaveLength(2);
    expect(random.validation.map((i) => labels[i]).sort()).toEqual([0, 1]);
    expect([...random.fit, ...random.validation].sort((a, b) => a - b)).toEqual(train);
  });

  it('is repeatable for a seed', () => {
    const table = synthetic();
    expect(evaluateTable(table, { outcome: 'outcome', positive: 'Won', folds: 5, seed: 4 })).toEqual(
      evaluateTable(table, { outcome: 'outcome', positive: 'Won', folds: 5, seed: 4 }),
    );
  });

  it.each([
    [{ outcome: 'result' }, /--outcome: no column named "result"/],
    [{ positive: 'Yes' }, /--positive: no row has "Yes"/],
    [{ drop: ['colour'] }, /--drop: no column named "colour"/],
    [{ folds: 1 }, /--folds/],
    [{ bands: [1] }, /--bands/],
    [{ bands: [] }, /--bands/],
  ])('refuses %j clearly', (change, message) => {
    expect(() => evaluateTable(synthetic(), { outcome: 'outcome', positive: 'Won', ...change })).toThrow(message);
  });

  it('refuses a table with one outcome only', () => {
    expect(() =>
      evaluateTable(parseTable('a,outcome\nx,Won\ny,Won\n'), { outcome: 'outcome', positive: 'Won' }),
    ).toThrow(TableError);
  });
});
