/**
 * `threaded: true` (agents/plugin/update-thread.ts): PPO's updates run on a replica in a worker thread while the
 * environments step here. It learns, a seeded run is reproducible whatever the threads' speeds (the weights are
 * taken when the next update is due), save/load go through the replica, and the worker's failures come back as
 * errors that say where.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PpoLearner } from '../../agents/ppo/ppo-learner.js';
import { UpdateThread } from '../../agents/plugin/update-thread.js';
import { getBuiltinEnv } from '../../envs/registry.js';
import { LocalEnv } from '../../src/core/env/local-env.js';
import { activeBackend, chooseBackend } from '../../src/core/runtime/backend.js';
import { RunSeeds } from '../../src/core/runtime/seeding.js';
import { cartpoleLearnerSettings, cartpolePlan } from '../helpers/cartpole-plan.js';
import { MetaLearner } from '../../src/training/meta-learner.js';
import { Trainer, type CheckpointSink } from '../../src/training/trainer.js';
import type { ExportablePolicy } from '../../src/protocol/onnx/exportable-policy.js';
import type { LearnerState } from '../../agents/plugin/learner.js';
import { isShivaError } from '../../src/core/errors.js';
import { decide } from '../../src/decisions/decision-pipeline.js';

await chooseBackend('wasm');
// What a learner hands its update thread to start the same backend with.
assert.equal(activeBackend(), 'wasm');

async function train(maxSteps: number, threaded: boolean, seed = 3): Promise<{ meta: MetaLearner; meanLast100: number | null; steps: number }> {
  const cartpole = getBuiltinEnv('cartpole');
  const envs = [0, 1].map((i) => new LocalEnv(`builtin:cartpole#${i}`, cartpole.factory, { numAreas: 4, seed: 10 + i }));
  const meta = new MetaLearner((behavior) => (behavior === 'CartPole?team=0' ? cartpolePlan(maxSteps, threaded) : null), new RunSeeds(seed));
  const { summary } = await new Trainer(envs, meta, { summaryFreq: () => 5000, checkpointInterval: () => 1e9 }).run();
  const s = summary['CartPole']!;
  return { meta, meanLast100: s.meanReturnLast100, steps: s.steps };
}

const LEARN_STEPS = 30_000;
const THRESHOLD = 100;

test(`threaded PPO learns CartPole: mean return of the last 100 episodes passes ${THRESHOLD} within ${LEARN_STEPS} agent steps (random play: about 22)`, async (t) => {
  const started = performance.now();
  const { meta, meanLast100, steps } = await train(LEARN_STEPS, true);
  t.diagnostic(`threaded cartpole: ${steps} steps, mean of last 100 ${meanLast100?.toFixed(1)}, ${((performance.now() - started) / 1000).toFixed(1)} s`);
  assert.ok((meanLast100 ?? 0) >= THRESHOLD, `mean of the last 100 episodes: ${meanLast100}`);
  meta.dispose();
});

test('a seeded threaded run is reproducible: the weights come back when the next update is due, however fast the thread was', async () => {
  const states: LearnerState[] = [];
  for (let run = 0; run < 2; run++) {
    const { meta } = await train(4_000, true);
    states.push(meta.learners.get('CartPole')!.save());
    meta.dispose();
  }
  assert.deepEqual(states[0], states[1]);
  // Three updates ran in the thread (more than 1024 steps each, from 8 agents); save() took the last one's weights.
  assert.equal(states[0]!.updates, 3);
  const optimizer = (states[0]!['ppo'] as { optimizer: { step: number } }).optimizer;
  assert.equal(optimizer.step, 3 * 4 * 4, 'three updates of 4 epochs × 4 minibatches went through the replica');
});

test('checkpoints do not change what a threaded run does: they read the replica after the update in flight and leave its result to be taken when due', async () => {
  // One environment: several step in loops of their own, whose order around a checkpoint's (asynchronous) write
  // follows time, threaded or not.
  const run = async (checkpointInterval: number, onCheckpoint: (meta: MetaLearner, state: LearnerState) => void = () => undefined) => {
    const env = new LocalEnv('builtin:cartpole#0', getBuiltinEnv('cartpole').factory, { numAreas: 8, seed: 10 });
    const meta = new MetaLearner((behavior) => (behavior === 'CartPole?team=0' ? cartpolePlan(4_000, true) : null), new RunSeeds(3));
    const checkpoints: CheckpointSink = {
      save: async (_steps, state) => {
        onCheckpoint(meta, state.learners['CartPole']!);
        return 'checkpoint';
      },
    };
    await new Trainer([env], meta, { summaryFreq: () => 5000, checkpointInterval: () => checkpointInterval, checkpoints }).run();
    const state = meta.learners.get('CartPole')!.save();
    meta.dispose();
    return state;
  };
  const exports: { state: LearnerState; exported: ExportablePolicy }[] = [];
  // As shiva train does at each checkpoint: the state, and an ONNX export of the policy; a second save finds the
  // same state (the update it waited for is counted once, still not taken).
  const checkpointed = await run(700, (meta, state) => {
    const learner = meta.learners.get('CartPole')!;
    exports.push({ state, exported: learner.exportPolicy!()! });
    assert.deepEqual(learner.save(), state, `a second save at ${state.steps} steps`);
  });
  assert.deepEqual(checkpointed, await run(1e9), 'the run with a checkpoint every 700 steps ends where the one without ended');
  assert.ok(exports.length >= 5, `checkpoints written: ${exports.length}`);
  // Each export is the policy its checkpoint holds (the replica's, after the update in flight).
  const env = new LocalEnv('builtin:cartpole#0', getBuiltinEnv('cartpole').factory, { numAreas: 1, seed: 1 });
  await env.reset();
  const spec = env.behaviorSpecs.get('CartPole?team=0')!;
  for (const { state, exported } of exports) {
    const restored = new PpoLearner(spec, cartpoleLearnerSettings(4_000) as never, new RunSeeds(99));
    restored.load(state, 'checkpoint');
    assert.deepEqual(exported, restored.exportPolicy(), `the export at ${state.steps} steps (${state.updates} updates)`);
    restored.dispose();
  }
  await env.close();
});

test("a threaded learner's checkpoint state loads into an unthreaded one and back, the replica included", async () => {
  const { meta } = await train(3_000, true);
  const threaded = meta.learners.get('CartPole')! as PpoLearner;
  const saved = threaded.save();
  const spec = threaded.spec;
  const settings = cartpoleLearnerSettings(3_000);
  const plain = new PpoLearner(spec as never, settings as never, new RunSeeds(99));
  plain.load(saved, 'test');
  assert.deepEqual(plain.save(), saved);
  // And into another threaded learner, as into any (its replica will start from it at its first update).
  const again = new PpoLearner(spec as never, { ...settings, threaded: true } as never, new RunSeeds(99));
  again.load(saved, 'test');
  assert.deepEqual(again.save(), saved);
  plain.dispose();
  again.dispose();
  meta.dispose();
});

test("the worker's errors come back with their code and say where: a bad state, and a backend it cannot start", async () => {
  const env = new LocalEnv('builtin:cartpole#0', getBuiltinEnv('cartpole').factory, { numAreas: 1, seed: 1 });
  await env.reset();
  const spec = env.behaviorSpecs.get('CartPole?team=0')!;
  const settings = cartpoleLearnerSettings(1_200);
  const learner = new PpoLearner(spec, settings as never, new RunSeeds(1));
  const thread = new UpdateThread({ trainerType: 'ppo', spec, settings, seed: 1, backend: 'wasm' }, 'learner "CartPole"');
  const state = learner.save();
  const policy = state['policy'] as { parameters: { values: number[] }[] };
  const damaged = { ...state, policy: { ...policy, parameters: policy.parameters.map((p, i) => (i === 0 ? { ...p, values: p.values.slice(1) } : p)) } };
  assert.throws(() => thread.call('load', { state: damaged, where: 'checkpoint' }), (error: unknown) => {
    assert.ok(isShivaError(error, 'SHIVA_ERR_MODEL_STATE'), String(error));
    assert.match((error as Error).message, /^learner "CartPole": update thread: checkpoint: policy: parameter .*: expected \d+ values, got \d+$/);
    return true;
  });
  thread.close();
  assert.throws(() => new UpdateThread({ trainerType: 'ppo', spec, settings, seed: 1, backend: 'no-such-backend' }, 'learner "CartPole"'), /^ShivaError: learner "CartPole": update thread: backend: expected one of tensorflow-gpu, tensorflow, webgpu, wasm, wasm-threads, cpu, got "no-such-backend"$/);
  learner.dispose();
  await env.close();
});

test('weights written into a threaded learner before its first update (a warm start, DAgger) reach the replica: the update starts from them', async () => {
  const env = new LocalEnv('builtin:cartpole#0', getBuiltinEnv('cartpole').factory, { numAreas: 4, seed: 1 });
  await env.reset();
  const spec = env.behaviorSpecs.get('CartPole?team=0')!;
  const settings = cartpoleLearnerSettings(100_000);
  const learner = new PpoLearner(spec, { ...settings, threaded: true } as never, new RunSeeds(1));
  const initial = flat(learner.save());
  // Before any update nothing runs in a thread: the state is this learner's own, as unthreaded.
  const plain = new PpoLearner(spec, settings as never, new RunSeeds(1));
  assert.deepEqual(learner.save(), plain.save());
  // A warm start as init_path gives it (bc-meta-learner.ts): other weights written straight into the policy.
  const warm = new PpoLearner(spec, settings as never, new RunSeeds(2));
  learner.policy.load(warm.save()['policy'] as never, 'warm start');
  const warmWeights = flat(warm.save());
  let updates = 0;
  while (updates < 1) {
    const { decisionSteps, terminalSteps } = env.getSteps('CartPole?team=0');
    const [actions] = decide(learner, [{ source: 0, decisionSteps, terminalSteps }]);
    env.setActions('CartPole?team=0', actions!);
    await env.step();
    if (learner.maybeUpdate()) updates++;
  }
  // Two updates went to the thread; save() took the second: both trained from the warm start, not from the seed's weights.
  const trained = flat(learner.save());
  const toWarm = distance(trained, warmWeights);
  const toInitial = distance(trained, initial);
  assert.ok(toWarm < toInitial / 4, `distance to the warm start ${toWarm.toFixed(3)}, to the seed's initial weights ${toInitial.toFixed(3)}`);
  for (const l of [learner, plain, warm]) l.dispose();
  await env.close();
});

/** Every weight of a saved policy, in order. */
function flat(state: LearnerState): number[] {
  return (state['policy'] as { parameters: { values: number[] }[] }).parameters.flatMap((p) => p.values);
}

function distance(a: readonly number[], b: readonly number[]): number {
  return Math.sqrt(a.reduce((sum, x, i) => sum + (x - b[i]!) ** 2, 0));
}

test("every update's stats reach the summaries, the last one's too (taken from the thread when the run ends)", async () => {
  const lossPoints = async (threaded: boolean): Promise<number> => {
    const cartpole = getBuiltinEnv('cartpole');
    const envs = [0, 1].map((i) => new LocalEnv(`builtin:cartpole#${i}`, cartpole.factory, { numAreas: 4, seed: 10 + i }));
    const meta = new MetaLearner((behavior) => (behavior === 'CartPole?team=0' ? cartpolePlan(4_200, threaded) : null), new RunSeeds(3));
    let points = 0;
    // A summary at every step: each update's stats land in a summary of their own.
    const sink = { record: (tag: string) => void (tag === 'Losses/Policy Loss' && points++), flush: () => {} };
    await new Trainer(envs, meta, { summaryFreq: () => 1, checkpointInterval: () => 1e9, scalars: () => sink }).run();
    meta.dispose();
    return points;
  };
  const plain = await lossPoints(false);
  assert.ok(plain >= 3, `updates in 4,200 steps of 8 agents (buffer 1024): ${plain}`);
  assert.equal(await lossPoints(true), plain);
});
