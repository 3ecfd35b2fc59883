/**
 * A small checkpoint with every kind of content: meta with nested JSON (config, RNG state), tensors of
 * several shapes (a scalar, an empty one), and float32 values that only a bit-exact copy keeps (NaN with a
 * payload, -0, a denormal, infinities).
 */
import type { Checkpoint } from '../../../src/training/checkpoint/index.js';

export function sampleCheckpoint(step = 4096): Checkpoint {
  const special = new Float32Array(8);
  new Uint32Array(special.buffer).set([0x7fc00001, 0xffc12345, 0x80000000, 0x00000001, 0x7f800000, 0xff800000, 0x3f800000, 0x7f7fffff]);
  return {
    meta: {
      behavior: 'CartPole',
      step,
      episodes: 37,
      rng: { state: [123456789, 362436069, 521288629, 88675123], spareNormal: null },
      config: { trainer_type: 'ppo', hyperparameters: { learning_rate: 0.0003, batch_size: 64 }, network_settings: { hidden_units: [64, 64] } },
      note: 'ünïcödé ✓',
    },
    tensors: {
      'policy/dense_0/kernel': { shape: [4, 3], data: Float32Array.from({ length: 12 }, (_, i) => (i - 6) / 7) },
      'policy/dense_0/bias': { shape: [3], data: Float32Array.from([0.1, -0.2, 0.3]) },
      'optimizer/step': { shape: [], data: Float32Array.from([17]) },
      'optimizer/m/policy/dense_0/bias': { shape: [3, 0], data: new Float32Array(0) },
      'normalizer/special': { shape: [2, 4], data: special },
    },
  };
}

/** The bit patterns of a float32 array, so NaN payloads and -0 compare exactly. */
export function bits(data: Float32Array): number[] {
  return [...new Uint32Array(data.buffer, data.byteOffset, data.length)];
}
