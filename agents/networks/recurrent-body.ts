/**
 * An observation encoder followed by an LSTM (lstm.ts), as ML-Agents' NetworkBody with `network_settings.memory`:
 * the body networks with heads of their own build on (SAC's actor and critics with memory). Its memory is the
 * LSTM's [h | c], `memorySize` floats; its output the LSTM's h.
 *
 * Three forwards read the same weights:
 *   - stepHost: one decision per row from each row's memory (acting; the memory after the step comes back);
 *   - sequencesHost: B sequences of `length` rows on plain arrays, each from its initial memory (targets);
 *   - sequencesTf: the same in tfjs, gradients flowing back through time (losses).
 * Rows of sequences are laid out as sequence-buffer.ts lays them: row b·length + t is step t of sequence b.
 */
import * as tf from '@tensorflow/tfjs';
import type { ObservationSpec } from '../../src/core/env/behavior-spec.js';
import type { Rng } from '../../src/core/runtime/rng.js';
import type { ExportLstm, ExportObservation, ExportTrunk } from '../../src/protocol/onnx/exportable-policy.js';
import { createLstm, exportLstm, lstmSequencesTf, lstmStepHost, type Lstm } from './lstm.js';
import type { MemorySettings, NetworkSettings } from './network-settings.js';
import { ObservationEncoder } from './observation-encoder.js';
import type { ParameterSet } from './parameters.js';

export class RecurrentBody {
  private readonly encoder: ObservationEncoder;
  private readonly lstm: Lstm;
  /** Width of the output (the LSTM's hidden size). */
  readonly outputSize: number;
  /** Floats of one row's memory ([h | c]). */
  readonly memorySize: number;

  /** `inputs` are the encoder's inputs (observations, then any extra vector such as a critic's action). */
  constructor(params: ParameterSet, name: string, inputs: readonly ObservationSpec[], settings: NetworkSettings & { memory: MemorySettings }, rng: Rng, where: string) {
    this.encoder = new ObservationEncoder(params, name, inputs, settings, rng, where);
    this.lstm = createLstm(params, `${name}/lstm`, this.encoder.outputSize, settings.memory.memorySize, rng);
    this.outputSize = this.lstm.hiddenSize;
    this.memorySize = settings.memory.memorySize;
  }

  /** One step for `rows` rows: `memories` (rows × memorySize) before it; the output and the memories after. */
  stepHost(inputs: readonly Float32Array[], rows: number, memories: Float32Array): { output: Float32Array; memories: Float32Array } {
    const step = lstmStepHost(this.encoder.forwardHost(inputs, rows), memories, rows, this.lstm);
    return { output: step.output, memories: step.memory };
  }

  /** B = rows / length sequences from `initial` (B × memorySize) → rows × outputSize, on the host copies. */
  sequencesHost(inputs: readonly Float32Array[], rows: number, length: number, initial: Float32Array): Float32Array {
    const B = rows / length;
    const H = this.outputSize;
    const encoded = this.encoder.forwardHost(inputs, rows);
    const E = this.encoder.outputSize;
    const output = new Float32Array(rows * H);
    const x = new Float32Array(B * E);
    let memory = initial;
    for (let t = 0; t < length; t++) {
      for (let b = 0; b < B; b++) x.set(encoded.subarray((b * length + t) * E, (b * length + t + 1) * E), b * E);
      const step = lstmStepHost(x, memory, B, this.lstm);
      for (let b = 0; b < B; b++) output.set(step.output.subarray(b * H, (b + 1) * H), (b * length + t) * H);
      memory = step.memory;
    }
    return output;
  }

  /** The same in tfjs: inputs [rows, size] each, `initial` [B, memorySize] → [rows, outputSize]. Call inside tf.tidy. */
  sequencesTf(inputs: readonly tf.Tensor2D[], length: number, initial: tf.Tensor2D): tf.Tensor2D {
    return lstmSequencesTf(this.encoder.forwardTf(inputs), initial, length, this.lstm);
  }

  /** Export data: the encoder (observations of `specs`, no normalisers) and the LSTM. */
  describe(specs: readonly ObservationSpec[]): { observations: ExportObservation[]; trunk: ExportTrunk; memory: ExportLstm } {
    return { ...this.encoder.describe(specs, []), memory: exportLstm(this.lstm) };
  }
}
