/**
 * How TD3 and DDPG act while collecting: μ(s) plus Gaussian noise N(0, σ²) clipped to the action range (SB3's
 * NormalActionNoise; Fujimoto et al. use σ = 0.1); before learning starts, uniform actions (agents/networks/uniform-actions.ts).
 */
import type { Rng } from '../../src/core/runtime/rng.js';
import { clip } from './td3-target.js';

/** A copy of `means` with N(0, σ²) added to each value and clipped to [-1, 1]; one normal per value, in order. */
export function gaussianExploration(means: Float32Array, sigma: number, rng: Rng): Float32Array {
  const out = new Float32Array(means.length);
  for (let k = 0; k < out.length; k++) out[k] = clip(means[k]! + (sigma > 0 ? sigma * rng.normal() : 0), -1, 1);
  return out;
}
