/**
 * Every bad input of issue 18 in one table, each with the error code it must end with and a fragment of the
 * message: configuration values past their bounds (items 8 and 9), a memory estimate over the budget, rule files,
 * GAIL and behavioral-cloning demonstrations, checkpoints and warm starts, run ids, and results folders. Each case
 * runs through the real entry point: the configuration loader for configuration values (those of the issue also
 * through the binary), the `shiva train` binary for the rest; each must end with its code and no Node stack trace,
 * and leave no run folder behind, so the same run id can be tried again.
 *
 * A Unity scene's specs are known only at its first reset: the last test drives that path (the Editor's port,
 * a stand-in pressing Play) and checks that the run folder made for the attempt is removed when a check fails then.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { loadRunConfig, type CliOverrides } from '../../src/config/index.js';
import { isShivaError, type ErrorCode } from '../../src/core/errors.js';
import { cliMain, fixtureDemos, repoRoot } from '../helpers/paths.js';
import { runCli } from '../helpers/processes.js';
import { acceptsConnections, freePort } from '../helpers/free-port.js';

const work = mkdtempSync(join(tmpdir(), 'shiva-bad-inputs-'));
const RESULTS = join(work, 'results');
mkdirSync(RESULTS);

/** A tiny PPO run on the built-in CartPole, in RESULTS/RUN_ID; `edit` changes the YAML document's values. */
function cartpole(runId: string, edit: (set: (path: string[], value: unknown) => void) => void = () => undefined, replace: [string, string][] = []): string {
  const doc = parseDocument(
    [
      'behaviors:',
      '  CartPole:',
      '    trainer_type: ppo',
      '    hyperparameters: {batch_size: 32, buffer_size: 64}',
      '    network_settings: {hidden_units: 16, num_layers: 1}',
      '    max_steps: 200',
      '    summary_freq: 100',
      'env_settings: {env_path: "builtin:cartpole", num_areas: 2, seed: 1}',
      `checkpoint_settings: {run_id: ${runId}, results_dir: ${RESULTS}}`,
      'shiva: {backend: cpu}',
    ].join('\n'),
  );
  edit((path, value) => doc.setIn(path, value));
  let text = doc.toString();
  for (const [from, to] of replace) {
    assert.ok(text.includes(from), `${from} in the YAML`);
    text = text.replace(from, to);
  }
  const file = join(work, `${runId}.yaml`);
  writeFileSync(file, text);
  return file;
}

/** A copy of `source` cut to `fraction` of its bytes. */
function truncated(source: string, name: string, fraction: number): string {
  const bytes = readFileSync(source);
  const path = join(work, name);
  writeFileSync(path, bytes.subarray(0, Math.floor(bytes.length * fraction)));
  return path;
}

/** The CartPole veto rules with the perceived observation moved to index `index`. */
function rulesReading(index: number): string {
  const text = readFileSync(join(repoRoot, 'configs', 'cartpole-veto.rules.yaml'), 'utf8').replace(/cart_x: 0/, `cart_x: ${index}`);
  const path = join(work, `rules-${index}.yaml`);
  writeFileSync(path, text);
  return path;
}

const A_FILE = join(work, 'a-file');
writeFileSync(A_FILE, 'not a folder\n');
const GARBAGE_CHECKPOINT = join(work, 'garbage.ckpt');
writeFileSync(GARBAGE_CHECKPOINT, 'this is not a checkpoint\n');
const BASIC = join(work, 'ExpertBasic.demo');
copyFileSync(join(fixtureDemos, 'ExpertBasic.demo'), BASIC);
const TRUNCATED_DEMO = truncated(BASIC, 'ExpertBasic-truncated.demo', 0.6);

interface Case {
  /** Also the run id, so each case's run folder is its own. */
  readonly id: string;
  readonly what: string;
  /** The configuration file. */
  readonly file: string;
  readonly args?: readonly string[];
  /** The same flags as loader overrides: the configuration cases also go through loadRunConfig. */
  readonly overrides?: CliOverrides;
  readonly loader?: boolean;
  readonly code: ErrorCode;
  readonly message: RegExp;
  /** Messages that must not appear (a wrong key name). */
  readonly not?: RegExp;
  /** The run folder this case would have made (default RESULTS/ID). */
  readonly runDir?: string;
  readonly skip?: string | false;
  /** Run the binary as the user nobody (the tests run as root). */
  readonly asNobody?: boolean;
}

const hp = (key: string, value: unknown) => (set: (path: string[], value: unknown) => void) => set(['behaviors', 'CartPole', 'hyperparameters', key], value);
/**
 * Root writes anywhere, so the read-only case runs as `nobody` (through runuser) when the tests run as root, and is
 * skipped where that cannot be done.
 */
const root = process.getuid?.() === 0;
const runuser = ['/usr/sbin/runuser', '/sbin/runuser', '/usr/bin/runuser'].find((p) => existsSync(p));
if (root) chmodSync(work, 0o755);

const CASES: readonly Case[] = [
  // Item 8: configurations without bounds.
  { id: 'hidden-units', what: 'hidden_units: 1e9', file: cartpole('hidden-units', (s) => s(['behaviors', 'CartPole', 'network_settings', 'hidden_units'], 1e9)), loader: true, code: 'SHIVA_ERR_CONFIG', message: /:\d+: behaviors\.CartPole\.network_settings\.hidden_units: expected an integer in 1\.\.4096 \(each hidden layer holds hidden_units² weights/ },
  { id: 'num-layers', what: 'num_layers: 1e5', file: cartpole('num-layers', (s) => s(['behaviors', 'CartPole', 'network_settings', 'num_layers'], 1e5)), loader: true, code: 'SHIVA_ERR_CONFIG', message: /behaviors\.CartPole\.network_settings\.num_layers: expected an integer in 1\.\.64 \(/ },
  { id: 'num-areas', what: 'num_areas: 1e8', file: cartpole('num-areas', (s) => s(['env_settings', 'num_areas'], 1e8)), loader: true, code: 'SHIVA_ERR_CONFIG', message: /env_settings\.num_areas: expected an integer in 1\.\.10000 \(each area's agents/ },
  { id: 'num-areas-flag', what: '--num-areas 100000000', file: cartpole('num-areas-flag'), args: ['--num-areas', '100000000'], overrides: { numAreas: 1e8 }, loader: true, code: 'SHIVA_ERR_USAGE', message: /--num-areas \(command line, env_settings\.num_areas\): expected an integer in 1\.\.10000/ },
  { id: 'buffer-size', what: 'buffer_size: 1.0e12', file: cartpole('buffer-size', undefined, [['buffer_size: 64', 'buffer_size: 1.0e12']]), loader: true, code: 'SHIVA_ERR_CONFIG', message: /hyperparameters\.buffer_size: expected an integer in 1\.\.10000000 \(an update runs only once buffer_size experiences are collected.*no update would ever run/ },
  { id: 'batch-size', what: 'batch_size: 1e7', file: cartpole('batch-size', hp('batch_size', 1e7)), loader: true, code: 'SHIVA_ERR_CONFIG', message: /hyperparameters\.batch_size: expected an integer in 1\.\.1000000 \(a minibatch is one set of tensors/ },
  { id: 'num-epoch', what: 'num_epoch: 1e6', file: cartpole('num-epoch', hp('num_epoch', 1e6)), loader: true, code: 'SHIVA_ERR_CONFIG', message: /hyperparameters\.num_epoch: expected an integer in 1\.\.1000 \(each epoch/ },
  { id: 'time-horizon', what: 'time_horizon: 1e7', file: cartpole('time-horizon', (s) => s(['behaviors', 'CartPole', 'time_horizon'], 1e7)), loader: true, code: 'SHIVA_ERR_CONFIG', message: /behaviors\.CartPole\.time_horizon: expected an integer in 1\.\.100000/ },
  { id: 'max-steps', what: 'max_steps: 1e12', file: cartpole('max-steps', (s) => s(['behaviors', 'CartPole', 'max_steps'], 1e12)), loader: true, code: 'SHIVA_ERR_CONFIG', message: /behaviors\.CartPole\.max_steps: expected an integer in 0\.\.100000000000/ },
  { id: 'summary-freq', what: 'summary_freq: 1e12', file: cartpole('summary-freq', (s) => s(['behaviors', 'CartPole', 'summary_freq'], 1e12)), loader: true, code: 'SHIVA_ERR_CONFIG', message: /behaviors\.CartPole\.summary_freq: expected an integer in 1\.\.100000000000/ },
  { id: 'keep-checkpoints', what: 'keep_checkpoints: 1e6', file: cartpole('keep-checkpoints', (s) => s(['behaviors', 'CartPole', 'keep_checkpoints'], 1e6)), loader: true, code: 'SHIVA_ERR_CONFIG', message: /keep_checkpoints: expected an integer in 1\.\.1000 \(each checkpoint/ },
  { id: 'self-play-window', what: 'self_play.window: 1e6', file: cartpole('self-play-window', (s) => s(['behaviors', 'CartPole', 'self_play'], { window: 1e6 })), loader: true, code: 'SHIVA_ERR_CONFIG', message: /self_play\.window: expected an integer in 1\.\.1000/ },
  {
    id: 'n-step',
    what: 'dqn n_step: 1e4',
    file: cartpole('n-step', (s) => {
      s(['behaviors', 'CartPole', 'trainer_type'], 'dqn');
      s(['behaviors', 'CartPole', 'hyperparameters'], { n_step: 1e4 });
    }),
    loader: true,
    code: 'SHIVA_ERR_CONFIG',
    message: /hyperparameters\.n_step: expected an integer in 1\.\.1000 \(each agent holds its last n transitions/,
  },
  {
    id: 'gradient-steps',
    what: 'dqn gradient_steps: 1e5',
    file: cartpole('gradient-steps', (s) => {
      s(['behaviors', 'CartPole', 'trainer_type'], 'dqn');
      s(['behaviors', 'CartPole', 'hyperparameters'], { gradient_steps: 1e5 });
    }),
    loader: true,
    code: 'SHIVA_ERR_CONFIG',
    message: /hyperparameters\.gradient_steps: expected an integer in 1\.\.1000/,
  },
  {
    id: 'team-size',
    what: 'maddpg team_size: 1e5',
    file: cartpole('team-size', (s) => {
      s(['behaviors', 'CartPole', 'trainer_type'], 'maddpg');
      s(['behaviors', 'CartPole', 'hyperparameters'], { team_size: 1e5 });
    }),
    loader: true,
    code: 'SHIVA_ERR_CONFIG',
    message: /hyperparameters\.team_size: expected an integer in 0\.\.1024 \(the centralised critics/,
  },
  { id: 'num-envs', what: 'num_envs: 1000', file: cartpole('num-envs', (s) => s(['env_settings', 'num_envs'], 1000)), loader: true, code: 'SHIVA_ERR_CONFIG', message: /env_settings\.num_envs: expected an integer in 1\.\.256/ },
  { id: 'timeout-wait', what: 'timeout_wait: 1e9 (past what a Node timer holds)', file: cartpole('timeout-wait', (s) => s(['env_settings', 'timeout_wait'], 1e9)), loader: true, code: 'SHIVA_ERR_CONFIG', message: /env_settings\.timeout_wait: expected a number in \(0, 2000000\] \(Node's timers/ },
  // Issue 14: the run's stream on the NATS server is bounded (src/cluster/run-stream.ts).
  { id: 'stream-max-bytes', what: 'shiva.cluster.stream_max_bytes: lots', file: cartpole('stream-max-bytes', (s) => s(['shiva', 'cluster'], { stream_max_bytes: 'lots' })), loader: true, code: 'SHIVA_ERR_CONFIG', message: /shiva\.cluster\.stream_max_bytes: expected null, a number of bytes, or a size such as "8 GiB".*got "lots"/ },
  { id: 'stream-max-age', what: 'shiva.cluster.stream_max_age_s: 10', file: cartpole('stream-max-age', (s) => s(['shiva', 'cluster'], { stream_max_age_s: 10 })), loader: true, code: 'SHIVA_ERR_CONFIG', message: /shiva\.cluster\.stream_max_age_s: expected a number in \[60, 31536000\], got 10/ },
  { id: 'stream-max-msgs', what: 'shiva.cluster.stream_max_msgs: 2.5', file: cartpole('stream-max-msgs', (s) => s(['shiva', 'cluster'], { stream_max_msgs: 2.5 })), loader: true, code: 'SHIVA_ERR_CONFIG', message: /shiva\.cluster\.stream_max_msgs: expected an integer ≥ 1000, got 2\.5/ },
  { id: 'memory-budget-value', what: 'shiva.memory_budget: lots', file: cartpole('memory-budget-value', (s) => s(['shiva', 'memory_budget'], 'lots')), loader: true, code: 'SHIVA_ERR_CONFIG', message: /shiva\.memory_budget: expected null, a number of bytes, or a size such as "8 GiB"/ },
  // Item 8: a memory estimate before allocating.
  {
    id: 'memory-network',
    what: 'a 4096 × 64 network over the memory budget',
    file: cartpole('memory-network', (s) => {
      s(['behaviors', 'CartPole', 'network_settings'], { hidden_units: 4096, num_layers: 64 });
      s(['shiva', 'memory_budget'], '1 GiB');
    }),
    code: 'SHIVA_ERR_CONFIG',
    message: /behaviors\.CartPole\.network_settings\.hidden_units: expected learners that fit the memory budget of 1\.0 GiB \(shiva\.memory_budget\), got an estimated \d+(\.\d)? GiB before anything was allocated: learner "CartPole" \(ppo, .*make the largest parts smaller \(behaviors\.CartPole\.network_settings\.hidden_units, behaviors\.CartPole\.network_settings\.num_layers\)/,
  },
  {
    id: 'memory-replay',
    what: 'a DQN replay buffer of 10⁷ transitions over a 256 MiB budget',
    file: cartpole('memory-replay', (s) => {
      s(['behaviors', 'CartPole', 'trainer_type'], 'dqn');
      s(['behaviors', 'CartPole', 'hyperparameters'], { buffer_size: 10_000_000 });
      s(['shiva', 'memory_budget'], '256 MiB');
    }),
    code: 'SHIVA_ERR_CONFIG',
    message: /behaviors\.CartPole\.hyperparameters\.buffer_size: expected learners that fit the memory budget of 256 MiB .*replay buffer \(buffer_size 10000000 transitions\)/,
  },
  // Item 9: late bad inputs, now checked before the run folder.
  { id: 'rule-index', what: 'a rule index past the observation size', file: cartpole('rule-index', (s) => s(['cognitive'], { CartPole: { rules: rulesReading(10) } })), code: 'SHIVA_ERR_RULES', message: /cognitive\.CartPole\.rules: .*perception: expected observation indices below 4 \(the behavior's observations hold 4 values/ },
  { id: 'rule-missing', what: 'a rule file that is not there', file: cartpole('rule-missing', (s) => s(['cognitive'], { CartPole: { rules: join(work, 'no-such.rules.yaml') } })), code: 'SHIVA_ERR_RULES', message: /no-such\.rules\.yaml/ },
  { id: 'gail-truncated', what: 'a truncated GAIL demo', file: cartpole('gail-truncated', (s) => s(['behaviors', 'CartPole', 'reward_signals'], { extrinsic: { strength: 1 }, gail: { strength: 0.1, demo_path: TRUNCATED_DEMO } })), code: 'SHIVA_ERR_DEMO_FILE', message: /ExpertBasic-truncated\.demo/ },
  { id: 'gail-spec', what: "a GAIL demo of another behavior's spec", file: cartpole('gail-spec', (s) => s(['behaviors', 'CartPole', 'reward_signals'], { extrinsic: { strength: 1 }, gail: { strength: 0.1, demo_path: BASIC } })), code: 'SHIVA_ERR_DEMO_FILE', message: /ExpertBasic\.demo: observation shapes: expected 1 observation\(s\) \[4\] \(behavior "CartPole\?team=0", which GAIL trains\), got 1 observation\(s\) \[20\]/ },
  { id: 'bc-truncated', what: 'a truncated behavioral_cloning demo', file: cartpole('bc-truncated', (s) => s(['behaviors', 'CartPole', 'behavioral_cloning'], { demo_path: TRUNCATED_DEMO })), code: 'SHIVA_ERR_DEMO_FILE', message: /ExpertBasic-truncated\.demo/ },
  // Checkpoints and warm starts.
  { id: 'init-dotdot', what: '--initialize-from ..', file: cartpole('init-dotdot'), args: ['--initialize-from', '..'], overrides: { initializeFrom: '..' }, loader: true, code: 'SHIVA_ERR_USAGE', message: /^--initialize-from \(command line, checkpoint_settings\.initialize_from\): expected a run id: a name without slashes/ },
  { id: 'init-climb', what: '--initialize-from ../elsewhere', file: cartpole('init-climb'), args: ['--initialize-from', '../elsewhere'], overrides: { initializeFrom: '../elsewhere' }, loader: true, code: 'SHIVA_ERR_USAGE', message: /--initialize-from \(command line, checkpoint_settings\.initialize_from\): expected a run id/ },
  { id: 'init-file-climb', what: 'initialize_from: a/b in the file', file: cartpole('init-file-climb', (s) => s(['checkpoint_settings', 'initialize_from'], 'a/b')), loader: true, code: 'SHIVA_ERR_CONFIG', message: /:\d+: checkpoint_settings\.initialize_from: expected a run id/ },
  {
    id: 'init-missing',
    what: '--initialize-from a run that does not exist',
    file: cartpole('init-missing'),
    args: ['--initialize-from', 'nosuchrun'],
    code: 'SHIVA_ERR_CHECKPOINT',
    message: /^--initialize-from \(command line, checkpoint_settings\.initialize_from\): expected a checkpoint file, a run folder or a checkpoints folder, got \S*nosuchrun, which does not exist/,
    not: /init_path/,
  },
  {
    id: 'init-file-missing',
    what: 'initialize_from in the file, a run that does not exist',
    file: cartpole('init-file-missing', (s) => s(['checkpoint_settings', 'initialize_from'], 'nosuchrun')),
    code: 'SHIVA_ERR_CHECKPOINT',
    message: /:\d+: checkpoint_settings\.initialize_from: expected a checkpoint file/,
    not: /init_path/,
  },
  { id: 'init-path-corrupt', what: 'init_path: a corrupt checkpoint', file: cartpole('init-path-corrupt', (s) => s(['behaviors', 'CartPole', 'init_path'], GARBAGE_CHECKPOINT)), code: 'SHIVA_ERR_CHECKPOINT', message: /garbage\.ckpt/ },
  { id: 'resume-nothing', what: '--resume of a run with no checkpoint', file: cartpole('resume-nothing'), args: ['--resume'], code: 'SHIVA_ERR_USAGE', message: /--resume: expected a checkpoint of run "resume-nothing"/ },
  // Run ids.
  { id: 'run-id-flag', what: '--run-id ../escape', file: cartpole('run-id-flag'), args: ['--run-id', '../escape'], overrides: { runId: '../escape' }, loader: true, code: 'SHIVA_ERR_USAGE', message: /--run-id \(command line, checkpoint_settings\.run_id\): expected a name without slashes/, runDir: join(work, 'escape') },
  { id: 'run-id-file', what: 'run_id: "a/b" in the file', file: cartpole('run-id-file', undefined, [['run_id: run-id-file', 'run_id: a/b']]), loader: true, code: 'SHIVA_ERR_CONFIG', message: /checkpoint_settings\.run_id: expected a name without slashes/, runDir: join(RESULTS, 'a') },
  // Results folders.
  { id: 'results-file', what: 'a results folder that is a file', file: cartpole('results-file'), args: ['--results-dir', A_FILE], code: 'SHIVA_ERR_RUN_FOLDER', message: /--results-dir \(command line, checkpoint_settings\.results_dir\): expected a folder the run folder \S+ can be made and written in, got \S*a-file, which is a file, not a folder/, runDir: join(A_FILE, 'results-file') },
  { id: 'results-under-file', what: 'a results folder below a file', file: cartpole('results-under-file', (s) => s(['checkpoint_settings', 'results_dir'], join(A_FILE, 'deeper'))), code: 'SHIVA_ERR_RUN_FOLDER', message: /:\d+: checkpoint_settings\.results_dir: expected a folder .* which is a file, not a folder/, runDir: join(A_FILE, 'deeper', 'results-under-file') },
  {
    id: 'results-read-only',
    what: 'a results folder that cannot be written',
    file: cartpole('results-read-only', (s) => s(['checkpoint_settings', 'results_dir'], join(work, 'read-only'))),
    code: 'SHIVA_ERR_RUN_FOLDER',
    message: /checkpoint_settings\.results_dir: expected a folder .* which cannot be written/,
    runDir: join(work, 'read-only', 'results-read-only'),
    asNobody: root,
    skip: root && runuser === undefined && 'root writes anywhere, and there is no runuser to run the case as nobody',
  },
];

mkdirSync(join(work, 'read-only'), { mode: 0o555 });

/**
 * Configuration values are refused by the loader, before `shiva train` does anything: they go through the loader,
 * and those of the issue and the flags through the binary too (the rest would only repeat the loader's answer).
 */
const BINARY_TOO = new Set(['hidden-units', 'num-layers', 'num-areas', 'num-areas-flag', 'buffer-size', 'init-dotdot', 'init-climb', 'run-id-flag']);
const viaBinary = (c: Case) => !c.loader || BINARY_TOO.has(c.id);

/** The binary run as the user nobody. */
function asNobody(args: readonly string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(runuser!, ['-u', 'nobody', '--', process.execPath, cliMain, ...args], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, SHIVA_LOG_LEVEL: 'warn', SHIVA_BACKEND: 'cpu' } });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stderr })));
}

/** Runs `cases` through the binary, `width` at a time. */
async function runAll(cases: readonly Case[], width: number) {
  const results = new Map<string, { code: number | null; stderr: string }>();
  const queue = [...cases];
  await Promise.all(
    Array.from({ length: width }, async () => {
      for (let c = queue.shift(); c; c = queue.shift()) {
        const args = ['train', c.file, ...(c.args ?? [])];
        const { code, stderr } = await (c.asNobody ? asNobody(args) : runCli(args, { SHIVA_BACKEND: 'cpu' }).done);
        results.set(c.id, { code, stderr });
      }
    }),
  );
  return results;
}

test('the bad-input table: each case ends with its code and message, no stack trace, and no run folder', async (t) => {
  const ran = await runAll(
    CASES.filter((c) => !c.skip && viaBinary(c)),
    4,
  );
  for (const c of CASES) {
    await t.test(`${c.what} → ${c.code}`, { skip: c.skip }, () => {
      if (c.loader) {
        assert.throws(
          () => loadRunConfig(c.file, c.overrides ?? {}),
          (e: unknown) => isShivaError(e, c.code) && c.message.test(e.message),
          `the loader: ${c.code} matching ${c.message}`,
        );
      }
      const runDir = c.runDir ?? join(RESULTS, c.id);
      if (!viaBinary(c)) {
        assert.ok(!existsSync(runDir), `no run folder at ${runDir}`);
        return;
      }
      const { code, stderr } = ran.get(c.id)!;
      assert.equal(code, 1, stderr);
      assert.match(stderr, new RegExp(`\\[${c.code}\\]\\n$`), stderr);
      const line = stderr.split('\n').find((l) => l.startsWith('shiva: ')) ?? '';
      assert.match(line.replace(/^shiva: /, ''), c.message);
      if (c.not) assert.doesNotMatch(stderr, c.not);
      assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
      assert.ok(!existsSync(runDir), `no run folder left at ${runDir}`);
    });
  }
  // Nothing at all was written under the results folder.
  assert.deepEqual(readdirSync(RESULTS), []);
});

/** Resolves once something accepts connections on localhost:`port` (within 30 s). */
async function listening(port: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (await acceptsConnections(port)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nothing listens on ${port}`);
}

/** A free loopback port. */

test("a Unity scene's specs come at its first reset: a rule index past its observations ends the command then, and the attempt's run folder is removed", async () => {
  const port = await freePort();
  const file = cartpole('editor-rule-index', (s) => {
    s(['env_settings'], { seed: 1 });
    s(['cognitive'], { CartPole: { rules: rulesReading(10) } });
  });
  // The Editor's port is --base-port given on the command line; a stand-in of CartPole plays the Editor pressing Play.
  const trainer = runCli(['train', file, '--base-port', String(port)], { SHIVA_BACKEND: 'cpu' });
  await listening(port);
  const standIn = runCli(['unity-standin', '--env', 'cartpole', '--port', String(port)]);
  const { code, stderr } = await trainer.done;
  standIn.child.kill('SIGTERM');
  await standIn.done;
  assert.equal(code, 1, stderr);
  assert.match(stderr, /perception: expected observation indices below 4 .* \[SHIVA_ERR_RULES\]\n$/);
  assert.ok(!existsSync(join(RESULTS, 'editor-rule-index')), 'the run folder made for the attempt was removed');
});

test.after(() => rmSync(work, { recursive: true, force: true }));
