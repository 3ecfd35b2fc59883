/**
 * TD3 (Fujimoto et al. 2018) and DDPG (Lillicrap et al. 2016): one gradient step, readable top to bottom.
 * Collection, exploration noise and the replay buffer live with the caller (src/training/td3-learner.ts).
 *
 * One gradient step on a sampled batch:
 *   1. target actions ã = clip(μ⁻(s') + clip(σ̃ε, −c, c), −1, 1) on the target actor's host copy (td3-target.ts);
 *   2. targets y = r + γᵏ(1 − done)·min(Q1⁻, Q2⁻)(s', ã) on the target critics' host copies;
 *   3. critic loss Σᵢ mean((Qᵢ(s, a) − y)²) (SB3 sums the critics' MSEs) → Adam over both critics;
 *   4. every policy_delay steps: actor loss −mean Q1(s, μ(s)) → Adam over the actor alone, then every target
 *      θ⁻ ← τθ + (1 − τ)θ⁻ (actor and critics).
 * DDPG is the same with one critic, policy_delay 1 and σ̃ = 0 (hyperparameters.ts: DDPG_SWITCHES).
 */
import * as tf from '@tensorflow/tfjs';
import type { BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import { ShivaError } from '../../src/core/errors.js';
import type { Rng } from '../../src/core/runtime/rng.js';
import type { RunSeeds } from '../../src/core/runtime/seeding.js';
import { Adam, type SavedAdam } from '../networks/adam.js';
import { adamStep } from '../networks/adam-step.js';
import { observationTensors, readForward } from '../networks/batch-tensors.js';
import { ContinuousCritic } from '../networks/continuous-critic.js';
import type { NetworkSettings } from '../networks/network-settings.js';
import type { SavedParameter } from '../networks/parameters.js';
import { polyakUpdate } from '../networks/polyak.js';
import type { ReplayBatch } from '../replay/replay-types.js';
import { DeterministicActor } from './deterministic-actor.js';
import type { Td3Hyperparameters } from './hyperparameters.js';
import { clippedDoubleQTargets, smoothedTargetActions } from './td3-target.js';

export interface Td3StepStats {
  readonly criticLoss: number;
  /** −mean Q1(s, μ(s)) of the last actor step (NaN when this step did not update the actor). */
  readonly actorLoss: number;
  readonly meanQ: number;
  readonly actorUpdated: boolean;
}

export interface SavedTd3 {
  readonly actor: SavedParameter[];
  readonly critics: SavedParameter[][];
  readonly targetActor: SavedParameter[];
  readonly targetCritics: SavedParameter[][];
  readonly actorOptimizer: SavedAdam;
  readonly criticOptimizer: SavedAdam;
  readonly gradientSteps: number;
}

export class Td3 {
  readonly actor: DeterministicActor;
  readonly targetActor: DeterministicActor;
  /** One critic (DDPG) or two (TD3). */
  readonly critics: ContinuousCritic[];
  readonly targetCritics: ContinuousCritic[];
  private readonly actorOptimizer: Adam;
  private readonly criticOptimizer: Adam;
  private readonly criticVariables: tf.Variable[];
  private steps = 0;

  constructor(
    spec: BehaviorSpec,
    network: Partial<NetworkSettings>,
    readonly hp: Td3Hyperparameters,
    seeds: RunSeeds,
    label: string,
  ) {
    // One init stream: each target starts as a copy of its online network.
    const init = seeds.rng(`${label}:init`);
    this.actor = new DeterministicActor(spec, network, init);
    this.targetActor = new DeterministicActor(spec, network, init);
    const criticCount = hp.twin_q ? 2 : 1;
    this.critics = Array.from({ length: criticCount }, (_, i) => new ContinuousCritic(spec, network, `q${i + 1}`, init));
    this.targetCritics = Array.from({ length: criticCount }, (_, i) => new ContinuousCritic(spec, network, `q${i + 1}`, init));
    polyakUpdate(this.targetActor.params, this.actor.params, 1);
    this.critics.forEach((c, i) => polyakUpdate(this.targetCritics[i]!.params, c.params, 1));
    // torch's Adam ε (SB3); the moments of both critics in one optimiser, as SB3's critic optimiser holds both.
    this.actorOptimizer = new Adam(this.actor.params.variables(), { epsilon: 1e-8 });
    this.criticVariables = this.critics.flatMap((c) => c.params.variables());
    this.criticOptimizer = new Adam(this.criticVariables, { epsilon: 1e-8 });
  }

  /** Gradient steps taken (critic steps). */
  get gradientSteps(): number {
    return this.steps;
  }

  /** One critic step, and the actor's and targets' when it is their turn; `noiseRng` draws the smoothing noise. */
  gradientStep(batch: ReplayBatch, noiseRng: Rng): Td3StepStats {
    const { hp, actor } = this;
    const n = batch.size;
    const C = actor.actionSize;
    const sizes = actor.observationSizes;

    // 1–2. Targets from the target networks (constants for the loss), read back from tfjs.
    const nextObs = () => observationTensors(batch.nextObservations, sizes, n);
    const nextMeans = readForward(() => this.targetActor.forwardTf(nextObs()));
    const nextActions = smoothedTargetActions(nextMeans, hp.target_policy_noise, hp.target_noise_clip, noiseRng);
    const nextQ = this.targetCritics.map((q) => readForward(() => q.forwardTf(nextObs(), tf.tensor2d(nextActions, [n, C]))));
    const y = clippedDoubleQTargets({ rewards: batch.rewards, dones: batch.dones, discounts: batch.discounts, nextQ1: nextQ[0]!, nextQ2: nextQ[1] ?? null });

    // 3. Critics.
    const critic = adamStep(this.criticVariables, this.criticOptimizer, hp.learning_rate, () => {
      const obs = observationTensors(batch.observations, sizes, n);
      const actions = tf.tensor2d(batch.continuousActions, [n, C]);
      const target = tf.tensor1d(y);
      const qs = this.critics.map((q) => q.forwardTf(obs, actions));
      const loss = tf.addN(qs.map((q) => tf.mean(tf.squaredDifference(q, target)))) as tf.Scalar;
      return { loss, extras: [tf.mean(qs[0]!)] };
    });
    for (const q of this.critics) q.params.syncHost();
    this.steps++;

    // 4. Delayed actor and targets.
    let actorLoss = NaN;
    const actorUpdated = this.steps % hp.policy_delay === 0;
    if (actorUpdated) {
      actorLoss = adamStep(this.actor.params.variables(), this.actorOptimizer, hp.learning_rate, () => {
        const obs = observationTensors(batch.observations, sizes, n);
        return { loss: tf.neg(tf.mean(this.critics[0]!.forwardTf(obs, actor.forwardTf(obs)))) as tf.Scalar };
      }).loss;
      actor.params.syncHost();
      polyakUpdate(this.targetActor.params, actor.params, hp.tau);
      this.critics.forEach((q, i) => polyakUpdate(this.targetCritics[i]!.params, q.params, hp.tau));
    }
    return { criticLoss: critic.loss, actorLoss, meanQ: critic.extras[0]![0]!, actorUpdated };
  }

  save(): SavedTd3 {
    return {
      actor: this.actor.save(),
      critics: this.critics.map((q) => q.save()),
      targetActor: this.targetActor.save(),
      targetCritics: this.targetCritics.map((q) => q.save()),
      actorOptimizer: this.actorOptimizer.save(),
      criticOptimizer: this.criticOptimizer.save(),
      gradientSteps: this.steps,
    };
  }

  load(saved: SavedTd3, where: string): void {
    const steps = saved?.gradientSteps;
    if (!Number.isSafeInteger(steps) || steps < 0) {
      throw new ShivaError('SHIVA_ERR_MODEL_STATE', `${where}: gradientSteps: expected an integer ≥ 0, got ${JSON.stringify(steps ?? null)}`);
    }
    for (const field of ['critics', 'targetCritics'] as const) {
      if (!Array.isArray(saved[field]) || saved[field].length !== this.critics.length) {
        throw new ShivaError('SHIVA_ERR_MODEL_STATE', `${where}: ${field}: expected ${this.critics.length} critic(s) (twin_q ${this.hp.twin_q}), got ${Array.isArray(saved[field]) ? saved[field].length : typeof saved[field]}`);
      }
    }
    this.actor.load(saved.actor, `${where}: actor`);
    this.targetActor.load(saved.targetActor, `${where}: target actor`);
    this.critics.forEach((q, i) => q.load(saved.critics[i]!, `${where}: critic ${i + 1}`));
    this.targetCritics.forEach((q, i) => q.load(saved.targetCritics[i]!, `${where}: target critic ${i + 1}`));
    this.actorOptimizer.load(saved.actorOptimizer, `${where}: actor optimizer`);
    this.criticOptimizer.load(saved.criticOptimizer, `${where}: critic optimizer`);
    this.steps = steps;
  }

  dispose(): void {
    for (const net of [this.actor, this.targetActor, ...this.critics, ...this.targetCritics]) net.dispose();
    // Large weight arrays keep their Adam moments on the backend.
    this.actorOptimizer.dispose();
    this.criticOptimizer.dispose();
  }
}
