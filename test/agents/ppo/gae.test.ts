import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StepEnd, computeGae } from '../../../agents/ppo/gae.js';

const { CONTINUES, TERMINAL, TRUNCATED } = StepEnd;
const closeAll = (actual: Float32Array, expected: number[], what: string) =>
  expected.forEach((e, i) => assert.ok(Math.abs(actual[i]! - e) <= 1e-5, `${what}[${i}]: ${actual[i]} ≠ ${e}`));

// Three steps, r = 1 each, V = 0.5, 0.4, 0.3, γ = 0.9, λ = 0.8 (γλ = 0.72).
const rewards = [1, 1, 1];
const values = [0.5, 0.4, 0.3];

test('a true terminal does not bootstrap', () => {
  // δ2 = 1 − 0.3 = 0.7                         A2 = 0.7
  // δ1 = 1 + 0.9·0.3 − 0.4 = 0.87              A1 = 0.87 + 0.72·0.7   = 1.374
  // δ0 = 1 + 0.9·0.4 − 0.5 = 0.86              A0 = 0.86 + 0.72·1.374 = 1.84928
  const { advantages, returns } = computeGae(rewards, values, [CONTINUES, CONTINUES, TERMINAL], [0, 0, 99], 0.9, 0.8);
  closeAll(advantages, [1.84928, 1.374, 0.7], 'A');
  closeAll(returns, [2.34928, 1.774, 1.0], 'R');
});

test('an episode interrupted at max step bootstraps from the value of its final observation', () => {
  // V(final) = 2: δ2 = 1 + 0.9·2 − 0.3 = 2.5   A2 = 2.5
  //               A1 = 0.87 + 0.72·2.5  = 2.67
  //               A0 = 0.86 + 0.72·2.67 = 2.7824
  const { advantages, returns } = computeGae(rewards, values, [CONTINUES, CONTINUES, TRUNCATED], [0, 0, 2], 0.9, 0.8);
  closeAll(advantages, [2.7824, 2.67, 2.5], 'A');
  closeAll(returns, [3.2824, 3.07, 2.8], 'R');
});

test('a stream cut by the time horizon bootstraps from the next value and carries no advantage across the cut', () => {
  // Cut after step 1 with V(s2) = 0.3 as the bootstrap: steps 0–1 are their own segment.
  //   δ1 = 1 + 0.9·0.3 − 0.4 = 0.87   A1 = 0.87 (not 0.87 + 0.72·A2)
  //   A0 = 0.86 + 0.72·0.87 = 1.4864
  // Step 2 is the last of the data, cut with bootstrap 1.5: A2 = 1 + 0.9·1.5 − 0.3 = 2.05.
  const { advantages } = computeGae(rewards, values, [CONTINUES, TRUNCATED, TRUNCATED], [0, 0.3, 1.5], 0.9, 0.8);
  closeAll(advantages, [1.4864, 0.87, 2.05], 'A');
});

test('episodes that follow each other in one stream do not leak into each other', () => {
  // Episode 1: steps 0–1 ending TERMINAL; episode 2: steps 2–3, interrupted with V(final) = 1.
  const r = [0, 1, 2, 0];
  const v = [1, 1, 1, 1];
  // A1 = 1 − 1 = 0; A0 = (0 + 0.5·1 − 1) + 0.5·0 = −0.5 (γ = 0.5, λ = 1)
  // A3 = 0 + 0.5·1 − 1 = −0.5; A2 = (2 + 0.5·1 − 1) + 0.5·(−0.5) = 1.25
  const { advantages } = computeGae(r, v, [CONTINUES, TERMINAL, CONTINUES, TRUNCATED], [0, 0, 0, 1], 0.5, 1);
  closeAll(advantages, [-0.5, 0, 1.25, -0.5], 'A');
});

test('λ = 1 gives Monte-Carlo returns and λ = 0 one-step TD', () => {
  const mc = computeGae([1, 2, 3], [0.1, 0.2, 0.3], [CONTINUES, CONTINUES, TERMINAL], [0, 0, 0], 0.5, 1);
  closeAll(mc.returns, [1 + 0.5 * 2 + 0.25 * 3, 2 + 0.5 * 3, 3], 'R');
  const td = computeGae([1, 2, 3], [0.1, 0.2, 0.3], [CONTINUES, CONTINUES, TERMINAL], [0, 0, 0], 0.5, 0);
  closeAll(td.advantages, [1 + 0.5 * 0.2 - 0.1, 2 + 0.5 * 0.3 - 0.2, 3 - 0.3], 'A');
});

test('a stream whose last step just continues is refused', () => {
  assert.throws(() => computeGae([1], [0], [CONTINUES], [0], 0.9, 0.9), /last step continues into nothing/);
});
