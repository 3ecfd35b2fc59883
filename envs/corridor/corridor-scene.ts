/**
 * A sparse-reward corridor, the test bed of the curiosity and RND reward signals: one agent per area in a corridor of
 * cells 0..11 behind locked doors, starting at cell 0. Its observation is the one-hot of its cell (12 values); one
 * discrete branch of 3 (three levers). In cell i one lever, CORRIDOR_KEY[i], opens the door to cell i + 1; the other
 * two send the agent back to cell 0 (the episode goes on). Reaching the last cell (11) pays +1 and ends the episode;
 * nothing else pays anything. An episode is interrupted (max step reached) after `max_steps` steps (environment
 * parameter, default 40).
 *
 * Why it is hard without exploration: the goal needs the 11 right levers in a row, which a uniformly random policy
 * pulls in about one episode of 8,700 (1.15e-4, enumerated over the cells in test/agents/curiosity.test.ts),
 * and the keys are mixed so that no bias toward one lever gets far; PPO on the extrinsic reward alone sees no reward
 * to learn from. A novelty bonus (curiosity, RND) pays for reaching cells not seen before, which leads the policy
 * through the doors one by one. (A plain open corridor is not hard enough: PPO's randomly initialised value drifts
 * the policy down it.)
 */
import type { ActionTuple } from '../../src/core/env/action-tuple.js';
import type { AgentInfoBatch } from '../../src/core/env/agent-info-batch.js';
import { behaviorKey, vectorObservation, type BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import { ShivaError } from '../../src/core/errors.js';
import type { Scene, SceneContext, SceneFactory, SceneOptions } from '../../src/core/env/scene.js';
import { AreaAgents } from '../kit/area-agents.js';

export const CORRIDOR_BEHAVIOR = behaviorKey('Corridor', 0);
export const CORRIDOR_LENGTH = 12;
export const CORRIDOR_GOAL = CORRIDOR_LENGTH - 1;
export const CORRIDOR_GOAL_REWARD = 1;
export const CORRIDOR_DEFAULT_MAX_STEPS = 40;
/** The lever that opens the door of each cell 0..10 (fixed, mixed so that no single lever gets far). */
export const CORRIDOR_KEY: readonly number[] = [2, 0, 1, 1, 2, 0, 0, 2, 1, 0, 2];
/** 1 for an episode that reached the goal, 0 for one that timed out. */
export const CORRIDOR_GOAL_STAT = 'Corridor/Goal Reached';

export const CORRIDOR_SPEC: BehaviorSpec = {
  name: CORRIDOR_BEHAVIOR,
  observationSpecs: [vectorObservation(CORRIDOR_LENGTH)],
  actionSpec: { continuousSize: 0, discreteBranches: [3] },
};

export class CorridorScene implements Scene {
  readonly behaviorSpecs: readonly BehaviorSpec[] = [CORRIDOR_SPEC];
  private readonly numAreas: number;
  private readonly cell: Int32Array;
  private readonly stepCount: Int32Array;
  private readonly maxSteps: Int32Array;
  private readonly heldAction: Int32Array;
  private readonly agents: AreaAgents;

  constructor(
    private readonly context: SceneContext,
    options: SceneOptions,
  ) {
    this.agents = new AreaAgents('corridor', CORRIDOR_SPEC, options.numAreas);
    const n = (this.numAreas = options.numAreas);
    this.cell = new Int32Array(n);
    this.stepCount = new Int32Array(n);
    this.maxSteps = new Int32Array(n);
    this.heldAction = new Int32Array(n);
    for (let a = 0; a < n; a++) this.beginEpisode(a);
  }

  reset(): void {
    this.agents.reset();
    for (let a = 0; a < this.numAreas; a++) this.beginEpisode(a);
  }

  collect(requestDecisions: boolean): Map<string, AgentInfoBatch> {
    return this.agents.collect(requestDecisions, this.observe);
  }

  applyActions(behavior: string, actions: ActionTuple): void {
    this.agents.checkActions(behavior, actions);
    this.heldAction.set(actions.discrete);
  }

  simulate(): void {
    for (let a = 0; a < this.numAreas; a++) {
      const from = this.cell[a]!;
      const at = this.heldAction[a] === CORRIDOR_KEY[from] ? from + 1 : 0;
      this.cell[a] = at;
      this.stepCount[a]!++;
      if (at === CORRIDOR_GOAL) {
        this.agents.reward[a]! += CORRIDOR_GOAL_REWARD;
        this.endEpisode(a, 0, 1);
      } else if (this.stepCount[a]! >= this.maxSteps[a]!) {
        this.endEpisode(a, 1, 0);
      }
    }
  }

  private endEpisode(area: number, interrupted: 0 | 1, reached: number): void {
    this.agents.end(area, interrupted, this.observe);
    this.context.recordStat(CORRIDOR_GOAL_STAT, reached);
    this.beginEpisode(area);
  }

  /** The one-hot of the agent's cell. */
  private readonly observe = (area: number, out: Float32Array, offset: number): void => {
    out.fill(0, offset, offset + CORRIDOR_LENGTH);
    out[offset + this.cell[area]!] = 1;
  };

  private beginEpisode(area: number): void {
    const maxSteps = Math.round(this.context.parameter('max_steps', CORRIDOR_DEFAULT_MAX_STEPS));
    if (!Number.isFinite(maxSteps) || maxSteps < 1) throw new ShivaError('SHIVA_ERR_ENV', `corridor: environment parameter "max_steps": expected a number ≥ 1, got ${maxSteps}`);
    this.maxSteps[area] = maxSteps;
    this.cell[area] = 0;
    this.stepCount[area] = 0;
    this.agents.reward[area] = 0;
    // Unity clears an agent's stored action when its episode begins.
    this.heldAction[area] = 0;
  }
}

export const createCorridorScene: SceneFactory = (context, options) => new CorridorScene(context, options);
