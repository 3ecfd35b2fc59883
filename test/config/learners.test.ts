/**
 * Behavior ids to settings and learners: "Name" covers every team, "Name?team=N" one team, default_settings the
 * rest; `learner` and `shiva.learners` share a policy among behaviors, `policy_per_team` splits one by team.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertTrainable, behaviorConfigFor, configErrorAt, learnerIdFor, parseBehaviorId } from '../../src/config/behavior-lookup.js';
import { errorOf, parse, parseError, yaml } from './helpers.js';

test('parseBehaviorId splits ML-Agents\' "Name?team=N"', () => {
  assert.deepEqual(parseBehaviorId('CartPole?team=0'), { name: 'CartPole', team: 0 });
  assert.deepEqual(parseBehaviorId('Guard?team=12'), { name: 'Guard', team: 12 });
  assert.deepEqual(parseBehaviorId('Plain'), { name: 'Plain', team: 0 });
  assert.deepEqual(parseBehaviorId('Odd?team=x'), { name: 'Odd?team=x', team: 0 });
});

test('"Name" matches every team, an exact "Name?team=N" key wins, default_settings covers the rest', () => {
  const config = parse(
    yaml(
      'default_settings: {max_steps: 3}',
      'behaviors:',
      '  Soccer: {max_steps: 1}',
      '  Soccer?team=1: {max_steps: 2}',
    ),
  );
  assert.equal(behaviorConfigFor(config, 'Soccer?team=0').maxSteps, 1);
  assert.equal(behaviorConfigFor(config, 'Soccer?team=7').maxSteps, 1);
  assert.equal(behaviorConfigFor(config, 'Soccer?team=1').maxSteps, 2);
  const other = behaviorConfigFor(config, 'Walker?team=0');
  assert.deepEqual([other.name, other.maxSteps, other.learner], ['Walker', 3, 'Walker']);
  assert.ok(Object.isFrozen(other));
});

test('a behavior with no entry and no default_settings is a config error, with a guess', () => {
  const config = parse(yaml('behaviors:', '  CartPole:'));
  const e = errorOf(() => behaviorConfigFor(config, 'Cartpole?team=0'));
  assert.equal(e.code, 'SHIVA_ERR_CONFIG');
  assert.equal(e.message, 'run.yaml: behaviors: expected an entry for behavior "Cartpole" (announced by the environment as "Cartpole?team=0"), or a default_settings section, got entries for CartPole only; did you mean to name "CartPole" "Cartpole"?');
});

test('learners: own name by default, shared by `learner` or by shiva.learners, split by policy_per_team', () => {
  const config = parse(
    yaml(
      'behaviors:',
      '  Forager: {learner: foragers}',
      '  Scout: {learner: foragers}',
      '  Guard: {policy_per_team: true}',
      '  Medic:',
      '  Sniper:',
      'shiva:',
      '  learners:',
      '    support: [Medic, Sniper]',
    ),
  );
  assert.deepEqual([...config.shiva.learners], [
    ['foragers', ['Forager', 'Scout']],
    ['Guard', ['Guard']],
    ['support', ['Medic', 'Sniper']],
  ]);
  assert.equal(learnerIdFor(config, 'Forager?team=0'), 'foragers');
  assert.equal(learnerIdFor(config, 'Scout?team=1'), 'foragers');
  assert.equal(learnerIdFor(config, 'Guard?team=0'), 'Guard?team=0');
  assert.equal(learnerIdFor(config, 'Guard?team=1'), 'Guard?team=1');
  assert.equal(learnerIdFor(config, 'Medic?team=0'), 'support');
  assert.equal(config.behaviors.get('Sniper')!.learner, 'support');
});

test('behaviors sharing a learner must agree on their settings', () => {
  const e = parseError(
    yaml(
      'behaviors:',
      '  Forager:',
      '    learner: shared',
      '    hyperparameters: {batch_size: 256, buffer_size: 2048}',
      '  Scout:',
      '    learner: shared',
      '    hyperparameters: {batch_size: 128, buffer_size: 2048}',
    ),
  );
  assert.equal(e.message, 'run.yaml:7: behaviors.Scout.hyperparameters.batch_size: expected 256 as in behaviors.Forager, since both train learner "shared" (one policy, one set of settings), got 128');
  const conflict = parseError(yaml('behaviors:', '  A: {learner: x}', 'shiva:', '  learners:', '    y: [A]'));
  assert.equal(conflict.message, 'run.yaml:2: behaviors.A.learner: expected "y", as run.yaml:5: shiva.learners.y[0] says, got "x"');
  const twice = parseError(yaml('behaviors:', '  A:', 'shiva:', '  learners:', '    x: [A]', '    y: [A]'));
  assert.equal(twice.message, 'run.yaml:6: shiva.learners.y[0]: expected each behavior under one learner only, got "A" again (it is already under learner "x", run.yaml:5: shiva.learners.x[0])');
  const unknown = parseError(yaml('behaviors:', '  Forager:', 'shiva:', '  learners:', '    x: [Foragr]'));
  assert.equal(unknown.message, 'run.yaml:5: shiva.learners.x[0]: expected a behavior listed under behaviors (or a default_settings section for behaviors not listed), got "Foragr"; did you mean "Forager"?');
});

test('assertTrainable refuses trainers that parse but are not implemented, at the trainer_type line', () => {
  assert.doesNotThrow(() => assertTrainable(parse(yaml('behaviors:', '  A: {trainer_type: ppo}'))));
  const config = parse(yaml('behaviors:', '  A: {trainer_type: ppo}', '  B:', '    trainer_type: mappo'));
  const e = errorOf(() => assertTrainable(config));
  assert.equal(e.code, 'SHIVA_ERR_CONFIG');
  assert.equal(e.message, 'run.yaml:4: behaviors.B.trainer_type: expected one of ppo, poca, sac, dqn, td3, ddpg, maddpg (the trainers shiva train runs today), got "mappo", whose settings are read but whose trainer is not implemented yet');
});

test('configErrorAt points at a key\'s line, or its nearest parent\'s when the key is a default', () => {
  const config = parse(yaml('behaviors:', '  CartPole:', '    network_settings:', '      hidden_units: 64'));
  assert.equal(configErrorAt(config, 'behaviors.CartPole.network_settings.hidden_units', 'too wide for this env').message, 'run.yaml:4: behaviors.CartPole.network_settings.hidden_units: too wide for this env');
  assert.equal(configErrorAt(config, 'behaviors.CartPole.network_settings.vis_encode_type', 'x').message, 'run.yaml:3: behaviors.CartPole.network_settings.vis_encode_type: x');
  assert.equal(configErrorAt(config, 'env_settings.env_path', 'y').message, 'run.yaml: env_settings.env_path: y');
});
