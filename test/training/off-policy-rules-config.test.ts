/**
 * `shiva train`'s wiring for rule files with the off-policy learners: a run configuration with trainer_type dqn,
 * sac or maddpg and `cognitive: {CartPole: configs/cartpole-veto.rules.yaml}` gives a plan and a reasoning layer
 * (src/cli/learner-plans.ts, reasoners.ts), and a short Trainer run on the built-in CartPole passes every decision
 * through the layer and never pushes left at x < −2.0.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getBuiltinEnv } from '../../envs/registry.js';
import { planResolver } from '../../src/training/plan-resolver.js';
import { loadRuleSets, reasonerResolver } from '../../src/cli/reasoners.js';
import { assertTrainable, parseRunConfig } from '../../src/config/index.js';
import type { Reasoner } from '../../src/decisions/reasoning-layer.js';
import { ReasoningLayer } from '../../src/decisions/reasoning-layer.js';
import type { ActionTuple } from '../../src/core/env/action-tuple.js';
import { LocalEnv } from '../../src/core/env/local-env.js';
import { chooseBackend } from '../../src/core/runtime/backend.js';
import { RunSeeds } from '../../src/core/runtime/seeding.js';
import { DqnLearner } from '../../agents/dqn/dqn-learner.js';
import { MaddpgLearner } from '../../agents/maddpg/maddpg-learner.js';
import { MetaLearner } from '../../src/training/meta-learner.js';
import { SacLearner } from '../../agents/sac/sac-learner.js';
import { Trainer } from '../../src/training/trainer.js';

await chooseBackend('wasm');

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const RULES = join(repoRoot, 'configs', 'cartpole-veto.rules.yaml');

/**
 * CartPole that shows the cart 1.95 further left than it is (a random cart seldom reaches x < −2 before its pole
 * falls; shown so, the veto bites at x < −0.05) and checks every action against the observation it last showed.
 */
class CheckedCartPole extends LocalEnv {
  edge = 0;
  violations = 0;
  private shown: Float32Array | null = null;

  override getSteps(behavior: string) {
    const steps = super.getSteps(behavior);
    const shift = <T extends { observations: Float32Array[] }>(s: T): T => ({ ...s, observations: [s.observations[0]!.map((v, i) => (i % 4 === 0 ? v - 1.95 : v))] });
    const shown = { ...steps, decisionSteps: shift(steps.decisionSteps), terminalSteps: shift(steps.terminalSteps) };
    this.shown = shown.decisionSteps.observations[0]!;
    return shown;
  }

  override setActions(behavior: string, actions: ActionTuple): void {
    const shown = this.shown!;
    for (let r = 0; r < actions.discrete.length; r++) {
      if (shown[r * 4]! >= -2) continue;
      this.edge++;
      if (actions.discrete[r] === 0) this.violations++;
    }
    super.setActions(behavior, actions);
  }
}

const HYPERPARAMETERS: Record<string, string> = {
  // ε stays 1 (uniform acting): the cart reaches the left edge often.
  dqn: '{batch_size: 32, buffer_size: 2000, buffer_init_steps: 200, steps_per_update: 20, exploration_initial_eps: 1, exploration_final_eps: 1}',
  sac: '{batch_size: 32, buffer_size: 2000, buffer_init_steps: 200, steps_per_update: 20}',
  maddpg: '{batch_size: 32, buffer_size: 2000, buffer_init_steps: 200, steps_per_update: 20, team_size: 1}',
};

for (const trainerType of ['dqn', 'sac', 'maddpg'] as const) {
  test(`trainer_type ${trainerType} with a rule file: plan, reasoning layer and a Trainer run where every decision passes the layer and none is vetoed`, async () => {
    const config = parseRunConfig(
      [
        'behaviors:',
        '  CartPole:',
        `    trainer_type: ${trainerType}`,
        `    hyperparameters: ${HYPERPARAMETERS[trainerType]}`,
        '    network_settings: {hidden_units: 16, num_layers: 1}',
        '    max_steps: 1600',
        'cognitive:',
        `  CartPole: ${JSON.stringify(RULES)}`,
        '',
      ].join('\n'),
      'run.yaml',
    );
    assert.doesNotThrow(() => assertTrainable(config));
    const seeds = new RunSeeds(1);
    const resolve = reasonerResolver(config, loadRuleSets(config), { runDir: null, seeds });
    const layers: Reasoner[] = [];
    const meta = new MetaLearner(planResolver(config), seeds);
    const cartpole = getBuiltinEnv('cartpole');
    const env = new CheckedCartPole('builtin:cartpole', cartpole.factory, { seed: 5, numAreas: 8 });
    const trainer = new Trainer([env], meta, {
      summaryFreq: () => 1e9,
      checkpointInterval: () => 1e9,
      reasoners: (behavior, spec) => {
        const layer = resolve(behavior, spec);
        if (layer) layers.push(layer);
        return layer;
      },
    });
    await trainer.run();
    const learner = meta.learners.get('CartPole')!;
    assert.ok(learner instanceof ({ dqn: DqnLearner, sac: SacLearner, maddpg: MaddpgLearner } as const)[trainerType]);
    assert.equal(layers.length, 1);
    const layer = layers[0]!;
    assert.ok(layer instanceof ReasoningLayer);
    assert.ok(learner.steps >= 1600 && learner.steps < 1600 + 8);
    assert.equal(layer.decisions, learner.steps, 'every decision went through the reasoning layer');
    assert.ok(learner.save().updates > 0, 'the learner trained');
    assert.equal(env.violations, 0, `${env.edge} decisions at the left edge`);
    assert.ok(env.edge > 10, `the veto was exercised: ${env.edge} decisions at the left edge`);
    meta.dispose();
  });
}
