import { test } from 'node:test';
import assert from 'node:assert/strict';
import { builtinEnvs, getBuiltinEnv } from '../../envs/registry.js';
import { LocalEnv } from '../../src/core/env/local-env.js';
import { isShivaError } from '../../src/core/errors.js';

/** Each built-in's behaviors and how many agents of the first behavior ask per area. */
const EXPECTED: Record<string, { behaviors: string[]; perArea: number }> = {
  basic: { behaviors: ['Basic?team=0'], perArea: 1 },
  cartpole: { behaviors: ['CartPole?team=0'], perArea: 1 },
  'coop-switch': { behaviors: ['CoopSwitch?team=0'], perArea: 2 },
  corridor: { behaviors: ['Corridor?team=0'], perArea: 1 },
  duel: { behaviors: ['Duel?team=0', 'Duel?team=1'], perArea: 1 },
  'goal-line': { behaviors: ['GoalLine?team=0'], perArea: 1 },
  gridworld: { behaviors: ['Forager?team=0', 'Guard?team=1'], perArea: 2 },
  pendulum: { behaviors: ['Pendulum?team=0'], perArea: 1 },
  scout: { behaviors: ['Red?team=0', 'Blue?team=1'], perArea: 2 },
  spread: { behaviors: ['Spread?team=0'], perArea: 3 },
  tmaze: { behaviors: ['TMaze?team=0'], perArea: 1 },
};

test('the registry holds every built-in with its behaviors', async () => {
  assert.deepEqual([...builtinEnvs.keys()], Object.keys(EXPECTED));
  for (const [name, env] of builtinEnvs) {
    assert.equal(env.name, name);
    assert.ok(env.description.length > 20);
    assert.ok(Number.isInteger(env.decisionPeriod) && env.decisionPeriod >= 1);
    assert.ok(Number.isInteger(env.defaultNumAreas) && env.defaultNumAreas >= 1);
    const local = new LocalEnv(`builtin:${name}`, env.factory, { numAreas: env.defaultNumAreas, decisionPeriod: env.decisionPeriod, seed: 1 });
    await local.reset();
    const expected = EXPECTED[name]!;
    assert.deepEqual([...local.behaviorSpecs.keys()], expected.behaviors);
    assert.equal(local.getSteps(expected.behaviors[0]!).decisionSteps.count, expected.perArea * env.defaultNumAreas);
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
  assert.equal(message('cartpol'), 'builtin environments: name: expected one of [basic, cartpole, coop-switch, corridor, duel, goal-line, gridworld, pendulum, scout, spread, tmaze], got "cartpol"; did you mean "cartpole"?');
  assert.match(message('grid-world'), /did you mean "gridworld"\?$/);
  assert.match(message('grid'), /did you mean "gridworld"\?$/);
  assert.match(message('scouts'), /did you mean "scout"\?$/);
  assert.equal(message('tennis'), 'builtin environments: name: expected one of [basic, cartpole, coop-switch, corridor, duel, goal-line, gridworld, pendulum, scout, spread, tmaze], got "tennis"');
});
