/**
 * What a replay buffer allocates (agents/plugin/memory-estimate.ts), for the off-policy learners' estimates: its
 * rows are typed arrays allocated whole when the learner is made (agents/replay/replay-storage.ts), a prioritised
 * one adds its sum and min trees, and n-step returns hold each agent's last n steps.
 */
import type { BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import { FLOAT_BYTES, logitsSize, observationFloats, OBJECT_OVERHEAD_BYTES, TYPED_ARRAY_OVERHEAD_BYTES, type EstimateContext, type MemoryPart } from '../plugin/memory-estimate.js';

/** Bytes of one replay row: observation and next observation, actions, masks (when kept), reward, done, discount. */
export function replayRowBytes(spec: BehaviorSpec, actionMasks: boolean): number {
  const C = spec.actionSpec.continuousSize;
  const nb = spec.actionSpec.discreteBranches.length;
  const masks = actionMasks ? 2 * logitsSize(spec) : 0;
  return FLOAT_BYTES * (2 * observationFloats(spec) + C + nb + 3) + masks;
}

export interface ReplayShape {
  readonly capacity: number;
  readonly actionMasks: boolean;
  readonly prioritized?: boolean;
  readonly nStep?: number;
}

export function replayParts(spec: BehaviorSpec, shape: ReplayShape, context: EstimateContext): MemoryPart[] {
  const parts: MemoryPart[] = [{ what: `replay buffer (buffer_size ${shape.capacity} transitions)`, bytes: shape.capacity * replayRowBytes(spec, shape.actionMasks), keys: ['hyperparameters.buffer_size'] }];
  if (shape.prioritized) {
    const base = 2 ** Math.ceil(Math.log2(Math.max(1, shape.capacity)));
    parts.push({ what: 'priority trees (prioritized)', bytes: 2 * 2 * base * 8, keys: ['hyperparameters.buffer_size', 'hyperparameters.prioritized'] });
  }
  // Each agent's open step (and with n-step returns its last n), as one object with its own arrays.
  const pending = Math.max(1, shape.nStep ?? 1);
  const stepBytes = FLOAT_BYTES * (2 * observationFloats(spec) + spec.actionSpec.continuousSize + spec.actionSpec.discreteBranches.length) + 2 * logitsSize(spec) + 6 * TYPED_ARRAY_OVERHEAD_BYTES + OBJECT_OVERHEAD_BYTES;
  parts.push({ what: `open steps of every agent${pending > 1 ? ` (n_step ${pending})` : ''}`, bytes: context.agents * pending * stepBytes, keys: pending > 1 ? ['hyperparameters.n_step'] : [] });
  return parts;
}
