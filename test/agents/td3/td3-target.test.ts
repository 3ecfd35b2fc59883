/**
 * TD3's target against hand-computed values: target policy smoothing (noise clipped to ±c, then the action to
 * [-1, 1]), the clipped double-Q target min(Q1', Q2'), and DDPG's one-critic target.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clippedDoubleQTargets, smoothedTargetActions } from '../../../agents/td3/td3-target.js';
import { gaussianExploration } from '../../../agents/td3/exploration.js';
import type { Rng } from '../../../src/core/runtime/rng.js';

/** An Rng whose normal() returns `values` in order. */
function scripted(values: number[]): Rng {
  let i = 0;
  return { normal: () => values[i++]!, uniform: () => 0, next: () => 0, int: () => 0 } as unknown as Rng;
}

test('smoothing: σ̃·ε clipped to ±c, then μ⁻ + noise clipped to [-1, 1]', () => {
  // σ̃ = 0.2, c = 0.5. ε = 1 → 0.2; ε = 4 → 0.8 → 0.5; ε = −3 → −0.6 → −0.5; ε = 2 → 0.4 and 0.9 + 0.4 → 1.
  const out = smoothedTargetActions(Float32Array.from([0.1, 0.1, 0.1, 0.9]), 0.2, 0.5, scripted([1, 4, -3, 2]));
  assert.deepEqual(Array.from(out), [0.1 + 0.2, 0.1 + 0.5, 0.1 - 0.5, 1].map(Math.fround));
});

test('smoothing off (σ̃ = 0, DDPG) is μ⁻ itself and draws nothing', () => {
  const rng = scripted([]);
  assert.deepEqual(Array.from(smoothedTargetActions(Float32Array.from([0.25, -0.75]), 0, 0.5, rng)), [0.25, -0.75]);
});

test('clipped double Q: y = r + γᵏ(1 − done)·min(Q1′, Q2′)', () => {
  const y = clippedDoubleQTargets({
    rewards: Float32Array.from([1, -0.5, 2]),
    dones: Float32Array.from([0, 0, 1]),
    discounts: Float32Array.from([0.5, 0.25, 0.5]),
    nextQ1: Float32Array.from([4, -2, 100]),
    nextQ2: Float32Array.from([3, 6, 100]),
  });
  // 1 + 0.5·min(4, 3) = 2.5; −0.5 + 0.25·min(−2, 6) = −1; terminal: 2.
  assert.deepEqual(Array.from(y), [2.5, -1, 2]);
  const single = clippedDoubleQTargets({ rewards: Float32Array.from([1]), dones: Float32Array.from([0]), discounts: Float32Array.from([0.5]), nextQ1: Float32Array.from([4]), nextQ2: null });
  assert.deepEqual(Array.from(single), [3], 'one critic (DDPG): r + γ·Q1′');
});

test('exploration: μ + σε clipped to [-1, 1]', () => {
  const out = gaussianExploration(Float32Array.from([0, 0.95, -0.5]), 0.1, scripted([1, 1, -2]));
  assert.deepEqual(Array.from(out), [0.1, 1, -0.7].map(Math.fround));
});
