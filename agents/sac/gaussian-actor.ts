/**
 * SAC's actor for continuous actions: an MLP trunk with two linear heads, the mean μ(s) and the log standard
 * deviation log σ(s) (state-dependent, clamped to [LOG_STD_MIN, LOG_STD_MAX] as SB3 and ML-Agents do), of a
 * Gaussian whose samples are squashed by tanh into [-1, 1] (squashed-gaussian.ts). Small head gains make the first
 * policy N(0, 1) before the squash: broad over the action range.
 */
import * as tf from '@tensorflow/tfjs';
import type { BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import { observationSize } from '../../src/core/env/behavior-spec.js';
import type { Rng } from '../../src/core/runtime/rng.js';
import type { ExportablePolicy } from '../../src/protocol/onnx/exportable-policy.js';
import { createDense, denseHost, denseTf, type Dense } from '../networks/dense.js';
import { exportDense } from '../networks/export-layers.js';
import { clampLogStd, LOG_STD_MAX, LOG_STD_MIN } from '../networks/distributions.js';
import { POLICY_HEAD_GAIN } from '../networks/init.js';
import { validateContinuousNetwork } from '../networks/network-checks.js';
import { DEFAULT_NETWORK_SETTINGS, type NetworkSettings } from '../networks/network-settings.js';
import { ObservationEncoder } from '../networks/observation-encoder.js';
import { ParameterNetwork } from '../networks/parameter-network.js';

export interface GaussianHeads<T> {
  readonly mean: T;
  /** Clamped. */
  readonly logStd: T;
}

export class SquashedGaussianActor extends ParameterNetwork {
  readonly settings: NetworkSettings;
  readonly observationSizes: readonly number[];
  readonly actionSize: number;
  private readonly encoder: ObservationEncoder;
  private readonly meanHead: Dense;
  private readonly logStdHead: Dense;

  constructor(
    readonly spec: BehaviorSpec,
    settings: Partial<NetworkSettings>,
    rng: Rng,
  ) {
    super();
    this.settings = { ...DEFAULT_NETWORK_SETTINGS, ...settings };
    const where = `SAC actor for behavior "${spec.name}"`;
    validateContinuousNetwork(spec, this.settings, where);
    this.actionSize = spec.actionSpec.continuousSize;
    this.observationSizes = spec.observationSpecs.map(observationSize);
    this.encoder = new ObservationEncoder(this.params, 'pi', spec.observationSpecs, this.settings, rng, where, true);
    this.meanHead = createDense(this.params, 'pi/mu', this.encoder.outputSize, this.actionSize, rng, POLICY_HEAD_GAIN);
    this.logStdHead = createDense(this.params, 'pi/log_std', this.encoder.outputSize, this.actionSize, rng, POLICY_HEAD_GAIN);
  }

  forwardTf(observations: readonly tf.Tensor2D[]): GaussianHeads<tf.Tensor2D> {
    const h = this.encoder.forwardTf(observations);
    return { mean: denseTf(h, this.meanHead), logStd: tf.clipByValue(denseTf(h, this.logStdHead), LOG_STD_MIN, LOG_STD_MAX) };
  }

  /** Export data: deterministic tanh(μ(s)); the stochastic output tanh(μ + σ(s)·ε), σ from the clamped log-std head. */
  describePolicy(): ExportablePolicy {
    const { observations, trunk } = this.encoder.describe(this.spec.observationSpecs, []);
    return {
      format: 'shiva-exportable-policy',
      version: 1,
      trainerType: 'sac',
      observations,
      trunk,
      discrete: null,
      continuous: { size: this.actionSize, mean: exportDense(this.meanHead), squash: 'tanh', noise: { kind: 'state', logStdHead: exportDense(this.logStdHead), logStdMin: LOG_STD_MIN, logStdMax: LOG_STD_MAX } },
    };
  }

  /** rows × C means and clamped log-stds on the host copies. */
  forwardHost(observations: readonly Float32Array[], rows: number): GaussianHeads<Float32Array> {
    const h = this.encoder.forwardHost(observations, rows);
    const logStd = denseHost(h, rows, this.logStdHead);
    for (let k = 0; k < logStd.length; k++) logStd[k] = clampLogStd(logStd[k]!);
    return { mean: denseHost(h, rows, this.meanHead), logStd };
  }
}
