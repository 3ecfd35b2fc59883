/**
 * What the main thread and a scene worker (scene-host.ts on the worker's side, scene-worker.ts on the main thread's)
 * say to each other. Messages go by structured clone; a step's observations travel packed in one transferred
 * ArrayBuffer (src/core/env/agent-info-pack.ts). Several environments may share one worker: every message names
 * its environment by the index it has in the run.
 */
import type { ActionTuple } from '../../src/core/env/action-tuple.js';
import type { PackedAgentInfos } from '../../src/core/env/agent-info-pack.js';
import type { BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import type { EnvironmentParameter } from '../../src/core/env/environment-parameters.js';
import type { SceneDrawing } from '../../src/core/env/scene-drawing.js';
import type { StatRecord } from '../../src/core/env/stats.js';

/** One environment a worker hosts: a built-in scene's academy with these settings (as LocalEnv builds one). */
export interface HostedEnvironment {
  readonly index: number;
  readonly name: string;
  readonly seed: number;
  readonly numAreas: number;
  readonly decisionPeriod: number;
}

/** What a worker is started with (`workerData`). */
export interface SceneWorkerData {
  /** The built-in scene's name (envs/registry.ts). */
  readonly scene: string;
  readonly environments: readonly HostedEnvironment[];
}

export interface ExchangeRequest {
  readonly kind: 'exchange';
  readonly env: number;
  readonly command: 'reset' | 'step';
  readonly actions: readonly (readonly [string, ActionTuple])[];
  /** Applied before the reset or step, as LocalEnv applies them. */
  readonly parameters: readonly (readonly [string, EnvironmentParameter])[];
  /** Areas whose drawing should come back with the output (someone watches them: episode frames, a map). */
  readonly drawAreas: readonly number[];
}

export interface CloseRequest {
  readonly kind: 'close';
}

export type ToSceneWorker = ExchangeRequest | CloseRequest;

export interface ExchangeReply {
  readonly kind: 'output';
  readonly env: number;
  readonly agentInfos: PackedAgentInfos;
  readonly newBehaviors: readonly BehaviorSpec[];
  readonly stats: readonly StatRecord[];
  readonly drawings: readonly (readonly [number, SceneDrawing | null])[];
}

export interface ExchangeFailure {
  readonly kind: 'error';
  readonly env: number;
  /** A ShivaError's code (SHIVA_ERR_ENV for anything else). */
  readonly code: string;
  readonly message: string;
}

export type FromSceneWorker = ExchangeReply | ExchangeFailure;
