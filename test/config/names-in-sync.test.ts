/**
 * Lists that the config keeps of its own (so that loading a config does not load TensorFlow.js) agree with the
 * modules that own them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ACTIVATIONS } from '../../agents/networks/activations.js';
import { ACTIVATION_NAMES, SHIVA_BACKENDS } from '../../src/config/run-config.js';
import { BACKEND_REQUESTS } from '../../src/core/runtime/backend.js';

test('shiva.backend accepts exactly the runtime\'s backend requests', () => {
  assert.deepEqual([...SHIVA_BACKENDS], [...BACKEND_REQUESTS]);
});

test('network_settings.activation accepts exactly the networks\' activations', () => {
  assert.deepEqual([...ACTIVATION_NAMES], [...ACTIVATIONS]);
});
