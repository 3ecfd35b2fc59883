/**
 * The off-policy learners' shared plumbing: the fractional update credit (hand-computed), reward scaling, the
 * checkpoint checks, and a replay buffer through JSON and back.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ReplayBuffer } from '../../agents/replay/replay-buffer.js';
import { Rng } from '../../src/core/runtime/rng.js';
import { checkCredit, checkTrainerType } from '../../agents/plugin/learner-state.js';
import { scaledRewards } from '../../agents/plugin/rewards.js';
import { UpdateCredit } from '../../agents/plugin/update-credit.js';
import { loadReplay, saveReplay } from '../../agents/replay/replay-json.js';

test('update credit: steps before updates may run earn nothing; later every 3 steps earn one, the fraction carried', () => {
  const credit = new UpdateCredit();
  assert.equal(credit.earn(5, false, 3), 0);
  assert.equal(credit.earn(10, false, 3), 0, 'not ready: the 10 steps are written off');
  // 10 → 14: 4/3 → one update, 1/3 left.
  assert.equal(credit.earn(14, true, 3), 1);
  assert.ok(Math.abs(credit.value - 1 / 3) < 1e-12);
  // 14 → 15: 1/3 + 1/3 = 2/3, none.
  assert.equal(credit.earn(15, true, 3), 0);
  // 15 → 22: 2/3 + 7/3 = 3 → three updates, nothing left.
  assert.equal(credit.earn(22, true, 3), 3);
  assert.ok(Math.abs(credit.value) < 1e-12);
  // Restored from a checkpoint at step 100 holding half an update: 100 → 103 earns 1.5 → one, half left.
  credit.restore(0.5, 100);
  assert.equal(credit.earn(103, true, 3), 1);
  assert.equal(credit.value, 0.5);
});

test('rewards are scaled by the extrinsic strength; strength 1 keeps the same array', () => {
  const rewards = Float32Array.from([1, -2, 0.5]);
  assert.equal(scaledRewards(rewards, 1), rewards);
  assert.deepEqual(Array.from(scaledRewards(rewards, 0.5)), [0.5, -1, 0.25]);
});

test('checkpoint checks name the place, the field, what was expected and what came', () => {
  assert.throws(() => checkTrainerType({ trainerType: 'ppo', steps: 0, updates: 0 }, 'dqn', 'ckpt'), { message: 'ckpt: trainer_type: expected "dqn", got "ppo"' });
  assert.equal(checkCredit(0.25, 'ckpt'), 0.25);
  assert.throws(() => checkCredit(-1, 'ckpt'), { message: 'ckpt: updateCredit: expected a number ≥ 0, got -1' });
  assert.throws(() => checkCredit(undefined, 'ckpt'), { message: 'ckpt: updateCredit: expected a number ≥ 0, got null' });
});

test('a replay buffer through JSON and back samples the same batches', () => {
  const spec = { observationSizes: [2], continuousSize: 0, discreteBranches: [3], actionMasks: true };
  const a = new ReplayBuffer(8, spec);
  for (let i = 0; i < 5; i++) {
    a.add({
      observations: [Float32Array.from([i, -i])],
      continuousActions: new Float32Array(0),
      discreteActions: Int32Array.from([i % 3]),
      actionMask: Uint8Array.from([0, i % 2, 0]),
      reward: i / 4,
      nextObservations: [Float32Array.from([i + 1, -i - 1])],
      nextActionMask: null,
      done: i === 4,
      discount: 0.9,
    });
  }
  const saved = JSON.parse(JSON.stringify(saveReplay(a)));
  assert.ok(Object.values(saved.blobs).some((b) => (b as { dtype: string }).dtype === 'int32'), 'discrete actions stay int32');
  const b = new ReplayBuffer(8, spec);
  loadReplay(b, saved, 'ckpt: replay buffer');
  assert.equal(b.size, 5);
  assert.deepEqual(b.sample(4, new Rng(3)), a.sample(4, new Rng(3)));
  const name = Object.keys(saved.blobs)[0]!;
  assert.throws(() => loadReplay(new ReplayBuffer(8, spec), { ...saved, blobs: { ...saved.blobs, [name]: { dtype: 'float64', values: [] } } }, 'ckpt: replay buffer'), { message: new RegExp(`^ckpt: replay buffer: blob "${name}": expected \\{dtype: "float32" \\| "int32"`) });
});
