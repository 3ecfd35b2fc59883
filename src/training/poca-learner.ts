/**
 * MA-POCA as a learner: one actor shared by every member of every group, acting through the fast path; a group
 * buffer keyed by (environment, group id); a POCA update whenever buffer_size member transitions are closed.
 * Agents with group id 0 are groups of one. Values and baselines are computed at update time (agents/poca/poca.ts),
 * so acting costs what PPO's does. The actor is agents/networks' ActorCritic so that acting, masks, rule factors
 * and the reasoning layer work exactly as for PPO; its own per-agent value head is computed by act() but never
 * trained or used (POCA's critic is the GroupCritic).
 */
import { act } from '../../agents/networks/acting.js';
import { ActorCritic, type SavedActorCritic } from '../../agents/networks/actor-critic.js';
import { DEFAULT_NETWORK_SETTINGS, type NetworkSettings } from '../../agents/networks/network-settings.js';
import { GroupBuffer } from '../../agents/poca/group-buffer.js';
import { GroupCritic, type SavedGroupCritic } from '../../agents/poca/group-critic.js';
import type { PocaHyperparameters } from '../../agents/poca/hyperparameters.js';
import { Poca, type SavedPoca } from '../../agents/poca/poca.js';
import type { ActionTuple } from '../core/env/action-tuple.js';
import { maskSize, type BehaviorSpec } from '../core/env/behavior-spec.js';
import { ShivaError } from '../core/errors.js';
import type { RngState } from '../core/runtime/rng.js';
import type { RunSeeds } from '../core/runtime/seeding.js';
import { concatDecisionSteps, sliceActOutput } from '../decisions/decision-batch.js';
import type { DecideOptions, Learner, LearnerState, StepsFromSource } from './learner.js';

export interface PocaLearnerSettings {
  readonly id: string;
  readonly hyperparameters: PocaHyperparameters;
  readonly network: Partial<NetworkSettings>;
  readonly maxSteps: number;
  /** reward_signals.extrinsic.strength: individual and group rewards are scaled by it. */
  readonly rewardStrength: number;
}

interface PocaLearnerState extends LearnerState {
  readonly policy: SavedActorCritic;
  readonly critic: SavedGroupCritic;
  readonly poca: SavedPoca;
  readonly rngs: { readonly act: RngState; readonly update: RngState };
}

export class PocaLearner implements Learner {
  readonly trainerType = 'poca';
  readonly policy: ActorCritic;
  readonly critic: GroupCritic;
  private readonly poca: Poca;
  private readonly buffer: GroupBuffer;
  private readonly actRng;
  private readonly updateRng;
  private stepsValue = 0;
  private updates = 0;

  constructor(
    readonly spec: BehaviorSpec,
    private readonly settings: PocaLearnerSettings,
    seeds: RunSeeds,
  ) {
    const label = `learner:${settings.id}`;
    const initRng = seeds.rng(`${label}:init`);
    this.policy = new ActorCritic(spec, settings.network, initRng);
    const entitySize = this.policy.observationSizes.reduce((a, b) => a + b, 0);
    this.critic = new GroupCritic(entitySize, this.policy.continuousSize + this.policy.logitsSize, { ...DEFAULT_NETWORK_SETTINGS, ...settings.network }, seeds.rng(`${label}:init-critic`));
    this.actRng = seeds.rng(`${label}:act`);
    this.updateRng = seeds.rng(`${label}:update`);
    this.poca = new Poca(this.policy, this.critic, settings.hyperparameters, this.updateRng);
    this.buffer = new GroupBuffer(this.policy.observationSizes, settings.hyperparameters.time_horizon);
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

  decide(parts: readonly StepsFromSource[], options: DecideOptions = {}): ActionTuple[] {
    const learn = options.learn ?? true;
    const k = this.settings.rewardStrength;
    if (learn) {
      for (const part of parts) {
        const t = part.terminalSteps;
        if (t.count > 0) this.buffer.endEpisodes(part.source, k === 1 ? t : { ...t, rewards: scale(t.rewards, k), groupRewards: scale(t.groupRewards, k) });
      }
    }
    const acting = parts.filter((p) => p.decisionSteps.count > 0);
    const actions: ActionTuple[] = parts.map(() => ({ continuous: new Float32Array(0), discrete: new Int32Array(0) }));
    if (acting.length === 0) return actions;
    const joined = concatDecisionSteps(
      acting.map((p) => ({ source: p.source, steps: p.decisionSteps })),
      this.policy.observationSizes,
      maskSize(this.spec.actionSpec),
    );
    let out = act(this.policy, joined.steps, this.actRng, options.deterministic ? { deterministic: true } : {});
    if (options.reasoner) {
      const rows = acting.map((p, i) => ({ source: p.source, offset: joined.offsets[i]!, count: p.decisionSteps.count }));
      out = options.reasoner.apply(out, joined.steps, { rows, step: this.stepsValue, learnerId: this.id, deterministic: options.deterministic ?? false });
    }
    acting.forEach((part, i) => {
      const rows = sliceActOutput(out, joined.offsets[i]!, part.decisionSteps.count);
      const d = part.decisionSteps;
      if (learn) this.buffer.addDecisions(part.source, k === 1 ? d : { ...d, rewards: scale(d.rewards, k), groupRewards: scale(d.groupRewards, k) }, rows);
      actions[parts.indexOf(part)] = { continuous: rows.continuous, discrete: rows.discrete };
    });
    if (learn) this.stepsValue += joined.steps.count;
    return actions;
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

  save(): PocaLearnerState {
    return {
      trainerType: this.trainerType,
      steps: this.stepsValue,
      updates: this.updates,
      policy: this.policy.save(),
      critic: this.critic.save(),
      poca: this.poca.save(),
      rngs: { act: this.actRng.getState(), update: this.updateRng.getState() },
    };
  }

  load(state: LearnerState, where: string): void {
    if (state.trainerType !== this.trainerType) {
      throw new ShivaError('SHIVA_ERR_MODEL_STATE', `${where}: trainer_type: expected "${this.trainerType}", got "${state.trainerType}"`);
    }
    const s = state as PocaLearnerState;
    this.policy.load(s.policy, `${where}: policy`);
    this.critic.load(s.critic, `${where}: critic`);
    this.poca.load(s.poca, `${where}: optimizer`);
    this.actRng.setState(s.rngs.act);
    this.updateRng.setState(s.rngs.update);
    this.stepsValue = s.steps;
    this.updates = s.updates;
  }

  dispose(): void {
    this.poca.dispose();
    this.critic.dispose();
    this.policy.dispose();
  }
}

function scale(rewards: Float32Array, by: number): Float32Array {
  return rewards.map((r) => r * by);
}
