/**
 * DecisionSteps and TerminalSteps: the agents of one behavior that need an action now, and the agents whose
 * episode ended since the last step. Mirrors mlagents_envs' batches: typed arrays indexed in the order the
 * simulation sent them, with agent ids beside them.
 */
import type { AgentInfoBatch } from './agent-info-batch.js';
import type { BehaviorSpec } from './behavior-spec.js';
import { maskSize, observationSize } from './behavior-spec.js';

export interface DecisionSteps {
  readonly count: number;
  readonly agentIds: Int32Array;
  /** One array per observation spec: count × prod(shape), row-major. */
  readonly observations: Float32Array[];
  readonly rewards: Float32Array;
  readonly groupIds: Int32Array;
  readonly groupRewards: Float32Array;
  /** count × Σ branches, 1 = masked (not allowed); null when there are no discrete branches or no masks. */
  readonly actionMasks: Uint8Array | null;
}

export interface TerminalSteps {
  readonly count: number;
  readonly agentIds: Int32Array;
  readonly observations: Float32Array[];
  readonly rewards: Float32Array;
  /** 1 where the episode was cut short (max step or interruption) rather than ended by the task. */
  readonly interrupted: Uint8Array;
  readonly groupIds: Int32Array;
  readonly groupRewards: Float32Array;
}

/**
 * Splits a wire-ordered batch on `done`, as mlagents_envs' steps_from_proto does. The same id may appear in
 * both results (a terminal record followed by the first decision of its next episode).
 */
export function splitAgentInfos(spec: BehaviorSpec, batch: AgentInfoBatch): { decisionSteps: DecisionSteps; terminalSteps: TerminalSteps } {
  // The common case on every step: nobody's episode ended, so the decision steps are the batch itself.
  if (batch.done.indexOf(1) < 0) {
    return {
      decisionSteps: { count: batch.count, agentIds: batch.agentIds, observations: batch.observations, rewards: batch.rewards, groupIds: batch.groupIds, groupRewards: batch.groupRewards, actionMasks: batch.actionMasks },
      terminalSteps: cachedEmptyTerminalSteps(spec),
    };
  }
  const decisionRows: number[] = [];
  const terminalRows: number[] = [];
  for (let i = 0; i < batch.count; i++) (batch.done[i] ? terminalRows : decisionRows).push(i);
  const sizes = spec.observationSpecs.map(observationSize);
  const take = (rows: number[]) => {
    // Plain loops: this runs on every step where an episode ended (TypedArray.from with a map function is slow).
    const n = rows.length;
    const agentIds = new Int32Array(n);
    const rewards = new Float32Array(n);
    const groupIds = new Int32Array(n);
    const groupRewards = new Float32Array(n);
    for (let k = 0; k < n; k++) {
      const r = rows[k]!;
      agentIds[k] = batch.agentIds[r]!;
      rewards[k] = batch.rewards[r]!;
      groupIds[k] = batch.groupIds[r]!;
      groupRewards[k] = batch.groupRewards[r]!;
    }
    return { count: n, agentIds, observations: batch.observations.map((obs, o) => gatherRows(obs, sizes[o]!, rows)), rewards, groupIds, groupRewards };
  };
  const masks = batch.actionMasks ? gatherRows(batch.actionMasks, maskSize(spec.actionSpec), decisionRows) : null;
  return {
    decisionSteps: { ...take(decisionRows), actionMasks: masks },
    terminalSteps: { ...take(terminalRows), interrupted: Uint8Array.from(terminalRows, (r) => batch.maxStepReached[r]!) },
  };
}

function gatherRows<T extends Float32Array | Uint8Array>(source: T, rowSize: number, rows: number[]): T {
  // All rows taken in order: share the buffer instead of copying (the common case: no terminal agents).
  if (rows.length * rowSize === source.length) return source;
  const out = new (source.constructor as new (n: number) => T)(rows.length * rowSize);
  for (let i = 0; i < rows.length; i++) {
    const from = rows[i]! * rowSize;
    const to = i * rowSize;
    for (let k = 0; k < rowSize; k++) out[to + k] = source[from + k]!;
  }
  return out;
}

export function emptyDecisionSteps(spec: BehaviorSpec): DecisionSteps {
  return {
    count: 0,
    agentIds: new Int32Array(0),
    observations: spec.observationSpecs.map(() => new Float32Array(0)),
    rewards: new Float32Array(0),
    groupIds: new Int32Array(0),
    groupRewards: new Float32Array(0),
    actionMasks: null,
  };
}

const emptyTerminals = new WeakMap<BehaviorSpec, TerminalSteps>();

/** Empty terminal steps shared per spec (zero-length arrays cannot be written to). */
function cachedEmptyTerminalSteps(spec: BehaviorSpec): TerminalSteps {
  let empty = emptyTerminals.get(spec);
  if (!empty) emptyTerminals.set(spec, (empty = emptyTerminalSteps(spec)));
  return empty;
}

export function emptyTerminalSteps(spec: BehaviorSpec): TerminalSteps {
  return { ...emptyDecisionSteps(spec), interrupted: new Uint8Array(0) };
}
