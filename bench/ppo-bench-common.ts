/**
 * What the PPO benchmarks share: a run configuration read from a YAML file with a few keys changed, a training
 * loop assembled the way `shiva train` assembles it (environments → MetaLearner → Trainer) but without run
 * folders, checkpoints or event files, timers around the learner's two calls, episode returns as they end, and
 * the machine's load. Benchmarks print figures; nothing here asserts.
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { parseRunConfig, type CliOverrides, type RunConfig } from '../src/config/index.js';
import { openEnvironments } from '../src/cli/environments.js';
import { planResolver } from '../src/training/plan-resolver.js';
import { chooseBackend } from '../src/core/runtime/backend.js';
import { RunSeeds } from '../src/core/runtime/seeding.js';
import { silentLogger } from '../src/telemetry/logger.js';
import type { Acting, Learner } from '../agents/plugin/learner.js';
import { MetaLearner } from '../src/training/meta-learner.js';
import { Trainer } from '../src/training/trainer.js';

/** `--name value` from the command line, or `fallback`. */
export function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1]! : fallback;
}

export function numberFlag(name: string, fallback: number): number {
  const value = Number(flag(name, String(fallback)));
  if (!Number.isFinite(value)) throw new Error(`--${name}: expected a number, got "${flag(name, '')}"`);
  return value;
}

/** Reads `file`, sets each `path → value` in its YAML (keeping everything else), and parses it as a run config. */
export function runConfigFrom(file: string, edits: ReadonlyArray<readonly [readonly (string | number)[], unknown]>, overrides: CliOverrides = {}): RunConfig {
  const doc = parseDocument(readFileSync(file, 'utf8'));
  // An edit to undefined removes the key.
  for (const [path, value] of edits) {
    if (value === undefined) doc.deleteIn(path);
    else doc.setIn(path, value);
  }
  return parseRunConfig(doc.toString(), `${file} (edited by the bench)`, overrides);
}

/** Wall time spent inside each learner call, in ms; the loop's other time is the environments' and the Trainer's. */
export interface LoopTimes {
  decideMs: number;
  updateMs: number;
  updates: number;
}

export interface EpisodeEnd {
  readonly step: number;
  readonly return: number;
}

export interface LoopRun {
  /** Steps and seconds timed (from warmupSteps on). */
  readonly steps: number;
  readonly seconds: number;
  /** CPU seconds (user + system) this process spent in the timed part: on a loaded machine, steady where `seconds` is not. */
  readonly cpuSeconds: number;
  /** Steps and seconds from the Trainer's start (its first reset) to its end. */
  readonly totalSteps: number;
  readonly totalSeconds: number;
  readonly times: LoopTimes;
  readonly episodes: EpisodeEnd[];
  readonly stopped: boolean;
  readonly backend: string;
}

export interface LoopOptions {
  /**
   * Stop early (through the Trainer's abort signal) when this returns true after an episode ends; `totalSteps` is
   * the sum over the run's learners.
   */
  readonly stopWhen?: (episodes: readonly EpisodeEnd[], totalSteps: number) => boolean;
  /** Called for every ended episode. */
  readonly onEpisode?: (episode: EpisodeEnd, all: readonly EpisodeEnd[]) => void;
  /** Time only the loop from this many steps on (tfjs compiles kernels on first use). */
  readonly warmupSteps?: number;
  /** Leave learner calls untimed (for runs whose only figure is the whole loop). */
  readonly untimed?: boolean;
}

/**
 * Trains `config` (a PPO run; with several behaviors, steps and learner times are summed over their learners) in
 * this process as `shiva train` would, minus telemetry files and checkpoints. Times the learner's decide and
 * update calls with performance.now() around each (two clock reads per env step, well under a microsecond: they
 * do not distort the loop).
 */
export async function runLoop(config: RunConfig, options: LoopOptions = {}): Promise<LoopRun> {
  const backend = await chooseBackend(config.shiva.backend);
  const env = config.envSettings;
  const logger = silentLogger();
  const environments = await openEnvironments({
    env: env.builtinEnv ? `builtin:${env.builtinEnv}` : env.envPath,
    envArgs: env.envArgs,
    numEnvs: env.numEnvs,
    envWorkers: config.shiva.envWorkers,
    numAreas: env.numAreas,
    basePort: env.basePort,
    seed: env.seed,
    timeoutMs: env.timeoutWait > 0 ? env.timeoutWait * 1000 : null,
    noGraphics: true,
    logDir: join(tmpdir(), 'shiva-bench-logs'),
    maxRestarts: 0,
    engine: config.engineSettings,
    parameters: config.environmentParameters,
    logger,
  });
  const meta = new MetaLearner(planResolver(config), new RunSeeds(env.seed));
  const warmup = options.warmupSteps ?? 0;
  const times: LoopTimes = { decideMs: 0, updateMs: 0, updates: 0 };
  let timedFrom: { at: number; steps: number; cpu: NodeJS.CpuUsage } | null = warmup === 0 ? { at: performance.now(), steps: 0, cpu: process.cpuUsage() } : null;
  // Every learner the run creates (one per behavior); steps are summed over them.
  const learners: Learner[] = [];
  const stepsSoFar = () => learners.reduce((total, l) => total + l.steps, 0);
  const wrapped = new WeakSet<Learner>();
  const learnerFor = meta.learnerFor.bind(meta);
  // Wrap the learner once it exists (the meta-learner creates it on the first sight of its behavior).
  meta.learnerFor = (spec) => {
    const l = learnerFor(spec);
    if (l && !wrapped.has(l)) {
      wrapped.add(l);
      learners.push(l);
      if (!options.untimed) instrument(l, times, () => timedFrom !== null);
    }
    return l;
  };
  const episodes: EpisodeEnd[] = [];
  const abort = new AbortController();
  const trainer = new Trainer(environments.envs, meta, {
    onEpisode: (_learner, ended, step) => {
      if (timedFrom === null && stepsSoFar() >= warmup) timedFrom = { at: performance.now(), steps: stepsSoFar(), cpu: process.cpuUsage() };
      const episode = { step, return: ended.return };
      episodes.push(episode);
      options.onEpisode?.(episode, episodes);
      if (options.stopWhen?.(episodes, stepsSoFar())) abort.abort();
    },
    summaryFreq: () => Number.MAX_SAFE_INTEGER,
    checkpointInterval: () => Number.MAX_SAFE_INTEGER,
    signal: abort.signal,
  });
  const started = performance.now();
  const startedCpu = process.cpuUsage();
  try {
    const { stopped } = await trainer.run();
    const end = performance.now();
    const steps = stepsSoFar();
    const from = timedFrom ?? { at: started, steps: 0, cpu: startedCpu };
    const cpu = process.cpuUsage(from.cpu);
    return { steps: steps - from.steps, seconds: (end - from.at) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6, totalSteps: steps, totalSeconds: (end - started) / 1000, times, episodes, stopped, backend: backend.name };
  } finally {
    meta.dispose();
    await environments.close();
  }
}

/** Times acting (the policy's forward pass and the sink's bookkeeping, as the decision pipeline calls them) and updates. */
function instrument(learner: Learner, times: LoopTimes, counting: () => boolean): void {
  const timed = <A extends unknown[], R>(f: (...args: A) => R) => (...args: A): R => {
    const t0 = performance.now();
    const out = f(...args);
    if (counting()) times.decideMs += performance.now() - t0;
    return out;
  };
  const acting = learner.acting.bind(learner);
  const cache = new Map<boolean, Acting>();
  learner.acting = (learn) => {
    let wrapped = cache.get(learn);
    if (!wrapped) {
      const { policy, sink, learning } = acting(learn);
      wrapped = {
        learning,
        policy: { ...policy, act: timed(policy.act.bind(policy)) },
        sink: sink ? { endEpisodes: timed(sink.endEpisodes.bind(sink)), addDecisions: timed(sink.addDecisions.bind(sink)) } : null,
      };
      cache.set(learn, wrapped);
    }
    return wrapped;
  };
  const maybeUpdate = learner.maybeUpdate.bind(learner);
  learner.maybeUpdate = () => {
    const t0 = performance.now();
    const out = maybeUpdate();
    if (out && counting()) {
      times.updateMs += performance.now() - t0;
      times.updates++;
    }
    return out;
  };
}

/** Load averages and cores, as `uptime` shows them. */
export function machineLoad(): string {
  const [one, five, fifteen] = loadavg().map((x) => x.toFixed(2));
  return `load average ${one}, ${five}, ${fifteen} on ${cpus().length} cores`;
}

/** A plain text table: header row, a rule, then rows; columns right-aligned except the first. */
export function table(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const cells = [header, ...rows].map((r) => r.map(String));
  const widths = header.map((_, c) => Math.max(...cells.map((r) => r[c]?.length ?? 0)));
  const line = (r: readonly string[]) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  return [line(cells[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? NaN : values.reduce((a, b) => a + b, 0) / values.length;
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
