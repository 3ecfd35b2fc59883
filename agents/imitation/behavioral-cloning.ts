/**
 * Behavioral cloning: fit a policy's actor to expert decisions by minimising bc-loss.ts, readable top to bottom.
 *
 * One update, given a dataset of expert decisions (imitation-dataset.ts):
 *   1. normalise the observations with the policy's current statistics (the ones it acts under);
 *   2. num_epoch passes, each over a fresh seeded shuffle cut into minibatches of batch_size; with
 *      samples_per_update > 0 an epoch stops after ⌊samples_per_update / batch_size⌋ minibatches (ML-Agents'
 *      BCModule.update: `num_batches = min(possible_batches, samples_per_update // batch_size)`, 0 = all);
 *   3. per minibatch: the BC loss → gradients of the actor's weights only (the critic is untouched, as in
 *      ML-Agents, whose BC optimiser holds `policy.actor.parameters()`) → Adam with the given learning rate;
 *   4. copy the weights to the fast acting path.
 *
 * The optimiser is the BC's own (its moments are not PPO's), as ML-Agents' BC module has its own Adam.
 *
 * An actor with memory (recurrent PPO) reads the demonstration in sequences (bc-sequences.ts): minibatches of
 * max(1, ⌊min(batch_size, rows) / sequence_length⌋) sequences, each from zero memories, the loss over real rows.
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../../src/core/runtime/rng.js';
import type { ActorCritic } from '../networks/actor-critic.js';
import { gradientList } from '../networks/adam-step.js';
import { Adam, type SavedAdam } from '../networks/adam.js';
import { MASKED_LOGIT } from '../networks/distributions.js';
import { oneHotActions } from '../networks/distributions-tf.js';
import type { BcActor } from '../plugin/imitation-hook.js';
import { toBcActor } from './bc-actor.js';
import { bcLoss, continuousTargets } from './bc-loss.js';
import { demoSequences, sequenceForward, sequenceOutputsHost } from './bc-sequences.js';
import type { ImitationDataset } from './imitation-dataset.js';

export interface BcSettings {
  /** Passes over the dataset per update (ML-Agents' behavioral_cloning.num_epoch). */
  readonly numEpoch: number;
  /** Minibatch size (ML-Agents' behavioral_cloning.batch_size). */
  readonly batchSize: number;
  /** Samples per epoch; 0 = the whole dataset (ML-Agents' behavioral_cloning.samples_per_update). */
  readonly samplesPerUpdate: number;
  /** Adam's step size when update() is not given one. */
  readonly learningRate: number;
}

export interface BcUpdateStats {
  /** Mean BC loss over the minibatches (NLL + MSE). */
  readonly loss: number;
  readonly nll: number | null;
  readonly mse: number | null;
  readonly minibatches: number;
  readonly learningRate: number;
}

export interface BcEvaluation {
  readonly rows: number;
  readonly loss: number;
  readonly nll: number | null;
  readonly mse: number | null;
  /** Fraction of rows whose greedy discrete action equals the expert's on every branch; null without branches. */
  readonly accuracy: number | null;
}

export interface SavedBehavioralCloning {
  readonly optimizer: SavedAdam;
}

export class BehavioralCloning {
  readonly optimizer: Adam;
  /** The actor trained: PPO's actor-critic, or another learner's actor through the BcActor seam. */
  readonly actor: BcActor;
  private readonly variables: tf.Variable[];

  constructor(
    policy: ActorCritic | BcActor,
    readonly settings: BcSettings,
    /** Shuffles minibatches; give it its own stream. */
    private readonly rng: Rng,
  ) {
    this.actor = toBcActor(policy);
    this.variables = [...this.actor.variables];
    this.optimizer = new Adam(this.variables);
  }

  /** One BC update on `data` (see the file's comment). */
  update(data: ImitationDataset, learningRate = this.settings.learningRate): BcUpdateStats {
    const { actor: policy, settings } = this;
    const n = data.size;
    if (n === 0) return { loss: 0, nll: null, mse: null, minibatches: 0, learningRate };

    // 1. Inputs for the whole dataset, computed once.
    const inputs = this.hostInputs(data);

    // 2. Epochs × minibatches over seeded shuffles (of whole sequences with memory).
    if (policy.memory) return this.updateSequences(data, inputs, learningRate);
    const batch = Math.max(1, Math.min(settings.batchSize, n));
    const possible = Math.floor(n / batch);
    const capped = settings.samplesPerUpdate > 0 ? Math.min(possible, Math.floor(settings.samplesPerUpdate / batch)) : possible;
    const perEpoch = Math.max(1, capped);
    const order = Int32Array.from({ length: n }, (_, i) => i);
    const totals = { loss: 0, nll: 0, mse: 0 };
    let count = 0;
    for (let epoch = 0; epoch < settings.numEpoch; epoch++) {
      this.rng.shuffle(order);
      for (let m = 0; m < perEpoch; m++) {
        const s = this.trainMinibatch(inputs, order.subarray(m * batch, (m + 1) * batch), learningRate);
        totals.loss += s.loss;
        totals.nll += s.nll ?? 0;
        totals.mse += s.mse ?? 0;
        count++;
      }
    }

    // 4. Fast-path weights.
    policy.syncHost();
    return {
      loss: totals.loss / count,
      nll: policy.logitsSize > 0 ? totals.nll / count : null,
      mse: policy.continuousSize > 0 ? totals.mse / count : null,
      minibatches: count,
      learningRate,
    };
  }

  /** Step 2 with memory: epochs × minibatches of whole sequences (ML-Agents' n_sequences), shuffled as units. */
  private updateSequences(data: ImitationDataset, inputs: HostInputs, learningRate: number): BcUpdateStats {
    const { actor: policy, settings } = this;
    const L = policy.memory!.sequenceLength;
    const sequences = demoSequences(data.episodes, L);
    const perBatch = Math.max(1, Math.floor(Math.min(settings.batchSize, data.size) / L));
    const possible = Math.max(1, Math.floor(sequences.length / perBatch));
    const perEpoch = settings.samplesPerUpdate > 0 ? Math.max(1, Math.min(possible, Math.floor(settings.samplesPerUpdate / (perBatch * L)))) : possible;
    const order = Int32Array.from({ length: sequences.length }, (_, i) => i);
    const totals = { loss: 0, nll: 0, mse: 0 };
    let count = 0;
    for (let epoch = 0; epoch < settings.numEpoch; epoch++) {
      this.rng.shuffle(order);
      for (let m = 0; m < perEpoch; m++) {
        const picked = Array.from(order.subarray(m * perBatch, (m + 1) * perBatch), (i) => sequences[i]!);
        const s = this.trainMinibatch(inputs, new Int32Array(0), learningRate, picked);
        totals.loss += s.loss;
        totals.nll += s.nll ?? 0;
        totals.mse += s.mse ?? 0;
        count++;
      }
    }
    policy.syncHost();
    return { loss: totals.loss / count, nll: policy.logitsSize > 0 ? totals.nll / count : null, mse: policy.continuousSize > 0 ? totals.mse / count : null, minibatches: count, learningRate };
  }

  /** The BC loss and greedy accuracy of the current policy on `data` (no gradient, nothing changes). */
  evaluate(data: ImitationDataset): BcEvaluation {
    const { actor: policy } = this;
    const n = data.size;
    if (n === 0) return { rows: 0, loss: 0, nll: null, mse: null, accuracy: null };
    const normalized = policy.normalizeObservations(data.observations, n);
    const out = policy.memory ? sequenceOutputsHost(policy, normalized, n, data.episodes) : policy.outputsHost(normalized, n);
    let nll: number | null = null;
    let accuracy: number | null = null;
    let mse: number | null = null;
    if (out.logits) {
      const S = policy.logitsSize;
      const nb = policy.branches.length;
      let logLikelihood = 0;
      let correct = 0;
      for (let r = 0; r < n; r++) {
        let start = 0;
        let allRight = true;
        for (let b = 0; b < nb; b++) {
          const size = policy.branches[b]!;
          let max = -Infinity;
          let best = 0;
          const adjusted = new Float64Array(size);
          for (let k = 0; k < size; k++) {
            const masked = data.actionMasks?.[r * S + start + k] === 1;
            adjusted[k] = masked ? MASKED_LOGIT : out.logits[r * S + start + k]!;
            if (adjusted[k]! > max) {
              max = adjusted[k]!;
              best = k;
            }
          }
          let sum = 0;
          for (let k = 0; k < size; k++) sum += Math.exp(adjusted[k]! - max);
          const expert = data.discreteActions[r * nb + b]!;
          logLikelihood += adjusted[expert]! - max - Math.log(sum);
          if (best !== expert) allRight = false;
          start += size;
        }
        if (allRight) correct++;
      }
      nll = -logLikelihood / n;
      accuracy = correct / n;
    }
    if (out.mean) {
      const targets = continuousTargets(data.continuousActions, policy.actionClip);
      let sum = 0;
      for (let i = 0; i < targets.length; i++) sum += (out.mean[i]! - targets[i]!) ** 2;
      mse = sum / targets.length;
    }
    return { rows: n, loss: (nll ?? 0) + (mse ?? 0), nll, mse, accuracy };
  }

  save(): SavedBehavioralCloning {
    return { optimizer: this.optimizer.save() };
  }

  load(saved: SavedBehavioralCloning, where: string): void {
    this.optimizer.load(saved?.optimizer, `${where}: behavioral cloning optimizer`);
  }

  /** Frees the optimiser's moments held on the backend (large weight arrays); the actor is its owner's. */
  dispose(): void {
    this.optimizer.dispose();
  }

  private hostInputs(data: ImitationDataset): HostInputs {
    const { actor: policy } = this;
    const n = data.size;
    const S = policy.logitsSize;
    let allowed: Float32Array | null = null;
    let offset: Float32Array | null = null;
    if (data.actionMasks && S > 0) {
      allowed = new Float32Array(n * S);
      offset = new Float32Array(n * S);
      for (let i = 0; i < n * S; i++) {
        allowed[i] = data.actionMasks[i] ? 0 : 1;
        offset[i] = data.actionMasks[i] ? MASKED_LOGIT : 0;
      }
    }
    return {
      observations: policy.normalizeObservations(data.observations, n),
      oneHot: S > 0 ? oneHotActions(data.discreteActions, n, policy.branches) : null,
      allowed,
      offset,
      targets: policy.continuousSize > 0 ? continuousTargets(data.continuousActions, policy.actionClip) : null,
    };
  }

  /** 3. One gradient step on rows `rows`, or (with memory) on the sequences `picked`, their real rows. */
  private trainMinibatch(x: HostInputs, given: Int32Array, learningRate: number, picked: readonly Int32Array[] | null = null): { loss: number; nll: number | null; mse: number | null } {
    const { actor: policy } = this;
    const S = policy.logitsSize;
    const C = policy.continuousSize;
    let terms: tf.Tensor | null = null;
    tf.tidy(() => {
      const view = picked ? sequenceForward(policy, x.observations, picked) : null;
      const rows = view ? view.rows : given;
      const b = rows.length;
      const observations = view ? view.observations : x.observations.map((obs, i) => tf.tensor2d(gather(obs, policy.observationSizes[i]!, rows), [b, policy.observationSizes[i]!]));
      const inputs = {
        oneHot: x.oneHot ? tf.tensor2d(gather(x.oneHot, S, rows), [b, S]) : null,
        allowed: x.allowed ? tf.tensor2d(gather(x.allowed, S, rows), [b, S]) : null,
        offset: x.offset ? tf.tensor2d(gather(x.offset, S, rows), [b, S]) : null,
        continuousTargets: x.targets ? tf.tensor2d(gather(x.targets, C, rows), [b, C]) : null,
      };
      const { grads } = tf.variableGrads(() => {
        const out = policy.outputsTf(observations, view?.sequences);
        const t = bcLoss(out, policy.branches, inputs);
        terms = tf.keep(tf.stack([t.loss, t.nll ?? tf.scalar(0), t.mse ?? tf.scalar(0)]));
        return t.loss;
      }, this.variables);
      this.optimizer.applyGradients(gradientList(this.variables, grads), learningRate, 0);
    });
    const t = (terms as tf.Tensor | null)!;
    const [loss, nll, mse] = t.dataSync();
    t.dispose();
    return { loss: loss!, nll: S > 0 ? nll! : null, mse: C > 0 ? mse! : null };
  }
}

interface HostInputs {
  readonly observations: readonly Float32Array[];
  readonly oneHot: Float32Array | null;
  readonly allowed: Float32Array | null;
  readonly offset: Float32Array | null;
  readonly targets: Float32Array | null;
}

function gather(src: Float32Array, width: number, rows: Int32Array): Float32Array {
  const out = new Float32Array(rows.length * width);
  for (let i = 0; i < rows.length; i++) out.set(src.subarray(rows[i]! * width, (rows[i]! + 1) * width), i * width);
  return out;
}
