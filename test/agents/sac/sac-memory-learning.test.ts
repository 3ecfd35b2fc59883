/**
 * Discrete SAC with memory solves the T-maze (envs/tmaze: the cue is seen only at the first of 5 decisions);
 * without memory it cannot beat chance there. Seeded, the same budget and hyperparameters for both
 * (test/helpers/tmaze-run.ts's tmazeSacSettings). The 5-seed table is bench/memory-task.ts (npm run bench:memory).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SAC_PLUGIN } from '../../../agents/sac/plugin.js';
import { chooseBackend } from '../../../src/core/runtime/backend.js';
import { runTMaze, tail, tmazeSacSettings } from '../../helpers/tmaze-run.js';

await chooseBackend('wasm');

const STEPS = 800;
const LAST = 50;
const THRESHOLD = 0.9;

test(`T-maze, ${STEPS} steps, seed 1: SAC with memory turns the cue's way in ≥ ${THRESHOLD * 100}% of the last ${LAST} episodes; without memory it stays near chance`, async () => {
  const withMemory = await runTMaze(true, 1, STEPS, { plugin: SAC_PLUGIN, settings: tmazeSacSettings(true) });
  const without = await runTMaze(false, 1, STEPS, { plugin: SAC_PLUGIN, settings: tmazeSacSettings(false) });
  const a = tail(withMemory.returns, LAST);
  const b = tail(without.returns, LAST);
  assert.ok(withMemory.returns.length >= 2 * LAST, `episodes: ${withMemory.returns.length}`);
  assert.ok(a.successRate >= THRESHOLD, `with memory: success ${a.successRate}, mean return ${a.meanReturn}`);
  assert.ok(b.successRate < 0.7, `without memory: success ${b.successRate}, mean return ${b.meanReturn}`);
});
