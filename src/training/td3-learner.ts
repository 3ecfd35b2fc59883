/**
 * TD3 and DDPG as a learner: a deterministic actor acting on its host copy with Gaussian exploration noise
 * (uniform actions before buffer_init_steps, as SB3's learning_starts), one-step transitions collected per
 * (environment, agent) into a replay buffer, and gradient steps once enough experience is in (agents/td3).
 *
 * Update cadence (ML-Agents' steps_per_update): after buffer_init_steps agent steps and once the buffer holds a
 * batch, every steps_per_update agent steps earn one gradient step. Several agents step at once, so the credit is
 * kept as a fraction and carried between calls (UpdateCredit, off-policy-plumbing.ts).
 */
import { gaussianExploration, uniformActions } from '../../agents/td3/exploration.js';
import type { Td3Hyperparameters } from '../../agents/td3/hyperparameters.js';
import { Td3, type SavedTd3 } from '../../agents/td3/td3.js';
import type { NetworkSettings } from '../../agents/networks/network-settings.js';
import { ReplayBuffer } from '../../agents/replay/replay-buffer.js';
import { ReplayCollector } from '../../agents/replay/replay-collector.js';
import { replaySpecOf } from '../../agents/replay/replay-types.js';
import type { ActionTuple } from '../core/env/action-tuple.js';
import type { BehaviorSpec } from '../core/env/behavior-spec.js';
import type { RngState } from '../core/runtime/rng.js';
import type { RunSeeds } from '../core/runtime/seeding.js';
import type { DecideOptions, Learner, LearnerState, StepsFromSource } from './learner.js';
import { actAndCollect, checkCredit, checkTrainerType, loadReplay, refuseReasoner, saveReplay, UpdateCredit, type ReplayActing, type SavedReplay } from './off-policy-plumbing.js';

export interface Td3LearnerSettings {
  readonly id: string;
  /** 'ddpg' when the hyperparameters carry DDPG_SWITCHES; names the learner in checkpoints and logs. */
  readonly trainerType: 'td3' | 'ddpg';
  readonly hyperparameters: Td3Hyperparameters;
  readonly network: Partial<NetworkSettings>;
  readonly maxSteps: number;
  /** reward_signals.extrinsic.strength: environment rewards are scaled by it. */
  readonly rewardStrength: number;
}

interface Td3LearnerState extends LearnerState {
  readonly td3: SavedTd3;
  /** Fraction of an update earned and not yet spent. */
  readonly updateCredit: number;
  readonly rngs: { readonly act: RngState; readonly sample: RngState };
  readonly replay: SavedReplay | null;
}

export class Td3Learner implements Learner {
  readonly trainerType: 'td3' | 'ddpg';
  readonly td3: Td3;
  readonly buffer: ReplayBuffer;
  private readonly collector: ReplayCollector;
  private readonly acting: ReplayActing;
  private readonly actRng;
  /** Batches and target-smoothing noise. */
  private readonly sampleRng;
  private stepsValue = 0;
  private updates = 0;
  private readonly credit = new UpdateCredit();

  constructor(
    readonly spec: BehaviorSpec,
    private readonly settings: Td3LearnerSettings,
    seeds: RunSeeds,
  ) {
    const label = `learner:${settings.id}`;
    const hp = settings.hyperparameters;
    this.trainerType = settings.trainerType;
    this.td3 = new Td3(spec, settings.network, hp, seeds, label);
    this.actRng = seeds.rng(`${label}:act`);
    this.sampleRng = seeds.rng(`${label}:sample`);
    this.buffer = new ReplayBuffer(hp.buffer_size, replaySpecOf(spec));
    this.collector = new ReplayCollector(this.buffer, { nSteps: 1, gamma: hp.gamma });
    const actor = this.td3.actor;
    this.acting = { collector: this.collector, rewardStrength: settings.rewardStrength, observationSizes: actor.observationSizes, maskWidth: 0, continuousSize: actor.actionSize, branchCount: 0 };
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
    refuseReasoner(this, options);
    const hp = this.settings.hyperparameters;
    const learn = options.learn ?? true;
    const actor = this.td3.actor;
    const { actions, count } = actAndCollect(parts, learn, this.acting, (steps) => {
      let continuous: Float32Array;
      if (options.deterministic) continuous = actor.forwardHost(steps.observations, steps.count);
      else if (learn && this.stepsValue < hp.buffer_init_steps) continuous = uniformActions(steps.count * actor.actionSize, this.actRng);
      else continuous = gaussianExploration(actor.forwardHost(steps.observations, steps.count), hp.exploration_noise, this.actRng);
      return { continuous, discrete: new Int32Array(0) };
    });
    if (learn) this.stepsValue += count;
    return actions;
  }

  forgetSource(source: number): void {
    this.collector.dropOpen(source);
  }

  maybeUpdate(): Record<string, number> | null {
    const hp = this.settings.hyperparameters;
    const earned = this.credit.earn(this.stepsValue, this.stepsValue >= hp.buffer_init_steps && this.buffer.size >= hp.batch_size, hp.steps_per_update);
    if (earned === 0) return null;
    let criticLoss = 0;
    let meanQ = 0;
    let actorLoss = 0;
    let actorSteps = 0;
    for (let i = 0; i < earned; i++) {
      const s = this.td3.gradientStep(this.buffer.sample(hp.batch_size, this.sampleRng), this.sampleRng);
      criticLoss += s.criticLoss;
      meanQ += s.meanQ;
      if (s.actorUpdated) {
        actorLoss += s.actorLoss;
        actorSteps++;
      }
      this.updates++;
    }
    return {
      'Losses/Q Loss': criticLoss / earned,
      ...(actorSteps > 0 ? { 'Losses/Policy Loss': actorLoss / actorSteps } : {}),
      'Policy/Q Mean': meanQ / earned,
      'Policy/Learning Rate': hp.learning_rate,
      'Policy/Buffer Size': this.buffer.size,
    };
  }

  save(): Td3LearnerState {
    return {
      trainerType: this.trainerType,
      steps: this.stepsValue,
      updates: this.updates,
      td3: this.td3.save(),
      updateCredit: this.credit.value,
      rngs: { act: this.actRng.getState(), sample: this.sampleRng.getState() },
      replay: this.settings.hyperparameters.save_replay_buffer ? saveReplay(this.buffer) : null,
    };
  }

  load(state: LearnerState, where: string): void {
    checkTrainerType(state, this.trainerType, where);
    const s = state as Td3LearnerState;
    const credit = checkCredit(s.updateCredit, where);
    if (this.settings.hyperparameters.save_replay_buffer && s.replay) loadReplay(this.buffer, s.replay, `${where}: replay buffer`);
    this.td3.load(s.td3, `${where}: td3`);
    this.actRng.setState(s.rngs.act);
    this.sampleRng.setState(s.rngs.sample);
    this.stepsValue = s.steps;
    this.updates = s.updates;
    this.credit.restore(credit, s.steps);
  }

  dispose(): void {
    this.td3.dispose();
  }
}
