/**
 * A T-maze (Bakker 2002), the smallest task that needs memory: the agent walks a corridor to a junction and must
 * turn the way a cue said, but the cue is seen only at the first step of the episode.
 *
 * One agent per area; behavior TMaze?team=0. Observation (2 floats): [cue, at junction]. At the first decision cue
 * is +1 (the goal is right) or −1 (left), drawn per episode; afterwards it is 0. `at junction` is 1 at the last
 * decision, when the turn is taken, else 0. One discrete branch of 2 (0 left, 1 right): in the corridor the agent
 * walks on whatever it chooses; at the junction the choice ends the episode with +1 if it is the cue's side, −1
 * otherwise. The corridor is `corridor_length` decisions long (environment parameter, default 4), so an episode has
 * corridor_length + 1 decisions.
 *
 * Environment parameter `group_size` (default 0: no groups): with k ≥ 1 the agents of areas a·k … a·k + k − 1 form
 * one MultiAgentGroup (group id a + 1), for MA-POCA; each still walks its own maze for its own cue and reward, and
 * since every area's episode has the same length, a group's members end their episodes together.
 *
 * Without memory the observation at the junction is the same for either cue, so no memoryless policy succeeds in
 * more than half the episodes (a mean return of 0); a policy that carries the cue scores +1.
 */
import type { ActionTuple } from '../../src/core/env/action-tuple.js';
import type { AgentInfoBatch } from '../../src/core/env/agent-info-batch.js';
import { behaviorKey, vectorObservation, type BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import { ShivaError } from '../../src/core/errors.js';
import { Rng } from '../../src/core/runtime/rng.js';
import type { Scene, SceneContext, SceneFactory, SceneOptions } from '../../src/core/env/scene.js';
import { AreaAgents } from '../kit/area-agents.js';

export const TMAZE_BEHAVIOR = behaviorKey('TMaze', 0);

export const TMAZE_SPEC: BehaviorSpec = {
  name: TMAZE_BEHAVIOR,
  observationSpecs: [vectorObservation(2)],
  actionSpec: { continuousSize: 0, discreteBranches: [2] },
};

export const TMAZE_DEFAULT_CORRIDOR_LENGTH = 4;
export const TMAZE_RETURN_STAT = 'TMaze/Episode Return';
/** 1 for an episode that turned the cue's way, 0 otherwise (averaged per summary period: the success rate). */
export const TMAZE_SUCCESS_STAT = 'TMaze/Success';

export class TMazeScene implements Scene {
  readonly behaviorSpecs: readonly BehaviorSpec[] = [TMAZE_SPEC];
  private readonly numAreas: number;
  private readonly rngs: Rng[];
  /** +1: the goal is right; −1: left. */
  private readonly cue: Int8Array;
  /** Decisions taken in this episode. */
  private readonly step: Int32Array;
  private readonly corridor: Int32Array;
  private readonly heldAction: Int32Array;
  private readonly agents: AreaAgents;

  constructor(
    private readonly context: SceneContext,
    options: SceneOptions,
  ) {
    this.agents = new AreaAgents('tmaze', TMAZE_SPEC, options.numAreas);
    const n = (this.numAreas = options.numAreas);
    // One stream per area, so that an area's cues do not depend on how the other areas' episodes go.
    const root = new Rng(options.seed);
    this.rngs = Array.from({ length: n }, () => root.fork());
    this.cue = new Int8Array(n);
    this.step = new Int32Array(n);
    this.corridor = new Int32Array(n);
    this.heldAction = new Int32Array(n);
    for (let a = 0; a < n; a++) this.beginEpisode(a);
  }

  reset(): void {
    this.agents.reset();
    for (let a = 0; a < this.numAreas; a++) this.beginEpisode(a);
  }

  collect(requestDecisions: boolean): Map<string, AgentInfoBatch> {
    const batches = this.agents.collect(requestDecisions, this.observe);
    const groupSize = Math.round(this.context.parameter('group_size', 0));
    if (!Number.isFinite(groupSize) || groupSize < 0) throw new ShivaError('SHIVA_ERR_ENV', `tmaze: environment parameter "group_size": expected a number ≥ 0, got ${groupSize}`);
    if (groupSize >= 1) {
      const batch = batches.get(TMAZE_BEHAVIOR)!;
      for (let i = 0; i < batch.agentIds.length; i++) batch.groupIds[i] = Math.floor(batch.agentIds[i]! / groupSize) + 1;
    }
    return batches;
  }

  applyActions(behavior: string, actions: ActionTuple): void {
    this.agents.checkActions(behavior, actions);
    this.heldAction.set(actions.discrete);
  }

  simulate(): void {
    for (let a = 0; a < this.numAreas; a++) {
      if (this.step[a]! < this.corridor[a]!) {
        this.step[a]!++;
        continue;
      }
      const right = this.heldAction[a] === 1;
      const success = right === (this.cue[a] === 1);
      const reward = success ? 1 : -1;
      this.agents.reward[a]! += reward;
      this.agents.end(a, 0, this.observe);
      this.context.recordStat(TMAZE_RETURN_STAT, reward);
      this.context.recordStat(TMAZE_SUCCESS_STAT, success ? 1 : 0);
      this.beginEpisode(a);
    }
  }

  private readonly observe = (area: number, out: Float32Array, offset: number): void => {
    out[offset] = this.step[area] === 0 ? this.cue[area]! : 0;
    out[offset + 1] = this.step[area] === this.corridor[area] ? 1 : 0;
  };

  private beginEpisode(area: number): void {
    const length = Math.round(this.context.parameter('corridor_length', TMAZE_DEFAULT_CORRIDOR_LENGTH));
    if (!Number.isFinite(length) || length < 0) throw new ShivaError('SHIVA_ERR_ENV', `tmaze: environment parameter "corridor_length": expected a number ≥ 0, got ${length}`);
    this.corridor[area] = length;
    this.cue[area] = this.rngs[area]!.next() < 0.5 ? -1 : 1;
    this.step[area] = 0;
    this.agents.reward[area] = 0;
    this.heldAction[area] = 0;
  }
}

export const createTMazeScene: SceneFactory = (context, options) => new TMazeScene(context, options);
