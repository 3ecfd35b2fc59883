/**
 * How fast the current tfjs backend trains, for `auto` when more than one fast backend loaded: one training
 * step of the network ML-Agents' defaults give a behavior (hidden_units 128, num_layers 2, batch_size 1024; 64
 * observations, 8 outputs), done the way Shiva's learners do it: forward, mean squared error, gradients, the
 * gradients read to the host, an update there, the weights assigned back (agents/networks/adam.ts). The update
 * here is plain SGD: Adam's extra arithmetic is the same host loop on every backend, so it changes no ranking.
 *
 * Cost: two warm-up steps (tfjs compiles or uploads on the first), then steps until `budgetMs` has passed (at
 * least three), the median kept. A few hundred milliseconds per backend.
 */
import * as tf from '@tensorflow/tfjs';
import { matMul } from './fast-ops.js';
import { Rng } from './rng.js';

/** The probe's network: inputs → hidden → hidden → outputs, `batch` rows. */
export interface SpeedProbe {
  readonly inputs: number;
  readonly hidden: number;
  readonly outputs: number;
  readonly batch: number;
}
export const SPEED_PROBE: SpeedProbe = { inputs: 64, hidden: 128, outputs: 8, batch: 1024 };

export interface StepSpeed {
  /** Median milliseconds of one timed step. */
  readonly msPerStep: number;
  /** Timed steps (after the warm-up). */
  readonly steps: number;
}

const WARM_UP_STEPS = 2;
const MIN_TIMED_STEPS = 3;
const MAX_TIMED_STEPS = 50;

/** Times the probe's training step on the backend in use now; every tensor it made is disposed after. */
export function timeTrainingStep(budgetMs = 200, probe: SpeedProbe = SPEED_PROBE): StepSpeed {
  const { inputs, hidden, outputs, batch } = probe;
  const rng = new Rng(12345);
  const normal = (n: number, scale: number) => Float32Array.from({ length: n }, () => rng.normal() * scale);
  const sizes: [number, number][] = [[inputs, hidden], [hidden, hidden], [hidden, outputs]];
  // In a tidy: a variable keeps its own reference to the data, the initial tensors go.
  const weights = tf.tidy(() =>
    sizes.flatMap(([rows, cols]) => [tf.variable(tf.tensor2d(normal(rows * cols, 1 / Math.sqrt(rows)), [rows, cols]), true), tf.variable(tf.zeros([cols]), true)]),
  );
  const x = tf.tensor2d(normal(batch * inputs, 1), [batch, inputs]);
  const y = tf.tensor2d(normal(batch * outputs, 1), [batch, outputs]);
  const forward = (): tf.Scalar => {
    let h: tf.Tensor2D = x;
    for (let layer = 0; layer < sizes.length; layer++) {
      const z = tf.add(matMul(h, weights[2 * layer] as tf.Tensor2D), weights[2 * layer + 1]!) as tf.Tensor2D;
      h = layer < sizes.length - 1 ? tf.relu(z) : z;
    }
    return tf.mean(tf.square(tf.sub(h, y)));
  };
  const step = (): void => {
    tf.tidy(() => {
      const { value, grads } = tf.variableGrads(forward, weights);
      for (const w of weights) {
        const g = grads[w.name]!.dataSync();
        const theta = (w.dataSync() as Float32Array).slice();
        for (let k = 0; k < theta.length; k++) theta[k] = theta[k]! - 1e-3 * g[k]!;
        w.assign(tf.tensor(theta, w.shape, 'float32'));
      }
      value.dataSync();
    });
  };
  try {
    for (let i = 0; i < WARM_UP_STEPS; i++) step();
    const times: number[] = [];
    const start = performance.now();
    while (times.length < MAX_TIMED_STEPS && (times.length < MIN_TIMED_STEPS || performance.now() - start < budgetMs)) {
      const t0 = performance.now();
      step();
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    return { msPerStep: times[Math.floor(times.length / 2)]!, steps: times.length };
  } finally {
    tf.dispose([x, y, ...weights]);
  }
}
