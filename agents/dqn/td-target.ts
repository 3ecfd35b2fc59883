/**
 * DQN's TD targets, one per transition and branch, from the next observation's Q-values (host arrays):
 *
 *   a*_b   = argmax_{a allowed in s'} Q_sel,b(s', a)      Q_sel = the online network (double DQN) or the target
 *   y_b    = r + γᵏ · (1 − done) · Q_target,b(s', a*_b)
 *
 * r and γᵏ are the n-step reward sum and discount the replay buffer stored (agents/replay/n-step.ts). The max runs
 * over the actions allowed by the next observation's mask, so a target never values an action the agent could
 * not take. Plain DQN takes a*_b from the target network itself (the max of Q_target).
 */
import { maskedArgmax } from './exploration.js';

export interface TdTargetInputs {
  readonly rows: number;
  readonly branches: readonly number[];
  readonly rewards: Float32Array;
  readonly dones: Float32Array;
  readonly discounts: Float32Array;
  /** rows × Σ branches, from the target network. */
  readonly nextQTarget: Float32Array;
  /** rows × Σ branches, from the online network; required for double DQN. */
  readonly nextQOnline: Float32Array | null;
  /** rows × Σ branches, 1 = not allowed; null = everything allowed. */
  readonly nextMasks: Uint8Array | null;
  readonly double: boolean;
}

/** rows × branches targets. */
export function tdTargets(x: TdTargetInputs): Float32Array {
  const width = x.branches.reduce((a, b) => a + b, 0);
  const nb = x.branches.length;
  const out = new Float32Array(x.rows * nb);
  const select = x.double ? x.nextQOnline : x.nextQTarget;
  if (!select) throw new Error('tdTargets: double DQN needs nextQOnline');
  for (let r = 0; r < x.rows; r++) {
    const carry = x.discounts[r]! * (1 - x.dones[r]!);
    let offset = r * width;
    x.branches.forEach((size, b) => {
      const best = maskedArgmax(select, x.nextMasks, offset, size);
      out[r * nb + b] = x.rewards[r]! + carry * x.nextQTarget[offset + best]!;
      offset += size;
    });
  }
  return out;
}
