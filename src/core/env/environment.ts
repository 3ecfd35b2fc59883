/**
 * The one environment API every environment implements, in-process or connected over the bridge. Modelled
 * on mlagents_envs' BaseEnv: behavior specs; decision and terminal steps per behavior; actions set per
 * behavior or per agent; step; reset; close. Stepping is asynchronous because a remote step is a network
 * exchange.
 */
import type { ActionTuple } from './action-tuple.js';
import type { BehaviorSpec } from './behavior-spec.js';
import type { EngineConfiguration, EnvironmentParameter } from './environment-parameters.js';
import type { SceneDrawing } from './scene-drawing.js';
import type { AggregatedStat } from './stats.js';
import type { DecisionSteps, TerminalSteps } from './steps.js';

export interface Environment {
  /** Names this environment in logs and errors (a connection, or "builtin:cartpole#0"). */
  readonly name: string;
  /** Specs of every behavior announced so far; new behaviors can appear after any step. */
  readonly behaviorSpecs: ReadonlyMap<string, BehaviorSpec>;
  /**
   * True when the scene runs on this thread, so a step never waits on another thread or process. A decision batch
   * across such environments waits for all of them instead of a clock (src/training/rollout-loop.ts), which keeps
   * a seeded run the same under any machine load.
   */
  readonly inProcess?: boolean;
  /** Starts new episodes for every agent. Actions not yet sent are dropped. */
  reset(): Promise<void>;
  /** Sends the actions set since the last step (zeros for agents left unset) and waits for the next steps. */
  step(): Promise<void>;
  /** The agents of `behavior` waiting for an action, and those whose episode ended, since the last step. */
  getSteps(behavior: string): { decisionSteps: DecisionSteps; terminalSteps: TerminalSteps };
  /** Actions for every agent in the current DecisionSteps of `behavior`, in their order. */
  setActions(behavior: string, actions: ActionTuple): void;
  /** The action of one agent in the current DecisionSteps of `behavior` (a tuple with one row). */
  setActionForAgent(behavior: string, agentId: number, action: ActionTuple): void;
  /** Sent to the simulation with the next reset or step. */
  setEnvironmentParameters(params: Readonly<Record<string, EnvironmentParameter>>): void;
  setEngineConfiguration(config: EngineConfiguration): void;
  /** Stats the simulation reported since the last call, aggregated per key. */
  drainStats(): Map<string, AggregatedStat>;
  /**
   * How `area` looks now, for the dashboard's map and the human seat (src/core/env/scene-drawing.ts): an in-process
   * scene draws itself; a connected simulation sends its drawings on Shiva's scene-drawing side channel and this is
   * the latest received. Absent or null: this environment does not draw itself (yet).
   */
  drawing?(area: number): SceneDrawing | null;
  close(): Promise<void>;
}
