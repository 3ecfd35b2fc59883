/**
 * Where a visual PPO minibatch goes: the Forager's actor-critic of configs/gridworld-visual.yaml (two 'simple'
 * encoders on gridworld's [3, 84, 84] camera, one 128-unit layer) through a forward and a backward pass on random
 * images, as an update's minibatch runs it (the gradient of every weight; PPO's losses add a few elementwise ops on
 * [B] and [B, 7] tensors), then the same forward alone, as acting runs it. Prints the CPU and wall time of each,
 * the multiply-adds they imply, and tf.profile's kernels by time. Used by bench/visual-ppo.ts.
 */
import * as tf from '@tensorflow/tfjs';
import { ActorCritic } from '../agents/networks/actor-critic.js';
import { networkOutputs } from '../agents/networks/acting.js';
import { gridworldSpecs } from '../envs/gridworld/gridworld-scene.js';
import { Rng } from '../src/core/runtime/rng.js';
import { table } from './ppo-bench-common.js';

/** Multiply-adds of one 84×84×3 image through one 'simple' encoder: conv 8×8/4 ×16, conv 4×4/2 ×32, dense 2592 → 128. */
const ENCODER_FORWARD_MACS = 20 * 20 * 16 * (8 * 8 * 3) + 9 * 9 * 32 * (4 * 4 * 16) + 2592 * 128;
/** Its backward: every weight's gradient, and the input gradient of all but the first convolution. */
const ENCODER_BACKWARD_MACS = 20 * 20 * 16 * (8 * 8 * 3) + 2 * 9 * 9 * 32 * (4 * 4 * 16) + 2 * 2592 * 128;

interface Timing {
  readonly wallMs: number;
  readonly cpuMs: number;
}

function timeIt(repeats: number, run: () => void): Timing {
  run();
  run();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < repeats; i++) run();
  const cpu = process.cpuUsage(cpu0);
  return { wallMs: (performance.now() - t0) / repeats, cpuMs: (cpu.user + cpu.system) / 1000 / repeats };
}

export async function profileVisualMinibatch(batch: number, actingBatch: number, repeats: number): Promise<void> {
  const [spec] = gridworldSpecs(true);
  const net = new ActorCritic(spec, { normalize: false, hiddenUnits: 128, numLayers: 1, visEncodeType: 'simple' }, new Rng(1));
  const rng = new Rng(2);
  const images = (rows: number) => Float32Array.from({ length: rows * 3 * 84 * 84 }, () => rng.next());
  const obs = tf.tensor2d(images(batch), [batch, 3 * 84 * 84]);
  const acting = images(actingBatch);
  const step = () =>
    tf.tidy(() => {
      const { grads, value } = tf.variableGrads(() => {
        const out = net.forwardTf([obs]);
        return tf.add(tf.sum(out.logits!), tf.sum(out.value)) as tf.Scalar;
      });
      // Read back as the host Adam reads them, so that the time includes the whole backward.
      for (const g of Object.values(grads)) g.dataSync();
      value.dataSync();
    });
  try {
    const train = timeIt(repeats, step);
    const act = timeIt(repeats, () => networkOutputs(net, [acting], actingBatch, 'tfjs', { policy: true, value: true }));
    const trainMacs = 2 * (ENCODER_FORWARD_MACS + ENCODER_BACKWARD_MACS) * batch;
    const actMacs = 2 * ENCODER_FORWARD_MACS * actingBatch;
    console.log(`\nOne minibatch of ${batch} camera images, forward + backward of actor and critic (${(trainMacs / 1e6).toFixed(0)}M multiply-adds in the encoders):`);
    console.log(`  ${train.cpuMs.toFixed(1)} ms CPU, ${train.wallMs.toFixed(1)} ms wall: ${((1000 * train.cpuMs) / batch).toFixed(0)} µs CPU per sample, ${(trainMacs / train.cpuMs / 1e6).toFixed(2)} G multiply-adds per CPU-second`);
    console.log(`Acting on ${actingBatch} images (forward of actor and critic, tfjs path, ${(actMacs / 1e6).toFixed(0)}M multiply-adds):`);
    console.log(`  ${act.cpuMs.toFixed(1)} ms CPU, ${act.wallMs.toFixed(1)} ms wall: ${((1000 * act.cpuMs) / actingBatch).toFixed(0)} µs CPU per image`);
    const profile = await tf.profile(step);
    const byKernel = new Map<string, number>();
    for (const k of profile.kernels) {
      const key = `${k.name} ${JSON.stringify(k.inputShapes)}`;
      const ms = await k.kernelTimeMs;
      byKernel.set(key, (byKernel.get(key) ?? 0) + (typeof ms === 'number' ? ms : 0));
    }
    const total = [...byKernel.values()].reduce((a, b) => a + b, 0);
    const top = [...byKernel].sort((a, b) => b[1] - a[1]).slice(0, 12);
    console.log(`\ntf.profile of one forward + backward: ${total.toFixed(1)} ms of kernel time (wall clock, so load inflates it), top kernels:`);
    console.log(table(['kernel [input shapes]', 'ms', 'share'], top.map(([k, ms]) => [k, ms.toFixed(2), `${((100 * ms) / total).toFixed(1)}%`])));
  } finally {
    obs.dispose();
    net.dispose();
  }
}
