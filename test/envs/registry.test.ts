import { test } from 'node:test';
import assert from 'node:assert/strict';
import { builtinEnvs, getBuiltinEnv } from '../../envs/registry.js';
import { LocalEnv } from '../../src/env/local-env.js';
import { isShivaError } from '../../src/errors.js';

test('the registry holds cartpole, gridworld, pendulum and scout with their behaviors', async () => {
  assert.deepEqual([...builtinEnvs.keys()], ['cartpole', 'gridworld', 'pendulum', 'scout']);
  const expected: Record<string, string[]> = { cartpole: ['CartPole?team=0'], gridworld: ['Forager?team=0', 'Guard?team=1'], pendulum: ['Pendulum?team=0'], scout: ['Red?team=0', 'Blue?team=1'] };
  for (const [name, env] of builtinEnvs) {
    assert.equal(env.name, name);
    assert.ok(env.description.length > 20);
    assert.ok(Number.isInteger(env.decisionPeriod) && env.decisionPeriod >= 1);
    assert.ok(Number.isInteger(env.defaultNumAreas) && env.defaultNumAreas >= 1);
    const local = new LocalEnv(`builtin:${name}`, env.factory, { numAreas: env.defaultNumAreas, decisionPeriod: env.decisionPeriod, seed: 1 });
    await local.reset();
    assert.deepEqual([...local.behaviorSpecs.keys()], expected[name]);
    const perArea = name === 'gridworld' || name === 'scout' ? 2 : 1;
    assert.equal(local.getSteps(expected[name]![0]!).decisionSteps.count, perArea * env.defaultNumAreas);
  }
});

test('getBuiltinEnv finds names regardless of case and spaces', () => {
  assert.equal(getBuiltinEnv('cartpole'), builtinEnvs.get('cartpole'));
  assert.equal(getBuiltinEnv(' GridWorld '), builtinEnvs.get('gridworld'));
});

test('an unknown name is SHIVA_ERR_ENV listing the known names, with a suggestion for near misses', () => {
  const message = (name: string) => {
    try {
      getBuiltinEnv(name);
    } catch (e) {
      assert.ok(isShivaError(e, 'SHIVA_ERR_ENV'));
      return e.message;
    }
    assert.fail(`"${name}" was accepted`);
  };
  assert.equal(message('cartpol'), 'builtin environments: name: expected one of [cartpole, gridworld, pendulum, scout], got "cartpol"; did you mean "cartpole"?');
  assert.match(message('grid-world'), /did you mean "gridworld"\?$/);
  assert.match(message('grid'), /did you mean "gridworld"\?$/);
  assert.match(message('scouts'), /did you mean "scout"\?$/);
  assert.equal(message('tennis'), 'builtin environments: name: expected one of [cartpole, gridworld, pendulum, scout], got "tennis"');
});
