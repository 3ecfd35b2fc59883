/**
 * Reward signals with MA-POCA (as ML-Agents' POCA: a value and baseline head per signal on the group critic, its
 * own γ, advantages averaged over the streams): POCA with RND on the sparse-reward corridor (every agent a group of
 * one) reports its intrinsic stats, its novelty reward falls on what it has visited and it finds the goal more often
 * than POCA alone (it does not reliably learn the corridor as PPO with RND does: over seeds, from 1% to 55% of the
 * last 100 episodes at 30k steps); curiosity's stats appear too; GAIL with POCA runs from a recorded
 * demonstration; the signals and their heads are checkpointed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pocaHyperparameters } from '../../../agents/poca/hyperparameters.js';
import { PocaLearner, type PocaLearnerSettings } from '../../../agents/poca/poca-learner.js';
import { DEFAULT_GAIL_NETWORK } from '../../../agents/reward-signals/gail-settings.js';
import { getBuiltinEnv } from '../../../envs/registry.js';
import { record } from '../../../src/cli/record.js';
import { LocalEnv } from '../../../src/core/env/local-env.js';
import { chooseBackend } from '../../../src/core/runtime/backend.js';
import { RunSeeds } from '../../../src/core/runtime/seeding.js';
import { decide } from '../../../src/decisions/decision-pipeline.js';
import { readDemonstrations } from '../../../src/protocol/demo-file/index.js';
import { createLogger } from '../../../src/telemetry/logger.js';
import { CORRIDOR_CURIOSITY, CORRIDOR_RND, goalRate, runCorridorWith } from '../../helpers/sparse-corridor.js';

await chooseBackend('wasm');
const STEPS = 20_000;
const LAST = 100;

function pocaSettings(signals: Partial<PocaLearnerSettings> = {}): PocaLearnerSettings {
  return {
    id: 'Corridor',
    hyperparameters: pocaHyperparameters({ batch_size: 128, buffer_size: 512, time_horizon: 64, num_epoch: 3, learning_rate: 1e-3, beta: 0.01, gamma: 0.99, learning_rate_schedule: 'constant', beta_schedule: 'constant', epsilon_schedule: 'constant' }),
    network: { hiddenUnits: 32, numLayers: 2 },
    maxSteps: 1_000_000,
    rewardStrength: 1,
    ...signals,
  };
}

test(`POCA + RND on the locked corridor (seed 1, ${STEPS} steps): the intrinsic stats are reported, RND's reward on what was visited falls, and the goal is found more often than by POCA alone`, async (t) => {
  const alone = await runCorridorWith((spec, seeds) => new PocaLearner(spec, pocaSettings(), seeds), 1, STEPS);
  const rnd = await runCorridorWith((spec, seeds) => new PocaLearner(spec, pocaSettings({ rnd: CORRIDOR_RND }), seeds), 1, STEPS);
  const total = (goals: number[]) => goals.reduce((a, b) => a + b, 0);
  const report = `goals: POCA alone ${total(alone.goals)} of ${alone.goals.length} episodes (${alone.seconds} s); POCA + RND ${total(rnd.goals)} of ${rnd.goals.length} (${rnd.seconds} s), ${goalRate(rnd.goals, LAST)} of the last ${LAST}; RND reward first ${rnd.stats[0]!['Policy/RND Reward']}, last ${rnd.stats.at(-1)!['Policy/RND Reward']}`;
  t.diagnostic(report);
  const last = rnd.stats.at(-1)!;
  for (const key of ['Policy/RND Reward', 'Policy/RND Value Estimate', 'Policy/RND Baseline Estimate', 'Losses/RND Loss', 'Losses/Baseline Loss']) assert.ok(Number.isFinite(last[key]), key);
  assert.equal(alone.stats.at(-1)!['Policy/RND Reward'], undefined);
  assert.ok(rnd.stats[0]!['Policy/RND Reward']! > 10 * last['Policy/RND Reward']!, report);
  assert.ok(total(rnd.goals) > total(alone.goals), report);
});

test('POCA with curiosity reports its stats; with GAIL it runs from a recorded demonstration; signals and heads ride in the checkpoint', async () => {
  const curious = await runCorridorWith((spec, seeds) => new PocaLearner(spec, pocaSettings({ curiosity: CORRIDOR_CURIOSITY }), seeds), 2, 2_000);
  const s = curious.stats.at(-1)!;
  for (const key of ['Policy/Curiosity Reward', 'Policy/Curiosity Value Estimate', 'Policy/Curiosity Baseline Estimate', 'Losses/Curiosity Forward Loss', 'Losses/Curiosity Inverse Loss']) assert.ok(Number.isFinite(s[key]), key);

  const work = mkdtempSync(join(tmpdir(), 'shiva-poca-gail-'));
  try {
    const logger = createLogger('poca-gail-test');
    logger.level = 'warn';
    const demo = join(work, 'cartpole.demo');
    await record({ env: 'builtin:cartpole', expert: { kind: 'scripted', name: 'cartpole-balance' }, episodes: 1, out: demo, seed: 3, numAreas: 2, timeoutMs: null, logger });
    const env = new LocalEnv('cartpole', getBuiltinEnv('cartpole').factory, { numAreas: 4, seed: 7 });
    await env.reset();
    const behavior = 'CartPole?team=0';
    const spec = env.behaviorSpecs.get(behavior)!;
    const gail = { gamma: 0.99, strength: 1, demoPath: demo, learningRate: 3e-4, useActions: false, useVail: false, network: { ...DEFAULT_GAIL_NETWORK, hiddenUnits: 32 } };
    const settings = { ...pocaSettings(), id: 'CartPole', hyperparameters: pocaHyperparameters({ batch_size: 64, buffer_size: 256, time_horizon: 32, num_epoch: 2 }), gail, gailExpert: () => readDemonstrations(demo) };
    const learner = new PocaLearner(spec, settings, new RunSeeds(3));
    const stats: Record<string, number>[] = [];
    while (stats.length < 3) {
      const { decisionSteps, terminalSteps } = env.getSteps(behavior);
      const [actions] = decide(learner, [{ source: 0, decisionSteps, terminalSteps }]);
      env.setActions(behavior, actions!);
      await env.step();
      const u = learner.maybeUpdate();
      if (u) stats.push(u);
    }
    await env.close();
    for (const key of ['Policy/GAIL Reward', 'Losses/GAIL Loss', 'Policy/GAIL Value Estimate', 'Policy/GAIL Baseline Estimate', 'Policy/GAIL Expert Estimate']) assert.ok(Number.isFinite(stats.at(-1)![key]), key);
    const saved = JSON.parse(JSON.stringify(learner.save()));
    assert.ok(saved['gail'], 'the discriminator is checkpointed');
    assert.ok((saved['critic'].parameters as { name: string }[]).some((p) => p.name === 'critic/value_gail/kernel'), 'the GAIL head is in the critic');
    const copy = new PocaLearner(spec, settings, new RunSeeds(99));
    copy.load(saved, 'ckpt');
    assert.deepEqual(JSON.parse(JSON.stringify(copy.save())), saved);
    learner.dispose();
    copy.dispose();
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
