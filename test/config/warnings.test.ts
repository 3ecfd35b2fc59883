/**
 * Keys that are accepted but ignored or deprecated come back as warnings (`FILE:LINE: PATH: message`) on the
 * result, in the order they are read, and are never printed by the loader.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse, yaml } from './helpers.js';

test('ignored and deprecated keys are warnings on the result, with file, line and key path', () => {
  const config = parse(
    yaml(
      'behaviors:', //                                  1
      '  A:',
      '    framework: pytorch',
      '    threaded: true',
      '    hyperparameters:', //                        5
      '      shared_critic: true',
      '    reward_signals:',
      '      gail:',
      '        demo_path: demos/a.demo',
      '        encoding_size: 32', //                   10
      'checkpoint_settings:',
      '  load_model: true',
      '  train_model: true',
      'torch_settings:',
      '  device: cuda:0', //                          15
    ),
  );
  assert.deepEqual(config.warnings, [
    'run.yaml:3: behaviors.A.framework: deprecated in ML-Agents and ignored',
    "run.yaml:6: behaviors.A.hyperparameters.shared_critic: ignored: Shiva's actor and critic always have separate encoders",
    'run.yaml:4: behaviors.A.threaded: ignored: Shiva updates the policy between collection rounds, never while environments step',
    'run.yaml:10: behaviors.A.reward_signals.gail.encoding_size: deprecated in ML-Agents; use network_settings.hidden_units (it sets hidden_units when network_settings is absent)',
    'run.yaml:12: checkpoint_settings.load_model: deprecated in ML-Agents; read as resume: true',
    'run.yaml:13: checkpoint_settings.train_model: deprecated in ML-Agents and ignored (shiva train always trains)',
    'run.yaml:15: torch_settings.device: ignored: Shiva runs on TensorFlow.js; choose its backend with shiva.backend or --backend',
  ]);
  // What they set is still read: load_model means resume, encoding_size sizes GAIL's network.
  assert.equal(config.checkpointSettings.resume, true);
  assert.equal(config.behaviors.get('A')!.rewardSignals.gail!.networkSettings.hiddenUnits, 32);
  assert.deepEqual(config.torchSettings, { device: 'cuda:0' });
});

test('threaded: false, device: null and the other values ML-Agents writes by default raise no warning', () => {
  const config = parse(yaml('behaviors:', '  A: {threaded: false}', 'torch_settings: {device: null}', 'checkpoint_settings: {load_model: false, train_model: false, inference: false}'));
  assert.deepEqual(config.warnings, []);
});
