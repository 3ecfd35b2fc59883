/**
 * MA-POCA as a learner: one actor shared by every member of every group, acting through the fast path; a group
 * buffer keyed by (environment, group id) whose segments close at time_horizon group steps or at the group's
 * episode end; a POCA update, as ML-Agents' on-policy trainer (release 21 on_policy_trainer.py), once closed
 * segments hold strictly more than buffer_size member transitions, on all of them (advantages normalised over the
 * whole batch, num_epoch × ⌊size / batch_size⌋ minibatches), after which the buffer is empty.
 * ML-Agents emits each member's own trajectory (with its group mates' observations and actions) at time_horizon
 * or its episode end, and computes values then; Shiva's unit is the group segment (group-buffer.ts), whose values
 * and baselines are computed at the update with the critic as it is then.
 * Agents with group id 0 are groups of one. Values and baselines are computed at update time (agents/poca/poca.ts),
 * so acting costs what PPO's does. The actor is agents/networks' ActorCritic so that acting, masks, rule factors
 * and the reasoning layer work exactly as for PPO; its own per-agent value head is computed by act() but never
 * trained or used (POCA's critic is the GroupCritic).
 *
 * With network_settings.memory (ML-Agents' POCA with memory): the actor's LSTM acts through the shell's recurrent
 * acting policy (each agent's memory kept across decisions, reset at its episode's end) and every transition keeps
 * the memory it acted under; the group critic has an LSTM after its attention trunk, and the update
 * (recurrent-poca.ts) runs the critic along each group's data from the memories carried since the episode began
 * (critic-memories.ts), then trains on each member's transitions cut into padded, masked sequences
 * (group-sequences.ts). Departure: the critic's carried memories are not saved in checkpoints (nor are open
 * segments); after a resume the groups' next segments start the critic from zeros.
 *
 * Reward signals (reward_signals.gail, .curiosity, .rnd), as ML-Agents' POCA: each has its own head on the group
 * critic (value and baseline), its own γ, rewards on every member transition and returns and advantages of its own,
 * averaged with the extrinsic ones (poca.ts, signal-streams.ts); the signals train after each update.
 */
import type { ActOutput } from '../networks/acting.js';
import { DEFAULT_NETWORK_SETTINGS } from '../networks/network-settings.js';
import type { SavedActorCritic } from '../networks/actor-critic.js';
import { GroupBuffer, type GroupSegment } from './group-buffer.js';
import type { ThreadedUpdates } from '../plugin/update-thread.js';
import { ShivaError } from '../../src/core/errors.js';
import { GroupCritic, type SavedGroupCritic } from './group-critic.js';
import type { PocaHyperparameters } from './hyperparameters.js';
import { Poca, type SavedPoca } from './poca.js';
import { RecurrentPoca } from './recurrent-poca.js';
import type { LearnerSettings } from '../plugin/algorithm-plugin.js';
import { ActorCriticLearner } from '../plugin/actor-critic-learner.js';
import type { BcActor, ImitationHook, ImitationHost } from '../plugin/imitation-hook.js';
import { actorCriticBcActor } from '../imitation/bc-actor.js';
import type { LearnerState } from '../plugin/learner.js';
import { createRewardSignals } from '../plugin/create-reward-signals.js';
import type { RewardSignal } from '../reward-signals/reward-signal.js';
import { scaledRewards } from '../plugin/rewards.js';
import type { BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import type { DecisionSteps, TerminalSteps } from '../../src/core/env/steps.js';
import type { RunSeeds } from '../../src/core/runtime/seeding.js';

/** MA-POCA's settings; individual and group rewards are scaled by reward_signals.extrinsic.strength. */
export type PocaLearnerSettings = LearnerSettings<PocaHyperparameters>;

/** One update's input, as the update thread receives it. */
interface PocaUpdateWork {
  readonly segments: readonly GroupSegment[];
  /** Member transitions in the segments. */
  readonly size: number;
  /** steps / max_steps when the segments were taken (the schedules' progress). */
  readonly progress: number;
}

export class PocaLearner extends ActorCriticLearner implements ImitationHost, ThreadedUpdates {
  readonly critic: GroupCritic;
  private readonly poca: Poca;
  private readonly buffer: GroupBuffer;
  /** The reward signals beside the extrinsic one, in a fixed order (gail, curiosity, rnd). */
  private readonly signals: RewardSignal[];
  /** Behavioral cloning after each POCA update (agents/imitation/bc-auxiliary.ts), set by the meta-learner; saved with the learner. */
  imitation: ImitationHook | null = null;

  constructor(
    spec: BehaviorSpec,
    private readonly settings: PocaLearnerSettings,
    seeds: RunSeeds,
  ) {
    super(spec, 'poca', settings, seeds);
    const label = `learner:${settings.id}`;
    const entitySize = this.policy.observationSizes.reduce((a, b) => a + b, 0);
    this.signals = createRewardSignals(spec, settings, seeds, label);
    const names = this.signals.map((k) => k.name);
    this.critic = new GroupCritic(entitySize, this.policy.continuousSize + this.policy.logitsSize, { ...DEFAULT_NETWORK_SETTINGS, ...settings.network }, seeds.rng(`${label}:init-critic`), names);
    // With network_settings.memory the actor and the group critic have LSTMs and the update runs on sequences.
    this.poca = this.recurrent
      ? new RecurrentPoca(this.policy, this.critic, settings.hyperparameters, this.updateRng, this.signals)
      : new Poca(this.policy, this.critic, settings.hyperparameters, this.updateRng, this.signals);
    this.buffer = new GroupBuffer(this.policy.observationSizes, settings.hyperparameters.time_horizon, this.signals.length > 0);
    if (settings.threaded) {
      if (this.recurrent) throw new ShivaError('SHIVA_ERR_CONFIG', `learner "${settings.id}": threaded: expected false with network_settings.memory (the group critic carries memories across updates), got true`);
      // The replica trains the actor, the group critic and the signals; only the actor acts here.
      this.threadUpdates(spec, settings, seeds, (acting) => {
        this.policy.load(acting as SavedActorCritic, `learner "${this.id}": update thread: policy`);
        return {};
      });
    }
  }

  endEpisodes(source: number, t: TerminalSteps): void {
    const k = this.settings.rewardStrength;
    this.buffer.endEpisodes(source, k === 1 ? t : { ...t, rewards: scaledRewards(t.rewards, k), groupRewards: scaledRewards(t.groupRewards, k) });
  }

  addDecisions(source: number, d: DecisionSteps, rows: ActOutput): void {
    const k = this.settings.rewardStrength;
    this.buffer.addDecisions(source, k === 1 ? d : { ...d, rewards: scaledRewards(d.rewards, k), groupRewards: scaledRewards(d.groupRewards, k) }, rows);
    this.stepsValue += d.count;
  }

  forgetSource(source: number): void {
    this.buffer.dropOpen(source);
    // With memory: the source's agents and groups start their next episodes from zero memories.
    this.recurrent?.learning.memories.forgetSource(source);
    this.recurrent?.evaluation.memories.forgetSource(source);
    if (this.poca instanceof RecurrentPoca) this.poca.carry.forgetSource(source);
  }

  maybeUpdate(): Record<string, number> | null {
    const hp = this.settings.hyperparameters;
    // ML-Agents' _is_ready_update: strictly more than buffer_size.
    const ready = this.buffer.size > hp.buffer_size;
    // The segments are plain objects of typed arrays: they cross to the worker by structured clone.
    if (this.threaded) return this.updateInThreadWhenReady(ready, this.imitation, () => ({ work: this.takeWork() }));
    if (!ready) return null;
    return this.updateOn(this.takeWork());
  }

  /** The update thread's side (agents/plugin/update-worker.ts): the update on the segments sent; the actor to act with. */
  updateInThread(work: unknown): { stats: Record<string, number>; acting: unknown } {
    return { stats: this.updateOn(work as PocaUpdateWork), acting: this.policy.save() };
  }

  private takeWork(): PocaUpdateWork {
    const size = this.buffer.size;
    return { segments: this.buffer.drain(), size, progress: Math.min(1, this.stepsValue / this.settings.maxSteps) };
  }

  /** One POCA update and behavioral cloning after it; their stats under ML-Agents' tags. */
  private updateOn({ segments, size, progress }: PocaUpdateWork): Record<string, number> {
    const stats = this.poca.update(segments, progress);
    this.updates++;
    // As ML-Agents' on-policy trainer: the BC module's update after the trainer's.
    const imitationStats = this.imitation?.afterUpdate(this.stepsValue) ?? {};
    return {
      ...imitationStats,
      ...stats.signalStats,
      'Losses/Policy Loss': stats.policyLoss,
      'Losses/Value Loss': stats.valueLoss,
      'Losses/Baseline Loss': stats.baselineLoss,
      'Policy/Entropy': stats.entropy,
      'Policy/Learning Rate': stats.learningRate,
      'Policy/Beta': stats.beta,
      'Policy/Epsilon': stats.epsilon,
      'Policy/Approx KL': stats.approxKl,
      'Policy/Clip Fraction': stats.clipFraction,
      'Policy/Gradient Norm': stats.gradNorm,
      'Policy/Extrinsic Value Estimate': stats.diagnostics.meanValue,
      'Policy/Extrinsic Return': stats.diagnostics.meanReturn,
      'Policy/Baseline Estimate': stats.diagnostics.meanBaseline,
      'Policy/Advantage Mean': stats.diagnostics.meanAdvantage,
      'Policy/Advantage Std': stats.diagnostics.stdAdvantage,
      'Policy/Bootstrap Value Estimate': stats.diagnostics.meanBootstrap,
      'Policy/Bootstrapped Segments': stats.diagnostics.bootstraps,
      'Policy/Batch Size': size,
    };
  }

  /** The actor as behavioral cloning trains it (POCA's actor is an ActorCritic's `actor/` part, as PPO's). */
  bcActor(): BcActor {
    return actorCriticBcActor(this.policy);
  }

  protected saveModel(): Record<string, unknown> {
    return {
      critic: this.critic.save(),
      poca: this.poca.save(),
      ...(this.imitation ? { imitation: this.imitation.save() } : {}),
      ...Object.fromEntries(this.signals.map((k) => [k.name, k.save()])),
    };
  }

  protected loadModel(state: LearnerState, where: string): void {
    this.critic.load(state['critic'] as SavedGroupCritic, `${where}: critic`);
    this.poca.load(state['poca'] as SavedPoca, `${where}: optimizer`);
    if (this.imitation && state['imitation'] !== undefined) this.imitation.load(state['imitation'], `${where}: imitation`);
    for (const signal of this.signals) signal.load(state[signal.name], `${where}: ${signal.name}`);
  }

  dispose(): void {
    this.closeThread();
    for (const signal of this.signals) signal.dispose();
    this.imitation?.dispose();
    this.poca.dispose();
    this.critic.dispose();
    this.policy.dispose();
  }
}
