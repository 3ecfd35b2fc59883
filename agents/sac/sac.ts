/**
 * Soft Actor-Critic for continuous actions (Haarnoja et al. 2018): one gradient step, readable top to bottom.
 * Collection and the replay buffer live with the caller (src/training/sac-learner.ts).
 *
 * One gradient step on a sampled batch, α the current temperature:
 *   1. next actions a' = tanh(μ(s') + σ(s')·ε'), ε' ~ N(0, I), and log π(a'|s') on the actor's host copy;
 *   2. targets y = r + γᵏ(1 − done)·[min(Q1⁻, Q2⁻)(s', a') − α·log π(a'|s')] (soft-target.ts);
 *   3. critic loss ½·Σᵢ mean((Qᵢ(s, a) − y)²) → Adam over both critics;
 *   4. actor loss mean(α·log π(ã|s) − min(Q1, Q2)(s, ã)), ã = tanh(μ(s) + σ(s)·ε) reparameterised (the gradient
 *      flows through ã into the critics' inputs, not their weights) → Adam over the actor;
 *   5. temperature: ∂/∂log α = H − H̄ with H = mean(−log π(ã|s)) (temperature.ts);
 *   6. target critics θ⁻ ← τθ + (1 − τ)θ⁻.
 * Noise comes from the caller's seeded Rng, so a step is repeatable.
 *
 * Reward signals beside the extrinsic one (gail, curiosity, rnd; signal-q-heads.ts), as ML-Agents' SAC: each has a
 * Q head in both critics and their targets, and its own target y_k = r_k + γ_k(1 − done_k)·[min(Q1⁻, Q2⁻)_k(s', a')
 * − α·log π(a'|s')] (done_k = 0 for the signals that ignore dones); the critic loss adds ½·Σᵢ mean((Qᵢ_k − y_k)²)
 * per signal, and the actor maximises the mean over the streams (extrinsic and each signal) of min(Q1, Q2)_k.
 */
import * as tf from '@tensorflow/tfjs';
import type { BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import type { Rng } from '../../src/core/runtime/rng.js';
import type { RunSeeds } from '../../src/core/runtime/seeding.js';
import { adamStep } from '../networks/adam-step.js';
import { observationTensors, readForward } from '../networks/batch-tensors.js';
import { ContinuousCritic } from '../networks/continuous-critic.js';
import type { NetworkSettings } from '../networks/network-settings.js';
import { polyakUpdate } from '../networks/polyak.js';
import type { ReplayBatch } from '../replay/replay-types.js';
import { SquashedGaussianActor } from './gaussian-actor.js';
import type { SacHyperparameters } from './hyperparameters.js';
import type { SacActions, SacCore, SacStepStats, SignalRewards } from './sac-core.js';
import { TwinCriticSac } from './sac-state.js';
import { SignalQHeads } from './signal-q-heads.js';
import { signalDiscounts, signalDones } from './signal-targets.js';
import { continuousSoftTargets } from './soft-target.js';
import { squashedLogProbs, squashedLogProbsTf } from './squashed-gaussian.js';

export class Sac extends TwinCriticSac<SquashedGaussianActor, ContinuousCritic> implements SacCore {
  /** `signals`: the names of the reward signals beside the extrinsic one, each given its own Q heads. */
  constructor(spec: BehaviorSpec, network: Partial<NetworkSettings>, hp: SacHyperparameters, seeds: RunSeeds, label: string, signals: readonly string[] = []) {
    // One init stream, drawn in this order; the targets start as copies (sac-state.ts).
    const init = seeds.rng(`${label}:init`);
    const actor = new SquashedGaussianActor(spec, network, init);
    const critics: [ContinuousCritic, ContinuousCritic] = [new ContinuousCritic(spec, network, 'q1', init), new ContinuousCritic(spec, network, 'q2', init)];
    const targetCritics: [ContinuousCritic, ContinuousCritic] = [new ContinuousCritic(spec, network, 'q1', init), new ContinuousCritic(spec, network, 'q2', init)];
    const heads = signals.length > 0 ? new SignalQHeads(signals, critics[0].embeddingSize, 1, seeds.rng(`${label}:signal-q-heads`)) : null;
    super(hp, actor, critics, targetCritics, [hp.continuous_target_entropy * actor.actionSize], heads);
  }

  act(observations: readonly Float32Array[], _masks: Uint8Array | null, rows: number, rng: Rng, deterministic: boolean): SacActions {
    const { mean, logStd } = this.actor.forwardHost(observations, rows);
    const continuous = new Float32Array(mean.length);
    for (let k = 0; k < mean.length; k++) continuous[k] = Math.tanh(deterministic ? mean[k]! : mean[k]! + Math.exp(logStd[k]!) * rng.normal());
    return { continuous, discrete: new Int32Array(0) };
  }

  gradientStep(batch: ReplayBatch, rng: Rng, signals: readonly SignalRewards[] = []): SacStepStats {
    const { hp, actor } = this;
    const n = batch.size;
    const C = actor.actionSize;
    const sizes = actor.observationSizes;
    const [alpha] = this.temperature.alphas as [number];

    // 1. Next actions and their log-probabilities under the current policy.
    const nextObs = () => observationTensors(batch.nextObservations, sizes, n);
    const nextHeads = tf.tidy(() => {
      const h = actor.forwardTf(nextObs());
      return [h.mean, h.logStd];
    });
    const next = { mean: Float32Array.from(nextHeads[0]!.dataSync()), logStd: Float32Array.from(nextHeads[1]!.dataSync()) };
    tf.dispose(nextHeads);
    const u = new Float32Array(n * C);
    for (let k = 0; k < u.length; k++) u[k] = next.mean[k]! + Math.exp(next.logStd[k]!) * rng.normal();
    const nextLogProbs = squashedLogProbs(u, next.mean, next.logStd, n, C);
    const nextActions = u.map(Math.tanh);

    // 2. Soft targets from the target critics, read back from tfjs.
    const [nextQ1, nextQ2] = this.targetCritics.map((q) => readForward(() => q.forwardTf(nextObs(), tf.tensor2d(nextActions, [n, C])))) as [Float32Array, Float32Array];
    const y = continuousSoftTargets({ rewards: batch.rewards, dones: batch.dones, discounts: batch.discounts, nextQ1, nextQ2, nextLogProbs, alpha });
    const heads = this.signalHeads;
    const nextH = heads ? this.targetCritics.map((q) => q.embeddingHost(batch.nextObservations, nextActions, n)) : [];
    const ySignals = signals.map((signal, k) => {
      const [q1, q2] = [0, 1].map((i) => heads!.host(i, true, nextH[i]!, n)[k]!) as [Float32Array, Float32Array];
      return continuousSoftTargets({ rewards: signal.rewards, dones: signalDones(signal, batch.dones), discounts: signalDiscounts(signal, n), nextQ1: q1, nextQ2: q2, nextLogProbs, alpha });
    });

    // 3. Critics (and the signals' heads).
    const critic = adamStep(this.criticVariables, this.criticOptimizer, hp.learning_rate, () => {
      const obs = observationTensors(batch.observations, sizes, n);
      const actions = tf.tensor2d(batch.continuousActions, [n, C]);
      const target = tf.tensor1d(y);
      const embeddings = this.critics.map((q) => q.embeddingTf(obs, actions));
      const qs = this.critics.map((q, i) => q.headTf(embeddings[i]!));
      const terms = qs.map((q) => tf.mean(tf.squaredDifference(q, target)));
      const signalQs = ySignals.map((yk, k) => {
        const qk = embeddings.map((h, i) => tf.reshape(heads!.tf(i, h)[k]!, [-1]));
        terms.push(...qk.map((q) => tf.mean(tf.squaredDifference(q, tf.tensor1d(yk)))));
        return tf.mean(qk[0]!);
      });
      const loss = tf.mul(tf.addN(terms), 0.5) as tf.Scalar;
      return { loss, extras: [tf.mean(qs[0]!), ...signalQs] };
    });
    for (const q of this.critics) q.params.syncHost();
    heads?.syncHost();

    // 4. Actor, through the updated critics.
    const eps = Float32Array.from({ length: n * C }, () => rng.normal());
    const actorStep = adamStep(actor.params.variables(), this.actorOptimizer, hp.learning_rate, () => {
      const obs = observationTensors(batch.observations, sizes, n);
      const { mean, logStd } = actor.forwardTf(obs);
      const uPi = tf.add(mean, tf.mul(tf.exp(logStd), tf.tensor2d(eps, [n, C]))) as tf.Tensor2D;
      const logProb = squashedLogProbsTf(uPi, mean, logStd);
      const aPi = tf.tanh(uPi) as tf.Tensor2D;
      const minQ = heads ? this.meanOfMinQ(obs, aPi, signals.length) : tf.minimum(this.critics[0].forwardTf(obs, aPi), this.critics[1].forwardTf(obs, aPi));
      return { loss: tf.mean(tf.sub(tf.mul(logProb, alpha), minQ)) as tf.Scalar, extras: [logProb] };
    });
    actor.params.syncHost();

    // 5. Temperature.
    const logProbs = actorStep.extras[0]!;
    let entropy = 0;
    for (let r = 0; r < n; r++) entropy -= logProbs[r]!;
    entropy /= n;
    this.temperature.update([entropy], hp.learning_rate);

    // 6. Targets.
    this.critics.forEach((q, i) => polyakUpdate(this.targetCritics[i]!.params, q.params, hp.tau));
    heads?.softUpdate(hp.tau);
    this.steps++;
    const signalMeanQ = critic.extras.slice(1).map((e) => e[0]!);
    return { criticLoss: critic.loss, actorLoss: actorStep.loss, meanQ: critic.extras[0]![0]!, signalMeanQ, entropies: [entropy], alphas: this.temperature.alphas };
  }

  /** With reward signals: the mean over the streams (extrinsic, then each signal's head) of min(Q1, Q2)(s, a). */
  private meanOfMinQ(obs: readonly tf.Tensor2D[], actions: tf.Tensor2D, signals: number): tf.Tensor1D {
    const embeddings = this.critics.map((q) => q.embeddingTf(obs, actions));
    const streams = [tf.minimum(this.critics[0].headTf(embeddings[0]!), this.critics[1].headTf(embeddings[1]!))];
    const [h1, h2] = embeddings.map((h, i) => this.signalHeads!.tf(i, h));
    for (let k = 0; k < signals; k++) streams.push(tf.reshape(tf.minimum(h1![k]!, h2![k]!), [-1]));
    return tf.div(tf.addN(streams), streams.length) as tf.Tensor1D;
  }
}
