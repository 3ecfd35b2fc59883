/**
 * TD3's and DDPG's actor: a deterministic policy μ(s) = tanh(MLP(s)), one output per continuous action component,
 * so its actions already lie in ML-Agents' action range [-1, 1] (the environment scales them, as the built-in
 * Pendulum does by max_torque). The last layer starts with a small gain (POLICY_HEAD_GAIN) so that μ starts near
 * 0 rather than at the saturated ends of tanh.
 */
import * as tf from '@tensorflow/tfjs';
import type { BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import { observationSize } from '../../src/core/env/behavior-spec.js';
import type { Rng } from '../../src/core/runtime/rng.js';
import type { ExportablePolicy } from '../../src/protocol/onnx/exportable-policy.js';
import { createDense, denseHost, denseTf, type Dense } from '../networks/dense.js';
import { exportDense } from '../networks/export-layers.js';
import { POLICY_HEAD_GAIN } from '../networks/init.js';
import { validateContinuousNetwork } from '../networks/network-checks.js';
import { DEFAULT_NETWORK_SETTINGS, type NetworkSettings } from '../networks/network-settings.js';
import { ObservationEncoder } from '../networks/observation-encoder.js';
import { ParameterNetwork } from '../networks/parameter-network.js';

export class DeterministicActor extends ParameterNetwork {
  readonly settings: NetworkSettings;
  readonly observationSizes: readonly number[];
  readonly actionSize: number;
  private readonly encoder: ObservationEncoder;
  private readonly head: Dense;

  constructor(
    readonly spec: BehaviorSpec,
    settings: Partial<NetworkSettings>,
    rng: Rng,
  ) {
    super();
    this.settings = { ...DEFAULT_NETWORK_SETTINGS, ...settings };
    const where = `actor for behavior "${spec.name}"`;
    validateContinuousNetwork(spec, this.settings, where);
    this.actionSize = spec.actionSpec.continuousSize;
    this.observationSizes = spec.observationSpecs.map(observationSize);
    this.encoder = new ObservationEncoder(this.params, 'pi', spec.observationSpecs, this.settings, rng, where, true);
    this.head = createDense(this.params, 'pi/mu', this.encoder.outputSize, this.actionSize, rng, POLICY_HEAD_GAIN);
  }

  /** [B, size] per observation → μ(s) [B, C] in [-1, 1]. */
  forwardTf(observations: readonly tf.Tensor2D[]): tf.Tensor2D {
    return tf.tanh(denseTf(this.encoder.forwardTf(observations), this.head));
  }

  /** Export data: μ(s) = tanh(head), for both action outputs (exploration noise is not exported). */
  describePolicy(trainerType: string): ExportablePolicy {
    const { observations, trunk } = this.encoder.describe(this.spec.observationSpecs, []);
    return { format: 'shiva-exportable-policy', version: 1, trainerType, observations, trunk, discrete: null, continuous: { size: this.actionSize, mean: exportDense(this.head), squash: 'tanh', noise: null } };
  }

  /** The same on the host copies: rows × C. */
  forwardHost(observations: readonly Float32Array[], rows: number): Float32Array {
    const out = denseHost(this.encoder.forwardHost(observations, rows), rows, this.head);
    for (let k = 0; k < out.length; k++) out[k] = Math.tanh(out[k]!);
    return out;
  }
}
