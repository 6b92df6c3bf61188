// How good are probabilities? Discrimination (AUC), accuracy of the probabilities themselves
// (Brier, log loss) and calibration (expected calibration error and a reliability table).

export type Scored = { p: number; y: 0 | 1 };

/** Area under the ROC curve by ranks (Mann-Whitney), ties sharing the average rank. */
export function auc(items: readonly Scored[]): number {
  const positives = items.filter((i) => i.y === 1).length;
  const negatives = items.length - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  const sorted = [...items].sort((a, b) => a.p - b.p);
  let rankSumPositives = 0;
  let i = 0;
  while (i < sorted.length) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1]!.p === sorted[i]!.p) j++;
    const averageRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) if (sorted[k]!.y === 1) rankSumPositives += averageRank;
    i = j + 1;
  }
  return (rankSumPositives - (positives * (positives + 1)) / 2) / (positives * negatives);
}

export function brier(items: readonly Scored[]): number {
  return items.reduce((sum, { p, y }) => sum + (p - y) ** 2, 0) / items.length;
}

export function logLoss(items: readonly Scored[]): number {
  const eps = 1e-12;
  return (
    -items.reduce((sum, { p, y }) => sum + (y === 1 ? Math.log(Math.max(p, eps)) : Math.log(Math.max(1 - p, eps))), 0) /
    items.length
  );
}

export function accuracy(items: readonly Scored[], threshold = 0.5): number {
  return items.filter(({ p, y }) => (p >= threshold ? 1 : 0) === y).length / items.length;
}

export type CalibrationBin = { from: number; to: number; count: number; meanPredicted: number; observedRate: number };

/** Predictions grouped in equal-width bins: what was predicted against what happened. */
export function calibrationTable(items: readonly Scored[], bins = 10): CalibrationBin[] {
  const table = Array.from({ length: bins }, (_, b) => ({
    from: b / bins,
    to: (b + 1) / bins,
    count: 0,
    sumP: 0,
    sumY: 0,
  }));
  for (const { p, y } of items) {
    const bin = table[Math.min(bins - 1, Math.floor(p * bins))]!;
    bin.count += 1;
    bin.sumP += p;
    bin.sumY += y;
  }
  return table.map((b) => ({
    from: b.from,
    to: b.to,
    count: b.count,
    meanPredicted: b.count ? b.sumP / b.count : 0,
    observedRate: b.count ? b.sumY / b.count : 0,
  }));
}

/** Σ (bin share) · |mean predicted − observed rate| over equal-width bins. */
export function expectedCalibrationError(items: readonly Scored[], bins = 10): number {
  return calibrationTable(items, bins).reduce(
    (sum, b) => sum + (b.count / items.length) * Math.abs(b.meanPredicted - b.observedRate),
    0,
  );
}

export type Metrics = { auc: number; brier: number; logLoss: number; ece: number; accuracy: number };

export function evaluate(items: readonly Scored[]): Metrics {
  return {
    auc: auc(items),
    brier: brier(items),
    logLoss: logLoss(items),
    ece: expectedCalibrationError(items),
    accuracy: accuracy(items),
  };
}
