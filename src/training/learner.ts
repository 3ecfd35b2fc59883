/**
 * A learner: one policy and its training algorithm, serving one or more behaviors across every environment.
 * The meta-learner hands it, once per environment step, the terminal and decision steps of each behavior it
 * serves from every environment, and gets actions back in the order the agents asked.
 */
import type { ActionTuple } from '../core/env/action-tuple.js';
import type { BehaviorSpec } from '../core/env/behavior-spec.js';
import type { DecisionSteps, TerminalSteps } from '../core/env/steps.js';
import type { Reasoner } from '../decisions/reasoning-layer.js';

export interface StepsFromSource {
  /** Index of the environment in the pool. */
  readonly source: number;
  readonly decisionSteps: DecisionSteps;
  readonly terminalSteps: TerminalSteps;
}

export interface DecideOptions {
  readonly deterministic?: boolean;
  /** Default true. */
  readonly learn?: boolean;
  /**
   * The behavior's reasoning layer (its rule file), applied after the forward pass: the combined policy π·f/Z
   * acts, and its factors and log-probabilities are what the learner stores and trains on.
   */
  readonly reasoner?: Reasoner | null;
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
   * Ends finished episodes, then chooses actions for every decision agent; one tuple per part, in order.
   * `deterministic` acts greedily; `learn: false` (evaluation) records nothing and counts no steps.
   */
  decide(parts: readonly StepsFromSource[], options?: DecideOptions): ActionTuple[];
  /** Drops half-open transitions of `source` (its simulation was reset or restarted under us). */
  forgetSource(source: number): void;
  /**
   * Whether finished episodes of `behavior` count toward this learner's reward statistics. Absent means all do;
   * self-play counts only the learning team's (the opponents' returns mirror them and would average to zero).
   */
  countsEpisodesOf?(behavior: string): boolean;
  /** Trains if enough experience was collected; returns the update's stats (ns/metric tags) or null. */
  maybeUpdate(): Record<string, number> | null;
  save(): LearnerState;
  load(state: LearnerState, where: string): void;
  dispose(): void;
}
