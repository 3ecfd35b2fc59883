/**
 * Uniformly random actions that respect action masks: continuous values in [-1, 1], and for each discrete
 * branch a uniform choice among the allowed values (value 0 when a mask forbids all of them, as Unity would
 * receive it anyway).
 */
import type { ActionTuple } from './action-tuple.js';
import type { ActionSpec } from './behavior-spec.js';
import { maskSize } from './behavior-spec.js';
import type { DecisionSteps } from './steps.js';
import type { Rng } from '../runtime/rng.js';

export function randomActions(spec: ActionSpec, steps: DecisionSteps, rng: Rng): ActionTuple {
  const n = steps.count;
  const c = spec.continuousSize;
  const branches = spec.discreteBranches;
  const continuous = new Float32Array(n * c);
  for (let i = 0; i < continuous.length; i++) continuous[i] = rng.uniform(-1, 1);
  const discrete = new Int32Array(n * branches.length);
  const width = maskSize(spec);
  for (let agent = 0; agent < n; agent++) {
    let offset = agent * width;
    for (let b = 0; b < branches.length; b++) {
      const size = branches[b]!;
      const allowed: number[] = [];
      for (let v = 0; v < size; v++) if (!steps.actionMasks || steps.actionMasks[offset + v] === 0) allowed.push(v);
      discrete[agent * branches.length + b] = allowed.length > 0 ? allowed[rng.int(allowed.length)]! : 0;
      offset += size;
    }
  }
  return { continuous, discrete };
}
