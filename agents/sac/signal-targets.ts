/**
 * What a reward signal changes in SAC's soft target (sac.ts, discrete-sac.ts): its own discount γ_k (one-step
 * transitions), and the dones, which curiosity and RND ignore (their values bootstrap through episode ends, as
 * ML-Agents' `use_dones_in_backup` is 0 for them) while GAIL's target stops at a true terminal as the extrinsic one.
 */
import type { SignalRewards } from './sac-core.js';

/** γ_k for every row. */
export function signalDiscounts(signal: SignalRewards, rows: number): Float32Array {
  return new Float32Array(rows).fill(signal.gamma);
}

/** The batch's dones, or all 0 for a signal that ignores them. */
export function signalDones(signal: SignalRewards, dones: Float32Array): Float32Array {
  return signal.ignoreDone ? new Float32Array(dones.length) : dones;
}
