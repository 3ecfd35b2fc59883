/**
 * DAgger: the β schedules, the per-agent mixing of expert and learner actions, and DAgger on CartPole with the
 * scripted balance expert (return 500): with seed 1, 4 iterations of 400 labels each at most, the learner's greedy
 * return reaches ≥ 450 (90% of the expert's). An untrained policy scores about 10–40 on CartPole.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ActorCritic } from '../../agents/networks/actor-critic.js';
import { getScriptedExpert } from '../../envs/experts.js';
import { getBuiltinEnv } from '../../envs/registry.js';
import { LocalEnv } from '../../src/core/env/local-env.js';
import { chooseBackend } from '../../src/core/runtime/backend.js';
import { Rng } from '../../src/core/runtime/rng.js';
import { mean, playEpisodes, randomActors } from '../../src/training/bc-rollout.js';
import { betaAt, dagger, mixRows, type DaggerIteration } from '../../src/training/dagger.js';

await chooseBackend('wasm');
const BEHAVIOR = 'CartPole?team=0';

test('β schedules: p^i, or 1 then 0', () => {
  assert.deepEqual([0, 1, 2, 3].map((i) => betaAt({ kind: 'exponential', p: 0.5 }, i)), [1, 0.5, 0.25, 0.125]);
  assert.deepEqual([0, 1, 2].map((i) => betaAt({ kind: 'first' }, i)), [1, 0, 0]);
  assert.deepEqual([0, 1].map((i) => betaAt({ kind: 'exponential', p: 0 }, i)), [1, 0]);
});

test('mixing takes each agent\'s whole action row from the expert or the learner', () => {
  const spec = { name: 'M', observationSpecs: [], actionSpec: { continuousSize: 1, discreteBranches: [3, 2] } };
  const expert = { continuous: Float32Array.from([1, 2, 3]), discrete: Int32Array.from([2, 1, 2, 1, 2, 1]) };
  const learner = { continuous: Float32Array.from([-1, -2, -3]), discrete: Int32Array.from([0, 0, 0, 0, 0, 0]) };
  const mixed = mixRows(spec, 3, [true, false, true], expert, learner);
  assert.deepEqual([...mixed.continuous], [1, -2, 3]);
  assert.deepEqual([...mixed.discrete], [2, 1, 0, 0, 2, 1]);
});

test('DAgger on CartPole reaches ≥ 90% of the expert\'s return (500) with at most 1600 expert labels', async () => {
  const factory = getBuiltinEnv('cartpole').factory;
  const env = new LocalEnv('cartpole-train', factory, { numAreas: 4, seed: 1 });
  const evalEnv = new LocalEnv('cartpole-eval', factory, { numAreas: 4, seed: 2 });
  await env.reset();
  const spec = env.behaviorSpecs.get(BEHAVIOR)!;
  const expertPolicy = getScriptedExpert('cartpole-balance');
  const expertRng = new Rng(3);
  const expert = (s: typeof spec, steps: Parameters<typeof expertPolicy.act>[1]) => expertPolicy.act(s, steps, expertRng);
  const others = randomActors(new Rng(4));
  const expertReturn = mean(await playEpisodes(evalEnv, BEHAVIOR, expert, 4, others));
  assert.equal(expertReturn, 500);

  const policy = new ActorCritic(spec, { hiddenUnits: 32, numLayers: 2 }, new Rng(1));
  const reports: DaggerIteration[] = [];
  const result = await dagger({
    env,
    evalEnv,
    behavior: BEHAVIOR,
    policy,
    expert,
    others,
    rng: new Rng(1),
    settings: {
      iterations: 4,
      labelsPerIteration: 400,
      beta: { kind: 'exponential', p: 0.5 },
      bc: { numEpoch: 10, batchSize: 64, samplesPerUpdate: 0, learningRate: 1e-3 },
      evalEpisodes: 4,
      targetReturn: 0.9 * expertReturn,
    },
    onIteration: (r) => reports.push(r),
  });
  assert.ok(result.reachedTarget, `returns by iteration: ${reports.map((r) => r.meanReturn).join(', ')}`);
  assert.ok(result.finalReturn >= 450);
  assert.ok(result.totalLabels <= 1600, `labels ${result.totalLabels}`);
  // Every iteration adds exactly its labels; the first round is the expert's own play (β_0 = 1).
  assert.deepEqual(reports.map((r) => r.totalLabels), reports.map((_, i) => 400 * (i + 1)));
  assert.equal(reports[0]!.expertActed, 400);
  if (reports.length > 1) assert.ok(reports[1]!.expertActed < 400);
  policy.dispose();
});
