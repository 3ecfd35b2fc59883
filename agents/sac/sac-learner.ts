/**
 * SAC as a learner: continuous actions through the tanh-squashed Gaussian (agents/sac/sac.ts), discrete branches
 * through discrete SAC (agents/sac/discrete-sac.ts); hybrid action specs are refused. Acting samples the policy
 * on its host copy (uniform actions before buffer_init_steps, as SB3's learning_starts); one-step transitions are
 * collected per (environment, agent) into a replay buffer (with action masks for discrete actions).
 *
 * Trajectories (ML-Agents' time_horizon, release 21 agent_processor.py and sac/trainer.py): an agent's steps are
 * held until it holds time_horizon of them or its episode ends, then written to the replay together
 * (agents/replay/replay-collector.ts); a forced reset discards held steps. Steps count for the cadence when they
 * are written, as ML-Agents' trainer counts a trajectory's steps when it arrives.
 *
 * Update cadence (ML-Agents' steps_per_update): after buffer_init_steps written steps and once the buffer holds a
 * batch, every steps_per_update written steps earn one gradient step; fractional credit carries over (UpdateCredit,
 * agents/plugin/off-policy-learner.ts). ML-Agents runs `while (steps − buffer_init_steps) / update_steps >
 * steps_per_update`, with update_steps from 1: the same count one update later at exact multiples, and it also
 * catches up on steps taken before the replay held a batch, which earn nothing here.
 *
 * With a rule file (`cognitive:`, discrete actions only), the categorical policy per branch (uniform over the
 * allowed actions before buffer_init_steps) is the π the reasoning layer combines, and its sample of π·f/Z acts.
 * Transitions are stored as usual (the update is off-policy). Continuous SAC refuses rule files.
 *
 * Reward signals (reward_signals.gail, .curiosity, .rnd), as ML-Agents' SAC: each has its own Q heads and gamma
 * (signal-q-heads.ts). The replay stores the extrinsic reward only; each signal's rewards are computed, with the
 * signal's networks as they are, for every batch sampled for a gradient step. After the gradient steps, every
 * reward_signal_steps_per_update agent steps (past buffer_init_steps; a second UpdateCredit) earn one update of
 * each signal's networks on a batch of batch_size sampled from the replay.
 *
 * Behavioral cloning (the behavioral_cloning section; `imitation`, set by the meta-learner): after each gradient
 * step, one BC update of the actor (agents/imitation/bc-auxiliary.ts), where ML-Agents' off-policy trainer calls
 * bc_module.update() in its update loop.
 */
import { DiscreteSac } from './discrete-sac.js';
import type { SacHyperparameters } from './hyperparameters.js';
import { Sac } from './sac.js';
import { replayTransitions } from './replay-transitions.js';
import type { SacActions, SacCore, SignalRewards } from './sac-core.js';
import { uniformActions, uniformAllowed, uniformDiscrete } from '../networks/uniform-actions.js';
import type { LearnerSettings } from '../plugin/algorithm-plugin.js';
import { actionsOnly, CONTINUOUS_RULE_REFUSAL, type ActingContext, type ActingPolicy, type LearnerState, type PolicyProposal } from '../plugin/learner.js';
import { OffPolicyLearner } from '../plugin/off-policy-learner.js';
import { UpdateCredit } from '../plugin/update-credit.js';
import { checkCredit } from '../plugin/learner-state.js';
import { ReplayBuffer } from '../replay/replay-buffer.js';
import { createRewardSignals, SIGNAL_TITLES } from '../plugin/create-reward-signals.js';
import type { BcActor, ImitationHook, ImitationHost } from '../plugin/imitation-hook.js';
import { categoricalBcActor, gaussianBcActor } from './sac-bc-actor.js';
import type { RewardSignal } from '../reward-signals/reward-signal.js';
import { ReplayCollector } from '../replay/replay-collector.js';
import { replaySpecOf, type ReplayBatch } from '../replay/replay-types.js';
import type { BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import type { DecisionSteps } from '../../src/core/env/steps.js';
import { ShivaError } from '../../src/core/errors.js';
import type { Rng } from '../../src/core/runtime/rng.js';
import type { RunSeeds } from '../../src/core/runtime/seeding.js';
import type { ExportablePolicy } from '../../src/protocol/onnx/exportable-policy.js';

export type SacLearnerSettings = LearnerSettings<SacHyperparameters>;

export class SacLearner extends OffPolicyLearner implements ImitationHost {
  readonly sac: SacCore;
  /** The discrete SAC core (null for continuous actions): its categorical policy is what rules combine. */
  private readonly categorical: DiscreteSac | null;
  readonly buffer: ReplayBuffer;
  readonly actingPolicy: ActingPolicy;
  private readonly discrete: boolean;
  private readonly actRng: Rng;
  /** Batches and reparameterisation noise. */
  private readonly sampleRng: Rng;
  /** The reward signals beside the extrinsic one, in a fixed order (gail, curiosity, rnd). */
  private readonly signals: RewardSignal[];
  /** reward_signal_steps_per_update's cadence of the signals' own updates. */
  private readonly signalCredit = new UpdateCredit();
  /** The batches the signals train on (null without signals). */
  private readonly signalRng: Rng | null;
  /** Behavioral cloning after each gradient step, set by the meta-learner; its state rides in save(). */
  imitation: ImitationHook | null = null;

  constructor(
    spec: BehaviorSpec,
    private readonly settings: SacLearnerSettings,
    seeds: RunSeeds,
  ) {
    const label = `learner:${settings.id}`;
    const hp = settings.hyperparameters;
    const { continuousSize, discreteBranches } = spec.actionSpec;
    if (continuousSize > 0 && discreteBranches.length > 0) {
      throw new ShivaError('SHIVA_ERR_NETWORK', `SAC learner "${settings.id}" for behavior "${spec.name}": actionSpec: expected continuous or discrete actions (hybrid actions are not supported yet), got ${continuousSize} continuous + branches [${discreteBranches.join(', ')}]`);
    }
    const discrete = discreteBranches.length > 0;
    const signals = createRewardSignals(spec, settings, seeds, label);
    const names = signals.map((s) => s.name);
    const categorical = discrete ? new DiscreteSac(spec, settings.network, hp, seeds, label, names) : null;
    const sac = categorical ?? new Sac(spec, settings.network, hp, seeds, label, names);
    const actRng = seeds.rng(`${label}:act`);
    const sampleRng = seeds.rng(`${label}:sample`);
    const signalRng = signals.length > 0 ? seeds.rng(`${label}:signal-sample`) : null;
    super(spec, { ...settings, trainerType: 'sac' }, { act: actRng, sample: sampleRng, ...(signalRng ? { signals: signalRng } : {}) });
    this.signals = signals;
    this.signalRng = signalRng;
    this.discrete = discrete;
    this.categorical = categorical;
    this.sac = sac;
    this.actRng = actRng;
    this.sampleRng = sampleRng;
    this.buffer = new ReplayBuffer(hp.buffer_size, replaySpecOf(spec, { actionMasks: this.discrete }));
    this.replay = this.buffer;
    this.collector = new ReplayCollector(this.buffer, { nSteps: 1, gamma: hp.gamma, trajectoryLength: hp.time_horizon });
    this.actingPolicy = { ruleRefusal: this.categorical ? null : CONTINUOUS_RULE_REFUSAL, act: (steps, context) => this.act(steps, context) };
  }

  protected override get holdsTrajectories(): boolean {
    return true;
  }

  /**
   * The policy's sample on its host copy (uniform actions before buffer_init_steps while learning, as SB3's
   * learning_starts). With rules (discrete only), the categorical policy per branch, or uniform over the allowed
   * actions before buffer_init_steps, is the π the reasoning layer combines and samples from.
   */
  private act(steps: DecisionSteps, context: ActingContext): PolicyProposal {
    const random = !context.deterministic && context.learning && this.stepsValue < this.settings.hyperparameters.buffer_init_steps;
    const branches = this.spec.actionSpec.discreteBranches;
    if (context.withRules) {
      const probs = random ? uniformAllowed(steps.actionMasks, steps.count, branches) : Float32Array.from(this.categorical!.actor.logProbsHost(steps.observations, steps.actionMasks, steps.count), Math.exp);
      return actionsOnly(steps.count, new Float32Array(0), new Int32Array(steps.count * branches.length), probs);
    }
    const chosen: SacActions = random ? this.randomActions(steps.count, steps.actionMasks) : this.sac.act(steps.observations, steps.actionMasks, steps.count, this.actRng, context.deterministic);
    return actionsOnly(steps.count, chosen.continuous, chosen.discrete);
  }

  /** Uniform in [-1, 1] per continuous component, or uniform over each branch's allowed actions. */
  private randomActions(rows: number, masks: Uint8Array | null): SacActions {
    if (!this.discrete) return { continuous: uniformActions(rows * this.spec.actionSpec.continuousSize, this.actRng), discrete: new Int32Array(0) };
    return { continuous: new Float32Array(0), discrete: uniformDiscrete(masks, rows, this.spec.actionSpec.discreteBranches, this.actRng) };
  }

  /** The actor as behavioral cloning trains it. */
  bcActor(): BcActor {
    return this.categorical ? categoricalBcActor(this.categorical.actor) : gaussianBcActor((this.sac as Sac).actor);
  }

  /** The actor: tanh(μ(s)) for continuous actions, the masked argmax per branch for discrete ones. */
  exportPolicy(): ExportablePolicy {
    return this.categorical ? this.categorical.actor.describePolicy() : (this.sac as Sac).actor.describePolicy();
  }

  protected update(earned: number): Record<string, number> {
    const hp = this.settings.hyperparameters;
    const totals = { critic: 0, actor: 0, q: 0, entropy: 0 };
    const signalTotals: Record<string, number> = {};
    let alphas: readonly number[] = [];
    for (let i = 0; i < earned; i++) {
      const batch = this.buffer.sample(hp.batch_size, this.sampleRng);
      const signals = this.signals.length > 0 ? this.signalRewards(batch, signalTotals) : [];
      const s = this.sac.gradientStep(batch, this.sampleRng, signals);
      s.signalMeanQ.forEach((q, k) => add(signalTotals, `Policy/${SIGNAL_TITLES[this.signals[k]!.name]} Value Estimate`, q));
      totals.critic += s.criticLoss;
      totals.actor += s.actorLoss;
      totals.q += s.meanQ;
      totals.entropy += s.entropies.reduce((a, b) => a + b, 0);
      alphas = s.alphas;
      this.updates++;
      if (this.imitation) for (const [key, value] of Object.entries(this.imitation.afterUpdate(this.stepsValue))) add(signalTotals, key, value);
    }
    const meanAlpha = alphas.reduce((a, b) => a + b, 0) / alphas.length;
    return {
      ...Object.fromEntries(Object.entries(signalTotals).map(([key, total]) => [key, total / earned])),
      'Losses/Q Loss': totals.critic / earned,
      'Losses/Policy Loss': totals.actor / earned,
      'Policy/Q Mean': totals.q / earned,
      'Policy/Entropy': totals.entropy / earned,
      [this.discrete ? 'Policy/Discrete Entropy Coeff' : 'Policy/Continuous Entropy Coeff']: meanAlpha,
      'Policy/Learning Rate': hp.learning_rate,
      'Policy/Buffer Size': this.buffer.size,
    };
  }

  /** Each signal's strength-scaled rewards for a sampled batch; their reward stats summed into `totals`. */
  private signalRewards(batch: ReplayBatch, totals: Record<string, number>): SignalRewards[] {
    const transitions = replayTransitions(batch);
    return this.signals.map((signal) => {
      const { rewards, stats } = signal.rewards(transitions);
      for (const [key, value] of Object.entries(stats)) add(totals, key, value);
      return { rewards, gamma: signal.gamma, ignoreDone: signal.ignoreDone };
    });
  }

  /** The gradient steps (OffPolicyLearner), then the signals' own updates at reward_signal_steps_per_update. */
  override maybeUpdate(): Record<string, number> | null {
    const stats = super.maybeUpdate();
    if (this.signals.length === 0) return stats;
    const hp = this.settings.hyperparameters;
    const earned = this.signalCredit.earn(this.trainerSteps, this.readyToUpdate(), hp.reward_signal_steps_per_update);
    if (earned === 0) return stats;
    const totals: Record<string, number> = {};
    for (let i = 0; i < earned; i++) {
      const batch = replayTransitions(this.buffer.sample(hp.batch_size, this.signalRng!));
      for (const signal of this.signals) for (const [key, value] of Object.entries(signal.train(batch, 1, hp.batch_size))) add(totals, key, value);
    }
    return { ...(stats ?? {}), ...Object.fromEntries(Object.entries(totals).map(([key, total]) => [key, total / earned])) };
  }

  protected saveModel(): Record<string, unknown> {
    const imitation = this.imitation ? { imitation: this.imitation.save() } : {};
    if (this.signals.length === 0) return { sac: this.sac.save(), ...imitation };
    return { sac: this.sac.save(), ...imitation, signalCredit: this.signalCredit.value, ...Object.fromEntries(this.signals.map((s) => [s.name, s.save()])) };
  }

  protected loadModel(state: LearnerState, where: string): void {
    this.sac.load(state['sac'], `${where}: sac`);
    if (this.imitation && state['imitation'] !== undefined) this.imitation.load(state['imitation'], `${where}: imitation`);
    if (this.signals.length === 0) return;
    for (const signal of this.signals) signal.load(state[signal.name], `${where}: ${signal.name}`);
    this.signalCredit.restore(checkCredit(state['signalCredit'], `${where}: signalCredit`), this.trainerSteps);
  }

  dispose(): void {
    for (const signal of this.signals) signal.dispose();
    this.imitation?.dispose();
    this.sac.dispose();
  }
}

function add(totals: Record<string, number>, key: string, value: number): void {
  totals[key] = (totals[key] ?? 0) + value;
}
