/**
 * PPO learns: two tiny tasks with a plain loop, no environment framework. Seeded, a few seconds each.
 * - A contextual bandit with discrete actions: the context is one of 3 (one-hot); the right action is
 *   (context + 1) mod 3, paying 1, every other action 0. A uniform policy earns 1/3.
 * - A contextual bandit with a continuous action: the context c is uniform in [−1, 1]; reward −(a − c/2)²
 *   for the clipped action a. The initial policy (σ = 1) earns about −0.5.
 * Each round, 64 agents each play a one-step episode (a true terminal).
 */
import { CLEANRL_PPO } from '../../helpers/earlier-defaults.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { act } from '../../../agents/networks/acting.js';
import { ActorCritic } from '../../../agents/networks/actor-critic.js';
import { ppoHyperparameters, type PpoHyperparameters } from '../../../agents/ppo/hyperparameters.js';
import { Ppo } from '../../../agents/ppo/ppo.js';
import { RolloutBuffer } from '../../../agents/ppo/rollout-buffer.js';
import { vectorObservation, type BehaviorSpec } from '../../../src/core/env/behavior-spec.js';
import { chooseBackend } from '../../../src/core/runtime/backend.js';
import { RunSeeds } from '../../../src/core/runtime/seeding.js';

await chooseBackend('wasm');

const AGENTS = 64;

interface Task {
  readonly spec: BehaviorSpec;
  observe(rng: { next(): number }, out: Float32Array): void;
  reward(obs: Float32Array, agent: number, continuous: Float32Array, discrete: Int32Array): number;
}

/** Trains for `updates` updates; returns the mean reward of each update's batch. */
function train(task: Task, hp: PpoHyperparameters, updates: number, seed: number): number[] {
  const seeds = new RunSeeds(seed);
  const envRng = seeds.rng('env');
  const actRng = seeds.rng('act');
  const policy = new ActorCritic(task.spec, { hiddenUnits: 32, numLayers: 2 }, seeds.rng('init'));
  const ppo = new Ppo(policy, hp, seeds.rng('ppo'));
  const size = task.spec.observationSpecs[0]!.shape[0]!;
  const buffer = new RolloutBuffer(task.spec.actionSpec, [size], hp.time_horizon);
  const agentIds = Int32Array.from({ length: AGENTS }, (_, i) => i);
  const none = { groupIds: new Int32Array(AGENTS), groupRewards: new Float32Array(AGENTS) };
  const means: number[] = [];
  for (let u = 0; u < updates; u++) {
    let total = 0;
    let episodes = 0;
    while (buffer.size < hp.buffer_size) {
      const obs = new Float32Array(AGENTS * size);
      task.observe(envRng, obs);
      const decisions = { count: AGENTS, agentIds, observations: [obs], rewards: new Float32Array(AGENTS), actionMasks: null, ...none };
      const out = act(policy, decisions, actRng);
      buffer.addDecisions(0, decisions, out);
      const rewards = Float32Array.from({ length: AGENTS }, (_, i) => task.reward(obs, i, out.continuous, out.discrete));
      buffer.endEpisodes(0, { ...decisions, rewards, interrupted: new Uint8Array(AGENTS) }, null);
      total += rewards.reduce((a, b) => a + b, 0);
      episodes += AGENTS;
    }
    means.push(total / episodes);
    ppo.update(buffer.drain(hp.gamma, hp.lambd), u / updates);
  }
  ppo.dispose();
  policy.dispose();
  return means;
}

test('PPO learns a discrete contextual bandit: mean reward from ~1/3 to ≥ 0.9 within 10 updates', () => {
  const task: Task = {
    spec: { name: 'Bandit?team=0', observationSpecs: [vectorObservation(3)], actionSpec: { continuousSize: 0, discreteBranches: [3] } },
    observe(rng, out) {
      out.fill(0);
      for (let i = 0; i < AGENTS; i++) out[i * 3 + Math.floor(rng.next() * 3)] = 1;
    },
    reward(obs, i, _c, discrete) {
      const context = obs.subarray(i * 3, i * 3 + 3).indexOf(1);
      return discrete[i] === (context + 1) % 3 ? 1 : 0;
    },
  };
  const hp = ppoHyperparameters({ ...CLEANRL_PPO, batch_size: 64, buffer_size: 256, learning_rate: 3e-3, num_epoch: 4, beta: 0.001, learning_rate_schedule: 'constant' });
  const means = train(task, hp, 10, 1);
  assert.ok(Math.abs(means[0]! - 1 / 3) < 0.1, `starts near uniform: ${means[0]}`);
  assert.ok(means.at(-1)! >= 0.9, `mean reward per update: ${means.map((m) => m.toFixed(2)).join(' ')}`);
});

test('PPO learns a continuous contextual bandit: mean reward from about −0.5 to ≥ −0.05 within 20 updates', () => {
  const task: Task = {
    spec: { name: 'Reach?team=0', observationSpecs: [vectorObservation(1)], actionSpec: { continuousSize: 1, discreteBranches: [] } },
    observe(rng, out) {
      for (let i = 0; i < AGENTS; i++) out[i] = rng.next() * 2 - 1;
    },
    reward(obs, i, continuous) {
      return -((continuous[i]! - obs[i]! / 2) ** 2);
    },
  };
  const hp = ppoHyperparameters({ ...CLEANRL_PPO, batch_size: 64, buffer_size: 256, learning_rate: 1e-2, num_epoch: 4, beta: 0, learning_rate_schedule: 'constant' });
  const means = train(task, hp, 20, 2);
  assert.ok(means[0]! < -0.3, `starts poor: ${means[0]}`);
  assert.ok(means.at(-1)! >= -0.05, `mean reward per update: ${means.map((m) => m.toFixed(3)).join(' ')}`);
});
