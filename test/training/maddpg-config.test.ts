/**
 * trainer_type: maddpg from a run configuration to a learner plan and a short run through the meta-learner and
 * the Trainer: the example configs, MADDPG's own keys, and the errors for keys in the wrong place.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { learnerPlan, planResolver } from '../../src/training/plan-resolver.js';
import { assertTrainable, behaviorConfigFor } from '../../src/config/index.js';
import { loadRunConfig, parseRunConfig } from '../../src/config/load-run-config.js';
import { getBuiltinEnv } from '../../envs/registry.js';
import { LocalEnv } from '../../src/core/env/local-env.js';
import { isShivaError } from '../../src/core/errors.js';
import { chooseBackend } from '../../src/core/runtime/backend.js';
import { RunSeeds } from '../../src/core/runtime/seeding.js';
import { MaddpgLearner } from '../../agents/maddpg/maddpg-learner.js';
import { MetaLearner } from '../../src/training/meta-learner.js';
import { Trainer } from '../../src/training/trainer.js';

await chooseBackend('wasm');

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const yaml = (...lines: string[]) => `${lines.join('\n')}\n`;

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    assert.ok(isShivaError(error), `expected a ShivaError, got ${String(error)}`);
    return error.message;
  }
  assert.fail('expected an error');
}

test('configs/spread-maddpg.yaml and spread-ddpg.yaml give maddpg plans with every key mapped, differing only in independent', () => {
  const plans = ['spread-maddpg.yaml', 'spread-ddpg.yaml'].map((file) => {
    const config = loadRunConfig(join(repoRoot, 'configs', file));
    assert.deepEqual(config.warnings, []);
    assert.doesNotThrow(() => assertTrainable(config));
    assert.deepEqual(config.environmentParameters, { agents: 3, discrete: 0 });
    const plan = planResolver(config)('Spread?team=0')!;
    assert.equal(plan.trainerType, 'maddpg');
    if (plan.trainerType !== 'maddpg') throw new Error('unreachable');
    assert.deepEqual(plan.network, { hiddenUnits: 64, numLayers: 2, normalize: false, activation: 'relu', visEncodeType: 'simple', goalConditioningType: 'hyper' });
    assert.equal(plan.maxSteps, 300000);
    return plan.hyperparameters;
  });
  assert.deepEqual(plans[0], {
    batch_size: 1024,
    buffer_size: 100000,
    learning_rate: 0.01,
    buffer_init_steps: 6000,
    tau: 0.01,
    steps_per_update: 48,
    gradient_steps: 1,
    gamma: 0.95,
    critic: 'per_agent',
    independent: false,
    shared_actor: false,
    team_size: 3,
    exploration_noise: 0.1,
    gumbel_temperature: 1,
    max_grad_norm: 0.5,
    policy_regularization: 0.001,
    save_replay_buffer: false,
  });
  assert.deepEqual(plans[1], { ...plans[0], independent: true });
});

test("MADDPG's keys are refused under other trainers; bad values and a linear schedule are refused under maddpg", () => {
  const sac = messageOf(() => parseRunConfig(yaml('behaviors:', '  A:', '    trainer_type: sac', '    hyperparameters: {critic: shared}'), 'run.yaml'));
  assert.match(sac, /^run\.yaml:4: behaviors\.A\.hyperparameters\.critic: .*a hyperparameter of maddpg, but trainer_type is sac$/);
  const bad = messageOf(() => parseRunConfig(yaml('behaviors:', '  A:', '    trainer_type: maddpg', '    hyperparameters: {critic: central}'), 'run.yaml'));
  assert.match(bad, /^run\.yaml:4: behaviors\.A\.hyperparameters\.critic: expected one of per_agent, shared, got/);
  // Refused as the configuration loads, before anything is written.
  const linear = messageOf(() => parseRunConfig(yaml('behaviors:', '  A:', '    trainer_type: maddpg', '    hyperparameters:', '      learning_rate_schedule: linear'), 'run.yaml'));
  assert.equal(linear, 'run.yaml:5: behaviors.A.hyperparameters.learning_rate_schedule: expected "constant" (MADDPG keeps its learning rate), got "linear"');
});

test('the meta-learner creates a MaddpgLearner for the plan and the Trainer runs it to max_steps on spread', async () => {
  const config = parseRunConfig(
    yaml(
      'behaviors:',
      '  Spread:',
      '    trainer_type: maddpg',
      '    hyperparameters: {batch_size: 32, buffer_size: 1000, buffer_init_steps: 100, steps_per_update: 30, critic: shared}',
      '    max_steps: 600',
    ),
    'run.yaml',
  );
  const meta = new MetaLearner(planResolver(config), new RunSeeds(1));
  const spread = getBuiltinEnv('spread');
  const env = new LocalEnv('builtin:spread', spread.factory, { seed: 3, numAreas: 2 });
  const returns: number[] = [];
  const trainer = new Trainer([env], meta, {
    summaryFreq: () => 300,
    checkpointInterval: () => 1e9,
    onEpisode: (_learner, episode) => void returns.push(episode.return),
  });
  const { summary } = await trainer.run();
  const learner = meta.learners.get('Spread')!;
  assert.ok(learner instanceof MaddpgLearner);
  assert.equal(learner.teamSize, 3, 'the default scene has 3 agents per group');
  assert.ok(learner.steps >= 600 && learner.steps < 600 + 6);
  // 600 agent steps = 100 decisions per area (2 areas of 3 agents): three finished 25-step episodes per area, each
  // reported by its 3 agents (the fourth is cut off by max_steps).
  assert.equal(returns.length, 3 * 2 * 3);
  assert.ok(learner.save().updates > 0);
  assert.equal(summary['Spread']!.steps, learner.steps);
  meta.dispose();
});
