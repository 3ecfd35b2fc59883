/**
 * ML-Agents' Basic example as a Scene (Project/Assets/ML-Agents/Examples/Basic, BasicController and its sensor):
 * one agent per area on a line of positions 0..20 that starts at 10. Its observation is the one-hot of its
 * position over 20 values; one discrete branch of 3 (0 stay, 1 left, 2 right; the position is held within 0..20).
 * Every action costs −0.01; reaching the small goal at 7 adds +0.1 and reaching the large goal at 17 adds +1, and
 * either ends the episode, after which the agent is back at 10 (as ResetAgent). Basic has no step limit.
 *
 * The optimum: seven steps right, 7 × (−0.01) + 1 = 0.93 per episode (BASIC_OPTIMAL_RETURN); the small goal pays
 * 3 × (−0.01) + 0.1 = 0.07 at best.
 */
import type { ActionTuple } from '../../src/core/env/action-tuple.js';
import type { AgentInfoBatch } from '../../src/core/env/agent-info-batch.js';
import { behaviorKey, vectorObservation, type BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import type { Scene, SceneContext, SceneFactory, SceneOptions } from '../../src/core/env/scene.js';
import { AreaAgents } from '../kit/area-agents.js';

export const BASIC_BEHAVIOR = behaviorKey('Basic', 0);

/** The one-hot's width: BasicSensorComponent observes OneHot(position, 20). */
export const BASIC_OBSERVATION_SIZE = 20;

export const BASIC_SPEC: BehaviorSpec = {
  name: BASIC_BEHAVIOR,
  observationSpecs: [vectorObservation(BASIC_OBSERVATION_SIZE)],
  actionSpec: { continuousSize: 0, discreteBranches: [3] },
};

export const BASIC_START = 10;
export const BASIC_MIN_POSITION = 0;
export const BASIC_MAX_POSITION = 20;
export const BASIC_SMALL_GOAL = 7;
export const BASIC_LARGE_GOAL = 17;
export const BASIC_STEP_REWARD = -0.01;
export const BASIC_SMALL_GOAL_REWARD = 0.1;
export const BASIC_LARGE_GOAL_REWARD = 1;
/** The best return of an episode: (17 − 10) steps right. */
export const BASIC_OPTIMAL_STEPS = BASIC_LARGE_GOAL - BASIC_START;
export const BASIC_OPTIMAL_RETURN = BASIC_OPTIMAL_STEPS * BASIC_STEP_REWARD + BASIC_LARGE_GOAL_REWARD;

export const BASIC_RETURN_STAT = 'Basic/Episode Return';

export class BasicScene implements Scene {
  readonly behaviorSpecs: readonly BehaviorSpec[] = [BASIC_SPEC];
  private readonly numAreas: number;
  private readonly position: Int32Array;
  private readonly heldAction: Int32Array;
  private readonly episodeReturn: Float64Array;
  private readonly agents: AreaAgents;

  constructor(
    private readonly context: SceneContext,
    options: SceneOptions,
  ) {
    this.agents = new AreaAgents('basic', BASIC_SPEC, options.numAreas);
    const n = (this.numAreas = options.numAreas);
    this.position = new Int32Array(n).fill(BASIC_START);
    this.heldAction = new Int32Array(n);
    this.episodeReturn = new Float64Array(n);
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
      const move = this.heldAction[a] === 1 ? -1 : this.heldAction[a] === 2 ? 1 : 0;
      const at = Math.min(BASIC_MAX_POSITION, Math.max(BASIC_MIN_POSITION, this.position[a]! + move));
      this.position[a] = at;
      let reward = BASIC_STEP_REWARD;
      if (at === BASIC_SMALL_GOAL) reward += BASIC_SMALL_GOAL_REWARD;
      if (at === BASIC_LARGE_GOAL) reward += BASIC_LARGE_GOAL_REWARD;
      this.agents.reward[a]! += reward;
      this.episodeReturn[a]! += reward;
      if (at === BASIC_SMALL_GOAL || at === BASIC_LARGE_GOAL) {
        this.agents.end(a, 0, this.observe);
        this.context.recordStat(BASIC_RETURN_STAT, this.episodeReturn[a]!);
        this.beginEpisode(a);
      }
    }
  }

  /** One-hot of the position over 20 values (position 20, the far end, lights none, as Unity's OneHot out of range). */
  private readonly observe = (area: number, out: Float32Array, offset: number): void => {
    out.fill(0, offset, offset + BASIC_OBSERVATION_SIZE);
    const at = this.position[area]!;
    if (at >= 0 && at < BASIC_OBSERVATION_SIZE) out[offset + at] = 1;
  };

  private beginEpisode(area: number): void {
    this.position[area] = BASIC_START;
    this.episodeReturn[area] = 0;
    this.agents.reward[area] = 0;
    // Unity clears an agent's stored action when its episode begins.
    this.heldAction[area] = 0;
  }
}

export const createBasicScene: SceneFactory = (context, options) => new BasicScene(context, options);
