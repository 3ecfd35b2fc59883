import { test } from 'node:test';
import assert from 'node:assert/strict';
import { criticInputSize, criticInputs, criticOrder, selfPosition } from '../../../agents/maddpg/critic-input.js';
import { Rng } from '../../../src/core/runtime/rng.js';

// One sample of 3 agents: observations [10 + slot, 20 + slot] (2 each), actions [−slot] (1 each).
const obs = Float32Array.from([10, 20, 11, 21, 12, 22]);
const act = Float32Array.from([-0, -1, -2]);

test('per_agent: every critic sees all observations in slot order, then all actions; agent i acts at position i', () => {
  const order = criticOrder('per_agent', 2, 3, 1, new Rng(0));
  assert.deepEqual(Array.from(order), [0, 1, 2]);
  assert.deepEqual(Array.from(criticInputs(order, 3, obs, act, 1, 3, 2, 1)), [10, 20, 11, 21, 12, 22, -0, -1, -2]);
  assert.equal(criticInputSize('per_agent', 3, 2, 1), 9);
  assert.equal(selfPosition('per_agent', 2), 2);
});

test('independent: a critic sees only its own agent (DDPG)', () => {
  const order = criticOrder('independent', 1, 3, 1, new Rng(0));
  assert.deepEqual(Array.from(criticInputs(order, 1, obs, act, 1, 3, 2, 1)), [11, 21, -1]);
  assert.equal(criticInputSize('independent', 3, 2, 1), 3);
  assert.equal(selfPosition('independent', 1), 0);
});

test('shared: agent i first, the others in a fresh random order per sample, each observation with its own action', () => {
  const rows = 400;
  const manyObs = new Float32Array(rows * 6);
  const manyAct = new Float32Array(rows * 3);
  for (let r = 0; r < rows; r++) {
    manyObs.set(obs, r * 6);
    manyAct.set(act, r * 3);
  }
  const order = criticOrder('shared', 1, 3, rows, new Rng(7));
  const x = criticInputs(order, 3, manyObs, manyAct, rows, 3, 2, 1);
  let swapped = 0;
  for (let r = 0; r < rows; r++) {
    const row = Array.from(x.subarray(r * 9, (r + 1) * 9));
    assert.deepEqual(row.slice(0, 2), [11, 21], 'own observation first');
    assert.equal(row[6], -1, 'own action first among the actions');
    // The others: slots 0 and 2 in either order, observation and action of the same slot at the same position.
    const first = row[2] === 10 ? 0 : 2;
    assert.deepEqual(row.slice(2, 6), first === 0 ? [10, 20, 12, 22] : [12, 22, 10, 20]);
    assert.deepEqual(row.slice(7, 9), first === 0 ? [-0, -2] : [-2, -0]);
    if (first === 2) swapped++;
  }
  // Both orders occur about equally often (binomial(400, ½): within ±5σ = ±50).
  assert.ok(Math.abs(swapped - 200) < 50, `swapped ${swapped} of ${rows}`);
  assert.equal(selfPosition('shared', 1), 0);
});
