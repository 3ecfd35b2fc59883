/**
 * Random Network Distillation (Burda et al. 2018) as a reward signal, as ML-Agents release 21 runs it
 * (reward_providers/rnd_reward_provider.py): a target encoder f fixed at its random initial weights, and a predictor
 * f̂ of the same shape (state-encoder.ts) trained to match it on the states the policy visits.
 *
 *   reward  r_i = strength · ‖f̂(s_i) − f(s_i)‖²                 (summed over the encoding; no ½, no cap)
 *   loss        = mean_i ‖f̂(s_i) − f(s_i)‖²,   Adam at the signal's learning_rate on f̂ only
 *
 * States visited often are predicted well and pay little: novelty decays with visits. As in ML-Agents the reward
 * reads the observation of the transition itself (s, the `obs` of its buffer), and the value of this signal is
 * bootstrapped through episode ends (ignoreDone). With network_settings.normalize the observations pass a running
 * normaliser shared by both networks, fed each update's batch before training.
 */
import * as tf from '@tensorflow/tfjs';
import type { BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import { observationSize } from '../../src/core/env/behavior-spec.js';
import { ShivaError } from '../../src/core/errors.js';
import type { Rng, RngState } from '../../src/core/runtime/rng.js';
import { Adam, type SavedAdam } from '../networks/adam.js';
import { gradientList } from '../networks/adam-step.js';
import { trainMinibatches } from '../networks/minibatches.js';
import { RunningNormalizer, type SavedNormalizer } from '../networks/normalizer.js';
import { ParameterSet, type SavedParameter } from '../networks/parameters.js';
import type { RndSettings } from './intrinsic-settings.js';
import type { RewardSignal, TransitionBatch } from './reward-signal.js';
import { observationRows, type SignalBatch } from './signal-batch.js';
import { goalColumns, StateEncoder, vectorObservationWidth } from './state-encoder.js';

/** torch.optim.Adam's default ε, which ML-Agents' reward providers keep. */
const ADAM_EPSILON = 1e-8;
/** Rows per forward pass when computing rewards for a whole buffer. */
const REWARD_CHUNK = 4096;

export interface SavedRnd {
  readonly format: 'shiva-rnd';
  readonly version: 1;
  readonly inputSize: number;
  readonly target: readonly SavedParameter[];
  readonly predictor: readonly SavedParameter[];
  readonly optimizer: SavedAdam;
  readonly normalizer: SavedNormalizer | null;
  readonly rng: RngState;
}

export class Rnd implements RewardSignal {
  readonly name = 'rnd' as const;
  readonly ignoreDone = true;
  readonly targetParams = new ParameterSet();
  readonly predictorParams = new ParameterSet();
  readonly target: StateEncoder;
  readonly predictor: StateEncoder;
  private readonly optimizer: Adam;
  private readonly variables: tf.Variable[];
  private readonly normalizer: RunningNormalizer | null;
  private readonly sizes: number[];

  constructor(
    readonly spec: BehaviorSpec,
    readonly settings: RndSettings,
    /** Initial weights (target, then predictor) and minibatch shuffles; give it its own stream. */
    private readonly rng: Rng,
  ) {
    const width = vectorObservationWidth(spec, 'rnd');
    this.sizes = spec.observationSpecs.map(observationSize);
    this.target = new StateEncoder(this.targetParams, 'rnd/target', width, settings.network, rng, goalColumns(spec));
    this.predictor = new StateEncoder(this.predictorParams, 'rnd/predictor', width, settings.network, rng, goalColumns(spec));
    this.variables = this.predictorParams.variables();
    this.optimizer = new Adam(this.variables, { epsilon: ADAM_EPSILON });
    this.normalizer = settings.network.normalize ? new RunningNormalizer(width) : null;
  }

  get gamma(): number {
    return this.settings.gamma;
  }

  /** ‖f̂(x) − f(x)‖² per row. Call inside tf.tidy. */
  private error(x: tf.Tensor2D): tf.Tensor1D {
    return tf.sum(tf.square(tf.sub(this.predictor.forwardTf(x), this.target.forwardTf(x))), 1) as tf.Tensor1D;
  }

  rewards(batch: TransitionBatch): { rewards: Float32Array; stats: Record<string, number> } {
    const n = batch.size;
    const out = new Float32Array(n);
    for (let start = 0; start < n; start += REWARD_CHUNK) {
      const rows = Int32Array.from({ length: Math.min(REWARD_CHUNK, n - start) }, (_, i) => start + i);
      const e = tf.tidy(() => this.error(this.inputs(batch, rows)));
      const error = e.dataSync();
      e.dispose();
      for (let i = 0; i < rows.length; i++) out[start + i] = this.settings.strength * error[i]!;
    }
    let sum = 0;
    for (const r of out) sum += r;
    return { rewards: out, stats: { 'Policy/RND Reward': n > 0 ? sum / n : 0 } };
  }

  train(batch: TransitionBatch, numEpoch: number, batchSize: number): Record<string, number> {
    if (batch.size === 0) return {};
    this.normalizer?.update(observationRows(batch, this.sizes, null), batch.size);
    const { means } = trainMinibatches({ loss: 0 }, batch.size, batchSize, numEpoch, this.rng, (rows) => {
      let loss: tf.Scalar | null = null;
      tf.tidy(() => {
        const x = this.inputs(batch, rows);
        const { grads } = tf.variableGrads(() => {
          const l = tf.mean(this.error(x)) as tf.Scalar;
          loss = tf.keep(l);
          return l;
        }, this.variables);
        this.optimizer.applyGradients(gradientList(this.variables, grads), this.settings.learningRate, 0);
      });
      const l = (loss as tf.Scalar | null)!;
      const value = l.dataSync()[0]!;
      l.dispose();
      return { loss: value };
    });
    this.predictorParams.syncHost();
    return { 'Losses/RND Loss': means.loss };
  }

  /** Rows `rows` of the batch's observations, normalised when asked, as a tensor (inside tf.tidy). */
  private inputs(batch: SignalBatch, rows: Int32Array): tf.Tensor2D {
    const raw = observationRows(batch, this.sizes, rows);
    return tf.tensor2d(this.normalizer ? this.normalizer.normalize(raw, rows.length) : raw, [rows.length, this.target.inputSize]);
  }

  save(): SavedRnd {
    return {
      format: 'shiva-rnd',
      version: 1,
      inputSize: this.target.inputSize,
      target: this.targetParams.save(),
      predictor: this.predictorParams.save(),
      optimizer: this.optimizer.save(),
      normalizer: this.normalizer?.save() ?? null,
      rng: this.rng.getState(),
    };
  }

  load(state: unknown, where: string): void {
    const saved = state as SavedRnd | undefined;
    if (!saved || saved.format !== 'shiva-rnd' || saved.version !== 1) {
      throw new ShivaError('SHIVA_ERR_MODEL_STATE', `${where}: format: expected shiva-rnd version 1 (the RND networks), got ${saved ? `${String(saved.format)} version ${String(saved.version)}` : 'nothing (the checkpoint was saved without reward_signals.rnd)'}`);
    }
    if (saved.inputSize !== this.target.inputSize) {
      throw new ShivaError('SHIVA_ERR_MODEL_STATE', `${where}: input: expected ${this.target.inputSize} observation values, got ${saved.inputSize}`);
    }
    if ((saved.normalizer === null) !== (this.normalizer === null)) {
      throw new ShivaError('SHIVA_ERR_MODEL_STATE', `${where}: normalizer: expected ${this.normalizer ? 'one (network_settings.normalize: true)' : 'none'}, got ${saved.normalizer ? 'one' : 'none'}`);
    }
    this.targetParams.load(saved.target ?? [], `${where}: target`);
    this.predictorParams.load(saved.predictor ?? [], `${where}: predictor`);
    this.optimizer.load(saved.optimizer, `${where}: optimizer`);
    if (saved.normalizer) this.normalizer!.load(saved.normalizer, `${where}: normalizer`);
    this.rng.setState(saved.rng);
  }

  dispose(): void {
    this.optimizer.dispose();
    this.targetParams.dispose();
    this.predictorParams.dispose();
  }
}
