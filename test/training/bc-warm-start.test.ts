/**
 * Offline BC and warm starts through the command line's code: `shiva imitate` fits CartPole's policy to a recorded
 * expert and writes a checkpoint; `shiva train` with `init_path` at that run starts from exactly those weights; a
 * run resumed from its own checkpoint keeps its own; a behavioral_cloning demo of another spec is refused when
 * the learner is created; PPO learners get the BC hook, others are refused.
 */
import type { PpoHyperparameters } from '../../agents/ppo/hyperparameters.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SavedActorCritic } from '../../agents/networks/actor-critic.js';
import { imitate } from '../../src/cli/imitate.js';
import { imitationResolver, initialPolicy } from '../../src/cli/imitate-plans.js';
import { planResolver } from '../../src/training/plan-resolver.js';
import { record } from '../../src/cli/record.js';
import { train } from '../../src/cli/train.js';
import { loadRunConfig } from '../../src/config/index.js';
import { vectorObservation } from '../../src/core/env/behavior-spec.js';
import { isShivaError } from '../../src/core/errors.js';
import { chooseBackend } from '../../src/core/runtime/backend.js';
import { RunSeeds } from '../../src/core/runtime/seeding.js';
import { createLogger } from '../../src/telemetry/logger.js';
import { ImitationMetaLearner } from '../../src/training/bc-meta-learner.js';
import { readCheckpoint } from '../../src/training/checkpoint/index.js';
import type { LearnerState } from '../../agents/plugin/learner.js';
import { PpoLearner } from '../../agents/ppo/ppo-learner.js';

await chooseBackend('wasm');
const work = mkdtempSync(join(tmpdir(), 'shiva-bc-warm-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
const logger = createLogger('bc-warm-test');
logger.level = 'warn';
const demoPath = join(work, 'cartpole.demo');
const CARTPOLE = { name: 'CartPole?team=0', observationSpecs: [vectorObservation(4)], actionSpec: { continuousSize: 0, discreteBranches: [2] } };

function writeConfig(name: string, behaviorExtra: string): string {
  const path = join(work, `${name}.yaml`);
  writeFileSync(
    path,
    `behaviors:
  CartPole:
    trainer_type: ppo
    hyperparameters: { batch_size: 64, buffer_size: 100000, learning_rate: 3.0e-3 }
    network_settings: { hidden_units: 16, num_layers: 2, normalize: true }
    max_steps: 200
    time_horizon: 32
${behaviorExtra}
env_settings: { env_path: builtin:cartpole, num_areas: 2, seed: 1 }
checkpoint_settings: { run_id: ${name}, results_dir: ${work} }
shiva: { backend: wasm }
`,
  );
  return path;
}

const policyOf = (state: LearnerState) => state['policy'] as SavedActorCritic;

test('shiva imitate fits the policy offline; shiva train with init_path starts from exactly its weights', async () => {
  await record({ env: 'builtin:cartpole', expert: { kind: 'scripted', name: 'cartpole-balance' }, episodes: 3, out: demoPath, seed: 5, numAreas: 3, timeoutMs: null, logger });
  const bcConfig = loadRunConfig(writeConfig('bc', `    behavioral_cloning: { demo_path: ${demoPath}, batch_size: 64 }`));
  const fitted = await imitate(bcConfig, { epochs: 15, validation: 0.2, logger });
  assert.equal(fitted.behaviors.length, 1);
  const b = fitted.behaviors[0]!;
  assert.equal(b.behavior, 'CartPole?team=0');
  assert.equal(b.rows + b.heldOutRows, 1500); // 3 episodes × 500 decisions
  assert.equal(b.heldOutRows, 500);
  // The expert is a linear threshold on (θ, θ̇), but its own play keeps the pole near that threshold, where the
  // two actions are close calls: a fitted policy agrees with it on ≥ 80% of a held-out episode (measured 0.85),
  // a constant answer on about half.
  assert.ok(b.heldOut!.accuracy! >= 0.8, `held-out accuracy ${b.heldOut!.accuracy}`);
  const saved = (readCheckpoint(fitted.checkpoint).meta as unknown as { state: { learners: Record<string, LearnerState> } }).state.learners;
  assert.deepEqual(Object.keys(saved), ['CartPole']);

  // buffer_size > max_steps: no PPO update, so the weights at the end are the ones the run started from.
  const warm = loadRunConfig(writeConfig('warm', `    init_path: ${join(work, 'bc')}`));
  const result = await train(warm, { logger });
  assert.ok(result.checkpoint);
  const after = (readCheckpoint(result.checkpoint).meta as unknown as { state: { learners: Record<string, LearnerState> } }).state.learners['CartPole']!;
  assert.deepEqual(policyOf(after).parameters, policyOf(saved['CartPole']!).parameters);
  assert.equal(after.steps >= 200, true);
  const cold = loadRunConfig(writeConfig('cold', ''));
  const coldResult = await train(cold, { logger });
  const coldAfter = (readCheckpoint(coldResult.checkpoint!).meta as unknown as { state: { learners: Record<string, LearnerState> } }).state.learners['CartPole']!;
  assert.notDeepEqual(policyOf(coldAfter).parameters, policyOf(saved['CartPole']!).parameters);
});

test('the imitation meta-learner: warm start and BC hook for new learners, not over a resumed one; mismatched demos refused', async () => {
  const config = loadRunConfig(writeConfig('meta', `    behavioral_cloning: { demo_path: ${demoPath}, strength: 0.5, steps: 1000 }\n    init_path: ${join(work, 'bc')}`));
  const init = initialPolicy(join(work, 'bc'), 'CartPole');
  const fresh = new ImitationMetaLearner(planResolver(config), new RunSeeds(1), new Map(), 'checkpoint', imitationResolver(config));
  const learner = fresh.learnerFor(CARTPOLE) as PpoLearner;
  assert.ok(learner.imitation, 'BC hook attached');
  assert.deepEqual(learner.policy.save().parameters, init.policy.parameters);
  assert.deepEqual(fresh.applied.get('CartPole'), { initFrom: init.where, behavioralCloning: true });
  assert.equal(fresh.learnerFor(CARTPOLE), learner); // prepared once

  // Resumed: the run's own weights win over init_path.
  const plan = planResolver(config)('CartPole?team=0')!;
  assert.ok(plan.trainerType === 'ppo');
  const own = new PpoLearner(CARTPOLE, { id: 'CartPole', hyperparameters: plan.hyperparameters as PpoHyperparameters, network: plan.network, maxSteps: plan.maxSteps, rewardStrength: 1 }, new RunSeeds(42));
  const resumed = new ImitationMetaLearner(planResolver(config), new RunSeeds(1), new Map([['CartPole', own.save()]]), 'ckpt', imitationResolver(config));
  assert.deepEqual((resumed.learnerFor(CARTPOLE) as PpoLearner).policy.save().parameters, own.policy.save().parameters);

  // A demo of another spec: refused when the learner is created, naming the file.
  const wide = { ...CARTPOLE, observationSpecs: [vectorObservation(6)] };
  const noInit = loadRunConfig(writeConfig('wide', `    behavioral_cloning: { demo_path: ${demoPath} }`));
  const mismatched = new ImitationMetaLearner(planResolver(noInit), new RunSeeds(1), new Map(), 'checkpoint', imitationResolver(noInit));
  assert.throws(
    () => mismatched.learnerFor(wide),
    (e: unknown) => isShivaError(e, 'SHIVA_ERR_DEMO_SPEC') && e.message === `${demoPath}: observation #0 shape: expected [6] (behavior "CartPole?team=0"), got [4]`,
  );
  // init_path pointing nowhere.
  assert.throws(() => initialPolicy(join(work, 'nothing-here'), 'CartPole'), /init_path: expected a checkpoint file, a run folder or a checkpoints folder, got \S*nothing-here, which does not exist$/);
  for (const m of [fresh, resumed, mismatched]) m.dispose();
  own.dispose();
});
