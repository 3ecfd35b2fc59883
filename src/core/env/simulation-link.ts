/**
 * What RemoteEnv needs from a connected simulation, stated here so that env/ does not depend on the bridge:
 * a bridge session implements it (decoding the wire once into these typed batches).
 */
import type { ActionTuple } from './action-tuple.js';
import type { AgentInfoBatch } from './agent-info-batch.js';
import type { BehaviorSpec } from './behavior-spec.js';
import type { EngineConfiguration, EnvironmentParameter } from './environment-parameters.js';
import type { SceneDrawing } from './scene-drawing.js';
import type { StatRecord } from './stats.js';

export interface SimulationInput {
  readonly command: 'step' | 'reset';
  /** One tuple per behavior with decision agents, rows in the order of the last output's decision records. */
  readonly actions: ReadonlyMap<string, ActionTuple>;
  /** Parameters to send with this message (side channel), if any. */
  readonly environmentParameters: ReadonlyMap<string, EnvironmentParameter>;
  readonly engineConfiguration: EngineConfiguration | null;
}

export interface SimulationOutput {
  readonly agentInfos: ReadonlyMap<string, AgentInfoBatch>;
  /** Behaviors announced for the first time in this output. */
  readonly newBehaviors: readonly BehaviorSpec[];
  /** Stats records received with this output. */
  readonly stats: readonly StatRecord[];
}

export interface SimulationLink {
  /** Names the connection in errors and logs. */
  readonly name: string;
  /** Answers the simulation's pending call with `input` and resolves with its next output. */
  exchange(input: SimulationInput): Promise<SimulationOutput>;
  /** Closes the connection (status 400 to the simulation). */
  close(): Promise<void>;
  /** The latest drawing the simulation sent of `area` (Shiva's scene-drawing side channel), or null. */
  drawing?(area: number): SceneDrawing | null;
}
