/**
 * What an open dashboard costs a training run: agent steps per second of the scout job (its rules, traces on)
 * while a client polls `shiva dashboard` as the page does (every POLL_MS: the runs list, the run, four curves at
 * 2,000 points each, and the decisions a rule changed), against the same run while nobody polls. One training run,
 * one dashboard process beside it (idle, it does no work: no timers, nothing read unless asked), and the polling
 * switched on and off every PHASE_MS, so that drift in the machine's load falls on both alike. Each summary
 * interval of the run (Δstep / Δwall time between consecutive `Performance/Steps Per Second` rows) counts for the
 * phase it lies in wholly; intervals across a switch are left out. The dashboard's own CPU time during the polled
 * phases (Linux: /proc/PID/stat) is printed as a share of one core. Target: at most 3% slower.
 *
 *   npm run bench:dashboard        (STEPS=200000, PHASE_MS=5000, POLL_MS=2000 by default)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
const repo = fileURLToPath(new URL('../../', import.meta.url));
const STEPS = Number(process.env.STEPS ?? 200000);
const PHASE_MS = Number(process.env.PHASE_MS ?? 5000);
const POLL_MS = Number(process.env.POLL_MS ?? 2000);
const TAGS = ['Environment/Cumulative Reward', 'Environment/Episode Length', 'Losses/Policy Loss', 'Policy/Entropy'];
const RUN = 'dashboard-cost';

function spawnCli(args: string[]): { child: ChildProcess; done: Promise<{ code: number | null; out: string; err: string }> } {
  const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, SHIVA_LOG_LEVEL: 'warn' } });
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

const dashboard = spawnCli(['dashboard', '--results-dir', results, '--port', '0']);
const base = await new Promise<string>((resolve, reject) => {
  let text = '';
  dashboard.child.stdout!.on('data', (c: Buffer) => {
    text += c.toString();
    if (text.includes('\n')) resolve((JSON.parse(text.split('\n')[0]!) as { url: string }).url);
  });
  void dashboard.done.then((r) => reject(new Error(`shiva dashboard exited: ${r.err}`)));
});

process.stdout.write(`dashboard cost: one scout run of ${STEPS} steps; a client polls the dashboard every ${POLL_MS} ms in every other ${PHASE_MS} ms phase\n`);
const train = spawnCli(['train', configPath]);
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
    const cpu0 = cpuSeconds(dashboard.child.pid);
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
    if (polled) polledCpu += cpuSeconds(dashboard.child.pid) - cpu0;
    phases.push([start, Date.now() / 1000, polled]);
    polled = !polled;
  }
})();
const result = await train.done;
finished = true;
await phasesDone;
dashboard.child.kill('SIGTERM');
await dashboard.done;
if (result.code !== 0) throw new Error(`shiva train: exit ${result.code}\n${result.err.slice(-2000)}`);

// The run's summaries: step and wall time of each.
const rows = readFileSync(join(results, RUN, 'Red', 'scalars.csv'), 'utf8')
  .trim()
  .split('\n')
  .map((r) => r.split(','))
  .filter((f) => f[2] === 'Performance/Steps Per Second')
  .map((f) => [Number(f[0]), Number(f[1])] as const);
const rate = (x: { steps: number; seconds: number }) => x.steps / x.seconds;
const phaseAt = (t: number) => phases.findIndex(([s, e]) => t >= s && t < e);
const sum = { on: { steps: 0, seconds: 0, intervals: 0 }, off: { steps: 0, seconds: 0, intervals: 0 } };
const perPhase = phases.map(() => ({ steps: 0, seconds: 0 }));
for (let i = 1; i < rows.length; i++) {
  const [s0, t0] = rows[i - 1]!;
  const [s1, t1] = rows[i]!;
  const p = phaseAt(t0);
  if (p < 0 || p !== phaseAt(t1)) continue;
  const which = phases[p]![2] ? sum.on : sum.off;
  which.steps += s1 - s0;
  which.seconds += t1 - t0;
  which.intervals++;
  perPhase[p]!.steps += s1 - s0;
  perPhase[p]!.seconds += t1 - t0;
}
// Each polled phase against the mean of the unpolled phases on either side of it: how much the ratio varies.
const ratios: number[] = [];
for (let p = 1; p + 1 < phases.length; p++) {
  if (!phases[p]![2] || perPhase[p]!.seconds < 1 || perPhase[p - 1]!.seconds < 1 || perPhase[p + 1]!.seconds < 1) continue;
  ratios.push(rate(perPhase[p]!) / ((rate(perPhase[p - 1]!) + rate(perPhase[p + 1]!)) / 2));
}
ratios.sort((a, b) => a - b);
const quartile = (q: number) => ratios[Math.min(ratios.length - 1, Math.floor(q * ratios.length))] ?? NaN;
const polledSeconds = phases.filter((p) => p[2]).reduce((s, [a, b]) => s + b - a, 0);
process.stdout.write(`  not polled: ${rate(sum.off).toFixed(0)} steps/s over ${sum.off.intervals} summary intervals (${sum.off.seconds.toFixed(1)} s)\n`);
process.stdout.write(`  polled:     ${rate(sum.on).toFixed(0)} steps/s over ${sum.on.intervals} summary intervals (${sum.on.seconds.toFixed(1)} s); ${requests} requests, ${(latencyMs / Math.max(1, requests)).toFixed(1)} ms each on average\n`);
process.stdout.write(`  the dashboard's CPU while polled: ${polledCpu.toFixed(2)} s in ${polledSeconds.toFixed(1)} s (${((100 * polledCpu) / polledSeconds).toFixed(1)}% of one core)\n`);
process.stdout.write(`polled is ${((1 - rate(sum.on) / rate(sum.off)) * 100).toFixed(1)}% slower (target ≤ 3%)\n`);
process.stdout.write(`  each polled phase against its unpolled neighbours (${ratios.length}): median ${quartile(0.5).toFixed(3)}, quartiles ${quartile(0.25).toFixed(3)}–${quartile(0.75).toFixed(3)}\n`);
rmSync(work, { recursive: true, force: true });
