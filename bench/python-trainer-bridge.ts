/**
 * Shiva's bridge against the ML-Agents Python trainer (issue 16, target 1: Shiva ≥ 2× its steps/s), on the same
 * stand-in. For each agent count, several times, alternating which goes first:
 *   - Python: bench/anchors/mlagents_random_steps.py, Unity's own `mlagents_envs` UnityEnvironment in Editor mode
 *     (it listens; a stand-in child connects as the Editor would);
 *   - Shiva: `shiva probe` (it listens; a stand-in child connects).
 * Both trainers are child processes, each against its own `shiva unity-standin --env cartpole --num-areas N` child
 * (CartPole areas are the agents of one behavior) on a free port, and both do the same: reset, --steps random
 * steps (a random action in the action spec for every agent that asks for a decision), reset, close.
 *
 * What each figure times: the same span for both, seen from this process: from the trainer's stderr line written
 * right after its first reset ("mlagents_random_steps: reset done" / "shiva probe: the scene has ...") to its JSON
 * line on stdout, written after the last reset and the close. steps/s = --steps / that span; the span also holds
 * the last reset and the close (one exchange and a shutdown each). There is no warm-up on either side: `shiva
 * probe` has none, so V8's compilation of the hot path counts, as it does in a short real run. The Python
 * script's own timing of the steps alone is printed beside it. Beside each figure: the CPU time per step (all
 * threads, from /proc) of the trainer and of its stand-in over the span. The stand-in's share is in both figures,
 * which bounds the ratio: with a stand-in costing S µs a step and a Python trainer P, even a free Shiva trainer
 * gets at most about (P + S) / S × the Python figure (the two alternate; only threads beside the main ones overlap).
 *
 * The Python side is found through SHIVA_MLAGENTS_PYTHON (default /usr/bin/python3; Debian: apt-get install
 * python3-grpcio python3-protobuf python3-numpy python3-pil python3-cloudpickle python3-filelock python3-yaml)
 * and SHIVA_MLAGENTS_ENVS (a folder holding mlagents_envs/, put on PYTHONPATH; unset: the interpreter's own
 * installed mlagents_envs). Without them it says why and exits 0. Not a test.
 *
 *   npm run bench:python-bridge [-- --agents 1,16,256] [-- --repeats 3] [-- --steps 3000]
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { acceptsConnections, freePort } from '../test/helpers/free-port.js';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
const SCRIPT = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..', 'bench', 'anchors', 'mlagents_random_steps.py');

function flag(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  return at > 0 ? (process.argv[at + 1] ?? '') : fallback;
}
function positiveInteger(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`python-trainer-bridge: ${name}: expected an integer ≥ 1, got "${text}"`);
  return n;
}
const AGENTS = flag('--agents', '1,16')
  .split(',')
  .map((a) => positiveInteger('--agents', a));
const REPEATS = positiveInteger('--repeats', flag('--repeats', '3'));
const STEPS = positiveInteger('--steps', flag('--steps', '3000'));
const TIMEOUT_S = positiveInteger('--timeout', flag('--timeout', '60'));

type Trainer = 'python' | 'shiva';

interface MlagentsSetup {
  readonly python: string;
  readonly env: NodeJS.ProcessEnv;
  readonly versions: string;
}

/** The interpreter and the mlagents_envs it imports, or why there are none. */
function findMlagents(): MlagentsSetup | { missing: string } {
  const python = process.env['SHIVA_MLAGENTS_PYTHON'] || '/usr/bin/python3';
  const folder = process.env['SHIVA_MLAGENTS_ENVS'];
  const how =
    'set SHIVA_MLAGENTS_PYTHON to a Python with grpcio, protobuf, numpy and Pillow (Debian: apt-get install python3-grpcio python3-protobuf python3-numpy python3-pil python3-cloudpickle python3-filelock python3-yaml; default /usr/bin/python3) ' +
    'and SHIVA_MLAGENTS_ENVS to a folder holding the mlagents_envs package (the ml-agents-envs/ folder of a Unity ML-Agents release), or pip install mlagents-envs into that Python';
  if (!existsSync(python)) return { missing: `no Python at ${python}; ${how}` };
  if (folder !== undefined && !existsSync(join(folder, 'mlagents_envs', 'environment.py'))) {
    return { missing: `SHIVA_MLAGENTS_ENVS=${folder} holds no mlagents_envs/environment.py; ${how}` };
  }
  const env = { ...process.env, ...(folder ? { PYTHONPATH: [folder, process.env['PYTHONPATH']].filter(Boolean).join(':') } : {}) };
  const check = spawnSync(
    python,
    [
      '-c',
      'import mlagents_envs, grpc, numpy, google.protobuf as pb; from mlagents_envs.environment import UnityEnvironment; ' +
        'from google.protobuf.internal import api_implementation as impl; ' +
        'print(f"mlagents_envs {mlagents_envs.__version__} (communication {UnityEnvironment.API_VERSION}) from {mlagents_envs.__path__[0]}, grpcio {grpc.__version__}, protobuf {pb.__version__} ({impl.Type()}), numpy {numpy.__version__}")',
    ],
    { encoding: 'utf8', env, timeout: 60_000 },
  );
  if (check.status !== 0) {
    const why = (check.stderr || check.error?.message || '').trim().split('\n').slice(-2).join(' | ');
    return { missing: `${python} cannot import mlagents_envs${folder ? ` from ${folder}` : ''} (${why}); ${how}` };
  }
  return { python, env, versions: `${python}: ${check.stdout.trim()}` };
}

/** Resolves once something accepts TCP connections on the port (both trainers listen before the stand-in starts). */
async function waitForListener(port: number, child: ChildProcess, what: string): Promise<void> {
  const deadline = performance.now() + TIMEOUT_S * 1000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`python-trainer-bridge: ${what} exited (code ${child.exitCode}) before listening on port ${port}`);
    if (await acceptsConnections(port)) return;
    if (performance.now() > deadline) throw new Error(`python-trainer-bridge: ${what} did not listen on port ${port} within ${TIMEOUT_S} s`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

function exited(child: ChildProcess): Promise<number | null> {
  return child.exitCode !== null ? Promise.resolve(child.exitCode) : new Promise((r) => child.once('exit', (code) => r(code)));
}

/** All threads' user + system CPU of a process, in ms (Linux /proc, clock ticks of 10 ms); null once it is gone or elsewhere. */
function cpuMsOf(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/**
 * CPU time of the trainer and of its stand-in over the timed span: read when the span starts and then every
 * SAMPLE_MS; the last reading taken while both processes were still alive closes the span (the processes exit
 * as the span ends, so /proc cannot be read exactly at its end). Per step = CPU / (readings' span × steps/s).
 */
const SAMPLE_MS = 200;
interface CpuReading {
  readonly at: number;
  readonly trainerMs: number;
  readonly standInMs: number;
}
function readCpu(trainer: ChildProcess, standIn: ChildProcess): CpuReading | null {
  const trainerMs = cpuMsOf(trainer.pid);
  const standInMs = cpuMsOf(standIn.pid);
  return trainerMs === null || standInMs === null ? null : { at: performance.now(), trainerMs, standInMs };
}

interface Run {
  readonly stepsPerSecond: number;
  /** CPU µs per step (all threads), trainer and stand-in; null where /proc could not be read. */
  readonly trainerCpuUs: number | null;
  readonly standInCpuUs: number | null;
  /** The Python script's own figure for the steps alone (null for Shiva, whose probe does not time itself). */
  readonly innerStepsPerSecond: number | null;
  readonly agentsSeen: number;
}

const WINDOW_START: Record<Trainer, string> = { python: 'mlagents_random_steps: reset done', shiva: 'shiva probe: the scene has' };

async function runOnce(trainer: Trainer, agents: number, setup: MlagentsSetup): Promise<Run> {
  const port = await freePort();
  const args =
    trainer === 'python'
      ? [SCRIPT, '--port', String(port), '--steps', String(STEPS), '--seed', '0', '--timeout', String(TIMEOUT_S), '--num-areas', String(agents)]
      : [cli, 'probe', '--port', String(port), '--steps', String(STEPS), '--seed', '0', '--timeout', String(TIMEOUT_S)];
  const child = spawn(trainer === 'python' ? setup.python : process.execPath, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: trainer === 'python' ? setup.env : { ...process.env, SHIVA_LOG_LEVEL: 'warn' },
  });
  let stdout = '';
  let stderr = '';
  let windowStart: number | null = null;
  let windowEnd: number | null = null;
  let standIn: ChildProcess | null = null;
  let cpuFirst: CpuReading | null = null;
  let cpuLast: CpuReading | null = null;
  const sampler = setInterval(() => {
    if (!standIn || windowStart === null || windowEnd !== null) return;
    cpuLast = readCpu(child, standIn) ?? cpuLast;
  }, SAMPLE_MS);
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    if (windowStart === null && stderr.includes(WINDOW_START[trainer])) {
      windowStart = performance.now();
      if (standIn) cpuFirst = readCpu(child, standIn);
    }
  });
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    if (windowEnd === null && /^\{.*\}\s*$/m.test(stdout)) windowEnd = performance.now();
  });
  const what = trainer === 'python' ? 'the Python trainer' : 'shiva probe';
  let standInErr = '';
  let codes: [number | null, number | null];
  // However this run ends (a trainer that never listens, a failed exchange), no child is left behind.
  try {
    await waitForListener(port, child, what);
    standIn = spawn(process.execPath, [cli, 'unity-standin', '--env', 'cartpole', '--port', String(port), '--num-areas', String(agents)], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, SHIVA_LOG_LEVEL: 'warn' },
    });
    standIn.stderr!.setEncoding('utf8').on('data', (chunk: string) => (standInErr += chunk));
    codes = await Promise.all([exited(child), exited(standIn)]);
  } finally {
    clearInterval(sampler);
    for (const p of [child, standIn]) if (p && p.exitCode === null && p.signalCode === null) p.kill();
  }
  const [trainerCode, standInCode] = codes;
  const tail = (text: string) => text.trim().split('\n').slice(-6).join('\n    ');
  if (trainerCode !== 0 || standInCode !== 0 || windowStart === null || windowEnd === null) {
    throw new Error(`python-trainer-bridge: ${what} (exit ${trainerCode}) or its stand-in (exit ${standInCode}) failed at ${agents} agents\n  ${what} stderr:\n    ${tail(stderr)}\n  stand-in stderr:\n    ${tail(standInErr)}`);
  }
  const summary = JSON.parse(stdout.trim().split('\n').pop()!) as Record<string, unknown>;
  // CartPole asks for a decision from every agent at every step, and the probe counts the two resets too.
  const agentsSeen =
    trainer === 'python'
      ? Object.values(summary['agents'] as Record<string, number>).reduce((a, b) => a + b, 0)
      : Object.values(summary['decisionAgentSteps'] as Record<string, number>).reduce((a, b) => a + b, 0) / (STEPS + 2);
  const stepsPerSecond = (1000 * STEPS) / (windowEnd - windowStart);
  const first = cpuFirst as CpuReading | null;
  const last = cpuLast as CpuReading | null;
  // Under a second of readings says little at 10 ms per tick.
  const sampled = first && last && last.at - first.at >= 1000 ? { first, last, steps: ((last.at - first.at) / 1000) * stepsPerSecond } : null;
  return {
    stepsPerSecond,
    trainerCpuUs: sampled ? ((sampled.last.trainerMs - sampled.first.trainerMs) * 1000) / sampled.steps : null,
    standInCpuUs: sampled ? ((sampled.last.standInMs - sampled.first.standInMs) * 1000) / sampled.steps : null,
    innerStepsPerSecond: trainer === 'python' ? (summary['steps_per_second'] as number) : null,
    agentsSeen,
  };
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

const setup = findMlagents();
if ('missing' in setup) {
  console.log(`python-trainer-bridge: not run: ${setup.missing}`);
  process.exit(0);
}

console.log(`Shiva (shiva probe) against the ML-Agents Python trainer (mlagents_envs UnityEnvironment), each with its own shiva unity-standin --env cartpole child`);
console.log(`${setup.versions}; node ${process.version}`);
console.log(`${STEPS} random steps per run (no warm-up on either side), ${REPEATS} runs per side, alternating which goes first; steps/s = steps / (first reset done → closed), timed from this process`);
console.log(`load average at start: ${load()}`);
const rows: string[] = [];
for (const agents of AGENTS) {
  const loadBefore = load();
  const runs: Record<Trainer, Run[]> = { python: [], shiva: [] };
  for (let r = 0; r < REPEATS; r++) {
    const order: Trainer[] = r % 2 === 0 ? ['python', 'shiva'] : ['shiva', 'python'];
    for (const trainer of order) {
      const run = await runOnce(trainer, agents, setup);
      // The stand-in's areas are the agents: a different count would compare different work.
      if (Math.round(run.agentsSeen) !== agents) throw new Error(`python-trainer-bridge: ${trainer} saw ${run.agentsSeen} agents, expected ${agents} (one per stand-in area)`);
      runs[trainer].push(run);
      const cpu = run.trainerCpuUs !== null && run.standInCpuUs !== null ? `, CPU per step ${run.trainerCpuUs.toFixed(0)} µs trainer + ${run.standInCpuUs.toFixed(0)} µs stand-in of ${(1e6 / run.stepsPerSecond).toFixed(0)} µs` : '';
      console.log(`  ${agents} agents, run ${r + 1}, ${trainer}: ${run.stepsPerSecond.toFixed(0)} steps/s${cpu}${run.innerStepsPerSecond !== null ? ` (the script's own timing of the steps alone: ${run.innerStepsPerSecond.toFixed(0)})` : ''}; load ${load()}`);
    }
  }
  const py = runs.python.map((r) => r.stepsPerSecond);
  const sh = runs.shiva.map((r) => r.stepsPerSecond);
  const f = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(' / ');
  const cpuMedian = (xs: (number | null)[]) => (xs.every((x) => x !== null) ? median(xs as number[]).toFixed(0) : 'n/a');
  const trainerCpu = `${cpuMedian(runs.python.map((r) => r.trainerCpuUs))} / ${cpuMedian(runs.shiva.map((r) => r.trainerCpuUs))}`;
  const standInCpu = `${cpuMedian(runs.python.map((r) => r.standInCpuUs))} / ${cpuMedian(runs.shiva.map((r) => r.standInCpuUs))}`;
  rows.push(`${agents} | ${f(py)} | ${f(sh)} | ${(median(sh) / median(py)).toFixed(2)}× | ${trainerCpu} | ${standInCpu} | ${loadBefore} → ${load()}`);
}
console.log('agents | Python steps/s (runs) | Shiva steps/s (runs) | Shiva / Python (medians) | trainer CPU µs/step Python / Shiva (medians) | stand-in CPU µs/step with Python / with Shiva | load average before → after');
console.log('-------|-----------------------|----------------------|--------------------------|----------------------------------------------|-----------------------------------------------|----------------------------');
for (const row of rows) console.log(row);
console.log('target (issue 16, item 1): Shiva ≥ 2× the Python trainer');
