/**
 * The on-policy buffer for code that drives a Ppo directly (tests, benchmarks): ML-Agents' trajectories
 * (trajectory.ts: emitted whole at time_horizon steps or at an episode end) collected into an update buffer
 * (update-buffer.ts), with GAE per trajectory on the values recorded when acting. `size` counts the steps of
 * emitted trajectories; steps of trajectories still open wait for their emission, as in ML-Agents.
 *
 * PpoLearner uses the two parts itself, to re-estimate values of trajectories acted across an update and to add
 * reward signals (ppo-learner.ts); here no update happens behind the buffer's back unless the caller does one, so
 * the acting values stand.
 */
import type { ActionSpec } from '../../src/core/env/behavior-spec.js';
import type { DecisionSteps, TerminalSteps } from '../../src/core/env/steps.js';
import type { ActOutput } from '../networks/acting.js';
import { trajectoryGae } from './gae.js';
import { isTerminal, TrajectoryCollector, type Trajectory } from './trajectory.js';
import { UpdateBuffer, type TrainingBatch } from './update-buffer.js';

export type { ClosedTransitions, SignalTargets, TrainingBatch } from './update-buffer.js';

export class RolloutBuffer {
  private readonly collector: TrajectoryCollector;
  private readonly updates: UpdateBuffer;
  private pending: { trajectory: Trajectory; nextValue: number }[] = [];
  private rows = 0;

  constructor(actionSpec: ActionSpec, observationSizes: readonly number[], timeHorizon: number) {
    const logits = actionSpec.discreteBranches.reduce((a, b) => a + b, 0);
    this.collector = new TrajectoryCollector(observationSizes, actionSpec.continuousSize, actionSpec.discreteBranches.length, logits, timeHorizon);
    this.updates = new UpdateBuffer(actionSpec, observationSizes);
  }

  /** Steps of emitted trajectories, ready for training. */
  get size(): number {
    return this.rows;
  }

  /**
   * Ends the episodes of `terminal`'s agents in environment `source`. `bootstrapValues[i]` is V of agent i's final
   * observation, read where `interrupted[i]`; it may be null when no agent was interrupted.
   */
  endEpisodes(source: number, terminal: TerminalSteps, bootstrapValues: Float32Array | null): void {
    const emitted = this.collector.endEpisodes(source, terminal);
    for (const trajectory of emitted) {
      let nextValue = 0;
      if (trajectory.interrupted) {
        const i = terminal.agentIds.indexOf(trajectory.agentId);
        if (!bootstrapValues) throw new Error('RolloutBuffer.endEpisodes: an interrupted agent needs a bootstrap value');
        nextValue = bootstrapValues[i]!;
      }
      this.hold(trajectory, nextValue);
    }
  }

  /** Records the actions chosen for `decisions`' agents in environment `source` (rows of `acted` align with them). */
  addDecisions(source: number, decisions: DecisionSteps, acted: ActOutput): void {
    for (const trajectory of this.collector.addDecisions(source, decisions, acted, 0)) this.hold(trajectory, trajectory.nextValue!);
  }

  /** After a forced reset: the agents' steps not yet emitted are discarded (ML-Agents' end_episode). */
  dropOpen(source?: number): void {
    this.collector.dropOpen(source);
  }

  /** Every emitted trajectory, with advantages and returns, as one flat batch; the buffer keeps only open trajectories. */
  drain(gamma: number, lambda: number): TrainingBatch {
    for (const { trajectory, nextValue } of this.pending) {
      const values = Float32Array.from(trajectory.steps, (s) => s.value);
      const rewards = Float32Array.from(trajectory.steps, (s) => s.reward);
      const { advantages, returns } = trajectoryGae(rewards, values, nextValue, isTerminal(trajectory), gamma, lambda);
      this.updates.append(trajectory, { values, advantages, returns });
    }
    this.pending = [];
    this.rows = 0;
    return this.updates.take().batch;
  }

  private hold(trajectory: Trajectory, nextValue: number): void {
    this.pending.push({ trajectory, nextValue });
    this.rows += trajectory.steps.length;
  }
}
