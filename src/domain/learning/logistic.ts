// Logistic regression over sparse features, fitted by Newton's method (IRLS, each step halved
// until it does not lose) with a Gaussian
// prior on every coefficient: maximise log-likelihood − ½·Σ λ_j (β_j − μ_j)². With the prior
// means μ set to expert coefficients, few examples leave the model near the experts' view and
// many examples move it to what the data says: that is the shrinkage.

/** A row: the indices of its active features and their values (1 for a one-hot category). */
export type SparseRow = { index: Int32Array; value: Float64Array };

export type LogisticModel = {
  /** intercept first, then one coefficient per feature */
  coefficients: Float64Array;
};

export type FitOptions = {
  /** prior mean per coefficient (intercept included); default 0 */
  priorMean?: Float64Array;
  /** prior precision per coefficient (intercept included); default 1 for features, 1e-4 for the intercept */
  priorPrecision?: Float64Array;
  maxIterations?: number;
  tolerance?: number;
  /** per-row weights (e.g. to balance repeats); default 1 */
  weights?: Float64Array;
  /** where Newton's method starts (a nearby earlier fit converges in fewer steps); default the prior mean */
  initial?: Float64Array;
};

export const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));
export const logit = (p: number) => Math.log(p / (1 - p));

export function linearPredictor(model: LogisticModel, row: SparseRow): number {
  const beta = model.coefficients;
  let z = beta[0]!;
  for (let k = 0; k < row.index.length; k++) z += beta[row.index[k]! + 1]! * row.value[k]!;
  return z;
}

export function predict(model: LogisticModel, row: SparseRow): number {
  return sigmoid(linearPredictor(model, row));
}

/** Solves A x = b for a symmetric positive-definite A (Cholesky), in place on copies. */
function solveSpd(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * n + j]!;
      for (let k = 0; k < j; k++) sum -= l[i * n + k]! * l[j * n + k]!;
      if (i === j) l[i * n + i] = Math.sqrt(Math.max(sum, 1e-12));
      else l[i * n + j] = sum / l[j * n + j]!;
    }
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = b[i]!;
    for (let k = 0; k < i; k++) sum -= l[i * n + k]! * y[k]!;
    y[i] = sum / l[i * n + i]!;
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let sum = y[i]!;
    for (let k = i + 1; k < n; k++) sum -= l[k * n + i]! * x[k]!;
    x[i] = sum / l[i * n + i]!;
  }
  return x;
}

export function fitLogistic(
  rows: readonly SparseRow[],
  labels: ArrayLike<number>,
  featureCount: number,
  options: FitOptions = {},
): LogisticModel {
  const p = featureCount + 1;
  const mean = options.priorMean ?? new Float64Array(p);
  const precision = options.priorPrecision ?? Float64Array.from({ length: p }, (_, j) => (j === 0 ? 1e-4 : 1));
  const beta = Float64Array.from(options.initial ?? mean);
  const maxIterations = options.maxIterations ?? 25;
  const tolerance = options.tolerance ?? 1e-6;
  const model = { coefficients: beta };
  /** The penalised log-likelihood at the current coefficients. */
  const objective = () => {
    let sum = 0;
    for (let i = 0; i < rows.length; i++) {
      const z = linearPredictor(model, rows[i]!);
      // log(1 + e^z) − y·z, computed without overflow
      const loss = (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - labels[i]! * z;
      sum -= (options.weights ? options.weights[i]! : 1) * loss;
    }
    for (let j = 0; j < p; j++) sum -= 0.5 * precision[j]! * (beta[j]! - mean[j]!) ** 2;
    return sum;
  };

  for (let iteration = 0; iteration < maxIterations; iteration++) {
    // gradient of the penalised log-likelihood and the negative Hessian
    const gradient = new Float64Array(p);
    const hessian = new Float64Array(p * p);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      const w = options.weights ? options.weights[i]! : 1;
      const mu = predict(model, row);
      const residual = w * (labels[i]! - mu);
      const curvature = w * Math.max(mu * (1 - mu), 1e-10);
      gradient[0]! += residual;
      hessian[0]! += curvature;
      for (let a = 0; a < row.index.length; a++) {
        const ja = row.index[a]! + 1;
        const va = row.value[a]!;
        gradient[ja]! += residual * va;
        hessian[ja * p]! += curvature * va;
        hessian[ja]! += curvature * va;
        for (let b = 0; b < row.index.length; b++) {
          hessian[ja * p + row.index[b]! + 1]! += curvature * va * row.value[b]!;
        }
      }
    }
    for (let j = 0; j < p; j++) {
      gradient[j]! -= precision[j]! * (beta[j]! - mean[j]!);
      hessian[j * p + j]! += precision[j]!;
    }
    const step = solveSpd(hessian, gradient, p);
    // a full Newton step can overshoot far from the optimum (saturated rows, features that never
    // vary): halve it until the penalised log-likelihood does not fall
    const start = Float64Array.from(beta);
    const before = objective();
    let scale = 1;
    for (let halving = 0; ; halving++) {
      for (let j = 0; j < p; j++) beta[j] = start[j]! + scale * step[j]!;
      if (halving === 30 || objective() >= before - 1e-9 * Math.abs(before)) break;
      scale /= 2;
    }
    let change = 0;
    for (let j = 0; j < p; j++) change = Math.max(change, Math.abs(scale * step[j]!));
    if (change < tolerance) break;
  }
  return model;
}
