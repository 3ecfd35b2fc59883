/**
 * Soft Actor-Critic for discrete actions (Christodoulou 2019), one categorical and one α per branch, twin
 * Q-networks with one Q head per branch (agents/networks' QNetwork, branches independent as in DQN). One gradient
 * step, readable top to bottom; collection lives with the caller (src/training/sac-learner.ts).
 *
 *   1. π(·|s') per branch under the next masks, on the actor's host copy;
 *   2. y_b = r + γᵏ(1 − done)·Σ_a π_b(a|s')·[min(Q1⁻, Q2⁻)_b(s', a) − α_b log π_b(a|s')] (soft-target.ts);
 *   3. critic loss ½·Σᵢ mean over rows and branches of (Qᵢ_b(s, a_b) − y_b)² → Adam over both critics;
 *   4. actor loss mean over rows of Σ_b Σ_a π_b(a|s)·[α_b log π_b(a|s) − min(Q1, Q2)_b(s, a)], the expectation
 *      exact (no sampling), the Q-values constants → Adam over the actor;
 *   5. temperature per branch: ∂/∂log α_b = H_b − H̄_b, H_b the batch's mean entropy of branch b;
 *   6. target critics θ⁻ ← τθ + (1 − τ)θ⁻.
 * Masked actions have probability 0 everywhere (categorical-actor.ts).
 *
 * Reward signals beside the extrinsic one (signal-q-heads.ts), as ML-Agents' SAC: each has a Q head (one value per
 * action of every branch) in both critics and their targets, its own per-branch target with its γ_k (and no dones
 * for curiosity and RND), its squared error added to the critic loss, and the actor weighs actions by the mean over
 * the streams of min(Q1, Q2)_k.
 */
import * as tf from '@tensorflow/tfjs';
import type { BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import type { Rng } from '../../src/core/runtime/rng.js';
import type { RunSeeds } from '../../src/core/runtime/seeding.js';
import { adamStep } from '../networks/adam-step.js';
import { observationTensors } from '../networks/batch-tensors.js';
import { branchIndicator } from '../networks/branch-indicator.js';
import { argmaxSegment, sampleFromLogProbs } from '../networks/distributions.js';
import { oneHotActions } from '../networks/distributions-tf.js';
import type { NetworkSettings } from '../networks/network-settings.js';
import { polyakUpdate } from '../networks/polyak.js';
import { QNetwork } from '../networks/q-network.js';
import type { ReplayBatch } from '../replay/replay-types.js';
import { CategoricalActor } from './categorical-actor.js';
import type { SacHyperparameters } from './hyperparameters.js';
import type { SacActions, SacCore, SacStepStats, SignalRewards } from './sac-core.js';
import { TwinCriticSac, type SavedSac } from './sac-state.js';
import { SignalQHeads } from './signal-q-heads.js';
import { signalDiscounts, signalDones } from './signal-targets.js';
import { discreteSoftTargets } from './soft-target.js';
import { discreteTargetEntropies } from './temperature.js';

/** Discrete SAC saves what continuous SAC does (sac-state.ts). */
export type SavedDiscreteSac = SavedSac;

export class DiscreteSac extends TwinCriticSac<CategoricalActor, QNetwork> implements SacCore {
  /** Σ branches × branches: which branch each column belongs to. */
  private readonly branchOf: Float32Array;

  /** `signals`: the names of the reward signals beside the extrinsic one, each given its own Q heads. */
  constructor(spec: BehaviorSpec, network: Partial<NetworkSettings>, hp: SacHyperparameters, seeds: RunSeeds, label: string, signals: readonly string[] = []) {
    // One init stream, drawn in this order; the targets start as copies (sac-state.ts).
    const init = seeds.rng(`${label}:init`);
    const actor = new CategoricalActor(spec, network, init);
    const critics: [QNetwork, QNetwork] = [new QNetwork(spec, network, false, init), new QNetwork(spec, network, false, init)];
    const targetCritics: [QNetwork, QNetwork] = [new QNetwork(spec, network, false, init), new QNetwork(spec, network, false, init)];
    const heads = signals.length > 0 ? new SignalQHeads(signals, critics[0].embeddingSize, actor.width, seeds.rng(`${label}:signal-q-heads`)) : null;
    super(hp, actor, critics, targetCritics, discreteTargetEntropies(actor.branches, hp.discrete_target_entropy_scale), heads);
    this.branchOf = branchIndicator(this.actor.branches);
  }

  act(observations: readonly Float32Array[], masks: Uint8Array | null, rows: number, rng: Rng, deterministic: boolean): SacActions {
    const { branches, width } = this.actor;
    const lp = Float64Array.from(this.actor.logProbsHost(observations, masks, rows));
    const discrete = new Int32Array(rows * branches.length);
    for (let r = 0; r < rows; r++) {
      let start = r * width;
      branches.forEach((size, b) => {
        discrete[r * branches.length + b] = deterministic ? argmaxSegment(lp, start, size) : sampleFromLogProbs(lp, start, size, rng);
        start += size;
      });
    }
    return { continuous: new Float32Array(0), discrete };
  }

  gradientStep(batch: ReplayBatch, _rng: Rng, signals: readonly SignalRewards[] = []): SacStepStats {
    const { hp, actor } = this;
    const { branches, width } = actor;
    const n = batch.size;
    const nb = branches.length;
    const sizes = actor.observationSizes;
    const alphas = this.temperature.alphas;

    // 1–2. Exact soft targets over the next actions.
    const nextLogProbs = actor.logProbsHost(batch.nextObservations, batch.nextActionMasks, n);
    const [nextQ1, nextQ2] = this.targetCritics.map((q) => q.forwardHost(batch.nextObservations, n)) as [Float32Array, Float32Array];
    const y = discreteSoftTargets({ rows: n, branches, rewards: batch.rewards, dones: batch.dones, discounts: batch.discounts, nextQ1, nextQ2, nextLogProbs, alphas });
    const heads = this.signalHeads;
    const nextH = heads ? this.targetCritics.map((q) => q.embeddingHost(batch.nextObservations, n)) : [];
    const ySignals = signals.map((signal, k) => {
      const [q1, q2] = [0, 1].map((i) => heads!.host(i, true, nextH[i]!, n)[k]!) as [Float32Array, Float32Array];
      return discreteSoftTargets({ rows: n, branches, rewards: signal.rewards, dones: signalDones(signal, batch.dones), discounts: signalDiscounts(signal, n), nextQ1: q1, nextQ2: q2, nextLogProbs, alphas });
    });

    // 3. Critics (and the signals' heads): Q_b(s, a_b) picked by a one-hot and summed per branch.
    const oneHot = oneHotActions(batch.discreteActions, n, branches);
    const critic = adamStep(this.criticVariables, this.criticOptimizer, hp.learning_rate, () => {
      const obs = observationTensors(batch.observations, sizes, n);
      const pick = tf.tensor2d(oneHot, [n, width]);
      const branchOf = tf.tensor2d(this.branchOf, [width, nb]);
      const target = tf.tensor2d(y, [n, nb]);
      const embeddings = this.critics.map((q) => q.embeddingTf(obs));
      const taken = this.critics.map((q, i) => tf.matMul(tf.mul(q.headsTf(embeddings[i]!), pick), branchOf));
      const terms = taken.map((q) => tf.mean(tf.squaredDifference(q, target)));
      const signalQs = ySignals.map((yk, k) => {
        const takenK = embeddings.map((h, i) => tf.matMul(tf.mul(heads!.tf(i, h)[k]!, pick), branchOf));
        terms.push(...takenK.map((q) => tf.mean(tf.squaredDifference(q, tf.tensor2d(yk, [n, nb])))));
        return tf.mean(takenK[0]!);
      });
      const loss = tf.mul(tf.addN(terms), 0.5) as tf.Scalar;
      return { loss, extras: [tf.mean(taken[0]!), ...signalQs] };
    });
    for (const q of this.critics) q.syncHost();
    heads?.syncHost();

    // 4. Actor against the updated critics (constants here); with signals, the mean over the streams of min(Q1, Q2).
    const q1 = this.critics[0].forwardHost(batch.observations, n);
    const q2 = this.critics[1].forwardHost(batch.observations, n);
    const minQ = q1.map((v, k) => Math.min(v, q2[k]!));
    if (heads) {
      const [h1, h2] = this.critics.map((q, i) => heads.host(i, false, q.embeddingHost(batch.observations, n), n));
      for (let k = 0; k < signals.length; k++) for (let j = 0; j < minQ.length; j++) minQ[j] = minQ[j]! + Math.min(h1![k]![j]!, h2![k]![j]!);
      for (let j = 0; j < minQ.length; j++) minQ[j] = minQ[j]! / (1 + signals.length);
    }
    const alphaOfColumn = new Float32Array(width);
    let col = 0;
    branches.forEach((size, b) => {
      for (let a = 0; a < size; a++) alphaOfColumn[col++] = alphas[b]!;
    });
    const actorStep = adamStep(actor.params.variables(), this.actorOptimizer, hp.learning_rate, () => {
      const obs = observationTensors(batch.observations, sizes, n);
      const masks = batch.actionMasks ? tf.tensor2d(Float32Array.from(batch.actionMasks), [n, width]) : null;
      const logProbs = actor.logProbsTf(obs, masks);
      const probs = tf.exp(logProbs);
      const inner = tf.sub(tf.mul(logProbs, tf.tensor1d(alphaOfColumn)), tf.tensor2d(minQ, [n, width]));
      const loss = tf.div(tf.sum(tf.mul(probs, inner)), n) as tf.Scalar;
      // Σ over rows of p·log p per column, for the entropies (masked columns give 0·(−1e8) = 0).
      return { loss, extras: [tf.sum(tf.mul(probs, logProbs), 0)] };
    });
    actor.params.syncHost();

    // 5. Temperatures.
    const plogp = actorStep.extras[0]!;
    const entropies = branches.map(() => 0);
    col = 0;
    branches.forEach((size, b) => {
      for (let a = 0; a < size; a++) entropies[b] = entropies[b]! - plogp[col++]! / n;
    });
    this.temperature.update(entropies, hp.learning_rate);

    // 6. Targets.
    this.critics.forEach((q, i) => polyakUpdate(this.targetCritics[i]!.params, q.params, hp.tau));
    heads?.softUpdate(hp.tau);
    this.steps++;
    const signalMeanQ = critic.extras.slice(1).map((e) => e[0]!);
    return { criticLoss: critic.loss, actorLoss: actorStep.loss, meanQ: critic.extras[0]![0]!, signalMeanQ, entropies, alphas: this.temperature.alphas };
  }
}
