/**
 * GAIL (Ho & Ermon 2016) as a reward signal, as ML-Agents runs it: a discriminator trained to tell expert
 * transitions from the policy's, and the reward r = −log(1 − D(s[, a])) for the policy's transitions. With VAIL
 * (Peng et al. 2018) the discriminator reads a noisy code whose KL to N(0, I) is held near 0.5 nat by β. The loss
 * terms are in gail-loss.ts; one gradient step reads top to bottom in `step()`.
 *
 * One update (`update()`), num_epoch passes over the policy's batch in seeded minibatches of batch_size, each with
 * an equally large expert batch sampled with replacement; before each step the observation normaliser (when on)
 * takes the expert batch, as ML-Agents' GAILRewardProvider.update does.
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
import type { SavedParameter } from '../networks/parameters.js';
import { Discriminator } from './discriminator.js';
import { ExpertSamples, type ExpertData } from './expert-samples.js';
import { discriminatorLoss, gailReward, gradientPenalty, interpolate, nextBeta, vailKl } from './gail-loss.js';
import { GAIL_CONSTANTS, type GailSettings } from './gail-settings.js';
import { actionRows, inputLayout, joinColumns, observationRows, type InputLayout, type SignalBatch } from './signal-batch.js';

/** torch.optim.Adam's default ε, which ML-Agents' reward providers keep. */
const ADAM_EPSILON = 1e-8;
/** Rows per forward pass when computing rewards for a whole buffer. */
const REWARD_CHUNK = 4096;

/** Means over the steps of one update (ML-Agents' stat names in parentheses). */
export interface GailUpdateStats {
  /** Binary cross-entropy (Losses/GAIL Loss). */
  readonly loss: number;
  /** Mean D on policy rows (Policy/GAIL Policy Estimate). */
  readonly policyEstimate: number;
  /** Mean D on expert rows (Policy/GAIL Expert Estimate). */
  readonly expertEstimate: number;
  /** 10 × gradient penalty (Policy/GAIL Grad Mag Loss). */
  readonly gradientPenalty: number;
  /** VAIL: β after the update (Policy/GAIL Beta) and the mean KL (Losses/GAIL KL Loss); 0 without VAIL. */
  readonly beta: number;
  readonly kl: number;
  readonly steps: number;
}

export interface SavedGail {
  readonly format: 'shiva-gail';
  readonly version: 1;
  readonly inputSize: number;
  readonly useVail: boolean;
  readonly parameters: readonly SavedParameter[];
  readonly optimizer: SavedAdam;
  readonly beta: number;
  readonly normalizer: SavedNormalizer | null;
  readonly rng: RngState;
}

export class Gail {
  readonly discriminator: Discriminator;
  readonly expert: ExpertSamples;
  readonly layout: InputLayout;
  private readonly optimizer: Adam;
  private readonly variables: tf.Variable[];
  private readonly normalizer: RunningNormalizer | null;
  private readonly sizes: number[];
  private betaValue: number = GAIL_CONSTANTS.initialBeta;

  constructor(
    readonly spec: BehaviorSpec,
    readonly settings: GailSettings,
    expert: ExpertData,
    /** Minibatch shuffles, expert sampling, interpolation and VAIL noise; give it its own stream. */
    private readonly rng: Rng,
    /** The demo path, for errors. */
    where: string,
  ) {
    this.expert = new ExpertSamples(expert, spec, settings.useActions, where);
    this.layout = inputLayout(spec, settings.useActions);
    this.sizes = spec.observationSpecs.map(observationSize);
    this.discriminator = new Discriminator(this.layout.observationWidth + this.layout.actionWidth, settings.network, settings.useVail, rng);
    this.variables = this.discriminator.variables();
    this.optimizer = new Adam(this.variables, { epsilon: ADAM_EPSILON });
    this.normalizer = settings.network.normalize ? new RunningNormalizer(this.layout.observationWidth) : null;
  }

  get beta(): number {
    return this.betaValue;
  }

  /** Discriminator input rows (normalised observations | actions) for rows `rows` of `batch` (all when null). */
  inputs(batch: SignalBatch, rows: ArrayLike<number> | null): Float32Array {
    const n = rows ? rows.length : batch.size;
    let obs = observationRows(batch, this.sizes, rows);
    if (this.normalizer) obs = this.normalizer.normalize(obs, n);
    const { observationWidth, actionWidth } = this.layout;
    return actionWidth > 0 ? joinColumns(obs, observationWidth, actionRows(batch, this.spec, rows), actionWidth, n) : obs;
  }

  /** D for every row of `batch`, with VAIL's mean code (no noise). */
  estimates(batch: SignalBatch): Float32Array {
    const out = new Float32Array(batch.size);
    const width = this.discriminator.inputSize;
    const x = this.inputs(batch, null);
    for (let start = 0; start < batch.size; start += REWARD_CHUNK) {
      const n = Math.min(REWARD_CHUNK, batch.size - start);
      const d = tf.tidy(() => this.discriminator.estimate(tf.tensor2d(x.subarray(start * width, (start + n) * width), [n, width]), null));
      out.set(d.dataSync(), start);
      d.dispose();
    }
    return out;
  }

  /** The GAIL reward of every row of `batch` (before strength). */
  rewards(batch: SignalBatch): Float32Array {
    return gailReward(this.estimates(batch));
  }

  /** Trains the discriminator on the policy's `batch` against expert samples: numEpoch × ⌊size/batchSize⌋ steps. */
  update(batch: SignalBatch, numEpoch: number, batchSize: number): GailUpdateStats {
    const n = batch.size;
    const zero = { loss: 0, policyEstimate: 0, expertEstimate: 0, gradientPenalty: 0, kl: 0 };
    if (n === 0) return { ...zero, beta: this.betaValue, steps: 0 };
    const { means, count } = trainMinibatches(zero, n, batchSize, numEpoch, this.rng, (policyRows) => {
      const b = policyRows.length;
      const expertRows = this.expert.sampleRows(b, this.rng);
      if (this.normalizer) this.normalizer.update(observationRows(this.expert.data, this.sizes, expertRows), b);
      return this.step(this.inputs(batch, policyRows), this.inputs(this.expert.data, expertRows), b);
    });
    this.discriminator.params.syncHost();
    return { ...means, beta: this.betaValue, steps: count };
  }

  /** One gradient step on `rows` policy and `rows` expert input rows. */
  private step(policyX: Float32Array, expertX: Float32Array, rows: number) {
    const width = this.discriminator.inputSize;
    const disc = this.discriminator;
    const code = disc.codeSize;
    const u = Float32Array.from({ length: rows * width }, () => this.rng.next());
    const noise = () => (code > 0 ? Float32Array.from({ length: rows * code }, () => this.rng.normal()) : null);
    const [noiseP, noiseE, noiseI] = [noise(), noise(), noise()];
    const beta = this.betaValue;
    let diagnostics: tf.Tensor | null = null;
    tf.tidy(() => {
      const xp = tf.tensor2d(policyX, [rows, width]);
      const xe = tf.tensor2d(expertX, [rows, width]);
      const t = (v: Float32Array | null) => (v ? tf.tensor2d(v, [rows, code]) : null);
      const mix = tf.tensor2d(u, [rows, width]);
      const { grads } = tf.variableGrads(() => {
        // ML-Agents samples the VAIL code (noise on) for both batches and the interpolates while training.
        const p = disc.forward(xp, t(noiseP));
        const e = disc.forward(xe, t(noiseE));
        const dPolicy = tf.sigmoid(p.logit);
        const dExpert = tf.sigmoid(e.logit);
        const bce = discriminatorLoss(dExpert, dPolicy);
        let loss: tf.Scalar = bce;
        let kl: tf.Scalar = tf.scalar(0);
        if (e.mu && p.mu && disc.zSigma) {
          kl = vailKl(e.mu, p.mu, disc.zSigma.variable as tf.Tensor1D);
          loss = tf.add(loss, tf.mul(beta, tf.sub(kl, GAIL_CONSTANTS.mutualInformation))) as tf.Scalar;
        }
        const gp = tf.mul(GAIL_CONSTANTS.gradientPenaltyWeight, gradientPenalty(disc.inputGradient(interpolate(xp, xe, mix), t(noiseI)))) as tf.Scalar;
        loss = tf.add(loss, gp) as tf.Scalar;
        diagnostics = tf.keep(tf.stack([bce, tf.mean(dPolicy), tf.mean(dExpert), gp, kl]));
        return loss;
      }, this.variables);
      this.optimizer.applyGradients(gradientList(this.variables, grads), this.settings.learningRate, 0);
    });
    const d = (diagnostics as tf.Tensor | null)!;
    const [loss, policyEstimate, expertEstimate, gp, kl] = d.dataSync();
    d.dispose();
    if (this.settings.useVail) this.betaValue = nextBeta(beta, kl!);
    return { loss: loss!, policyEstimate: policyEstimate!, expertEstimate: expertEstimate!, gradientPenalty: gp!, kl: kl! };
  }

  save(): SavedGail {
    return {
      format: 'shiva-gail',
      version: 1,
      inputSize: this.discriminator.inputSize,
      useVail: this.settings.useVail,
      parameters: this.discriminator.params.save(),
      optimizer: this.optimizer.save(),
      beta: this.betaValue,
      normalizer: this.normalizer?.save() ?? null,
      rng: this.rng.getState(),
    };
  }

  load(saved: SavedGail | undefined, where: string): void {
    if (!saved || saved.format !== 'shiva-gail' || saved.version !== 1) {
      throw new ShivaError('SHIVA_ERR_MODEL_STATE', `${where}: format: expected shiva-gail version 1 (the GAIL discriminator), got ${saved ? `${String(saved.format)} version ${String(saved.version)}` : 'nothing (the checkpoint was saved without reward_signals.gail)'}`);
    }
    if (saved.inputSize !== this.discriminator.inputSize || saved.useVail !== this.settings.useVail) {
      throw new ShivaError('SHIVA_ERR_MODEL_STATE', `${where}: discriminator: expected input size ${this.discriminator.inputSize} and use_vail ${this.settings.useVail}, got ${saved.inputSize} and ${saved.useVail}`);
    }
    if ((saved.normalizer === null) !== (this.normalizer === null)) {
      throw new ShivaError('SHIVA_ERR_MODEL_STATE', `${where}: normalizer: expected ${this.normalizer ? 'one (network_settings.normalize: true)' : 'none'}, got ${saved.normalizer ? 'one' : 'none'}`);
    }
    if (!Number.isFinite(saved.beta) || saved.beta < 0) throw new ShivaError('SHIVA_ERR_MODEL_STATE', `${where}: beta: expected a number ≥ 0, got ${String(saved.beta)}`);
    this.discriminator.params.load(saved.parameters ?? [], where);
    this.optimizer.load(saved.optimizer, `${where}: optimizer`);
    if (saved.normalizer) this.normalizer!.load(saved.normalizer, `${where}: normalizer`);
    this.betaValue = saved.beta;
    this.rng.setState(saved.rng);
  }

  dispose(): void {
    this.optimizer.dispose();
    this.discriminator.dispose();
  }
}

