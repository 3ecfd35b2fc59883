/**
 * DQN as a learner: ε-greedy acting on the Q-network's host copy, n-step transitions collected per (environment,
 * agent) into a uniform or prioritised replay buffer, and gradient steps once enough experience is in.
 *
 * Update cadence (ML-Agents' steps_per_update, SB3's train_freq/gradient_steps): after buffer_init_steps agent
 * steps and once the buffer holds a batch, every steps_per_update agent steps earn one update of gradient_steps
 * gradient steps. Several agents step at once, so the credit is kept as a fraction and carried between calls.
 */
import { Dqn, type SavedDqn } from '../../agents/dqn/dqn.js';
import { epsilonGreedy, linearEpsilon } from '../../agents/dqn/exploration.js';
import type { DqnHyperparameters } from '../../agents/dqn/hyperparameters.js';
import { QNetwork } from '../../agents/dqn/q-network.js';
import type { NetworkSettings } from '../../agents/networks/network-settings.js';
import type { SavedParameter } from '../../agents/networks/parameters.js';
import { PrioritizedReplayBuffer } from '../../agents/replay/prioritized-replay-buffer.js';
import { ReplayBuffer } from '../../agents/replay/replay-buffer.js';
import { ReplayCollector } from '../../agents/replay/replay-collector.js';
import type { ReplayBlob, ReplaySnapshotInput } from '../../agents/replay/replay-snapshot.js';
import { replaySpecOf, type ReplayBatch } from '../../agents/replay/replay-types.js';
import type { ActionTuple } from '../env/action-tuple.js';
import { maskSize, type BehaviorSpec } from '../env/behavior-spec.js';
import type { TerminalSteps } from '../env/steps.js';
import { ShivaError } from '../errors.js';
import type { RngState } from '../runtime/rng.js';
import type { RunSeeds } from '../runtime/seeding.js';
import { concatDecisionSteps } from '../decisions/decision-batch.js';
import type { DecideOptions, Learner, LearnerState, StepsFromSource } from './learner.js';

export interface DqnLearnerSettings {
  readonly id: string;
  readonly hyperparameters: DqnHyperparameters;
  readonly network: Partial<NetworkSettings>;
  readonly maxSteps: number;
  /** reward_signals.extrinsic.strength: environment rewards are scaled by it. */
  readonly rewardStrength: number;
}

/** A replay blob as JSON can hold it (checkpoint meta is JSON). */
interface SavedBlob {
  readonly dtype: 'float32' | 'int32';
  readonly values: number[];
}

interface DqnLearnerState extends LearnerState {
  readonly online: SavedParameter[];
  readonly target: SavedParameter[];
  readonly dqn: SavedDqn;
  /** Fraction of an update earned and not yet spent. */
  readonly updateCredit: number;
  /** ε at save time, for reading; on load ε follows from `steps`. */
  readonly epsilon: number;
  readonly rngs: { readonly act: RngState; readonly sample: RngState };
  readonly replay: { readonly header: unknown; readonly blobs: Record<string, SavedBlob> } | null;
}

export class DqnLearner implements Learner {
  readonly trainerType = 'dqn';
  readonly online: QNetwork;
  readonly target: QNetwork;
  readonly buffer: ReplayBuffer | PrioritizedReplayBuffer;
  private readonly dqn: Dqn;
  private readonly collector: ReplayCollector;
  private readonly actRng;
  private readonly sampleRng;
  private stepsValue = 0;
  private updates = 0;
  private credit = 0;
  private creditedUpTo = 0;

  constructor(
    readonly spec: BehaviorSpec,
    private readonly settings: DqnLearnerSettings,
    seeds: RunSeeds,
  ) {
    const label = `learner:${settings.id}`;
    const hp = settings.hyperparameters;
    this.online = new QNetwork(spec, settings.network, hp.dueling, seeds.rng(`${label}:init`));
    this.target = new QNetwork(spec, settings.network, hp.dueling, seeds.rng(`${label}:init`));
    this.target.softUpdateFrom(this.online, 1);
    this.actRng = seeds.rng(`${label}:act`);
    this.sampleRng = seeds.rng(`${label}:sample`);
    this.dqn = new Dqn(this.online, this.target, hp);
    const replaySpec = replaySpecOf(spec, { actionMasks: true });
    this.buffer = hp.prioritized ? new PrioritizedReplayBuffer(hp.buffer_size, replaySpec, { alpha: hp.prioritized_alpha }) : new ReplayBuffer(hp.buffer_size, replaySpec);
    this.collector = new ReplayCollector(this.buffer, { nSteps: hp.n_step, gamma: hp.gamma });
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

  /** ε of the linear schedule at the current step. */
  get epsilon(): number {
    const hp = this.settings.hyperparameters;
    return linearEpsilon(this.stepsValue, hp.exploration_initial_eps, hp.exploration_final_eps, hp.exploration_fraction, this.settings.maxSteps);
  }

  decide(parts: readonly StepsFromSource[], options: DecideOptions = {}): ActionTuple[] {
    if (options.reasoner) {
      // The reasoning layer combines action distributions; ε-greedy Q acting has none to combine yet.
      throw new ShivaError('SHIVA_ERR_CONFIG', `learner "${this.id}": cognitive (a rule file): expected no reasoning layer for trainer_type dqn (not supported yet), got one for behavior "${this.spec.name}"`);
    }
    const learn = options.learn ?? true;
    if (learn) for (const part of parts) if (part.terminalSteps.count > 0) this.collector.endEpisodes(part.source, this.scaled(part.terminalSteps));
    const actions: ActionTuple[] = parts.map(() => ({ continuous: new Float32Array(0), discrete: new Int32Array(0) }));
    const acting = parts.filter((p) => p.decisionSteps.count > 0);
    if (acting.length === 0) return actions;
    const joined = concatDecisionSteps(
      acting.map((p) => ({ source: p.source, steps: p.decisionSteps })),
      this.online.observationSizes,
      maskSize(this.spec.actionSpec),
    );
    const count = joined.steps.count;
    const q = this.online.forwardHost(joined.steps.observations, count);
    const epsilon = options.deterministic ? 0 : this.epsilon;
    const chosen = epsilonGreedy(q, joined.steps.actionMasks, count, this.online.branches, epsilon, this.actRng);
    const nb = this.online.branches.length;
    acting.forEach((part, k) => {
      const start = joined.offsets[k]!;
      const discrete = chosen.slice(start * nb, (start + part.decisionSteps.count) * nb);
      const continuous = new Float32Array(0);
      if (learn) {
        const d = part.decisionSteps;
        const decisions = this.settings.rewardStrength === 1 ? d : { ...d, rewards: scale(d.rewards, this.settings.rewardStrength) };
        this.collector.addDecisions(part.source, decisions, { continuous, discrete });
      }
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
    if (this.stepsValue < hp.buffer_init_steps || this.buffer.size < hp.batch_size) {
      this.creditedUpTo = this.stepsValue;
      return null;
    }
    this.credit += (this.stepsValue - this.creditedUpTo) / hp.steps_per_update;
    this.creditedUpTo = this.stepsValue;
    if (this.credit < 1) return null;
    const totals = { loss: 0, meanQ: 0, gradNorm: 0 };
    let count = 0;
    const beta = hp.prioritized_beta + (1 - hp.prioritized_beta) * Math.min(1, this.stepsValue / this.settings.maxSteps);
    while (this.credit >= 1) {
      this.credit -= 1;
      for (let g = 0; g < hp.gradient_steps; g++) {
        const batch: ReplayBatch = this.buffer instanceof PrioritizedReplayBuffer ? this.buffer.sample(hp.batch_size, this.sampleRng, beta) : this.buffer.sample(hp.batch_size, this.sampleRng);
        const s = this.dqn.gradientStep(batch);
        if (this.buffer instanceof PrioritizedReplayBuffer) this.buffer.updatePriorities(batch.indices, s.tdErrors);
        totals.loss += s.loss;
        totals.meanQ += s.meanQ;
        totals.gradNorm += s.gradNorm;
        count++;
      }
      this.updates++;
    }
    return {
      'Losses/Q Loss': totals.loss / count,
      'Policy/Q Mean': totals.meanQ / count,
      'Policy/Gradient Norm': totals.gradNorm / count,
      'Policy/Epsilon': this.epsilon,
      'Policy/Learning Rate': hp.learning_rate,
      'Policy/Buffer Size': this.buffer.size,
      ...(this.buffer instanceof PrioritizedReplayBuffer ? { 'Policy/PER Beta': beta } : {}),
    };
  }

  save(): DqnLearnerState {
    return {
      trainerType: this.trainerType,
      steps: this.stepsValue,
      updates: this.updates,
      online: this.online.save(),
      target: this.target.save(),
      dqn: this.dqn.save(),
      updateCredit: this.credit,
      epsilon: this.epsilon,
      rngs: { act: this.actRng.getState(), sample: this.sampleRng.getState() },
      replay: this.settings.hyperparameters.save_replay_buffer ? this.saveReplay() : null,
    };
  }

  load(state: LearnerState, where: string): void {
    if (state.trainerType !== this.trainerType) {
      throw new ShivaError('SHIVA_ERR_MODEL_STATE', `${where}: trainer_type: expected "${this.trainerType}", got "${state.trainerType}"`);
    }
    const s = state as DqnLearnerState;
    const credit = s.updateCredit;
    if (typeof credit !== 'number' || !Number.isFinite(credit) || credit < 0) {
      throw new ShivaError('SHIVA_ERR_MODEL_STATE', `${where}: updateCredit: expected a number ≥ 0, got ${JSON.stringify(credit ?? null)}`);
    }
    if (this.settings.hyperparameters.save_replay_buffer && s.replay) this.loadReplay(s.replay, `${where}: replay buffer`);
    this.online.load(s.online, `${where}: online network`);
    this.target.load(s.target, `${where}: target network`);
    this.dqn.load(s.dqn, `${where}: dqn`);
    this.actRng.setState(s.rngs.act);
    this.sampleRng.setState(s.rngs.sample);
    this.stepsValue = s.steps;
    this.updates = s.updates;
    this.credit = credit;
    this.creditedUpTo = s.steps;
  }

  dispose(): void {
    this.dqn.dispose();
    this.online.dispose();
    this.target.dispose();
  }

  private saveReplay(): NonNullable<DqnLearnerState['replay']> {
    const snapshot = this.buffer.save();
    const blobs: Record<string, SavedBlob> = {};
    for (const [name, blob] of Object.entries(snapshot.blobs)) {
      blobs[name] = { dtype: blob instanceof Int32Array ? 'int32' : 'float32', values: Array.from(blob) };
    }
    return { header: snapshot.header, blobs };
  }

  private loadReplay(saved: NonNullable<DqnLearnerState['replay']>, where: string): void {
    const blobs: Record<string, ReplayBlob> = {};
    for (const [name, blob] of Object.entries(saved.blobs ?? {})) {
      if (!blob || !Array.isArray(blob.values) || (blob.dtype !== 'float32' && blob.dtype !== 'int32')) {
        throw new ShivaError('SHIVA_ERR_REPLAY', `${where}: blob "${name}": expected {dtype: "float32" | "int32", values: [...]}, got ${JSON.stringify(blob).slice(0, 80)}`);
      }
      blobs[name] = blob.dtype === 'int32' ? Int32Array.from(blob.values) : Float32Array.from(blob.values);
    }
    const input: ReplaySnapshotInput = { header: saved.header, blobs };
    this.buffer.load(input, where);
  }

  private scaled(terminal: TerminalSteps): TerminalSteps {
    const by = this.settings.rewardStrength;
    return by === 1 ? terminal : { ...terminal, rewards: scale(terminal.rewards, by) };
  }
}

function scale(rewards: Float32Array, by: number): Float32Array {
  return rewards.map((r) => r * by);
}
