/**
 * A state-action value network for continuous actions, Q(s, a): the observations and the action (in [-1, 1]ᶜ)
 * concatenated, an MLP trunk, one linear output. The action enters as one more vector input of the shared
 * observation encoder, so images still go through the visual encoder first. TD3's and SAC's critics
 * (Fujimoto et al. 2018; Haarnoja et al. 2018) take the action at the input layer like this.
 */
import * as tf from '@tensorflow/tfjs';
import type { BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import { observationSize, vectorObservation } from '../../src/core/env/behavior-spec.js';
import type { Rng } from '../../src/core/runtime/rng.js';
import { createDense, denseHost, denseTf, type Dense } from './dense.js';
import { validateContinuousNetwork } from './network-checks.js';
import { DEFAULT_NETWORK_SETTINGS, type NetworkSettings } from './network-settings.js';
import { ObservationEncoder } from './observation-encoder.js';
import { ParameterNetwork } from './parameter-network.js';

export class ContinuousCritic extends ParameterNetwork {
  readonly settings: NetworkSettings;
  readonly observationSizes: readonly number[];
  readonly actionSize: number;
  private readonly encoder: ObservationEncoder;
  private readonly head: Dense;

  constructor(
    readonly spec: BehaviorSpec,
    settings: Partial<NetworkSettings>,
    readonly name: string,
    rng: Rng,
  ) {
    super();
    this.settings = { ...DEFAULT_NETWORK_SETTINGS, ...settings };
    const where = `critic "${name}" for behavior "${spec.name}"`;
    validateContinuousNetwork(spec, this.settings, where);
    this.actionSize = spec.actionSpec.continuousSize;
    this.observationSizes = spec.observationSpecs.map(observationSize);
    const inputs = [...spec.observationSpecs, vectorObservation(this.actionSize, 'action')];
    this.encoder = new ObservationEncoder(this.params, name, inputs, this.settings, rng, where);
    this.head = createDense(this.params, `${name}/q`, this.encoder.outputSize, 1, rng, 1);
  }

  /** Observations ([B, size] each) and actions [B, C] → Q [B] (differentiable in both). */
  forwardTf(observations: readonly tf.Tensor2D[], actions: tf.Tensor2D): tf.Tensor1D {
    return this.headTf(this.embeddingTf(observations, actions));
  }

  /** Width of the encoder's output, which extra heads read (SAC's per-reward-signal Q heads). */
  get embeddingSize(): number {
    return this.encoder.outputSize;
  }

  /** The encoder's output for observations and actions. */
  embeddingTf(observations: readonly tf.Tensor2D[], actions: tf.Tensor2D): tf.Tensor2D {
    return this.encoder.forwardTf([...observations, actions]);
  }

  /** The encoder's output on the host copies. */
  embeddingHost(observations: readonly Float32Array[], actions: Float32Array, rows: number): Float32Array {
    return this.encoder.forwardHost([...observations, actions], rows);
  }

  /** Q [B] from the encoder's output. */
  headTf(h: tf.Tensor2D): tf.Tensor1D {
    return tf.reshape(denseTf(h, this.head), [-1]) as tf.Tensor1D;
  }

  /** The same on the host copies: rows × size per observation and rows × C actions → rows values. */
  forwardHost(observations: readonly Float32Array[], actions: Float32Array, rows: number): Float32Array {
    return denseHost(this.encoder.forwardHost([...observations, actions], rows), rows, this.head);
  }
}
