/**
 * What PPO and MA-POCA share as learners: one ActorCritic that acts through act()'s fast path (the masked policy
 * π per branch, values, continuous samples; agents/networks/acting.ts), its act and update RNGs, the agent-step
 * and update counts, and the checkpoint state around the algorithm's own (its optimiser, buffers, critics). A
 * subclass gives its sink (its buffer), its update and its model's state.
 */
import type { BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import type { DecisionSteps, TerminalSteps } from '../../src/core/env/steps.js';
import type { Rng, RngState } from '../../src/core/runtime/rng.js';
import type { RunSeeds } from '../../src/core/runtime/seeding.js';
import { act, type ActOutput } from '../networks/acting.js';
import { ActorCritic, type SavedActorCritic } from '../networks/actor-critic.js';
import type { AgentMemories } from '../networks/agent-memories.js';
import type { NetworkSettings } from '../networks/network-settings.js';
import type { ExportablePolicy } from '../../src/protocol/onnx/exportable-policy.js';
import type { Acting, ActingPolicy, Learner, LearnerState, TransitionSink } from './learner.js';
import { checkTrainerType } from './learner-state.js';
import { recurrentActing, type RecurrentActing } from './recurrent-acting.js';
import type { LearnerSettings } from './algorithm-plugin.js';
import { UpdateThread, type UpdateThreadSetup } from './update-thread.js';
import { UpdatesInThread } from './updates-in-thread.js';
import type { Transferable } from 'node:worker_threads';
import { ShivaError } from '../../src/core/errors.js';
import * as tf from '@tensorflow/tfjs';
import { activeBackend } from '../../src/core/runtime/backend.js';

export abstract class ActorCriticLearner implements Learner, TransitionSink {
  readonly policy: ActorCritic;
  protected readonly actRng: Rng;
  protected readonly updateRng: Rng;
  protected stepsValue = 0;
  protected updates = 0;
  /** act() on the actor-critic's fast path: what the decision pipeline asks for a batch. */
  readonly actingPolicy: ActingPolicy = {
    ruleRefusal: null,
    act: (steps, context) => act(this.policy, steps, this.actRng, context.deterministic ? { deterministic: true } : {}),
  };
  private readonly learningActing: Acting;
  private readonly evaluationActing: Acting;
  /**
   * With network_settings.memory: the memories of the agents acting for learning, and of those acting in
   * evaluation (kept apart: the same source and agent id may be in both); null without memory.
   */
  protected readonly recurrent: { readonly learning: RecurrentActing; readonly evaluation: RecurrentActing } | null;
  /** `threaded: true`: what starts the replica that trains in a worker thread, and the thread once started; null when updates run here. */
  private threading: { readonly setup: UpdateThreadSetup; readonly where: string; readonly take: (acting: unknown) => Record<string, number>; retuned: Record<string, number> | null; started?: UpdatesInThread } | null = null;

  constructor(
    readonly spec: BehaviorSpec,
    readonly trainerType: string,
    private readonly shell: { readonly id: string; readonly maxSteps: number; readonly network: Partial<NetworkSettings> },
    seeds: RunSeeds,
  ) {
    const label = `learner:${shell.id}`;
    this.policy = new ActorCritic(spec, shell.network, seeds.rng(`${label}:init`));
    this.actRng = seeds.rng(`${label}:act`);
    this.updateRng = seeds.rng(`${label}:update`);
    this.recurrent = this.policy.memoryWidth > 0 ? { learning: recurrentActing(this.policy, this.actRng), evaluation: recurrentActing(this.policy, this.actRng) } : null;
    this.learningActing = { policy: this.recurrent?.learning.policy ?? this.actingPolicy, sink: this, learning: true };
    this.evaluationActing = { policy: this.recurrent?.evaluation.policy ?? this.actingPolicy, sink: null, learning: false };
  }

  get id(): string {
    return this.shell.id;
  }

  get steps(): number {
    return this.stepsValue;
  }

  get maxSteps(): number {
    return this.shell.maxSteps;
  }

  get memoryWidth(): number {
    return this.policy.memoryWidth;
  }

  acting(learn: boolean): Acting {
    return learn ? this.learningActing : this.evaluationActing;
  }

  /** Every agent's memory, learning and evaluation (a self-play opponent given other weights); nothing without memory. */
  forgetMemories(): void {
    this.recurrent?.learning.memories.clear();
    this.recurrent?.evaluation.memories.clear();
  }

  /** The memories of the agents acting for learning (`learn`) or in evaluation; null without memory. */
  memories(learn: boolean): AgentMemories | null {
    return (learn ? this.recurrent?.learning.memories : this.recurrent?.evaluation.memories) ?? null;
  }

  exportPolicy(): ExportablePolicy {
    return this.startedThread?.exportPolicy() ?? this.policy.describePolicy(this.trainerType);
  }

  abstract endEpisodes(source: number, terminal: TerminalSteps): void;
  abstract addDecisions(source: number, decisions: DecisionSteps, rows: ActOutput): void;
  abstract forgetSource(source: number): void;
  abstract maybeUpdate(): Record<string, number> | null;
  abstract dispose(): void;
  /** The algorithm's own state (optimiser, critics, reward signals), JSON-safe. */
  protected abstract saveModel(): Record<string, unknown>;
  protected abstract loadModel(state: LearnerState, where: string): void;

  save(): LearnerState {
    const thread = this.startedThread;
    // The replica's state after the update in flight, which is counted but still taken when the next update is due.
    if (thread) return thread.save({ steps: this.stepsValue, updates: this.updates, act: this.actRng.getState() });
    return this.saveHere();
  }

  load(state: LearnerState, where: string): void {
    const thread = this.startedThread;
    // An update in flight is taken first, so that nothing older lands on what is loaded now.
    thread?.settle();
    thread?.report();
    checkTrainerType(state, this.trainerType, where);
    const rngs = state['rngs'] as { readonly act: RngState; readonly update: RngState };
    this.policy.load(state['policy'] as SavedActorCritic, `${where}: policy`);
    this.loadModel(state, where);
    this.actRng.setState(rngs.act);
    this.updateRng.setState(rngs.update);
    this.stepsValue = state.steps;
    this.updates = state.updates;
    thread?.load(state, where);
  }

  /** The update in flight in the thread, taken, and the stats not reported yet (null unthreaded, or none). */
  finishUpdates(): Record<string, number> | null {
    const thread = this.startedThread;
    if (!thread) return null;
    thread.settle();
    return thread.report();
  }

  /** This thread's copy of everything, as a checkpoint holds it. */
  private saveHere(): LearnerState {
    return {
      trainerType: this.trainerType,
      steps: this.stepsValue,
      updates: this.updates,
      policy: this.policy.save(),
      ...this.saveModel(),
      rngs: { act: this.actRng.getState(), update: this.updateRng.getState() },
    };
  }

  /**
   * `threaded: true` (update-thread.ts): the replica is started at the first update (updateThread()), not here, so
   * that a learner that never updates (evaluation, serving, an actor) starts none, and so that whatever was written
   * into this learner before (a warm start from init_path, DAgger's training, a checkpoint) goes to the replica
   * with it. `take` loads an update's acting state here (the shell counts the update) and returns stats gathered
   * here to report with it.
   */
  protected threadUpdates(spec: BehaviorSpec, settings: LearnerSettings, seeds: RunSeeds, take: (acting: unknown) => Record<string, number>): void {
    // A function cannot cross to the worker: it reads GAIL's demonstrations itself, from gail.demoPath.
    const { gailExpert: _reader, ...cloneable } = settings;
    this.threading = { setup: { trainerType: this.trainerType, spec, settings: cloneable, seed: seeds.seed, backend: activeBackend() ?? tf.getBackend() }, where: `learner "${settings.id}"`, take, retuned: null };
  }

  /** Whether updates run in a thread of their own (`threaded: true`), started or not yet. */
  protected get threaded(): boolean {
    return this.threading !== null;
  }

  /** The update thread once started; null before the first update or when updates run here. */
  private get startedThread(): UpdatesInThread | null {
    return this.threading?.started ?? null;
  }

  /**
   * maybeUpdate() with `threaded: true`: when `ready`, the work `take()` gives (and the arrays it may move) goes to
   * the update thread, started at the first; returns the stats of the updates taken from it since the last call.
   * Behavioral cloning (`imitation`) trains here, beside the updates, so it cannot run with a thread.
   */
  protected updateInThreadWhenReady(ready: boolean, imitation: unknown, take: () => { readonly work: unknown; readonly transfer?: readonly Transferable[] }): Record<string, number> | null {
    if (imitation) throw new ShivaError('SHIVA_ERR_CONFIG', `learner "${this.id}": threaded: expected false with behavioral_cloning (its trainer stays in this thread), got true`);
    if (ready) {
      const { work, transfer } = take();
      this.updateThread().send(work, transfer ?? []);
    }
    return this.startedThread?.report() ?? null;
  }

  /** The update thread, started now if this is the first update: the replica takes this learner's whole state. */
  private updateThread(): UpdatesInThread {
    const threading = this.threading!;
    if (!threading.started) {
      const thread = new UpdateThread(threading.setup, threading.where);
      try {
        thread.call('load', { state: this.saveHere(), where: `${threading.where}: the learner's state when its update thread started` });
        if (threading.retuned) thread.call('retune', { values: threading.retuned, where: `${threading.where}: hyperparameters set before its update thread started` });
      } catch (error) {
        thread.close();
        throw error;
      }
      // Each result taken is one more update of this thread's copy.
      threading.started = new UpdatesInThread(thread, (acting) => {
        const stats = threading.take(acting);
        this.updates++;
        return stats;
      });
    }
    return threading.started;
  }

  /** New hyperparameters for the replica too (population-based training's explore): now, or when it starts. */
  protected retuneThread(values: Readonly<Record<string, number>>, where: string): void {
    const threading = this.threading;
    if (!threading) return;
    if (threading.started) threading.started.retune(values, where);
    else threading.retuned = { ...(threading.retuned ?? {}), ...values };
  }

  /** Ends the update thread, if one was started. */
  protected closeThread(): void {
    this.threading?.started?.close();
  }
}
