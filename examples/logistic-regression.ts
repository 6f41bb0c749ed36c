/**
 * A tiny logistic regression trained by full-batch gradient descent on a dataset generated in
 * code with a seeded PRNG, so every run of the demo sees the same data.
 */

/** One labelled example: two features and a 0/1 label. */
export interface Example {
  x1: number;
  x2: number;
  label: 0 | 1;
}

/** Weights of the model: `p(label = 1) = sigmoid(w1·x1 + w2·x2 + b)`. */
export interface Weights {
  w1: number;
  w2: number;
  b: number;
}

/** Loss and accuracy after one epoch. */
export interface EpochResult {
  epoch: number;
  loss: number;
  accuracy: number;
  weights: Weights;
}

/** mulberry32: a small, fast, seedable PRNG returning floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Two overlapping Gaussian blobs, half of each class, shuffled. */
export function makeBlobs(options: { samples: number; seed: number }): Example[] {
  const random = seededRandom(options.seed);
  const normal = () => {
    const u = 1 - random();
    const v = random();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  const examples: Example[] = [];
  for (let i = 0; i < options.samples; i++) {
    const label = i % 2 === 0 ? 1 : 0;
    const centre = label === 1 ? { x: 1.2, y: 0.8 } : { x: -1.0, y: -0.6 };
    examples.push({ x1: centre.x + normal(), x2: centre.y + normal(), label });
  }
  for (let i = examples.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [examples[i], examples[j]] = [examples[j]!, examples[i]!];
  }
  return examples;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Mean log loss and accuracy of `weights` on `data`. */
export function evaluate(
  weights: Weights,
  data: readonly Example[],
): { loss: number; accuracy: number } {
  let loss = 0;
  let correct = 0;
  for (const { x1, x2, label } of data) {
    const p = Math.min(
      Math.max(sigmoid(weights.w1 * x1 + weights.w2 * x2 + weights.b), 1e-12),
      1 - 1e-12,
    );
    loss -= label === 1 ? Math.log(p) : Math.log(1 - p);
    if ((p >= 0.5 ? 1 : 0) === label) correct++;
  }
  return { loss: loss / data.length, accuracy: correct / data.length };
}

/** Trains from zero weights, calling `onEpoch` after each epoch with the training loss and accuracy. */
export async function train(
  data: readonly Example[],
  options: {
    learningRate: number;
    epochs: number;
    onEpoch: (result: EpochResult) => Promise<void> | void;
  },
): Promise<Weights> {
  const weights: Weights = { w1: 0, w2: 0, b: 0 };
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    let g1 = 0;
    let g2 = 0;
    let gb = 0;
    for (const { x1, x2, label } of data) {
      const error = sigmoid(weights.w1 * x1 + weights.w2 * x2 + weights.b) - label;
      g1 += error * x1;
      g2 += error * x2;
      gb += error;
    }
    weights.w1 -= (options.learningRate * g1) / data.length;
    weights.w2 -= (options.learningRate * g2) / data.length;
    weights.b -= (options.learningRate * gb) / data.length;
    await options.onEpoch({ epoch, ...evaluate(weights, data), weights: { ...weights } });
  }
  return weights;
}
