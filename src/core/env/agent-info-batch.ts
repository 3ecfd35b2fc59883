/**
 * One behavior's agent reports for one step, in the order the simulation sent them, decoded once into
 * typed arrays. This is the wire-shaped batch (an `AgentInfoProto` list): terminal and decision records
 * interleaved, split later into DecisionSteps and TerminalSteps.
 */
import type { BehaviorSpec } from './behavior-spec.js';
import { maskSize, observationSize } from './behavior-spec.js';

export interface AgentInfoBatch {
  readonly count: number;
  readonly agentIds: Int32Array;
  readonly rewards: Float32Array;
  /** 1 where the record ends the agent's episode. */
  readonly done: Uint8Array;
  /** 1 where the episode was interrupted (max step), not terminated. Only meaningful with done. */
  readonly maxStepReached: Uint8Array;
  /** 0 when the agent belongs to no group; group ids start at 1. */
  readonly groupIds: Int32Array;
  readonly groupRewards: Float32Array;
  /** One array per observation spec: count × prod(shape) floats, row-major. */
  readonly observations: Float32Array[];
  /** count × Σ branches, 1 = action NOT allowed; null when no agent wrote a mask. */
  readonly actionMasks: Uint8Array | null;
}

/** An empty batch with room for `count` agents of `spec`, every field zeroed. */
export function allocateAgentInfoBatch(spec: BehaviorSpec, count: number, withMasks: boolean): AgentInfoBatch {
  return {
    count,
    agentIds: new Int32Array(count),
    rewards: new Float32Array(count),
    done: new Uint8Array(count),
    maxStepReached: new Uint8Array(count),
    groupIds: new Int32Array(count),
    groupRewards: new Float32Array(count),
    observations: spec.observationSpecs.map((o) => new Float32Array(count * observationSize(o))),
    actionMasks: withMasks && spec.actionSpec.discreteBranches.length > 0 ? new Uint8Array(count * maskSize(spec.actionSpec)) : null,
  };
}

export function emptyAgentInfoBatch(spec: BehaviorSpec): AgentInfoBatch {
  return allocateAgentInfoBatch(spec, 0, false);
}
