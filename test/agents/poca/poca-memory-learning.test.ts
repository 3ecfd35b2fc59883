/**
 * MA-POCA with memory solves the group T-maze (envs/tmaze with group_size 2: the areas' agents in pairs, each pair
 * one group with a centralised critic; each member's cue is seen only at the first of its 5 decisions); without
 * memory it cannot beat chance there (a memoryless actor sees the same junction whichever the cue). Seeded, the
 * same budget for both. Seeds 1–3 of this budget reach 91–96% with memory and 42–59% without.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { POCA_PLUGIN } from '../../../agents/poca/plugin.js';
import { chooseBackend } from '../../../src/core/runtime/backend.js';
import { runTMaze, tail, tmazePocaSettings } from '../../helpers/tmaze-run.js';

await chooseBackend('wasm');

const STEPS = 2_000;
const LAST = 100;
const THRESHOLD = 0.9;

test(`group T-maze, ${STEPS} steps, seed 1: POCA with memory turns the cue's way in ≥ ${THRESHOLD * 100}% of the last ${LAST} episodes; without memory it stays near chance`, async () => {
  const run = (memory: boolean) => runTMaze(memory, 1, STEPS, { plugin: POCA_PLUGIN, settings: tmazePocaSettings(memory), parameters: { group_size: 2 } });
  const withMemory = await run(true);
  const without = await run(false);
  const a = tail(withMemory.returns, LAST);
  const b = tail(without.returns, LAST);
  assert.ok(withMemory.updates >= 5, `updates: ${withMemory.updates}`);
  assert.ok(a.successRate >= THRESHOLD, `with memory: success ${a.successRate}, mean return ${a.meanReturn}`);
  assert.ok(b.successRate < 0.7, `without memory: success ${b.successRate}, mean return ${b.meanReturn}`);
});
