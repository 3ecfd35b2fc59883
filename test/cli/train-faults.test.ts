/**
 * Faults during `shiva train`, with the real binary (issue 18, item 5): whatever ends a run from the environment's
 * side, the steps since the last periodic checkpoint are saved. Unity stopping (the Editor leaving play mode: status
 * 400) ends the run as max_steps does (final checkpoint, summary.json, exit 0, a line saying so); a scene sending
 * NaN, or a player killed with no restarts left, saves a checkpoint and then ends with its coded error (exit 1).
 * The Editor is the stand-in in this process (test/helpers/fake-editor.ts), which keeps the scene's own record of
 * the episodes it reported: the trainer's episode count and mean return must match it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { readTrainingCheckpoint } from '../../src/training/checkpoint/index.js';
import { meanOfLast100, runFakeEditor } from '../helpers/fake-editor.js';
import { lastJsonLine, runCli } from '../helpers/processes.js';
import { freePort } from '../helpers/free-port.js';

const CHECKPOINT_INTERVAL = 1000;

function config(dir: string, env: string | null): string {
  const path = join(dir, 'run.yaml');
  writeFileSync(
    path,
    `behaviors:
  CartPole:
    trainer_type: ppo
    hyperparameters: { batch_size: 64, buffer_size: 256, learning_rate: 1.0e-3, num_epoch: 1 }
    network_settings: { hidden_units: 16, num_layers: 1 }
    max_steps: 1000000
    time_horizon: 64
    summary_freq: 500
    checkpoint_interval: ${CHECKPOINT_INTERVAL}
    keep_checkpoints: 5
env_settings:
${env ? `  env_path: ${env}\n  base_port: 0\n` : ''}  num_areas: 4
  seed: 3
checkpoint_settings:
  run_id: faulty
  results_dir: ${join(dir, 'results')}
shiva:
  backend: wasm
`,
  );
  return path;
}


interface Summary {
  stopped: boolean;
  simulationStopped?: string;
  failed?: { code: string; message: string };
  checkpoint?: string;
  behaviors: Record<string, { steps: number; episodes: number; meanReturnLast100: number | null }>;
}

function checkpointsOf(runDir: string): { file: string; step: number }[] {
  const index = JSON.parse(readFileSync(join(runDir, 'checkpoints', 'checkpoints.json'), 'utf8')) as { checkpoints: { file: string; step: number }[] };
  return index.checkpoints;
}

test('Unity stopping mid-run (status 400 from the Editor) ends it normally: final checkpoint, summary, exit 0, a line saying so', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'shiva-fault-stop-'));
  const port = await freePort();
  const trainer = runCli(['train', config(dir, null)], { SHIVA_EDITOR_PORT: String(port) });
  // 329 outputs of 4 agents: past the periodic checkpoint at 1000 steps, well short of the next.
  const editor = await runFakeEditor({ env: 'cartpole', port, fault: { kind: 'stop', at: 330 } });
  const result = await trainer.done;
  assert.equal(result.code, 0, result.stderr.slice(-2000));
  assert.equal(editor.report?.endedBy, 'status-400', 'the trainer answered the stop with 400');
  assert.match(result.stderr, /Unity stopped the run \(grpc .*: the simulation closed the connection \(status 400\)\); checkpoint saved; continue with --resume\./);
  const out = lastJsonLine<{ runDir: string; stopped: boolean; simulationStopped: string; checkpoint: string; behaviors: Summary['behaviors'] }>(result.stdout);
  assert.equal(out.stopped, false);
  assert.match(out.simulationStopped, /status 400/);
  const cartpole = out.behaviors['CartPole?team=0']!;
  // Every decision the scene asked for was acted on and is in the final checkpoint: nothing since the periodic one is lost.
  assert.equal(cartpole.steps, editor.decisions);
  const saved = checkpointsOf(out.runDir);
  assert.equal(saved.length, 2, `the periodic checkpoint and the final one: ${JSON.stringify(saved)}`);
  assert.ok(saved[0]!.step >= CHECKPOINT_INTERVAL && saved[0]!.step < cartpole.steps);
  assert.equal(saved.at(-1)!.step, cartpole.steps);
  assert.equal(basename(out.checkpoint), saved.at(-1)!.file);
  assert.equal(readTrainingCheckpoint(out.checkpoint).meta.step, cartpole.steps);
  const summary = JSON.parse(readFileSync(join(out.runDir, 'summary.json'), 'utf8')) as Summary;
  assert.equal(summary.simulationStopped, out.simulationStopped);
  // The trainer's episodes are the scene's, none lost or damaged.
  assert.equal(summary.behaviors['CartPole?team=0']!.episodes, editor.episodes.length);
  assert.equal(summary.behaviors['CartPole?team=0']!.meanReturnLast100, meanOfLast100(editor.episodes));
});

test('a NaN reward from the scene saves the steps so far, then ends with SHIVA_ERR_REWARD (exit 1)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'shiva-fault-nan-'));
  const port = await freePort();
  const trainer = runCli(['train', config(dir, null)], { SHIVA_EDITOR_PORT: String(port) });
  const editor = await runFakeEditor({ env: 'cartpole', port, fault: { kind: 'nan-reward', at: 330 } });
  const result = await trainer.done;
  assert.equal(result.code, 1, result.stderr.slice(-2000));
  assert.match(result.stderr, /reward.*NaN.*\[SHIVA_ERR_REWARD\]/i);
  assert.match(result.stderr, /the environment failed; the steps so far are saved in .*checkpoint-\d+\.ckpt: continue with --resume/);
  const runDir = join(dir, 'results', 'faulty');
  const saved = checkpointsOf(runDir);
  const last = saved.at(-1)!;
  assert.equal(last.step, editor.decisions, `the checkpoint holds every step acted on (${JSON.stringify(saved)})`);
  assert.ok(last.step > CHECKPOINT_INTERVAL);
  const summary = JSON.parse(readFileSync(join(runDir, 'summary.json'), 'utf8')) as Summary;
  assert.equal(summary.failed?.code, 'SHIVA_ERR_REWARD');
  assert.equal(summary.checkpoint, join(runDir, 'checkpoints', last.file));
  assert.equal(summary.behaviors['CartPole?team=0']!.episodes, editor.episodes.length);
  assert.equal(summary.behaviors['CartPole?team=0']!.meanReturnLast100, meanOfLast100(editor.episodes));

  // The saved steps continue with --resume (here with a healthy scene, which the trainer closes at max_steps).
  writeFileSync(join(dir, 'run.yaml'), readFileSync(join(dir, 'run.yaml'), 'utf8').replace('max_steps: 1000000', `max_steps: ${last.step + 400}`));
  const resumed = runCli(['train', join(dir, 'run.yaml'), '--resume'], { SHIVA_EDITOR_PORT: String(port) });
  const healthy = await runFakeEditor({ env: 'cartpole', port });
  const after = await resumed.done;
  assert.equal(after.code, 0, after.stderr.slice(-2000));
  assert.equal(healthy.report?.endedBy, 'status-400');
  const out = lastJsonLine<{ resumedFromStep: number; behaviors: Summary['behaviors'] }>(after.stdout);
  assert.equal(out.resumedFromStep, last.step);
  assert.ok(out.behaviors['CartPole?team=0']!.steps >= last.step + 400);
});

/** The pids of `parent`'s children (Linux /proc). */
function childrenOf(parent: number): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        return Number(readFileSync(`/proc/${name}/stat`, 'utf8').replace(/^.*\) /, '').split(' ')[1]) === parent;
      } catch {
        return false;
      }
    })
    .map(Number);
}

test('a player killed with no restarts left: the steps so far are saved, then the coded error (exit 1)', { skip: existsSync('/proc/self/stat') ? false : 'needs Linux /proc' }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'shiva-fault-kill-'));
  const trainer = runCli(['train', config(dir, 'standin:cartpole'), '--max-lifetime-restarts', '0'], { SHIVA_LOG_LEVEL: 'info' });
  let stderr = '';
  trainer.child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const runDir = join(dir, 'results', 'faulty');
  const deadline = Date.now() + 60_000;
  // Past the first periodic checkpoint, then kill the stand-in mid-episode.
  while (Date.now() < deadline && !(existsSync(join(runDir, 'checkpoints', 'checkpoints.json')) && checkpointsOf(runDir).length > 0)) await new Promise((r) => setTimeout(r, 50));
  await new Promise((r) => setTimeout(r, 300));
  const players = childrenOf(trainer.child.pid!);
  assert.equal(players.length, 1, `one stand-in child: ${players}`);
  process.kill(players[0]!, 'SIGKILL');
  const result = await trainer.done;
  assert.equal(result.code, 1, result.stderr.slice(-2000));
  assert.match(result.stderr, /\[SHIVA_ERR_(LAUNCH|DISCONNECTED)\]/);
  const summary = JSON.parse(readFileSync(join(runDir, 'summary.json'), 'utf8')) as Summary;
  const saved = checkpointsOf(runDir);
  assert.ok(saved.length >= 2, `a checkpoint after the periodic one: ${JSON.stringify(saved)}`);
  assert.equal(saved.at(-1)!.step, summary.behaviors['CartPole?team=0']!.steps);
  assert.ok(saved.at(-1)!.step > saved.at(-2)!.step);
  assert.match(summary.failed!.code, /SHIVA_ERR_(LAUNCH|DISCONNECTED)/);
});
