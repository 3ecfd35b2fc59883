/**
 * TD3 and DDPG on a one-step continuous bandit whose best action is known: reward −(a − 0.5)², every step
 * terminal, so Q(s, a) should become −(a − 0.5)² and μ(s) should climb to 0.5. Learned from a replay buffer of
 * uniform actions. An untrained actor outputs μ ≈ 0 (reward −0.25).
 */
import { SB3_TD3 } from '../../helpers/earlier-defaults.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { DDPG_SWITCHES, td3Hyperparameters } from '../../../agents/td3/hyperparameters.js';
import { Td3 } from '../../../agents/td3/td3.js';
import { ReplayBuffer } from '../../../agents/replay/replay-buffer.js';
import { replaySpecOf } from '../../../agents/replay/replay-types.js';
import { vectorObservation, type BehaviorSpec } from '../../../src/core/env/behavior-spec.js';
import { chooseBackend } from '../../../src/core/runtime/backend.js';
import { Rng } from '../../../src/core/runtime/rng.js';
import { RunSeeds } from '../../../src/core/runtime/seeding.js';

await chooseBackend('wasm');

const spec: BehaviorSpec = { name: 'Bandit?team=0', observationSpecs: [vectorObservation(2)], actionSpec: { continuousSize: 1, discreteBranches: [] } };
const BEST = 0.5;
const OBS = Float32Array.from([1, -0.5]);

/** 512 one-step transitions with uniform actions. */
function banditBuffer(rng: Rng): ReplayBuffer {
  const buffer = new ReplayBuffer(512, replaySpecOf(spec));
  for (let i = 0; i < 512; i++) {
    const a = rng.uniform(-1, 1);
    buffer.add({ observations: [OBS], continuousActions: Float32Array.of(a), discreteActions: new Int32Array(0), actionMask: null, reward: -((a - BEST) ** 2), nextObservations: [OBS], nextActionMask: null, done: true, discount: 0.99 });
  }
  return buffer;
}

for (const variant of ['td3', 'ddpg'] as const) {
  test(`${variant}: μ(s) reaches the bandit's best action 0.5 within ±0.1 in 400 gradient steps (seed 3)`, () => {
    const hp = td3Hyperparameters({ ...SB3_TD3, batch_size: 64, buffer_size: 512, learning_rate: 1e-3, tau: 0.05, ...(variant === 'ddpg' ? DDPG_SWITCHES : {}) });
    const td3 = new Td3(spec, { hiddenUnits: 64, numLayers: 2, activation: 'relu' }, hp, new RunSeeds(3), 'bandit');
    assert.equal(td3.critics.length, variant === 'td3' ? 2 : 1);
    const rng = new Rng(3);
    const buffer = banditBuffer(rng);
    const before = td3.actor.forwardHost([OBS], 1)[0]!;
    assert.ok(Math.abs(before) < 0.1, `untrained μ ≈ 0, got ${before}`);
    const tensors = tf.memory().numTensors;
    let actorSteps = 0;
    for (let i = 0; i < 400; i++) if (td3.gradientStep(buffer.sample(64, rng), rng).actorUpdated) actorSteps++;
    assert.equal(tf.memory().numTensors, tensors, 'no tensor outlives a step');
    assert.equal(actorSteps, variant === 'td3' ? 200 : 400, 'policy_delay 2 (td3) or 1 (ddpg)');
    const after = td3.actor.forwardHost([OBS], 1)[0]!;
    assert.ok(Math.abs(after - BEST) < 0.1, `μ(s) = ${after}, expected ${BEST} ± 0.1`);
    // The critic learned the reward's shape: Q(s, 0.5) above Q(s, −0.5) by about 1 (true gap: 1).
    const q = td3.critics[0]!.forwardHost([Float32Array.from([...OBS, ...OBS])], Float32Array.of(0.5, -0.5), 2);
    assert.ok(q[0]! - q[1]! > 0.6, `Q(0.5) − Q(−0.5) = ${q[0]! - q[1]!}`);
    td3.dispose();
  });
}
