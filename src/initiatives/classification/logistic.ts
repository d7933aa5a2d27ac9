/**
 * One-vs-rest logistic regression over sparse features, L2-regularised, trained by full-batch
 * gradient descent with AdaGrad step sizes. Deterministic: the same examples give the same
 * weights, so the shipped classifier and its evaluation never drift apart. Pure.
 */

export interface SparseExample {
  values: ReadonlyMap<string, number>;
  /** The labels (domain keys) of the example. */
  labels: ReadonlySet<string>;
}

export interface BinaryModel {
  bias: number;
  weights: ReadonlyMap<string, number>;
}

export interface TrainingOptions {
  /** L2 penalty per weight, scaled by the number of examples. */
  l2: number;
  iterations: number;
  learningRate: number;
}

export const DEFAULT_TRAINING: TrainingOptions = { l2: 0.001, iterations: 600, learningRate: 1 };

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** One binary model per label: does the example carry `label`? */
export function trainOneVsRest(
  examples: readonly SparseExample[],
  labels: readonly string[],
  options: TrainingOptions = DEFAULT_TRAINING,
): Map<string, BinaryModel> {
  const models = new Map<string, BinaryModel>();
  for (const label of labels) {
    models.set(
      label,
      trainBinary(
        examples,
        examples.map((example) => (example.labels.has(label) ? 1 : 0)),
        options,
      ),
    );
  }
  return models;
}

export function trainBinary(
  examples: readonly SparseExample[],
  targets: readonly number[],
  options: TrainingOptions,
): BinaryModel {
  // Features become indices into typed arrays: training is a few hundred passes over the data.
  const index = new Map<string, number>();
  const rows = examples.map((example) => {
    const features = new Int32Array(example.values.size);
    const values = new Float64Array(example.values.size);
    let k = 0;
    for (const [feature, value] of example.values) {
      let i = index.get(feature);
      if (i === undefined) {
        i = index.size;
        index.set(feature, i);
      }
      features[k] = i;
      values[k] = value;
      k++;
    }
    return { features, values };
  });
  const size = index.size;
  const weights = new Float64Array(size);
  const squared = new Float64Array(size);
  const gradient = new Float64Array(size);
  const n = examples.length;
  // The bias starts at the log-odds of the label's frequency (smoothed): a text with no known
  // word then gets the base rate, instead of whatever the step sizes let the bias reach.
  const positives = targets.reduce((sum, target) => sum + target, 0);
  let bias = Math.log((positives + 0.5) / (n - positives + 0.5));
  let biasSquared = 0;
  for (let iteration = 0; iteration < options.iterations; iteration++) {
    for (let i = 0; i < size; i++) gradient[i] = options.l2 * (weights[i] as number);
    let biasGradient = 0;
    rows.forEach(({ features, values }, row) => {
      let z = bias;
      for (let k = 0; k < features.length; k++)
        z += (weights[features[k] as number] as number) * (values[k] as number);
      const error = (sigmoid(z) - (targets[row] as number)) / n;
      biasGradient += error;
      for (let k = 0; k < features.length; k++) {
        const i = features[k] as number;
        gradient[i] = (gradient[i] as number) + error * (values[k] as number);
      }
    });
    for (let i = 0; i < size; i++) {
      const g = gradient[i] as number;
      squared[i] = (squared[i] as number) + g * g;
      weights[i] =
        (weights[i] as number) - (options.learningRate * g) / (Math.sqrt(squared[i] as number) + 1e-8);
    }
    biasSquared += biasGradient * biasGradient;
    bias -= (options.learningRate * biasGradient) / (Math.sqrt(biasSquared) + 1e-8);
  }
  const named = new Map<string, number>();
  for (const [feature, i] of index) named.set(feature, weights[i] as number);
  return { bias, weights: named };
}

/** Linear score w·x + b. */
export function score(model: BinaryModel, values: ReadonlyMap<string, number>): number {
  let sum = model.bias;
  for (const [feature, value] of values) sum += (model.weights.get(feature) ?? 0) * value;
  return sum;
}

/** Each feature's share of the score, largest first, positive ones only. */
export function positiveContributions(
  model: BinaryModel,
  values: ReadonlyMap<string, number>,
): { feature: string; contribution: number }[] {
  const contributions: { feature: string; contribution: number }[] = [];
  for (const [feature, value] of values) {
    const contribution = (model.weights.get(feature) ?? 0) * value;
    if (contribution > 0) contributions.push({ feature, contribution });
  }
  return contributions.sort((a, b) => b.contribution - a.contribution || a.feature.localeCompare(b.feature));
}
