/**
 * One PPO update (configs/cartpole.yaml's: 512 transitions, 4 epochs × 4 minibatches of 128, 64-64 tanh actor and
 * critic) timed alone on random CartPole-shaped data, with the kernels tfjs runs per minibatch counted. For
 * profiling the update; bench:ppo-throughput is the figure.
 *
 *   node dist/bench/ppo-update-micro.js [--updates 60] [--backend wasm]
 */
import * as tf from '@tensorflow/tfjs';
import { ActorCritic } from '../agents/networks/actor-critic.js';
import { ppoHyperparameters } from '../agents/ppo/hyperparameters.js';
import { Ppo } from '../agents/ppo/ppo.js';
import type { TrainingBatch } from '../agents/ppo/update-buffer.js';
import { CARTPOLE_BEHAVIOR, createCartPoleScene } from '../envs/cartpole/cartpole-scene.js';
import { LocalEnv } from '../src/core/env/local-env.js';
import { chooseBackend } from '../src/core/runtime/backend.js';
import { RunSeeds } from '../src/core/runtime/seeding.js';
import { flag, median, numberFlag } from './ppo-bench-common.js';

const UPDATES = numberFlag('updates', 60);
await chooseBackend(flag('backend', 'wasm') as 'wasm');
const env = new LocalEnv('builtin:cartpole#0', createCartPoleScene, { numAreas: 1, seed: 1 });
await env.reset();
const spec = env.behaviorSpecs.get(CARTPOLE_BEHAVIOR)!;
const seeds = new RunSeeds(1);
const hp = ppoHyperparameters({ batch_size: 128, buffer_size: 512, learning_rate: 1e-3, num_epoch: 4, beta: 0.01, epsilon: 0.2, max_grad_norm: 0.5, clip_value_loss: true, adam_epsilon: 1e-5 });
const policy = new ActorCritic(spec, { hiddenUnits: 64, numLayers: 2, activation: 'tanh', normalize: false }, seeds.rng('init'));
const ppo = new Ppo(policy, hp, seeds.rng('ppo'));
const rng = seeds.rng('data');
const n = 512;
const random = (k: number, scale = 1) => Float32Array.from({ length: k }, () => (rng.next() * 2 - 1) * scale);
const batch: TrainingBatch = {
  size: n,
  observations: [random(n * 4)],
  continuousActions: new Float32Array(0),
  discreteActions: Int32Array.from({ length: n }, () => (rng.next() < 0.5 ? 0 : 1)),
  factors: null,
  logProbs: random(n, 0.1).map((x) => Math.log(0.5) + x),
  values: random(n),
  advantages: random(n),
  returns: random(n, 5),
};
const times: number[] = [];
for (let u = 0; u < UPDATES; u++) {
  const t0 = performance.now();
  ppo.update(batch, u / UPDATES);
  times.push(performance.now() - t0);
}
const profile = await tf.profile(() => {
  ppo.update(batch, 0.5);
});
const minibatches = 16;
const kernels = new Map<string, number>();
for (const k of profile.kernels) kernels.set(k.name, (kernels.get(k.name) ?? 0) + 1);
const kernelMs = profile.kernels.reduce((s, k) => s + (typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0), 0);
console.log(`update: median ${median(times.slice(10)).toFixed(2)} ms over ${UPDATES - 10} (after 10), ${(median(times.slice(10)) / minibatches * 1000).toFixed(0)} µs per minibatch`);
console.log(`kernels per minibatch: ${(profile.kernels.length / minibatches).toFixed(1)}, kernel time ${(kernelMs / minibatches).toFixed(2)} ms per minibatch (profiled run)`);
console.log([...kernels].sort((a, b) => b[1] - a[1]).map(([k, c]) => `${k} ${(c / minibatches).toFixed(1)}`).join(', '));
