/**
 * `--resume` with the real binary (issue 18, items 6 and 7): resuming a finished run reports it and changes nothing
 * (no step, no checkpoint written or rotated out, summary.json as it was but for a note), however often, until
 * max_steps is raised; a damaged newest checkpoint is passed over, with a warning naming it and the file left as it
 * is, for the newest valid one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { lastJsonLine, runCli } from '../helpers/processes.js';

function config(dir: string, maxSteps: number, keep: number): string {
  const path = join(dir, 'run.yaml');
  writeFileSync(
    path,
    `behaviors:
  CartPole:
    trainer_type: ppo
    hyperparameters: { batch_size: 64, buffer_size: 256, learning_rate: 1.0e-3, num_epoch: 1 }
    network_settings: { hidden_units: 16, num_layers: 1 }
    max_steps: ${maxSteps}
    time_horizon: 64
    summary_freq: 250
    checkpoint_interval: 250
    keep_checkpoints: ${keep}
env_settings:
  env_path: builtin:cartpole
  num_areas: 4
  seed: 5
checkpoint_settings:
  run_id: tiny
  results_dir: ${join(dir, 'results')}
shiva:
  backend: wasm
`,
  );
  return path;
}

/** Every file under `dir`, relative path → bytes. */
function snapshot(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.set(relative(dir, path), readFileSync(path));
    }
  };
  walk(dir);
  return out;
}

interface Index {
  checkpoints: { file: string; step: number }[];
}

const indexOf = (runDir: string) => JSON.parse(readFileSync(join(runDir, 'checkpoints', 'checkpoints.json'), 'utf8')) as Index;

test('--resume of a finished run, six times over keep_checkpoints, reports it and changes nothing; raising max_steps continues it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'shiva-resume-finished-'));
  const file = config(dir, 1000, 3);
  const first = await runCli(['train', file]).done;
  assert.equal(first.code, 0, first.stderr.slice(-2000));
  const { runDir, behaviors } = lastJsonLine<{ runDir: string; behaviors: Record<string, { steps: number }> }>(first.stdout);
  const steps = behaviors['CartPole?team=0']!.steps;
  const before = snapshot(runDir);
  const summaryBefore = JSON.parse(before.get('summary.json')!.toString('utf8')) as Record<string, unknown>;
  assert.equal(indexOf(runDir).checkpoints.length, 3);

  for (let i = 0; i < 6; i++) {
    const resumed = await runCli(['train', file, '--resume']).done;
    assert.equal(resumed.code, 0, resumed.stderr.slice(-2000));
    assert.match(resumed.stderr, new RegExp(`run "tiny" already finished at ${steps} steps: nothing was trained or changed \\(raise max_steps in .*run\\.yaml to train further\\)`));
    const out = lastJsonLine<{ alreadyFinished: { steps: number }; behaviors: Record<string, { steps: number; meanReturnLast100: number | null; stepsPerSecond: number }> }>(resumed.stdout);
    assert.equal(out.alreadyFinished.steps, steps);
    assert.equal(out.behaviors['CartPole?team=0']!.steps, steps);
    const after = snapshot(runDir);
    // Every file as it was (checkpoints by name and bytes, their index, run_logs, events, configuration), but summary.json's note.
    assert.deepEqual([...after.keys()].sort(), [...before.keys()].sort());
    for (const [path, bytes] of before) if (path !== 'summary.json') assert.ok(bytes.equals(after.get(path)!), `${path} unchanged after resume ${i + 1}`);
    const { resumeNote, ...rest } = JSON.parse(after.get('summary.json')!.toString('utf8')) as Record<string, unknown>;
    assert.deepEqual(rest, summaryBefore, 'summary.json: the mean return, steps/s and the rest as the run left them');
    assert.match(String(resumeNote), new RegExp(`already finished at ${steps} steps`));
  }

  // Raising max_steps in the configuration continues the run from its last checkpoint.
  writeFileSync(file, readFileSync(file, 'utf8').replace('max_steps: 1000', 'max_steps: 1500'));
  const more = await runCli(['train', file, '--resume']).done;
  assert.equal(more.code, 0, more.stderr.slice(-2000));
  const out = lastJsonLine<{ resumedFromStep: number; alreadyFinished?: unknown; behaviors: Record<string, { steps: number }> }>(more.stdout);
  assert.equal(out.alreadyFinished, undefined);
  assert.equal(out.resumedFromStep, steps);
  assert.ok(out.behaviors['CartPole?team=0']!.steps >= 1500);
  assert.ok(indexOf(runDir).checkpoints.at(-1)!.step >= 1500);
});

test('--resume passes over a damaged newest checkpoint (named in a warning, left as it is) to the newest valid one', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'shiva-resume-damaged-'));
  const file = config(dir, 1000, 5);
  const first = await runCli(['train', file]).done;
  assert.equal(first.code, 0, first.stderr.slice(-2000));
  const runDir = join(dir, 'results', 'tiny');
  const checkpoints = join(runDir, 'checkpoints');
  const listed = indexOf(runDir).checkpoints;
  assert.ok(listed.length >= 3, JSON.stringify(listed));
  const newest = join(checkpoints, listed.at(-1)!.file);
  const bytes = readFileSync(newest);
  bytes[Math.floor(bytes.length / 2)] ^= 0x5a;
  writeFileSync(newest, bytes);

  const resumed = await runCli(['train', file, '--resume']).done;
  assert.equal(resumed.code, 0, resumed.stderr.slice(-2000));
  assert.ok(resumed.stderr.includes(`passed over the damaged ${newest}, left as it is`), resumed.stderr.slice(-2000));
  assert.match(resumed.stderr, /CRC32C/);
  const out = lastJsonLine<{ resumedFromStep: number; checkpoint: string; behaviors: Record<string, { steps: number }> }>(resumed.stdout);
  assert.equal(out.resumedFromStep, listed.at(-2)!.step, 'the newest valid checkpoint');
  assert.ok(out.behaviors['CartPole?team=0']!.steps >= 1000);
  // The damaged file is exactly as it was, even though the resumed run saved at the same step again (under another name).
  assert.ok(readFileSync(newest).equals(bytes));
  assert.notEqual(out.checkpoint, newest);
  assert.ok(!indexOf(runDir).checkpoints.some((c) => c.file === listed.at(-1)!.file), 'the index no longer lists the damaged file');

  // Two more damaged (one truncated, one listed but gone): passed over to the next valid one; the first damaged file is no longer listed.
  const now = indexOf(runDir).checkpoints;
  truncateSync(join(checkpoints, now.at(-1)!.file), 100);
  const gone = join(checkpoints, now.at(-2)!.file);
  rmSync(gone);
  const again = await runCli(['train', file, '--resume']).done;
  assert.equal(again.code, 0, again.stderr.slice(-2000));
  assert.ok(again.stderr.includes(join(checkpoints, now.at(-1)!.file)) && again.stderr.includes(gone), again.stderr.slice(-2000));
  assert.match(again.stderr, /truncated/);
  assert.equal(lastJsonLine<{ resumedFromStep: number }>(again.stdout).resumedFromStep, now.at(-3)!.step);
  assert.equal(statSync(join(checkpoints, now.at(-1)!.file)).size, 100, 'the truncated file is left as it is');
});

test('--resume with every checkpoint damaged, or a damaged index, says which files and why', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'shiva-resume-all-damaged-'));
  const file = config(dir, 500, 5);
  const first = await runCli(['train', file]).done;
  assert.equal(first.code, 0, first.stderr.slice(-2000));
  const checkpoints = join(dir, 'results', 'tiny', 'checkpoints');
  const index = join(checkpoints, 'checkpoints.json');
  const listed = indexOf(join(dir, 'results', 'tiny')).checkpoints;

  // A damaged index: the folder's files are read instead, the damaged index kept beside the rewritten one.
  const goodIndex = readFileSync(index);
  writeFileSync(index, '{"format": "shiva-checkp');
  const scanned = await runCli(['train', file, '--resume']).done;
  assert.equal(scanned.code, 0, scanned.stderr.slice(-2000));
  assert.ok(scanned.stderr.includes(`passed over the damaged ${index}`), scanned.stderr.slice(-2000));
  assert.equal(readFileSync(`${index}.damaged`, 'utf8'), '{"format": "shiva-checkp');
  assert.ok(existsSync(index) && JSON.parse(readFileSync(index, 'utf8')).format === 'shiva-checkpoints');
  writeFileSync(index, goodIndex);

  for (const c of listed) {
    const path = join(checkpoints, c.file);
    const bytes = readFileSync(path);
    bytes[bytes.length - 5] ^= 0xff;
    writeFileSync(path, bytes);
  }
  const failed = await runCli(['train', file, '--resume']).done;
  assert.equal(failed.code, 1);
  assert.match(failed.stderr, new RegExp(`--resume: expected a valid checkpoint of run "tiny" in .*checkpoints, got ${listed.length} damaged \\(each left as it is\\): .*\\[SHIVA_ERR_CHECKPOINT\\]`));
  for (const c of listed) assert.ok(failed.stderr.includes(join(checkpoints, c.file)), `names ${c.file}`);
});
