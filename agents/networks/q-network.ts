/**
 * A discrete-action Q-network: the shared observation encoder (an MLP trunk, images through the visual encoder)
 * and one Q head per discrete branch, each branch's Q-values a slice of one [B, Σ branches] output. Branches are
 * independent (Tavakoli et al. 2018, "Action Branching Architectures"): the agent maximises each branch's Q on its
 * own. DQN's network, and discrete SAC's twin critics (without the dueling heads).
 *
 * Dueling (Wang et al. 2016): a state value V(s) shared by the branches and an advantage head per branch,
 *   Q_b(s, a) = V(s) + A_b(s, a) − mean_a' A_b(s, a'),
 * the mean making V and A identifiable.
 *
 * Weights live in a ParameterSet (a tf.Variable for training, a host copy for acting and targets), so a target
 * network is a second QNetwork of the same shape whose host copies follow the online one (polyak.ts).
 */
import * as tf from '@tensorflow/tfjs';
import type { BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import { observationSize } from '../../src/core/env/behavior-spec.js';
import type { Rng } from '../../src/core/runtime/rng.js';
import type { ExportablePolicy } from '../../src/protocol/onnx/exportable-policy.js';
import { createDense, denseHost, denseTf, type Dense } from './dense.js';
import { exportDense } from './export-layers.js';
import { checkTrunk, networkFailure } from './network-checks.js';
import { DEFAULT_NETWORK_SETTINGS, type NetworkSettings } from './network-settings.js';
import { ObservationEncoder } from './observation-encoder.js';
import { ParameterNetwork } from './parameter-network.js';
import { polyakUpdate } from './polyak.js';

export class QNetwork extends ParameterNetwork {
  readonly settings: NetworkSettings;
  readonly branches: readonly number[];
  /** Σ branch sizes: the width of the Q output and of masks. */
  readonly width: number;
  readonly observationSizes: readonly number[];
  private readonly encoder: ObservationEncoder;
  private readonly advantage: Dense;
  private readonly value: Dense | null;

  constructor(
    readonly spec: BehaviorSpec,
    settings: Partial<NetworkSettings>,
    readonly dueling: boolean,
    rng: Rng,
  ) {
    super();
    this.settings = { ...DEFAULT_NETWORK_SETTINGS, ...settings };
    const where = `Q-network for behavior "${spec.name}"`;
    validate(spec, this.settings, where);
    this.branches = [...spec.actionSpec.discreteBranches];
    this.width = this.branches.reduce((a, b) => a + b, 0);
    this.observationSizes = spec.observationSpecs.map(observationSize);
    this.encoder = new ObservationEncoder(this.params, 'q', spec.observationSpecs, this.settings, rng, where, true);
    this.advantage = createDense(this.params, dueling ? 'q/advantage' : 'q/values', this.encoder.outputSize, this.width, rng, 1);
    this.value = dueling ? createDense(this.params, 'q/state_value', this.encoder.outputSize, 1, rng, 1) : null;
  }

  /** Width of the encoder's output, which extra heads read (discrete SAC's per-reward-signal Q heads). */
  get embeddingSize(): number {
    return this.encoder.outputSize;
  }

  /** The encoder's output for one [B, size] tensor per observation. */
  embeddingTf(observations: readonly tf.Tensor2D[]): tf.Tensor2D {
    return this.encoder.forwardTf(observations);
  }

  /** The same on the host copies. */
  embeddingHost(observations: readonly Float32Array[], rows: number): Float32Array {
    return this.encoder.forwardHost(observations, rows);
  }

  /** One [B, size] tensor per observation → Q-values [B, Σ branches]. */
  forwardTf(observations: readonly tf.Tensor2D[]): tf.Tensor2D {
    return this.headsTf(this.encoder.forwardTf(observations));
  }

  /** Q-values [B, Σ branches] from the encoder's output. */
  headsTf(h: tf.Tensor2D): tf.Tensor2D {
    const a = denseTf(h, this.advantage);
    if (!this.value) return a;
    const v = denseTf(h, this.value);
    const parts = this.branches.length === 1 ? [a] : tf.split(a, [...this.branches], 1);
    const centred = parts.map((p) => tf.sub(p, tf.mean(p, 1, true)));
    const joined = centred.length === 1 ? centred[0]! : tf.concat(centred, 1);
    return tf.add(joined, v) as tf.Tensor2D;
  }

  /**
   * Export data: the greedy action per branch. With dueling heads, argmax_a Q_b(s, a) = argmax_a A_b(s, a) (V(s)
   * and the branch's mean advantage shift every action alike), so the advantage head alone decides. ε-greedy
   * exploration is not exported: both action outputs are greedy.
   */
  describePolicy(): ExportablePolicy {
    const { observations, trunk } = this.encoder.describe(this.spec.observationSpecs, []);
    return { format: 'shiva-exportable-policy', version: 1, trainerType: 'dqn', observations, trunk, discrete: { branches: [...this.branches], logits: exportDense(this.advantage), sample: false }, continuous: null };
  }

  /** The same forward on the host copies: one rows × size array per observation → rows × Σ branches. */
  forwardHost(observations: readonly Float32Array[], rows: number): Float32Array {
    const h = this.encoder.forwardHost(observations, rows);
    const q = denseHost(h, rows, this.advantage);
    if (!this.value) return q;
    const v = denseHost(h, rows, this.value);
    for (let r = 0; r < rows; r++) {
      let offset = r * this.width;
      for (const size of this.branches) {
        let mean = 0;
        for (let a = 0; a < size; a++) mean += q[offset + a]!;
        mean /= size;
        for (let a = 0; a < size; a++) q[offset + a] = q[offset + a]! - mean + v[r]!;
        offset += size;
      }
    }
    return q;
  }

  /** θ ← τ·θ_source + (1 − τ)·θ, on both copies (polyak.ts); τ = 1 copies. `source` must have the same shape. */
  softUpdateFrom(source: QNetwork, tau: number): void {
    polyakUpdate(this.params, source.params, tau);
  }
}

function validate(spec: BehaviorSpec, settings: NetworkSettings, where: string): void {
  const fail = networkFailure(where);
  checkTrunk(settings, fail);
  if (spec.observationSpecs.length === 0) fail('observationSpecs', 'at least one observation', []);
  const { continuousSize, discreteBranches } = spec.actionSpec;
  if (continuousSize !== 0) fail('actionSpec.continuousSize', '0 (DQN acts on discrete branches only; use sac or td3 for continuous actions)', continuousSize);
  if (discreteBranches.length === 0) fail('actionSpec.discreteBranches', 'at least one discrete branch', discreteBranches);
  if (discreteBranches.some((b) => !Number.isInteger(b) || b < 1)) fail('actionSpec.discreteBranches', 'integers ≥ 1', discreteBranches);
}
