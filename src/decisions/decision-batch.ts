/**
 * One forward pass for many environments: the decision steps of one behavior from several environments are
 * concatenated into one batch, acted on once, and the rows are handed back to each environment in the order
 * its agents asked. The router (decision-router.ts) forms these batches; the reasoning layer (reasoning-layer.ts)
 * acts on the joined batch after the forward pass (DESIGN.md, "The path of one decision").
 */
import type { ActOutput } from '../../agents/networks/acting.js';
import type { DecisionSteps } from '../core/env/steps.js';

export interface DecisionSource {
  /** Which environment (index in the pool) the rows came from. */
  readonly source: number;
  readonly steps: DecisionSteps;
}

export interface ConcatenatedDecisions {
  readonly steps: DecisionSteps;
  /** Row offset of each source's first agent in `steps`. */
  readonly offsets: readonly number[];
}

export function concatDecisionSteps(parts: readonly DecisionSource[], observationSizes: readonly number[], maskWidth: number): ConcatenatedDecisions {
  if (parts.length === 1) return { steps: parts[0]!.steps, offsets: [0] };
  const count = parts.reduce((n, p) => n + p.steps.count, 0);
  const offsets: number[] = [];
  const agentIds = new Int32Array(count);
  const rewards = new Float32Array(count);
  const groupIds = new Int32Array(count);
  const groupRewards = new Float32Array(count);
  const observations = observationSizes.map((size) => new Float32Array(count * size));
  const anyMask = maskWidth > 0 && parts.some((p) => p.steps.actionMasks !== null);
  const actionMasks = anyMask ? new Uint8Array(count * maskWidth) : null;
  let row = 0;
  for (const { steps } of parts) {
    offsets.push(row);
    agentIds.set(steps.agentIds, row);
    rewards.set(steps.rewards, row);
    groupIds.set(steps.groupIds, row);
    groupRewards.set(steps.groupRewards, row);
    observations.forEach((out, o) => out.set(steps.observations[o]!, row * observationSizes[o]!));
    if (actionMasks && steps.actionMasks) actionMasks.set(steps.actionMasks, row * maskWidth);
    row += steps.count;
  }
  return { steps: { count, agentIds, rewards, groupIds, groupRewards, observations, actionMasks }, offsets };
}

/** Rows [start, start + count) of an act() result, as views (the per-behavior log-std is shared). */
export function sliceActOutput(out: ActOutput, start: number, count: number): ActOutput {
  if (start === 0 && count === out.count) return out;
  const rows = <T extends Float32Array | Int32Array>(a: T): T => {
    const width = out.count === 0 ? 0 : a.length / out.count;
    return a.subarray(start * width, (start + count) * width) as T;
  };
  return {
    ...out,
    count,
    continuous: rows(out.continuous),
    continuousRaw: rows(out.continuousRaw),
    discrete: rows(out.discrete),
    logProbs: rows(out.logProbs),
    values: rows(out.values),
    probs: rows(out.probs),
    means: rows(out.means),
    factors: out.factors ? rows(out.factors) : null,
    // A recurrent policy's memories (agents/networks/acting.ts), row for row.
    ...(out.memoriesBefore ? { memoriesBefore: rows(out.memoriesBefore) } : {}),
    ...(out.memories ? { memories: rows(out.memories) } : {}),
  };
}
