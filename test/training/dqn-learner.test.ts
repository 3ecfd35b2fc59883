/**
 * DQN through the meta-learner and the training loop on the built-in CartPole, and its checkpoint state.
 */
import { SB3_DQN } from '../helpers/earlier-defaults.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dqnHyperparameters, type DqnHyperparameters } from '../../agents/dqn/hyperparameters.js';
import { getBuiltinEnv } from '../../envs/registry.js';
import { LocalEnv } from '../../src/core/env/local-env.js';
import { chooseBackend } from '../../src/core/runtime/backend.js';
import { RunSeeds } from '../../src/core/runtime/seeding.js';
import type { LearnerPlan } from '../../src/training/learner-plan.js';
import { MetaLearner } from '../../src/training/meta-learner.js';
import { Trainer } from '../../src/training/trainer.js';

await chooseBackend('wasm');

const THRESHOLD = 150;
const STEP_BUDGET = 20_000;

function dqnPlan(maxSteps: number, overrides: Partial<DqnHyperparameters> = {}): LearnerPlan {
  return {
    learnerId: 'CartPole',
    trainerType: 'dqn',
    hyperparameters: dqnHyperparameters({ ...SB3_DQN, 
      batch_size: 64,
      buffer_size: 20_000,
      learning_rate: 1e-3,
      buffer_init_steps: 1000,
      tau: 1,
      target_update_interval: 200,
      steps_per_update: 2,
      gradient_steps: 1,
      exploration_fraction: 0.2,
      exploration_final_eps: 0.02,
      n_step: 3,
      ...overrides,
    }),
    network: { hiddenUnits: 64, numLayers: 2, activation: 'relu' },
    maxSteps,
    rewardStrength: 1,
    summaryFreq: 2000,
    checkpointInterval: 1e9,
    keepCheckpoints: 1,
  };
}

test(`DQN through the meta-learner on CartPole: mean return of the last 20 episodes reaches ${THRESHOLD} within ${STEP_BUDGET} agent steps`, async (t) => {
  const cartpole = getBuiltinEnv('cartpole');
  const env = new LocalEnv('builtin:cartpole#0', cartpole.factory, { numAreas: 4, seed: 7 });
  const meta = new MetaLearner((b) => (b === 'CartPole?team=0' ? dqnPlan(STEP_BUDGET) : null), new RunSeeds(1));
  const controller = new AbortController();
  const returns: number[] = [];
  let reachedAt: number | null = null;
  const lastMean = () => returns.slice(-20).reduce((a, b) => a + b, 0) / Math.min(20, returns.length);
  const trainer = new Trainer([env], meta, {
    summaryFreq: () => 2000,
    checkpointInterval: () => 1e9,
    signal: controller.signal,
    // Every finished episode's return, as it ends.
    onEpisode: (_learner, episode, step) => {
      returns.push(episode.return);
      if (reachedAt === null && returns.length >= 20 && lastMean() >= THRESHOLD) {
        reachedAt = step;
        controller.abort();
      }
    },
    onProgress: (p) => t.diagnostic(`step ${p.steps}: mean of last 20 ${returns.length ? lastMean().toFixed(1) : '-'}, ${p.episodes} episodes`),
  });
  const { summary, stopped } = await trainer.run();
  const s = summary['CartPole']!;
  t.diagnostic(`dqn cartpole: mean of the last 20 reached ${THRESHOLD} at step ${reachedAt} (episode ${returns.length}); stopped at ${s.steps} steps, ${Math.round(s.stepsPerSecond)} steps/s`);
  assert.ok(stopped && reachedAt !== null, `mean of the last 20 episodes reached ${THRESHOLD} before ${STEP_BUDGET} steps (ended at ${s.steps} steps, last 20: ${lastMean().toFixed(1)})`);
  assert.ok(reachedAt! <= STEP_BUDGET);
  assert.ok(returns.slice(0, 20).reduce((a, b) => a + b, 0) / 20 < 50, 'the first episodes (ε ≈ 1) were near random, so the return was learned');
  meta.dispose();
});
