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
import { UpdateThread } from './update-thread.js';
import { UpdatesInThread } from './updates-in-thread.js';
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
  /** `threaded: true`: the replica that trains in a worker thread (startUpdateThread); null when updates run here. */
  protected updatesInThread: UpdatesInThread | null = null;

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
    this.updatesInThread?.settle();
    return this.policy.describePolicy(this.trainerType);
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
    if (this.updatesInThread) {
      // The update in flight first: taking it counts it in `updates`.
      this.updatesInThread.settle();
      return this.updatesInThread.save({ steps: this.stepsValue, updates: this.updates, act: this.actRng.getState() });
    }
    return {
      trainerType: this.trainerType,
      steps: this.stepsValue,
      updates: this.updates,
      policy: this.policy.save(),
      ...this.saveModel(),
      rngs: { act: this.actRng.getState(), update: this.updateRng.getState() },
    };
  }

  load(state: LearnerState, where: string): void {
    // An update in flight is taken first, so that nothing older lands on what is loaded now.
    this.updatesInThread?.settle();
    this.updatesInThread?.report();
    checkTrainerType(state, this.trainerType, where);
    const rngs = state['rngs'] as { readonly act: RngState; readonly update: RngState };
    this.policy.load(state['policy'] as SavedActorCritic, `${where}: policy`);
    this.loadModel(state, where);
    this.actRng.setState(rngs.act);
    this.updateRng.setState(rngs.update);
    this.stepsValue = state.steps;
    this.updates = state.updates;
    this.updatesInThread?.load(state, where);
  }

  /**
   * Starts `threaded: true`'s replica (update-thread.ts): the worker builds this learner again from the same spec,
   * settings and seed, so both start from the same weights. `take` loads an update's acting state here.
   */
  protected startUpdateThread(spec: BehaviorSpec, settings: LearnerSettings, seeds: RunSeeds, take: (acting: unknown) => Record<string, number>): void {
    // A function cannot cross to the worker: it reads GAIL's demonstrations itself, from gail.demoPath.
    const { gailExpert: _reader, ...cloneable } = settings;
    const thread = new UpdateThread({ trainerType: this.trainerType, spec, settings: cloneable, seed: seeds.seed, backend: activeBackend() ?? tf.getBackend() }, `learner "${settings.id}"`);
    this.updatesInThread = new UpdatesInThread(thread, take);
  }
}
