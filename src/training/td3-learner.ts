/**
 * TD3 and DDPG as a learner: a deterministic actor acting on its host copy with Gaussian exploration noise
 * (uniform actions before buffer_init_steps, as SB3's learning_starts), one-step transitions collected per
 * (environment, agent) into a replay buffer, and gradient steps once enough experience is in (agents/td3).
 *
 * Update cadence (ML-Agents' steps_per_update): after buffer_init_steps agent steps and once the buffer holds a
 * batch, every steps_per_update agent steps earn one gradient step. Several agents step at once, so the credit is
 * kept as a fraction and carried between calls, as DqnLearner does.
 *
 * The replay (de)serialisation helpers at the bottom are shared with SacLearner.
 */
import { gaussianExploration, uniformActions } from '../../agents/td3/exploration.js';
import type { Td3Hyperparameters } from '../../agents/td3/hyperparameters.js';
import { Td3, type SavedTd3 } from '../../agents/td3/td3.js';
import type { NetworkSettings } from '../../agents/networks/network-settings.js';
import type { PrioritizedReplayBuffer } from '../../agents/replay/prioritized-replay-buffer.js';
import { ReplayBuffer } from '../../agents/replay/replay-buffer.js';
import { ReplayCollector } from '../../agents/replay/replay-collector.js';
import type { ReplayBlob, ReplaySnapshotInput } from '../../agents/replay/replay-snapshot.js';
import { replaySpecOf } from '../../agents/replay/replay-types.js';
import type { ActionTuple } from '../env/action-tuple.js';
import type { BehaviorSpec } from '../env/behavior-spec.js';
import type { DecisionSteps, TerminalSteps } from '../env/steps.js';
import { ShivaError } from '../errors.js';
import type { RngState } from '../runtime/rng.js';
import type { RunSeeds } from '../runtime/seeding.js';
import { concatDecisionSteps } from '../decisions/decision-batch.js';
import type { DecideOptions, Learner, LearnerState, StepsFromSource } from './learner.js';

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

/** A replay buffer as JSON can hold it (checkpoint meta is JSON). */
export interface SavedReplay {
  readonly header: unknown;
  readonly blobs: Record<string, { readonly dtype: 'float32' | 'int32'; readonly values: number[] }>;
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
    if (learn) for (const part of parts) if (part.terminalSteps.count > 0) this.collector.endEpisodes(part.source, scaledTerminal(part.terminalSteps, this.settings.rewardStrength));
    const actions: ActionTuple[] = parts.map(() => ({ continuous: new Float32Array(0), discrete: new Int32Array(0) }));
    const acting = parts.filter((p) => p.decisionSteps.count > 0);
    if (acting.length === 0) return actions;
    const actor = this.td3.actor;
    const joined = concatDecisionSteps(acting.map((p) => ({ source: p.source, steps: p.decisionSteps })), actor.observationSizes, 0);
    const count = joined.steps.count;
    const C = actor.actionSize;
    let chosen: Float32Array;
    if (options.deterministic) chosen = actor.forwardHost(joined.steps.observations, count);
    else if (learn && this.stepsValue < hp.buffer_init_steps) chosen = uniformActions(count * C, this.actRng);
    else chosen = gaussianExploration(actor.forwardHost(joined.steps.observations, count), hp.exploration_noise, this.actRng);
    acting.forEach((part, k) => {
      const start = joined.offsets[k]!;
      const continuous = chosen.slice(start * C, (start + part.decisionSteps.count) * C);
      const discrete = new Int32Array(0);
      if (learn) this.collector.addDecisions(part.source, scaledDecisions(part.decisionSteps, this.settings.rewardStrength), { continuous, discrete });
      actions[parts.indexOf(part)] = { continuous, discrete };
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

/**
 * Fractional update credit: once updates may run, every `stepsPerUpdate` agent steps earn one; what is earned
 * and not spent carries over. Steps taken while updates may not run earn nothing.
 */
export class UpdateCredit {
  private credit = 0;
  private creditedUpTo = 0;

  get value(): number {
    return this.credit;
  }

  /** Whole updates earned by the steps up to `steps` (spent at once). */
  earn(steps: number, ready: boolean, stepsPerUpdate: number): number {
    if (!ready) {
      this.creditedUpTo = steps;
      return 0;
    }
    this.credit += (steps - this.creditedUpTo) / stepsPerUpdate;
    this.creditedUpTo = steps;
    const whole = Math.floor(this.credit);
    this.credit -= whole;
    return whole;
  }

  restore(credit: number, steps: number): void {
    this.credit = credit;
    this.creditedUpTo = steps;
  }
}

export function refuseReasoner(learner: Learner, options: DecideOptions): void {
  if (options.reasoner) {
    // The reasoning layer combines action distributions over discrete branches; these learners have none to combine yet.
    throw new ShivaError('SHIVA_ERR_CONFIG', `learner "${learner.id}": cognitive (a rule file): expected no reasoning layer for trainer_type ${learner.trainerType} (not supported yet), got one for behavior "${learner.spec.name}"`);
  }
}

export function checkTrainerType(state: LearnerState, trainerType: string, where: string): void {
  if (state.trainerType !== trainerType) {
    throw new ShivaError('SHIVA_ERR_MODEL_STATE', `${where}: trainer_type: expected "${trainerType}", got "${state.trainerType}"`);
  }
}

export function checkCredit(credit: unknown, where: string): number {
  if (typeof credit !== 'number' || !Number.isFinite(credit) || credit < 0) {
    throw new ShivaError('SHIVA_ERR_MODEL_STATE', `${where}: updateCredit: expected a number ≥ 0, got ${JSON.stringify(credit ?? null)}`);
  }
  return credit;
}

export function scaledTerminal(terminal: TerminalSteps, by: number): TerminalSteps {
  return by === 1 ? terminal : { ...terminal, rewards: terminal.rewards.map((r) => r * by) };
}

export function scaledDecisions(decisions: DecisionSteps, by: number): DecisionSteps {
  return by === 1 ? decisions : { ...decisions, rewards: decisions.rewards.map((r) => r * by) };
}

/** The buffer's snapshot (agents/replay's format) with its typed-array blobs as JSON arrays. */
export function saveReplay(buffer: ReplayBuffer | PrioritizedReplayBuffer): SavedReplay {
  const snapshot = buffer.save();
  const blobs: SavedReplay['blobs'] = {};
  for (const [name, blob] of Object.entries(snapshot.blobs)) {
    blobs[name] = { dtype: blob instanceof Int32Array ? 'int32' : 'float32', values: Array.from(blob) };
  }
  return { header: snapshot.header, blobs };
}

export function loadReplay(buffer: ReplayBuffer | PrioritizedReplayBuffer, saved: SavedReplay, where: string): void {
  const blobs: Record<string, ReplayBlob> = {};
  for (const [name, blob] of Object.entries(saved.blobs ?? {})) {
    if (!blob || !Array.isArray(blob.values) || (blob.dtype !== 'float32' && blob.dtype !== 'int32')) {
      throw new ShivaError('SHIVA_ERR_REPLAY', `${where}: blob "${name}": expected {dtype: "float32" | "int32", values: [...]}, got ${JSON.stringify(blob).slice(0, 80)}`);
    }
    blobs[name] = blob.dtype === 'int32' ? Int32Array.from(blob.values) : Float32Array.from(blob.values);
  }
  const input: ReplaySnapshotInput = { header: saved.header, blobs };
  buffer.load(input, where);
}
