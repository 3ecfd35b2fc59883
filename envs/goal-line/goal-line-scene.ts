/**
 * A goal-conditioned task in the manner of ML-Agents' GridWorld (whose goal, the colour of the cross to reach, is a
 * GOAL_SIGNAL observation): one agent per area on a line of cells 0..8, starting at 4. Two markers, green and red,
 * stand at the two ends, their sides drawn per episode; the goal, drawn per episode, says which to reach.
 *
 * Behavior GoalLine?team=0. Observations: [0] a vector of 10: the one-hot of the agent's cell (9) and the green
 * marker's side (+1 right, −1 left); [1] the goal, a GOAL_SIGNAL vector of 2: one-hot (green, red). One discrete
 * branch of 3 (0 stay, 1 left, 2 right). −0.01 a step; reaching the goal's marker +1, the other −1, either ends the
 * episode; after `max_steps` (environment parameter, default 20) the episode is interrupted.
 *
 * Which way to walk is the product of the green side and the goal: a policy blind to the goal wins half the
 * episodes at best (mean return about −0.04), one that reads it wins all (4 steps: 0.96).
 */
import type { ActionTuple } from '../../src/core/env/action-tuple.js';
import type { AgentInfoBatch } from '../../src/core/env/agent-info-batch.js';
import { behaviorKey, ObservationType, vectorObservation, type BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import { ShivaError } from '../../src/core/errors.js';
import { Rng } from '../../src/core/runtime/rng.js';
import type { Scene, SceneContext, SceneFactory, SceneOptions } from '../../src/core/env/scene.js';
import { AreaAgents } from '../kit/area-agents.js';

export const GOAL_LINE_BEHAVIOR = behaviorKey('GoalLine', 0);
export const GOAL_LINE_CELLS = 9;
export const GOAL_LINE_START = 4;

export const GOAL_LINE_SPEC: BehaviorSpec = {
  name: GOAL_LINE_BEHAVIOR,
  observationSpecs: [vectorObservation(GOAL_LINE_CELLS + 1), { ...vectorObservation(2), name: 'Goal', observationType: ObservationType.GOAL_SIGNAL }],
  actionSpec: { continuousSize: 0, discreteBranches: [3] },
};

export const GOAL_LINE_DEFAULT_MAX_STEPS = 20;
export const GOAL_LINE_STEP_REWARD = -0.01;
export const GOAL_LINE_RETURN_STAT = 'GoalLine/Episode Return';
/** 1 for an episode that reached the goal's marker, 0 otherwise (averaged per summary period: the success rate). */
export const GOAL_LINE_SUCCESS_STAT = 'GoalLine/Success';
/** The best return: four steps to an end. */
export const GOAL_LINE_OPTIMAL_RETURN = 1 + GOAL_LINE_START * GOAL_LINE_STEP_REWARD;

export class GoalLineScene implements Scene {
  readonly behaviorSpecs: readonly BehaviorSpec[] = [GOAL_LINE_SPEC];
  private readonly numAreas: number;
  private readonly rngs: Rng[];
  private readonly position: Int32Array;
  /** +1: green at the right end (red at the left); −1: the other way. */
  private readonly greenSide: Int8Array;
  /** 0: reach green; 1: reach red. */
  private readonly goal: Uint8Array;
  private readonly steps: Int32Array;
  private readonly episodeReturn: Float64Array;
  private readonly heldAction: Int32Array;
  private readonly agents: AreaAgents;

  constructor(
    private readonly context: SceneContext,
    options: SceneOptions,
  ) {
    this.agents = new AreaAgents('goal-line', GOAL_LINE_SPEC, options.numAreas);
    const n = (this.numAreas = options.numAreas);
    // One stream per area, so that an area's draws do not depend on how the other areas' episodes go.
    const root = new Rng(options.seed);
    this.rngs = Array.from({ length: n }, () => root.fork());
    this.position = new Int32Array(n);
    this.greenSide = new Int8Array(n);
    this.goal = new Uint8Array(n);
    this.steps = new Int32Array(n);
    this.episodeReturn = new Float64Array(n);
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
    const maxSteps = Math.round(this.context.parameter('max_steps', GOAL_LINE_DEFAULT_MAX_STEPS));
    if (!Number.isFinite(maxSteps) || maxSteps < 1) throw new ShivaError('SHIVA_ERR_ENV', `goal-line: environment parameter "max_steps": expected a number ≥ 1, got ${maxSteps}`);
    for (let a = 0; a < this.numAreas; a++) {
      const move = this.heldAction[a] === 1 ? -1 : this.heldAction[a] === 2 ? 1 : 0;
      const at = Math.min(GOAL_LINE_CELLS - 1, Math.max(0, this.position[a]! + move));
      this.position[a] = at;
      this.steps[a]!++;
      let reward = GOAL_LINE_STEP_REWARD;
      const atEnd = at === 0 || at === GOAL_LINE_CELLS - 1;
      // The marker here is green when the green side is the end the agent stands on.
      const success = atEnd && ((at === GOAL_LINE_CELLS - 1) === (this.greenSide[a] === 1)) === (this.goal[a] === 0);
      if (atEnd) reward += success ? 1 : -1;
      this.agents.reward[a]! += reward;
      this.episodeReturn[a]! += reward;
      if (atEnd || this.steps[a]! >= maxSteps) {
        this.agents.end(a, atEnd ? 0 : 1, this.observe);
        this.context.recordStat(GOAL_LINE_RETURN_STAT, this.episodeReturn[a]!);
        this.context.recordStat(GOAL_LINE_SUCCESS_STAT, success ? 1 : 0);
        this.beginEpisode(a);
      }
    }
  }

  private readonly observe = (area: number, out: Float32Array, offset: number): void => {
    out.fill(0, offset, offset + GOAL_LINE_CELLS + 3);
    out[offset + this.position[area]!] = 1;
    out[offset + GOAL_LINE_CELLS] = this.greenSide[area]!;
    out[offset + GOAL_LINE_CELLS + 1 + this.goal[area]!] = 1;
  };

  private beginEpisode(area: number): void {
    const rng = this.rngs[area]!;
    this.position[area] = GOAL_LINE_START;
    this.greenSide[area] = rng.next() < 0.5 ? -1 : 1;
    this.goal[area] = rng.next() < 0.5 ? 0 : 1;
    this.steps[area] = 0;
    this.episodeReturn[area] = 0;
    this.agents.reward[area] = 0;
    this.heldAction[area] = 0;
  }
}

export const createGoalLineScene: SceneFactory = (context, options) => new GoalLineScene(context, options);
