/**
 * What an algorithm offers the rest of Shiva: a learner. It owns a policy and the algorithm that trains it; it
 * does not assemble decisions. The decision pipeline (src/decisions/decision-pipeline.ts) asks the learner's
 * policy for its distributions over the joined batch of every environment, runs the reasoning layer, and hands
 * the transitions that came of them to the learner's sink:
 *
 *   parts (one per environment) ─▶ sink.endEpisodes ─▶ join ─▶ policy.act ─▶ rules ─▶ slice ─▶ sink.addDecisions
 *
 * Policy and sink are apart so that acting can happen where learning does not (evaluation: no sink; self-play's
 * opponents: a sink that only counts; a remote actor: a sink that publishes).
 */
import type { BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import type { DecisionSteps, TerminalSteps } from '../../src/core/env/steps.js';
import type { ExportablePolicy } from '../../src/protocol/onnx/exportable-policy.js';
import type { ActOutput } from '../networks/acting.js';

/** One environment's share of a batch: its decision and terminal steps of one behavior. */
export interface StepsFromSource {
  /** Index of the environment in the pool. */
  readonly source: number;
  readonly decisionSteps: DecisionSteps;
  readonly terminalSteps: TerminalSteps;
}

/** Where the rows of a joined batch came from: rows [offset, offset + count) are environment `source`'s. */
export interface RowSource {
  readonly source: number;
  readonly offset: number;
  readonly count: number;
}

export interface ActingContext {
  /** Greedy: the mode of each distribution, drawing nothing. */
  readonly deterministic: boolean;
  /** The transitions will be learned from (acting may explore differently, e.g. uniformly before buffer_init_steps). */
  readonly learning: boolean;
  /** A reasoning layer will combine the proposal's `probs` with its rule factors, and sample itself. */
  readonly withRules: boolean;
  readonly rows: readonly RowSource[];
}

/**
 * A policy's answer for a joined batch, in act()'s layout (agents/networks/acting.ts): its actions, and for
 * discrete branches the distribution π they came from (`probs`, count × Σ branches), which the reasoning layer
 * combines with its factors. Learners without values or log-probabilities leave those arrays zero-filled.
 */
export interface PolicyProposal extends ActOutput {
  /**
   * After the rules have chosen (DQN: the greedy share moves off a vetoed greedy action): the final output.
   * Absent: the rules' output stands.
   */
  readonly afterRules?: (ruled: ActOutput) => ActOutput;
}

export interface ActingPolicy {
  /** null when a reasoning layer may combine this policy's discrete distributions; else why not (ends an error). */
  readonly ruleRefusal: string | null;
  /** Sees every part before anyone acts or any episode ends (MADDPG learns its team size from the first batch). */
  prepare?(parts: readonly StepsFromSource[]): void;
  /** Distributions and actions for every row of the joined batch. */
  act(steps: DecisionSteps, context: ActingContext): PolicyProposal;
}

/** Where a learner takes its transitions: rewards as the environment gave them, rows as the acting policy chose. */
export interface TransitionSink {
  /** Agents whose episodes ended in environment `source` (terminal steps, before the batch acts). */
  endEpisodes(source: number, terminal: TerminalSteps): void;
  /** Environment `source`'s deciding agents and what was done for them (its rows of the final output). */
  addDecisions(source: number, decisions: DecisionSteps, rows: ActOutput): void;
}

/** Who acts for a learner's agents now, and where their transitions go (null: nowhere). */
export interface Acting {
  readonly policy: ActingPolicy;
  readonly sink: TransitionSink | null;
  /** Whether the transitions are learned from (the policy's `context.learning`). */
  readonly learning: boolean;
}

/** JSON-safe state of a learner, as a checkpoint holds it. */
export interface LearnerState {
  readonly trainerType: string;
  readonly steps: number;
  readonly updates: number;
  readonly [key: string]: unknown;
}

export interface Learner {
  readonly id: string;
  readonly trainerType: string;
  readonly spec: BehaviorSpec;
  /** Agent steps collected (ML-Agents' step count, which max_steps bounds). */
  readonly steps: number;
  readonly maxSteps: number;
  /**
   * Floats of each agent's recurrent memory (network_settings.memory): the width of `ActOutput.memoriesBefore` and
   * `memories` rows its sink expects. Absent or 0 for a learner that keeps no memories (a distributed learner
   * checks what actors send against it: src/cluster/cluster-learner.ts).
   */
  readonly memoryWidth?: number;
  /** learn: the policy and this learner's sink; otherwise (evaluation) the policy and no sink. */
  acting(learn: boolean): Acting;
  /** Drops half-open transitions of `source` (its simulation was reset or restarted under us). */
  forgetSource(source: number): void;
  /**
   * Every agent's recurrent memory, for learning and evaluation alike: each agent's next decision starts from zeros.
   * Self-play calls it when an opponent is given other weights (the memories were made by the old ones). Absent
   * for a learner that keeps no memories.
   */
  forgetMemories?(): void;
  /**
   * Whether finished episodes of `behavior` count toward this learner's reward statistics. Absent means all do;
   * self-play counts only the learning team's (the opponents' returns mirror them and would average to zero).
   */
  countsEpisodesOf?(behavior: string): boolean;
  /** Trains if enough experience was collected; returns the update's stats (ns/metric tags) or null. */
  maybeUpdate(): Record<string, number> | null;
  /**
   * When a run's loop has ended: takes an update still in flight (`threaded: true` reports each update's stats with
   * the next, so the last one's would be lost) and returns the stats not reported yet, or null. Absent: every
   * update reports its own stats.
   */
  finishUpdates?(): Record<string, number> | null;
  /**
   * The acting network as plain data for ONNX export (src/protocol/onnx), its deterministic action equal to what
   * act() gives with `deterministic`; absent, or null before the network exists: the learner cannot be exported.
   */
  exportPolicy?(): ExportablePolicy | null;
  save(): LearnerState;
  load(state: LearnerState, where: string): void;
  /**
   * A newer version of this learner published by a distributed run's learner, loaded by an actor between decisions
   * (src/cluster/policy-store.ts): what acts changes, this process's random streams and the agents' memories stay
   * (as when an update changes the weights in one process). Absent: load() with the actor's own `rngs` kept, which
   * is that for a learner whose random streams are its state's `rngs` and whose load() keeps memories; self-play's
   * ghost learner has its own (its opponents' memories go only where the published schedule drew a new opponent).
   */
  loadPublished?(state: LearnerState, where: string): void;
  /**
   * New values for hyperparameters the learner reads at every update (its plugin's `tunableHyperparameters`),
   * taken from the next update on: population-based training's explore. Absent: nothing can change after creation.
   */
  setHyperparameters?(values: Readonly<Record<string, number>>, where: string): void;
  dispose(): void;
}

/** An output carrying only actions (learners with no values or log-probabilities to report). */
export function actionsOnly(count: number, continuous: Float32Array, discrete: Int32Array, probs: Float32Array = new Float32Array(0)): PolicyProposal {
  return {
    count,
    continuous,
    continuousRaw: continuous,
    discrete,
    logProbs: new Float32Array(count),
    values: new Float32Array(count),
    probs,
    means: new Float32Array(0),
    logStd: new Float32Array(0),
    factors: null,
    path: 'fast',
  };
}

/** The reason continuous-action learners give for refusing rule files. */
export const CONTINUOUS_RULE_REFUSAL = 'continuous actions: no discrete branch for the rules to act on';

