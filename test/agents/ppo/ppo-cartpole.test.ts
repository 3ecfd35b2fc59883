/**
 * PPO on the built-in CartPole (envs/cartpole) stepped in-process through LocalEnv and the Environment API,
 * with a plain collection loop (the meta-learner in src/training does this for real). Seeded; stops as soon
 * as the mean return of the last 20 episodes reaches 150, and fails if that takes more than 60k env steps.
 */
import { CLEANRL_PPO } from '../../helpers/earlier-defaults.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { act, predictValues } from '../../../agents/networks/acting.js';
import { ActorCritic } from '../../../agents/networks/actor-critic.js';
import { ppoHyperparameters } from '../../../agents/ppo/hyperparameters.js';
import { Ppo } from '../../../agents/ppo/ppo.js';
import { RolloutBuffer } from '../../../agents/ppo/rollout-buffer.js';
import { CARTPOLE_BEHAVIOR, createCartPoleScene } from '../../../envs/cartpole/cartpole-scene.js';
import { LocalEnv } from '../../../src/core/env/local-env.js';
import { chooseBackend } from '../../../src/core/runtime/backend.js';
import { RunSeeds } from '../../../src/core/runtime/seeding.js';

await chooseBackend('wasm');

const TARGET = 150;
const MAX_ENV_STEPS = 60_000;

test(`PPO balances CartPole: mean return of the last 20 episodes ≥ ${TARGET} within ${MAX_ENV_STEPS} env steps`, async (t) => {
  const seeds = new RunSeeds(1);
  const env = new LocalEnv('builtin:cartpole#0', createCartPoleScene, { numAreas: 8, seed: 1 });
  await env.reset();
  const spec = env.behaviorSpecs.get(CARTPOLE_BEHAVIOR)!;
  const hp = ppoHyperparameters({ ...CLEANRL_PPO, batch_size: 256, buffer_size: 1024, learning_rate: 1e-3, num_epoch: 4, beta: 0.005, time_horizon: 128 });
  const policy = new ActorCritic(spec, { hiddenUnits: 64, numLayers: 2, activation: 'tanh' }, seeds.rng('init'));
  const ppo = new Ppo(policy, hp, seeds.rng('ppo'));
  const buffer = new RolloutBuffer(spec.actionSpec, policy.observationSizes, hp.time_horizon);
  const rng = seeds.rng('act');

  const running = new Map<number, number>();
  const returns: number[] = [];
  const recent = () => returns.slice(-20).reduce((a, b) => a + b, 0) / Math.min(20, returns.length);
  let envSteps = 0;
  const started = Date.now();
  while (envSteps < MAX_ENV_STEPS && !(returns.length >= 20 && recent() >= TARGET)) {
    const { decisionSteps, terminalSteps } = env.getSteps(CARTPOLE_BEHAVIOR);
    if (terminalSteps.count > 0) {
      const bootstrap = terminalSteps.interrupted.some((x) => x === 1) ? predictValues(policy, terminalSteps.observations, terminalSteps.count) : null;
      buffer.endEpisodes(0, terminalSteps, bootstrap);
      for (let i = 0; i < terminalSteps.count; i++) {
        const id = terminalSteps.agentIds[i]!;
        returns.push((running.get(id) ?? 0) + terminalSteps.rewards[i]!);
        running.set(id, 0);
      }
    }
    for (let i = 0; i < decisionSteps.count; i++) {
      const id = decisionSteps.agentIds[i]!;
      running.set(id, (running.get(id) ?? 0) + decisionSteps.rewards[i]!);
    }
    const out = act(policy, decisionSteps, rng);
    buffer.addDecisions(0, decisionSteps, out);
    env.setActions(CARTPOLE_BEHAVIOR, { continuous: out.continuous, discrete: out.discrete });
    await env.step();
    envSteps += decisionSteps.count;
    if (buffer.size >= hp.buffer_size) ppo.update(buffer.drain(hp.gamma, hp.lambd), envSteps / MAX_ENV_STEPS);
  }
  const seconds = (Date.now() - started) / 1000;
  const report = `${returns.length} episodes, ${envSteps} env steps, ${seconds.toFixed(1)} s (${Math.round(envSteps / seconds)} steps/s), mean of last 20: ${recent().toFixed(1)}`;
  t.diagnostic(`cartpole: ${report}`);
  assert.ok(recent() >= TARGET, report);
  ppo.dispose();
  policy.dispose();
  await env.close();
});
