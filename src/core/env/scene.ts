/**
 * The simulation side of the contract: what a built-in environment implements so that it can run in-process
 * (LocalEnv) or be served over the wire by the Unity stand-in, with the same stepping either way. It mirrors
 * what a Unity scene with ML-Agents does each FixedUpdate (see docs/ARCHITECTURE.md, "Scenes and the academy").
 */
import type { ActionTuple } from './action-tuple.js';
import type { AgentInfoBatch } from './agent-info-batch.js';
import type { BehaviorSpec } from './behavior-spec.js';
import type { ActionNames, SceneDrawing } from './scene-drawing.js';
import type { StatAggregation } from './stats.js';

/** What the academy lends a scene: Unity's Academy.EnvironmentParameters and StatsRecorder. */
export interface SceneContext {
  /** The current value of an environment parameter (samplers are drawn anew on every read), or `fallback`. */
  parameter(key: string, fallback: number): number;
  recordStat(key: string, value: number, aggregation?: StatAggregation): void;
}

export interface SceneOptions {
  /** Number of independent copies of the task in one scene (ML-Agents' num_areas). */
  readonly numAreas: number;
  readonly seed: number;
}

export interface Scene {
  /** Every behavior the scene may ever use. A behavior is announced to a trainer when its first agent reports. */
  readonly behaviorSpecs: readonly BehaviorSpec[];
  /**
   * Unity's ForcedFullReset: every agent begins a new episode. Agents cut off by a reset send no terminal
   * record.
   */
  reset(): void;
  /**
   * The records to send for this academy step, per behavior: first the terminal records queued since the
   * last collect (done = 1), then, when `requestDecisions`, one record for each agent that wants an action.
   * An agent id may appear twice: terminal, then the first decision of its next episode. Behaviors with no
   * records may be left out.
   */
  collect(requestDecisions: boolean): Map<string, AgentInfoBatch>;
  /** Actions for the decision records of the last collect of `behavior`, in their order. */
  applyActions(behavior: string, actions: ActionTuple): void;
  /** One fixed step: agents act (holding their last action between decisions), rewards accrue, episodes may end. */
  simulate(): void;
  /**
   * Optional: how area `area` looks now (scene-drawing.ts), for the dashboard's map and the human seat. Called
   * only when someone watches or records episodes, so it may allocate.
   */
  draw?(area: number): SceneDrawing;
  /**
   * Optional: names of a behavior's branches and options ("move": ["stay", "move north to waypoint 7", …]) for the
   * human seat; with `agentId`, as that agent sees them now (null: the behavior's fixed names).
   */
  actionNames?(behavior: string, agentId?: number): ActionNames | null;
}

export type SceneFactory = (context: SceneContext, options: SceneOptions) => Scene;
