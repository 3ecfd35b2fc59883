/**
 * Faults against `shiva train`, repeated: each trial is a tiny CartPole run of the real binary with the Unity Editor
 * played in this process by the stand-in (test/helpers/fake-editor.ts), a fault, and a `--resume` that must finish
 * the run. Kinds:
 *   unity-stop   the Editor leaves play mode (status 400) at a random output; the run must end normally (exit 0)
 *   scene-nan    the scene sends a NaN reward at a random output; checkpoint, then SHIVA_ERR_REWARD (exit 1)
 *   sigkill      the trainer is SIGKILLed as its n-th checkpoint is being written (a `.tmp` appears), n in 2..4
 *   corrupt      a finished run's newest 1–2 checkpoints (or its index) are damaged: a bit flipped, truncated,
 *                zeroed, deleted; the resume must pass over them to the newest valid one and finish
 * For each kind it prints: runs finished (the resumed run reached max_steps, exit 0), resumes from the newest
 * valid checkpoint (the bench reads every checkpoint file left and compares), steps lost (agent steps the trainer
 * had acted on, counted from the scene's outputs, minus the step resumed from; the largest against
 * checkpoint_interval), and episodes damaged (see below). Players killed and strangers connecting are the bridge's
 * faults: bench/faults-bridge.ts, run after these when it is there.
 *
 * Episodes damaged: the scene keeps its own record of every episode it reported (return and length, as the
 * trainer's EpisodeTracker counts them) and of how many decisions and episodes each output brought. Each checkpoint
 * left must hold exactly the episodes the scene had reported up to the output its step reached, and its last-100
 * returns must be the scene's; the resumed run's summary.json must count the checkpoint's episodes plus the resumed
 * scene's, with the mean of the last 100 of those returns. Every episode missing, extra or with a different return
 * counts as one damaged (a differing mean counts the window's episodes).
 *
 *   npm run build && node dist/bench/faults.js [--trials 5] [--only unity-stop,scene-nan,sigkill,corrupt] [--seed 1] [--skip-bridge]
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, truncateSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { readTrainingCheckpoint } from '../src/training/checkpoint/index.js';
import { meanOfLast100, runFakeEditor, type FakeEditorResult, type SceneEpisode } from '../test/helpers/fake-editor.js';
import { lastJsonLine, runCli } from '../test/helpers/processes.js';
import { freePort } from '../test/helpers/free-port.js';
import { flag, hasFlag, pick, random } from './fault-trials.js';

const TRIALS = Number(flag('trials', '5'));
const KINDS = flag('only', 'unity-stop,scene-nan,sigkill,corrupt').split(',');
const CHECKPOINT_INTERVAL = 500;
const AGENTS = 4;


function config(dir: string, maxSteps: number): string {
  const path = join(dir, 'run.yaml');
  writeFileSync(
    path,
    `behaviors:
  CartPole:
    trainer_type: ppo
    hyperparameters: { batch_size: 64, buffer_size: 256, learning_rate: 1.0e-3, num_epoch: 1 }
    network_settings: { hidden_units: 64, num_layers: 2 }
    max_steps: ${maxSteps}
    time_horizon: 64
    summary_freq: 500
    checkpoint_interval: ${CHECKPOINT_INTERVAL}
    keep_checkpoints: 5
env_settings:
  num_areas: ${AGENTS}
  seed: 3
checkpoint_settings:
  run_id: trial
  results_dir: ${join(dir, 'results')}
shiva:
  backend: wasm
`,
  );
  return path;
}


interface Run {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly editor: FakeEditorResult;
}

/** `shiva train` in Editor mode on `port` against the fake Editor. */
async function trainWithEditor(file: string, port: number, extra: string[], fault?: Parameters<typeof runFakeEditor>[0]['fault'], onStart?: (kill: () => void) => void): Promise<Run> {
  const trainer = runCli(['train', file, ...extra], { SHIVA_EDITOR_PORT: String(port) });
  onStart?.(() => trainer.child.kill('SIGKILL'));
  const editor = await runFakeEditor({ env: 'cartpole', port, ...(fault ? { fault } : {}) });
  const done = await trainer.done;
  return { ...done, editor };
}

interface Checkpointed {
  readonly file: string;
  readonly step: number;
  readonly episodes: number;
  readonly recent: number[];
}

/** Every checkpoint file of the run that reads and checks, newest (by step) first; what does not, by name. */
function validCheckpoints(runDir: string): { valid: Checkpointed[]; damaged: string[] } {
  const dir = join(runDir, 'checkpoints');
  const valid: Checkpointed[] = [];
  const damaged: string[] = [];
  for (const file of existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.ckpt')) : []) {
    try {
      const c = readTrainingCheckpoint(join(dir, file));
      const episodes = c.state.episodes['CartPole'] ?? 0;
      valid.push({ file, step: c.meta.step, episodes, recent: c.state.recentReturns?.['CartPole'] ?? [] });
    } catch {
      damaged.push(file);
    }
  }
  return { valid: valid.sort((a, b) => b.step - a.step), damaged };
}

/** Episodes a checkpoint holds that the scene's record does not bear out (missing, extra, or a different return). */
function checkpointDamage(c: Checkpointed, scene: FakeEditorResult, before: readonly SceneEpisode[] = [], beforeDecisions = 0): number {
  const k = scene.timeline.findIndex((t) => t.decisions + beforeDecisions === c.step);
  if (k < 0) return c.episodes; // a step no output reached: nothing in it can be trusted
  const episodes = [...before, ...scene.episodes.slice(0, scene.timeline[k]!.episodes)];
  return Math.abs(c.episodes - episodes.length) + returnsDamage(c.recent, episodes);
}

/** The last-100 returns a trainer kept against the scene's. */
function returnsDamage(recent: readonly number[], episodes: readonly SceneEpisode[]): number {
  const expected = episodes.slice(-100).map((e) => e.return);
  let damaged = Math.abs(recent.length - expected.length);
  for (let i = 0; i < Math.min(recent.length, expected.length); i++) if (recent[recent.length - 1 - i] !== expected[expected.length - 1 - i]) damaged++;
  return damaged;
}

interface Summary {
  behaviors: Record<string, { steps: number; episodes: number; meanReturnLast100: number | null }>;
}

/** The resumed run's summary against the checkpoint it resumed from plus the scene it then played. */
function resumedDamage(runDir: string, from: Checkpointed, fromEpisodes: readonly SceneEpisode[] | null, scene: FakeEditorResult): number {
  const summary = JSON.parse(readFileSync(join(runDir, 'summary.json'), 'utf8')) as Summary;
  const s = summary.behaviors['CartPole?team=0']!;
  let damaged = Math.abs(s.episodes - (from.episodes + scene.episodes.length));
  // The returns the resumed run's mean covers: the checkpoint's last ones, then the scene's.
  const before = fromEpisodes ?? from.recent.map((r) => ({ behavior: 'CartPole', return: r, length: 0 }));
  const expected = meanOfLast100([...before, ...scene.episodes]);
  if (expected === null ? s.meanReturnLast100 !== null : s.meanReturnLast100 === null || Math.abs(s.meanReturnLast100 - expected) > 1e-9 * Math.max(1, Math.abs(expected))) damaged += Math.min(100, before.length + scene.episodes.length);
  return damaged;
}

interface Trial {
  finished: boolean;
  newestValid: boolean;
  stepsLost: number;
  damaged: number;
  note?: string;
}

/** Unity stops (or the scene sends NaN) at a random output; then --resume with a healthy scene to max_steps. */
async function sceneFault(kind: 'stop' | 'nan-reward'): Promise<Trial> {
  const dir = mkdtempSync(join(tmpdir(), `shiva-faults-${kind}-`));
  const port = await freePort();
  const file = config(dir, 1_000_000);
  const runDir = join(dir, 'results', 'trial');
  const at = pick(100, 500);
  const first = await trainWithEditor(file, port, [], { kind, at });
  const expectedCode = kind === 'stop' ? 0 : 1;
  const codeOk = first.code === expectedCode && (kind === 'stop' || /\[SHIVA_ERR_REWARD\]/.test(first.stderr));
  const { valid } = validCheckpoints(runDir);
  const newest = valid[0];
  if (!newest) return { finished: false, newestValid: false, stepsLost: first.editor.decisions, damaged: 0, note: `no checkpoint (exit ${first.code})` };
  let damaged = 0;
  for (const c of valid) damaged += checkpointDamage(c, first.editor);
  const stepsLost = first.editor.decisions - newest.step;
  writeFileSync(file, readFileSync(file, 'utf8').replace('max_steps: 1000000', `max_steps: ${newest.step + 400}`));
  const second = await trainWithEditor(file, port, ['--resume']);
  const out = second.code === 0 ? lastJsonLine<{ resumedFromStep: number; behaviors: Summary['behaviors'] }>(second.stdout) : null;
  const finished = codeOk && out !== null && out.behaviors['CartPole?team=0']!.steps >= newest.step + 400;
  if (out) damaged += resumedDamage(runDir, newest, first.editor.episodes.slice(0, first.editor.timeline.find((t) => t.decisions === newest.step)?.episodes ?? 0), second.editor);
  rmSync(dir, { recursive: true, force: true });
  return { finished, newestValid: out?.resumedFromStep === newest.step, stepsLost, damaged, ...(codeOk ? {} : { note: `first run exit ${first.code}` }) };
}

/** SIGKILL while the n-th checkpoint is being written; then --resume to max_steps. */
async function sigkill(): Promise<Trial & { midWrite: boolean }> {
  const dir = mkdtempSync(join(tmpdir(), 'shiva-faults-sigkill-'));
  const port = await freePort();
  const file = config(dir, 1_000_000);
  const runDir = join(dir, 'results', 'trial');
  const checkpoints = join(runDir, 'checkpoints');
  // From the second checkpoint on, so that a valid one is always left to resume from (killed in the first write, a
  // run has none: --resume then says so, exit 1, and the run starts again).
  const n = pick(2, 4);
  let midWrite = false;
  const first = await trainWithEditor(file, port, [], undefined, (kill) => {
    // Watch for the checkpoints folder, then for the n-th temp file of a checkpoint being written.
    const seen = new Set<string>();
    const poll = setInterval(() => {
      if (!existsSync(checkpoints)) return;
      clearInterval(poll);
      const watcher = watch(checkpoints, (_event, name) => {
        // Each write shows as several events of its temp file (created, written, renamed away): count the files.
        if (!name || !name.startsWith('checkpoint-') || !name.endsWith('.ckpt.tmp')) return;
        seen.add(name);
        if (seen.size < n) return;
        kill();
        watcher.close();
        midWrite = readdirSync(checkpoints).some((f) => f.endsWith('.tmp'));
      });
    }, 2);
  });
  const killed = first.signal === 'SIGKILL';
  const { valid } = validCheckpoints(runDir);
  const newest = valid[0];
  if (!newest) return { finished: false, newestValid: false, stepsLost: first.editor.decisions, damaged: 0, midWrite, note: 'no valid checkpoint left' };
  let damaged = 0;
  for (const c of valid) damaged += checkpointDamage(c, first.editor);
  // Steps lost: the decisions of the outputs the trainer had answered (the last one sent was still waiting for its
  // answer when the kill came: the trainer checkpoints after receiving it, before acting on it) minus the step resumed from.
  const answered = first.editor.timeline[first.editor.outputs - 2]?.decisions ?? 0;
  const stepsLost = answered - newest.step;
  writeFileSync(file, readFileSync(file, 'utf8').replace('max_steps: 1000000', `max_steps: ${newest.step + 400}`));
  const second = await trainWithEditor(file, port, ['--resume']);
  const out = second.code === 0 ? lastJsonLine<{ resumedFromStep: number; behaviors: Summary['behaviors'] }>(second.stdout) : null;
  if (out) damaged += resumedDamage(runDir, newest, first.editor.episodes.slice(0, first.editor.timeline.find((t) => t.decisions === newest.step)?.episodes ?? 0), second.editor);
  rmSync(dir, { recursive: true, force: true });
  return { finished: killed && out !== null && out.behaviors['CartPole?team=0']!.steps >= newest.step + 400, newestValid: out?.resumedFromStep === newest.step, stepsLost, damaged, midWrite, ...(killed ? {} : { note: `not killed (exit ${first.code})` }) };
}

const DAMAGES = ['flip', 'truncate', 'zero', 'delete', 'index'] as const;

/** A finished run's newest checkpoints damaged; --resume must start from the newest valid one and finish. */
async function corrupt(): Promise<Trial & { how: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'shiva-faults-corrupt-'));
  const port = await freePort();
  const maxSteps = 2000;
  const file = config(dir, maxSteps);
  const runDir = join(dir, 'results', 'trial');
  const first = await trainWithEditor(file, port, []);
  const index = JSON.parse(readFileSync(join(runDir, 'checkpoints', 'checkpoints.json'), 'utf8')) as { checkpoints: { file: string; step: number }[] };
  const how = DAMAGES[pick(0, DAMAGES.length - 1)]!;
  const count = how === 'index' ? 0 : pick(1, 2);
  const targets = index.checkpoints.slice(-count).map((c) => join(runDir, 'checkpoints', c.file));
  if (how === 'index') writeFileSync(join(runDir, 'checkpoints', 'checkpoints.json'), readFileSync(join(runDir, 'checkpoints', 'checkpoints.json'), 'utf8').slice(0, pick(1, 60)));
  for (const path of count > 0 ? targets : []) {
    const bytes = readFileSync(path);
    if (how === 'flip') {
      bytes[pick(0, bytes.length - 1)] ^= 1 << pick(0, 7);
      writeFileSync(path, bytes);
    } else if (how === 'truncate') truncateSync(path, pick(0, bytes.length - 1));
    else if (how === 'zero') {
      const at = pick(0, bytes.length - 64);
      bytes.fill(0, at, at + 64);
      writeFileSync(path, bytes);
    } else rmSync(path);
  }
  const damagedBytes = new Map(targets.filter((p) => existsSync(p)).map((p) => [p, readFileSync(p)]));
  const { valid } = validCheckpoints(runDir);
  const newest = valid[0]!;
  const second = await trainWithEditor(file, port, ['--resume']);
  const out = second.code === 0 ? lastJsonLine<{ resumedFromStep: number; behaviors: Summary['behaviors'] }>(second.stdout) : null;
  let damaged = 0;
  for (const c of validCheckpoints(runDir).valid.filter((c) => c.step <= newest.step)) damaged += checkpointDamage(c, first.editor);
  if (out) damaged += resumedDamage(runDir, newest, first.editor.episodes.slice(0, first.editor.timeline.find((t) => t.decisions === newest.step)?.episodes ?? 0), second.editor);
  const untouched = [...damagedBytes].every(([p, b]) => existsSync(p) && readFileSync(p).equals(b));
  rmSync(dir, { recursive: true, force: true });
  const lastStep = index.checkpoints.at(-1)!.step;
  return {
    finished: out !== null && out.behaviors['CartPole?team=0']!.steps >= maxSteps,
    newestValid: out?.resumedFromStep === newest.step,
    stepsLost: lastStep - newest.step,
    damaged,
    how: `${how}${count > 0 ? ` ×${count}` : ''}`,
    ...(untouched ? {} : { note: 'a damaged file was changed' }),
  };
}

function row(kind: string, trials: Trial[], extra: string): string {
  const finished = trials.filter((t) => t.finished).length;
  const newest = trials.filter((t) => t.newestValid).length;
  const lost = trials.map((t) => t.stepsLost);
  const damaged = trials.reduce((a, t) => a + t.damaged, 0);
  const notes = trials.filter((t) => t.note).map((t) => t.note);
  return `| ${kind} | ${trials.length} | ${finished} | ${newest} | ${Math.min(...lost)}–${Math.max(...lost)} (interval ${CHECKPOINT_INTERVAL}) | ${damaged} | ${[extra, ...notes].filter(Boolean).join('; ')} |`;
}

const rows: string[] = [];
const t0 = performance.now();
for (const kind of KINDS) {
  const trials: (Trial & { midWrite?: boolean; how?: string })[] = [];
  for (let i = 0; i < TRIALS; i++) {
    const trial = kind === 'unity-stop' ? await sceneFault('stop') : kind === 'scene-nan' ? await sceneFault('nan-reward') : kind === 'sigkill' ? await sigkill() : kind === 'corrupt' ? await corrupt() : null;
    if (!trial) throw new Error(`--only: unknown kind "${kind}" (unity-stop, scene-nan, sigkill, corrupt)`);
    trials.push(trial);
    process.stderr.write(`${kind} #${i + 1}: ${JSON.stringify(trial)}\n`);
  }
  const extra =
    kind === 'sigkill' ? `${trials.filter((t) => t.midWrite).length} killed with a .tmp half-written` : kind === 'corrupt' ? trials.map((t) => t.how).join(', ') : kind === 'unity-stop' ? 'exit 0 each' : 'exit 1, SHIVA_ERR_REWARD each';
  rows.push(row(kind, trials, extra));
}
console.log(`\nFaults against shiva train (CartPole, ${AGENTS} agents, checkpoint_interval ${CHECKPOINT_INTERVAL}; the Editor played by the stand-in), ${TRIALS} trial(s) each, ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
console.log('| fault | trials | runs finished | resumed from the newest valid checkpoint | steps lost (min–max) | episodes damaged | notes |');
console.log('|---|---|---|---|---|---|---|');
for (const r of rows) console.log(r);

// The bridge's faults (players killed mid-episode and right after reconnecting, strangers connecting), when present.
const bridge = fileURLToPath(new URL('./faults-bridge.js', import.meta.url));
if (hasFlag('skip-bridge')) {
  console.log('\n(--skip-bridge: bench/faults-bridge not run)');
} else if (existsSync(bridge)) {
  console.log('\nbench/faults-bridge:');
  const result = spawnSync(process.execPath, [bridge, ...(hasFlag('trials') ? ['--trials', String(TRIALS)] : [])], { stdio: 'inherit' });
  if (result.status !== 0) process.exitCode = result.status ?? 1;
} else {
  console.log('\n(bench/faults-bridge.js is not built: players killed and strangers connecting are not measured here)');
}
