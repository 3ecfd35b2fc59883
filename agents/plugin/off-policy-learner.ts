/**
 * The shell every off-policy learner shares (DQN, SAC, TD3/DDPG, MADDPG), around its own algorithm:
 *   - cadence: after buffer_init_steps agent steps, and once the replay can give a batch, every steps_per_update
 *     agent steps earn one update (UpdateCredit; the fraction carries over);
 *   - the sink: transitions (rewards × reward_signals.extrinsic.strength) into a ReplayCollector per
 *     (environment, agent), and the agent-step count; MADDPG collects whole teams instead and overrides it;
 *   - checkpoint state: trainer_type, steps, updates, the update credit, the named RNGs and the replay buffer
 *     (with save_replay_buffer), beside what the subclass saves of its networks and optimisers.
 * A subclass gives its acting policy, its readiness, its update (the gradient steps) and its model's state.
 *
 * A learner whose collector holds trajectories (SAC: time_horizon, replay-collector.ts) counts the steps that
 * steps_per_update and buffer_init_steps read as ML-Agents' trainer does: when a trajectory's steps reach the replay
 * (`trainerSteps`, saved in its state); the others count agent steps as they are decided. `steps` (max_steps, the
 * summaries) always counts decided agent steps.
 */
import type { BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import type { DecisionSteps, TerminalSteps } from '../../src/core/env/steps.js';
import { ShivaError } from '../../src/core/errors.js';
import type { Rng, RngState } from '../../src/core/runtime/rng.js';
import type { ActOutput } from '../networks/acting.js';
import type { PrioritizedReplayBuffer } from '../replay/prioritized-replay-buffer.js';
import type { ReplayBuffer } from '../replay/replay-buffer.js';
import type { ChosenActions } from '../replay/replay-collector.js';
import { loadReplay, saveReplay, type SavedReplay } from '../replay/replay-json.js';
import type { Acting, ActingPolicy, Learner, LearnerState, TransitionSink } from './learner.js';
import { checkCredit, checkTrainerType } from './learner-state.js';
import { scaledDecisions, scaledTerminal } from './rewards.js';
import { UpdateCredit } from './update-credit.js';

/** What the shell calls of a collector: ReplayCollector, or SequenceCollector for a policy with memory. */
export interface StepCollector {
  endEpisodes(source: number, terminal: TerminalSteps): void;
  addDecisions(source: number, decisions: DecisionSteps, actions: ChosenActions): void;
  dropOpen(source?: number): void;
  /** Closed steps handed on toward the replay. */
  readonly stepsReleased: number;
}

/** What the shell reads of an off-policy learner's settings. */
export interface OffPolicyShellSettings {
  readonly id: string;
  readonly trainerType: string;
  readonly maxSteps: number;
  /** reward_signals.extrinsic.strength. */
  readonly rewardStrength: number;
  readonly hyperparameters: { readonly steps_per_update: number; readonly save_replay_buffer: boolean; readonly buffer_init_steps: number; readonly batch_size: number };
}

export abstract class OffPolicyLearner implements Learner, TransitionSink {
  protected stepsValue = 0;
  protected updates = 0;
  protected readonly credit = new UpdateCredit();
  /** Where single-agent learners collect one-step (or n-step) transitions; MADDPG overrides the sink instead. */
  protected collector: StepCollector | null = null;
  /** The single-agent learners' replay (readiness, save_replay_buffer); MADDPG keeps a joint one and overrides those. */
  protected replay: ReplayBuffer | PrioritizedReplayBuffer | null = null;
  /** Trajectory steps written before this collector's count began (restored from a checkpoint). */
  private trainerStepsBase = 0;
  private learningActing: Acting | null = null;
  private evaluationActing: Acting | null = null;

  constructor(
    readonly spec: BehaviorSpec,
    private readonly shell: OffPolicyShellSettings,
    /** Saved and restored by name with the learner's state (`rngs`). */
    private readonly rngs: Readonly<Record<string, Rng>>,
  ) {}

  /** Acts for this learner's agents. */
  abstract readonly actingPolicy: ActingPolicy;

  get id(): string {
    return this.shell.id;
  }

  get trainerType(): string {
    return this.shell.trainerType;
  }

  get steps(): number {
    return this.stepsValue;
  }

  get maxSteps(): number {
    return this.shell.maxSteps;
  }

  /** Whether transitions reach the replay as whole trajectories (a collector with a trajectory length). */
  protected get holdsTrajectories(): boolean {
    return false;
  }

  /** The steps steps_per_update and buffer_init_steps count (see the file's note). */
  protected get trainerSteps(): number {
    return this.holdsTrajectories ? this.trainerStepsBase + this.collector!.stepsReleased : this.stepsValue;
  }

  acting(learn: boolean): Acting {
    if (learn) return (this.learningActing ??= { policy: this.actingPolicy, sink: this, learning: true });
    return (this.evaluationActing ??= { policy: this.actingPolicy, sink: null, learning: false });
  }

  endEpisodes(source: number, terminal: TerminalSteps): void {
    this.collector!.endEpisodes(source, scaledTerminal(terminal, this.shell.rewardStrength));
  }

  addDecisions(source: number, decisions: DecisionSteps, rows: ActOutput): void {
    const memories = rows.memoriesBefore ? { memories: rows.memoriesBefore } : {};
    this.collector!.addDecisions(source, scaledDecisions(decisions, this.shell.rewardStrength), { continuous: rows.continuous, discrete: rows.discrete, ...memories });
    this.stepsValue += decisions.count;
  }

  forgetSource(source: number): void {
    this.collector!.dropOpen(source);
  }

  maybeUpdate(): Record<string, number> | null {
    const earned = this.credit.earn(this.trainerSteps, this.readyToUpdate(), this.shell.hyperparameters.steps_per_update);
    return earned === 0 ? null : this.update(earned);
  }

  /** Whether updates may run: past buffer_init_steps, and a batch in the replay. */
  protected readyToUpdate(): boolean {
    const hp = this.shell.hyperparameters;
    return this.replay !== null && this.trainerSteps >= hp.buffer_init_steps && this.replay.size >= hp.batch_size;
  }

  /** `earned` updates' gradient steps; the stats (ns/metric tags), or null when there was nothing to train. */
  protected abstract update(earned: number): Record<string, number> | null;
  /** The algorithm's own state (networks, optimisers), JSON-safe. */
  protected abstract saveModel(): Record<string, unknown>;
  protected abstract loadModel(state: LearnerState, where: string): void;
  /** The replay buffer as JSON, for save_replay_buffer. */
  protected saveReplay(): unknown {
    return this.replay ? saveReplay(this.replay) : null;
  }

  protected loadReplay(saved: unknown, where: string): void {
    if (this.replay) loadReplay(this.replay, saved as SavedReplay, where);
  }

  abstract dispose(): void;

  save(): LearnerState {
    return {
      trainerType: this.trainerType,
      steps: this.stepsValue,
      updates: this.updates,
      ...this.saveModel(),
      updateCredit: this.credit.value,
      ...(this.holdsTrajectories ? { trainerSteps: this.trainerSteps } : {}),
      rngs: Object.fromEntries(Object.entries(this.rngs).map(([name, rng]) => [name, rng.getState()])),
      replay: this.shell.hyperparameters.save_replay_buffer ? this.saveReplay() : null,
    };
  }

  load(state: LearnerState, where: string): void {
    checkTrainerType(state, this.trainerType, where);
    const credit = checkCredit(state['updateCredit'], where);
    const rngs = (state['rngs'] ?? {}) as Record<string, RngState>;
    for (const [name, rng] of Object.entries(this.rngs)) {
      if (rngs[name] === undefined) throw new ShivaError('SHIVA_ERR_MODEL_STATE', `${where}: rngs: expected the "${name}" stream, got none (saved by a learner without it: other reward signals?)`);
      rng.setState(rngs[name]);
    }
    if (this.holdsTrajectories) {
      const saved = state['trainerSteps'];
      // A state saved before trajectories were held counted decided steps.
      this.trainerStepsBase = (typeof saved === 'number' && Number.isFinite(saved) && saved >= 0 ? saved : state.steps) - this.collector!.stepsReleased;
    }
    this.loadModel(state, where);
    if (this.shell.hyperparameters.save_replay_buffer && state['replay']) this.loadReplay(state['replay'], `${where}: replay buffer`);
    this.stepsValue = state.steps;
    this.updates = state.updates;
    this.credit.restore(credit, this.trainerSteps);
  }
}
