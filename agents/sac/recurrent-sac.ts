/**
 * Continuous SAC with memory (network_settings.memory): sac.ts's gradient step on whole sequences
 * (agents/replay/sequence-replay.ts), every network with an LSTM after its encoder (recurrent-continuous-networks.ts).
 * The memories as recurrent-discrete-sac.ts handles them (ML-Agents' SAC optimizer): the actor runs each sequence
 * from the memory stored with its first step; the critics from zeros; the next observations (the sequence one step
 * on) from the memories one step on, the actor's stepped once from its stored memory over s_0, each target
 * critic's once from zeros over (s_0, a_0); padding masked out of every mean. With sac.ts's numbering:
 *   1. a' = tanh(μ(s') + σ(s')·ε') and log π(a'|s') over the next observations (host);
 *   2. y = r + γ(1 − done)·[min(Q1⁻, Q2⁻)(s', a') − α·log π(a'|s')] (soft-target.ts);
 *   3. critic loss ½·Σᵢ masked mean of (Qᵢ(s, a) − y)² → Adam over both critics;
 *   4. actor loss masked mean of α·log π(ã|s) − min(Q1, Q2)(s, ã), ã reparameterised; the gradient flows through
 *      the critics' LSTMs into ã, not into their weights → Adam over the actor;
 *   5. temperature: ∂/∂log α = H − H̄, H the masked mean of −log π(ã|s);
 *   6. target critics θ⁻ ← τθ + (1 − τ)θ⁻.
 * Reward signals beside the extrinsic one are not built here (memory-support.ts says so).
 */
import * as tf from '@tensorflow/tfjs';
import type { BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import type { Rng } from '../../src/core/runtime/rng.js';
import type { RunSeeds } from '../../src/core/runtime/seeding.js';
import type { ExportablePolicy } from '../../src/protocol/onnx/exportable-policy.js';
import { adamStep } from '../networks/adam-step.js';
import { observationTensors } from '../networks/batch-tensors.js';
import type { NetworkSettings } from '../networks/network-settings.js';
import { polyakUpdate } from '../networks/polyak.js';
import type { SequenceSample } from '../replay/sequence-replay.js';
import type { SacHyperparameters } from './hyperparameters.js';
import { RecurrentContinuousCritic, RecurrentGaussianActor } from './recurrent-continuous-networks.js';
import { firstRows, realCount, type RecurrentSacActions, type RecurrentSacCore } from './recurrent-sac-core.js';
import type { SacStepStats } from './sac-core.js';
import { TwinCriticSac } from './sac-state.js';
import { continuousSoftTargets } from './soft-target.js';
import { squashedLogProbs, squashedLogProbsTf } from './squashed-gaussian.js';

export class RecurrentSac extends TwinCriticSac<RecurrentGaussianActor, RecurrentContinuousCritic> implements RecurrentSacCore {
  constructor(spec: BehaviorSpec, network: Partial<NetworkSettings>, hp: SacHyperparameters, seeds: RunSeeds, label: string) {
    // One init stream, drawn in this order; the targets start as copies (sac-state.ts).
    const init = seeds.rng(`${label}:init`);
    const actor = new RecurrentGaussianActor(spec, network, init);
    const critic = (name: string) => new RecurrentContinuousCritic(spec, network, name, init);
    const critics: [RecurrentContinuousCritic, RecurrentContinuousCritic] = [critic('q1'), critic('q2')];
    const targetCritics: [RecurrentContinuousCritic, RecurrentContinuousCritic] = [critic('q1'), critic('q2')];
    super(hp, actor, critics, targetCritics, [hp.continuous_target_entropy * actor.actionSize]);
  }

  get memoryWidth(): number {
    return this.actor.memorySize;
  }

  act(observations: readonly Float32Array[], _masks: Uint8Array | null, rows: number, memories: Float32Array, rng: Rng, deterministic: boolean): RecurrentSacActions {
    const { mean, logStd, memories: after } = this.actor.stepHost(observations, rows, memories);
    const continuous = new Float32Array(mean.length);
    for (let k = 0; k < mean.length; k++) continuous[k] = Math.tanh(deterministic ? mean[k]! : mean[k]! + Math.exp(logStd[k]!) * rng.normal());
    return { continuous, discrete: new Int32Array(0), memories: after, logProbs: new Float32Array(0) };
  }

  describePolicy(): ExportablePolicy {
    return this.actor.describePolicy();
  }

  gradientStep(sample: SequenceSample, rng: Rng): SacStepStats {
    const { hp, actor } = this;
    const { batch, mask, length: L, sequences: B } = sample;
    const n = batch.size;
    const C = actor.actionSize;
    const sizes = actor.observationSizes;
    const [alpha] = this.temperature.alphas as [number];
    const real = realCount(mask);
    const [firstActions, ...firsts] = firstRows([batch.continuousActions, ...batch.observations], [C, ...sizes], B, L) as [Float32Array, ...Float32Array[]];
    const Wq = this.critics[0].memorySize;
    const zeros = new Float32Array(B * Wq);

    // 1. Next actions over s', from the actor's memories one step on.
    const next = actor.sequencesHost(batch.nextObservations, n, L, actor.body.stepHost(firsts, B, sample.memories).memories);
    const u = new Float32Array(n * C);
    for (let k = 0; k < u.length; k++) u[k] = next.mean[k]! + Math.exp(next.logStd[k]!) * rng.normal();
    const nextLogProbs = squashedLogProbs(u, next.mean, next.logStd, n, C);
    const nextActions = u.map(Math.tanh);

    // 2. Soft targets; each target critic starts s' from its memory after (s_0, a_0).
    const [nextQ1, nextQ2] = this.targetCritics.map((q) => q.forwardHost(batch.nextObservations, nextActions, n, L, q.body.stepHost([...firsts, firstActions], B, zeros).memories)) as [Float32Array, Float32Array];
    const y = continuousSoftTargets({ rewards: batch.rewards, dones: batch.dones, discounts: batch.discounts, nextQ1, nextQ2, nextLogProbs, alpha });

    // 3. Critics from zero memories, padding masked out.
    const critic = adamStep(this.criticVariables, this.criticOptimizer, hp.learning_rate, () => {
      const obs = observationTensors(batch.observations, sizes, n);
      const actions = tf.tensor2d(batch.continuousActions, [n, C]);
      const target = tf.tensor1d(y);
      const rowMask = tf.tensor1d(mask);
      const start = tf.tensor2d(zeros, [B, Wq]);
      const qs = this.critics.map((q) => q.forwardTf(obs, actions, L, start));
      const terms = qs.map((q) => tf.div(tf.sum(tf.mul(tf.squaredDifference(q, target), rowMask)), real));
      const loss = tf.mul(tf.addN(terms), 0.5) as tf.Scalar;
      return { loss, extras: [tf.div(tf.sum(tf.mul(qs[0]!, rowMask)), real)] };
    });
    for (const q of this.critics) q.syncHost();

    // 4. Actor from its stored memories, through the updated critics.
    const eps = Float32Array.from({ length: n * C }, () => rng.normal());
    const actorStep = adamStep(actor.params.variables(), this.actorOptimizer, hp.learning_rate, () => {
      const obs = observationTensors(batch.observations, sizes, n);
      const { mean, logStd } = actor.sequencesTf(obs, L, tf.tensor2d(sample.memories, [B, actor.memorySize]));
      const uPi = tf.add(mean, tf.mul(tf.exp(logStd), tf.tensor2d(eps, [n, C]))) as tf.Tensor2D;
      const logProb = tf.mul(squashedLogProbsTf(uPi, mean, logStd), tf.tensor1d(mask));
      const aPi = tf.tanh(uPi) as tf.Tensor2D;
      const start = tf.tensor2d(zeros, [B, Wq]);
      const minQ = tf.minimum(this.critics[0].forwardTf(obs, aPi, L, start), this.critics[1].forwardTf(obs, aPi, L, start));
      const loss = tf.div(tf.sum(tf.sub(tf.mul(logProb, alpha), tf.mul(minQ, tf.tensor1d(mask)))), real) as tf.Scalar;
      return { loss, extras: [logProb] };
    });
    actor.syncHost();

    // 5. Temperature (the masked log-probabilities are 0 on padding).
    const entropy = -actorStep.extras[0]!.reduce((a, b) => a + b, 0) / real;
    this.temperature.update([entropy], hp.learning_rate);

    // 6. Targets.
    this.critics.forEach((q, i) => polyakUpdate(this.targetCritics[i]!.params, q.params, hp.tau));
    this.steps++;
    return { criticLoss: critic.loss, actorLoss: actorStep.loss, meanQ: critic.extras[0]![0]!, signalMeanQ: [], entropies: [entropy], alphas: this.temperature.alphas };
  }
}
