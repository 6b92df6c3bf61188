import { describe, expect, it } from 'vitest';
import { binTokens, oneHot, quantileEdges, UNSEEN } from './binned.ts';
import { inferColumn, tokenize } from './features.ts';

const tokenized = (rows: string[][]) =>
  tokenize(
    [
      {
        position: 0,
        info: inferColumn(
          'amount',
          rows.map((r) => r[0]!),
        ),
      },
      {
        position: 1,
        info: inferColumn(
          'region',
          rows.map((r) => r[1]!),
        ),
      },
    ],
    rows,
  );

// 40 training rows (amounts 1..20 twice, two regions and a rare one), then test rows with values training never held
const training = Array.from({ length: 40 }, (_, i) => [
  String((i % 20) + 1),
  i === 0 ? 'east' : i % 2 ? 'north' : 'south',
]);
const all = (test: string[][]) => tokenized([...training, ...test]);
const trainRows = training.map((_, i) => i);

describe('binning learned from the training rows only', () => {
  it('cuts numbers at the training quantiles, whatever the test rows hold', () => {
    const a = binTokens(all([['5000', 'north']]), trainRows, { bands: 4 });
    const b = binTokens(all([['-3', 'west']]), trainRows, { bands: 4 });
    expect(a.binNames[0]).toEqual(b.binNames[0]);
    expect(a.binNames[0]!.slice(1)).toEqual(['under 6', '6 to 11', '11 to 16', '16 and over']);
    expect(Array.from(a.bins[0]!.slice(0, 40))).toEqual(Array.from(b.bins[0]!.slice(0, 40)));
    // a test value beyond the training range falls in the end band
    expect(a.bins[0]![40]).toBe(4);
    expect(b.bins[0]![40]).toBe(1);
  });

  it('pools categories rare in training, and gives unseen ones bin 0', () => {
    const data = binTokens(
      all([
        ['7', 'west'],
        ['8', 'east'],
      ]),
      trainRows,
      { minCount: 5 },
    );
    expect(data.binNames[1]).toEqual(['(unseen)', 'north', 'south', '(rare)']);
    expect(data.bins[1]![0]).toBe(3);
    expect(data.bins[1]![40]).toBe(UNSEEN);
    expect(data.bins[1]![41]).toBe(3);
  });

  it('keeps a blank number cell as a category of its own beside the bands', () => {
    const rows = [...training, ...Array.from({ length: 6 }, () => ['', 'north'])];
    const data = binTokens(
      tokenized(rows),
      rows.map((_, i) => i),
      { bands: 2 },
    );
    expect(data.binNames[0]).toEqual(['(unseen)', 'under 11', '11 and over', '(blank)']);
    expect(data.bands[0]).toBe(2);
    expect(data.bins[0]![45]).toBe(3);
  });

  it.each([
    [[1, 1, 1, 1, 2], 4, []],
    [[1, 1, 2, 2, 3, 3, 4, 4], 4, [2, 3, 4]],
    [[5, 5, 5], 3, []],
    [[1, 2, 3, 4, 5, 6, 7, 8], 2, [5]],
  ])('cuts %j into at most %i bands at %j', (values, bands, edges) => {
    expect(quantileEdges(values, bands)).toEqual(edges);
  });

  it('turns bins into one-hot features, bin 0 activating nothing', () => {
    const data = binTokens(all([['7', 'west']]), trainRows, { bands: 2 });
    const encoder = oneHot(data);
    expect(encoder.featureNames).toEqual([
      'amount=under 11',
      'amount=11 and over',
      'region=north',
      'region=south',
      'region=(rare)',
    ]);
    expect(Array.from(encoder.encode(40).index)).toEqual([0]);
    expect(Array.from(encoder.encode(1).index)).toEqual([0, 2]);
  });
});
