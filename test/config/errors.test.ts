/**
 * Every error names the file, the 1-based line, the key path, what was expected and what came; unknown keys get
 * the nearest known key; what Shiva cannot do yet (curriculum, memory, curiosity) is refused in words.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { builtinEnvs } from '../../envs/registry.js';
import { loadRunConfig } from '../../src/config/load-run-config.js';
import { parse, parseError, yaml } from './helpers.js';

function message(text: string): string {
  const error = parseError(text);
  assert.equal(error.code, 'SHIVA_ERR_CONFIG');
  return error.message;
}

test('a value of the wrong type: file, line, key path, expected, got', () => {
  const text = yaml('behaviors:', '  CartPole:', '    trainer_type: ppo', '    hyperparameters:', '      batch_size: big');
  assert.equal(message(text), 'run.yaml:5: behaviors.CartPole.hyperparameters.batch_size: expected an integer in 1..1000000, got "big"');
});

test('values out of range, and of other types, each say what was expected', () => {
  const cases: [string[], string][] = [
    [['behaviors:', '  A:', '    hyperparameters: {batch_size: 0}'], 'run.yaml:3: behaviors.A.hyperparameters.batch_size: expected an integer in 1..1000000, got 0'],
    [['behaviors:', '  A:', '    hyperparameters:', '      num_epoch: 2.5'], 'run.yaml:4: behaviors.A.hyperparameters.num_epoch: expected an integer in 1..1000, got 2.5'],
    [['behaviors:', '  A:', '    hyperparameters:', '      learning_rate: -0.1'], 'run.yaml:4: behaviors.A.hyperparameters.learning_rate: expected a number > 0, got -0.1'],
    [['behaviors:', '  A:', '    hyperparameters:', '      epsilon: 1'], 'run.yaml:4: behaviors.A.hyperparameters.epsilon: expected a number in (0, 1), got 1'],
    [['behaviors:', '  A:', '    hyperparameters:', '      learning_rate: .inf'], 'run.yaml:4: behaviors.A.hyperparameters.learning_rate: expected a number > 0, got Infinity'],
    [['behaviors:', '  A:', '    reward_signals:', '      extrinsic: {gamma: 1.0}'], 'run.yaml:4: behaviors.A.reward_signals.extrinsic.gamma: expected a number in [0, 1), got 1'],
    [['behaviors:', '  A:', '    network_settings:', '      hidden_units: [64, 64]'], 'run.yaml:4: behaviors.A.network_settings.hidden_units: expected an integer in 1..4096, got a list of 2'],
    [['behaviors:', '  A:', '    max_steps:'], 'run.yaml:3: behaviors.A.max_steps: expected an integer in 0..100000000000, got an empty value (null)'],
    [['env_settings:', '  base_port: 70000'], 'run.yaml:2: env_settings.base_port: expected an integer in 0..65535, got 70000'],
    [['engine_settings:', '  time_scale: fast'], 'run.yaml:2: engine_settings.time_scale: expected a number in (0, 100], got "fast"'],
    [['env_settings: 5'], 'run.yaml:1: env_settings: expected a mapping with keys such as env_path, env_args, base_port, num_envs, got 5'],
    [['behaviors:', '  A:', '    hyperparameters:', '      learning_rate_schedule: linar'], 'run.yaml:4: behaviors.A.hyperparameters.learning_rate_schedule: expected one of linear, constant, got "linar"; did you mean "linear"?'],
    [['behaviors:', '  A:', '    trainer_type: PPO2'], 'run.yaml:3: behaviors.A.trainer_type: expected one of ppo, poca, mappo, sac, dqn, td3, ddpg, maddpg, got "PPO2"; did you mean "ppo"?'],
    [['shiva:', '  backend: gpu'], 'run.yaml:2: shiva.backend: expected one of auto, tensorflow-gpu, tensorflow, webgpu, wasm, wasm-threads, cpu, got "gpu"; did you mean "webgpu"?'],
  ];
  for (const [lines, expected] of cases) assert.equal(message(yaml(...lines)), expected);
});

test('yes/no are text in YAML 1.2, and the message says so', () => {
  assert.equal(
    message(yaml('behaviors:', '  A:', '    network_settings:', '      normalize: yes')),
    'run.yaml:4: behaviors.A.network_settings.normalize: expected true or false, got "yes" (YAML 1.2 reads yes/no/on/off as text; write true or false)',
  );
});

test('an unknown key gets the nearest known key as "did you mean", and the keys allowed there', () => {
  const m = message(yaml('behaviors:', '  CartPole:', '    hyperparameters:', '      batch_size: 64', '      learing_rate: 3.0e-4'));
  assert.match(m, /^run\.yaml:5: behaviors\.CartPole\.hyperparameters\.learing_rate: expected one of batch_size, buffer_size, learning_rate, /);
  assert.match(m, /, got unknown key "learing_rate"; did you mean "learning_rate"\?$/);
  assert.match(message(yaml('env_settings:', '  num-envs: 2')), /^run\.yaml:2: env_settings\.num-envs: .* got unknown key "num-envs"; did you mean "num_envs"\?$/);
  assert.match(message(yaml('behaviors:', '  A:', '    network_settings:', '      hiden_units: 64')), /run\.yaml:4: behaviors\.A\.network_settings\.hiden_units: .*did you mean "hidden_units"\?$/);
  // Nothing near: no guess, only what is allowed.
  assert.match(message(yaml('engine_settings:', '  resolution: 4k')), /^run\.yaml:2: engine_settings\.resolution: expected one of width, height, .*, got unknown key "resolution"$/);
});

test('a known key in the wrong section says where it belongs', () => {
  assert.match(
    message(yaml('behaviors:', '  A:', '    trainer_type: ppo', '    batch_size: 64')),
    /^run\.yaml:4: behaviors\.A\.batch_size: expected one of .*, got "batch_size", which belongs under behaviors\.A\.hyperparameters\.batch_size$/,
  );
  assert.match(message(yaml('behaviors:', '  A:', '    hyperparameters:', '      max_steps: 1000')), /^run\.yaml:4: behaviors\.A\.hyperparameters\.max_steps: .*, which belongs under behaviors\.A\.max_steps$/);
  assert.match(message(yaml('seed: 3')), /^run\.yaml:1: seed: .*, which belongs under env_settings\.seed$/);
  assert.match(message(yaml('behaviors:', '  A:', '    hiden_units: 64')), /^run\.yaml:3: behaviors\.A\.hiden_units: .*got unknown key "hiden_units"; did you mean behaviors\.A\.network_settings\.hidden_units\?$/);
  // Another trainer family's hyperparameter.
  assert.match(
    message(yaml('behaviors:', '  A:', '    trainer_type: ppo', '    hyperparameters: {tau: 0.01}')),
    /^run\.yaml:4: behaviors\.A\.hyperparameters\.tau: expected one of .*, got "tau", a hyperparameter of off-policy trainers \(sac, dqn, td3, ddpg, maddpg\), but trainer_type is ppo$/,
  );
});

test('pre-0.18 files with behaviors at the top level are pointed at the current format', () => {
  assert.match(message(yaml('default:', '  trainer: ppo', '  batch_size: 1024')), /^run\.yaml:1: default: expected one of behaviors, .*, got "default" holding behavior settings; put them under behaviors:/);
});

test('YAML syntax errors give file, line and column', () => {
  assert.equal(message(yaml('behaviors:', '  A:', '    max_steps: 10', '  B: {max_steps: 5')), 'run.yaml:5:1: YAML syntax error: Flow map in block collection must be sufficiently indented and end with a }');
  assert.equal(message(yaml('behaviors:', '  A:', '    max_steps: 1', '    max_steps: 2')), 'run.yaml:4:5: YAML syntax error: Map keys must be unique');
  assert.equal(message(yaml('behaviors: a: b')), 'run.yaml:1:12: YAML syntax error: Nested mappings are not allowed in compact mappings');
  assert.equal(message(yaml('- just', '- a list')), 'run.yaml:1: (top level): expected a mapping of sections (behaviors, env_settings, ...), got a list of 2');
});

test('batch_size larger than buffer_size is refused for PPO; a buffer that is no multiple of the batch is a warning', () => {
  assert.equal(
    message(yaml('behaviors:', '  A:', '    hyperparameters:', '      batch_size: 2048', '      buffer_size: 1024')),
    'run.yaml:4: behaviors.A.hyperparameters.batch_size: expected an integer ≤ buffer_size (1024), so that a buffer holds at least one minibatch, got 2048',
  );
  // Only buffer_size is set: it is the one blamed (batch_size is ML-Agents' default 1024).
  assert.equal(
    message(yaml('behaviors:', '  A:', '    hyperparameters:', '      buffer_size: 512')),
    'run.yaml:4: behaviors.A.hyperparameters.buffer_size: expected an integer ≥ batch_size (1024), so that a buffer holds at least one minibatch, got 512',
  );
});

test('memory, curiosity and RND are checked as ML-Agents checks them; memory beside curiosity, RND and self-play is built (recurrent PPO takes every reward signal and has recurrent self-play opponents; recurrent SAC beside self-play is warned once, issue 12), curiosity and RND are honoured by PPO, SAC and POCA and warned for a trainer that does not take them', () => {
  const c = parse(yaml('behaviors:', '  A:', '    network_settings:', '      memory:', '        memory_size: 128', '        sequence_length: 64', '    reward_signals:', '      extrinsic: {gamma: 0.99}', '      curiosity: {strength: 0.02, gamma: 0.99}', '      rnd: {strength: 0.01}'));
  assert.deepEqual(c.behaviors.get('A')!.networkSettings.memory, { memorySize: 128, sequenceLength: 64 });
  assert.equal(c.behaviors.get('A')!.rewardSignals.curiosity!.learningRate, 3e-4);
  assert.equal(c.behaviors.get('A')!.rewardSignals.rnd!.learningRate, 1e-4);
  assert.deepEqual(c.warnings, []);
  const selfPlay = parse(yaml('behaviors:', '  A:', '    network_settings:', '      memory: {memory_size: 16, sequence_length: 8}', '    self_play: {}'));
  assert.deepEqual(selfPlay.warnings, []);
  const sacSelfPlay = parse(yaml('behaviors:', '  A:', '    trainer_type: sac', '    network_settings:', '      memory: {memory_size: 16, sequence_length: 8}', '    self_play: {}'));
  assert.equal(sacSelfPlay.warnings.length, 1, sacSelfPlay.warnings.join('\n'));
  assert.match(sacSelfPlay.warnings[0]!, /^run\.yaml:5: behaviors\.A\.network_settings\.memory: recurrent SAC has no recurrent self-play opponents yet \(issue 12\); this behavior trains without memory/);
  // PPO and SAC with the extrinsic reward alone build it (LSTMs): no warning; SAC with curiosity trains without it, said once; TD3 too.
  assert.deepEqual(parse(yaml('behaviors:', '  A:', '    network_settings:', '      memory: {memory_size: 16, sequence_length: 8}')).warnings, []);
  assert.deepEqual(parse(yaml('behaviors:', '  A:', '    trainer_type: sac', '    network_settings:', '      memory: {memory_size: 16, sequence_length: 8}')).warnings, []);
  const sacMemory = parse(yaml('behaviors:', '  A:', '    trainer_type: sac', '    network_settings:', '      memory: {memory_size: 16, sequence_length: 8}', '    reward_signals:', '      curiosity: {strength: 0.02, gamma: 0.99}'));
  assert.equal(sacMemory.warnings.length, 1, sacMemory.warnings.join('\n'));
  assert.match(sacMemory.warnings[0]!, /behaviors\.A\.network_settings\.memory: recurrent SAC is built with the extrinsic reward signal only, not with curiosity \(issue 12\); this behavior trains without memory/);
  const td3Memory = parse(yaml('behaviors:', '  A:', '    trainer_type: td3', '    network_settings:', '      memory: {memory_size: 16, sequence_length: 8}'));
  assert.match(td3Memory.warnings.join('\n'), /network_settings\.memory: recurrent policies are built for trainer_type ppo, sac and poca only, not td3 \(issue 12\)/);
  // SAC takes them (agents/sac/sac-learner.ts): no warning.
  const sac = parse(yaml('behaviors:', '  A:', '    trainer_type: sac', '    reward_signals:', '      curiosity: {strength: 0.02, gamma: 0.99}', '      rnd: {strength: 0.01}'));
  assert.deepEqual(sac.warnings, []);
  // POCA takes them too (agents/poca/signal-streams.ts): no warning.
  const poca = parse(yaml('behaviors:', '  A:', '    trainer_type: poca', '    reward_signals:', '      curiosity: {strength: 0.02, gamma: 0.99}', '      rnd: {strength: 0.01}'));
  assert.deepEqual(poca.warnings, []);
  const dqn = parse(yaml('behaviors:', '  A:', '    trainer_type: dqn', '    reward_signals:', '      curiosity: {strength: 0.02, gamma: 0.99}', '      rnd: {strength: 0.01}'));
  assert.equal(dqn.warnings.length, 2, dqn.warnings.join('\n'));
  assert.match(dqn.warnings[0]!, /^run\.yaml:5: behaviors\.A\.reward_signals\.curiosity: curiosity \(ICM\) is not wired to trainer_type dqn yet \(issue 12\); this behavior trains without the curiosity \(ICM\) reward \(and, having no other signal, learns from no reward\)/);
  assert.match(dqn.warnings[1]!, /^run\.yaml:6: behaviors\.A\.reward_signals\.rnd: random network distillation \(RND\) is not wired to trainer_type dqn yet/);
  assert.equal(
    message(yaml('behaviors:', '  A:', '    network_settings:', '      memory: {memory_size: 0}')),
    'run.yaml:4: behaviors.A.network_settings.memory.memory_size: expected an integer in 1..4096, got 0',
  );
  assert.match(message(yaml('behaviors:', '  A:', '    network_settings:', '      memory: {memory_size: 127}')), /memory_size: expected an even integer > 0/);
  assert.match(message(yaml('behaviors:', '  A:', '    hyperparameters: {batch_size: 32}', '    network_settings:', '      memory: {sequence_length: 64}')), /network_settings: expected memory\.sequence_length ≤ hyperparameters\.batch_size .*got sequence_length 64 and batch_size 32/);
  assert.match(message(yaml('behaviors:', '  A:', '    reward_signals:', '      rnd: {gamma: 1}')), /^run\.yaml:4: behaviors\.A\.reward_signals\.rnd\.gamma: expected a number in \[0, 1\)/);
});

test('curricula are checked as ML-Agents checks them', () => {
  const lesson = (extra: string[]) => yaml('environment_parameters:', '  wall:', '    curriculum:', ...extra);
  assert.match(message(lesson(['      - name: L0', '        value: 1', '      - name: L1', '        value: 2'])), /^run\.yaml:4: environment_parameters\.wall\.curriculum\[0\]\.completion_criteria: expected completion_criteria \(every lesson but the last needs one, as in ML-Agents\)/);
  assert.match(message(lesson(['      - name: L0', '        value: 1', '        completion_criteria: {behavior: B, measure: progress, threshold: 1.5}', '      - {name: L1, value: 2}'])), /curriculum\[0\]\.completion_criteria\.threshold: expected a number in \[0, 1\] \(progress is steps \/ max_steps\)/);
  assert.match(message(lesson(['      - name: L0', '        value: 1', '        completion_criteria: {measure: reward}', '      - {name: L1, value: 2}'])), /completion_criteria\.behavior: expected the name of the behavior/);
  assert.match(message(lesson(['      - {value: 1}'])), /curriculum\[0\]\.name: expected the lesson's name/);
  assert.match(message(lesson(['      - {name: L0, value: 1, completion_criteria: {behavior: B, measur: reward}}', '      - {name: L1, value: 2}'])), /did you mean "measure"\?/);
  const last = parse(lesson(['      - {name: L0, value: 1, completion_criteria: {behavior: B}}', '      - {name: L1, value: 2, completion_criteria: {behavior: B}}']));
  assert.match(last.warnings[0]!, /curriculum\[1\]\.completion_criteria: ignored: this is the last lesson of the curriculum/);
});

test('missing required keys and contradictory settings', () => {
  assert.equal(message(yaml('behaviors:', '  A:', '    reward_signals:', '      gail: {strength: 0.1}')), 'run.yaml:4: behaviors.A.reward_signals.gail.demo_path: expected the path of a .demo file or a folder of them, got nothing (the key is missing)');
  assert.equal(message(yaml('behaviors:', '  A:', '    reward_signals: {}')), 'run.yaml:3: behaviors.A.reward_signals: expected at least one reward signal (extrinsic, gail, curiosity or rnd), got none');
  assert.equal(
    message(yaml('env_settings:', '  num_envs: 4')),
    'run.yaml:2: env_settings.num_envs: expected 1 when no environment is set (the Editor connects as one environment; set env_settings.env_path or --env to launch 4), got 4',
  );
  assert.equal(message(yaml('env_settings:', '  env_path: builtin:cartpol')), `run.yaml:2: env_settings.env_path: expected builtin:NAME with NAME one of ${[...builtinEnvs.keys()].join(', ')}, got "builtin:cartpol"; did you mean "builtin:cartpole"?`);
  assert.equal(message(yaml('env_settings:', '  env_path: cartpole')), 'run.yaml:2: env_settings.env_path: expected the path of a Unity executable, or builtin:NAME for a built-in environment, got "cartpole", which is no file here; did you mean "builtin:cartpole"?');
  assert.equal(message(yaml('checkpoint_settings:', '  run_id: ../elsewhere')), 'run.yaml:2: checkpoint_settings.run_id: expected a name without slashes, surrounding spaces, "." or ".." (it names a folder under results_dir), got "../elsewhere"');
  assert.equal(message(yaml('checkpoint_settings:', '  inference: true')), 'run.yaml:2: checkpoint_settings.inference: expected a trained policy to act with: resume (--resume) or initialize_from (--initialize-from) beside it, got neither');
  assert.equal(
    message(yaml('environment_parameters:', '  mass:', '    sampler_type: uniform', '    sampler_parameters: {min_value: 5, max_value: 1}')),
    'run.yaml:4: environment_parameters.mass.sampler_parameters.min_value: expected min_value ≤ max_value, got min_value 5 and max_value 1',
  );
});

test('a value merged from default_settings says where it was written', () => {
  assert.equal(
    message(yaml('default_settings:', '  hyperparameters: {batch_size: 4096}', 'behaviors:', '  A:', '    hyperparameters: {buffer_size: 2048}')),
    'run.yaml:2: behaviors.A.hyperparameters.batch_size (set at default_settings.hyperparameters.batch_size): expected an integer ≤ buffer_size (2048), so that a buffer holds at least one minibatch, got 4096',
  );
});

test('a missing or unreadable file is a config error naming the path', () => {
  const error = (() => {
    try {
      loadRunConfig('/nonexistent/run.yaml');
    } catch (e) {
      return e as Error & { code?: string };
    }
    return null;
  })();
  assert.ok(error);
  assert.equal(error.code, 'SHIVA_ERR_CONFIG');
  assert.match(error.message, /^\/nonexistent\/run\.yaml: expected a readable run-configuration file, got ENOENT/);
});
