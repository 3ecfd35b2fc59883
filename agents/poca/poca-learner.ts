/**
 * MA-POCA as a learner: one actor shared by every member of every group, acting through the fast path; a group
 * buffer keyed by (environment, group id); a POCA update whenever buffer_size member transitions are closed.
 * Agents with group id 0 are groups of one. Values and baselines are computed at update time (agents/poca/poca.ts),
 * so acting costs what PPO's does. The actor is agents/networks' ActorCritic so that acting, masks, rule factors
 * and the reasoning layer work exactly as for PPO; its own per-agent value head is computed by act() but never
 * trained or used (POCA's critic is the GroupCritic).
 */
import type { ActOutput } from '../networks/acting.js';
import { DEFAULT_NETWORK_SETTINGS } from '../networks/network-settings.js';
import { GroupBuffer } from './group-buffer.js';
import { GroupCritic, type SavedGroupCritic } from './group-critic.js';
import type { PocaHyperparameters } from './hyperparameters.js';
import { Poca, type SavedPoca } from './poca.js';
import type { LearnerSettings } from '../plugin/algorithm-plugin.js';
import { ActorCriticLearner } from '../plugin/actor-critic-learner.js';
import type { LearnerState } from '../plugin/learner.js';
import { scaledRewards } from '../plugin/rewards.js';
import type { BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import type { DecisionSteps, TerminalSteps } from '../../src/core/env/steps.js';
import type { RunSeeds } from '../../src/core/runtime/seeding.js';

/** MA-POCA's settings; individual and group rewards are scaled by reward_signals.extrinsic.strength. */
export type PocaLearnerSettings = LearnerSettings<PocaHyperparameters>;

export class PocaLearner extends ActorCriticLearner {
  readonly critic: GroupCritic;
  private readonly poca: Poca;
  private readonly buffer: GroupBuffer;

  constructor(
    spec: BehaviorSpec,
    private readonly settings: PocaLearnerSettings,
    seeds: RunSeeds,
  ) {
    super(spec, 'poca', settings, seeds);
    const label = `learner:${settings.id}`;
    const entitySize = this.policy.observationSizes.reduce((a, b) => a + b, 0);
    this.critic = new GroupCritic(entitySize, this.policy.continuousSize + this.policy.logitsSize, { ...DEFAULT_NETWORK_SETTINGS, ...settings.network }, seeds.rng(`${label}:init-critic`));
    this.poca = new Poca(this.policy, this.critic, settings.hyperparameters, this.updateRng);
    this.buffer = new GroupBuffer(this.policy.observationSizes, settings.hyperparameters.time_horizon);
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
  }

  maybeUpdate(): Record<string, number> | null {
    const hp = this.settings.hyperparameters;
    if (this.buffer.size < hp.buffer_size) return null;
    const size = this.buffer.size;
    const stats = this.poca.update(this.buffer.drain(), Math.min(1, this.stepsValue / this.settings.maxSteps));
    this.updates++;
    return {
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

  protected saveModel(): Record<string, unknown> {
    return { critic: this.critic.save(), poca: this.poca.save() };
  }

  protected loadModel(state: LearnerState, where: string): void {
    this.critic.load(state['critic'] as SavedGroupCritic, `${where}: critic`);
    this.poca.load(state['poca'] as SavedPoca, `${where}: optimizer`);
  }

  dispose(): void {
    this.poca.dispose();
    this.critic.dispose();
    this.policy.dispose();
  }
}
