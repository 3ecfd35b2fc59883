/**
 * PPO with GAIL as its only reward on CartPole: demonstrations recorded with `shiva record`'s code from the scripted
 * balance expert (500 per episode), the environment's reward scaled by extrinsic strength 0, and the GAIL hook of
 * PpoLearner adding −log(1 − D(s, a, done)) before GAE (configs/cartpole-gail.yaml's discriminator: use_actions,
 * normalised observations). The environment's own return is tracked on the side only to judge. A uniformly random
 * CartPole policy scores about 22 per episode. GAIL's reward is positive, so part of what this shows is "stay alive";
 * the last assertion checks that the discriminator also rates the expert's rows above the policy's.
 */
import { CLEANRL_PPO } from '../helpers/earlier-defaults.js';
import { decide } from '../../src/decisions/decision-pipeline.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ppoHyperparameters } from '../../agents/ppo/hyperparameters.js';
import type { GailSettings } from '../../agents/reward-signals/gail-settings.js';
import { getBuiltinEnv } from '../../envs/registry.js';
import { record } from '../../src/cli/record.js';
import { LocalEnv } from '../../src/core/env/local-env.js';
import { readDemonstrations } from '../../src/protocol/demo-file/index.js';
import { chooseBackend } from '../../src/core/runtime/backend.js';
import { RunSeeds } from '../../src/core/runtime/seeding.js';
import { createLogger } from '../../src/telemetry/logger.js';
import type { LearnerState } from '../../agents/plugin/learner.js';
import { PpoLearner, type PpoLearnerSettings } from '../../agents/ppo/ppo-learner.js';

await chooseBackend('wasm');

const work = mkdtempSync(join(tmpdir(), 'shiva-gail-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
const logger = createLogger('gail-test');
logger.level = 'warn';
const BEHAVIOR = 'CartPole?team=0';
const TARGET = 200;
const MAX_STEPS = 40_000;

async function recordDemos(): Promise<string> {
  const out = join(work, 'cartpole-balance.demo');
  const result = await record({ env: 'builtin:cartpole', expert: { kind: 'scripted', name: 'cartpole-balance' }, episodes: 4, out, seed: 3, numAreas: 1, timeoutMs: 10_000, logger });
  assert.equal(result.meanReward, 500);
  return out;
}

function settings(demoPath: string): PpoLearnerSettings {
  const gail: GailSettings = {
    gamma: 0.99,
    strength: 1,
    demoPath,
    learningRate: 3e-4,
    useActions: true,
    useVail: false,
    network: { hiddenUnits: 64, numLayers: 2, normalize: true, activation: 'tanh' },
  };
  return {
    id: 'CartPole',
    hyperparameters: ppoHyperparameters({ ...CLEANRL_PPO, batch_size: 128, buffer_size: 512, learning_rate: 1e-3, beta: 0.01, num_epoch: 4, time_horizon: 128 }),
    network: { hiddenUnits: 64, numLayers: 2, activation: 'tanh' },
    maxSteps: 200_000,
    rewardStrength: 0,
    gail,
    gailExpert: () => readDemonstrations(demoPath),
  };
}

/** Steps `env` with `learner` until `steps` agent steps or the recent mean return passes `target`; the env's returns. */
async function drive(learner: PpoLearner, env: LocalEnv, steps: number, target = Infinity, untilUpdates = Infinity) {
  const running = new Map<number, number>();
  const returns: number[] = [];
  const chosen: number[] = [];
  const recent = () => returns.slice(-20).reduce((a, b) => a + b, 0) / Math.max(1, Math.min(20, returns.length));
  let updates = 0;
  let stats: Record<string, number> | null = null;
  let n = 0;
  while (n < steps && updates < untilUpdates && !(returns.length >= 20 && recent() >= target)) {
    const { decisionSteps, terminalSteps } = env.getSteps(BEHAVIOR);
    for (let i = 0; i < terminalSteps.count; i++) {
      const id = terminalSteps.agentIds[i]!;
      returns.push((running.get(id) ?? 0) + terminalSteps.rewards[i]!);
      running.set(id, 0);
    }
    for (let i = 0; i < decisionSteps.count; i++) running.set(decisionSteps.agentIds[i]!, (running.get(decisionSteps.agentIds[i]!) ?? 0) + decisionSteps.rewards[i]!);
    const [actions] = decide(learner, [{ source: 0, decisionSteps, terminalSteps }]);
    chosen.push(...actions!.discrete);
    env.setActions(BEHAVIOR, actions!);
    await env.step();
    n += decisionSteps.count;
    const s = learner.maybeUpdate();
    if (s) {
      stats = s;
      updates++;
    }
  }
  return { returns, recent: recent(), steps: n, stats, chosen };
}

const demoPath = await recordDemos();
const cartpole = getBuiltinEnv('cartpole');
const makeEnv = (seed: number) => new LocalEnv('cartpole', cartpole.factory, { numAreas: 4, seed });

test(`GAIL alone (extrinsic strength 0) teaches PPO to balance CartPole: mean env return of the last 20 episodes ≥ ${TARGET} within ${MAX_STEPS} steps (random ≈ 22)`, async (t) => {
  const env = makeEnv(1);
  await env.reset();
  const learner = new PpoLearner(env.behaviorSpecs.get(BEHAVIOR)!, settings(demoPath), new RunSeeds(1));
  const started = Date.now();
  const run = await drive(learner, env, MAX_STEPS, TARGET);
  const report = `${run.returns.length} episodes, ${run.steps} steps, ${((Date.now() - started) / 1000).toFixed(1)} s, mean of last 20: ${run.recent.toFixed(2)} (${run.returns.slice(-20).join(' ')}), last stats: ${JSON.stringify(run.stats)}`;
  t.diagnostic(report);
  assert.ok(run.recent >= TARGET, report);
  // The stats of the update carry GAIL's figures; the discriminator tells the expert from the policy.
  assert.ok(run.stats!['Policy/GAIL Reward']! > 0);
  assert.ok(Number.isFinite(run.stats!['Losses/GAIL Loss']));
  assert.ok(run.stats!['Policy/GAIL Expert Estimate']! > run.stats!['Policy/GAIL Policy Estimate']!, 'D rates expert rows above the policy\'s');
  learner.dispose();
  await env.close();
});

test('a PPO learner with GAIL survives a checkpoint round trip: discriminator, its optimizer and RNG, bit for bit', async () => {
  const env = makeEnv(4);
  await env.reset();
  const spec = env.behaviorSpecs.get(BEHAVIOR)!;
  const original = new PpoLearner(spec, settings(demoPath), new RunSeeds(9));
  await drive(original, env, 10_000, Infinity, 2);
  original.forgetSource(0);
  const state = JSON.parse(JSON.stringify(original.save())) as LearnerState;
  assert.equal((state['gail'] as { format: string }).format, 'shiva-gail');
  const restored = new PpoLearner(spec, settings(demoPath), new RunSeeds(1234));
  restored.load(state, 'ckpt');
  assert.deepEqual(restored.save(), original.save());
  const envA = makeEnv(5);
  const envB = makeEnv(5);
  await envA.reset();
  await envB.reset();
  const a = await drive(original, envA, 600);
  const b = await drive(restored, envB, 600);
  assert.deepEqual(b.chosen, a.chosen);
  assert.deepEqual(b.stats, a.stats);
  assert.deepEqual(restored.save(), original.save());
  // A checkpoint without the discriminator is refused by a learner that has one.
  const { gail: _dropped, ...withoutGail } = state as LearnerState & { gail?: unknown };
  assert.throws(() => restored.load(withoutGail as LearnerState, 'old.ckpt'), /old\.ckpt: gail: format: expected shiva-gail version 1/);
  original.dispose();
  restored.dispose();
  await Promise.all([env.close(), envA.close(), envB.close()]);
});

test('threaded GAIL: the replica reads the demonstrations itself, its discriminator trains there, and its state comes back through save()', async () => {
  const env = makeEnv(6);
  await env.reset();
  const spec = env.behaviorSpecs.get(BEHAVIOR)!;
  const learner = new PpoLearner(spec, { ...settings(demoPath), threaded: true }, new RunSeeds(9));
  const before = JSON.stringify(learner.save()['gail']);
  // Three updates sent to the thread: the first two reported (each with the next), the third taken by save().
  const run = await drive(learner, env, 10_000, Infinity, 2);
  assert.ok(run.stats!['Policy/GAIL Reward']! > 0, JSON.stringify(run.stats));
  assert.ok(Number.isFinite(run.stats!['Losses/GAIL Loss']), 'the discriminator trained in the thread');
  const state = learner.save();
  assert.notEqual(JSON.stringify(state['gail']), before, "the replica's discriminator moved, and save() returned it");
  // It loads into an unthreaded learner as any checkpoint would.
  const plain = new PpoLearner(spec, settings(demoPath), new RunSeeds(1));
  plain.load(state, 'threaded checkpoint');
  assert.deepEqual(plain.save(), state);
  plain.dispose();
  learner.dispose();
  await env.close();
});
