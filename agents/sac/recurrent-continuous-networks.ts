/**
 * Continuous SAC's networks with memory (network_settings.memory), as ML-Agents builds them: an LSTM after each
 * encoder (agents/networks/recurrent-body.ts), the heads on its output. The actor is gaussian-actor.ts's (μ and a
 * clamped log σ, squashed by tanh) with the LSTM between trunk and heads; a critic is continuous-critic.ts's Q(s, a),
 * the action one more vector input of the encoder, with the LSTM between trunk and Q. Each network draws its
 * encoder, its LSTM and then its heads from the init stream.
 */
import * as tf from '@tensorflow/tfjs';
import type { BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import { observationSize, vectorObservation } from '../../src/core/env/behavior-spec.js';
import type { Rng } from '../../src/core/runtime/rng.js';
import type { ExportablePolicy } from '../../src/protocol/onnx/exportable-policy.js';
import { createDense, denseHost, denseTf, type Dense } from '../networks/dense.js';
import { clampLogStd, LOG_STD_MAX, LOG_STD_MIN } from '../networks/distributions.js';
import { exportDense } from '../networks/export-layers.js';
import { POLICY_HEAD_GAIN } from '../networks/init.js';
import { validateContinuousNetwork } from '../networks/network-checks.js';
import type { NetworkSettings } from '../networks/network-settings.js';
import { ParameterNetwork } from '../networks/parameter-network.js';
import { RecurrentBody } from '../networks/recurrent-body.js';
import type { GaussianHeads } from './gaussian-actor.js';
import { recurrentSettings, type RecurrentSettings } from './recurrent-discrete-networks.js';

export class RecurrentGaussianActor extends ParameterNetwork {
  readonly settings: RecurrentSettings;
  readonly observationSizes: readonly number[];
  readonly actionSize: number;
  readonly body: RecurrentBody;
  private readonly meanHead: Dense;
  private readonly logStdHead: Dense;

  constructor(
    readonly spec: BehaviorSpec,
    settings: Partial<NetworkSettings>,
    rng: Rng,
  ) {
    super();
    const where = `recurrent SAC actor for behavior "${spec.name}"`;
    this.settings = recurrentSettings(settings, where);
    validateContinuousNetwork(spec, this.settings, where);
    this.actionSize = spec.actionSpec.continuousSize;
    this.observationSizes = spec.observationSpecs.map(observationSize);
    this.body = new RecurrentBody(this.params, 'pi', spec.observationSpecs, this.settings, rng, where);
    this.meanHead = createDense(this.params, 'pi/mu', this.body.outputSize, this.actionSize, rng, POLICY_HEAD_GAIN);
    this.logStdHead = createDense(this.params, 'pi/log_std', this.body.outputSize, this.actionSize, rng, POLICY_HEAD_GAIN);
  }

  get memorySize(): number {
    return this.body.memorySize;
  }

  /** One decision per row from each row's memory: μ, the clamped log σ, and the memories after. */
  stepHost(observations: readonly Float32Array[], rows: number, memories: Float32Array): GaussianHeads<Float32Array> & { memories: Float32Array } {
    const step = this.body.stepHost(observations, rows, memories);
    return { ...this.headsHost(step.output, rows), memories: step.memories };
  }

  /** μ and the clamped log σ over sequences from `initial`, on the host copies. */
  sequencesHost(observations: readonly Float32Array[], rows: number, length: number, initial: Float32Array): GaussianHeads<Float32Array> {
    return this.headsHost(this.body.sequencesHost(observations, rows, length, initial), rows);
  }

  /** The same in tfjs (differentiable). Call inside tf.tidy. */
  sequencesTf(observations: readonly tf.Tensor2D[], length: number, initial: tf.Tensor2D): GaussianHeads<tf.Tensor2D> {
    const h = this.body.sequencesTf(observations, length, initial);
    return { mean: denseTf(h, this.meanHead), logStd: tf.clipByValue(denseTf(h, this.logStdHead), LOG_STD_MIN, LOG_STD_MAX) };
  }

  /** Export data: the encoder, the LSTM (recurrent_in / recurrent_out), tanh(μ) and the state-dependent noise. */
  describePolicy(): ExportablePolicy {
    const { observations, trunk, memory } = this.body.describe(this.spec.observationSpecs);
    return {
      format: 'shiva-exportable-policy',
      version: 1,
      trainerType: 'sac',
      observations,
      trunk,
      discrete: null,
      continuous: { size: this.actionSize, mean: exportDense(this.meanHead), squash: 'tanh', noise: { kind: 'state', logStdHead: exportDense(this.logStdHead), logStdMin: LOG_STD_MIN, logStdMax: LOG_STD_MAX } },
      memory,
    };
  }

  private headsHost(h: Float32Array, rows: number): GaussianHeads<Float32Array> {
    const logStd = denseHost(h, rows, this.logStdHead);
    for (let k = 0; k < logStd.length; k++) logStd[k] = clampLogStd(logStd[k]!);
    return { mean: denseHost(h, rows, this.meanHead), logStd };
  }
}

export class RecurrentContinuousCritic extends ParameterNetwork {
  readonly settings: RecurrentSettings;
  readonly actionSize: number;
  readonly body: RecurrentBody;
  private readonly head: Dense;

  constructor(
    readonly spec: BehaviorSpec,
    settings: Partial<NetworkSettings>,
    readonly name: string,
    rng: Rng,
  ) {
    super();
    const where = `recurrent critic "${name}" for behavior "${spec.name}"`;
    this.settings = recurrentSettings(settings, where);
    validateContinuousNetwork(spec, this.settings, where);
    this.actionSize = spec.actionSpec.continuousSize;
    this.body = new RecurrentBody(this.params, name, [...spec.observationSpecs, vectorObservation(this.actionSize, 'action')], this.settings, rng, where);
    this.head = createDense(this.params, `${name}/q`, this.body.outputSize, 1, rng, 1);
  }

  get memorySize(): number {
    return this.body.memorySize;
  }

  /** Q [rows] over sequences of (observations, actions) from `initial` [B, memorySize]. Call inside tf.tidy. */
  forwardTf(observations: readonly tf.Tensor2D[], actions: tf.Tensor2D, length: number, initial: tf.Tensor2D): tf.Tensor1D {
    return tf.reshape(denseTf(this.body.sequencesTf([...observations, actions], length, initial), this.head), [-1]) as tf.Tensor1D;
  }

  /** The same on the host copies: rows values. */
  forwardHost(observations: readonly Float32Array[], actions: Float32Array, rows: number, length: number, initial: Float32Array): Float32Array {
    return denseHost(this.body.sequencesHost([...observations, actions], rows, length, initial), rows, this.head);
  }
}
