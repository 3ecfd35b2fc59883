/**
 * The attention critic: absent members (masked slots) change nothing whatever fills them, the order of members
 * does not matter, and the baseline sees the other members' actions but not its own.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { DEFAULT_NETWORK_SETTINGS } from '../../../agents/networks/network-settings.js';
import { GroupCritic } from '../../../agents/poca/group-critic.js';
import { layerNormTf } from '../../../agents/poca/residual-self-attention.js';
import { chooseBackend } from '../../../src/core/runtime/backend.js';
import { Rng } from '../../../src/core/runtime/rng.js';

await chooseBackend('wasm');

const D = 3;
const A = 2;
const critic = new GroupCritic(D, A, { ...DEFAULT_NETWORK_SETTINGS, hiddenUnits: 8, numLayers: 1 }, new Rng(5));
critic.maxMembers = 3;
const e0 = [0.5, -1, 2];
const e1 = [1.5, 0.25, -0.75];
const e2 = [-2, 3, 0.1];

function value(entities: number[][], mask: number[]): number {
  return tf.tidy(() => critic.valueTf(tf.tensor3d([entities]), tf.tensor2d([mask])).dataSync()[0]!);
}
function baseline(self: number[], others: number[][], mask: number[]): number {
  return tf.tidy(() => critic.baselineTf(tf.tensor2d([self]), tf.tensor3d([others]), tf.tensor2d([mask])).dataSync()[0]!);
}
const near = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) <= 1e-5, `${what}: ${a} ≠ ${b}`);

test('a masked slot changes nothing, whatever finite numbers fill it, and slots can be dropped', () => {
  const two = value([e0, e1], [0, 0]);
  near(value([e0, e1, [0, 0, 0]], [0, 0, 1]), two, 'zero-filled third slot');
  near(value([e0, e1, [99, -42, 7]], [0, 0, 1]), two, 'garbage in the third slot');
  near(value([[1e3, 1e3, 1e3], e0, e1], [1, 0, 0]), two, 'garbage in the first slot');
  // The third member, present, does change the value (the test above is not vacuous).
  assert.ok(Math.abs(value([e0, e1, e2], [0, 0, 0]) - two) > 1e-4);
});

test('the value does not depend on the order of the members', () => {
  near(value([e1, e0], [0, 0]), value([e0, e1], [0, 0]), 'swapped');
  near(value([e2, e0, e1], [0, 0, 0]), value([e0, e1, e2], [0, 0, 0]), 'rotated');
});

test('the baseline masks absent others, and reads the others\' actions', () => {
  const other = [...e1, 1, 0];
  const b = baseline(e0, [other], [0]);
  near(baseline(e0, [other, [5, 5, 5, 0, 1]], [0, 1]), b, 'garbage other');
  near(baseline(e0, [[9, 9, 9, 9, 9], other], [1, 0]), b, 'garbage other first');
  assert.ok(Math.abs(baseline(e0, [[...e1, 0, 1]], [0]) - b) > 1e-6, "another member's action moves the baseline");
  // Alone (every other slot masked): the value of a group of one and the baseline of its only member agree,
  // since both see one observation-only entity.
  near(baseline(e0, [[1, 2, 3, 4, 5]], [1]), value([e0], [0]), 'alone');
});

test('layer norm: zero mean and unit variance over the last axis', () => {
  const out = tf.tidy(() => Array.from(layerNormTf(tf.tensor2d([[1, 2, 3, 6]])).dataSync()));
  const mean = out.reduce((a, b) => a + b, 0) / 4;
  const variance = out.reduce((a, b) => a + (b - mean) ** 2, 0) / 4;
  near(mean, 0, 'mean');
  assert.ok(Math.abs(variance - 1) < 1e-3, `variance ${variance}`);
  // (1 − 3) / √(3.5 + 1e-5)
  near(out[0]!, -2 / Math.sqrt(3.5 + 1e-5), 'first');
});

test('save/load round trip and refusals', () => {
  const copy = new GroupCritic(D, A, { ...DEFAULT_NETWORK_SETTINGS, hiddenUnits: 8, numLayers: 1 }, new Rng(99));
  copy.load(JSON.parse(JSON.stringify(critic.save())), 'ckpt');
  assert.deepEqual(copy.save(), critic.save());
  const other = new GroupCritic(D + 1, A, { ...DEFAULT_NETWORK_SETTINGS, hiddenUnits: 8, numLayers: 1 }, new Rng(1));
  assert.throws(() => other.load(critic.save(), 'ckpt'), /ckpt: entity and action sizes: expected 4 and 2, got 3 and 2/);
  copy.dispose();
  other.dispose();
});
