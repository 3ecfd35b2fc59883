/**
 * The LSTM (agents/networks/lstm.ts) and the actor-critic with memory: the plain-array step and the tfjs sequence
 * forward agree; a network without memory is the one it always was; memories are [actor | critic], each [h | c].
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { act } from '../../../agents/networks/acting.js';
import { ActorCritic } from '../../../agents/networks/actor-critic.js';
import { createLstm, lstmSequencesTf, lstmStepHost } from '../../../agents/networks/lstm.js';
import { ParameterSet } from '../../../agents/networks/parameters.js';
import { vectorObservation, type BehaviorSpec } from '../../../src/core/env/behavior-spec.js';
import { chooseBackend } from '../../../src/core/runtime/backend.js';
import { Rng } from '../../../src/core/runtime/rng.js';

await chooseBackend('wasm');

const SPEC: BehaviorSpec = { name: 'M?team=0', observationSpecs: [vectorObservation(3)], actionSpec: { continuousSize: 1, discreteBranches: [2, 3] } };

function randomArray(rng: Rng, n: number, scale = 1): Float32Array {
  return Float32Array.from({ length: n }, () => scale * rng.normal());
}

test('LSTM: T plain-array steps from each sequence\'s memory equal the tfjs forward over the sequences', () => {
  const rng = new Rng(5);
  const params = new ParameterSet();
  const lstm = createLstm(params, 'lstm', 4, 6, rng);
  assert.equal(lstm.hiddenSize, 3);
  // The forget gate's bias starts at 1 (ML-Agents' forget_bias), the others at 0.
  assert.deepEqual(Array.from(lstm.bias.host), [0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0]);
  const B = 3;
  const T = 5;
  const x = randomArray(rng, B * T * 4);
  const initial = randomArray(rng, B * 6, 0.5);
  const tfOut = tf.tidy(() => lstmSequencesTf(tf.tensor2d(x, [B * T, 4]), tf.tensor2d(initial, [B, 6]), T, lstm).dataSync() as Float32Array);
  let memory = initial;
  for (let t = 0; t < T; t++) {
    const xt = new Float32Array(B * 4);
    for (let b = 0; b < B; b++) xt.set(x.subarray((b * T + t) * 4, (b * T + t + 1) * 4), b * 4);
    const step = lstmStepHost(xt, memory, B, lstm);
    for (let b = 0; b < B; b++) {
      for (let k = 0; k < 3; k++) assert.ok(Math.abs(step.output[b * 3 + k]! - tfOut[(b * T + t) * 3 + k]!) < 1e-5, `sequence ${b} step ${t} unit ${k}`);
      // The memory is [h | c] and its h is the output.
      for (let k = 0; k < 3; k++) assert.equal(step.memory[b * 6 + k], step.output[b * 3 + k]);
    }
    memory = step.memory;
  }
  params.dispose();
});

test('actor-critic without memory: the same weights, outputs and acting as before (memory null or absent alike); with memory, LSTMs after both encoders', () => {
  const plain = new ActorCritic(SPEC, { hiddenUnits: 8, numLayers: 1 }, new Rng(9));
  const nulled = new ActorCritic(SPEC, { hiddenUnits: 8, numLayers: 1, memory: null }, new Rng(9));
  assert.deepEqual(nulled.params.save(), plain.params.save());
  assert.equal(plain.memoryWidth, 0);
  const obs = [randomArray(new Rng(1), 2 * 3)];
  const a = act(plain, { count: 2, observations: obs }, new Rng(4));
  assert.equal(a.memories, undefined);
  assert.equal(a.memoriesBefore, undefined);

  const recurrent = new ActorCritic(SPEC, { hiddenUnits: 8, numLayers: 1, memory: { sequenceLength: 4, memorySize: 6 } }, new Rng(9));
  assert.equal(recurrent.memoryWidth, 12);
  assert.deepEqual(
    recurrent.params.all.map((p) => `${p.name}[${p.shape.join('x')}]`).filter((n) => n.includes('lstm') || n.includes('logits') || n.includes('value')),
    ['actor/lstm/kernel[8x12]', 'actor/lstm/recurrent_kernel[3x12]', 'actor/lstm/bias[12]', 'actor/logits/kernel[3x5]', 'actor/logits/bias[5]', 'critic/lstm/kernel[8x12]', 'critic/lstm/recurrent_kernel[3x12]', 'critic/lstm/bias[12]', 'critic/value/kernel[3x1]', 'critic/value/bias[1]'],
  );
  // Acting carries memory: the same observation after another history gives other outputs; zeros are a new episode.
  const first = act(recurrent, { count: 2, observations: obs }, new Rng(4), { deterministic: true });
  assert.deepEqual(Array.from(first.memoriesBefore!), new Array(24).fill(0));
  assert.equal(first.memories!.length, 24);
  const second = act(recurrent, { count: 2, observations: obs, memories: first.memories! }, new Rng(4), { deterministic: true });
  assert.notDeepEqual(Array.from(second.values), Array.from(first.values));
  const again = act(recurrent, { count: 2, observations: obs, memories: null }, new Rng(4), { deterministic: true });
  assert.deepEqual(Array.from(again.values), Array.from(first.values));
  // A network with memory loads only a saved network with the same memory, and the other way round.
  assert.throws(() => plain.load(recurrent.save(), 'ckpt'), /SHIVA_ERR_MODEL_STATE|settings\.memory: expected none, got sequence_length 4, memory_size 6/);
  // Export carries the actor's LSTM (recurrent_in/recurrent_out); a network without memory exports none.
  assert.equal(recurrent.describePolicy('ppo').memory?.hiddenSize, 3);
  assert.equal(plain.describePolicy('ppo').memory, undefined);
  for (const n of [plain, nulled, recurrent]) n.dispose();
});
