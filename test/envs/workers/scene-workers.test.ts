/**
 * Built-in environments in worker threads (envs/workers/): the same seeded scene stepped with the same actions
 * in-process (LocalEnv) and in a worker (RemoteEnv over a WorkerLink) gives the same observations, rewards, dones,
 * masks, stats and drawings step for step; a scene's error comes back as a ShivaError naming the environment and
 * its worker, with the thread still serving the others; a thread that crashes or exits fails every environment it
 * hosts; close ends the threads (terminating one that does not end), and fails what was in flight.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { packAgentInfos, unpackAgentInfos } from '../../../src/core/env/agent-info-pack.js';
import { allocateAgentInfoBatch, emptyAgentInfoBatch } from '../../../src/core/env/agent-info-batch.js';
import { vectorObservation } from '../../../src/core/env/behavior-spec.js';
import type { Environment } from '../../../src/core/env/environment.js';
import type { EnvironmentParameter } from '../../../src/core/env/environment-parameters.js';
import { LocalEnv } from '../../../src/core/env/local-env.js';
import { randomActions } from '../../../src/core/env/random-policy.js';
import { isShivaError } from '../../../src/core/errors.js';
import { Rng } from '../../../src/core/runtime/rng.js';
import { EpisodeFrames } from '../../../src/training/episode-frames.js';
import { getBuiltinEnv } from '../../../envs/registry.js';
import { SceneWorker } from '../../../envs/workers/scene-worker.js';
import { openSceneWorkers } from '../../../envs/workers/scene-workers.js';

function localEnvs(scene: string, numEnvs: number, numAreas: number, seed: number): LocalEnv[] {
  const builtin = getBuiltinEnv(scene);
  return Array.from({ length: numEnvs }, (_, i) => new LocalEnv(`builtin:${scene}#${i}`, builtin.factory, { numAreas, seed: seed + i, decisionPeriod: builtin.decisionPeriod }));
}

/** Everything a trainer reads of one step, for comparing two environments. */
function snapshot(env: Environment): unknown {
  return [...env.behaviorSpecs.keys()].map((behavior) => {
    const { decisionSteps: d, terminalSteps: t } = env.getSteps(behavior);
    return {
      behavior,
      decisions: [d.agentIds, d.rewards, d.groupIds, d.groupRewards, d.actionMasks, ...d.observations].map((a) => (a === null ? null : Array.from(a))),
      terminals: [t.agentIds, t.rewards, t.interrupted, t.groupIds, t.groupRewards, ...t.observations].map((a) => Array.from(a)),
    };
  });
}

/** Steps `a` and `b` with the same random actions for `steps` steps, asserting each step's output is the same. */
async function stepInLockStep(a: Environment, b: Environment, steps: number, seed: number, watchArea: number | null): Promise<number> {
  const rng = new Rng(seed);
  let terminals = 0;
  if (watchArea !== null) {
    a.drawing?.(watchArea);
    b.drawing?.(watchArea);
  }
  await Promise.all([a.reset(), b.reset()]);
  for (let step = 0; step < steps; step++) {
    assert.deepEqual(snapshot(b), snapshot(a), `${b.name} after step ${step}`);
    if (watchArea !== null && step > 0) {
      const drawn = b.drawing!(watchArea);
      assert.ok(drawn !== null, `a drawing came with step ${step}`);
      assert.deepEqual(drawn, a.drawing!(watchArea), `drawing of area ${watchArea} after step ${step}`);
    }
    for (const [behavior, spec] of a.behaviorSpecs) {
      const { decisionSteps, terminalSteps } = a.getSteps(behavior);
      terminals += terminalSteps.count;
      if (decisionSteps.count === 0) continue;
      const actions = randomActions(spec.actionSpec, decisionSteps, rng);
      a.setActions(behavior, actions);
      b.setActions(behavior, { continuous: actions.continuous.slice(), discrete: actions.discrete.slice() });
    }
    await Promise.all([a.step(), b.step()]);
  }
  assert.deepEqual([...b.drainStats()], [...a.drainStats()], 'stats');
  return terminals;
}

test('packing a step keeps every array, including cached empty batches, and leaves the scene its own arrays', () => {
  const spec = { name: 'B?team=0', observationSpecs: [vectorObservation(3), vectorObservation(2)], actionSpec: { continuousSize: 0, discreteBranches: [3, 2] } };
  const full = allocateAgentInfoBatch(spec, 3, true);
  full.agentIds.set([4, 5, 6]);
  full.rewards.set([0.5, -1, 2]);
  full.done.set([1, 0, 0]);
  full.observations[0]!.set([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  full.observations[1]!.set([-1, -2, -3, -4, -5, -6]);
  full.actionMasks!.set([0, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 1, 0, 1, 0]);
  const empty = emptyAgentInfoBatch(spec);
  const output = new Map([['B?team=0', full], ['C?team=1', empty]]);
  const packed = packAgentInfos(output);
  const copy = structuredClone(packed, { transfer: [packed.buffer] });
  assert.equal(packed.buffer.byteLength, 0, 'the packed buffer was transferred');
  assert.deepEqual(unpackAgentInfos(copy), output);
  // The scene's own arrays (an empty batch it hands out every step) are untouched and can be packed again.
  assert.equal(full.observations[0]!.length, 9);
  assert.deepEqual(unpackAgentInfos(packAgentInfos(new Map([['C?team=1', empty]]))).get('C?team=1'), empty);
});

test('scout and cartpole in worker threads step exactly as in-process: observations, rewards, dones, masks, stats and drawings', async () => {
  for (const { scene, numAreas, steps, parameters, watch } of [
    { scene: 'cartpole', numAreas: 3, steps: 200, parameters: { max_steps: 40 } as Record<string, EnvironmentParameter>, watch: null },
    { scene: 'scout', numAreas: 2, steps: 80, parameters: {}, watch: 0 },
  ]) {
    const locals = localEnvs(scene, 2, numAreas, 11);
    const workers = openSceneWorkers({ scene, numEnvs: 2, numWorkers: 2, numAreas, seed: 11 });
    try {
      for (const env of [...locals, ...workers.envs]) env.setEnvironmentParameters(parameters);
      const terminals = await Promise.all(locals.map((local, i) => stepInLockStep(local, workers.envs[i]!, steps, 100 + i, watch)));
      if (scene === 'cartpole') assert.ok(terminals.every((t) => t >= 3 * numAreas), `episodes ended and were compared (${terminals.join(', ')} terminal records)`);
      assert.equal(workers.envs[1]!.name, locals[1]!.name);
    } finally {
      await workers.close();
    }
  }
});

test('a scene error in a worker is a ShivaError naming the environment and its worker; the worker serves its others on', async () => {
  const workers = openSceneWorkers({ scene: 'cartpole', numEnvs: 3, numWorkers: 2, numAreas: 1, seed: 3 });
  try {
    workers.envs[2]!.setEnvironmentParameters({ max_steps: 0 });
    await assert.rejects(workers.envs[2]!.reset(), (error: unknown) => {
      assert.ok(isShivaError(error));
      assert.equal(error.code, 'SHIVA_ERR_ENV');
      assert.match(error.message, /^builtin:cartpole#2 \(scene worker 0\): cartpole: environment parameter "max_steps": expected a finite number > 0, got 0$/);
      return true;
    });
    // Environment 0 lives in the same thread (i mod 2): it still steps.
    await workers.envs[0]!.reset();
    await workers.envs[0]!.step();
    assert.equal(workers.envs[0]!.getSteps('CartPole?team=0').decisionSteps.count, 1);
  } finally {
    await workers.close();
  }
  await assert.rejects(workers.envs[0]!.step(), (error: unknown) => isShivaError(error) && error.code === 'SHIVA_ERR_CLOSED' && /builtin:cartpole#0 \(scene worker 0\)/.test(error.message));
});

/** A thread that does whatever `onMessage` says with each message (CommonJS, as eval workers are). */
function fakeWorker(onMessage: string): Worker {
  return new Worker(`const { parentPort } = require('node:worker_threads'); parentPort.on('message', (m) => { ${onMessage} });`, { eval: true });
}

const request = (env: number) => ({ kind: 'exchange', env, command: 'reset', actions: [], parameters: [], drawAreas: [] }) as const;

test('a worker thread that crashes or exits on its own fails every environment it hosts, naming them', async () => {
  const names = new Map([[0, 'builtin:x#0'], [2, 'builtin:x#2']]);
  const crashing = new SceneWorker('scene worker 7', fakeWorker(`if (m.kind === 'exchange') throw new Error('the scene exploded');`), names);
  await assert.rejects(crashing.exchange(request(0)), /^ShivaError: builtin:x#0: scene worker 7 \(builtin:x#0, builtin:x#2\): the thread failed: the scene exploded$/);
  await assert.rejects(crashing.exchange(request(2)), (e: unknown) => isShivaError(e) && e.code === 'SHIVA_ERR_ENV' && e.message.startsWith('builtin:x#2: scene worker 7') && e.message.includes('the scene exploded'));
  await crashing.close();

  const exiting = new SceneWorker('scene worker 8', fakeWorker(`process.exit(3);`), names);
  await assert.rejects(exiting.exchange(request(2)), /the thread exited \(code 3\) before it was closed/);
  await exiting.close();

  // A failure the thread reports for one environment keeps its code.
  const refusing = new SceneWorker('scene worker 9', fakeWorker(`if (m.kind === 'exchange') parentPort.postMessage({ kind: 'error', env: m.env, code: 'SHIVA_ERR_MAP', message: 'bad map' }); else parentPort.close();`), names);
  await assert.rejects(refusing.exchange(request(0)), (e: unknown) => isShivaError(e) && e.code === 'SHIVA_ERR_MAP' && e.message === 'builtin:x#0 (scene worker 9): bad map');
  await refusing.close();
});

test('close ends a thread that ignores it (terminated after the grace period) and fails the exchange in flight', async () => {
  const thread = fakeWorker('/* never answers, never closes */');
  let exited = false;
  thread.once('exit', () => (exited = true));
  const worker = new SceneWorker('scene worker 1', thread, new Map([[1, 'builtin:x#1']]), { closeGraceMs: 100 });
  const inFlight = assert.rejects(worker.exchange(request(1)), (e: unknown) => isShivaError(e) && e.code === 'SHIVA_ERR_CLOSED' && e.message.startsWith('builtin:x#1: scene worker 1'));
  const started = Date.now();
  await worker.close();
  assert.ok(exited, 'the thread ended');
  assert.ok(Date.now() - started < 2000);
  await inFlight;
  await assert.rejects(worker.exchange(request(1)), (e: unknown) => isShivaError(e) && e.code === 'SHIVA_ERR_CLOSED');
});

test('episode frames (--record-episodes) are written for a scene stepped in a worker', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'shiva-worker-frames-'));
  const workers = openSceneWorkers({ scene: 'duel', numEnvs: 1, numWorkers: 1, numAreas: 1, seed: 2 });
  try {
    const env = workers.envs[0]!;
    const frames = new EpisodeFrames(dir, [env], { keep: 3 });
    const rng = new Rng(9);
    await env.reset();
    for (let step = 0; step < 200; step++) {
      for (const [behavior, spec] of env.behaviorSpecs) {
        const { decisionSteps } = env.getSteps(behavior);
        if (decisionSteps.count > 0) env.setActions(behavior, randomActions(spec.actionSpec, decisionSteps, rng));
      }
      await env.step();
      frames.capture(0);
    }
    const files = readdirSync(dir);
    assert.ok(files.length >= 1 && files.length <= 3, `episode files: ${files.join(', ')}`);
    assert.ok(files.every((f) => f.startsWith('builtin_duel_0-0-')), files.join(', '));
  } finally {
    await workers.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
