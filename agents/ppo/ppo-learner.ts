/**
 * PPO as a learner: an actor-critic acting through its fast path, a rollout buffer keyed by (environment,
 * agent), and a PPO update whenever buffer_size transitions are closed.
 */
import { act, predictValues, type ActOutput } from '../networks/acting.js';
import { ActorCritic, type SavedActorCritic } from '../networks/actor-critic.js';
import type { PpoHyperparameters } from './hyperparameters.js';
import { Ppo, type SavedPpo } from './ppo.js';
import { RolloutBuffer } from './rollout-buffer.js';
import type { LearnerSettings } from '../plugin/algorithm-plugin.js';
import type { Acting, ActingContext, ActingPolicy, Learner, LearnerState, PolicyProposal, TransitionSink } from '../plugin/learner.js';
import { checkTrainerType } from '../plugin/learner-state.js';
import { extrinsic } from '../plugin/rewards.js';
import { GailSignal } from '../reward-signals/gail-signal.js';
import type { SavedGail } from '../reward-signals/gail.js';
import type { BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import type { DecisionSteps, TerminalSteps } from '../../src/core/env/steps.js';
import { ShivaError } from '../../src/core/errors.js';
import type { RngState } from '../../src/core/runtime/rng.js';
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

interface PpoLearnerState extends LearnerState {
  readonly policy: SavedActorCritic;
  readonly ppo: SavedPpo;
  readonly rngs: { readonly act: RngState; readonly update: RngState };
}

export class PpoLearner implements Learner, TransitionSink {
  readonly trainerType = 'ppo';
  readonly policy: ActorCritic;
  private readonly ppo: Ppo;
  private readonly buffer: RolloutBuffer;
  private readonly actRng;
  private readonly updateRng;
  private stepsValue = 0;
  private updates = 0;
  private readonly gail: GailSignal | null;
  /** Behavioral cloning run after each PPO update (agents/imitation/bc-auxiliary.ts), set by the meta-learner; its state rides in save(). */
  imitation: ImitationHook | null = null;
  /** act() on the actor-critic's fast path: the masked policy π per branch, values and continuous samples. */
  readonly actingPolicy: ActingPolicy = { ruleRefusal: null, act: (steps, context) => this.act(steps, context) };
  private readonly learningActing: Acting = { policy: this.actingPolicy, sink: this, learning: true };
  private readonly evaluationActing: Acting = { policy: this.actingPolicy, sink: null, learning: false };

  constructor(
    readonly spec: BehaviorSpec,
    private readonly settings: PpoLearnerSettings,
    seeds: RunSeeds,
  ) {
    const label = `learner:${settings.id}`;
    this.policy = new ActorCritic(spec, settings.network, seeds.rng(`${label}:init`));
    this.actRng = seeds.rng(`${label}:act`);
    this.updateRng = seeds.rng(`${label}:update`);
    this.ppo = new Ppo(this.policy, settings.hyperparameters, this.updateRng);
    this.buffer = new RolloutBuffer(spec.actionSpec, this.policy.observationSizes, settings.hyperparameters.time_horizon);
    if (settings.gail && !settings.gailExpert) throw new ShivaError('SHIVA_ERR_CONFIG', `learner "${settings.id}": reward_signals.gail: expected its demonstrations (gailExpert), got none`);
    this.gail = settings.gail ? new GailSignal(spec, settings.gail, settings.gailExpert!(), seeds.rng(`${label}:gail`)) : null;
  }

  get id(): string {
    return this.settings.id;
  }

  get steps(): number {
    return this.stepsValue;
  }

  get maxSteps(): number {
    return this.settings.maxSteps;
  }

  acting(learn: boolean): Acting {
    return learn ? this.learningActing : this.evaluationActing;
  }

  private act(steps: DecisionSteps, context: ActingContext): PolicyProposal {
    return act(this.policy, steps, this.actRng, context.deterministic ? { deterministic: true } : {});
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

  save(): PpoLearnerState {
    return {
      trainerType: this.trainerType,
      steps: this.stepsValue,
      updates: this.updates,
      policy: this.policy.save(),
      ppo: this.ppo.save(),
      rngs: { act: this.actRng.getState(), update: this.updateRng.getState() },
      ...(this.imitation ? { imitation: this.imitation.save() } : {}),
      ...(this.gail ? { gail: this.gail.save() } : {}),
    };
  }

  load(state: LearnerState, where: string): void {
    checkTrainerType(state, this.trainerType, where);
    const s = state as PpoLearnerState;
    this.policy.load(s.policy, `${where}: policy`);
    this.ppo.load(s.ppo, `${where}: optimizer`);
    this.actRng.setState(s.rngs.act);
    this.updateRng.setState(s.rngs.update);
    this.stepsValue = s.steps;
    this.updates = s.updates;
    this.gail?.load(s['gail'] as SavedGail | undefined, `${where}: gail`);
    if (this.imitation && s['imitation'] !== undefined) this.imitation.load(s['imitation'], `${where}: imitation`);
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
