/**
 * ML-Agents' five visual encoders (release 21, `vis_encode_type`): for each, the output shape and the number of
 * weights equal ML-Agents' for the same image (counted by hand below from encoders.py, as torch's
 * sum(p.numel()) would count them: every conv and linear layer has a bias), the minimum image sizes
 * (ModelUtils.MIN_RESOLUTION_FOR_ENCODER) refused below with a coded error, the plain-array forward equal to the
 * tfjs one, and gradients that reach every weight (one Adam step changes each weight array).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { Adam } from '../../../agents/networks/adam.js';
import { adamStep } from '../../../agents/networks/adam-step.js';
import { ActorCritic } from '../../../agents/networks/actor-critic.js';
import { createVisualEncoder } from '../../../agents/networks/create-visual-encoder.js';
import { ParameterSet } from '../../../agents/networks/parameters.js';
import { MIN_RESOLUTION, VIS_ENCODE_TYPES, visualEncoderSize, type VisEncodeType } from '../../../agents/networks/visual-encoder-types.js';
import type { ObservationSpec } from '../../../src/core/env/behavior-spec.js';
import { isShivaError } from '../../../src/core/errors.js';
import { chooseBackend } from '../../../src/core/runtime/backend.js';
import { Rng } from '../../../src/core/runtime/rng.js';

await chooseBackend('wasm');

const H = 16;

interface Case {
  readonly type: VisEncodeType;
  readonly shape: readonly [number, number, number];
  /** ML-Agents' parameter count for this image and an output of H = 16 units. */
  readonly mlAgentsWeights: number;
}

/*
 * simple [3, 20, 20]: conv 8×8/4 3→16: 8·8·3·16 + 16 = 3088 (→ 4×4); conv 4×4/2 16→32: 4·4·16·32 + 32 = 8224
 *   (→ 1×1); linear 32 → 16: 32·16 + 16 = 528. Total 11,840.
 * nature_cnn [3, 36, 36]: conv 8×8/4 3→32: 6144 + 32 = 6176 (→ 8×8); conv 4×4/2 32→64: 32768 + 64 = 32832
 *   (→ 3×3); conv 3×3/1 64→64: 36864 + 64 = 36928 (→ 1×1); linear 64 → 16: 1040. Total 76,976.
 * match3 [2, 8, 8]: conv 3×3 2→35: 630 + 35 = 665 (→ 6×6); conv 3×3 35→144: 45360 + 144 = 45504 (→ 4×4);
 *   linear 4·4·144 = 2304 → 16: 36864 + 16 = 36880. Total 83,049.
 * fully_connected [3, 8, 8]: linear 192 → 16: 3072 + 16 = 3088. [1, 1, 1]: 1·16 + 16 = 32.
 * resnet [3, 15, 15]: stack 1: conv 3×3 3→16: 432 + 16 = 448, pool → 7×7, 2 blocks × 2 convs 16→16:
 *   4·(2304 + 16) = 9280; stack 2: conv 16→32: 4608 + 32 = 4640, pool → 3×3, blocks 4·(9216 + 32) = 36992;
 *   stack 3: conv 32→32: 9248, pool → 1×1, blocks 36992; linear 32 → 16: 528. Total 98,128.
 */
const CASES: readonly Case[] = [
  { type: 'simple', shape: [3, 20, 20], mlAgentsWeights: 11_840 },
  { type: 'nature_cnn', shape: [3, 36, 36], mlAgentsWeights: 76_976 },
  { type: 'match3', shape: [2, 8, 8], mlAgentsWeights: 83_049 },
  { type: 'fully_connected', shape: [3, 8, 8], mlAgentsWeights: 3_088 },
  { type: 'fully_connected', shape: [1, 1, 1], mlAgentsWeights: 32 },
  { type: 'resnet', shape: [3, 15, 15], mlAgentsWeights: 98_128 },
];

function randomImages(shape: readonly number[], rows: number, rng: Rng): Float32Array {
  const size = shape.reduce((a, b) => a * b, 1);
  return Float32Array.from({ length: rows * size }, () => rng.next());
}

for (const c of CASES) {
  test(`${c.type} [${c.shape.join(', ')}]: output [B, ${H}], ${c.mlAgentsWeights} weights as ML-Agents; host forward = tfjs forward`, () => {
    const params = new ParameterSet();
    const encoder = createVisualEncoder(c.type, params, 'enc', c.shape, H, new Rng(1), 'test');
    try {
      assert.equal(params.size, c.mlAgentsWeights);
      assert.equal(visualEncoderSize(c.type, c.shape, H).weights, c.mlAgentsWeights, 'the memory estimate counts the same weights');
      const rows = 5;
      const x = randomImages(c.shape, rows, new Rng(2));
      const out = tf.tidy(() => encoder.forwardTf(tf.tensor2d(x, [rows, encoder.inputSize])));
      assert.deepEqual(out.shape, [rows, H]);
      const viaTf = out.dataSync() as Float32Array;
      const viaHost = encoder.forwardHost(x, rows);
      assert.equal(viaHost.length, rows * H);
      let maxDiff = 0;
      for (let k = 0; k < viaTf.length; k++) maxDiff = Math.max(maxDiff, Math.abs(viaTf[k]! - viaHost[k]!));
      assert.ok(maxDiff < 1e-4, `max |host − tfjs| = ${maxDiff}`);
      assert.ok(viaTf.some((v) => v !== 0), 'the output is not all zero');
      out.dispose();
    } finally {
      params.dispose();
    }
  });
}

test('every encoder refuses images below its minimum (ML-Agents: fully_connected 1, match3 5, simple 20, nature_cnn 36, resnet 15) and takes the minimum', () => {
  assert.deepEqual(MIN_RESOLUTION, { fully_connected: 1, match3: 5, simple: 20, nature_cnn: 36, resnet: 15 });
  for (const type of VIS_ENCODE_TYPES) {
    const min: number = MIN_RESOLUTION[type];
    if (min > 1) {
      for (const shape of [
        [3, min - 1, min],
        [3, min, min - 1],
      ]) {
        const params = new ParameterSet();
        assert.throws(
          () => createVisualEncoder(type, params, 'enc', shape, H, new Rng(1), 'network "X": observation #0 "CameraSensor"'),
          (e: unknown) =>
            isShivaError(e, 'SHIVA_ERR_NETWORK') &&
            (e as Error).message === `network "X": observation #0 "CameraSensor": visual observation shape [${shape.join(', ')}]: the '${type}' encoder needs images of at least ${min}×${min}, got ${shape[1]}×${shape[2]}`,
        );
        params.dispose();
      }
    }
    const params = new ParameterSet();
    const encoder = createVisualEncoder(type, params, 'enc', [2, min, min], H, new Rng(1), 'test');
    const out = tf.tidy(() => encoder.forwardTf(tf.zeros([2, encoder.inputSize])));
    assert.deepEqual(out.shape, [2, H], `${type} at ${min}×${min}`);
    out.dispose();
    params.dispose();
  }
  // Through a whole network, the error names the behavior and the observation.
  const spec = { name: 'Eye?team=0', observationSpecs: [{ name: 'Cam', shape: [3, 30, 30], dimensionProperties: [1, 2, 2], observationType: 0 } as ObservationSpec], actionSpec: { continuousSize: 0, discreteBranches: [2] } };
  assert.throws(
    () => new ActorCritic(spec, { visEncodeType: 'nature_cnn' }, new Rng(1)),
    (e: unknown) => isShivaError(e, 'SHIVA_ERR_NETWORK') && /behavior "Eye\?team=0": observation #0 "Cam": visual observation shape \[3, 30, 30\]: the 'nature_cnn' encoder needs images of at least 36×36, got 30×30/.test((e as Error).message),
  );
  assert.throws(
    () => new ActorCritic(spec, { visEncodeType: 'vgg' as VisEncodeType }, new Rng(1)),
    (e: unknown) => isShivaError(e, 'SHIVA_ERR_NETWORK') && /visEncodeType: expected one of simple, nature_cnn, resnet, match3, fully_connected, got "vgg"/.test((e as Error).message),
  );
});

for (const c of CASES.filter((k) => k.shape[1] > 1)) {
  test(`${c.type}: gradients reach every weight (one Adam step changes each of the ${c.type} weight arrays)`, () => {
    const params = new ParameterSet();
    const encoder = createVisualEncoder(c.type, params, 'enc', c.shape, H, new Rng(3), 'test');
    try {
      const rows = 8;
      const x = randomImages(c.shape, rows, new Rng(4));
      const target = Float32Array.from({ length: rows * H }, (_, k) => (k % 3) - 0.5);
      const before = params.all.map((p) => Float32Array.from(p.host));
      const adam = new Adam(params.variables());
      adamStep(params.variables(), adam, 1e-3, () => ({ loss: tf.mean(tf.square(tf.sub(encoder.forwardTf(tf.tensor2d(x, [rows, encoder.inputSize])), tf.tensor2d(target, [rows, H])))) as tf.Scalar }));
      params.syncHost();
      const unchanged = params.all.filter((p, i) => p.host.every((v, k) => v === before[i]![k])).map((p) => p.name);
      assert.deepEqual(unchanged, [], `weights no gradient reached: ${unchanged.join(', ')}`);
    } finally {
      params.dispose();
    }
  });
}
