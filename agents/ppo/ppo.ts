/**
 * Proximal Policy Optimization: the update step, readable top to bottom. Collection lives with the caller
 * (src/training); the networks and the buffer are imported from agents/networks and ./rollout-buffer.
 *
 * One update, given a batch of transitions with advantages (see gae.ts):
 *   1. decay learning rate, β and ε with training progress (ML-Agents' schedules);
 *   2. normalise observations with the statistics the actions were chosen under;
 *   3. advantages normalised over the whole batch (ML-Agents' on-policy trainer; normalize_advantages), then
 *      num_epoch passes, each over a fresh seeded shuffle cut into ⌊size / batch_size⌋ minibatches of batch_size:
 *      the heads (logits, Gaussian mean, V(s)) under the current weights → PPO loss and its gradient with respect
 *      to the heads (ppo-loss-op.ts; ppo-loss.ts is the same loss on tensors) → gradients through the networks →
 *      clip to a global norm → Adam;
 *   4. fold the batch's observations into the normaliser, copy the weights to the fast acting path.
 *
 * Rule factors: a transition may carry factors f (Σ branch sizes, see networks/distributions.ts); its
 * log-probability is then evaluated under the same combined policy π·f/Z that chose the action, so the ratio
 * compares like with like. They come with the batch (recorded when acting) or through `options.factors`.
 *
 * Reward signals: with `heads` (one value head per signal beside the extrinsic one, value-heads.ts) and a batch
 * carrying each signal's values and returns, the value loss is the mean of every head's clipped loss (ML-Agents);
 * the heads train with the same Adam and gradient clipping as the rest of the network.
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../../src/core/runtime/rng.js';
import type { ActorCritic, SequenceInputs } from '../networks/actor-critic.js';
import { Adam, type SavedAdam } from '../networks/adam.js';
import { normalizeBufferAdvantages, trainMinibatches } from '../networks/minibatches.js';
import { minibatchObservations, policyBatch, type PolicyBatch } from '../networks/policy-batch.js';
import { decayedCoefficients } from '../networks/schedule.js';
import type { PpoHyperparameters } from './hyperparameters.js';
import type { MinibatchStats } from './ppo-loss.js';
import { gatherTargets, stepOnPpoLoss, type PpoHeads } from './ppo-loss-op.js';
import type { TrainingBatch } from './update-buffer.js';
import type { SignalValueHeads } from './value-heads.js';

export interface PpoUpdateOptions {
  /** Per-transition factors (size × Σ branch sizes) replacing batch.factors. */
  readonly factors?: Float32Array | null;
}

/** Means over the minibatches of one update, and the scheduled values it used. */
export interface PpoUpdateStats extends MinibatchStats {
  readonly learningRate: number;
  readonly beta: number;
  readonly epsilon: number;
  readonly minibatches: number;
}

/**
 * The heads PPO's loss reads (ppo-loss-op.ts) under the current weights: logits, Gaussian mean and log-std, the
 * extrinsic value and each reward signal's (`signalHeads`, null without signals). With memory, `sequences` gives
 * the recurrent inputs and the heads have one row per real step. Call inside a gradient scope.
 */
export function actorCriticHeads(policy: ActorCritic, signalHeads: SignalValueHeads | null, observations: readonly tf.Tensor2D[], sequences?: SequenceInputs): PpoHeads {
  const { logits, mean, value } = policy.forwardTf(observations, sequences);
  // The signals' heads read the critic's embedding again (a second pass over the critic's encoder and LSTM).
  const values = signalHeads ? [value, ...signalHeads.valuesTf(observations, sequences)] : [value];
  return { logits, mean, logStd: mean ? policy.logStdTf() : null, values };
}

export interface SavedPpo {
  readonly optimizer: SavedAdam;
}

export class Ppo {
  readonly optimizer: Adam;
  private readonly variables: tf.Variable[];

  constructor(
    readonly policy: ActorCritic,
    /** Read at every update; population-based training replaces it with retuned values (PpoLearner.setHyperparameters). */
    public hp: PpoHyperparameters,
    /** Shuffles minibatches; give it its own stream (RunSeeds.rng('ppo')). */
    private readonly rng: Rng,
    /** Value heads of the reward signals beside the extrinsic one; null with the extrinsic signal alone. */
    readonly heads: SignalValueHeads | null = null,
  ) {
    this.variables = heads ? [...policy.params.variables(), ...heads.variables()] : policy.params.variables();
    this.optimizer = new Adam(this.variables, { epsilon: hp.adam_epsilon });
  }

  /** One PPO update on `batch`; `progress` is the fraction of max_steps done (drives the schedules). */
  update(batch: TrainingBatch, progress: number, options: PpoUpdateOptions = {}): PpoUpdateStats {
    const { hp, policy } = this;
    const n = batch.size;

    // 1. Schedules.
    const { learningRate, beta, epsilon } = decayedCoefficients(hp, progress);
    const zero = { policyLoss: 0, valueLoss: 0, entropy: 0, approxKl: 0, clipFraction: 0, gradNorm: 0 };
    if (n === 0) return { ...zero, learningRate, beta, epsilon, minibatches: 0 };

    // 2. Inputs for the whole batch, computed once.
    const prepared = policyBatch(policy, batch, options.factors !== undefined ? options.factors : batch.factors);

    // 3. Advantages normalised once over the batch, then epochs × minibatches over seeded shuffles
    //    (networks/minibatches.ts), the stats averaged over minibatches.
    const advantages = hp.normalize_advantages ? normalizeBufferAdvantages(batch.advantages) : batch.advantages;
    const { means, count } = trainMinibatches(zero, n, hp.batch_size, hp.num_epoch, this.rng, (rows) =>
      this.trainMinibatch(batch, prepared, advantages, rows, learningRate, beta, epsilon),
    );

    // 4. Normaliser and fast-path weights.
    policy.updateNormalizers(batch.observations, n);
    policy.syncHost();
    this.heads?.syncHost();
    return { ...means, learningRate, beta, epsilon, minibatches: count };
  }

  /**
   * One gradient step on the rows `rows` of the batch: the networks' heads on tfjs, the loss and its gradient with
   * respect to the heads on the host (ppo-loss-op.ts), back through the networks on tfjs, then clipping and Adam.
   */
  private trainMinibatch(batch: TrainingBatch, prepared: PolicyBatch, allAdvantages: Float32Array, rows: Int32Array, learningRate: number, beta: number, epsilon: number): MinibatchStats {
    const { hp, policy } = this;
    const heads = this.heads && batch.signals ? this.heads : null;
    const targets = gatherTargets(policy, prepared, batch, allAdvantages, rows, heads !== null);
    const coefficients = { epsilon, beta, valueLossCoef: hp.value_loss_coef, clipValueLoss: hp.clip_value_loss };

    const step = { variables: this.variables, optimizer: this.optimizer, learningRate, maxGradNorm: hp.max_grad_norm };
    return stepOnPpoLoss(step, () => actorCriticHeads(policy, heads, minibatchObservations(policy, prepared, rows)), targets, coefficients);
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
