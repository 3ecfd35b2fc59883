/**
 * TD3's critic target, as pure functions on plain arrays (Fujimoto et al. 2018, eq. 14–15):
 *
 *   ã  = clip(μ⁻(s') + clip(σ̃·ε, −c, c), −1, 1),   ε ~ N(0, 1)        (target policy smoothing)
 *   y  = r + γᵏ·(1 − done)·min(Q1⁻(s', ã), Q2⁻(s', ã))                (clipped double Q)
 *
 * r and γᵏ are the replay's n-step reward sum and discount (agents/replay); with one critic (DDPG) the min is
 * over that critic alone, and with σ̃ = 0 ã is μ⁻(s').
 */
import type { Rng } from '../../src/core/runtime/rng.js';

/** μ⁻(s') plus clipped Gaussian noise, clipped to the action range; draws one normal per value from `rng`, in order. */
export function smoothedTargetActions(targetMeans: Float32Array, sigma: number, noiseClip: number, rng: Rng): Float32Array {
  const out = new Float32Array(targetMeans.length);
  for (let k = 0; k < out.length; k++) {
    const noise = sigma > 0 ? clip(sigma * rng.normal(), -noiseClip, noiseClip) : 0;
    out[k] = clip(targetMeans[k]! + noise, -1, 1);
  }
  return out;
}

export interface ClippedDoubleQInput {
  readonly rewards: Float32Array;
  readonly dones: Float32Array;
  readonly discounts: Float32Array;
  /** Q1⁻(s', ã) per row. */
  readonly nextQ1: Float32Array;
  /** Q2⁻(s', ã) per row; null with one critic. */
  readonly nextQ2: Float32Array | null;
}

/** y per row. */
export function clippedDoubleQTargets(input: ClippedDoubleQInput): Float32Array {
  const { rewards, dones, discounts, nextQ1, nextQ2 } = input;
  const y = new Float32Array(rewards.length);
  for (let r = 0; r < y.length; r++) {
    const next = nextQ2 ? Math.min(nextQ1[r]!, nextQ2[r]!) : nextQ1[r]!;
    y[r] = rewards[r]! + discounts[r]! * (1 - dones[r]!) * next;
  }
  return y;
}

export function clip(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}
