/**
 * Issue 18, item 3, as a user sees it (the real binary): an idle TCP connection to a Shiva port (a stranger, a
 * port scanner) no longer keeps a command from ending. Before, `shiva probe` never finished while one stayed
 * connected, and Ctrl-C on `shiva train` saved its checkpoint but needed a second SIGINT to exit.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, type RunningCli } from '../helpers/processes.js';
import { freePort } from '../helpers/free-port.js';

async function idleConnection(port: number): Promise<{ destroy(): void }> {
  const socket = connect(port, '127.0.0.1');
  socket.on('error', () => undefined);
  socket.resume();
  await new Promise((r) => socket.once('connect', r));
  return { destroy: () => socket.destroy() };
}


/** Collects stderr and waits for a pattern in it. */
function watch(cli: RunningCli): { text(): string; until(pattern: RegExp, ms?: number): Promise<RegExpExecArray> } {
  let stderr = '';
  cli.child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  return {
    text: () => stderr,
    until: async (pattern, ms = 30_000) => {
      const deadline = Date.now() + ms;
      for (;;) {
        const m = pattern.exec(stderr);
        if (m) return m;
        if (Date.now() > deadline) throw new Error(`waited ${ms / 1000} s for ${pattern}; stderr: ${stderr.slice(-1500)}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
  };
}

/** The process's result and when it came, or null if it is still running after `limitMs` (then it is killed). */
async function exitsWithin(cli: RunningCli, limitMs: number) {
  let timer: NodeJS.Timeout | undefined;
  const result = await Promise.race([cli.done, new Promise<null>((r) => (timer = setTimeout(() => r(null), limitMs)))]);
  clearTimeout(timer);
  if (result === null) cli.child.kill('SIGKILL');
  return { result, at: Date.now() };
}

test('shiva probe finishes within a second of its steps ending while an idle TCP connection stays open', async () => {
  const probe = runCli(['probe', '--port', '0', '--steps', '20', '--timeout', '20']);
  const out = watch(probe);
  const port = Number((await out.until(/listening on localhost:(\d+)/))[1]);
  const idle = await idleConnection(port);
  try {
    const scene = runCli(['unity-standin', '--env', 'cartpole', '--port', String(port)]);
    const served = await scene.done; // the probe's steps ended: the scene was told to stop with 400
    assert.equal(served.code, 0);
    const sceneEnded = Date.now();
    const { result, at } = await exitsWithin(probe, 8000);
    assert.ok(result, 'the probe finished (was: it waited for the idle connection for ever)');
    assert.equal(result.code, 0, result.stderr);
    const seconds = (at - sceneEnded) / 1000;
    assert.ok(seconds < 1.5, `the probe exited ${seconds.toFixed(2)} s after the scene`);
    process.stderr.write(`probe with an idle connection: exited ${seconds.toFixed(2)} s after the scene\n`);
  } finally {
    idle.destroy();
  }
});

test('one SIGINT stops shiva train (Editor, with an idle stranger connected): it saves, then exits within a second', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'shiva-idle-sigint-'));
  const file = join(dir, 'run.yaml');
  writeFileSync(
    file,
    `behaviors:
  CartPole:
    trainer_type: ppo
    hyperparameters: { batch_size: 32, buffer_size: 64, learning_rate: 1.0e-3, num_epoch: 1 }
    network_settings: { hidden_units: 16, num_layers: 1 }
    max_steps: 10000000
    time_horizon: 32
    summary_freq: 64
    checkpoint_interval: 1000000
env_settings:
  num_areas: 1
  seed: 1
checkpoint_settings:
  run_id: idle
  results_dir: ${join(dir, 'results')}
shiva:
  backend: cpu
`,
  );
  const port = await freePort();
  const trainer = runCli(['train', file], { SHIVA_LOG_LEVEL: 'info', SHIVA_EDITOR_PORT: String(port) });
  const out = watch(trainer);
  let idle: { destroy(): void } | null = null;
  let editor: RunningCli | null = null;
  try {
    await out.until(/Start training by pressing the Play button/);
    editor = runCli(['unity-standin', '--env', 'cartpole', '--port', String(port)]);
    idle = await idleConnection(port);
    await out.until(/CartPole: step \d+/); // training runs
    trainer.child.kill('SIGINT');
    const { result, at } = await exitsWithin(trainer, 15_000);
    assert.ok(result, `one SIGINT ended the run (was: it saved, then waited for a second SIGINT); stderr: ${out.text().slice(-1500)}`);
    assert.equal(result.code, 130, result.stderr.slice(-1500));
    const saved = result.stderr.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { time: number; msg: string }).find((l) => l.msg === 'checkpoint saved');
    assert.ok(saved, 'a checkpoint was saved on the way out');
    assert.ok(existsSync(join(dir, 'results', 'idle', 'checkpoints')) && readdirSync(join(dir, 'results', 'idle', 'checkpoints')).length > 0);
    const seconds = (at - saved.time) / 1000;
    assert.ok(seconds < 1.5, `exited ${seconds.toFixed(2)} s after saving`);
    process.stderr.write(`shiva train, one SIGINT with an idle stranger connected: exited ${seconds.toFixed(2)} s after the checkpoint\n`);
    const played = await editor.done;
    assert.equal(played.code, 0, 'the Editor stand-in was told to stop with 400');
  } finally {
    idle?.destroy();
    editor?.child.kill('SIGKILL');
  }
});
