/**
 * PPO with memory solves the T-maze (envs/tmaze: the cue is seen only at the first of 5 decisions); without memory
 * it cannot beat chance there (a memoryless policy sees the same junction whichever the cue). Seeded, the same
 * budget for both. The 5-seed table is bench/memory-task.ts (npm run bench:memory).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseBackend } from '../../../src/core/runtime/backend.js';
import { runTMaze, tail, tmazeSettings } from '../../helpers/tmaze-run.js';

await chooseBackend('wasm');

const STEPS = 6_000;
const LAST = 200;
const THRESHOLD = 0.9;

test(`T-maze, ${STEPS} steps, seed 1: PPO with memory turns the cue's way in ≥ ${THRESHOLD * 100}% of the last ${LAST} episodes; without memory it stays near chance`, async () => {
  const withMemory = await runTMaze(true, 1, STEPS);
  const without = await runTMaze(false, 1, STEPS);
  const a = tail(withMemory.returns, LAST);
  const b = tail(without.returns, LAST);
  assert.ok(withMemory.updates >= 15, `updates: ${withMemory.updates}`);
  assert.ok(a.successRate >= THRESHOLD, `with memory: success ${a.successRate}, mean return ${a.meanReturn}`);
  assert.ok(b.successRate < 0.7, `without memory: success ${b.successRate}, mean return ${b.meanReturn}`);
});

test(`T-maze, ${STEPS} steps, seed 1, threaded: true: the recurrent update on its replica, the weights one update late, still turns the cue's way in ≥ ${THRESHOLD * 100}% of the last ${LAST} episodes`, async () => {
  const run = await runTMaze(true, 1, STEPS, { settings: { ...tmazeSettings(true), threaded: true } });
  const a = tail(run.returns, LAST);
  // Each update's stats come with the next one: one fewer reported than sent.
  assert.ok(run.updates >= 14, `updates: ${run.updates}`);
  assert.ok(a.successRate >= THRESHOLD, `threaded with memory: success ${a.successRate}, mean return ${a.meanReturn}`);
});
