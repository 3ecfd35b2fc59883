/**
 * Batching decisions with rxjs, in virtual time (TestScheduler): the bufferUntil operator by count, by window and
 * on a recheck; the router by "every environment asked", by window, by agent count, when an environment leaves,
 * per behavior, with actions returned to each environment in its agents' order, and errors going back to every
 * request of the failed batch. Then the trainer with environments out of lock-step (real time, small window).
 */
import { CLEANRL_PPO } from '../helpers/earlier-defaults.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tap } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { ppoHyperparameters } from '../../agents/ppo/hyperparameters.js';
import { getBuiltinEnv } from '../../envs/registry.js';
import { DECISION_ROUTING_DEFAULTS } from '../../src/config/index.js';
import { bufferUntil } from '../../src/decisions/buffer-until.js';
import { DecisionRouter, ROUTER_DEFAULTS, type DecisionRequest } from '../../src/decisions/decision-router.js';
import type { ActionTuple } from '../../src/core/env/action-tuple.js';
import type { Environment } from '../../src/core/env/environment.js';
import { LocalEnv } from '../../src/core/env/local-env.js';
import { chooseBackend } from '../../src/core/runtime/backend.js';
import { RunSeeds } from '../../src/core/runtime/seeding.js';
import { MetaLearner } from '../../src/training/meta-learner.js';
import { Trainer } from '../../src/training/trainer.js';
import { decisionSteps, terminalSteps } from './helpers.js';

const marbles = () => new TestScheduler((actual, expected) => assert.deepEqual(actual, expected));

test('bufferUntil: a batch goes as soon as it is full, synchronously with the item that filled it', () => {
  marbles().run(({ hot, expectObservable }) => {
    const source = hot('a-b-c-d-e|');
    expectObservable(source.pipe(bufferUntil({ isFull: (b) => b.length >= 2, windowMs: 100 }))).toBe('--x---y--(z|)', { x: ['a', 'b'], y: ['c', 'd'], z: ['e'] });
  });
});

test('bufferUntil: a batch that never fills goes windowMs after its first item; no timer runs while nothing waits', () => {
  marbles().run(({ hot, expectObservable }) => {
    const source = hot('a 3ms b 10ms c 20ms |');
    expectObservable(source.pipe(bufferUntil({ isFull: () => false, windowMs: 5 }))).toBe('5ms x 14ms y 15ms |', { x: ['a', 'b'], y: ['c'] });
  });
});

test('bufferUntil: with no window (null) a batch goes only when full, never by the clock', () => {
  marbles().run(({ hot, expectObservable }) => {
    const source = hot('a 300ms b 1s c 2s d 50ms |');
    expectObservable(source.pipe(bufferUntil({ isFull: (b) => b.length >= 2, windowMs: null }))).toBe('301ms x 3001ms y 50ms |', { x: ['a', 'b'], y: ['c', 'd'] });
  });
});

test('bufferUntil: a recheck sends a waiting batch that has become full', () => {
  marbles().run(({ hot, expectObservable }) => {
    let needed = 3;
    const recheck = hot('----r').pipe(tap(() => (needed = 2)));
    const source = hot('a-b------c-d');
    expectObservable(source.pipe(bufferUntil({ isFull: (b) => b.length >= needed, windowMs: 100, recheck }))).toBe('----x------y', { x: ['a', 'b'], y: ['c', 'd'] });
  });
});

/** A request of `behavior` from environment `source` for agents `ids` (one observation each: the id). */
function request(behavior: string, source: number, ids: number[]): DecisionRequest {
  const steps = decisionSteps(Float32Array.from(ids), 1, Int32Array.from(ids));
  return { behavior, source, decisionSteps: steps, terminalSteps: terminalSteps(decisionSteps(new Float32Array(0), 1)) };
}

interface Served {
  readonly at: number;
  readonly behavior: string;
  readonly sources: number[];
}

/** A router in virtual time whose handler answers each agent with 2 × its id, and logs every batch. */
function virtualRouter(options: { windowMs: number; maxBatchAgents?: number }, fail = false) {
  const scheduler = new TestScheduler(() => undefined);
  const served: Served[] = [];
  const router = new DecisionRouter(
    (behavior, requests) => {
      served.push({ at: scheduler.now(), behavior, sources: requests.map((r) => r.source) });
      if (fail) throw new Error('the learner failed');
      return requests.map((r): ActionTuple => ({ continuous: new Float32Array(0), discrete: r.decisionSteps.agentIds.map((id) => 2 * id) }));
    },
    { ...options, scheduler },
  );
  const answers: Promise<ActionTuple>[] = [];
  const at = (time: number, fn: () => void) => scheduler.schedule(fn, time);
  const ask = (time: number, r: DecisionRequest) => at(time, () => answers.push(router.decide(r)));
  return { scheduler, served, router, answers, at, ask };
}

test('router: a behavior\'s batch goes when every environment that serves it has asked, and each gets its own rows back in order', async () => {
  const v = virtualRouter({ windowMs: 5 });
  v.router.expect(0, 'B');
  v.router.expect(1, 'B');
  v.ask(0, request('B', 0, [10, 11, 12]));
  v.ask(3, request('B', 1, [7, 3]));
  v.scheduler.flush();
  assert.deepEqual(v.served, [{ at: 3, behavior: 'B', sources: [0, 1] }]);
  const [a, b] = await Promise.all(v.answers);
  assert.deepEqual([...a!.discrete], [20, 22, 24]);
  assert.deepEqual([...b!.discrete], [14, 6]);
});

test('router: an environment that is late does not hold the others past the window', async () => {
  const v = virtualRouter({ windowMs: 5 });
  v.router.expect(0, 'B');
  v.router.expect(1, 'B');
  v.ask(0, request('B', 0, [1]));
  v.ask(8, request('B', 1, [2]));
  v.ask(9, request('B', 0, [1]));
  v.scheduler.flush();
  // Source 0 alone at 5 (window); source 1 at 8 waits for source 0, which asks at 9: together at 9.
  assert.deepEqual(v.served, [
    { at: 5, behavior: 'B', sources: [0] },
    { at: 9, behavior: 'B', sources: [1, 0] },
  ]);
  assert.deepEqual((await Promise.all(v.answers)).map((x) => [...x.discrete]), [[2], [4], [2]]);
});

test('router: a batch goes at once when it holds max_batch agents, and when a waited-for environment leaves', () => {
  const v = virtualRouter({ windowMs: 50, maxBatchAgents: 4 });
  for (const s of [0, 1, 2]) v.router.expect(s, 'B');
  v.ask(0, request('B', 0, [1, 2]));
  v.ask(1, request('B', 1, [3, 4]));
  v.ask(10, request('B', 2, [5]));
  v.ask(11, request('B', 0, [6]));
  v.at(15, () => v.router.leave(1));
  v.scheduler.flush();
  assert.deepEqual(v.served, [
    { at: 1, behavior: 'B', sources: [0, 1] },
    { at: 15, behavior: 'B', sources: [2, 0] },
  ]);
});

test('router: behaviors are batched apart; a failed batch rejects each of its requests; close rejects those waiting', async () => {
  const v = virtualRouter({ windowMs: 5 });
  for (const s of [0, 1]) for (const b of ['A', 'B']) v.router.expect(s, b);
  v.ask(0, request('A', 0, [1]));
  v.ask(0, request('B', 0, [2]));
  v.ask(2, request('B', 1, [3]));
  v.scheduler.flush();
  assert.deepEqual(v.served, [
    { at: 2, behavior: 'B', sources: [0, 1] },
    { at: 5, behavior: 'A', sources: [0] },
  ]);

  const failing = virtualRouter({ windowMs: 5 }, true);
  failing.ask(0, request('B', 0, [1]));
  failing.scheduler.flush();
  await assert.rejects(failing.answers[0]!, /the learner failed/);

  const closing = virtualRouter({ windowMs: 5 });
  closing.router.expect(1, 'B');
  const waiting = closing.router.decide(request('B', 0, [1]));
  closing.router.close();
  await assert.rejects(waiting, (e: Error & { code?: string }) => e.code === 'SHIVA_ERR_CLOSED');
  await assert.rejects(closing.router.decide(request('B', 0, [1])), (e: Error & { code?: string }) => e.code === 'SHIVA_ERR_CLOSED');
});

test("the config's shiva.decisions defaults are the router's", () => {
  assert.deepEqual({ windowMs: DECISION_ROUTING_DEFAULTS.windowMs, maxBatchAgents: DECISION_ROUTING_DEFAULTS.maxBatch }, ROUTER_DEFAULTS);
});

/** `env` seen through a wrapper that counts its action batches and makes each step take `delayMs` of real time. */
function wrapped(env: Environment, delayMs: number, counts: number[], i: number): Environment {
  return {
    get name() {
      return env.name;
    },
    get behaviorSpecs() {
      return env.behaviorSpecs;
    },
    reset: () => env.reset(),
    step: async () => {
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      await env.step();
    },
    getSteps: (behavior) => env.getSteps(behavior),
    setActions: (behavior, actions) => {
      counts[i]!++;
      env.setActions(behavior, actions);
    },
    setActionForAgent: (behavior, agentId, action) => env.setActionForAgent(behavior, agentId, action),
    setEnvironmentParameters: (params) => env.setEnvironmentParameters(params),
    setEngineConfiguration: (config) => env.setEngineConfiguration(config),
    drainStats: () => env.drainStats(),
    close: () => env.close(),
  };
}

test('trainer: environments in lock-step share every forward pass without waiting; a slow one is batched by the window and does not hold the fast one back', async () => {
  await chooseBackend('wasm');
  const cartpole = getBuiltinEnv('cartpole');
  const plan = (maxSteps: number) => ({
    learnerId: 'CartPole',
    trainerType: 'ppo' as const,
    hyperparameters: ppoHyperparameters({ ...CLEANRL_PPO, batch_size: 64, buffer_size: 256, num_epoch: 1, time_horizon: 32 }),
    network: { hiddenUnits: 16, numLayers: 1 },
    maxSteps,
    rewardStrength: 1,
    summaryFreq: 1e9,
    checkpointInterval: 1e9,
    keepCheckpoints: 1,
  });
  const run = async (delays: number[], maxSteps: number, windowMs: number) => {
    const steps = delays.map(() => 0);
    const envs = delays.map((d, i) => wrapped(new LocalEnv(`builtin:cartpole#${i}`, cartpole.factory, { numAreas: 2, seed: i }), d, steps, i));
    const meta = new MetaLearner(() => plan(maxSteps), new RunSeeds(1));
    const trainer = new Trainer(envs, meta, { summaryFreq: () => 1e9, checkpointInterval: () => 1e9, router: { windowMs } });
    await trainer.run();
    meta.dispose();
    return { stats: trainer.decisionStats, steps };
  };
  // Lock-step environments never need the window: with a long one (1 s), a batch that waited for it would show
  // as windowed (and a slow test); a 1 ms window could expire on a loaded machine between the two loops' asks.
  const lockStep = await run([0, 0], 600, 1000);
  assert.equal(lockStep.stats.windowed, 0, 'no batch waited for the window');
  assert.equal(lockStep.stats.requests, 2 * lockStep.stats.batches, 'every batch served both environments');
  assert.ok(lockStep.stats.batches >= 150, JSON.stringify(lockStep));

  const uneven = await run([0, 8], 400, 1);
  assert.ok(uneven.stats.windowed > 0, `some batches went by the window: ${JSON.stringify(uneven)}`);
  assert.ok(uneven.steps[0]! > 2 * uneven.steps[1]!, `the fast environment kept stepping: ${JSON.stringify(uneven.steps)}`);
});

test('trainer: in-process scenes are batched by who asked, never by the clock, so a slow loop cannot split batches (seeded runs repeat under load)', async () => {
  await chooseBackend('wasm');
  const cartpole = getBuiltinEnv('cartpole');
  const envs = [0, 1].map((i) => new LocalEnv(`builtin:cartpole#${i}`, cartpole.factory, { numAreas: 2, seed: i }));
  const meta = new MetaLearner(
    () => ({
      learnerId: 'CartPole',
      trainerType: 'ppo' as const,
      hyperparameters: ppoHyperparameters({ ...CLEANRL_PPO, batch_size: 64, buffer_size: 256, num_epoch: 1, time_horizon: 32 }),
      network: { hiddenUnits: 16, numLayers: 1 },
      maxSteps: 400,
      rewardStrength: 1,
      summaryFreq: 1e9,
      checkpointInterval: 1e9,
      keepCheckpoints: 1,
    }),
    new RunSeeds(1),
  );
  // A 0 ms window would go at the next turn of the event loop; environment 0's loop is made slow after each step
  // (a busy 3 ms, as a loaded machine or a long update would) and yields to the event loop every 50 ms, where a
  // clock would cut the waiting batch short.
  const busy = (ms: number) => {
    const until = performance.now() + ms;
    while (performance.now() < until);
  };
  const trainer = new Trainer(envs, meta, { summaryFreq: () => 1e9, checkpointInterval: () => 1e9, router: { windowMs: 0 }, afterEnvironmentStep: (source) => source === 0 && busy(3) });
  await trainer.run();
  meta.dispose();
  const stats = trainer.decisionStats;
  assert.equal(stats.windowed, 0, JSON.stringify(stats));
  assert.equal(stats.requests, 2 * stats.batches, `every batch served both environments: ${JSON.stringify(stats)}`);
});
