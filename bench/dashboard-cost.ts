/**
 * What an open dashboard costs a training run: agent steps per second of the scout job (its rules, traces on)
 * while a client polls the dashboard as the page does (every POLL_MS: the runs list, the run, four curves at 2,000
 * points each, and the decisions a rule changed), against the same run while nobody polls. One training run, and
 * the polling switched on and off every PHASE_MS, so that drift in the machine's load falls on both alike.
 *
 * MODE=inprocess (the default) measures `shiva train --dashboard 0`: the live dashboard shares the training
 * process's event loop, so every request it answers is time training does not get (the case a trainer opens).
 * MODE=separate measures `shiva dashboard` as its own process beside the run (its CPU is printed as a share of
 * one core, from /proc/PID/stat).
 *
 * Steps per phase come from the run's summaries (`Performance/Steps Per Second` rows: step and wall time every
 * summary_freq steps), interpolated linearly at each phase's start and end, so no step is left out and PPO's
 * update pauses fall into whichever phase they happened in. The first and last phases (start-up, the final save)
 * are dropped. Each polled phase is compared with the mean rate of the unpolled phases on either side of it; the
 * mean of those ratios and its 95% bootstrap interval say how much slower polling makes training. Target: at most
 * 3% slower.
 *
 *   npm run bench:dashboard        (MODE=inprocess, STEPS=500000, PHASE_MS=4000, POLL_MS=2000 by default)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
const repo = fileURLToPath(new URL('../../', import.meta.url));
const MODE = process.env.MODE ?? 'inprocess';
if (MODE !== 'inprocess' && MODE !== 'separate') throw new Error(`MODE: expected inprocess or separate, got ${MODE}`);
const STEPS = Number(process.env.STEPS ?? 500000);
const PHASE_MS = Number(process.env.PHASE_MS ?? 4000);
const POLL_MS = Number(process.env.POLL_MS ?? 2000);
const TAGS = ['Environment/Cumulative Reward', 'Environment/Episode Length', 'Losses/Policy Loss', 'Policy/Entropy'];
const RUN = 'dashboard-cost';

function spawnCli(args: string[], logLevel = 'warn'): { child: ChildProcess; done: Promise<{ code: number | null; out: string; err: string }> } {
  const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, SHIVA_LOG_LEVEL: logLevel } });
  let out = '';
  let err = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  return { child, done: new Promise((resolve) => child.once('close', (code) => resolve({ code, out, err }))) };
}

/** User + system CPU seconds of a process so far (Linux), or NaN. */
function cpuSeconds(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

function fetchJson(url: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    get(url, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => (res.statusCode === 200 ? resolve(JSON.parse(body)) : reject(new Error(`${url}: ${res.statusCode} ${body}`))));
    }).on('error', reject);
  });
}

/** One poll as the page makes it; the number of requests. */
async function pollOnce(base: string): Promise<number> {
  await fetchJson(`${base}api/runs`);
  const run = (await fetchJson(`${base}api/runs/${RUN}`)) as { learners: string[]; traces: string[] };
  let requests = 2;
  for (const learner of run.learners) {
    for (const tag of TAGS) {
      await fetchJson(`${base}api/runs/${RUN}/series?learner=${encodeURIComponent(learner)}&tag=${encodeURIComponent(tag)}&max=2000`).catch(() => undefined);
      requests++;
    }
  }
  for (const file of run.traces) {
    await fetchJson(`${base}api/runs/${RUN}/traces/${encodeURIComponent(file)}/decisions?changed=1&limit=500`);
    requests++;
  }
  return requests;
}

const work = mkdtempSync(join(tmpdir(), 'shiva-bench-dashboard-'));
const results = join(work, 'results');
mkdirSync(results);
const config = readFileSync(join(repo, 'configs', 'scout.yaml'), 'utf8')
  .replace(/max_steps: \d+/, `max_steps: ${STEPS}`)
  .replace(/summary_freq: \d+/, 'summary_freq: 1000')
  .replace(/checkpoint_interval: \d+/, `checkpoint_interval: ${STEPS * 10}`)
  .replace(/ {2}final_evaluation:[\s\S]*?baseline: true[^\n]*\n/, '')
  .replace(/run_id: \S+/, `run_id: ${RUN}`)
  .replace(/results_dir: \S+/, `results_dir: ${results}`)
  .replace(/rules: configs\/scout-roe\.rules\.yaml/, `rules: ${join(repo, 'configs', 'scout-roe.rules.yaml')}`)
  .replace(/trace_sample_rate: [\d.]+/, 'trace_sample_rate: 0.01')
  .replace(/backend: \w+/, 'backend: wasm');
if (/final_evaluation/.test(config)) throw new Error('bench: could not take final_evaluation out of configs/scout.yaml');
const configPath = join(work, 'scout.yaml');
writeFileSync(configPath, config);

/** The first address of a dashboard `child` prints: `{"url": …}` (shiva dashboard, stdout) or a log line with `dashboard` (shiva train's log). */
function dashboardUrl(child: ChildProcess, done: Promise<{ err: string }>): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let text = '';
    const onData = (c: Buffer) => {
      text += c.toString();
      const url = /"(?:url|dashboard)":"(http:[^"]+)"/.exec(text)?.[1];
      if (url === undefined) return;
      child.stdout!.off('data', onData);
      child.stderr!.off('data', onData);
      resolve(url);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void done.then((r) => reject(new Error(`no dashboard address before the process exited: ${r.err.slice(-2000)}`)));
  });
}

const separate = MODE === 'separate' ? spawnCli(['dashboard', '--results-dir', results, '--port', '0']) : null;
const train = spawnCli(MODE === 'separate' ? ['train', configPath] : ['train', configPath, '--dashboard', '0'], MODE === 'separate' ? 'warn' : 'info');
const base = separate ? await dashboardUrl(separate.child, separate.done) : await dashboardUrl(train.child, train.done);
const servingPid = (separate ?? train).child.pid;
process.stdout.write(`dashboard cost (${MODE === 'inprocess' ? 'shiva train --dashboard: the server in the training process' : 'shiva dashboard as its own process'}): one scout run of ${STEPS} steps; a client polls every ${POLL_MS} ms in every other ${PHASE_MS} ms phase\n`);
let finished = false;
/** [start, end, polled] in epoch seconds. */
const phases: [number, number, boolean][] = [];
let requests = 0;
let latencyMs = 0;
let polledCpu = 0;
const phasesDone = (async () => {
  let polled = false;
  while (!finished) {
    const start = Date.now() / 1000;
    const cpu0 = cpuSeconds(servingPid);
    const until = Date.now() + PHASE_MS;
    while (!finished && Date.now() < until) {
      if (polled) {
        const t = performance.now();
        try {
          const n = await pollOnce(base);
          requests += n;
          latencyMs += performance.now() - t;
        } catch {
          // the run folder is not there yet
        }
      }
      await new Promise((r) => setTimeout(r, Math.max(0, Math.min(polled ? POLL_MS : 100, until - Date.now()))));
    }
    if (polled && separate) polledCpu += cpuSeconds(servingPid) - cpu0;
    phases.push([start, Date.now() / 1000, polled]);
    polled = !polled;
  }
})();
const result = await train.done;
finished = true;
await phasesDone;
if (separate) {
  separate.child.kill('SIGTERM');
  await separate.done;
}
if (result.code !== 0) throw new Error(`shiva train: exit ${result.code}\n${result.err.slice(-2000)}`);

// The run's summaries: step and wall time of each, and the step count interpolated at any time between them.
const rows = readFileSync(join(results, RUN, 'Red', 'scalars.csv'), 'utf8')
  .trim()
  .split('\n')
  .map((r) => r.split(','))
  .filter((f) => f[2] === 'Performance/Steps Per Second')
  .map((f) => [Number(f[0]), Number(f[1])] as const);
function stepAt(t: number): number | null {
  for (let i = 1; i < rows.length; i++) {
    const [s0, t0] = rows[i - 1]!;
    const [s1, t1] = rows[i]!;
    if (t >= t0 && t <= t1) return t1 === t0 ? s1 : s0 + ((s1 - s0) * (t - t0)) / (t1 - t0);
  }
  return null;
}
const perPhase = phases.map(([s, e, polled]) => {
  const a = stepAt(s);
  const b = stepAt(e);
  return { polled, seconds: e - s, steps: a === null || b === null ? null : b - a };
});
// Start-up and the final save fall in the first and last phases: dropped.
const inner = perPhase.slice(1, -1).map((p, i) => ({ ...p, index: i + 1 }));
const rate = (p: { steps: number | null; seconds: number }) => (p.steps === null ? NaN : p.steps / p.seconds);
const total = (polled: boolean) => {
  const ps = inner.filter((p) => p.polled === polled && p.steps !== null);
  return { steps: ps.reduce((s, p) => s + p.steps!, 0), seconds: ps.reduce((s, p) => s + p.seconds, 0), phases: ps.length };
};
const on = total(true);
const off = total(false);
const ratios: number[] = [];
for (let p = 1; p + 1 < perPhase.length - 1; p++) {
  if (!perPhase[p]!.polled) continue;
  const r = rate(perPhase[p]!) / ((rate(perPhase[p - 1]!) + rate(perPhase[p + 1]!)) / 2);
  if (Number.isFinite(r)) ratios.push(r);
}
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
// 95% interval of the mean ratio: 2,000 resamples of the phases, with a fixed seed (mulberry32) so a rerun on the
// same numbers prints the same interval.
let seed = 12345;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const means = Array.from({ length: 2000 }, () => mean(ratios.map(() => ratios[Math.floor(random() * ratios.length)]!))).sort((a, b) => a - b);
const slower = (r: number) => `${((1 - r) * 100).toFixed(1)}%`;
const polledSeconds = phases.filter((p) => p[2]).reduce((s, [a, b]) => s + b - a, 0);
process.stdout.write(`  not polled: ${(off.steps / off.seconds).toFixed(0)} steps/s over ${off.phases} phases (${off.seconds.toFixed(1)} s)\n`);
process.stdout.write(`  polled:     ${(on.steps / on.seconds).toFixed(0)} steps/s over ${on.phases} phases (${on.seconds.toFixed(1)} s); ${requests} requests, ${(latencyMs / Math.max(1, requests)).toFixed(1)} ms each on average\n`);
if (separate) process.stdout.write(`  the dashboard's CPU while polled: ${polledCpu.toFixed(2)} s in ${polledSeconds.toFixed(1)} s (${((100 * polledCpu) / polledSeconds).toFixed(1)}% of one core)\n`);
process.stdout.write(`  each polled phase against its unpolled neighbours (${ratios.length} phases): mean ratio ${mean(ratios).toFixed(3)}, 95% interval ${means[49]!.toFixed(3)}–${means[1949]!.toFixed(3)}\n`);
process.stdout.write(`polled is ${slower(mean(ratios))} slower (95% interval ${slower(means[1949]!)} to ${slower(means[49]!)}; all steps: ${slower(on.steps / on.seconds / (off.steps / off.seconds))}); target ≤ 3%: ${means[49]! >= 0.97 ? 'met (the whole interval is within it)' : mean(ratios) >= 0.97 ? 'the mean is within it, the interval is not' : 'not met'}\n`);
rmSync(work, { recursive: true, force: true });
