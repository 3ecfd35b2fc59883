/**
 * PPO as a learner: an actor-critic acting through its fast path, a rollout buffer keyed by (environment,
 * agent), and a PPO update whenever buffer_size transitions are closed.
 *
 * Reward signals (ML-Agents' reward_signals): the extrinsic one is the environment's reward, (each agent's + its
 * group's) × extrinsic strength, learned by the actor-critic's value head with hyperparameters.gamma. Each other
 * signal (gail, curiosity, rnd; agents/reward-signals) has its own value head on the critic encoder
 * (value-heads.ts) and its own gamma. At each update, in order:
 *
 *   1. r_k = strength_k · r_k(s, a, s') for every closed transition, from each signal's networks as they are;
 *   2. V_k(s), V_k(s') from each signal's head; GAE per signal (the extrinsic one as before) and
 *      A = A_extrinsic + Σ_k A_k; each head regresses on its own returns (rollout-buffer.ts `drain`);
 *   3. the PPO update (ppo.ts), the value loss the mean over heads;
 *   4. each signal trains its networks on the same transitions (num_epoch passes, minibatches of batch_size).
 *
 * With the extrinsic signal alone nothing of this runs: the network, the buffer and the update are what they were.
 */
import { predictValues, type ActOutput } from '../networks/acting.js';
import type { PpoHyperparameters } from './hyperparameters.js';
import { Ppo, type SavedPpo } from './ppo.js';
import { RolloutBuffer, type SignalStream } from './rollout-buffer.js';
import { SignalValueHeads } from './value-heads.js';
import type { LearnerSettings } from '../plugin/algorithm-plugin.js';
import { ActorCriticLearner } from '../plugin/actor-critic-learner.js';
import type { LearnerState } from '../plugin/learner.js';
import { extrinsic } from '../plugin/rewards.js';
import type { SavedParameter } from '../networks/parameters.js';
import { createRewardSignals, SIGNAL_TITLES } from '../plugin/create-reward-signals.js';
import type { RewardSignal, TransitionBatch } from '../reward-signals/reward-signal.js';
import type { BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import type { DecisionSteps, TerminalSteps } from '../../src/core/env/steps.js';
import { ShivaError } from '../../src/core/errors.js';
import type { RunSeeds } from '../../src/core/runtime/seeding.js';

/**
 * PPO's settings: rewards are (each agent's + its group's) × reward_signals.extrinsic.strength, as ML-Agents;
 * reward_signals.gail (with the demonstrations `gailExpert` reads when the learner is created), .curiosity and .rnd
 * each add a reward signal with its own value head.
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
  /** The reward signals beside the extrinsic one, in a fixed order (gail, curiosity, rnd). */
  private readonly signals: RewardSignal[];
  private readonly heads: SignalValueHeads | null;
  /** Behavioral cloning run after each PPO update (agents/imitation/bc-auxiliary.ts), set by the meta-learner; its state rides in save(). */
  imitation: ImitationHook | null = null;

  constructor(
    spec: BehaviorSpec,
    private readonly settings: PpoLearnerSettings,
    seeds: RunSeeds,
  ) {
    super(spec, 'ppo', settings, seeds);
    const label = `learner:${settings.id}`;
    this.signals = createRewardSignals(spec, settings, seeds, label);
    this.heads = this.signals.length > 0 ? new SignalValueHeads(this.policy, this.signals.map((s) => s.name), seeds.rng(`${label}:value-heads`)) : null;
    this.ppo = new Ppo(this.policy, settings.hyperparameters, this.updateRng, this.heads);
    this.buffer = new RolloutBuffer(spec.actionSpec, this.policy.observationSizes, settings.hyperparameters.time_horizon, this.signals.length > 0);
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
    // 1–2. Each signal's rewards and values on the closed transitions, then GAE per signal.
    const transitions: TransitionBatch | null = this.heads ? this.buffer.closedTransitions() : null;
    const { streams, stats: signalStats } = transitions ? this.signalStreams(transitions) : { streams: [], stats: {} };
    const batch = this.buffer.drain(hp.gamma, hp.lambd, streams);
    // 3. PPO.
    const stats = this.ppo.update(batch, Math.min(1, this.stepsValue / this.settings.maxSteps));
    this.updates++;
    // 4. The signals' own networks.
    for (const signal of this.signals) Object.assign(signalStats, signal.train(transitions!, hp.num_epoch, hp.batch_size));
    const imitationStats = this.imitation?.afterUpdate(this.stepsValue) ?? {};
    return {
      ...imitationStats,
      ...signalStats,
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

  /** r_k, V_k(s) and V_k(s') of every signal for `transitions`, and each signal's reward and value means. */
  private signalStreams(transitions: TransitionBatch): { streams: SignalStream[]; stats: Record<string, number> } {
    const heads = this.heads!;
    const values = heads.predict(transitions.observations, transitions.size);
    const nextValues = heads.predict(transitions.nextObservations, transitions.size);
    const stats: Record<string, number> = {};
    const streams = this.signals.map((signal, k) => {
      const { rewards, stats: s } = signal.rewards(transitions);
      Object.assign(stats, s);
      let sum = 0;
      for (const v of values[k]!) sum += v;
      stats[`Policy/${SIGNAL_TITLES[signal.name]} Value Estimate`] = transitions.size > 0 ? sum / transitions.size : 0;
      return { rewards, values: values[k]!, nextValues: nextValues[k]!, gamma: signal.gamma, ignoreDone: signal.ignoreDone };
    });
    return { streams, stats };
  }

  protected saveModel(): Record<string, unknown> {
    return {
      ppo: this.ppo.save(),
      ...(this.imitation ? { imitation: this.imitation.save() } : {}),
      ...(this.heads ? { valueHeads: this.heads.params.save() } : {}),
      ...Object.fromEntries(this.signals.map((s) => [s.name, s.save()])),
    };
  }

  protected loadModel(state: LearnerState, where: string): void {
    if (this.heads) {
      if (!Array.isArray(state['valueHeads'])) throw new ShivaError('SHIVA_ERR_MODEL_STATE', `${where}: valueHeads: expected the value heads of reward signals [${this.heads.names.join(', ')}], got ${state['valueHeads'] === undefined ? 'nothing (saved without those signals)' : typeof state['valueHeads']}`);
      this.heads.params.load(state['valueHeads'] as SavedParameter[], `${where}: valueHeads`);
    }
    this.ppo.load(state['ppo'] as SavedPpo, `${where}: optimizer`);
    for (const signal of this.signals) signal.load(state[signal.name], `${where}: ${signal.name}`);
    if (this.imitation && state['imitation'] !== undefined) this.imitation.load(state['imitation'], `${where}: imitation`);
  }

  dispose(): void {
    for (const signal of this.signals) signal.dispose();
    this.heads?.dispose();
    this.ppo.dispose();
    this.policy.dispose();
  }

  private scaled(terminal: TerminalSteps): TerminalSteps {
    const rewards = extrinsic(terminal.rewards, terminal.groupRewards, this.settings.rewardStrength);
    return rewards === terminal.rewards ? terminal : { ...terminal, rewards };
  }
}
