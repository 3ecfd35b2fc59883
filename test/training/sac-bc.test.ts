/**
 * Behavioral cloning beside SAC (as ML-Agents' off-policy trainer runs its BC module after each gradient step):
 * discrete SAC on CartPole with a demonstration recorded from the scripted expert learns the expert's choices and
 * balances longer than the same SAC without BC (same seeds; measured: NLL 0.69 → 0.06, accuracy 0.98 against 0.75,
 * late episodes ~300 against ~25 steps); continuous SAC's tanh(μ) moves to a demonstrated linear rule; the BC
 * state rides in the learner's checkpoint. The meta-learner gives BC to a SAC learner, and to the learning policy
 * behind a self-play learner.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BcAuxiliary } from '../../agents/imitation/bc-auxiliary.js';
import { datasetFromDemonstration, type ImitationDataset } from '../../agents/imitation/index.js';
import { imitationHostOf } from '../../agents/plugin/imitation-hook.js';
import { sacHyperparameters } from '../../agents/sac/hyperparameters.js';
import { SacLearner } from '../../agents/sac/sac-learner.js';
import { getBuiltinEnv } from '../../envs/registry.js';
import { imitationResolver } from '../../src/cli/imitate-plans.js';
import { record } from '../../src/cli/record.js';
import { loadRunConfig } from '../../src/config/index.js';
import { vectorObservation, type BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import { LocalEnv } from '../../src/core/env/local-env.js';
import { chooseBackend } from '../../src/core/runtime/backend.js';
import { Rng } from '../../src/core/runtime/rng.js';
import { RunSeeds } from '../../src/core/runtime/seeding.js';
import { decide } from '../../src/decisions/decision-pipeline.js';
import { readDemonstrations } from '../../src/protocol/demo-file/index.js';
import { createLogger } from '../../src/telemetry/logger.js';
import { ImitationMetaLearner } from '../../src/training/bc-meta-learner.js';
import { GhostLearner } from '../../src/training/ghost-learner.js';
import { planResolver } from '../../src/training/plan-resolver.js';
import { syntheticSteps } from './td3-synthetic-steps.js';

await chooseBackend('wasm');
const work = mkdtempSync(join(tmpdir(), 'shiva-sac-bc-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
const logger = createLogger('sac-bc-test');
logger.level = 'warn';
const BEHAVIOR = 'CartPole?team=0';

function cartpoleSac(spec: BehaviorSpec): SacLearner {
  const hyperparameters = sacHyperparameters({ batch_size: 64, buffer_size: 20_000, buffer_init_steps: 200, steps_per_update: 4, learning_rate: 1e-3, time_horizon: 1 });
  return new SacLearner(spec, { id: 'CartPole', hyperparameters, network: { hiddenUnits: 32, numLayers: 2 }, maxSteps: 100_000, rewardStrength: 1 }, new RunSeeds(21));
}

/** Trains `learner` for `steps` env steps of 4 areas; the lengths of the episodes that ended in the last half, and the BC losses seen. */
async function train(learner: SacLearner, steps: number): Promise<{ late: number[]; losses: number[] }> {
  const env = new LocalEnv('cartpole', getBuiltinEnv('cartpole').factory, { numAreas: 4, seed: 7 });
  await env.reset();
  const lengths = new Map<number, number>();
  const late: number[] = [];
  const losses: number[] = [];
  for (let i = 0; i < steps; i++) {
    const { decisionSteps, terminalSteps } = env.getSteps(BEHAVIOR);
    for (let k = 0; k < terminalSteps.count; k++) {
      const id = terminalSteps.agentIds[k]!;
      if (i >= steps / 2) late.push(lengths.get(id) ?? 0);
      lengths.delete(id);
    }
    for (let k = 0; k < decisionSteps.count; k++) lengths.set(decisionSteps.agentIds[k]!, (lengths.get(decisionSteps.agentIds[k]!) ?? 0) + 1);
    const [actions] = decide(learner, [{ source: 0, decisionSteps, terminalSteps }]);
    env.setActions(BEHAVIOR, actions!);
    await env.step();
    const stats = learner.maybeUpdate();
    if (stats?.['Losses/Pretraining Loss'] !== undefined) losses.push(stats['Losses/Pretraining Loss']);
  }
  await env.close();
  // Episodes still running at the end count as long as they got.
  if (late.length === 0 || [...lengths.values()].some((n) => n > Math.max(...late))) late.push(...lengths.values());
  return { late, losses };
}

async function cartpoleDemo(): Promise<string> {
  const out = join(work, 'cartpole.demo');
  await record({ env: 'builtin:cartpole', expert: { kind: 'scripted', name: 'cartpole-balance' }, episodes: 2, out, seed: 3, numAreas: 2, timeoutMs: null, logger });
  return out;
}

test('discrete SAC with BC from a recorded demonstration: the BC loss falls, the expert is matched and CartPole balances longer than without BC', async () => {
  const demo = readDemonstrations(await cartpoleDemo());
  const spec = { ...demo.spec, name: BEHAVIOR };
  const { dataset } = datasetFromDemonstration(demo, spec);
  const settings = { learningRate: 1e-3, strength: 3, steps: 0, numEpoch: 1, batchSize: 64, samplesPerUpdate: 128 };

  const plain = cartpoleSac(spec);
  const withBc = cartpoleSac(spec);
  const host = imitationHostOf(withBc);
  assert.ok(host, 'SAC takes behavioral cloning');
  const bc = new BcAuxiliary(host.bcActor(), dataset, settings, new Rng(5));
  host.imitation = bc;
  const before = bc.evaluate();
  const a = await train(plain, 600);
  const b = await train(withBc, 600);
  const after = bc.evaluate();
  const plainAccuracy = new BcAuxiliary(plain.bcActor(), dataset, settings, new Rng(5)).evaluate().accuracy!;

  // One BC update per gradient step: (600 × 4 − 200) / 4 steps of credit.
  assert.ok(b.losses.length > 100, `BC updates reported ${b.losses.length}`);
  assert.ok(before.nll! > 0.6, `untrained NLL ${before.nll}`);
  assert.ok(after.nll! < 0.2, `NLL after ${after.nll}`);
  assert.ok(after.accuracy! > 0.85 && after.accuracy! > plainAccuracy + 0.15, `accuracy with BC ${after.accuracy}, without ${plainAccuracy}`);
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  assert.ok(mean(b.late) > 3 * mean(a.late), `late episode lengths: with BC ${mean(b.late).toFixed(1)}, without ${mean(a.late).toFixed(1)}`);

  // The BC state (its Adam, stream and count) is checkpointed with the learner and restored bit for bit.
  const saved = JSON.parse(JSON.stringify(withBc.save()));
  assert.ok(saved['imitation'], 'the checkpoint holds the BC state');
  const restored = cartpoleSac(spec);
  restored.imitation = new BcAuxiliary(restored.bcActor(), dataset, settings, new Rng(0));
  restored.load(saved, 'ckpt');
  assert.deepEqual(JSON.parse(JSON.stringify(restored.save())), saved);
  for (const l of [plain, withBc, restored]) l.dispose();
});

test('continuous SAC with BC: tanh(μ) moves to the demonstrated rule (MSE falls tenfold), with stats after each update', () => {
  const spec: BehaviorSpec = { name: 'Arm?team=0', observationSpecs: [vectorObservation(3)], actionSpec: { continuousSize: 2, discreteBranches: [] } };
  const rng = new Rng(4);
  const n = 512;
  const observations = Float32Array.from({ length: n * 3 }, () => rng.uniform(-1, 1));
  // The expert: a = (0.8·o0 − 0.4·o1, 1.5·o2) clipped to [−1, 1] as the environment would receive it.
  const actions = new Float32Array(n * 2);
  for (let r = 0; r < n; r++) {
    actions[r * 2] = 0.8 * observations[r * 3]! - 0.4 * observations[r * 3 + 1]!;
    actions[r * 2 + 1] = Math.max(-1, Math.min(1, 1.5 * observations[r * 3 + 2]!));
  }
  const dataset: ImitationDataset = { size: n, observationSizes: [3], observations: [observations], continuousActions: actions, discreteActions: new Int32Array(0), actionMasks: null, rewards: new Float32Array(n), dones: new Uint8Array(n), episodes: new Int32Array(n) };
  const hyperparameters = sacHyperparameters({ batch_size: 32, buffer_size: 1000, buffer_init_steps: 12, steps_per_update: 1, time_horizon: 1 });
  const learner = new SacLearner(spec, { id: 'Arm', hyperparameters, network: { hiddenUnits: 32, numLayers: 2 }, maxSteps: 10_000, rewardStrength: 1 }, new RunSeeds(3));
  const bc = new BcAuxiliary(learner.bcActor(), dataset, { learningRate: 3e-3, strength: 1, steps: 0, numEpoch: 1, batchSize: 64, samplesPerUpdate: 128 }, new Rng(2));
  learner.imitation = bc;
  const before = bc.evaluate().mse!;
  const stepRng = new Rng(8);
  let reported = 0;
  for (let i = 0; i < 100; i++) {
    decide(learner, [{ source: 0, ...syntheticSteps(spec, 3, i, stepRng) }]);
    const stats = learner.maybeUpdate();
    if (stats) {
      assert.ok(Math.abs(stats['Policy/BC Learning Rate']! - 3e-3) < 1e-12);
      assert.ok(Number.isFinite(stats['Losses/Pretraining Loss']));
      reported++;
    }
  }
  const after = bc.evaluate().mse!;
  assert.ok(reported > 50, `updates with BC stats ${reported}`);
  assert.ok(after < before / 10, `MSE of tanh(μ) before ${before.toFixed(4)}, after ${after.toFixed(4)}`);
  // The greedy action is tanh(μ): acting deterministically gives what BC fitted.
  const probe = syntheticSteps(spec, 3, 0, new Rng(11));
  const [out] = decide(learner, [{ source: 0, ...probe }], { deterministic: true, learn: false });
  const o = probe.decisionSteps.observations[0]!;
  for (let r = 0; r < 3; r++) assert.ok(Math.abs(out!.continuous[r * 2]! - (0.8 * o[r * 3]! - 0.4 * o[r * 3 + 1]!)) < 0.25, `row ${r}`);
  learner.dispose();
});

test('the imitation meta-learner gives behavioral_cloning to a SAC learner and to the learning policy of a self-play learner, restoring its state', async () => {
  const demoPath = await cartpoleDemo();
  const spec: BehaviorSpec = { name: BEHAVIOR, observationSpecs: [vectorObservation(4)], actionSpec: { continuousSize: 0, discreteBranches: [2] } };
  const configOf = (name: string, trainer: string, extra: string) => {
    const path = join(work, `${name}.yaml`);
    writeFileSync(path, `behaviors:\n  CartPole:\n    trainer_type: ${trainer}\n    hyperparameters: { batch_size: 32, buffer_size: 256 }\n    network_settings: { hidden_units: 8, num_layers: 1 }\n    max_steps: 1000\n    behavioral_cloning: { demo_path: ${demoPath}, strength: 0.5 }\n${extra}env_settings: { env_path: builtin:cartpole, num_areas: 2, seed: 1 }\ncheckpoint_settings: { run_id: ${name}, results_dir: ${work} }\n`);
    return loadRunConfig(path);
  };
  const sacConfig = configOf('sac-bc', 'sac', '');
  const meta = new ImitationMetaLearner(planResolver(sacConfig), new RunSeeds(1), new Map(), 'checkpoint', imitationResolver(sacConfig));
  const sac = meta.learnerFor(spec) as SacLearner;
  assert.ok(sac instanceof SacLearner && sac.imitation, 'SAC gets the BC hook');
  assert.deepEqual(meta.applied.get('CartPole'), { initFrom: null, behavioralCloning: true });
  // Restored from a checkpoint: the BC state comes back (its update count here).
  (sac.imitation as BcAuxiliary).afterUpdate(0);
  const saved = JSON.parse(JSON.stringify(sac.save()));
  const again = new ImitationMetaLearner(planResolver(sacConfig), new RunSeeds(1), new Map([['CartPole', saved]]), 'ckpt', imitationResolver(sacConfig)).learnerFor(spec) as SacLearner;
  assert.equal((again.imitation as BcAuxiliary).updateCount, 1);

  const ghostConfig = configOf('ppo-self-play-bc', 'ppo', '    self_play: { save_steps: 100, team_change: 400, swap_steps: 100, window: 2 }\n');
  const ghostMeta = new ImitationMetaLearner(planResolver(ghostConfig), new RunSeeds(1), new Map(), 'checkpoint', imitationResolver(ghostConfig));
  const view = ghostMeta.learnerFor(spec)!;
  const ghost = ghostMeta.learners.get(view.id);
  assert.ok(ghost instanceof GhostLearner, 'self_play wraps the learner');
  assert.ok(imitationHostOf(ghost.learner)?.imitation, 'the learning policy gets the BC hook');
  for (const l of [sac, again, ghost]) l.dispose();
});
