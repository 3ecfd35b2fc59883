/**
 * Curiosity (the Intrinsic Curiosity Module, Pathak et al. 2017) as a reward signal, as ML-Agents release 21 runs it
 * (reward_providers/curiosity_reward_provider.py). A learned encoding φ (state-encoder.ts) is shaped by two models:
 *
 *   inverse model   â = g(φ(s), φ(s'))      h = swish([φ(s) | φ(s')]·W + b)  (256 units), then
 *                                            continuous: â_c = h·W_c + b_c;  discrete: p_b = softmax(h·W_b + b_b)
 *   forward model   φ̂(s') = f(φ(s), a)      swish([φ(s) | a_c | onehot(a_d)]·W + b) (256 units) · W_f + b_f
 *
 *   L_inverse = mean_i Σ_c (a_ic − â_ic)²  +  mean_i −Σ_b Σ_k onehot_ibk · log(p_ibk + 1e-10)
 *   L_forward = mean_i ½‖φ̂(s'_i) − φ(s'_i)‖²         (φ(s') is not detached: the encoder trains through both)
 *   loss      = 10 · (0.2 · L_forward + 0.8 · L_inverse),   Adam at the signal's learning_rate, no gradient clipping
 *
 *   reward    r_i = strength · min(½‖φ̂(s'_i) − φ(s'_i)‖², 1 / strength)     (so r ≤ 1), and 0 before the first
 *               update (ML-Agents' `_has_updated_once`)
 *
 * Transitions the forward model has seen often are predicted well and pay little: novelty decays with visits. The
 * value of this signal is bootstrapped through episode ends (ignoreDone). Continuous actions are the raw (unclipped)
 * samples the policy drew, as ML-Agents' buffer keeps them. With network_settings.normalize the observations pass a
 * running normaliser of the signal's own, fed each update's batch before training.
 */
import * as tf from '@tensorflow/tfjs';
import type { BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import { observationSize } from '../../src/core/env/behavior-spec.js';
import { ShivaError } from '../../src/core/errors.js';
import type { Rng, RngState } from '../../src/core/runtime/rng.js';
import { activateTf } from '../networks/activations.js';
import { Adam, type SavedAdam } from '../networks/adam.js';
import { gradientList } from '../networks/adam-step.js';
import { createDense, denseTf, type Dense } from '../networks/dense.js';
import { trainMinibatches } from '../networks/minibatches.js';
import { RunningNormalizer, type SavedNormalizer } from '../networks/normalizer.js';
import { ParameterSet, type SavedParameter } from '../networks/parameters.js';
import { CURIOSITY_CONSTANTS, type CuriositySettings } from './intrinsic-settings.js';
import type { RewardSignal, TransitionBatch } from './reward-signal.js';
import { observationRows } from './signal-batch.js';
import { goalColumns, SIGNAL_HIDDEN_GAIN, StateEncoder, vectorObservationWidth } from './state-encoder.js';

/** torch.optim.Adam's default ε, which ML-Agents' reward providers keep. */
const ADAM_EPSILON = 1e-8;
/** Rows per forward pass when computing rewards for a whole buffer. */
const REWARD_CHUNK = 4096;

export interface SavedCuriosity {
  readonly format: 'shiva-curiosity';
  readonly version: 1;
  readonly inputSize: number;
  readonly actionSize: number;
  readonly parameters: readonly SavedParameter[];
  readonly optimizer: SavedAdam;
  readonly normalizer: SavedNormalizer | null;
  readonly updatedOnce: boolean;
  readonly rng: RngState;
}

/** One minibatch as tensors: s, s', continuous actions and the one-hot of the discrete ones. */
interface Rows {
  readonly s: tf.Tensor2D;
  readonly next: tf.Tensor2D;
  readonly continuous: tf.Tensor2D | null;
  readonly oneHot: tf.Tensor2D | null;
}

export class Curiosity implements RewardSignal {
  readonly name = 'curiosity' as const;
  readonly ignoreDone = true;
  readonly params = new ParameterSet();
  readonly encoder: StateEncoder;
  private readonly inverseHidden: Dense;
  private readonly continuousHead: Dense | null;
  private readonly discreteHead: Dense | null;
  private readonly forwardHidden: Dense;
  private readonly forwardOut: Dense;
  private readonly optimizer: Adam;
  private readonly variables: tf.Variable[];
  private readonly normalizer: RunningNormalizer | null;
  private readonly sizes: number[];
  private readonly continuousSize: number;
  private readonly branches: readonly number[];
  private readonly oneHotSize: number;
  private updatedOnce = false;

  constructor(
    readonly spec: BehaviorSpec,
    readonly settings: CuriositySettings,
    /** Initial weights and minibatch shuffles; give it its own stream. */
    private readonly rng: Rng,
  ) {
    const width = vectorObservationWidth(spec, 'curiosity');
    this.sizes = spec.observationSpecs.map(observationSize);
    this.continuousSize = spec.actionSpec.continuousSize;
    this.branches = [...spec.actionSpec.discreteBranches];
    this.oneHotSize = this.branches.reduce((a, b) => a + b, 0);
    const hidden = CURIOSITY_CONSTANTS.modelHiddenUnits;
    this.encoder = new StateEncoder(this.params, 'curiosity/encoder', width, settings.network, rng, goalColumns(spec));
    const phi = this.encoder.outputSize;
    this.inverseHidden = createDense(this.params, 'curiosity/inverse', 2 * phi, hidden, rng, SIGNAL_HIDDEN_GAIN);
    this.continuousHead = this.continuousSize > 0 ? createDense(this.params, 'curiosity/inverse_continuous', hidden, this.continuousSize, rng, 1) : null;
    this.discreteHead = this.oneHotSize > 0 ? createDense(this.params, 'curiosity/inverse_discrete', hidden, this.oneHotSize, rng, 1) : null;
    this.forwardHidden = createDense(this.params, 'curiosity/forward', phi + this.actionSize, hidden, rng, SIGNAL_HIDDEN_GAIN);
    this.forwardOut = createDense(this.params, 'curiosity/forward_out', hidden, phi, rng, 1);
    this.variables = this.params.variables();
    this.optimizer = new Adam(this.variables, { epsilon: ADAM_EPSILON });
    this.normalizer = settings.network.normalize ? new RunningNormalizer(width) : null;
  }

  get gamma(): number {
    return this.settings.gamma;
  }

  /** Width of the action part of the forward model's input: continuous + Σ branch sizes. */
  get actionSize(): number {
    return this.continuousSize + this.oneHotSize;
  }

  /** ½‖φ̂(s') − φ(s')‖² per row, and the inverse model's output (continuous prediction, per-branch probabilities). */
  private forward(x: Rows) {
    const phi = this.encoder.forwardTf(x.s);
    const phiNext = this.encoder.forwardTf(x.next);
    const action = [x.continuous, x.oneHot].filter((t): t is tf.Tensor2D => t !== null);
    const h = activateTf(denseTf(tf.concat([phi, ...action], 1), this.forwardHidden), 'swish');
    const predicted = denseTf(h, this.forwardOut);
    const error = tf.sum(tf.mul(0.5, tf.square(tf.sub(phiNext, predicted))), 1) as tf.Tensor1D;
    return { phi, phiNext, error };
  }

  /** L_inverse from the two encodings. */
  private inverseLoss(phi: tf.Tensor2D, phiNext: tf.Tensor2D, x: Rows): tf.Scalar {
    const h = activateTf(denseTf(tf.concat([phi, phiNext], 1), this.inverseHidden), 'swish');
    let loss: tf.Scalar = tf.scalar(0);
    if (this.continuousHead && x.continuous) {
      const predicted = denseTf(h, this.continuousHead);
      loss = tf.add(loss, tf.mean(tf.sum(tf.square(tf.sub(x.continuous, predicted)), 1))) as tf.Scalar;
    }
    if (this.discreteHead && x.oneHot) {
      const logits = denseTf(h, this.discreteHead);
      const rows = logits.shape[0];
      let crossEntropy: tf.Tensor1D = tf.zeros([rows]);
      let start = 0;
      for (const size of this.branches) {
        const probs = tf.softmax(tf.slice(logits, [0, start], [rows, size]));
        const target = tf.slice(x.oneHot, [0, start], [rows, size]);
        crossEntropy = tf.sub(crossEntropy, tf.sum(tf.mul(tf.log(tf.add(probs, CURIOSITY_CONSTANTS.epsilon)), target), 1)) as tf.Tensor1D;
        start += size;
      }
      loss = tf.add(loss, tf.mean(crossEntropy)) as tf.Scalar;
    }
    return loss;
  }

  rewards(batch: TransitionBatch): { rewards: Float32Array; stats: Record<string, number> } {
    const n = batch.size;
    const out = new Float32Array(n);
    const strength = this.settings.strength;
    if (this.updatedOnce) {
      for (let start = 0; start < n; start += REWARD_CHUNK) {
        const rows = Int32Array.from({ length: Math.min(REWARD_CHUNK, n - start) }, (_, i) => start + i);
        const e = tf.tidy(() => this.forward(this.tensors(batch, rows)).error);
        const error = e.dataSync();
        e.dispose();
        for (let i = 0; i < rows.length; i++) out[start + i] = strength * Math.min(error[i]!, 1 / strength);
      }
    }
    let sum = 0;
    for (const r of out) sum += r;
    return { rewards: out, stats: { 'Policy/Curiosity Reward': n > 0 ? sum / n : 0 } };
  }

  train(batch: TransitionBatch, numEpoch: number, batchSize: number): Record<string, number> {
    if (batch.size === 0) return {};
    this.normalizer?.update(observationRows(batch, this.sizes, null), batch.size);
    const { means } = trainMinibatches({ forward: 0, inverse: 0 }, batch.size, batchSize, numEpoch, this.rng, (rows) => this.step(batch, rows));
    this.params.syncHost();
    this.updatedOnce = true;
    return { 'Losses/Curiosity Forward Loss': means.forward, 'Losses/Curiosity Inverse Loss': means.inverse };
  }

  /** One Adam step on the rows' loss; the two losses read back. */
  private step(batch: TransitionBatch, rows: Int32Array): { forward: number; inverse: number } {
    let diagnostics: tf.Tensor | null = null;
    tf.tidy(() => {
      const x = this.tensors(batch, rows);
      const { grads } = tf.variableGrads(() => {
        const { phi, phiNext, error } = this.forward(x);
        const forwardLoss = tf.mean(error) as tf.Scalar;
        const inverseLoss = this.inverseLoss(phi, phiNext, x);
        const w = CURIOSITY_CONSTANTS.forwardWeight;
        diagnostics = tf.keep(tf.stack([forwardLoss, inverseLoss]));
        return tf.mul(CURIOSITY_CONSTANTS.lossMultiplier, tf.add(tf.mul(w, forwardLoss), tf.mul(1 - w, inverseLoss))) as tf.Scalar;
      }, this.variables);
      this.optimizer.applyGradients(gradientList(this.variables, grads), this.settings.learningRate, 0);
    });
    const d = (diagnostics as tf.Tensor | null)!;
    const [forward, inverse] = d.dataSync();
    d.dispose();
    return { forward: forward!, inverse: inverse! };
  }

  /** Rows `rows` of the batch as tensors (inside tf.tidy). */
  private tensors(batch: TransitionBatch, rows: Int32Array): Rows {
    const n = rows.length;
    const width = this.encoder.inputSize;
    const obs = (observations: readonly Float32Array[]) => {
      const raw = observationRows({ ...batch, observations }, this.sizes, rows);
      return tf.tensor2d(this.normalizer ? this.normalizer.normalize(raw, n) : raw, [n, width]);
    };
    const C = this.continuousSize;
    let continuous: tf.Tensor2D | null = null;
    if (C > 0) {
      const a = new Float32Array(n * C);
      for (let i = 0; i < n; i++) a.set(batch.continuousActions.subarray(rows[i]! * C, (rows[i]! + 1) * C), i * C);
      continuous = tf.tensor2d(a, [n, C]);
    }
    let oneHot: tf.Tensor2D | null = null;
    if (this.oneHotSize > 0) {
      const nb = this.branches.length;
      const a = new Float32Array(n * this.oneHotSize);
      for (let i = 0; i < n; i++) {
        let offset = i * this.oneHotSize;
        for (let b = 0; b < nb; b++) {
          a[offset + batch.discreteActions[rows[i]! * nb + b]!] = 1;
          offset += this.branches[b]!;
        }
      }
      oneHot = tf.tensor2d(a, [n, this.oneHotSize]);
    }
    return { s: obs(batch.observations), next: obs(batch.nextObservations), continuous, oneHot };
  }

  save(): SavedCuriosity {
    return {
      format: 'shiva-curiosity',
      version: 1,
      inputSize: this.encoder.inputSize,
      actionSize: this.actionSize,
      parameters: this.params.save(),
      optimizer: this.optimizer.save(),
      normalizer: this.normalizer?.save() ?? null,
      updatedOnce: this.updatedOnce,
      rng: this.rng.getState(),
    };
  }

  load(state: unknown, where: string): void {
    const saved = state as SavedCuriosity | undefined;
    if (!saved || saved.format !== 'shiva-curiosity' || saved.version !== 1) {
      throw new ShivaError('SHIVA_ERR_MODEL_STATE', `${where}: format: expected shiva-curiosity version 1 (the curiosity module), got ${saved ? `${String(saved.format)} version ${String(saved.version)}` : 'nothing (the checkpoint was saved without reward_signals.curiosity)'}`);
    }
    if (saved.inputSize !== this.encoder.inputSize || saved.actionSize !== this.actionSize) {
      throw new ShivaError('SHIVA_ERR_MODEL_STATE', `${where}: input: expected ${this.encoder.inputSize} observation values and ${this.actionSize} action values, got ${saved.inputSize} and ${saved.actionSize}`);
    }
    if ((saved.normalizer === null) !== (this.normalizer === null)) {
      throw new ShivaError('SHIVA_ERR_MODEL_STATE', `${where}: normalizer: expected ${this.normalizer ? 'one (network_settings.normalize: true)' : 'none'}, got ${saved.normalizer ? 'one' : 'none'}`);
    }
    this.params.load(saved.parameters ?? [], where);
    this.optimizer.load(saved.optimizer, `${where}: optimizer`);
    if (saved.normalizer) this.normalizer!.load(saved.normalizer, `${where}: normalizer`);
    this.updatedOnce = saved.updatedOnce === true;
    this.rng.setState(saved.rng);
  }

  dispose(): void {
    this.optimizer.dispose();
    this.params.dispose();
  }
}
