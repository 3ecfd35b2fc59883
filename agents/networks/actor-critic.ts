/**
 * The policy and value network of one behavior, shaped by its BehaviorSpec:
 *
 *   observations ─ normalise (vectors) ─┬─ actor encoder ─┬─ logits head (Σ branch sizes)  discrete branches
 *                                       │                 └─ mean head (continuousSize)    + free log-std
 *                                       └─ critic encoder ── value head (1)
 *
 * Actor and critic have separate encoders (ML-Agents' and CleanRL's default). Both forwards exist: tfjs for
 * training and large batches, plain arrays (reading the host copies of the weights) for acting; `syncHost()`
 * after each update keeps them equal. `save()`/`load()` move every weight and the normalisers through plain
 * JSON-safe objects.
 *
 * With `settings.memory` an LSTM (lstm.ts) follows each encoder, as in ML-Agents' NetworkBody, and the heads read
 * its output. Actor and critic each keep their own memory; an agent's memory is the two side by side
 * ([actor h | actor c | critic h | critic c], `memoryWidth` floats). Acting steps it one decision at a time; training
 * runs whole sequences (`SequenceInputs`), each from the memory stored with its first step, and evaluates only the
 * rows that are not padding.
 */
import * as tf from '@tensorflow/tfjs';
import type { BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import { observationSize } from '../../src/core/env/behavior-spec.js';
import { ShivaError } from '../../src/core/errors.js';
import type { Rng } from '../../src/core/runtime/rng.js';
import type { ExportablePolicy } from '../../src/protocol/onnx/exportable-policy.js';
import { matMul } from '../../src/core/runtime/fast-ops.js';
import { createDense, denseHost, denseTf, type Dense } from './dense.js';
import { createLstm, exportLstm, lstmSequencesTf, lstmStepHost, type Lstm } from './lstm.js';
import { exportDense } from './export-layers.js';
import { clampLogStd } from './distributions.js';
import { categoricalLogProbEntropy, gaussianLogProbEntropy } from './distributions-tf.js';
import { POLICY_HEAD_GAIN } from './init.js';
import { DEFAULT_NETWORK_SETTINGS, type NetworkSettings } from './network-settings.js';
import { checkTrunk, networkFailure } from './network-checks.js';
import { RunningNormalizer, type SavedNormalizer } from './normalizer.js';
import { ObservationEncoder, isVisual } from './observation-encoder.js';
import { ParameterSet, type Parameter, type SavedParameter } from './parameters.js';
import { isVisEncodeType, VIS_ENCODE_TYPES } from './visual-encoder-types.js';

/** Initial gain of the value head (CleanRL): a unit-scale value; the policy heads take POLICY_HEAD_GAIN. */
const VALUE_HEAD_GAIN = 1;

/** Head outputs on plain arrays; null where the network has no such head or it was not asked for. */
export interface HostOutputs {
  /** rows × Σ branch sizes, before masks and factors. */
  readonly logits: Float32Array | null;
  /** rows × continuousSize. */
  readonly means: Float32Array | null;
  readonly values: Float32Array | null;
  /** rows × memoryWidth: each row's memory after this step; null without memory. */
  readonly memories?: Float32Array | null;
}

/** A recurrent network's training rows: B sequences of `length` steps, row b·length + t being step t of sequence b. */
export interface SequenceInputs {
  readonly length: number;
  /** [B, memoryWidth]: the memory each sequence starts from (stored with its first step). */
  readonly memories: tf.Tensor2D;
  /**
   * [V, B·length]: row k is one-hot at the position of the k-th row that is not padding; the heads and every loss
   * read only those V rows, in this order. (A matmul rather than tf.gather: gather's gradient has no wasm kernel.)
   */
  readonly select: tf.Tensor2D;
}

export interface TensorOutputs {
  readonly logits: tf.Tensor2D | null;
  readonly mean: tf.Tensor2D | null;
  readonly value: tf.Tensor1D;
}

/** What the update step evaluates: normalised observations and the actions taken, as tensors. */
export interface EvaluateInputs {
  readonly observations: readonly tf.Tensor2D[];
  /** rows × continuousSize unclipped samples; null without continuous actions. */
  readonly continuousActions: tf.Tensor2D | null;
  /** rows × Σ branch sizes one-hot of the discrete actions; null without branches. */
  readonly oneHot: tf.Tensor2D | null;
  /** From factorArrays(): null when no transition had a mask or rule factor. */
  readonly allowed: tf.Tensor2D | null;
  readonly offset: tf.Tensor2D | null;
  /**
   * With memory: the observations hold whole padded sequences, and the other fields only the valid rows. Absent
   * without memory.
   */
  readonly sequences?: SequenceInputs;
}

export interface Evaluation {
  /** Per-row log-probability of the taken action under the (factor-combined) current policy. */
  readonly logProb: tf.Tensor1D;
  /** Batch-mean entropy, summed over branches and components. */
  readonly entropy: tf.Scalar;
  readonly value: tf.Tensor1D;
}

/** A policy as saved: JSON-safe, self-describing enough to refuse a mismatched network. */
export interface SavedActorCritic {
  readonly format: 'shiva-actor-critic';
  readonly version: 1;
  readonly observationShapes: readonly (readonly number[])[];
  readonly continuousSize: number;
  readonly discreteBranches: readonly number[];
  readonly settings: NetworkSettings;
  readonly parameters: readonly SavedParameter[];
  /** One per observation; null for observations that are not normalised (images, or normalize off). */
  readonly normalizers: readonly (SavedNormalizer | null)[];
}

export class ActorCritic {
  readonly settings: NetworkSettings;
  readonly params = new ParameterSet();
  readonly normalizers: (RunningNormalizer | null)[];
  readonly continuousSize: number;
  readonly branches: readonly number[];
  /** Σ branch sizes: the width of logits, masks and rule factors. */
  readonly logitsSize: number;
  readonly observationSizes: readonly number[];
  private readonly actor: ObservationEncoder;
  private readonly critic: ObservationEncoder;
  private readonly logitsHead: Dense | null;
  private readonly meanHead: Dense | null;
  private readonly logStd: Parameter | null;
  private readonly valueHead: Dense;
  private readonly actorLstm: Lstm | null;
  private readonly criticLstm: Lstm | null;

  constructor(
    readonly spec: BehaviorSpec,
    settings: Partial<NetworkSettings>,
    rng: Rng,
  ) {
    this.settings = { ...DEFAULT_NETWORK_SETTINGS, ...settings };
    const where = `network for behavior "${spec.name}"`;
    validate(spec, this.settings, where);
    this.continuousSize = spec.actionSpec.continuousSize;
    this.branches = [...spec.actionSpec.discreteBranches];
    this.logitsSize = this.branches.reduce((a, b) => a + b, 0);
    this.observationSizes = spec.observationSpecs.map(observationSize);
    this.normalizers = spec.observationSpecs.map((o, i) => (this.settings.normalize && !isVisual(o) ? new RunningNormalizer(this.observationSizes[i]!) : null));

    const memory = this.settings.memory ?? null;
    this.actor = new ObservationEncoder(this.params, 'actor', spec.observationSpecs, this.settings, rng, where, true);
    // Without memory no LSTM is made and nothing is drawn from rng for one: the seeded weights stay as they were.
    this.actorLstm = memory ? createLstm(this.params, 'actor/lstm', this.actor.outputSize, memory.memorySize, rng) : null;
    const actorOut = this.actorLstm?.hiddenSize ?? this.actor.outputSize;
    this.logitsHead = this.logitsSize > 0 ? createDense(this.params, 'actor/logits', actorOut, this.logitsSize, rng, POLICY_HEAD_GAIN) : null;
    this.meanHead = this.continuousSize > 0 ? createDense(this.params, 'actor/mean', actorOut, this.continuousSize, rng, POLICY_HEAD_GAIN) : null;
    this.logStd = this.continuousSize > 0 ? this.params.add('actor/log_std', [this.continuousSize], new Float32Array(this.continuousSize)) : null;
    this.critic = new ObservationEncoder(this.params, 'critic', spec.observationSpecs, this.settings, rng, where, true);
    this.criticLstm = memory ? createLstm(this.params, 'critic/lstm', this.critic.outputSize, memory.memorySize, rng) : null;
    this.valueHead = createDense(this.params, 'critic/value', this.criticLstm?.hiddenSize ?? this.critic.outputSize, 1, rng, VALUE_HEAD_GAIN);
  }

  /** Raw observations (one rows × size array per spec) → what the encoders read. Images pass unchanged. */
  normalizeObservations(raw: readonly Float32Array[], rows: number): Float32Array[] {
    return raw.map((obs, i) => this.normalizers[i]?.normalize(obs, rows) ?? obs);
  }

  /** Folds a batch of raw observations into the running statistics (no-op without normalisation). */
  updateNormalizers(raw: readonly Float32Array[], rows: number): void {
    raw.forEach((obs, i) => this.normalizers[i]?.update(obs, rows));
  }

  /** The clamped log standard deviation per continuous component, from the host weights. */
  logStdHost(): Float32Array {
    return this.logStd ? Float32Array.from(this.logStd.host, clampLogStd) : new Float32Array(0);
  }

  /** The free log standard deviation, unclamped, as the trained variable; null without continuous actions. */
  logStdTf(): tf.Tensor1D | null {
    return this.logStd ? (this.logStd.variable as tf.Tensor1D) : null;
  }

  /** Floats of one agent's memory (actor's then critic's); 0 without memory. */
  get memoryWidth(): number {
    return this.settings.memory ? 2 * this.settings.memory.memorySize : 0;
  }

  /**
   * The plain-array forward (fast acting path) on normalised observations. With memory, `memories` (rows ×
   * memoryWidth; null: zeros, a new episode) is each row's memory before this step and the output's `memories`
   * the memory after it (the part of a head not asked for is carried over unchanged).
   */
  forwardHost(observations: readonly Float32Array[], rows: number, heads: { policy: boolean; value: boolean }, memories: Float32Array | null = null): HostOutputs {
    let logits: Float32Array | null = null;
    let means: Float32Array | null = null;
    let values: Float32Array | null = null;
    const width = this.memoryWidth;
    const before = width > 0 ? (memories ?? new Float32Array(rows * width)) : null;
    const after = before ? Float32Array.from(before) : null;
    const recur = (h: Float32Array, lstm: Lstm | null, side: 0 | 1): Float32Array => {
      if (!lstm || !before || !after) return h;
      const half = width / 2;
      const step = lstmStepHost(h, columns(before, rows, width, side * half, half), rows, lstm);
      for (let r = 0; r < rows; r++) after.set(step.memory.subarray(r * half, (r + 1) * half), r * width + side * half);
      return step.output;
    };
    if (heads.policy) {
      const h = recur(this.actor.forwardHost(observations, rows), this.actorLstm, 0);
      if (this.logitsHead) logits = denseHost(h, rows, this.logitsHead);
      if (this.meanHead) means = denseHost(h, rows, this.meanHead);
    }
    if (heads.value) values = denseHost(recur(this.critic.forwardHost(observations, rows), this.criticLstm, 1), rows, this.valueHead);
    return after ? { logits, means, values, memories: after } : { logits, means, values };
  }

  /**
   * The tfjs forward on normalised observations. Call inside tf.tidy. A network with memory needs `sequences`,
   * and its outputs then have one row per valid row.
   */
  forwardTf(observations: readonly tf.Tensor2D[], sequences?: SequenceInputs): TensorOutputs {
    const h = this.recurTf(this.actor.forwardTf(observations), this.actorLstm, 0, sequences);
    return {
      logits: this.logitsHead ? denseTf(h, this.logitsHead) : null,
      mean: this.meanHead ? denseTf(h, this.meanHead) : null,
      value: this.valueTf(observations, sequences),
    };
  }

  valueTf(observations: readonly tf.Tensor2D[], sequences?: SequenceInputs): tf.Tensor1D {
    const h = this.recurTf(this.critic.forwardTf(observations), this.criticLstm, 1, sequences);
    return tf.reshape(denseTf(h, this.valueHead), [-1]) as tf.Tensor1D;
  }

  /** An encoder's output through its LSTM over the sequences, the valid rows kept; unchanged without memory. */
  private recurTf(h: tf.Tensor2D, lstm: Lstm | null, side: 0 | 1, sequences: SequenceInputs | undefined): tf.Tensor2D {
    if (!lstm) return h;
    if (!sequences) throw new Error(`network for behavior "${this.spec.name}": a recurrent forward needs sequences and their initial memories`);
    const half = this.memoryWidth / 2;
    const initial = tf.slice(sequences.memories, [0, side * half], [-1, half]) as tf.Tensor2D;
    return matMul(sequences.select, lstmSequencesTf(h, initial, sequences.length, lstm));
  }

  /**
   * Width of what the value head reads (and the reward signals' heads, agents/ppo/value-heads.ts): the critic
   * encoder's output, or its LSTM's with memory (ML-Agents' critic feeds every value head from its LSTM).
   */
  get criticOutputSize(): number {
    return this.criticLstm?.hiddenSize ?? this.critic.outputSize;
  }

  /**
   * What the value head reads, on normalised observations, for extra value heads: the critic encoder's output, then
   * with memory its LSTM's over `sequences` (valid rows only). Call inside tf.tidy.
   */
  criticEmbeddingTf(observations: readonly tf.Tensor2D[], sequences?: SequenceInputs): tf.Tensor2D {
    return this.recurTf(this.critic.forwardTf(observations), this.criticLstm, 1, sequences);
  }

  /**
   * The same on plain arrays (host weights); with memory, `memories` (rows × memoryWidth; null: zeros) is each
   * row's memory before the step, and the output is the critic LSTM's one step from it.
   */
  criticEmbeddingHost(observations: readonly Float32Array[], rows: number, memories: Float32Array | null = null): Float32Array {
    const h = this.critic.forwardHost(observations, rows);
    if (!this.criticLstm) return h;
    const width = this.memoryWidth;
    const half = width / 2;
    return lstmStepHost(h, columns(memories ?? new Float32Array(rows * width), rows, width, half, half), rows, this.criticLstm).output;
  }

  /**
   * Log-probabilities of taken actions, entropy and values under the current weights, differentiable. Call
   * inside tf.tidy (or a gradient function).
   */
  evaluateTf(inputs: EvaluateInputs): Evaluation {
    const { logits, mean, value } = this.forwardTf(inputs.observations, inputs.sequences);
    return { ...this.policyTerms(logits, mean, inputs), value };
  }

  /**
   * The policy heads alone (logits, Gaussian mean; null where absent), for a loss computed from them: the update
   * losses (agents/ppo/ppo-loss-op.ts), and MA-POCA's, whose critic is elsewhere, so that this network's critic is not
   * run for nothing. Call inside tf.tidy (or a gradient function).
   */
  policyHeadsTf(observations: readonly tf.Tensor2D[], sequences?: SequenceInputs): { logits: tf.Tensor2D | null; mean: tf.Tensor2D | null } {
    const h = this.recurTf(this.actor.forwardTf(observations), this.actorLstm, 0, sequences);
    return { logits: this.logitsHead ? denseTf(h, this.logitsHead) : null, mean: this.meanHead ? denseTf(h, this.meanHead) : null };
  }

  /** Log-probabilities of the taken actions and the mean entropy, from the heads' outputs. */
  private policyTerms(logits: tf.Tensor2D | null, mean: tf.Tensor2D | null, inputs: EvaluateInputs): Omit<Evaluation, 'value'> {
    let logProb: tf.Tensor1D | null = null;
    let entropy: tf.Scalar | null = null;
    if (logits && inputs.oneHot) {
      const cat = categoricalLogProbEntropy(logits, this.branches, inputs.oneHot, inputs.allowed, inputs.offset);
      logProb = cat.logProb;
      entropy = tf.mean(cat.entropy) as tf.Scalar;
    }
    if (mean && inputs.continuousActions && this.logStd) {
      const g = gaussianLogProbEntropy(mean, this.logStd.variable as tf.Tensor1D, inputs.continuousActions);
      logProb = logProb ? (tf.add(logProb, g.logProb) as tf.Tensor1D) : g.logProb;
      entropy = entropy ? (tf.add(entropy, g.entropy) as tf.Scalar) : g.entropy;
    }
    if (!logProb || !entropy) throw new Error('evaluateTf: actions missing for this action spec');
    return { logProb, entropy };
  }

  /**
   * The acting network as export data: the actor's encoder and heads, the normalisers, the clamped log-std of the
   * Gaussian; the deterministic action is what act() does with `deterministic` (argmax of the masked logits, the
   * mean clipped by actionClip). With memory, the actor's LSTM too (recurrent_in / recurrent_out of the model).
   */
  describePolicy(trainerType: string): ExportablePolicy {
    const { observations, trunk } = this.actor.describe(this.spec.observationSpecs, this.normalizers);
    return {
      format: 'shiva-exportable-policy',
      version: 1,
      trainerType,
      observations,
      trunk,
      discrete: this.logitsHead ? { branches: [...this.branches], logits: exportDense(this.logitsHead), sample: true } : null,
      continuous: this.meanHead ? { size: this.continuousSize, mean: exportDense(this.meanHead), squash: this.settings.actionClip, noise: { kind: 'fixed', logStd: this.logStdHost() } } : null,
      // The actor's LSTM only: the critic's memory is the trainer's business (ML-Agents exports the actor's).
      ...(this.actorLstm ? { memory: exportLstm(this.actorLstm) } : {}),
    };
  }

  /** Copies trained weights to the host arrays the fast path reads. Call after every update, outside tidy. */
  syncHost(): void {
    this.params.syncHost();
  }

  save(): SavedActorCritic {
    return {
      format: 'shiva-actor-critic',
      version: 1,
      observationShapes: this.spec.observationSpecs.map((o) => [...o.shape]),
      continuousSize: this.continuousSize,
      discreteBranches: [...this.branches],
      settings: { ...this.settings },
      parameters: this.params.save(),
      normalizers: this.normalizers.map((n) => n?.save() ?? null),
    };
  }

  /** Loads a saved policy of the same shape; `where` (a checkpoint path) names the source in errors. */
  load(saved: SavedActorCritic, where: string): void {
    if (!saved || saved.format !== 'shiva-actor-critic' || saved.version !== 1) {
      throw new ShivaError('SHIVA_ERR_MODEL_STATE', `${where}: format: expected shiva-actor-critic version 1, got ${saved ? `${String(saved.format)} version ${String(saved.version)}` : 'nothing'}`);
    }
    const shapes = (s: readonly (readonly number[])[]) => JSON.stringify(s);
    const mine = this.spec.observationSpecs.map((o) => [...o.shape]);
    if (shapes(saved.observationShapes ?? []) !== shapes(mine)) {
      throw new ShivaError('SHIVA_ERR_MODEL_STATE', `${where}: observationShapes: expected ${shapes(mine)}, got ${shapes(saved.observationShapes ?? [])}`);
    }
    if (saved.continuousSize !== this.continuousSize || JSON.stringify(saved.discreteBranches) !== JSON.stringify(this.branches)) {
      throw new ShivaError('SHIVA_ERR_MODEL_STATE', `${where}: action spec: expected continuous ${this.continuousSize} and branches [${this.branches.join(', ')}], got continuous ${saved.continuousSize} and branches [${(saved.discreteBranches ?? []).join(', ')}]`);
    }
    const memory = (m: NetworkSettings['memory']) => (m ? `sequence_length ${m.sequenceLength}, memory_size ${m.memorySize}` : 'none');
    if (memory(saved.settings?.memory) !== memory(this.settings.memory)) {
      throw new ShivaError('SHIVA_ERR_MODEL_STATE', `${where}: settings.memory: expected ${memory(this.settings.memory)}, got ${memory(saved.settings?.memory)}`);
    }
    // Same shapes with another activation or clipping would load without complaint and act differently.
    for (const key of ['activation', 'actionClip', 'visEncodeType'] as const) {
      if (saved.settings?.[key] !== this.settings[key]) {
        throw new ShivaError('SHIVA_ERR_MODEL_STATE', `${where}: settings.${key}: expected "${this.settings[key]}", got ${JSON.stringify(saved.settings?.[key])}`);
      }
    }
    const savedNorms = saved.normalizers ?? [];
    if (savedNorms.length !== this.normalizers.length || savedNorms.some((n, i) => (n === null) !== (this.normalizers[i] === null))) {
      const describe = (list: readonly unknown[]) => `[${list.map((n) => (n === null ? 'none' : 'normalised')).join(', ')}]`;
      throw new ShivaError('SHIVA_ERR_MODEL_STATE', `${where}: normalizers: expected ${describe(this.normalizers)}, got ${describe(savedNorms)}`);
    }
    this.params.load(saved.parameters ?? [], where);
    savedNorms.forEach((n, i) => {
      if (n) this.normalizers[i]!.load(n, `${where}: observation #${i}`);
    });
  }

  dispose(): void {
    this.params.dispose();
  }
}

/** Columns [start, start + count) of a rows × width array. */
function columns(a: Float32Array, rows: number, width: number, start: number, count: number): Float32Array {
  const out = new Float32Array(rows * count);
  for (let r = 0; r < rows; r++) out.set(a.subarray(r * width + start, r * width + start + count), r * count);
  return out;
}

function validate(spec: BehaviorSpec, settings: NetworkSettings, where: string): void {
  const fail = networkFailure(where);
  const memory = settings.memory;
  if (memory && (!Number.isInteger(memory.memorySize) || memory.memorySize < 2 || memory.memorySize % 2 !== 0)) fail('memory.memorySize', 'an even integer ≥ 2', memory.memorySize);
  if (memory && (!Number.isInteger(memory.sequenceLength) || memory.sequenceLength < 1)) fail('memory.sequenceLength', 'an integer ≥ 1', memory.sequenceLength);
  checkTrunk(settings, fail);
  if (!isVisEncodeType(settings.visEncodeType)) fail('visEncodeType', `one of ${VIS_ENCODE_TYPES.join(', ')}`, settings.visEncodeType);
  if (settings.actionClip !== 'clip' && settings.actionClip !== 'clamp3') fail('actionClip', '"clip" or "clamp3"', settings.actionClip);
  if (spec.observationSpecs.length === 0) fail('observationSpecs', 'at least one observation', []);
  const { continuousSize, discreteBranches } = spec.actionSpec;
  if (!Number.isInteger(continuousSize) || continuousSize < 0) fail('actionSpec.continuousSize', 'an integer ≥ 0', continuousSize);
  if (discreteBranches.some((b) => !Number.isInteger(b) || b < 1)) fail('actionSpec.discreteBranches', 'integers ≥ 1', discreteBranches);
  if (continuousSize === 0 && discreteBranches.length === 0) fail('actionSpec', 'at least one continuous component or discrete branch', spec.actionSpec);
}
