/**
 * Multinomial logistic regression (softmax regression) on sparse inputs, trained by stochastic
 * gradient descent with L2 regularisation and per-sample weights. Small on purpose: the safety
 * classifier (safety-classifier.ts) needs a linear model over a few hundred thousand sparse
 * features that trains in seconds for cross-validation and whose file is a plain weight table.
 */

/** One example: the ids of its active inputs, their values, its class and how much it counts. */
export type SparseSample = { ids: Int32Array; values: Float32Array; label: number; weight: number };

export type SoftmaxOptions = {
  classes: number;
  /** Number of input ids (the largest id + 1). */
  inputs: number;
  epochs?: number;
  /** Initial learning rate; it decays as 1 / (1 + decay · step). */
  rate?: number;
  decay?: number;
  /** L2 strength per example (applied lazily to the inputs an example touches). */
  l2?: number;
  seed?: number;
};

/** Weights row-major by input: weights[id * classes + c]; bias[c]. */
export type SoftmaxWeights = { classes: number; weights: Float64Array; bias: Float64Array };

/** A small deterministic random generator (mulberry32), so training is repeatable. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Class probabilities for raw scores (in place). */
export function softmaxInPlace(z: Float64Array | number[]): void {
  let max = -Infinity;
  for (let c = 0; c < z.length; c++) if (z[c]! > max) max = z[c]!;
  let sum = 0;
  for (let c = 0; c < z.length; c++) {
    z[c] = Math.exp(z[c]! - max);
    sum += z[c]!;
  }
  for (let c = 0; c < z.length; c++) z[c] = z[c]! / sum;
}

export function predictSparse(m: SoftmaxWeights, ids: Int32Array, values: Float32Array): Float64Array {
  const k = m.classes;
  const z = Float64Array.from(m.bias);
  for (let j = 0; j < ids.length; j++) {
    const base = ids[j]! * k;
    const v = values[j]!;
    for (let c = 0; c < k; c++) z[c] = z[c]! + m.weights[base + c]! * v;
  }
  softmaxInPlace(z);
  return z;
}

export function trainSoftmax(samples: readonly SparseSample[], opts: SoftmaxOptions): SoftmaxWeights {
  const k = opts.classes;
  const epochs = opts.epochs ?? 10;
  const rate0 = opts.rate ?? 0.5;
  const decay = opts.decay ?? 1e-4;
  const l2 = opts.l2 ?? 1e-5;
  const random = seededRandom(opts.seed ?? 1);
  const m: SoftmaxWeights = { classes: k, weights: new Float64Array(opts.inputs * k), bias: new Float64Array(k) };
  const order = samples.map((_, i) => i);
  let step = 0;
  for (let e = 0; e < epochs; e++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const i of order) {
      const s = samples[i]!;
      const p = predictSparse(m, s.ids, s.values);
      const rate = rate0 / (1 + decay * step++);
      for (let c = 0; c < k; c++) {
        const g = (p[c]! - (c === s.label ? 1 : 0)) * s.weight;
        m.bias[c] = m.bias[c]! - rate * g;
        for (let j = 0; j < s.ids.length; j++) {
          const at = s.ids[j]! * k + c;
          m.weights[at] = m.weights[at]! * (1 - rate * l2) - rate * g * s.values[j]!;
        }
      }
    }
  }
  return m;
}
