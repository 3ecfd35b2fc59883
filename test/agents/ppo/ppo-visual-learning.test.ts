/**
 * PPO learns through each of ML-Agents' visual encoders: a visual contextual bandit, seeded, a few seconds each.
 * One image [1, S, S] per agent, S the encoder's minimum side (fully_connected and match3: 8); the left half or
 * the right half is lit (pixels 1, the rest 0), and action 0 pays 1 for a lit left half, action 1 for a lit right
 * half. A uniform policy earns 1/2. Each round 32 agents play one-step episodes, 64 per update; the test asserts
 * the mean reward of the last (6th) update's batch is ≥ 0.85. Seeded (wasm), the batches' mean rewards were
 * (since images act through tfjs at every batch size and convolution input gradients run as convolutions):
 *   simple 0.41 0.72 0.94 0.97 1.00 1.00       nature_cnn 0.41 0.59 0.86 0.94 0.98 0.91
 *   match3 0.41 0.67 0.91 0.97 0.98 1.00       fully_connected 0.41 0.69 0.92 0.97 1.00 1.00
 *   resnet (learning rate 3e-3) 0.41 0.53 0.73 0.89 0.84 0.91
 */
import { CLEANRL_PPO } from '../../helpers/earlier-defaults.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { act } from '../../../agents/networks/acting.js';
import { ActorCritic } from '../../../agents/networks/actor-critic.js';
import { MIN_RESOLUTION, VIS_ENCODE_TYPES, type VisEncodeType } from '../../../agents/networks/visual-encoder-types.js';
import { ppoHyperparameters } from '../../../agents/ppo/hyperparameters.js';
import { Ppo } from '../../../agents/ppo/ppo.js';
import { RolloutBuffer } from '../../../agents/ppo/rollout-buffer.js';
import type { BehaviorSpec } from '../../../src/core/env/behavior-spec.js';
import { chooseBackend } from '../../../src/core/runtime/backend.js';
import { RunSeeds } from '../../../src/core/runtime/seeding.js';

await chooseBackend('wasm');

const AGENTS = 32;
const UPDATES = 6;
/** resnet's final ReLU dies at 1e-2 (every feature 0, the policy back to uniform); it takes a smaller step. */
const LEARNING_RATE: Readonly<Record<VisEncodeType, number>> = { simple: 1e-2, nature_cnn: 1e-2, match3: 1e-2, fully_connected: 1e-2, resnet: 3e-3 };

/** Mean reward of each update's batch. */
function train(type: VisEncodeType, seed: number): number[] {
  const side = Math.max(8, MIN_RESOLUTION[type]);
  const size = side * side;
  const spec: BehaviorSpec = {
    name: 'Look?team=0',
    observationSpecs: [{ name: 'Camera', shape: [1, side, side], dimensionProperties: [1, 2, 2], observationType: 0 }],
    actionSpec: { continuousSize: 0, discreteBranches: [2] },
  };
  const hp = ppoHyperparameters({ ...CLEANRL_PPO, batch_size: 32, buffer_size: 64, learning_rate: LEARNING_RATE[type], num_epoch: 4, beta: 0.001, learning_rate_schedule: 'constant' });
  const seeds = new RunSeeds(seed);
  const envRng = seeds.rng('env');
  const actRng = seeds.rng('act');
  const policy = new ActorCritic(spec, { hiddenUnits: 16, numLayers: 1, visEncodeType: type }, seeds.rng('init'));
  const ppo = new Ppo(policy, hp, seeds.rng('ppo'));
  const buffer = new RolloutBuffer(spec.actionSpec, [size], hp.time_horizon);
  const agentIds = Int32Array.from({ length: AGENTS }, (_, i) => i);
  const none = { groupIds: new Int32Array(AGENTS), groupRewards: new Float32Array(AGENTS) };
  const means: number[] = [];
  try {
    for (let u = 0; u < UPDATES; u++) {
      let total = 0;
      let episodes = 0;
      while (buffer.size < hp.buffer_size) {
        const obs = new Float32Array(AGENTS * size);
        const lit = Array.from({ length: AGENTS }, () => (envRng.next() < 0.5 ? 0 : 1));
        lit.forEach((half, i) => {
          for (let y = 0; y < side; y++) for (let x = 0; x < side; x++) if ((x < side / 2 ? 0 : 1) === half) obs[i * size + y * side + x] = 1;
        });
        const decisions = { count: AGENTS, agentIds, observations: [obs], rewards: new Float32Array(AGENTS), actionMasks: null, ...none };
        const out = act(policy, decisions, actRng);
        buffer.addDecisions(0, decisions, out);
        const rewards = Float32Array.from(lit, (half, i) => (out.discrete[i] === half ? 1 : 0));
        buffer.endEpisodes(0, { ...decisions, rewards, interrupted: new Uint8Array(AGENTS) }, null);
        total += rewards.reduce((a, b) => a + b, 0);
        episodes += AGENTS;
      }
      means.push(total / episodes);
      ppo.update(buffer.drain(hp.gamma, hp.lambd), u / UPDATES);
    }
  } finally {
    ppo.dispose();
    policy.dispose();
  }
  return means;
}

for (const type of VIS_ENCODE_TYPES) {
  test(`PPO with the ${type} encoder learns a visual bandit: mean reward from ~1/2 to ≥ 0.85 within ${UPDATES} updates`, () => {
    const means = train(type, 5);
    const shown = means.map((m) => m.toFixed(2)).join(' ');
    console.log(`# ${type}: mean reward per update ${shown}`);
    assert.ok(Math.abs(means[0]! - 0.5) < 0.15, `starts near uniform: ${shown}`);
    assert.ok(means.at(-1)! >= 0.85, `mean reward per update: ${shown}`);
  });
}
