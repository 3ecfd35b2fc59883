/**
 * Proximal Policy Optimization: the update step, readable top to bottom. Collection lives with the caller
 * (src/training); the networks and the buffer are imported from agents/networks and ./rollout-buffer.
 *
 * One update, given a batch of transitions with advantages (see gae.ts):
 *   1. decay learning rate, β and ε with training progress (ML-Agents' schedules);
 *   2. normalise observations with the statistics the actions were chosen under;
 *   3. num_epoch passes, each over a fresh seeded shuffle cut into minibatches of batch_size:
 *      evaluate log π(a|s), entropy and V(s) under the current weights → PPO loss (ppo-loss.ts) → gradients →
 *      clip to a global norm → Adam;
 *   4. fold the batch's observations into the normaliser, copy the weights to the fast acting path.
 *
 * Rule factors: a transition may carry factors f (Σ branch sizes, see networks/distributions.ts); its
 * log-probability is then evaluated under the same combined policy π·f/Z that chose the action, so the ratio
 * compares like with like. They come with the batch (recorded when acting) or through `options.factors`.
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../../src/core/runtime/rng.js';
import type { ActorCritic, EvaluateInputs } from '../networks/actor-critic.js';
import { Adam, type SavedAdam } from '../networks/adam.js';
import { factorArrays, oneHotActions, type FactorArrays } from '../networks/distributions-tf.js';
import type { PpoHyperparameters } from './hyperparameters.js';
import { ppoLoss } from './ppo-loss.js';
import type { TrainingBatch } from './rollout-buffer.js';
import { decayedCoefficients } from './schedule.js';

export interface PpoUpdateOptions {
  /** Per-transition factors (size × Σ branch sizes) replacing batch.factors. */
  readonly factors?: Float32Array | null;
}

/** Means over the minibatches of one update, and the scheduled values it used. */
export interface PpoUpdateStats {
  readonly policyLoss: number;
  readonly valueLoss: number;
  readonly entropy: number;
  readonly approxKl: number;
  readonly clipFraction: number;
  /** Global gradient norm before clipping. */
  readonly gradNorm: number;
  readonly learningRate: number;
  readonly beta: number;
  readonly epsilon: number;
  readonly minibatches: number;
}

export interface SavedPpo {
  readonly optimizer: SavedAdam;
}

export class Ppo {
  readonly optimizer: Adam;
  private readonly variables: tf.Variable[];

  constructor(
    readonly policy: ActorCritic,
    readonly hp: PpoHyperparameters,
    /** Shuffles minibatches; give it its own stream (RunSeeds.rng('ppo')). */
    private readonly rng: Rng,
  ) {
    this.variables = policy.params.variables();
    this.optimizer = new Adam(this.variables, { epsilon: hp.adam_epsilon });
  }

  /** One PPO update on `batch`; `progress` is the fraction of max_steps done (drives the schedules). */
  update(batch: TrainingBatch, progress: number, options: PpoUpdateOptions = {}): PpoUpdateStats {
    const { hp, policy } = this;
    const n = batch.size;

    // 1. Schedules.
    const { learningRate, beta, epsilon } = decayedCoefficients(hp, progress);
    const totals = { policyLoss: 0, valueLoss: 0, entropy: 0, approxKl: 0, clipFraction: 0, gradNorm: 0 };
    if (n === 0) return { ...totals, learningRate, beta, epsilon, minibatches: 0 };

    // 2. Inputs for the whole batch, computed once.
    const observations = policy.normalizeObservations(batch.observations, n);
    const factors = options.factors !== undefined ? options.factors : batch.factors;
    const factorData = factors && policy.logitsSize > 0 ? factorArrays(factors) : null;
    const oneHot = policy.logitsSize > 0 ? oneHotActions(batch.discreteActions, n, policy.branches) : null;

    // 3. Epochs × minibatches over seeded shuffles.
    const minibatchSize = Math.min(hp.batch_size, n);
    const minibatchesPerEpoch = Math.floor(n / minibatchSize);
    const order = Int32Array.from({ length: n }, (_, i) => i);
    let count = 0;
    for (let epoch = 0; epoch < hp.num_epoch; epoch++) {
      this.rng.shuffle(order);
      for (let m = 0; m < minibatchesPerEpoch; m++) {
        const rows = order.subarray(m * minibatchSize, (m + 1) * minibatchSize);
        const s = this.trainMinibatch(batch, observations, oneHot, factorData, rows, learningRate, beta, epsilon);
        for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += s[k];
        count++;
      }
    }

    // 4. Normaliser and fast-path weights.
    policy.updateNormalizers(batch.observations, n);
    policy.syncHost();
    const mean = (v: number) => v / count;
    return {
      policyLoss: mean(totals.policyLoss),
      valueLoss: mean(totals.valueLoss),
      entropy: mean(totals.entropy),
      approxKl: mean(totals.approxKl),
      clipFraction: mean(totals.clipFraction),
      gradNorm: mean(totals.gradNorm),
      learningRate,
      beta,
      epsilon,
      minibatches: count,
    };
  }

  /** One gradient step on the rows `rows` of the batch. All tensors live inside tf.tidy except two read back. */
  private trainMinibatch(
    batch: TrainingBatch,
    observations: readonly Float32Array[],
    oneHot: Float32Array | null,
    factorData: FactorArrays | null,
    rows: Int32Array,
    learningRate: number,
    beta: number,
    epsilon: number,
  ) {
    const { hp, policy } = this;
    const b = rows.length;
    const S = policy.logitsSize;
    const C = policy.continuousSize;
    const advantages = gather(batch.advantages, 1, rows);
    if (hp.normalize_advantages) normalizeInPlace(advantages);

    let diagnostics: tf.Tensor | null = null;
    const gradNorm = tf.tidy(() => {
      const inputs: EvaluateInputs = {
        observations: observations.map((obs, i) => tf.tensor2d(gather(obs, policy.observationSizes[i]!, rows), [b, policy.observationSizes[i]!])),
        continuousActions: C > 0 ? tf.tensor2d(gather(batch.continuousActions, C, rows), [b, C]) : null,
        oneHot: oneHot ? tf.tensor2d(gather(oneHot, S, rows), [b, S]) : null,
        allowed: factorData ? tf.tensor2d(gather(factorData.allowed, S, rows), [b, S]) : null,
        offset: factorData ? tf.tensor2d(gather(factorData.offset, S, rows), [b, S]) : null,
      };
      const oldLogProb = tf.tensor1d(gather(batch.logProbs, 1, rows));
      const oldValue = tf.tensor1d(gather(batch.values, 1, rows));
      const returns = tf.tensor1d(gather(batch.returns, 1, rows));
      const advantagesT = tf.tensor1d(advantages);

      const { grads } = tf.variableGrads(() => {
        const evaluation = policy.evaluateTf(inputs);
        const terms = ppoLoss({
          newLogProb: evaluation.logProb,
          oldLogProb,
          advantages: advantagesT,
          newValue: evaluation.value,
          oldValue,
          returns,
          entropy: evaluation.entropy,
          epsilon,
          beta,
          valueLossCoef: hp.value_loss_coef,
          clipValueLoss: hp.clip_value_loss,
        });
        // Kept past the gradient scope; read and disposed below.
        diagnostics = tf.keep(tf.stack([terms.policyLoss, terms.valueLoss, evaluation.entropy, terms.approxKl, terms.clipFraction]));
        return terms.loss;
      }, this.variables);

      // Global-norm clipping: scale every gradient by min(1, max_norm / ‖g‖), on the host with the Adam step
      // (see networks/adam.ts: per-array tfjs calls cost more than the arithmetic for networks this size).
      const host = this.variables.map((v) => (grads[v.name] ? (grads[v.name]!.dataSync() as Float32Array) : new Float32Array(v.size)));
      let squares = 0;
      for (const g of host) for (let k = 0; k < g.length; k++) squares += g[k]! * g[k]!;
      const norm = Math.sqrt(squares);
      const scale = hp.max_grad_norm > 0 ? Math.min(1, hp.max_grad_norm / (norm + 1e-6)) : 1;
      this.optimizer.applyHost(host, learningRate, scale);
      return tf.scalar(norm);
    });

    const d = (diagnostics as tf.Tensor | null)!;
    const [policyLoss, valueLoss, entropy, approxKl, clipFraction] = d.dataSync();
    const norm = gradNorm.dataSync()[0]!;
    tf.dispose([d, gradNorm]);
    return { policyLoss: policyLoss!, valueLoss: valueLoss!, entropy: entropy!, approxKl: approxKl!, clipFraction: clipFraction!, gradNorm: norm };
  }

  save(): SavedPpo {
    return { optimizer: this.optimizer.save() };
  }

  load(saved: SavedPpo, where: string): void {
    this.optimizer.load(saved?.optimizer, `${where}: optimizer`);
  }

  dispose(): void {
    this.optimizer.dispose();
  }
}

/** Rows `rows` of a row-major array with `width` columns. */
function gather(src: Float32Array, width: number, rows: Int32Array): Float32Array {
  const out = new Float32Array(rows.length * width);
  if (width === 1) {
    for (let i = 0; i < rows.length; i++) out[i] = src[rows[i]!]!;
    return out;
  }
  for (let i = 0; i < rows.length; i++) out.set(src.subarray(rows[i]! * width, (rows[i]! + 1) * width), i * width);
  return out;
}

function normalizeInPlace(values: Float32Array): void {
  const n = values.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i]!;
  mean /= n;
  let variance = 0;
  for (let i = 0; i < n; i++) variance += (values[i]! - mean) ** 2;
  // Sample std (n − 1), as torch's .std() in CleanRL.
  const std = Math.sqrt(variance / Math.max(1, n - 1));
  for (let i = 0; i < n; i++) values[i] = (values[i]! - mean) / (std + 1e-8);
}
