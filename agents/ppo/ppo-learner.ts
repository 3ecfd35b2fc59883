/**
 * PPO as a learner: an actor-critic acting through its fast path, a rollout buffer keyed by (environment,
 * agent), and a PPO update whenever buffer_size transitions are closed.
 */
import { predictValues, type ActOutput } from '../networks/acting.js';
import type { PpoHyperparameters } from './hyperparameters.js';
import { Ppo, type SavedPpo } from './ppo.js';
import { RolloutBuffer } from './rollout-buffer.js';
import type { LearnerSettings } from '../plugin/algorithm-plugin.js';
import { ActorCriticLearner } from '../plugin/actor-critic-learner.js';
import type { LearnerState } from '../plugin/learner.js';
import { extrinsic } from '../plugin/rewards.js';
import { GailSignal } from '../reward-signals/gail-signal.js';
import type { SavedGail } from '../reward-signals/gail.js';
import type { BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import type { DecisionSteps, TerminalSteps } from '../../src/core/env/steps.js';
import { ShivaError } from '../../src/core/errors.js';
import type { RunSeeds } from '../../src/core/runtime/seeding.js';

/**
 * PPO's settings: rewards are (each agent's + its group's) × reward_signals.extrinsic.strength, as ML-Agents;
 * with reward_signals.gail, GAIL rewards (strength-scaled) are added to the buffer's before GAE (see
 * agents/reward-signals/gail-signal.ts), from the demonstrations `gailExpert` reads when the learner is created.
 */
export type PpoLearnerSettings = LearnerSettings<PpoHyperparameters>;

/** What PpoLearner calls after each PPO update (its optional `imitation` member: behavioral cloning beside PPO). */
export interface ImitationHook {
  /** Runs after the PPO update at `steps` agent steps; returns stats as ns/metric tags. */
  afterUpdate(steps: number): Record<string, number>;
  /** JSON-safe state, saved with the learner's. */
  save(): unknown;
  load(state: unknown, where: string): void;
}

export class PpoLearner extends ActorCriticLearner {
  private readonly ppo: Ppo;
  private readonly buffer: RolloutBuffer;
  private readonly gail: GailSignal | null;
  /** Behavioral cloning run after each PPO update (agents/imitation/bc-auxiliary.ts), set by the meta-learner; its state rides in save(). */
  imitation: ImitationHook | null = null;

  constructor(
    spec: BehaviorSpec,
    private readonly settings: PpoLearnerSettings,
    seeds: RunSeeds,
  ) {
    super(spec, 'ppo', settings, seeds);
    const label = `learner:${settings.id}`;
    this.ppo = new Ppo(this.policy, settings.hyperparameters, this.updateRng);
    this.buffer = new RolloutBuffer(spec.actionSpec, this.policy.observationSizes, settings.hyperparameters.time_horizon);
    if (settings.gail && !settings.gailExpert) throw new ShivaError('SHIVA_ERR_CONFIG', `learner "${settings.id}": reward_signals.gail: expected its demonstrations (gailExpert), got none`);
    this.gail = settings.gail ? new GailSignal(spec, settings.gail, settings.gailExpert!(), seeds.rng(`${label}:gail`)) : null;
  }

  /** Ends the listed agents' episodes in the buffer; interrupted ones are bootstrapped from the value. */
  endEpisodes(source: number, terminalSteps: TerminalSteps): void {
    const terminal = this.scaled(terminalSteps);
    const bootstrap = terminal.interrupted.some((x) => x === 1) ? predictValues(this.policy, terminal.observations, terminal.count) : null;
    this.buffer.endEpisodes(source, terminal, bootstrap);
  }

  addDecisions(source: number, decisionSteps: DecisionSteps, rows: ActOutput): void {
    const rewards = extrinsic(decisionSteps.rewards, decisionSteps.groupRewards, this.settings.rewardStrength);
    this.buffer.addDecisions(source, rewards === decisionSteps.rewards ? decisionSteps : { ...decisionSteps, rewards }, rows);
    this.stepsValue += decisionSteps.count;
  }

  forgetSource(source: number): void {
    this.buffer.dropOpen(source);
  }

  maybeUpdate(): Record<string, number> | null {
    const hp = this.settings.hyperparameters;
    if (this.buffer.size < hp.buffer_size) return null;
    const gail = this.gail?.addRewards(this.buffer) ?? null;
    const batch = this.buffer.drain(hp.gamma, hp.lambd);
    const stats = this.ppo.update(batch, Math.min(1, this.stepsValue / this.settings.maxSteps));
    this.updates++;
    const gailStats = gail ? this.gail!.train(gail, hp.num_epoch, hp.batch_size) : {};
    const imitationStats = this.imitation?.afterUpdate(this.stepsValue) ?? {};
    return {
      ...imitationStats,
      ...gailStats,
      'Losses/Policy Loss': stats.policyLoss,
      'Losses/Value Loss': stats.valueLoss,
      'Policy/Entropy': stats.entropy,
      'Policy/Learning Rate': stats.learningRate,
      'Policy/Beta': stats.beta,
      'Policy/Epsilon': stats.epsilon,
      'Policy/Approx KL': stats.approxKl,
      'Policy/Clip Fraction': stats.clipFraction,
      'Policy/Gradient Norm': stats.gradNorm,
      'Policy/Batch Size': batch.size,
    };
  }

  protected saveModel(): Record<string, unknown> {
    return {
      ppo: this.ppo.save(),
      ...(this.imitation ? { imitation: this.imitation.save() } : {}),
      ...(this.gail ? { gail: this.gail.save() } : {}),
    };
  }

  protected loadModel(state: LearnerState, where: string): void {
    this.ppo.load(state['ppo'] as SavedPpo, `${where}: optimizer`);
    this.gail?.load(state['gail'] as SavedGail | undefined, `${where}: gail`);
    if (this.imitation && state['imitation'] !== undefined) this.imitation.load(state['imitation'], `${where}: imitation`);
  }

  dispose(): void {
    this.gail?.dispose();
    this.ppo.dispose();
    this.policy.dispose();
  }

  private scaled(terminal: TerminalSteps): TerminalSteps {
    const rewards = extrinsic(terminal.rewards, terminal.groupRewards, this.settings.rewardStrength);
    return rewards === terminal.rewards ? terminal : { ...terminal, rewards };
  }
}
