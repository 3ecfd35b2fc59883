/**
 * configs/cartpole-gail.yaml through the config parser and the plan builder: the PPO plan carries the GAIL settings,
 * and without an extrinsic signal its gamma is GAIL's.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { planResolver } from '../../src/training/plan-resolver.js';
import { parseRunConfig } from '../../src/config/index.js';
import { join } from 'node:path';
import { repoRoot } from '../helpers/paths.js';

const file = join(repoRoot, 'configs', 'cartpole-gail.yaml');

function configWith(edits: ReadonlyArray<readonly [readonly string[], unknown]>) {
  const doc = parseDocument(readFileSync(file, 'utf8'));
  for (const [path, value] of edits) doc.setIn(path, value);
  return parseRunConfig(doc.toString(), 'cartpole-gail.yaml');
}

test('configs/cartpole-gail.yaml: a PPO plan with GAIL only, extrinsic strength 0, gamma from GAIL', () => {
  const plan = planResolver(configWith([[['behaviors', 'CartPole', 'reward_signals', 'gail', 'gamma'], 0.95]]))('CartPole?team=0')!;
  assert.equal(plan.trainerType, 'ppo');
  if (plan.trainerType !== 'ppo') return;
  assert.equal(plan.rewardStrength, 0);
  assert.equal(plan.hyperparameters.gamma, 0.95);
  assert.deepEqual(plan.gail, {
    gamma: 0.95,
    strength: 1,
    demoPath: 'results/demos/cartpole-balance.demo',
    learningRate: 3e-4,
    useActions: true,
    useVail: false,
    network: { hiddenUnits: 64, numLayers: 2, normalize: true, activation: 'tanh' },
  });
});

test('with an extrinsic signal beside GAIL the plan keeps the extrinsic gamma', () => {
  const config = configWith([[['behaviors', 'CartPole', 'reward_signals', 'extrinsic'], { gamma: 0.9, strength: 0.5 }]]);
  const plan = planResolver(config)('CartPole?team=0')!;
  assert.equal(plan.rewardStrength, 0.5);
  assert.equal(plan.hyperparameters.gamma, 0.9);
});
