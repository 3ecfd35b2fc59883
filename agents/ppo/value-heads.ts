/**
 * One value head per reward signal beside the extrinsic one, as ML-Agents' ValueNetwork has one head per reward
 * stream: every head is a linear layer on the critic encoder's output (the same encoder the extrinsic head reads,
 * agents/networks/actor-critic.ts), V_k(s) = φ_critic(s)·w_k + b_k, trained by PPO's value loss with the signal's
 * returns. The extrinsic head stays where it is, so a learner with only the extrinsic signal has exactly the network
 * it had before. With network_settings.memory the heads read the critic's LSTM output, as the extrinsic head does
 * (ML-Agents' critic with memory feeds every value head from its LSTM): over sequences when training, one step from
 * each row's stored memory when valuing a trajectory.
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../../src/core/runtime/rng.js';
import type { ActorCritic, SequenceInputs } from '../networks/actor-critic.js';
import { createDense, denseHost, denseTf, type Dense } from '../networks/dense.js';
import { ParameterSet } from '../networks/parameters.js';

/** Initial gain of a value head (as the extrinsic one, CleanRL's). */
const VALUE_HEAD_GAIN = 1;
/** Rows per forward pass when valuing a whole buffer. */
const VALUE_CHUNK = 4096;

export class SignalValueHeads {
  readonly params = new ParameterSet();
  private readonly heads: Dense[];

  constructor(
    private readonly policy: ActorCritic,
    /** The signals' names, in the order of the learner's signals. */
    readonly names: readonly string[],
    rng: Rng,
  ) {
    this.heads = names.map((name) => createDense(this.params, `critic/value_${name}`, policy.criticOutputSize, 1, rng, VALUE_HEAD_GAIN));
  }

  variables(): tf.Variable[] {
    return this.params.variables();
  }

  /** V_k for every head on normalised observations (with memory: over `sequences`, valid rows). Call inside tf.tidy. */
  valuesTf(observations: readonly tf.Tensor2D[], sequences?: SequenceInputs): tf.Tensor1D[] {
    const h = this.policy.criticEmbeddingTf(observations, sequences);
    return this.heads.map((head) => tf.reshape(denseTf(h, head), [-1]) as tf.Tensor1D);
  }

  /**
   * V_k(s) for raw observations (normalised with the policy's statistics), one array per head. With memory,
   * `memories` (rows × memoryWidth) is each row's memory before its step; the host weights are read.
   */
  predict(raw: readonly Float32Array[], rows: number, memories: Float32Array | null = null): Float32Array[] {
    const sizes = this.policy.observationSizes;
    const normalized = this.policy.normalizeObservations(raw, rows);
    if (this.policy.memoryWidth > 0) {
      const h = this.policy.criticEmbeddingHost(normalized, rows, memories);
      return this.heads.map((head) => denseHost(h, rows, head));
    }
    const out = this.heads.map(() => new Float32Array(rows));
    for (let start = 0; start < rows; start += VALUE_CHUNK) {
      const n = Math.min(VALUE_CHUNK, rows - start);
      const values = tf.tidy(() => this.valuesTf(normalized.map((obs, i) => tf.tensor2d(obs.subarray(start * sizes[i]!, (start + n) * sizes[i]!), [n, sizes[i]!]))));
      values.forEach((v, k) => out[k]!.set(v.dataSync(), start));
      tf.dispose(values);
    }
    return out;
  }

  /** Copies trained weights to the host arrays that save() reads. Call after every update, outside tidy. */
  syncHost(): void {
    this.params.syncHost();
  }

  dispose(): void {
    this.params.dispose();
  }
}
