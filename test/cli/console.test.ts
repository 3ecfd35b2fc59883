/**
 * The console of `shiva train` as a person sees it: the real CLI under a pseudo-terminal of 80 and of 160 columns
 * (test/helpers/terminal.ts), its output read back as the screen it leaves. The progress line fits the width with
 * the headline figures on it, log lines print above it whole, the end leaves no bar text mixed into other lines,
 * NO_COLOR gives no colour, the backend is one line (details with --debug), and the report ends with the commands
 * to run next, which work as printed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliMain, repoRoot } from '../helpers/paths.js';
import { runCli } from '../helpers/processes.js';
import { drawScreen, needsScript, runInTerminal, screenOf, type ScreenLine } from '../helpers/terminal.js';

/** configs/scout.yaml, short: 4000 steps, a checkpoint every 2000, 20 evaluation episodes, 1% of decisions traced. */
function shortScout(dir: string): string {
  const text = readFileSync(join(repoRoot, 'configs', 'scout.yaml'), 'utf8')
    .replace(/max_steps: \d+/, 'max_steps: 4000')
    .replace(/summary_freq: \d+/, 'summary_freq: 1000')
    .replace(/checkpoint_interval: \d+/, 'checkpoint_interval: 2000')
    .replace(/run_id: scout/, 'run_id: console')
    .replace(/rules: configs\/scout-roe\.rules\.yaml/, `rules: ${join(repoRoot, 'configs', 'scout-roe.rules.yaml')}`)
    .replace(/episodes: 200/, 'episodes: 20')
    .replace(/trace_sample_rate: [\d.]+/, 'trace_sample_rate: 0.01');
  assert.match(text, /max_steps: 4000/);
  writeFileSync(join(dir, 'scout.yaml'), text);
  return 'scout.yaml';
}

/** Lines as written: a wrapped continuation joined to the line it continues. */
function logicalLines(screen: readonly ScreenLine[]): string[] {
  const out: string[] = [];
  for (const line of screen) {
    if (line.wrapped && out.length > 0) out[out.length - 1] += line.text;
    else out.push(line.text);
  }
  return out;
}

const STATUS = /^Red( \[| \|)/;
const LOG_LINE = /^\[\d\d:\d\d:\d\d\.\d{3}\] (INFO|WARN|ERROR): /;

interface Evaluated {
  environmentEpisodes: number;
  stats: Record<string, { count: number; total: number }>;
}

for (const cols of [80, 160]) {
  test(`shiva train on a ${cols}-column terminal: the progress line fits with the headline figures, logs print above it whole`, { skip: needsScript() }, async () => {
    const dir = mkdtempSync(join(tmpdir(), `shiva-console-${cols}-`));
    const config = shortScout(dir);
    const run = await runInTerminal(['train', config], { cols, cwd: dir });
    const screen = await screenOf(run.raw, cols);
    assert.equal(run.code, 0, drawScreen(screen, cols));

    // One progress line is left (the final state, kept when training ended), one column short of the width,
    // not wrapped, with the headline figures on it.
    const status = screen.map((l, i) => ({ ...l, i })).filter((l) => STATUS.test(l.text));
    assert.equal(status.length, 1, `one progress line on screen, got ${status.length}`);
    const bar = status[0]!;
    assert.ok(bar.text.length <= cols - 1, `${bar.text.length} columns: ${bar.text}`);
    assert.equal(bar.wrapped, false);
    assert.equal(screen[bar.i + 1]?.wrapped ?? false, false, 'the progress line did not wrap');
    assert.match(bar.text, / \| 4000\/4000 \| /, 'steps of max_steps');
    assert.match(bar.text, / \| return -?\d+\.\d \| /, 'mean return');
    assert.match(bar.text, / \| \d+ steps\/s \| /, 'steps/s');
    assert.match(bar.text, / \| win rate \d+\.\d%( \(last \d+\))? \| ROE violations \d+(\.\d+)?( \(last \d+\))?$/, 'the progress stats, uncut');
    if (cols >= 160) {
      assert.match(bar.text, /^Red \[█+\] 100% \| /, 'room for the bar');
      assert.match(bar.text, / \| \d+ episodes \| /);
      assert.match(bar.text, /win rate \d+\.\d% \(last \d+\)/);
    } else {
      assert.doesNotMatch(bar.text, /[█░]/, 'the bar gave way first');
    }

    // Log lines start at the left edge, whole, and no bar text is mixed into them or into any other line.
    const checkpoints = screen.filter((l) => l.text.includes('checkpoint saved'));
    assert.ok(checkpoints.length >= 2, `${checkpoints.length} checkpoint lines`);
    for (const l of checkpoints) assert.match(l.text, /^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: checkpoint saved$/);
    for (const [i, l] of screen.entries()) {
      if (i !== bar.i) assert.doesNotMatch(l.text, /[█░]|steps\/s \||\| ETA /, `line ${i}: ${l.text}`);
      if (l.text.includes('INFO:')) assert.match(l.text, LOG_LINE, `line ${i}`);
    }
    // The checkpoint lines came above the progress line, which stayed below them until the end.
    assert.ok(checkpoints.every((l) => screen.indexOf(l) < bar.i));

    // The backend in one line; which backends were skipped only with --debug.
    const lines = logicalLines(screen);
    assert.equal(lines.filter((l) => /INFO: backend: \S+$/.test(l)).length, 1);
    assert.ok(!lines.some((l) => /tried|not installed|Cannot find module/.test(l)), 'no backend details at info level');

    // The report: one count of episodes, plain words, and what to do next.
    const summary = JSON.parse(readFileSync(join(dir, 'results', 'console', 'summary.json'), 'utf8')) as { finalEvaluation: { trained: Evaluated; baseline: Evaluated } };
    const { trained, baseline } = summary.finalEvaluation;
    const n = trained.environmentEpisodes;
    const played = n === baseline.environmentEpisodes ? `${n} episodes` : `trained ${n} episodes, untrained ${baseline.environmentEpisodes} episodes`;
    assert.ok(lines.some((l) => l.startsWith(`Final evaluation: ${played} (counted by Scout/Red/Win), seed 12345, `)), 'one count');
    const win = lines.find((l) => l.startsWith('  win rate: '));
    assert.match(win ?? '', new RegExp(`^  win rate: trained [\\d.]+% \\(\\d+ of ${n}\\) \\| untrained [\\d.]+% \\(\\d+ of ${baseline.environmentEpisodes}\\)$`));
    assert.ok(lines.includes('  ROE violations per episode: trained 0 (0 in all) | untrained 0 (0 in all)'), 'plain words');
    assert.ok(!lines.some((l) => l.includes('per report')));
    const next = lines.indexOf('Next:');
    assert.ok(next > 0, 'the report ends with what to do next');
    const commands = lines.slice(next + 1).map((l) => l.trim());
    assert.match(commands[0]!, /^shiva evaluate scout\.yaml --checkpoint results\/console\/checkpoints\/checkpoint-\d+\.ckpt --episodes 20 --episode-stat Scout\/Red\/Win$/);
    assert.equal(commands[1], 'shiva explain results/console/traces/Red_team=0.jsonl --line 1');
    assert.equal(commands[2], 'tensorboard --logdir results/console');

    if (cols === 80) {
      // The commands work as printed, from where the run was started.
      for (const command of commands.slice(0, 2)) {
        const args = command.split(' ').slice(1);
        const ran = spawnSync(process.execPath, [cliMain, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, SHIVA_LOG_LEVEL: 'warn' } });
        assert.equal(ran.status, 0, `${command}: ${ran.stderr}`);
        assert.ok(ran.stdout.length > 0, command);
      }
      // Colour by default on a terminal…
      assert.match(run.raw, /\x1b\[3\dm/);
    }
  });
}

test('NO_COLOR=1: no colour codes on a terminal', { skip: needsScript() }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'shiva-console-nocolor-'));
  const config = shortScout(dir);
  const run = await runInTerminal(['train', config], { cols: 80, cwd: dir, env: { NO_COLOR: '1' } });
  assert.equal(run.code, 0, run.raw.slice(-2000));
  assert.doesNotMatch(run.raw, /\x1b\[(3|4|9|10)\d(;\d+)*m/, 'no foreground or background colour');
  const screen = await screenOf(run.raw, 80);
  assert.ok(screen.some((l) => /^Red \| 4000\/4000 \| /.test(l.text)), drawScreen(screen, 80));
});

interface LogEntry {
  level: number;
  msg: string;
  tried?: { name: string; error?: string }[];
}

function logEntries(stderr: string): LogEntry[] {
  return stderr
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as LogEntry);
}

test('the backend is one line ("backend: wasm"); which backends were skipped and why only at debug level (--debug, SHIVA_LOG_LEVEL=debug)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'shiva-backend-'));
  const text = readFileSync(join(repoRoot, 'configs', 'cartpole.yaml'), 'utf8')
    .replace(/max_steps: \d+/, 'max_steps: 600')
    .replace(/results_dir: \S+/, `results_dir: ${join(dir, 'results')}`);
  const config = join(dir, 'cartpole.yaml');
  writeFileSync(config, text);

  const info = await runCli(['train', config, '--force'], { SHIVA_LOG_LEVEL: 'info' }).done;
  assert.equal(info.code, 0, info.stderr.slice(-2000));
  const entries = logEntries(info.stderr);
  const backend = entries.filter((e) => e.msg.startsWith('backend'));
  assert.equal(backend.length, 1, JSON.stringify(backend));
  assert.match(backend[0]!.msg, /^backend: (tensorflow-gpu|tensorflow|webgpu|wasm|cpu)( \(.*\))?$/);
  assert.doesNotMatch(info.stderr, /not installed|Cannot find module|"tried"/);
  // The name, without what follows it when auto measured ("backend: tensorflow (ms per training step: …)").
  const chosen = backend[0]!.msg.slice('backend: '.length).split(' ')[0]!;

  // tfjs-node is an optional dependency that usually fails to install; when it is absent, debug says so.
  let nodeBackendMissing = false;
  try {
    createRequire(import.meta.url).resolve('@tensorflow/tfjs-node');
  } catch {
    nodeBackendMissing = true;
  }
  for (const [how, args, env] of [
    ['--debug', ['--debug'], { SHIVA_LOG_LEVEL: undefined }],
    ['SHIVA_LOG_LEVEL=debug', [], { SHIVA_LOG_LEVEL: 'debug' }],
  ] as const) {
    const debug = await runCli(['train', config, '--force', ...args], env).done;
    assert.equal(debug.code, 0, `${how}: ${debug.stderr.slice(-2000)}`);
    const details = logEntries(debug.stderr).filter((e) => e.level === 20 && e.msg.startsWith('backend: asked for'));
    assert.equal(details.length, 1, how);
    assert.match(details[0]!.msg, new RegExp(`^backend: asked for auto \\(default\\); (skipped [\\w-]+: [^;]+; )*using ${chosen}$`), how);
    assert.equal(details[0]!.tried!.at(-1)!.name, chosen);
    if (nodeBackendMissing && chosen !== 'tensorflow') assert.match(details[0]!.msg, /skipped tensorflow: not installed \(Cannot find module '@tensorflow\/tfjs-node'/, how);
    // The info line is the same one line.
    assert.equal(logEntries(debug.stderr).filter((e) => e.level === 30 && e.msg.split(' (')[0] === `backend: ${chosen}`).length, 1, how);
  }
});
