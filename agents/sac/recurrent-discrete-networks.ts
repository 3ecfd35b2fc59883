/**
 * Discrete SAC's networks with memory (network_settings.memory), as ML-Agents builds them: an LSTM after each
 * encoder (agents/networks/recurrent-body.ts), the heads on its output. The actor is categorical-actor.ts's with
 * the LSTM between trunk and logits; a critic is q-network.ts's plain (non-dueling) Q-network with the LSTM between
 * trunk and Q-values. Each network draws its encoder, its LSTM and then its head from the init stream.
 */
import * as tf from '@tensorflow/tfjs';
import type { BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import { observationSize } from '../../src/core/env/behavior-spec.js';
import type { Rng } from '../../src/core/runtime/rng.js';
import type { ExportablePolicy } from '../../src/protocol/onnx/exportable-policy.js';
import { createDense, denseHost, denseTf, type Dense } from '../networks/dense.js';
import { exportDense } from '../networks/export-layers.js';
import { POLICY_HEAD_GAIN } from '../networks/init.js';
import { DEFAULT_NETWORK_SETTINGS, type MemorySettings, type NetworkSettings } from '../networks/network-settings.js';
import { ParameterNetwork } from '../networks/parameter-network.js';
import { RecurrentBody } from '../networks/recurrent-body.js';
import { maskedLogSoftmax, maskedLogSoftmaxTf, validateDiscrete } from './categorical-actor.js';

export type RecurrentSettings = NetworkSettings & { readonly memory: MemorySettings };

/** The settings with their memory, or the error naming the network. */
export function recurrentSettings(settings: Partial<NetworkSettings>, where: string): RecurrentSettings {
  const full = { ...DEFAULT_NETWORK_SETTINGS, ...settings };
  if (!full.memory) throw new Error(`${where}: network settings without memory (use the SAC networks without an LSTM)`);
  return full as RecurrentSettings;
}

/** A discrete network's body, head and sizes. */
abstract class RecurrentBranchNetwork extends ParameterNetwork {
  readonly settings: RecurrentSettings;
  readonly observationSizes: readonly number[];
  readonly branches: readonly number[];
  /** Σ branch sizes. */
  readonly width: number;
  readonly body: RecurrentBody;
  protected readonly head: Dense;

  protected constructor(readonly spec: BehaviorSpec, settings: Partial<NetworkSettings>, name: string, headName: string, headGain: number, rng: Rng, where: string) {
    super();
    this.settings = recurrentSettings(settings, where);
    validateDiscrete(spec, this.settings, where);
    this.branches = [...spec.actionSpec.discreteBranches];
    this.width = this.branches.reduce((a, b) => a + b, 0);
    this.observationSizes = spec.observationSpecs.map(observationSize);
    this.body = new RecurrentBody(this.params, name, spec.observationSpecs, this.settings, rng, where);
    this.head = createDense(this.params, `${name}/${headName}`, this.body.outputSize, this.width, rng, headGain);
  }

  get memorySize(): number {
    return this.body.memorySize;
  }

  /** Head outputs [rows, Σ branches] over B sequences from `initial` [B, memorySize]. Call inside tf.tidy. */
  protected headSequencesTf(observations: readonly tf.Tensor2D[], length: number, initial: tf.Tensor2D): tf.Tensor2D {
    return denseTf(this.body.sequencesTf(observations, length, initial), this.head);
  }

  /** The same on the host copies: rows × Σ branches. */
  protected headSequencesHost(observations: readonly Float32Array[], rows: number, length: number, initial: Float32Array): Float32Array {
    return denseHost(this.body.sequencesHost(observations, rows, length, initial), rows, this.head);
  }
}

export class RecurrentCategoricalActor extends RecurrentBranchNetwork {
  constructor(spec: BehaviorSpec, settings: Partial<NetworkSettings>, rng: Rng) {
    super(spec, settings, 'pi', 'logits', POLICY_HEAD_GAIN, rng, `recurrent discrete SAC actor for behavior "${spec.name}"`);
  }

  /** One decision per row: masked log-probabilities (rows × Σ branches) and the memories after it. */
  stepHost(observations: readonly Float32Array[], masks: Uint8Array | null, rows: number, memories: Float32Array): { logProbs: Float32Array; memories: Float32Array } {
    const step = this.body.stepHost(observations, rows, memories);
    return { logProbs: maskedLogSoftmax(denseHost(step.output, rows, this.head), masks, rows, this.branches), memories: step.memories };
  }

  /** Masked log-probabilities over sequences (host). */
  logProbsHost(observations: readonly Float32Array[], masks: Uint8Array | null, rows: number, length: number, initial: Float32Array): Float32Array {
    return maskedLogSoftmax(this.headSequencesHost(observations, rows, length, initial), masks, rows, this.branches);
  }

  /** Masked log-probabilities over sequences (tfjs, differentiable); masks are constants. */
  logProbsTf(observations: readonly tf.Tensor2D[], masks: tf.Tensor2D | null, length: number, initial: tf.Tensor2D): tf.Tensor2D {
    return maskedLogSoftmaxTf(this.headSequencesTf(observations, length, initial), masks, this.branches);
  }

  /** Export data: the encoder, the LSTM (recurrent_in / recurrent_out) and the logits, sampled or argmaxed. */
  describePolicy(): ExportablePolicy {
    const { observations, trunk, memory } = this.body.describe(this.spec.observationSpecs);
    return { format: 'shiva-exportable-policy', version: 1, trainerType: 'sac', observations, trunk, discrete: { branches: [...this.branches], logits: exportDense(this.head), sample: true }, continuous: null, memory };
  }
}

export class RecurrentQNetwork extends RecurrentBranchNetwork {
  constructor(spec: BehaviorSpec, settings: Partial<NetworkSettings>, rng: Rng) {
    super(spec, settings, 'q', 'values', 1, rng, `recurrent discrete SAC critic for behavior "${spec.name}"`);
  }

  /** Q-values [rows, Σ branches] over sequences. Call inside tf.tidy. */
  forwardTf(observations: readonly tf.Tensor2D[], length: number, initial: tf.Tensor2D): tf.Tensor2D {
    return this.headSequencesTf(observations, length, initial);
  }

  forwardHost(observations: readonly Float32Array[], rows: number, length: number, initial: Float32Array): Float32Array {
    return this.headSequencesHost(observations, rows, length, initial);
  }
}
