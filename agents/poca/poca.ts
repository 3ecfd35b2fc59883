/**
 * MA-POCA (Cohen et al. 2021, "On the Use and Misuse of Absorbing States in Multi-agent RL"; ML-Agents'
 * `trainer_type: poca`): the update step, readable top to bottom. Acting and collection live with the caller
 * (src/training/poca-learner.ts); the per-agent actor is agents/networks' ActorCritic (only its `actor/` weights
 * train here), the centralised critic is ./group-critic.ts, the buffer ./group-buffer.ts.
 *
 * One update, given closed group segments:
 *   1. decay learning rate, β and ε with training progress (ML-Agents' schedules, as PPO);
 *   2. prepare, once, under the current weights: V(g_k) for every group state, b_i for every member transition,
 *      the group λ-returns G (group-returns.ts) and the advantages A = G − b (group-batch.ts);
 *   3. num_epoch passes, each over a fresh seeded shuffle cut into minibatches of batch_size:
 *      log π(a|o), entropy, V(g), b_i under the current weights → POCA loss (poca-loss.ts) → gradients of actor
 *      and critic together → clip to a global norm → Adam;
 *   4. fold the observations into the normaliser, copy the weights to the fast acting path.
 *
 * Rule factors are stored per transition and evaluated with the same combined policy π·f/Z that acted (as PPO).
 *
 * Reward signals beside the extrinsic one (gail, curiosity, rnd): in step 2 each signal rewards every member
 * transition and gets its own returns and advantages from its own critic head and γ, the advantages are averaged
 * over the streams, and the losses take every head (signal-streams.ts, poca-loss.ts); after step 3 each signal
 * trains its networks on the same transitions (num_epoch passes of batch_size). Without signals none of it runs.
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../../src/core/runtime/rng.js';
import type { ActorCritic } from '../networks/actor-critic.js';
import { Adam, type SavedAdam } from '../networks/adam.js';
import { normalizeBufferAdvantages, trainMinibatches } from '../networks/minibatches.js';
import { minibatchObservations, policyBatch, type PolicyBatch } from '../networks/policy-batch.js';
import { decayedCoefficients } from '../networks/schedule.js';
import { buildPocaBatch, fillReturns, returnDiagnostics, type PocaBatch, type PreparedBatch, type ReturnDiagnostics } from './group-batch.js';
import type { GroupSegment } from './group-buffer.js';
import type { GroupCritic } from './group-critic.js';
import type { PocaHyperparameters } from './hyperparameters.js';
import { pocaStats, pocaTargets, type PocaMinibatchStats } from './poca-loss.js';
import { stepOnPpoLoss } from '../ppo/ppo-loss-op.js';
import { groupCriticTensors } from './group-sequences.js';
import { averageAdvantages, memberTransitions, signalStream, type SignalStream } from './signal-streams.js';
import { SIGNAL_TITLES } from '../plugin/create-reward-signals.js';
import type { RewardSignal, TransitionBatch } from '../reward-signals/reward-signal.js';

export interface PocaUpdateStats extends PocaMinibatchStats {
  readonly learningRate: number;
  readonly beta: number;
  readonly epsilon: number;
  readonly minibatches: number;
  /** Mean λ-return, group value, baseline, advantage and bootstrap value of the batch (group-batch.ts). */
  readonly diagnostics: ReturnDiagnostics;
  /** The reward signals' stats: rewards, value and baseline estimates, their own losses (empty without signals). */
  readonly signalStats: Record<string, number>;
}

/** What step 2 prepares: the batch, and with reward signals their transitions and streams. */
export interface Prepared {
  readonly batch: PocaBatch;
  readonly diagnostics: ReturnDiagnostics;
  readonly transitions: TransitionBatch | null;
  readonly streams: readonly SignalStream[];
  readonly signalStats: Record<string, number>;
}

export interface SavedPoca {
  readonly optimizer: SavedAdam;
}

export class Poca {
  readonly optimizer: Adam;
  protected readonly variables: tf.Variable[];

  constructor(
    readonly policy: ActorCritic,
    readonly critic: GroupCritic,
    /** PPO's on-policy keys (ML-Agents' POCASettings has the same keys and defaults). */
    readonly hp: PocaHyperparameters,
    protected readonly rng: Rng,
    /** The reward signals beside the extrinsic one, in the critic's head order. */
    readonly signals: readonly RewardSignal[] = [],
  ) {
    // The ActorCritic's own per-agent critic is not POCA's: only the actor trains here.
    const actor = policy.params.all.filter((p) => p.name.startsWith('actor/')).map((p) => p.variable);
    this.variables = [...actor, ...critic.params.variables()];
    this.optimizer = new Adam(this.variables, { epsilon: hp.adam_epsilon });
  }

  /** Step 2: the training batch of `segments` with returns and advantages under the current weights. */
  prepare(segments: readonly GroupSegment[]): Prepared {
    const { policy, critic } = this;
    if (this.signals.length > 0) return this.prepareWithSignals(segments);
    const prepared = buildPocaBatch(segments, policy.observationSizes, { continuousSize: policy.continuousSize, branches: policy.branches }, (obs) => this.entity(obs));
    const { batch } = prepared;
    critic.maxMembers = Math.max(critic.maxMembers, batch.members);
    const N = batch.members;
    const D = batch.entitySize;
    const M = batch.others;
    const [stepValues, baselines] = tf.tidy(() => [
      critic.valueTf(tf.tensor3d(prepared.stepObs, [prepared.stepCount, N, D]), tf.tensor2d(prepared.stepMask, [prepared.stepCount, N])),
      critic.baselineTf(tf.tensor2d(batch.selfObs, [batch.size, D]), tf.tensor3d(batch.othersObsActions, [batch.size, M, D + batch.actionSize]), tf.tensor2d(batch.othersMask, [batch.size, M])),
    ]);
    const v = stepValues!.dataSync() as Float32Array;
    const b = baselines!.dataSync() as Float32Array;
    tf.dispose([stepValues!, baselines!]);
    fillReturns(prepared, segments, v, b, this.hp.gamma, this.hp.lambd);
    return { batch, diagnostics: returnDiagnostics(prepared, v), transitions: null, streams: [], signalStats: {} };
  }

  /** Step 2 with reward signals: every head's values and baselines in one pass each, a stream per signal. */
  private prepareWithSignals(segments: readonly GroupSegment[]): Prepared {
    const { policy, critic } = this;
    const prepared = buildPocaBatch(segments, policy.observationSizes, { continuousSize: policy.continuousSize, branches: policy.branches }, (obs) => this.entity(obs));
    const { batch } = prepared;
    critic.maxMembers = Math.max(critic.maxMembers, batch.members);
    const { members: N, entitySize: D, others: M } = batch;
    const heads = tf.tidy(() => [
      ...critic.valuesTf(tf.tensor3d(prepared.stepObs, [prepared.stepCount, N, D]), tf.tensor2d(prepared.stepMask, [prepared.stepCount, N])),
      ...critic.baselinesTf(tf.tensor2d(batch.selfObs, [batch.size, D]), tf.tensor3d(batch.othersObsActions, [batch.size, M, D + batch.actionSize]), tf.tensor2d(batch.othersMask, [batch.size, M])),
    ]);
    const read = heads.map((t) => t.dataSync() as Float32Array);
    tf.dispose(heads);
    const streamsCount = this.signals.length + 1;
    return this.withSignalStreams(prepared, segments, read.slice(0, streamsCount), read.slice(streamsCount));
  }

  /**
   * Step 2's returns from every head's V_k per group state and b_k per row (extrinsic first): the extrinsic returns
   * and advantages in the batch, each signal's stream, the advantages averaged over the streams.
   */
  protected withSignalStreams(prepared: PreparedBatch, segments: readonly GroupSegment[], values: readonly Float32Array[], baselines: readonly Float32Array[]): Prepared {
    const { policy, hp } = this;
    const { batch } = prepared;
    fillReturns(prepared, segments, values[0]!, baselines[0]!, hp.gamma, hp.lambd);
    const diagnostics = returnDiagnostics(prepared, values[0]!);
    const transitions = memberTransitions(segments, policy.observationSizes, policy.continuousSize, policy.branches.length);
    const signalStats: Record<string, number> = {};
    const streams = this.signals.map((signal, k) => {
      const { rewards, stats } = signal.rewards(transitions);
      Object.assign(signalStats, stats);
      const stream = signalStream(prepared, segments, rewards, values[k + 1]!, baselines[k + 1]!, signal.gamma, hp.lambd);
      const title = SIGNAL_TITLES[signal.name];
      signalStats[`Policy/${title} Value Estimate`] = mean(stream.values);
      signalStats[`Policy/${title} Baseline Estimate`] = mean(stream.baselines);
      return stream;
    });
    averageAdvantages(batch.advantages, streams);
    return { batch, diagnostics, transitions, streams, signalStats };
  }

  /** One POCA update on `segments`; `progress` is the fraction of max_steps done (drives the schedules). */
  update(segments: readonly GroupSegment[], progress: number): PocaUpdateStats {
    const { hp, policy } = this;
    // 1. Schedules.
    const { learningRate, beta, epsilon } = decayedCoefficients(hp, progress);
    const zero = { policyLoss: 0, valueLoss: 0, baselineLoss: 0, entropy: 0, approxKl: 0, clipFraction: 0, gradNorm: 0 };
    // 2. Returns and advantages, once.
    const { batch, diagnostics, transitions, streams, signalStats } = this.prepare(segments);
    const n = batch.size;
    if (n === 0) return { ...zero, learningRate, beta, epsilon, minibatches: 0, diagnostics, signalStats };

    const prepared = policyBatch(policy, batch, batch.factors);

    // 3. Epochs × minibatches over seeded shuffles (networks/minibatches.ts, as PPO), the stats averaged over minibatches.
    // Advantages normalised once over the whole batch (ML-Agents' on-policy trainer), as PPO.
    const advantages = hp.normalize_advantages ? normalizeBufferAdvantages(batch.advantages) : batch.advantages;
    const { means, count } = trainMinibatches(zero, n, hp.batch_size, hp.num_epoch, this.rng, (rows) =>
      this.trainMinibatch(batch, prepared, advantages, rows, learningRate, beta, epsilon, streams),
    );
    // The signals' own networks, on the same transitions.
    for (const signal of this.signals) Object.assign(signalStats, signal.train(transitions!, hp.num_epoch, hp.batch_size));

    // 4. Normaliser and fast-path weights.
    policy.updateNormalizers(batch.observations, n);
    policy.syncHost();
    this.critic.params.syncHost();
    return { ...means, learningRate, beta, epsilon, minibatches: count, diagnostics, signalStats };
  }

  /**
   * One gradient step on the rows `rows`: the actor's heads and the group critic's value and baseline heads on tfjs,
   * PPO's clipped surrogate with POCA's value and baseline losses on the host (agents/ppo/ppo-loss-op.ts, the heads
   * weighted as poca-loss.ts's pocaLoss weighs them), back through the networks, then clipping and Adam.
   */
  private trainMinibatch(batch: PocaBatch, prepared: PolicyBatch, allAdvantages: Float32Array, rows: Int32Array, learningRate: number, beta: number, epsilon: number, streams: readonly SignalStream[]): PocaMinibatchStats {
    const { hp, policy, critic } = this;
    const targets = pocaTargets(policy, prepared, batch, allAdvantages, rows, streams, hp.value_loss_coef);
    const coefficients = { epsilon, beta, valueLossCoef: hp.value_loss_coef, clipValueLoss: true };
    const step = { variables: this.variables, optimizer: this.optimizer, learningRate, maxGradNorm: hp.max_grad_norm };
    const { gradNorm, ...stats } = stepOnPpoLoss(
      step,
      () => {
        const { logits, mean } = policy.policyHeadsTf(minibatchObservations(policy, prepared, rows));
        const { groupObs, groupMask, selfObs, others, othersMask } = groupCriticTensors(batch, rows);
        // With signals every head comes from one pass; without, the extrinsic head alone (as it always was).
        const values = streams.length > 0 ? critic.valuesTf(groupObs, groupMask) : [critic.valueTf(groupObs, groupMask)];
        const baselines = streams.length > 0 ? critic.baselinesTf(selfObs, others, othersMask) : [critic.baselineTf(selfObs, others, othersMask)];
        return { logits, mean, logStd: mean ? policy.logStdTf() : null, values: [...values, ...baselines] };
      },
      targets,
      coefficients,
    );
    return pocaStats(stats, streams.length + 1, gradNorm);
  }

  save(): SavedPoca {
    return { optimizer: this.optimizer.save() };
  }

  load(saved: SavedPoca, where: string): void {
    this.optimizer.load(saved?.optimizer, `${where}: optimizer`);
  }

  dispose(): void {
    this.optimizer.dispose();
  }

  /** One member's observations → its critic entity: each spec normalised as the actor normalises it, concatenated. */
  protected entity(observations: readonly Float32Array[]): Float32Array {
    const sizes = this.policy.observationSizes;
    const out = new Float32Array(sizes.reduce((a, b) => a + b, 0));
    let offset = 0;
    observations.forEach((obs, o) => {
      out.set(this.policy.normalizers[o]?.normalize(obs, 1) ?? obs, offset);
      offset += sizes[o]!;
    });
    return out;
  }
}

function mean(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i]!;
  return values.length > 0 ? s / values.length : 0;
}
