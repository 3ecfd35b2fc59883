/**
 * Deep Q-learning: one gradient step, readable top to bottom. Collection, ε-greedy acting and the replay buffer
 * live with the caller (src/training/dqn-learner.ts); the network is agents/networks/q-network.ts.
 *
 * One gradient step on a sampled batch of (n-step) transitions:
 *   1. next Q-values of the online (double DQN) and target networks on the host copies;
 *   2. TD targets y = r + γᵏ(1 − done)·Q⁻(s', a*) with the masked argmax a* (td-target.ts);
 *   3. Huber loss of Q(s, a) − y, importance-weighted, summed over branches (dqn-loss.ts) → gradients → clip to a
 *      global norm → Adam → copy weights to the host;
 *   4. every target_update_interval steps, θ⁻ ← τθ + (1 − τ)θ⁻.
 * The TD errors come back so prioritised replay can set new priorities.
 */
import * as tf from '@tensorflow/tfjs';
import { ShivaError } from '../../src/core/errors.js';
import { Adam, type SavedAdam } from '../networks/adam.js';
import { clippedAdamStep } from '../networks/adam-step.js';
import { observationTensors } from '../networks/batch-tensors.js';
import { branchIndicator } from '../networks/branch-indicator.js';
import { oneHotActions } from '../networks/distributions-tf.js';
import type { QNetwork } from '../networks/q-network.js';
import type { ReplayBatch } from '../replay/replay-types.js';
import { dqnLoss } from './dqn-loss.js';
import type { DqnHyperparameters } from './hyperparameters.js';
import { tdTargets } from './td-target.js';

export interface DqnStepStats {
  readonly loss: number;
  readonly meanQ: number;
  /** Global gradient norm before clipping. */
  readonly gradNorm: number;
  /** Per transition: mean over branches of |δ|, for prioritised replay. */
  readonly tdErrors: Float32Array;
}

export interface SavedDqn {
  readonly optimizer: SavedAdam;
  readonly gradientSteps: number;
}

export class Dqn {
  readonly optimizer: Adam;
  private readonly variables: tf.Variable[];
  private readonly branchOf: Float32Array;
  private steps = 0;

  constructor(
    readonly online: QNetwork,
    readonly target: QNetwork,
    readonly hp: DqnHyperparameters,
  ) {
    this.variables = online.params.variables();
    this.optimizer = new Adam(this.variables, { epsilon: 1e-8 });
    this.branchOf = branchIndicator(online.branches);
  }

  /** Gradient steps taken. */
  get gradientSteps(): number {
    return this.steps;
  }

  gradientStep(batch: ReplayBatch): DqnStepStats {
    const { hp, online, target } = this;
    const n = batch.size;
    const width = online.width;
    const nb = online.branches.length;

    // 1–2. Targets on the host copies (held constant by the loss).
    const nextQTarget = target.forwardHost(batch.nextObservations, n);
    const targets = tdTargets({
      rows: n,
      branches: online.branches,
      rewards: batch.rewards,
      dones: batch.dones,
      discounts: batch.discounts,
      nextQTarget,
      nextQOnline: hp.double_q ? online.forwardHost(batch.nextObservations, n) : null,
      nextMasks: batch.nextActionMasks,
      double: hp.double_q,
    });

    // 3. Loss, gradients, clipping, Adam.
    let diagnostics: tf.Tensor | null = null;
    let tdHost: Float32Array = new Float32Array(0);
    const gradNorm = tf.tidy(() => {
      const observations = observationTensors(batch.observations, online.observationSizes, n);
      const oneHot = tf.tensor2d(oneHotActions(batch.discreteActions, n, online.branches), [n, width]);
      const branchOf = tf.tensor2d(this.branchOf, [width, nb]);
      const y = tf.tensor2d(targets, [n, nb]);
      const weights = tf.tensor1d(batch.weights);
      let td: tf.Tensor | null = null;
      const { grads } = tf.variableGrads(() => {
        const terms = dqnLoss(online.forwardTf(observations), oneHot, branchOf, y, weights, hp.huber_delta);
        diagnostics = tf.keep(tf.stack([terms.loss, terms.meanQ]));
        td = tf.keep(terms.tdErrors);
        return terms.loss;
      }, this.variables);
      tdHost = (td as tf.Tensor | null)!.dataSync() as Float32Array;
      tf.dispose(td!);
      return tf.scalar(clippedAdamStep(this.variables, grads, this.optimizer, hp.learning_rate, hp.max_grad_norm));
    });
    online.syncHost();
    const d = (diagnostics as tf.Tensor | null)!;
    const [loss, meanQ] = d.dataSync();
    const norm = gradNorm.dataSync()[0]!;
    tf.dispose([d, gradNorm]);

    // 4. Target network.
    this.steps++;
    if (this.steps % hp.target_update_interval === 0) target.softUpdateFrom(online, hp.tau);

    const tdErrors = new Float32Array(n);
    for (let r = 0; r < n; r++) {
      let s = 0;
      for (let b = 0; b < nb; b++) s += Math.abs(tdHost[r * nb + b]!);
      tdErrors[r] = s / nb;
    }
    return { loss: loss!, meanQ: meanQ!, gradNorm: norm, tdErrors };
  }

  save(): SavedDqn {
    return { optimizer: this.optimizer.save(), gradientSteps: this.steps };
  }

  load(saved: SavedDqn, where: string): void {
    const steps = saved?.gradientSteps;
    if (!Number.isSafeInteger(steps) || steps < 0) {
      throw new ShivaError('SHIVA_ERR_MODEL_STATE', `${where}: gradientSteps: expected an integer ≥ 0, got ${JSON.stringify(steps ?? null)}`);
    }
    this.optimizer.load(saved.optimizer, `${where}: optimizer`);
    this.steps = steps;
  }

  dispose(): void {
    this.optimizer.dispose();
  }
}
