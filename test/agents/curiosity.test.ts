/**
 * Curiosity (ICM, agents/reward-signals/curiosity.ts): novelty decays with visits, the inverse model takes
 * continuous and hybrid actions, PPO with curiosity gets through the locked corridor (envs/corridor) where PPO alone
 * does not, and a learner with curiosity survives a checkpoint bit for bit. The 5-seed comparison is
 * bench/sparse-reward.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LearnerState } from '../../agents/plugin/learner.js';
import { PpoLearner } from '../../agents/ppo/ppo-learner.js';
import { Curiosity } from '../../agents/reward-signals/curiosity.js';
import type { TransitionBatch } from '../../agents/reward-signals/reward-signal.js';
import { CORRIDOR_BEHAVIOR, CORRIDOR_DEFAULT_MAX_STEPS, CORRIDOR_LENGTH, CORRIDOR_SPEC, createCorridorScene } from '../../envs/corridor/corridor-scene.js';
import { vectorObservation, type BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import { LocalEnv } from '../../src/core/env/local-env.js';
import { chooseBackend } from '../../src/core/runtime/backend.js';
import { Rng } from '../../src/core/runtime/rng.js';
import { RunSeeds } from '../../src/core/runtime/seeding.js';
import { decide } from '../../src/decisions/decision-pipeline.js';
import { CORRIDOR_CURIOSITY, corridorBatch, corridorSettings, goalRate, runCorridor } from '../helpers/sparse-corridor.js';

await chooseBackend('wasm');

/** On seed 1 the last 100 episodes reach the goal 0.41 of the time at 20,000 steps and all of them from 22,500 on. */
const STEPS = 26_000;
const LAST = 100;

const meanOf = (a: Float32Array) => a.reduce((s, x) => s + x, 0) / a.length;

test('a uniformly random policy opens all 11 doors of the corridor in about one episode of 8,700 (enumerated over the cells)', () => {
  let p = new Float64Array(CORRIDOR_LENGTH);
  p[0] = 1;
  let success = 0;
  for (let t = 0; t < CORRIDOR_DEFAULT_MAX_STEPS; t++) {
    const q = new Float64Array(CORRIDOR_LENGTH);
    for (let i = 0; i < CORRIDOR_LENGTH - 1; i++) {
      q[i + 1]! += p[i]! / 3;
      q[0]! += (2 * p[i]!) / 3;
    }
    success += q[CORRIDOR_LENGTH - 1]!;
    q[CORRIDOR_LENGTH - 1] = 0;
    p = q;
  }
  assert.ok(success > 1e-4 && success < 1.3e-4, `P(goal) = ${success}`);
});

test('curiosity: no reward before its first update; then transitions seen often pay less and less, and less than unseen ones', () => {
  const curiosity = new Curiosity(CORRIDOR_SPEC, { ...CORRIDOR_CURIOSITY, strength: 1 }, new Rng(3));
  const seen = corridorBatch([0, 1, 2, 3], 32);
  const unseen = corridorBatch([6, 7, 8, 9], 8);
  assert.deepEqual([...curiosity.rewards(seen).rewards].filter((r) => r !== 0), []);
  curiosity.train(seen, 1, 32);
  const first = meanOf(curiosity.rewards(seen).rewards);
  for (let i = 0; i < 30; i++) curiosity.train(seen, 1, 32);
  const later = meanOf(curiosity.rewards(seen).rewards);
  const novel = meanOf(curiosity.rewards(unseen).rewards);
  assert.ok(later < 0.2 * first, `reward on seen transitions fell from ${first} to ${later}`);
  assert.ok(novel > 5 * later, `unseen ${novel} vs seen ${later}`);
  // The reward is strength·min(error, 1/strength): never above 1.
  const strong = new Curiosity(CORRIDOR_SPEC, { ...CORRIDOR_CURIOSITY, strength: 50 }, new Rng(3));
  strong.train(seen, 1, 32);
  assert.ok(Math.max(...strong.rewards(unseen).rewards) <= 1 + 1e-6);
  curiosity.dispose();
  strong.dispose();
});

test('curiosity with continuous and hybrid actions: the inverse model (squared error + cross-entropy per branch) trains, rewards stay finite', () => {
  const spec: BehaviorSpec = { name: 'Hybrid?team=0', observationSpecs: [vectorObservation(3), vectorObservation(2)], actionSpec: { continuousSize: 2, discreteBranches: [2, 3] } };
  const rng = new Rng(5);
  const n = 64;
  const obs = [Float32Array.from({ length: n * 3 }, () => rng.normal()), Float32Array.from({ length: n * 2 }, () => rng.normal())];
  const continuous = Float32Array.from({ length: n * 2 }, () => rng.normal());
  const discrete = Int32Array.from({ length: n * 2 }, (_, i) => rng.int(i % 2 === 0 ? 2 : 3));
  // s' depends on the action, so the inverse model has something to find.
  const next = [obs[0]!.map((x, i) => x + continuous[(Math.floor(i / 3) * 2) % continuous.length]!), obs[1]!.map((x, i) => x + discrete[Math.floor(i / 2) * 2]!)];
  const batch: TransitionBatch = { size: n, observations: obs, nextObservations: next, continuousActions: continuous, discreteActions: discrete, dones: new Uint8Array(n) };
  const curiosity = new Curiosity(spec, { ...CORRIDOR_CURIOSITY, network: { ...CORRIDOR_CURIOSITY.network, normalize: true } }, new Rng(6));
  const before = curiosity.train(batch, 1, 32);
  let after = before;
  for (let i = 0; i < 20; i++) after = curiosity.train(batch, 1, 32);
  assert.ok(after['Losses/Curiosity Inverse Loss']! < before['Losses/Curiosity Inverse Loss']!, JSON.stringify({ before, after }));
  assert.ok(curiosity.rewards(batch).rewards.every((r) => Number.isFinite(r) && r >= 0));
  // Save and load into another module: the same rewards.
  const copy = new Curiosity(spec, { ...CORRIDOR_CURIOSITY, network: { ...CORRIDOR_CURIOSITY.network, normalize: true } }, new Rng(99));
  copy.load(JSON.parse(JSON.stringify(curiosity.save())), 'ckpt');
  assert.deepEqual(copy.rewards(batch).rewards, curiosity.rewards(batch).rewards);
  assert.throws(() => copy.load(undefined, 'old.ckpt'), /old\.ckpt: format: expected shiva-curiosity version 1/);
  curiosity.dispose();
  copy.dispose();
});

test(`PPO + curiosity gets through the locked corridor (goal in ≥ 80% of the last ${LAST} episodes within ${STEPS} steps, seed 1); PPO alone never reaches it`, async (t) => {
  const alone = await runCorridor('extrinsic', 1, STEPS);
  const curious = await runCorridor('curiosity', 1, STEPS);
  const report = `extrinsic: ${goalRate(alone.goals, LAST)} of the last ${LAST} (${alone.goals.reduce((a, b) => a + b, 0)} goals in ${alone.goals.length} episodes, ${alone.seconds} s); curiosity: ${goalRate(curious.goals, LAST)} (${curious.goals.length} episodes, ${curious.seconds} s); last stats ${JSON.stringify(curious.stats.at(-1))}`;
  t.diagnostic(report);
  assert.ok(goalRate(curious.goals, LAST) >= 0.8, report);
  assert.ok(goalRate(alone.goals, LAST) <= 0.05, report);
  const last = curious.stats.at(-1)!;
  for (const key of ['Policy/Curiosity Reward', 'Policy/Curiosity Value Estimate', 'Losses/Curiosity Forward Loss', 'Losses/Curiosity Inverse Loss']) assert.ok(Number.isFinite(last[key]), key);
});

/** Steps `learner` on `env` for `steps` agent steps or until `untilUpdates` updates; the actions chosen and the last update's stats. */
async function drive(learner: PpoLearner, env: LocalEnv, steps: number, untilUpdates = Infinity) {
  const chosen: number[] = [];
  let stats: Record<string, number> | null = null;
  let updates = 0;
  for (let n = 0; n < steps && updates < untilUpdates; ) {
    const { decisionSteps, terminalSteps } = env.getSteps(CORRIDOR_BEHAVIOR);
    const [actions] = decide(learner, [{ source: 0, decisionSteps, terminalSteps }]);
    chosen.push(...actions!.discrete);
    env.setActions(CORRIDOR_BEHAVIOR, actions!);
    await env.step();
    n += decisionSteps.count;
    const s = learner.maybeUpdate();
    if (s) {
      stats = s;
      updates++;
    }
  }
  return { chosen, stats };
}

test('a PPO learner with curiosity survives a checkpoint round trip: module, value heads, optimisers and RNGs, bit for bit', async () => {
  const makeEnv = async (seed: number) => {
    const env = new LocalEnv('corridor', createCorridorScene, { numAreas: 8, seed });
    await env.reset();
    return env;
  };
  const env = await makeEnv(4);
  const original = new PpoLearner(CORRIDOR_SPEC, corridorSettings('curiosity'), new RunSeeds(9));
  await drive(original, env, 10_000, 2);
  original.forgetSource(0);
  const state = JSON.parse(JSON.stringify(original.save())) as LearnerState;
  assert.equal((state['curiosity'] as { format: string }).format, 'shiva-curiosity');
  assert.ok(Array.isArray(state['valueHeads']));
  const restored = new PpoLearner(CORRIDOR_SPEC, corridorSettings('curiosity'), new RunSeeds(1234));
  restored.load(state, 'ckpt');
  assert.deepEqual(restored.save(), original.save());
  const [envA, envB] = [await makeEnv(5), await makeEnv(5)];
  const a = await drive(original, envA, 1100);
  const b = await drive(restored, envB, 1100);
  assert.deepEqual(b.chosen, a.chosen);
  assert.deepEqual(b.stats, a.stats);
  assert.deepEqual(restored.save(), original.save());
  // A checkpoint saved without curiosity is refused by a learner that has it.
  const { curiosity: _dropped, ...without } = state as LearnerState & { curiosity?: unknown };
  assert.throws(() => restored.load(without as LearnerState, 'old.ckpt'), /old\.ckpt: curiosity: format: expected shiva-curiosity version 1/);
  const { valueHeads: _heads, ...noHeads } = state as LearnerState & { valueHeads?: unknown };
  assert.throws(() => restored.load(noHeads as LearnerState, 'old.ckpt'), /old\.ckpt: valueHeads: expected the value heads of reward signals \[curiosity\]/);
  original.dispose();
  restored.dispose();
  await Promise.all([env.close(), envA.close(), envB.close()]);
});

test('PPO with curiosity and RND on continuous actions (Pendulum): updates run, every signal reports finite figures', async () => {
  const { getBuiltinEnv } = await import('../../envs/registry.js');
  const env = new LocalEnv('pendulum', getBuiltinEnv('pendulum').factory, { numAreas: 4, seed: 2 });
  await env.reset();
  const behavior = 'Pendulum?team=0';
  const settings = { ...corridorSettings('curiosity'), rnd: corridorSettings('rnd').rnd!, id: 'Pendulum' };
  const learner = new PpoLearner(env.behaviorSpecs.get(behavior)!, settings, new RunSeeds(2));
  const stats: Record<string, number>[] = [];
  while (stats.length < 2) {
    const { decisionSteps, terminalSteps } = env.getSteps(behavior);
    const [actions] = decide(learner, [{ source: 0, decisionSteps, terminalSteps }]);
    env.setActions(behavior, actions!);
    await env.step();
    const s = learner.maybeUpdate();
    if (s) stats.push(s);
  }
  const last = stats.at(-1)!;
  for (const key of ['Policy/Curiosity Reward', 'Losses/Curiosity Forward Loss', 'Losses/Curiosity Inverse Loss', 'Policy/RND Reward', 'Losses/RND Loss', 'Losses/Value Loss']) {
    assert.ok(Number.isFinite(last[key]), `${key}: ${last[key]}`);
  }
  assert.ok(last['Policy/Curiosity Reward']! > 0, 'curiosity pays after its first update');
  learner.dispose();
  await env.close();
});
