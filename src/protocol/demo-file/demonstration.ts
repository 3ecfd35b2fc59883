/**
 * A demonstration as Shiva holds it: one or more Unity ML-Agents `.demo` files decoded once into typed arrays,
 * one row per recorded step (AgentInfoActionPairProto record), in file order.
 */
import type { BehaviorSpec } from '../../core/env/behavior-spec.js';

/** The DemonstrationMetaProto at the start of a file. */
export interface DemoMeta {
  /** 0 or 1; the shared files and what Shiva writes are 1. */
  readonly apiVersion: number;
  readonly name: string;
  readonly numberSteps: number;
  /** As Unity's writer counts them: done records + 1 (closing the recorder ends one more episode). */
  readonly numberEpisodes: number;
  /** Σ rewards (float32, in record order) / numberEpisodes, as Unity's writer computes it. */
  readonly meanReward: number;
}

/** What the writer needs: a Demonstration satisfies it, so anything read can be written back. */
export interface DemoInput {
  readonly spec: BehaviorSpec;
  readonly steps: number;
  /** One array per observation spec: steps × prod(shape), row-major. */
  readonly observations: readonly Float32Array[];
  /** steps × continuousSize. */
  readonly continuousActions: Float32Array;
  /** steps × number of branches. */
  readonly discreteActions: Int32Array;
  /** steps × Σ branch sizes, 1 = action NOT allowed; null or absent: no masks recorded. */
  readonly actionMasks?: Uint8Array | null;
  readonly rewards: Float32Array;
  /** 1 where the record ends its agent's episode. */
  readonly dones: Uint8Array;
  /** 1 where a done record ended by max step (interrupted), not by the task. */
  readonly interrupted?: Uint8Array;
  readonly agentIds?: Int32Array;
}

export interface Demonstration extends DemoInput {
  /** The files read, in the order their steps appear. */
  readonly files: readonly string[];
  /** One file: its meta record. A folder: counts summed, meanReward = Σ rewards / Σ episodes, the highest api_version. */
  readonly meta: DemoMeta;
  /** Each file's own meta record, in `files` order. */
  readonly fileMetas: readonly DemoMeta[];
  /** Index of each file's first step, in `files` order. */
  readonly fileStarts: readonly number[];
  readonly actionMasks: Uint8Array | null;
  readonly interrupted: Uint8Array;
  readonly agentIds: Int32Array;
  /** Index of the first step of each episode: 0, the step after every done, and each file's first step. */
  readonly episodeStarts: Int32Array;
}

/** Episode start indices of one file's steps (offset by `base`): 0 and every step that follows a done record. */
export function episodeStartsOf(dones: Uint8Array, base = 0): number[] {
  const starts = dones.length > 0 ? [base] : [];
  for (let i = 0; i + 1 < dones.length; i++) if (dones[i]) starts.push(base + i + 1);
  return starts;
}
