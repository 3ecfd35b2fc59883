/**
 * What the Trainer saves when a run ends by a fault (issue 18, item 5): an environment that fails (step, reset) or
 * a simulation that stops the run (Unity's 400) leave every learner between steps, so the steps so far are
 * checkpointed (a stop then ends the run normally, a failure is thrown after); a failure inside a learner's update
 * may leave it half-updated, so nothing is saved and the error is thrown as it came.
 */
import { CLEANRL_PPO } from '../helpers/earlier-defaults.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ppoHyperparameters } from '../../agents/ppo/hyperparameters.js';
import { getBuiltinEnv } from '../../envs/registry.js';
import type { BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import type { Environment } from '../../src/core/env/environment.js';
import { LocalEnv } from '../../src/core/env/local-env.js';
import { SimulationStoppedError } from '../../src/core/env/simulation-stopped.js';
import { ShivaError } from '../../src/core/errors.js';
import { chooseBackend } from '../../src/core/runtime/backend.js';
import { RunSeeds } from '../../src/core/runtime/seeding.js';
import type { LearnerPlan } from '../../src/training/learner-plan.js';
import { MetaLearner } from '../../src/training/meta-learner.js';
import { Trainer, type TrainingState } from '../../src/training/trainer.js';

await chooseBackend('wasm');

const plan: LearnerPlan = {
  learnerId: 'CartPole',
  trainerType: 'ppo',
  hyperparameters: ppoHyperparameters({ ...CLEANRL_PPO, batch_size: 64, buffer_size: 128, num_epoch: 1, time_horizon: 32 }),
  network: { hiddenUnits: 8, numLayers: 1, activation: 'tanh' },
  maxSteps: 1_000_000,
  rewardStrength: 1,
  summaryFreq: 1e9,
  checkpointInterval: 1e9,
  keepCheckpoints: 1,
};

/** CartPole that throws `error` at its `failAt`-th step. */
function failingEnv(failAt: number, error: Error): Environment {
  const inner = new LocalEnv('builtin:cartpole#0', getBuiltinEnv('cartpole').factory, { numAreas: 2, seed: 1 });
  let steps = 0;
  return new Proxy(inner, {
    get(target, key, receiver) {
      if (key === 'step') {
        return async () => {
          if (++steps === failAt) throw error;
          return target.step();
        };
      }
      const value = Reflect.get(target, key, receiver) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

function trainerOn(env: Environment, meta: MetaLearner, saves: { steps: number; state: TrainingState }[]): Trainer {
  return new Trainer([env], meta, {
    summaryFreq: () => 1e9,
    checkpointInterval: () => 1e9,
    checkpoints: {
      save: async (steps, state) => {
        saves.push({ steps, state });
        return `checkpoint-${steps}`;
      },
    },
  });
}

test('an environment that fails mid-run: the steps so far are checkpointed, then the error is thrown', async () => {
  const meta = new MetaLearner(() => plan, new RunSeeds(1));
  const saves: { steps: number; state: TrainingState }[] = [];
  const trainer = trainerOn(failingEnv(150, new ShivaError('SHIVA_ERR_DISCONNECTED', 'player gone')), meta, saves);
  await assert.rejects(trainer.run(), /player gone/);
  const learner = meta.learners.get('CartPole')!;
  assert.equal(saves.length, 1);
  assert.equal(saves[0]!.steps, learner.steps);
  assert.ok(learner.steps >= 149 * 2, `${learner.steps} steps acted on before the failure`);
  assert.equal(trainer.afterFailure?.checkpoint, `checkpoint-${learner.steps}`);
  assert.equal(trainer.afterFailure?.summary['CartPole']!.steps, learner.steps);
  meta.dispose();
});

test('the simulation stopping the run (status 400) ends it normally, with the final checkpoint', async () => {
  const meta = new MetaLearner(() => plan, new RunSeeds(1));
  const saves: { steps: number; state: TrainingState }[] = [];
  const trainer = trainerOn(failingEnv(150, new SimulationStoppedError('grpc localhost:5004: the simulation closed the connection (status 400)')), meta, saves);
  const result = await trainer.run();
  assert.equal(result.stopped, false);
  assert.match(result.simulationStopped ?? '', /status 400/);
  assert.equal(saves.length, 1);
  assert.equal(saves[0]!.steps, meta.learners.get('CartPole')!.steps);
  assert.equal(trainer.afterFailure, null);
  meta.dispose();
});

test("a failure inside a learner's update is thrown with nothing saved (the learner may be half-updated)", async () => {
  let updates = 0;
  class BreakingMeta extends MetaLearner {
    override learnerFor(spec: BehaviorSpec) {
      const learner = super.learnerFor(spec);
      if (learner && !(learner as { broken?: boolean }).broken) {
        const update = learner.maybeUpdate.bind(learner);
        Object.assign(learner, {
          broken: true,
          maybeUpdate: () => {
            const stats = update();
            if (stats && ++updates === 2) throw new Error('update blew up');
            return stats;
          },
        });
      }
      return learner;
    }
  }
  const meta = new BreakingMeta(() => plan, new RunSeeds(1));
  const saves: { steps: number; state: TrainingState }[] = [];
  const trainer = trainerOn(failingEnv(1e9, new Error('never')), meta, saves);
  await assert.rejects(trainer.run(), /update blew up/);
  assert.equal(saves.length, 0);
  assert.equal(trainer.afterFailure, null);
  meta.dispose();
});
