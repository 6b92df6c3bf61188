import { say } from './io.ts';
import {
  EXPLAINED_ROWS,
  type BaselineName,
  type EvaluationResult,
  type Measured,
} from '../domain/learning/evaluate.ts';
import type { Metrics } from '../domain/learning/metrics.ts';

const f3 = (n: number) => (Number.isNaN(n) ? '  n/a' : n.toFixed(3));
const range = (xs: number[]) =>
  Math.min(...xs) === Math.max(...xs) ? String(xs[0]) : `${Math.min(...xs)}–${Math.max(...xs)}`;

const BASELINE_LABELS: Record<BaselineName, string> = {
  logistic: 'logistic regression',
  boostedTrees: 'boosted trees (reference)',
  naiveBayes: 'naive Bayes',
  baseRate: 'base rate',
};

const signed = (n: number) => `${n >= 0 ? '+' : '−'}${Math.abs(n).toFixed(3)}`;

/** The evaluation as a reader wants it: the design, the comparison, then the calibration. */
export function printEvaluation(result: EvaluationResult, seconds: number): void {
  const repeated = result.model.spread.auc.sd > 0 || result.model.spread.brier.sd > 0;
  const line = (name: string, m: Measured) =>
    `  ${name.padEnd(26)} ${f3(m.auc).padStart(6)} ${f3(m.brier).padStart(7)} ${f3(m.logLoss).padStart(8)} ${f3(m.ece).padStart(6)} ${f3(m.calibrationSlope).padStart(6)} ${f3(m.calibrationIntercept).padStart(7)} ${f3(m.accuracy).padStart(8)}${repeated ? `   ±${m.spread.auc.sd.toFixed(3)} / ±${m.spread.brier.sd.toFixed(3)}` : ''}`;
  say(
    `${result.rows} rows, ${(result.positiveRate * 100).toFixed(1)} % positive; ${result.design}; ${seconds.toFixed(1)} s`,
  );
  say(`columns: ${result.columns.map((c) => `${c.name} (${c.kind})`).join(', ')}; ${result.features} features`);
  say(
    `\n  ${''.padEnd(26)} ${'AUC'.padStart(6)} ${'Brier'.padStart(7)} ${'log loss'.padStart(8)} ${'ECE'.padStart(6)} ${'slope'.padStart(6)} ${'interc.'.padStart(7)} ${'accuracy'.padStart(8)}${repeated ? '   sd over repeats (AUC / Brier)' : ''}`,
  );
  say(line('ours (additive + trees)', result.model));
  for (const name of ['logistic', 'boostedTrees', 'naiveBayes', 'baseRate'] as const)
    say(line(BASELINE_LABELS[name], result.baselines[name]));
  const v = result.versusBest;
  say(
    `\n  ours against ${BASELINE_LABELS[v.baseline]}, paired on the same rows (95 % bootstrap): AUC ${signed(v.auc.difference)} [${signed(v.auc.low)}, ${signed(v.auc.high)}], Brier ${signed(v.brier.difference)} [${signed(v.brier.low)}, ${signed(v.brier.high)}]`,
  );
  say(
    `  a perfectly calibrated model would show an ECE of about ${result.perfectEce.toFixed(3)} on ${result.rows < 1000 ? 'so few' : 'this many'} rows by chance alone`,
  );
  const pairs = new Map<string, number>();
  for (const c of result.choices) for (const p of c.pairs) pairs.set(p, (pairs.get(p) ?? 0) + 1);
  const ridges = [...new Set(result.choices.map((c) => c.ridge))].join('/');
  const rates = [...new Set(result.choices.map((c) => c.learningRate))].join('/');
  const weights = range(result.choices.map((c) => c.blendWeight));
  const shares = range(result.choices.map((c) => c.ridgeShare));
  const bands = range(result.choices.map((c) => c.bands));
  say(
    `  chosen per training set: rounds ${range(result.choices.map((c) => c.rounds))}, learning rate ${rates}, trees ${range(result.choices.map((c) => c.treeRounds))}, trees' weight in ours ${weights}, the regression's share of ours' points ${shares}, bands of numbers in ours ${bands}, logistic ridge ${ridges}; pairs ${
      pairs.size === 0
        ? 'none'
        : [...pairs]
            .sort((a, b) => b[1] - a[1])
            .slice(0, 5)
            .map(([p, n]) => `${p}${result.choices.length > 1 ? ` (${n}/${result.choices.length})` : ''}`)
            .join(', ')
    }`,
  );
  const gap = Math.max(...result.choices.map((c) => c.explanationGap));
  say(
    `  ours' points per reason (the additive terms, plus the trees' exact attributions times their weight) add up to its log-odds: largest gap ${gap.toExponential(1)} on the first ${EXPLAINED_ROWS} test rows of each training set`,
  );
  if (result.leaks.length > 0) {
    // at most two per column: the point is the column, not every value of it
    const perColumn = new Map<string, number>();
    const shown = result.leaks.filter((l) => {
      const n = (perColumn.get(l.column) ?? 0) + 1;
      perColumn.set(l.column, n);
      return n <= 2;
    });
    say(
      `\n  warning: ${perColumn.size === 1 ? 'a column may leak' : `${perColumn.size} columns may leak`} the outcome`,
    );
    for (const leak of shown) say(`  - ${leak.message}`);
  }
  say('\n  calibration of ours: predicted -> observed (rows)');
  for (const bin of result.calibration.filter((b) => b.count > 0)) {
    say(
      `  ${(bin.from * 100).toFixed(0).padStart(3)}-${(bin.to * 100).toFixed(0).padEnd(3)} % ${(bin.meanPredicted * 100).toFixed(1).padStart(5)} % -> ${(bin.observedRate * 100).toFixed(1).padStart(5)} %  (${bin.count})`,
    );
  }
}

export function printOrgEvaluation(
  name: string,
  r: import('../server/assessment/evaluation.service.ts').OrganizationEvaluation,
): void {
  const line = (label: string, m: Metrics) =>
    `  ${label.padEnd(30)} ${f3(m.auc).padStart(6)} ${f3(m.brier).padStart(7)} ${f3(m.logLoss).padStart(8)} ${f3(m.ece).padStart(6)} ${f3(m.accuracy).padStart(8)}`;
  say(
    `${name}: ${r.rows} closed opportunities, ${(r.positiveRate * 100).toFixed(1)} % won; ${r.folds}-fold cross-validation of the knowledge-based model`,
  );
  say(
    `\n  ${''.padEnd(30)} ${'AUC'.padStart(6)} ${'Brier'.padStart(7)} ${'log loss'.padStart(8)} ${'ECE'.padStart(6)} ${'accuracy'.padStart(8)}`,
  );
  say(line('knowledge-based (fitted)', r.model));
  say(line('knowledge-based (expert prior)', r.prior));
  say(line('stage-based figure', r.stage));
  if (r.seller) say(line(`sellers' own figure (${r.seller.rows})`, r.seller));
  say(line('base rate', r.baseRate));
  if (r.curve) {
    say('\n  learning curve: trained on the first deals to close, tested on the next (AUC / Brier)');
    say(
      `  ${'trained on'.padEnd(12)} ${'tested on'.padStart(9)} ${'fitted'.padStart(15)} ${'priors alone'.padStart(15)} ${'base rate'.padStart(15)}`,
    );
    const pair = (m: Metrics) => `${f3(m.auc)} / ${f3(m.brier)}`;
    for (const p of r.curve)
      say(
        `  ${String(p.trainedOn).padEnd(12)} ${String(p.testedOn).padStart(9)} ${pair(p.model).padStart(15)} ${pair(p.prior).padStart(15)} ${pair(p.baseRate).padStart(15)}`,
      );
  }
}

/** The learning curve of a CSV: AUC / Brier of each learner at each training size. */
export function printTableCurve(points: readonly import('../domain/learning/curve.ts').TableCurvePoint[]): void {
  const pair = (m: Metrics) => `${f3(m.auc)} / ${f3(m.brier)}`;
  const names = ['model', 'logistic', 'boostedTrees', 'naiveBayes', 'baseRate'] as const;
  const labels = {
    model: 'ours',
    logistic: 'logistic',
    boostedTrees: 'boosted trees',
    naiveBayes: 'naive Bayes',
    baseRate: 'base rate',
  };
  say('learning curve: trained on the first rows to close, tested on the next (AUC / Brier)\n');
  say(`  ${'trained on'.padEnd(11)} ${'tested on'.padStart(9)} ${names.map((n) => labels[n].padStart(15)).join(' ')}`);
  for (const p of points)
    say(
      `  ${String(p.trainedOn).padEnd(11)} ${String(p.testedOn).padStart(9)} ${names.map((n) => pair(p[n]).padStart(15)).join(' ')}`,
    );
}
