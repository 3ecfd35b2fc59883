/**
 * RND (agents/reward-signals/rnd.ts): novelty decays with visits while the random target stays fixed, and PPO with
 * RND gets through the locked corridor (envs/corridor) where PPO alone does not. The 5-seed comparison is
 * bench/sparse-reward.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LearnerState } from '../../agents/plugin/learner.js';
import { PpoLearner } from '../../agents/ppo/ppo-learner.js';
import { PPO_PLUGIN } from '../../agents/ppo/plugin.js';
import { Curiosity } from '../../agents/reward-signals/curiosity.js';
import { Rnd } from '../../agents/reward-signals/rnd.js';
import { CORRIDOR_SPEC } from '../../envs/corridor/corridor-scene.js';
import { chooseBackend } from '../../src/core/runtime/backend.js';
import type { LearnerPlan } from '../../src/training/learner-plan.js';
import { MetaLearner } from '../../src/training/meta-learner.js';
import { Rng } from '../../src/core/runtime/rng.js';
import { RunSeeds } from '../../src/core/runtime/seeding.js';
import { CORRIDOR_CURIOSITY, CORRIDOR_RND, corridorBatch, corridorSettings, goalRate, runCorridor } from '../helpers/sparse-corridor.js';

await chooseBackend('wasm');

/** On seed 1 the last 100 episodes reach the goal 0.81 of the time at 15,000 steps and all of them from 17,500 on. */
const STEPS = 22_000;
const LAST = 100;
const meanOf = (a: Float32Array) => a.reduce((s, x) => s + x, 0) / a.length;

test('RND: states visited often pay less and less, and less than unseen states; the target network never moves', () => {
  const rnd = new Rnd(CORRIDOR_SPEC, CORRIDOR_RND, new Rng(3));
  const target = JSON.stringify(rnd.targetParams.save());
  const seen = corridorBatch([0, 1, 2, 3], 32);
  const unseen = corridorBatch([6, 7, 8, 9], 8);
  const first = meanOf(rnd.rewards(seen).rewards);
  assert.ok(first > 0);
  for (let i = 0; i < 30; i++) rnd.train(seen, 1, 32);
  const later = meanOf(rnd.rewards(seen).rewards);
  const novel = meanOf(rnd.rewards(unseen).rewards);
  assert.ok(later < 0.2 * first, `reward on seen states fell from ${first} to ${later}`);
  assert.ok(novel > 5 * later, `unseen ${novel} vs seen ${later}`);
  assert.equal(JSON.stringify(rnd.targetParams.save()), target);
  // Strength scales the reward linearly (no cap).
  const double = new Rnd(CORRIDOR_SPEC, { ...CORRIDOR_RND, strength: 2 * CORRIDOR_RND.strength }, new Rng(3));
  const single = new Rnd(CORRIDOR_SPEC, CORRIDOR_RND, new Rng(3));
  const [r2, r1] = [double.rewards(unseen).rewards, single.rewards(unseen).rewards];
  r1.forEach((r, i) => assert.ok(Math.abs(r2[i]! - 2 * r) <= 1e-6 * Math.max(1, r)));
  // Save and load into another module: the same rewards; a wrong state is refused.
  const copy = new Rnd(CORRIDOR_SPEC, CORRIDOR_RND, new Rng(99));
  copy.load(JSON.parse(JSON.stringify(rnd.save())), 'ckpt');
  assert.deepEqual(copy.rewards(unseen).rewards, rnd.rewards(unseen).rewards);
  assert.throws(() => copy.load({ format: 'shiva-gail', version: 1 }, 'old.ckpt'), /old\.ckpt: format: expected shiva-rnd version 1/);
  for (const m of [rnd, double, single, copy]) m.dispose();
});

test(`PPO + RND gets through the locked corridor (goal in ≥ 80% of the last ${LAST} episodes within ${STEPS} steps, seed 1); PPO alone never reaches it`, async (t) => {
  const alone = await runCorridor('extrinsic', 1, STEPS);
  const rnd = await runCorridor('rnd', 1, STEPS);
  const report = `extrinsic: ${goalRate(alone.goals, LAST)} of the last ${LAST} (${alone.goals.reduce((a, b) => a + b, 0)} goals in ${alone.goals.length} episodes, ${alone.seconds} s); RND: ${goalRate(rnd.goals, LAST)} (${rnd.goals.length} episodes, ${rnd.seconds} s); last stats ${JSON.stringify(rnd.stats.at(-1))}`;
  t.diagnostic(report);
  assert.ok(goalRate(rnd.goals, LAST) >= 0.8, report);
  assert.ok(goalRate(alone.goals, LAST) <= 0.05, report);
  const last = rnd.stats.at(-1)!;
  for (const key of ['Policy/RND Reward', 'Policy/RND Value Estimate', 'Losses/RND Loss']) assert.ok(Number.isFinite(last[key]), key);
});

test('a PPO learner with RND and curiosity saves both signals and a value head for each', () => {
  const settings = { ...corridorSettings('rnd'), curiosity: corridorSettings('curiosity').curiosity! };
  const learner = new PpoLearner(CORRIDOR_SPEC, settings, new RunSeeds(2));
  const state = JSON.parse(JSON.stringify(learner.save())) as LearnerState;
  assert.equal((state['rnd'] as { format: string }).format, 'shiva-rnd');
  assert.equal((state['curiosity'] as { format: string }).format, 'shiva-curiosity');
  assert.deepEqual((state['valueHeads'] as { name: string }[]).map((p) => p.name), ['critic/value_curiosity/kernel', 'critic/value_curiosity/bias', 'critic/value_rnd/kernel', 'critic/value_rnd/bias']);
  const copy = new PpoLearner(CORRIDOR_SPEC, settings, new RunSeeds(3));
  copy.load(state, 'ckpt');
  assert.deepEqual(copy.save(), learner.save());
  learner.dispose();
  copy.dispose();
});

test("PPO's memory estimate counts the signals' weights as the learner holds them: value heads, curiosity's modules, RND's two networks", () => {
  const plugin = PPO_PLUGIN;
  const plain = corridorSettings('extrinsic');
  const both = { ...corridorSettings('rnd'), curiosity: corridorSettings('curiosity').curiosity! };
  const context = { agents: 8, largestGroup: 1 };
  const extra = plugin.estimateBytes!(CORRIDOR_SPEC, both, context).parameters - plugin.estimateBytes!(CORRIDOR_SPEC, plain, context).parameters;
  const rnd = new Rnd(CORRIDOR_SPEC, CORRIDOR_RND, new Rng(1));
  const curiosity = new Curiosity(CORRIDOR_SPEC, CORRIDOR_CURIOSITY, new Rng(1));
  const learner = new PpoLearner(CORRIDOR_SPEC, both, new RunSeeds(1));
  const heads = (learner.save()['valueHeads'] as { values: number[] }[]).reduce((n, p) => n + p.values.length, 0);
  assert.equal(extra, heads + curiosity.params.size + rnd.targetParams.size + rnd.predictorParams.size);
  for (const m of [rnd, curiosity, learner]) m.dispose();
});

test('a learner plan with curiosity and rnd reaches the PPO learner through the meta-learner', () => {
  const base = corridorSettings('extrinsic');
  const plan: LearnerPlan = {
    learnerId: 'Corridor',
    trainerType: 'ppo',
    hyperparameters: base.hyperparameters,
    network: base.network,
    maxSteps: 1000,
    rewardStrength: 1,
    summaryFreq: 1000,
    checkpointInterval: 1000,
    keepCheckpoints: 1,
    curiosity: CORRIDOR_CURIOSITY,
    rnd: CORRIDOR_RND,
  };
  const meta = new MetaLearner(() => plan, new RunSeeds(1));
  const state = meta.learnerFor(CORRIDOR_SPEC)!.save();
  assert.equal((state['curiosity'] as { format: string }).format, 'shiva-curiosity');
  assert.equal((state['rnd'] as { format: string }).format, 'shiva-rnd');
  meta.dispose();
});
