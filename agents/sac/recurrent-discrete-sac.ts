/**
 * Discrete SAC with memory (network_settings.memory): discrete-sac.ts's gradient step on whole sequences
 * (agents/replay/sequence-replay.ts), every network with an LSTM after its encoder (recurrent-discrete-networks.ts).
 * The memories, as ML-Agents' SAC optimizer (sac/optimizer_torch.py) handles them:
 *   - the actor runs each sequence from the memory stored with its first step (the one it acted under);
 *   - the critics run each sequence from zeros ("Q and V network memories are 0'ed out, since we don't have them
 *     during inference");
 *   - the next observations s'_t = s_{t+1} form the same sequence one step on, so the networks read them from their
 *     memory one step on: ML-Agents steps its value network once over each sequence's first observation from the
 *     stored memory and starts the target from there; here the actor (for π(·|s')) steps once from its stored
 *     memory, and each target critic once from zeros, as the online critic saw s_0;
 *   - padding is masked out: the critic loss is the mean over real rows and branches, the actor loss and the
 *     entropies the mean over real rows (ML-Agents' masked means).
 * Readable top to bottom, with discrete-sac.ts's numbering:
 *   1. π(·|s') per branch under the next masks (host);
 *   2. y_b = r + γ(1 − done)·Σ_a π_b(a|s')·[min(Q1⁻, Q2⁻)_b(s', a) − α_b log π_b(a|s')] (soft-target.ts);
 *   3. critic loss ½·Σᵢ masked mean of (Qᵢ_b(s, a_b) − y_b)² → Adam over both critics;
 *   4. actor loss masked mean of Σ_b Σ_a π_b(a|s)·[α_b log π_b(a|s) − min(Q1, Q2)_b(s, a)] → Adam over the actor;
 *   5. temperature per branch from the masked mean entropy;
 *   6. target critics θ⁻ ← τθ + (1 − τ)θ⁻.
 * Reward signals beside the extrinsic one are not built here (memory-support.ts says so).
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
import type { SequenceSample } from '../replay/sequence-replay.js';
import type { SacHyperparameters } from './hyperparameters.js';
import { RecurrentCategoricalActor, RecurrentQNetwork } from './recurrent-discrete-networks.js';
import type { SacStepStats } from './sac-core.js';
import { firstRows, realCount, type RecurrentSacActions, type RecurrentSacCore } from './recurrent-sac-core.js';
import type { ExportablePolicy } from '../../src/protocol/onnx/exportable-policy.js';
import { TwinCriticSac } from './sac-state.js';
import { discreteSoftTargets } from './soft-target.js';
import { discreteTargetEntropies } from './temperature.js';

export class RecurrentDiscreteSac extends TwinCriticSac<RecurrentCategoricalActor, RecurrentQNetwork> implements RecurrentSacCore {
  /** Σ branches × branches: which branch each column belongs to. */
  private readonly branchOf: Float32Array;

  constructor(spec: BehaviorSpec, network: Partial<NetworkSettings>, hp: SacHyperparameters, seeds: RunSeeds, label: string) {
    // One init stream, drawn in this order; the targets start as copies (sac-state.ts).
    const init = seeds.rng(`${label}:init`);
    const actor = new RecurrentCategoricalActor(spec, network, init);
    const critics: [RecurrentQNetwork, RecurrentQNetwork] = [new RecurrentQNetwork(spec, network, init), new RecurrentQNetwork(spec, network, init)];
    const targetCritics: [RecurrentQNetwork, RecurrentQNetwork] = [new RecurrentQNetwork(spec, network, init), new RecurrentQNetwork(spec, network, init)];
    super(hp, actor, critics, targetCritics, discreteTargetEntropies(actor.branches, hp.discrete_target_entropy_scale));
    this.branchOf = branchIndicator(actor.branches);
  }

  /** Floats of one agent's acting memory (the actor's [h | c]). */
  get memoryWidth(): number {
    return this.actor.memorySize;
  }

  act(observations: readonly Float32Array[], masks: Uint8Array | null, rows: number, memories: Float32Array, rng: Rng, deterministic: boolean): RecurrentSacActions {
    const { branches, width } = this.actor;
    const step = this.actor.stepHost(observations, masks, rows, memories);
    const lp = Float64Array.from(step.logProbs);
    const discrete = new Int32Array(rows * branches.length);
    for (let r = 0; r < rows; r++) {
      let start = r * width;
      branches.forEach((size, b) => {
        discrete[r * branches.length + b] = deterministic ? argmaxSegment(lp, start, size) : sampleFromLogProbs(lp, start, size, rng);
        start += size;
      });
    }
    return { continuous: new Float32Array(0), discrete, memories: step.memories, logProbs: step.logProbs };
  }

  describePolicy(): ExportablePolicy {
    return this.actor.describePolicy();
  }

  gradientStep(sample: SequenceSample, _rng?: Rng): SacStepStats {
    const { hp, actor } = this;
    const { batch, mask, length: L, sequences: B } = sample;
    const { branches, width } = actor;
    const n = batch.size;
    const nb = branches.length;
    const sizes = actor.observationSizes;
    const alphas = this.temperature.alphas;
    const real = realCount(mask);
    const firsts = firstRows(batch.observations, sizes, B, L);
    const zeros = new Float32Array(B * this.critics[0].memorySize);

    // 1–2. Exact soft targets; s' read from the memories one step on.
    const nextActorMemories = actor.body.stepHost(firsts, B, sample.memories).memories;
    const nextLogProbs = actor.logProbsHost(batch.nextObservations, batch.nextActionMasks, n, L, nextActorMemories);
    const [nextQ1, nextQ2] = this.targetCritics.map((q) => q.forwardHost(batch.nextObservations, n, L, q.body.stepHost(firsts, B, zeros).memories)) as [Float32Array, Float32Array];
    const y = discreteSoftTargets({ rows: n, branches, rewards: batch.rewards, dones: batch.dones, discounts: batch.discounts, nextQ1, nextQ2, nextLogProbs, alphas });

    // 3. Critics from zero memories: Q_b(s, a_b) picked by a one-hot and summed per branch, padding masked out.
    const oneHot = oneHotActions(batch.discreteActions, n, branches);
    const critic = adamStep(this.criticVariables, this.criticOptimizer, hp.learning_rate, () => {
      const obs = observationTensors(batch.observations, sizes, n);
      const pick = tf.tensor2d(oneHot, [n, width]);
      const branchOf = tf.tensor2d(this.branchOf, [width, nb]);
      const target = tf.tensor2d(y, [n, nb]);
      const rowMask = tf.tensor2d(mask, [n, 1]);
      const start = tf.tensor2d(zeros, [B, this.critics[0].memorySize]);
      const taken = this.critics.map((q) => tf.matMul(tf.mul(q.forwardTf(obs, L, start), pick), branchOf));
      const terms = taken.map((q) => tf.div(tf.sum(tf.mul(tf.squaredDifference(q, target), rowMask)), real * nb));
      const loss = tf.mul(tf.addN(terms), 0.5) as tf.Scalar;
      return { loss, extras: [tf.div(tf.sum(tf.mul(taken[0]!, rowMask)), real * nb)] };
    });
    for (const q of this.critics) q.syncHost();

    // 4. Actor from its stored memories, against the updated critics (constants here).
    const [q1, q2] = this.critics.map((q) => q.forwardHost(batch.observations, n, L, zeros)) as [Float32Array, Float32Array];
    const minQ = q1.map((v, k) => Math.min(v, q2[k]!));
    const alphaOfColumn = new Float32Array(width);
    let col = 0;
    branches.forEach((size, b) => {
      for (let a = 0; a < size; a++) alphaOfColumn[col++] = alphas[b]!;
    });
    const actorStep = adamStep(actor.params.variables(), this.actorOptimizer, hp.learning_rate, () => {
      const obs = observationTensors(batch.observations, sizes, n);
      const masks = batch.actionMasks ? tf.tensor2d(Float32Array.from(batch.actionMasks), [n, width]) : null;
      const logProbs = actor.logProbsTf(obs, masks, L, tf.tensor2d(sample.memories, [B, actor.memorySize]));
      const probs = tf.mul(tf.exp(logProbs), tf.tensor2d(mask, [n, 1]));
      const inner = tf.sub(tf.mul(logProbs, tf.tensor1d(alphaOfColumn)), tf.tensor2d(minQ, [n, width]));
      const loss = tf.div(tf.sum(tf.mul(probs, inner)), real) as tf.Scalar;
      // Σ over real rows of p·log p per column, for the entropies (masked columns give 0·(−1e8) = 0).
      return { loss, extras: [tf.sum(tf.mul(probs, logProbs), 0)] };
    });
    actor.syncHost();

    // 5. Temperatures.
    const plogp = actorStep.extras[0]!;
    const entropies = branches.map(() => 0);
    col = 0;
    branches.forEach((size, b) => {
      for (let a = 0; a < size; a++) entropies[b] = entropies[b]! - plogp[col++]! / real;
    });
    this.temperature.update(entropies, hp.learning_rate);

    // 6. Targets.
    this.critics.forEach((q, i) => polyakUpdate(this.targetCritics[i]!.params, q.params, hp.tau));
    this.steps++;
    return { criticLoss: critic.loss, actorLoss: actorStep.loss, meanQ: critic.extras[0]![0]!, signalMeanQ: [], entropies, alphas: this.temperature.alphas };
  }
}
