/**
 * The three networks `bench:backend-step` trains (issue 16, target 4), built from Shiva's own layers (dense
 * layers, the visual encoder) with seeded weights and inputs: an RL-sized MLP (64-64, batch 256), a large MLP
 * (512-512, batch 4096) and ML-Agents' default visual encoder ('simple') on 84×84×3 images (batch 256), each
 * with an 8-wide linear head and a mean-squared-error loss against seeded targets.
 *
 * One step is forward, loss, gradients and an Adam update, all on the backend (tf.train.adam), then the loss read
 * back asynchronously: the step a GPU needs, and the only one tfjs-backend-webgpu can run on Node (it cannot read
 * synchronously there; src/core/runtime/backend.ts). Shiva's learners step small weight arrays on the
 * host and read their gradients back synchronously (agents/networks/adam.ts; large arrays step on the backend).
 */
import * as tf from '@tensorflow/tfjs';
import { createDense, denseTf, type Dense } from '../agents/networks/dense.js';
import { ParameterSet } from '../agents/networks/parameters.js';
import { VisualEncoder } from '../agents/networks/visual-encoder.js';
import { Rng } from '../src/core/runtime/rng.js';

export const STEP_MODELS = ['mlp-64', 'mlp-512', 'visual-84'] as const;
export type StepModelName = (typeof STEP_MODELS)[number];

export interface StepModel {
  readonly name: StepModelName;
  /** What it is, for the table. */
  readonly label: string;
  readonly batch: number;
  readonly parameters: number;
  /** One training step; resolves with the loss read back. */
  step(): Promise<number>;
  dispose(): void;
}

const OUTPUTS = 8;
const OBSERVATIONS = 64;

export function createStepModel(name: StepModelName, seed = 1): StepModel {
  switch (name) {
    case 'mlp-64':
      return mlp(name, 'MLP 64→64→64→8', [64, 64], 256, seed);
    case 'mlp-512':
      return mlp(name, 'MLP 64→512→512→8', [512, 512], 4096, seed);
    case 'visual-84':
      return visual(name, seed);
  }
}

function mlp(name: StepModelName, label: string, hidden: readonly number[], batch: number, seed: number): StepModel {
  const rng = new Rng(seed);
  const params = new ParameterSet();
  const layers: Dense[] = [];
  let width = OBSERVATIONS;
  hidden.forEach((h, i) => {
    layers.push(createDense(params, `hidden${i}`, width, h, rng, Math.SQRT2));
    width = h;
  });
  const head = createDense(params, 'head', width, OUTPUTS, rng, 1);
  const forward = (x: tf.Tensor2D): tf.Tensor2D => denseTf(layers.reduce((h, layer) => tf.relu(denseTf(h, layer)), x), head);
  return trainer(name, label, params, batch, [batch, OBSERVATIONS], forward, rng);
}

function visual(name: StepModelName, seed: number): StepModel {
  const rng = new Rng(seed);
  const params = new ParameterSet();
  const shape = [3, 84, 84];
  const encoder = new VisualEncoder(params, 'encoder', shape, 128, rng, 'simple');
  const head = createDense(params, 'head', 128, OUTPUTS, rng, 1);
  const forward = (x: tf.Tensor2D): tf.Tensor2D => denseTf(encoder.forwardTf(x), head);
  return trainer(name, 'visual encoder (simple) 84×84×3 → 128 → 8', params, 256, [256, 3 * 84 * 84], forward, rng);
}

function trainer(name: StepModelName, label: string, params: ParameterSet, batch: number, inputShape: [number, number], forward: (x: tf.Tensor2D) => tf.Tensor2D, rng: Rng): StepModel {
  const normal = (n: number) => Float32Array.from({ length: n }, () => rng.normal());
  const x = tf.tensor2d(normal(inputShape[0] * inputShape[1]), inputShape);
  const y = tf.tensor2d(normal(batch * OUTPUTS), [batch, OUTPUTS]);
  const variables = params.variables();
  const optimizer = tf.train.adam(3e-4);
  return {
    name,
    label,
    batch,
    parameters: params.size,
    async step() {
      const loss = optimizer.minimize(() => tf.mean(tf.square(tf.sub(forward(x), y))) as tf.Scalar, true, variables)!;
      const value = (await loss.data())[0]!;
      loss.dispose();
      return value;
    },
    dispose() {
      optimizer.dispose();
      tf.dispose([x, y, ...variables]);
    },
  };
}
