/**
 * PPO's update for a policy with memory (network_settings.memory), on whole sequences (sequence-buffer.ts). It is
 * ppo.ts's update with three differences, as ML-Agents' recurrent PPO has them:
 *   - minibatches are of whole sequences: max(1, ⌊batch_size / sequence_length⌋) of them, shuffled as units
 *     (ML-Agents' AgentBuffer.shuffle(sequence_length));
 *   - each sequence runs through the actor's and the critic's LSTMs from the memory stored with its first step;
 *   - padding is masked out: only real steps reach the heads, so every loss, the entropy, the KL and the clip
 *     fraction are means over real steps (ML-Agents' masked_mean); advantages are normalised once over the real
 *     steps of the whole batch (ML-Agents' on-policy trainer, as ppo.ts does).
 * The loss itself is ppo-loss.ts's, unchanged. With reward signals each signal's value head (value-heads.ts) reads
 * the critic's LSTM output over the same sequences, and the value loss is the mean over the heads (ppo.ts).
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../../src/core/runtime/rng.js';
import type { ActorCritic, EvaluateInputs, SequenceInputs } from '../networks/actor-critic.js';
import { Adam } from '../networks/adam.js';
import { gatherRows, normalizeBufferAdvantages, trainMinibatches } from '../networks/minibatches.js';
import { evaluateInputs, policyBatch, type PolicyBatch } from '../networks/policy-batch.js';
import { decayedCoefficients } from '../networks/schedule.js';
import type { PpoHyperparameters } from './hyperparameters.js';
import { actorCriticHeads, type PpoUpdateStats, type SavedPpo } from './ppo.js';
import type { MinibatchStats } from './ppo-loss.js';
import { gatherTargets, stepOnPpoLoss } from './ppo-loss-op.js';
import type { SequenceBatch } from './sequence-buffer.js';
import type { SignalValueHeads } from './value-heads.js';

export class RecurrentPpo {
  readonly optimizer: Adam;
  private readonly variables: tf.Variable[];

  constructor(
    readonly policy: ActorCritic,
    /** Read at every update; population-based training replaces it with retuned values (PpoLearner.setHyperparameters). */
    public hp: PpoHyperparameters,
    private readonly rng: Rng,
    /** Value heads of the reward signals beside the extrinsic one; null with the extrinsic signal alone. */
    readonly heads: SignalValueHeads | null = null,
  ) {
    this.variables = heads ? [...policy.params.variables(), ...heads.variables()] : policy.params.variables();
    this.optimizer = new Adam(this.variables, { epsilon: hp.adam_epsilon });
  }

  update(batch: SequenceBatch, progress: number): PpoUpdateStats {
    const { hp, policy } = this;
    const { learningRate, beta, epsilon } = decayedCoefficients(hp, progress);
    const zero = { policyLoss: 0, valueLoss: 0, entropy: 0, approxKl: 0, clipFraction: 0, gradNorm: 0 };
    if (batch.size === 0) return { ...zero, learningRate, beta, epsilon, minibatches: 0 };

    // Every row (padding too) normalised with the statistics the actions were chosen under, computed once.
    const prepared = policyBatch(policy, { size: batch.rows, observations: batch.observations, continuousActions: batch.continuousActions, discreteActions: batch.discreteActions }, batch.factors);
    const real = realRows(batch, Int32Array.from({ length: batch.sequences }, (_, s) => s));
    const advantages = new Float32Array(batch.rows);
    const realAdvantages = gatherRows(batch.advantages, 1, real.rows);
    const normalized = hp.normalize_advantages ? normalizeBufferAdvantages(realAdvantages) : realAdvantages;
    real.rows.forEach((r, k) => (advantages[r] = normalized[k]!));
    const perMinibatch = Math.max(1, Math.floor(hp.batch_size / batch.length));
    const { means, count } = trainMinibatches(zero, batch.sequences, perMinibatch, hp.num_epoch, this.rng, (sequences) =>
      this.trainMinibatch(batch, prepared, advantages, sequences, learningRate, beta, epsilon),
    );

    policy.updateNormalizers(batch.observations.map((obs, i) => gatherRows(obs, policy.observationSizes[i]!, real.rows)), real.rows.length);
    policy.syncHost();
    this.heads?.syncHost();
    return { ...means, learningRate, beta, epsilon, minibatches: count };
  }

  /** One gradient step on the sequences `sequences` of the batch; the loss as in ppo.ts (ppo-loss-op.ts), on the real rows. */
  private trainMinibatch(batch: SequenceBatch, prepared: PolicyBatch, allAdvantages: Float32Array, sequences: Int32Array, learningRate: number, beta: number, epsilon: number): MinibatchStats {
    const { hp, policy } = this;
    const { rows } = realRows(batch, sequences);
    const heads = this.heads && batch.signals ? this.heads : null;
    const targets = gatherTargets(policy, prepared, batch, allAdvantages, rows, heads !== null);
    const coefficients = { epsilon, beta, valueLossCoef: hp.value_loss_coef, clipValueLoss: hp.clip_value_loss };

    const step = { variables: this.variables, optimizer: this.optimizer, learningRate, maxGradNorm: hp.max_grad_norm };
    return stepOnPpoLoss(
      step,
      () => {
        const { observations, sequences: inputs } = sequenceTensors(policy, batch, prepared, sequences);
        return actorCriticHeads(policy, heads, observations, inputs);
      },
      targets,
      coefficients,
    );
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

/**
 * What evaluateTf reads for the sequences `sequences` of the batch: every row of them (padding too) as
 * observations, their initial memories, and the actions, factors and selection of the real rows (realRows' order).
 * Call inside tf.tidy.
 */
export function sequenceInputs(policy: ActorCritic, batch: SequenceBatch, prepared: PolicyBatch, sequences: Int32Array): EvaluateInputs {
  const { rows } = realRows(batch, sequences);
  return { ...evaluateInputs(policy, prepared, rows), ...sequenceTensors(policy, batch, prepared, sequences) };
}

/** Of sequenceInputs, what the network's forward reads: every row's observations, the initial memories, the selection. */
export function sequenceTensors(policy: ActorCritic, batch: SequenceBatch, prepared: PolicyBatch, sequences: Int32Array): { observations: tf.Tensor2D[]; sequences: SequenceInputs } {
  const L = batch.length;
  const W = policy.memoryWidth;
  const all = Int32Array.from({ length: sequences.length * L }, (_, k) => sequences[Math.floor(k / L)]! * L + (k % L));
  const { positions } = realRows(batch, sequences);
  return {
    observations: prepared.observations.map((obs, i) => tf.tensor2d(gatherRows(obs, policy.observationSizes[i]!, all), [all.length, policy.observationSizes[i]!])),
    sequences: {
      length: L,
      memories: tf.tensor2d(gatherRows(batch.memories, W, sequences), [sequences.length, W]),
      select: selection(positions, all.length),
    },
  };
}

/** [positions.length, width]: row k one-hot at positions[k]. */
function selection(positions: Int32Array, width: number): tf.Tensor2D {
  const data = new Float32Array(positions.length * width);
  positions.forEach((p, k) => (data[k * width + p] = 1));
  return tf.tensor2d(data, [positions.length, width]);
}

/**
 * The real (unpadded) rows of `sequences`, in order: `rows` their indices in the batch, `positions` their places
 * among the sequences' rows laid out one after another (what the network gathers after its LSTMs).
 */
export function realRows(batch: Pick<SequenceBatch, 'length' | 'mask'>, sequences: Int32Array): { rows: Int32Array; positions: Int32Array } {
  const L = batch.length;
  const rows: number[] = [];
  const positions: number[] = [];
  sequences.forEach((s, k) => {
    for (let t = 0; t < L; t++) {
      if (batch.mask[s * L + t]) {
        rows.push(s * L + t);
        positions.push(k * L + t);
      }
    }
  });
  return { rows: Int32Array.from(rows), positions: Int32Array.from(positions) };
}
