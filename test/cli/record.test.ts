/**
 * `shiva record`: experts play built-in environments (in-process and through a stand-in over gRPC) and what they
 * did is read back from the .demo file: counts, returns, and every recorded action against the expert's own rule.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DemoInfo } from '../../src/cli/demo-command.js';
import { record, type RecordResult } from '../../src/cli/record.js';
import { emptyDecisionSteps } from '../../src/core/env/steps.js';
import { readDemonstrations } from '../../src/protocol/demo-file/index.js';
import { Rng } from '../../src/core/runtime/rng.js';
import { createLogger } from '../../src/telemetry/logger.js';
import { getScriptedExpert, scriptedExpertFor } from '../../envs/experts.js';
import { RED_SPEC } from '../../envs/scout/scout-scene.js';
import { scriptedRedActions } from '../../envs/scout/scripted-policies.js';
import { SCOUT_MASK, SCOUT_OBS } from '../../envs/scout/scout-observation.js';
import { lastJsonLine, runCli } from '../helpers/processes.js';

const work = mkdtempSync(join(tmpdir(), 'shiva-record-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
const logger = createLogger('record-test');
logger.level = 'warn';

/** Σ rewards of each episode, from the rows. */
function episodeReturns(rewards: Float32Array, starts: Int32Array): number[] {
  return Array.from(starts, (start, e) => {
    const end = e + 1 < starts.length ? starts[e + 1]! : rewards.length;
    let sum = 0;
    for (let i = start; i < end; i++) sum += rewards[i]!;
    return sum;
  });
}

test('the balance expert: θ + 0.5·θ̇ > 0 pushes right', () => {
  const expert = getScriptedExpert(' CartPole-Balance ');
  const spec = { name: 'CartPole?team=0', observationSpecs: [], actionSpec: { continuousSize: 0, discreteBranches: [2] } };
  // Rows: leaning right (θ = 0.1); leaning right but falling left fast (0.1 − 0.5·0.3 < 0); leaning left, rising (−0.1 + 0.5·0.4 > 0).
  const observations = [Float32Array.from([0, 0, 0.1, 0, 0, 0, 0.1, -0.3, 0, 0, -0.1, 0.4])];
  const actions = expert.act(spec, { ...emptyDecisionSteps(spec), count: 3, observations }, new Rng(1));
  assert.deepEqual([...actions.discrete], [1, 0, 1]);
  assert.equal(scriptedExpertFor('Blue?team=1')?.name, 'scout-blue');
  assert.equal(scriptedExpertFor('Pendulum?team=0'), undefined);
});

test('recording CartPole with the scripted expert: 5 whole episodes of 500, read back and reported alike', async () => {
  const out = join(work, 'cartpole.demo');
  const run = await runCli(['record', '--env', 'builtin:cartpole', '--expert', 'scripted:cartpole-balance', '--episodes', '5', '--out', out, '--seed', '3', '--num-areas', '2']).done;
  assert.equal(run.code, 0, run.stderr);
  // 500 decisions (the first with reward 0, then +1 each) and the terminal row (+1): 501 rows, return 500.
  assert.deepEqual(lastJsonLine<RecordResult>(run.stdout), { file: out, behavior: 'CartPole?team=0', steps: 2505, episodes: 5, meanReward: 500 });

  const demo = readDemonstrations(out);
  assert.equal(demo.steps, 2505);
  assert.deepEqual([...demo.episodeStarts], [0, 501, 1002, 1503, 2004]);
  assert.equal(demo.dones.reduce((a, b) => a + b, 0), 5);
  assert.deepEqual(episodeReturns(demo.rewards, demo.episodeStarts), [500, 500, 500, 500, 500]);
  for (const start of demo.episodeStarts) {
    assert.equal(demo.rewards[start], 0, 'first decision of an episode: no reward yet');
    const last = start + 500;
    assert.equal(demo.dones[last], 1);
    assert.equal(demo.interrupted[last], 1, 'ended by the 500-step limit');
    for (let i = start; i <= last; i++) assert.equal(demo.agentIds[i], demo.agentIds[start], 'one agent per episode');
  }
  // Every decision row holds the action the rule gives for that row's observation.
  const obs = demo.observations[0]!;
  for (let i = 0; i < demo.steps; i++) {
    if (demo.dones[i]) continue;
    assert.equal(demo.discreteActions[i], obs[i * 4 + 2]! + 0.5 * obs[i * 4 + 3]! > 0 ? 1 : 0, `row ${i}`);
  }
  // The meta record counts as Unity's writer does: one more episode than done rows.
  assert.equal(demo.meta.numberSteps, 2505);
  assert.equal(demo.meta.numberEpisodes, 6);
  assert.equal(demo.meta.meanReward, Math.fround(2500 / 6));

  const info = await runCli(['demo', 'info', out]).done;
  assert.equal(info.code, 0, info.stderr);
  const parsed = lastJsonLine<DemoInfo>(info.stdout);
  assert.equal(parsed.behavior.name, 'CartPole?team=0');
  assert.deepEqual(parsed.behavior.actions, { continuous: 0, discreteBranches: [2] });
  assert.equal(parsed.steps, 2505);
  assert.equal(parsed.episodes, 6);
  assert.equal(parsed.meanReward, Math.fround(2500 / 6), 'Σ rewards (5 × 500) / 6');
});

test('recording through standin:cartpole over gRPC', async () => {
  const out = join(work, 'standin.demo');
  const result = await record({ env: 'standin:cartpole', expert: { kind: 'scripted', name: 'cartpole-balance' }, episodes: 2, out, seed: 5, numAreas: 2, basePort: 0, timeoutMs: 30_000, logger });
  assert.deepEqual(result, { file: out, behavior: 'CartPole?team=0', steps: 1002, episodes: 2, meanReward: 500 });
  const demo = readDemonstrations(out);
  assert.equal(demo.steps, 1002);
  assert.deepEqual([...demo.episodeStarts], [0, 501]);
  assert.deepEqual(episodeReturns(demo.rewards, demo.episodeStarts), [500, 500]);
});

test("recording scout's red team with scripted:scout-red (blue played by its scripted expert)", async () => {
  const out = join(work, 'scout-red.demo');
  const result = await record({ env: 'builtin:scout', expert: { kind: 'scripted', name: 'scout-red' }, episodes: 6, out, seed: 11, numAreas: 2, timeoutMs: null, logger });
  assert.equal(result.behavior, 'Red?team=0');
  assert.equal(result.episodes, 6);
  const demo = readDemonstrations(out);
  assert.deepEqual(demo.spec.actionSpec, RED_SPEC.actionSpec);
  assert.equal(demo.steps, result.steps);
  assert.equal(demo.dones.reduce((a, b) => a + b, 0), 6);
  assert.equal(demo.episodeStarts.length, 6);
  const returns = episodeReturns(demo.rewards, demo.episodeStarts);
  assert.ok(Math.abs(returns.reduce((a, b) => a + b, 0) / 6 - result.meanReward) < 1e-4);
  const masks = demo.actionMasks;
  assert.ok(masks, 'scout masks its moves');
  // Red's rule draws nothing from its rng: each decision row's action is the rule applied to that row, within its mask.
  let decisions = 0;
  for (let i = 0; i < demo.steps; i++) {
    if (demo.dones[i]) continue;
    decisions++;
    const observations = [demo.observations[0]!.slice(i * SCOUT_OBS, (i + 1) * SCOUT_OBS)];
    const actionMasks: Uint8Array = masks.slice(i * SCOUT_MASK, (i + 1) * SCOUT_MASK);
    const expected = scriptedRedActions({ ...emptyDecisionSteps(RED_SPEC), count: 1, observations, actionMasks }, new Rng(0));
    const got = demo.discreteActions.slice(i * 3, i * 3 + 3);
    assert.deepEqual([...got], [...expected.discrete], `row ${i}`);
    assert.equal(actionMasks[got[0]!], 0, `row ${i}: the move is allowed`);
  }
  assert.equal(decisions, demo.steps - 6);
});

test('a checkpoint as expert plays as `shiva evaluate` plays it (greedy, same seed)', async () => {
  const dir = join(work, 'checkpoint');
  const config = join(dir, 'run.yaml');
  const yaml = `behaviors:
  CartPole:
    trainer_type: ppo
    hyperparameters: { batch_size: 64, buffer_size: 256, learning_rate: 1.0e-3, num_epoch: 2 }
    network_settings: { hidden_units: 16, num_layers: 1 }
    max_steps: 512
    time_horizon: 64
    summary_freq: 256
    checkpoint_interval: 100000
env_settings:
  env_path: builtin:cartpole
  num_areas: 2
  seed: 7
checkpoint_settings:
  run_id: ck
  results_dir: ${join(dir, 'results')}
shiva:
  backend: cpu
`;
  mkdirSync(dir, { recursive: true });
  writeFileSync(config, yaml);
  const train = await runCli(['train', config, '--force']).done;
  assert.equal(train.code, 0, train.stderr);
  const checkpoint = join(dir, 'results', 'ck', 'checkpoints', 'checkpoint-512.ckpt');
  const out = join(dir, 'greedy.demo');
  const [recorded, evaluated] = await Promise.all([
    runCli(['record', '--env', 'builtin:cartpole', '--checkpoint', checkpoint, '--config', config, '--episodes', '4', '--out', out, '--seed', '9']).done,
    runCli(['evaluate', config, '--checkpoint', checkpoint, '--episodes', '4', '--seed', '9']).done,
  ]);
  assert.equal(recorded.code, 0, recorded.stderr);
  assert.equal(evaluated.code, 0, evaluated.stderr);
  const result = lastJsonLine<RecordResult>(recorded.stdout);
  const evaluation = lastJsonLine<{ behaviors: Record<string, { meanReturn: number; meanLength: number }> }>(evaluated.stdout).behaviors['CartPole?team=0']!;
  assert.equal(result.episodes, 4);
  assert.equal(result.meanReward, evaluation.meanReturn);
  const demo = readDemonstrations(out);
  // CartPole pays +1 a step: an episode of return R has R − 1 further decisions and its terminal row after the first.
  assert.equal(demo.steps, result.steps);
  assert.equal(demo.steps, 4 * (result.meanReward + 1));
  assert.equal(demo.episodeStarts.length, 4);
});

test('bad arguments: clear errors, and no file left behind', async () => {
  const out = join(work, 'never.demo');
  const base = ['record', '--env', 'builtin:cartpole', '--out', out];
  const [typo, noEpisodes, behavior, neither, noConfig, notScripted, wrongScene] = await Promise.all(
    [
      [...base, '--expert', 'scripted:cartpole-balnce', '--episodes', '1'],
      [...base, '--expert', 'scripted:cartpole-balance'],
      ['record', '--env', 'builtin:scout', '--behavior', 'Blu', '--expert', 'scripted:scout-blue', '--episodes', '1', '--out', out],
      [...base, '--episodes', '1'],
      [...base, '--checkpoint', join(work, 'x.ckpt'), '--episodes', '1'],
      [...base, '--expert', 'cartpole-balance', '--episodes', '1'],
      [...base, '--expert', 'scripted:scout-red', '--episodes', '1'],
    ].map((args) => runCli(args).done),
  );
  assert.equal(typo.code, 1);
  assert.equal(typo.stderr, 'shiva: --expert: expected scripted:NAME with NAME one of [cartpole-balance, scout-red, scout-blue], got "scripted:cartpole-balnce"; did you mean "scripted:cartpole-balance"? [SHIVA_ERR_USAGE]\n');
  assert.equal(noEpisodes.code, 1);
  assert.match(noEpisodes.stderr, /^error: required option '--episodes <n>' not specified\n/);
  assert.equal(behavior.code, 1);
  assert.equal(behavior.stderr, 'shiva: builtin:scout#0: --behavior: expected one of [Red?team=0, Blue?team=1], got "Blu"; did you mean "Blue?team=1"? [SHIVA_ERR_UNKNOWN_BEHAVIOR]\n');
  assert.equal(neither.code, 1);
  assert.equal(neither.stderr, 'shiva: --expert: expected scripted:NAME, or --checkpoint PATH --config CONFIG, got neither [SHIVA_ERR_USAGE]\n');
  assert.equal(noConfig.code, 1);
  assert.equal(noConfig.stderr, `shiva: --config: expected the run configuration that checkpoint ${join(work, 'x.ckpt')} was trained with, got none [SHIVA_ERR_USAGE]\n`);
  assert.equal(notScripted.code, 1);
  assert.match(notScripted.stderr, /^shiva: --expert: expected scripted:NAME or onnx:PATH \(or --checkpoint PATH --config CONFIG for a trained expert\), got "cartpole-balance" \[SHIVA_ERR_USAGE\]\n$/);
  assert.equal(wrongScene.code, 1);
  assert.equal(
    wrongScene.stderr,
    'shiva: builtin:cartpole#0: --behavior: scripted:scout-red is written for behavior "Red", which the scene does not have; expected --behavior naming one of [CartPole?team=0] to use it anyway, got none [SHIVA_ERR_USAGE]\n',
  );
  for (const r of [typo, noEpisodes, behavior, neither, noConfig, notScripted, wrongScene]) assert.equal(r.stdout, '');
  assert.equal(existsSync(out), false);
  assert.deepEqual(readdirSync(work).filter((f) => f.startsWith('never') || f.endsWith('.tmp')), [], 'no demo and no temporary file');
});
