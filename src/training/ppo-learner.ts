/**
 * PPO as a learner: an actor-critic acting through its fast path, a rollout buffer keyed by (environment,
 * agent), and a PPO update whenever buffer_size transitions are closed.
 */
import { act, predictValues } from '../../agents/networks/acting.js';
import { ActorCritic, type SavedActorCritic } from '../../agents/networks/actor-critic.js';
import type { NetworkSettings } from '../../agents/networks/network-settings.js';
import type { PpoHyperparameters } from '../../agents/ppo/hyperparameters.js';
import { Ppo, type SavedPpo } from '../../agents/ppo/ppo.js';
import { RolloutBuffer } from '../../agents/ppo/rollout-buffer.js';
import type { ActionTuple } from '../core/env/action-tuple.js';
import { maskSize, type BehaviorSpec } from '../core/env/behavior-spec.js';
import type { TerminalSteps } from '../core/env/steps.js';
import { ShivaError } from '../core/errors.js';
import type { RngState } from '../core/runtime/rng.js';
import type { RunSeeds } from '../core/runtime/seeding.js';
import { concatDecisionSteps, sliceActOutput } from '../decisions/decision-batch.js';
import type { DecideOptions, Learner, LearnerState, StepsFromSource } from './learner.js';
import { GailSignal } from '../../agents/reward-signals/gail-signal.js';
import type { GailSettings } from '../../agents/reward-signals/gail-settings.js';
import type { SavedGail } from '../../agents/reward-signals/gail.js';
import type { ExpertData } from '../../agents/reward-signals/expert-samples.js';
import type { ImitationHook } from './bc-auxiliary.js';

export interface PpoLearnerSettings {
  readonly id: string;
  readonly hyperparameters: PpoHyperparameters;
  readonly network: Partial<NetworkSettings>;
  readonly maxSteps: number;
  /** reward_signals.extrinsic.strength: environment rewards (each agent's plus its group's, as ML-Agents) are scaled by it. */
  readonly rewardStrength: number;
  /** reward_signals.gail: GAIL rewards (strength-scaled) are added to the buffer's before GAE; see agents/reward-signals/gail-signal.ts. */
  readonly gail?: GailSettings | null;
  /** GAIL's demonstrations, read when the learner is created (the plan reads `gail.demoPath`: src/cli/plans/gail-plan.ts). */
  readonly gailExpert?: (() => ExpertData) | null;
}

interface PpoLearnerState extends LearnerState {
  readonly policy: SavedActorCritic;
  readonly ppo: SavedPpo;
  readonly rngs: { readonly act: RngState; readonly update: RngState };
}

export class PpoLearner implements Learner {
  readonly trainerType = 'ppo';
  readonly policy: ActorCritic;
  private readonly ppo: Ppo;
  private readonly buffer: RolloutBuffer;
  private readonly actRng;
  private readonly updateRng;
  private stepsValue = 0;
  private updates = 0;
  private readonly gail: GailSignal | null;
  /** Behavioral cloning run after each PPO update (bc-auxiliary.ts), set by bc-meta-learner.ts; its state rides in save(). */
  imitation: ImitationHook | null = null;

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

  decide(parts: readonly StepsFromSource[], options: DecideOptions = {}): ActionTuple[] {
    const learn = options.learn ?? true;
    for (const part of parts) {
      if (!learn) break;
      const terminal = this.scaled(part.terminalSteps);
      if (terminal.count === 0) continue;
      const bootstrap = terminal.interrupted.some((x) => x === 1) ? predictValues(this.policy, terminal.observations, terminal.count) : null;
      this.buffer.endEpisodes(part.source, terminal, bootstrap);
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
      const rows = acting.map((p, k) => ({ source: p.source, offset: joined.offsets[k]!, count: p.decisionSteps.count }));
      out = options.reasoner.apply(out, joined.steps, { rows, step: this.stepsValue, learnerId: this.id, deterministic: options.deterministic ?? false });
    }
    acting.forEach((part, k) => {
      const rows = sliceActOutput(out, joined.offsets[k]!, part.decisionSteps.count);
      const rewards = extrinsic(part.decisionSteps.rewards, part.decisionSteps.groupRewards, this.rewardStrength);
      const decisions = rewards === part.decisionSteps.rewards ? part.decisionSteps : { ...part.decisionSteps, rewards };
      if (learn) this.buffer.addDecisions(part.source, decisions, rows);
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
    if (state.trainerType !== this.trainerType) {
      throw new ShivaError('SHIVA_ERR_MODEL_STATE', `${where}: trainer_type: expected "${this.trainerType}", got "${state.trainerType}"`);
    }
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

  private get rewardStrength(): number {
    return this.settings.rewardStrength;
  }

  private scaled(terminal: TerminalSteps): TerminalSteps {
    const rewards = extrinsic(terminal.rewards, terminal.groupRewards, this.rewardStrength);
    return rewards === terminal.rewards ? terminal : { ...terminal, rewards };
  }
}

/**
 * The extrinsic reward signal as ML-Agents computes it: (the agent's reward + its group's reward) × strength. The
 * same array when that changes nothing (strength 1, no group reward), so the common case allocates nothing.
 */
export function extrinsic(rewards: Float32Array, groupRewards: Float32Array, strength: number): Float32Array {
  if (strength === 1 && groupRewards.every((g) => g === 0)) return rewards;
  return rewards.map((r, i) => (r + groupRewards[i]!) * strength);
}
