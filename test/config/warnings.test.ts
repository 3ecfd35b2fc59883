/**
 * Keys that are accepted but ignored or deprecated come back as warnings (`FILE:LINE: PATH: message`) on the
 * result, in the order they are read, and are never printed by the loader.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse, yaml } from './helpers.js';
import { learnerPlan } from '../../src/training/plan-resolver.js';

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

test('threaded: true is built for PPO (with memory too) and POCA (with GAIL too), without behavioral cloning or self-play, nor POCA with memory; elsewhere a warning says why it is ignored', () => {
  const config = parse(
    yaml(
      'behaviors:',
      '  Plain: {trainer_type: ppo, threaded: true}',
      '  Groups: {trainer_type: poca, threaded: true}',
      '  Sac: {trainer_type: sac, threaded: true}',
      '  Recurrent: {trainer_type: poca, threaded: true, network_settings: {memory: {memory_size: 16, sequence_length: 8}}}',
      '  RecurrentPpo: {trainer_type: ppo, threaded: true, network_settings: {memory: {memory_size: 16, sequence_length: 8}}}',
      '  Cloned: {trainer_type: ppo, threaded: true, behavioral_cloning: {demo_path: demos/a.demo}}',
      '  Teams: {trainer_type: ppo, threaded: true, self_play: {save_steps: 1000}}',
    ),
  );
  assert.deepEqual(config.warnings, [
    'run.yaml:4: behaviors.Sac.threaded: ignored: updates run in their own thread for trainer_type ppo and poca only, not sac; this behavior updates between collection rounds',
    'run.yaml:5: behaviors.Recurrent.threaded: ignored: POCA with network_settings.memory updates in this thread (its critic carries memories across updates); this behavior updates between collection rounds',
    'run.yaml:7: behaviors.Cloned.threaded: ignored: PPO with behavioral_cloning updates in this thread; this behavior updates between collection rounds',
    'run.yaml:8: behaviors.Teams.threaded: ignored: self-play swaps the weights between updates (ML-Agents also advises threaded: false with it); this behavior updates between collection rounds',
  ]);
  // The plan carries it only where it is built.
  const plans = ['Plain', 'Groups', 'RecurrentPpo', 'Sac', 'Recurrent', 'Cloned', 'Teams'].map((name) => learnerPlan(config, config.behaviors.get(name)!, name).threaded);
  assert.deepEqual(plans, [true, true, true, false, false, false, false]);
});

test('threaded: false, device: null and the other values ML-Agents writes by default raise no warning', () => {
  const config = parse(yaml('behaviors:', '  A: {threaded: false}', 'torch_settings: {device: null}', 'checkpoint_settings: {load_model: false, train_model: false, inference: false}'));
  assert.deepEqual(config.warnings, []);
});
