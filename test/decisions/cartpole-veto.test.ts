/**
 * The end-to-end check: PPO on CartPole with a veto rule (no push left when x < -2.0), the rule file of
 * configs/cartpole-veto.yaml, trained through the trainer, router and reasoning layer as `shiva train` runs it,
 * still solves (mean return of the last 100 episodes ≥ 150 within 60k agent steps) with zero violations: no
 * decision with x < -2.0 whose action is push-left, counted where the actions reach the environments.
 */
import { CLEANRL_PPO } from '../helpers/earlier-defaults.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ppoHyperparameters } from '../../agents/ppo/hyperparameters.js';
import { getBuiltinEnv } from '../../envs/registry.js';
import { loadRules } from '../../src/decisions/rule-files.js';
import { ReasoningLayer } from '../../src/decisions/reasoning-layer.js';
import type { Environment } from '../../src/core/env/environment.js';
import { LocalEnv } from '../../src/core/env/local-env.js';
import { chooseBackend } from '../../src/core/runtime/backend.js';
import { RunSeeds } from '../../src/core/runtime/seeding.js';
import type { LearnerPlan } from '../../src/training/learner-plan.js';
import { MetaLearner } from '../../src/training/meta-learner.js';
import { Trainer } from '../../src/training/trainer.js';
import { repoRoot } from '../helpers/paths.js';

await chooseBackend('wasm');

const plan: LearnerPlan = {
  learnerId: 'CartPole',
  trainerType: 'ppo',
  hyperparameters: ppoHyperparameters({ ...CLEANRL_PPO, batch_size: 256, buffer_size: 1024, learning_rate: 1e-3, num_epoch: 4, beta: 0.005, time_horizon: 128 }),
  network: { hiddenUnits: 64, numLayers: 2, activation: 'tanh' },
  maxSteps: 60_000,
  rewardStrength: 1,
  summaryFreq: 5000,
  checkpointInterval: 1e9,
  keepCheckpoints: 1,
};

interface Watch {
  /** Decisions taken at x < -2.0, and how many of them pushed left. */
  atEdge: number;
  violations: number;
}

/** Counts, for every action batch the environment receives, the agents at x < -2.0 and those pushed left there. */
function watched(env: LocalEnv, watch: Watch): Environment {
  const setActions = env.setActions.bind(env);
  env.setActions = (behavior, actions) => {
    const { decisionSteps } = env.getSteps(behavior);
    const x = decisionSteps.observations[0]!;
    for (let i = 0; i < decisionSteps.count; i++) {
      if (x[i * 4]! < -2.0) {
        watch.atEdge++;
        if (actions.discrete[i] === 0) watch.violations++;
      }
    }
    setActions(behavior, actions);
  };
  return env;
}

async function train(withRules: boolean) {
  const rules = loadRules(join(repoRoot, 'configs', 'cartpole-veto.rules.yaml'));
  const cartpole = getBuiltinEnv('cartpole');
  const watch: Watch = { atEdge: 0, violations: 0 };
  const envs = [0, 1].map((i) => watched(new LocalEnv(`builtin:cartpole#${i}`, cartpole.factory, { numAreas: 4, seed: 20 + i }), watch));
  const meta = new MetaLearner((behavior) => (behavior === 'CartPole?team=0' ? plan : null), new RunSeeds(5));
  const controller = new AbortController();
  const layers: ReasoningLayer[] = [];
  const trainer = new Trainer(envs, meta, {
    summaryFreq: () => 2000,
    checkpointInterval: () => 1e9,
    signal: controller.signal,
    reasoners: (_behavior, spec) => {
      if (!withRules) return null;
      const layer = new ReasoningLayer(rules, spec, { rulesFile: 'cartpole-veto.rules.yaml', seed: 9 });
      layers.push(layer);
      return layer;
    },
    onProgress: (p) => {
      if ((p.meanReturn ?? 0) >= 150 && p.episodes >= 100) controller.abort();
    },
  });
  const { summary, stopped } = await trainer.run();
  meta.dispose();
  return { summary: summary['CartPole']!, stopped, watch, layers };
}

test('PPO on CartPole with a veto rule (no push left when x < -2.0) still solves, with zero violations', async (t) => {
  const { summary: s, stopped, watch, layers } = await train(true);
  t.diagnostic(`cartpole with the veto: ${s.steps} steps, ${s.episodes} episodes, mean of last 100 ${s.meanReturnLast100?.toFixed(1)}, ${Math.round(s.stepsPerSecond)} steps/s; ${watch.atEdge} decisions at x < -2.0, ${watch.violations} violations`);
  assert.equal(layers.length, 1, 'one reasoning layer for the behavior, across both environments');
  assert.equal(layers[0]!.decisions, s.steps, 'every decision went through the reasoning layer');
  assert.ok(stopped, `reached the threshold before max_steps: ${JSON.stringify(s)}`);
  assert.ok(s.meanReturnLast100! >= 150);
  assert.ok(watch.atEdge > 0, 'the rule was put to the test: carts did reach x < -2.0');
  assert.equal(watch.violations, 0);

  // The same run without the rule file pushes left at the edge: the count above has teeth.
  const control = await train(false);
  t.diagnostic(`the same run without rules: ${control.summary.steps} steps, ${control.watch.atEdge} decisions at x < -2.0, ${control.watch.violations} violations`);
  assert.ok(control.watch.violations > 0);
});
