/**
 * The meta-learner and the training loop, on built-in scenes in-process: one policy serves every agent of a
 * behavior across several environments (one forward pass for all of them), learns, and reports.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getBuiltinEnv } from '../../envs/registry.js';
import { LocalEnv } from '../../src/core/env/local-env.js';
import { chooseBackend } from '../../src/core/runtime/backend.js';
import { RunSeeds } from '../../src/core/runtime/seeding.js';
import { cartpolePlan } from '../helpers/cartpole-plan.js';
import { MetaLearner } from '../../src/training/meta-learner.js';
import { Trainer, type ProgressReport } from '../../src/training/trainer.js';

await chooseBackend('wasm');

test('PPO through the meta-learner on two CartPole environments: mean return of the last 100 episodes passes 150 within 60k agent steps', async (t) => {
  const cartpole = getBuiltinEnv('cartpole');
  const envs = [0, 1].map((i) => new LocalEnv(`builtin:cartpole#${i}`, cartpole.factory, { numAreas: 4, seed: 10 + i }));
  const meta = new MetaLearner((behavior) => (behavior === 'CartPole?team=0' ? cartpolePlan(60_000) : null), new RunSeeds(3));
  const progress: ProgressReport[] = [];
  const controller = new AbortController();
  const trainer = new Trainer(envs, meta, {
    summaryFreq: () => 5000,
    checkpointInterval: () => 1e9,
    signal: controller.signal,
    onProgress: (p) => {
      progress.push(p);
      if ((p.meanReturn ?? 0) >= 150 && p.episodes >= 100) controller.abort();
    },
  });
  const { summary, stopped } = await trainer.run();
  const s = summary['CartPole']!;
  t.diagnostic(`cartpole via meta-learner: ${s.steps} steps, ${s.episodes} episodes, mean of last 100 ${s.meanReturnLast100?.toFixed(1)}, ${Math.round(s.stepsPerSecond)} steps/s`);
  assert.ok(stopped, `reached the threshold before max_steps: ${JSON.stringify(s)}`);
  assert.ok(s.meanReturnLast100! >= 150);
  assert.deepEqual(s.behaviors, ['CartPole?team=0']);
  assert.ok(progress.length >= 2 && progress[0]!.meanReturn! < progress[progress.length - 1]!.meanReturn!, 'the return improved');
  assert.ok(s.environmentStats['CartPole/Episode Return'] !== undefined, "the scene's own stats reach the summary");
  meta.dispose();
});

test('behaviors with different specs cannot share a learner, and the error says how they differ', async () => {
  const gridworld = getBuiltinEnv('gridworld');
  const env = new LocalEnv('builtin:gridworld#0', gridworld.factory, { numAreas: 1, seed: 0 });
  const shared = { ...cartpolePlan(100), learnerId: 'everyone' };
  const meta = new MetaLearner(() => shared, new RunSeeds(0));
  const trainer = new Trainer([env], meta, { summaryFreq: () => 1e9, checkpointInterval: () => 1e9 });
  await assert.rejects(trainer.run(), /learner "everyone": behavior "Guard\?team=1" shares the learner with "Forager\?team=0" but its spec differs: expected observations \[\[14\]\], actions 0 continuous \+ branches \[5, 2\], got observations \[\[15\]\], actions 0 continuous \+ branches \[5\]/);
  meta.dispose();
});

test('two teams of one behavior name can have a policy each, or share one', async () => {
  const gridworld = getBuiltinEnv('gridworld');
  const run = async (perTeam: boolean) => {
    const env = new LocalEnv('builtin:gridworld#0', gridworld.factory, { numAreas: 2, seed: 0 });
    const meta = new MetaLearner((b) => ({ ...cartpolePlan(300), learnerId: perTeam ? b : b.replace(/\?team=\d+$/, '') }), new RunSeeds(0));
    await new Trainer([env], meta, { summaryFreq: () => 1e9, checkpointInterval: () => 1e9 }).run();
    const ids = [...meta.learners.keys()].sort();
    meta.dispose();
    return ids;
  };
  assert.deepEqual(await run(true), ['Forager?team=0', 'Guard?team=1']);
  assert.deepEqual(await run(false), ['Forager', 'Guard']);
});
