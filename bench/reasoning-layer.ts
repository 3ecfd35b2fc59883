/**
 * The reasoning layer in the act path (src/decisions/reasoning-layer.ts): what it costs per decision and what it
 * adds to training. Prints figures; it is not a test.
 *
 *   1. Latency per agent through ReasoningLayer.apply (perception, rules, sampling π·f/Z, the combined act output)
 *      for the rule file of bench/cognitive-latency.ts (10 conditionals over 20 predicates, 5 actions): p50 / p99
 *      of one-agent calls, traces off and on. Target p99 ≤ 0.2 ms.
 *   2. Batched: 1,024 agents per tick through apply: ms per tick and agents per second.
 *   3. End to end: configs/cartpole-veto.yaml trained with the rule file and without it (enabled: false), the two
 *      runs alternated, same seeds, traces written at the config's rate; the share of training time the layer adds
 *      (wall-time difference, and the time measured inside apply). Target ≤ 25%.
 *
 *   npx tsc -p tsconfig.json && node dist/bench/reasoning-layer.js [--steps 51200 --warmup 5120 --repeats 3 --backend auto]
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ActOutput } from '../agents/networks/acting.js';
import { parseRuleFile } from '../cognitive/index.js';
import { environmentSettings, openEnvironments } from '../src/cli/environments.js';
import { planResolver } from '../src/training/plan-resolver.js';
import { loadRuleSets, reasonerResolver } from '../src/cli/reasoners.js';
import { ReasoningLayer } from '../src/decisions/reasoning-layer.js';
import type { TraceSink } from '../src/decisions/trace-writer.js';
import type { BehaviorSpec } from '../src/core/env/behavior-spec.js';
import { chooseBackend } from '../src/core/runtime/backend.js';
import { Rng } from '../src/core/runtime/rng.js';
import { RunSeeds } from '../src/core/runtime/seeding.js';
import { silentLogger } from '../src/telemetry/logger.js';
import type { Learner } from '../agents/plugin/learner.js';
import { MetaLearner } from '../src/training/meta-learner.js';
import { Trainer } from '../src/training/trainer.js';
import { flag, machineLoad, numberFlag, runConfigFrom, table } from './ppo-bench-common.js';

const RULES = 'bench/fixtures/rules-10-over-20.yaml';
const SPEC: BehaviorSpec = {
  name: 'Squad?team=0',
  observationSpecs: [{ name: 'VectorSensor_size21', shape: [21], dimensionProperties: [1], observationType: 0 }],
  actionSpec: { continuousSize: 0, discreteBranches: [5] },
};

/** A discrete act() output for `count` agents with random policies. */
function actOutput(rng: Rng, count: number): ActOutput {
  const probs = new Float32Array(count * 5);
  for (let r = 0; r < count; r++) {
    let z = 0;
    for (let a = 0; a < 5; a++) z += probs[r * 5 + a] = 0.05 + rng.next();
    for (let a = 0; a < 5; a++) probs[r * 5 + a]! /= z;
  }
  const zeros = new Float32Array(0);
  return { count, continuous: zeros, continuousRaw: zeros, discrete: new Int32Array(count), logProbs: new Float32Array(count), values: new Float32Array(count), probs, means: zeros, logStd: zeros, factors: null, path: 'fast' };
}

function steps(rng: Rng, count: number) {
  return {
    count,
    agentIds: Int32Array.from({ length: count }, (_, i) => i),
    observations: [Float32Array.from({ length: count * 21 }, () => rng.next())],
    rewards: new Float32Array(count),
    groupIds: new Int32Array(count),
    groupRewards: new Float32Array(count),
    actionMasks: null,
  };
}

const nullSink: TraceSink = { write: () => undefined, close: () => undefined };

function percentile(sorted: Float64Array, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

function latency(traced: boolean, n: number): { p50: number; p99: number; mean: number } {
  const rules = parseRuleFile(readFileSync(RULES, 'utf8'), RULES);
  const layer = new ReasoningLayer(rules, SPEC, { rulesFile: RULES, seed: 1, traces: traced ? { sink: nullSink, sampleRate: 1, rng: new Rng(1) } : null });
  const rng = new Rng(2);
  const inputs = Array.from({ length: 256 }, () => ({ out: actOutput(rng, 1), steps: steps(rng, 1) }));
  const context = { rows: [{ source: 0, offset: 0, count: 1 }], step: 0 };
  const times = new Float64Array(n);
  for (let k = -2000; k < n; k++) {
    const input = inputs[(k + 2000) % inputs.length]!;
    const t0 = process.hrtime.bigint();
    layer.apply(input.out, input.steps, context);
    const dt = Number(process.hrtime.bigint() - t0) / 1e6;
    if (k >= 0) times[k] = dt;
  }
  const mean = times.reduce((s, x) => s + x, 0) / n;
  times.sort();
  return { p50: percentile(times, 0.5), p99: percentile(times, 0.99), mean };
}

function batched(count: number, ticks: number): { perTick: number; agentsPerSecond: number } {
  const rules = parseRuleFile(readFileSync(RULES, 'utf8'), RULES);
  const layer = new ReasoningLayer(rules, SPEC, { rulesFile: RULES, seed: 1 });
  const rng = new Rng(3);
  const out = actOutput(rng, count);
  const s = steps(rng, count);
  const context = { rows: [{ source: 0, offset: 0, count }], step: 0 };
  for (let k = 0; k < 20; k++) layer.apply(out, s, context);
  const t0 = process.hrtime.bigint();
  for (let k = 0; k < ticks; k++) layer.apply(out, s, context);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6 / ticks;
  return { perTick: ms, agentsPerSecond: (count / ms) * 1000 };
}

interface TrainingRun {
  readonly steps: number;
  readonly seconds: number;
  readonly applyMs: number;
  readonly meanReturn: number;
  readonly backend: string;
}

/** Trains configs/cartpole-veto.yaml in-process as `shiva train` does (no checkpoints or event files), timing the layer. */
async function trainRun(rules: boolean, seed: number, maxSteps: number, warmup: number, backendName: string): Promise<TrainingRun> {
  const config = runConfigFrom('configs/cartpole-veto.yaml', [[['behaviors', 'CartPole', 'max_steps'], maxSteps], [['cognitive', 'CartPole', 'enabled'], rules]], { seed, backend: backendName });
  const backend = await chooseBackend(config.shiva.backend);
  const environments = await openEnvironments(environmentSettings(config, { seed, logDir: '/tmp/shiva-bench-logs', maxRestarts: 0, logger: silentLogger() }));
  const seeds = new RunSeeds(seed);
  const meta = new MetaLearner(planResolver(config), seeds);
  // Traces as shiva train writes them (trace_sample_rate 0.01 in the config), into a scratch folder.
  const resolve = reasonerResolver(config, loadRuleSets(config), { runDir: mkdtempSync(join(tmpdir(), 'shiva-bench-traces-')), seeds });
  let applyMs = 0;
  let learner: Learner | null = null;
  let timedFrom: { at: number; steps: number } | null = null;
  const returns: number[] = [];
  const trainer = new Trainer(environments.envs, meta, {
    summaryFreq: () => Number.MAX_SAFE_INTEGER,
    checkpointInterval: () => Number.MAX_SAFE_INTEGER,
    onEpisode: (_learner, episode, step) => {
      if (step >= warmup && timedFrom === null) timedFrom = { at: performance.now(), steps: step };
      returns.push(episode.return);
    },
    reasoners: (behavior, spec) => {
      const layer = resolve(behavior, spec);
      if (!layer) return null;
      learner = meta.learners.values().next().value ?? null;
      const apply = layer.apply.bind(layer);
      layer.apply = (out, s, context) => {
        const t0 = performance.now();
        const result = apply(out, s, context);
        if (timedFrom !== null) applyMs += performance.now() - t0;
        return result;
      };
      return layer;
    },
  });
  const started = performance.now();
  await trainer.run();
  const end = performance.now();
  learner ??= meta.learners.values().next().value ?? null;
  const total = learner?.steps ?? 0;
  meta.dispose();
  await environments.close();
  const from = timedFrom ?? { at: started, steps: 0 };
  const last = returns.slice(-100);
  return { steps: total - from.steps, seconds: (end - from.at) / 1000, applyMs, meanReturn: last.reduce((a, b) => a + b, 0) / Math.max(1, last.length), backend: backend.name };
}

async function main(): Promise<void> {
  const fmt = (x: number) => x.toFixed(4);
  console.log(`reasoning layer — ${RULES} (10 conditionals over 20 predicates, 5 actions), through ReasoningLayer.apply`);
  for (const traced of [false, true]) {
    const r = latency(traced, 20_000);
    console.log(`  per agent, trace ${traced ? 'on ' : 'off'}: p50 ${fmt(r.p50)} ms  p99 ${fmt(r.p99)} ms  mean ${fmt(r.mean)} ms  (20,000 one-agent calls; target p99 ≤ 0.2 ms)`);
  }
  const b = batched(1024, 200);
  console.log(`  batched, 1,024 agents per tick: ${b.perTick.toFixed(3)} ms per tick, ${Math.round(b.agentsPerSecond).toLocaleString('en-US')} agents/s`);

  const steps = numberFlag('steps', 51_200);
  const warmup = numberFlag('warmup', 5_120);
  const repeats = numberFlag('repeats', 3);
  const backendName = flag('backend', 'auto');
  console.log(`\nCartPole with the veto rule (configs/cartpole-veto.yaml), ${steps} timed steps after ${warmup}, ${repeats} alternating pairs, backend ${backendName}`);
  console.log(`machine at start: ${machineLoad()}`);
  const rows: (string | number)[][] = [];
  const rate = { with: [] as number[], without: [] as number[] };
  let backend = '';
  for (let k = 0; k < repeats; k++) {
    for (const rules of [false, true]) {
      const run = await trainRun(rules, 1 + k, warmup + steps, warmup, backendName);
      backend = run.backend;
      const sps = run.steps / run.seconds;
      (rules ? rate.with : rate.without).push(sps);
      rows.push([`${rules ? 'with rules' : 'without  '} #${k + 1}`, Math.round(sps), run.seconds.toFixed(2), rules ? `${((100 * run.applyMs) / (run.seconds * 1000)).toFixed(1)}%` : '-', run.meanReturn.toFixed(1)]);
    }
  }
  console.log(`backend: ${backend}`);
  console.log(table(['run', 'steps/s', 'seconds', 'time in apply', 'mean return (last 100)'], rows));
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
  const added = median(rate.without) / median(rate.with) - 1;
  console.log(`\nmedian steps/s: ${Math.round(median(rate.without))} without, ${Math.round(median(rate.with))} with; the layer adds ${(100 * added).toFixed(1)}% to training time (target ≤ 25%)`);
  console.log(`machine at end: ${machineLoad()}`);
}

await main();
