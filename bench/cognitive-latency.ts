/**
 * Decision latency of the reasoning layer: a rule file of 10 conditionals over 20 predicates, one agent at a
 * time (p50 / p99 per decision, with and without building the trace), and batched at 1,024 agents per tick.
 * Prints figures; it is not a test.   Run: npx tsc -p tsconfig.json && node dist/bench/cognitive-latency.js
 */
import { DecisionCycle } from '../cognitive/index.js';
import { SeededRandom } from '../cognitive/random.js';

/** 20 predicates: 16 thresholded flags, 2 binned unique levels, 1 universal direction set, 1 elaborated flag. */
const RULES = `
name: bench-10-over-20
types:
  op: [advance, hold, cover, retreat, flank]
  lvl: [low, mid, high]
  dir: [left, front, right]
predicates:
${Array.from({ length: 16 }, (_, i) => `  f${i}: {}`).join('\n')}
  health: { args: { l: lvl! } }
  ammo: { args: { l: lvl! } }
  enemy: { args: { d: dir } }
  danger: {}
  selected: { args: { o: op! } }
perception:
${Array.from({ length: 16 }, (_, i) => `  - { predicate: f${i}, index: ${i}, above: 0.5 }`).join('\n')}
  - { predicate: health, index: 16, bins: [0.3, 0.7] }
  - { predicate: ammo, index: 17, bins: [0.2, 0.6] }
  - { predicate: enemy, index: 18, args: { d: left }, degree: true }
  - { predicate: enemy, index: 19, args: { d: front }, degree: true }
  - { predicate: enemy, index: 20, args: { d: right }, degree: true }
branches: [selected]
decide: { mode: probability-matching, seed: 1 }
conditionals:
  - { name: spot-danger, conditions: ["enemy(d=?d)", "not f0"], actions: [danger] }
  - { name: no-advance-in-danger, conditions: [danger, f1], reject: "selected(o=advance)" }
  - { name: cover-when-hurt, conditions: ["health(l=low)"], best: "selected(o=cover)" }
  - { name: no-flank-low-ammo, conditions: ["ammo(l=low)"], reject: "selected(o=flank)" }
  - { name: hold-is-fine, conditions: [f2, f3], acceptable: "selected(o=hold)" }
  - { name: retreat-if-cut-off, conditions: [f4, f5, f6], best: "selected(o=retreat)" }
  - { name: prefer-cover, conditions: [f7], better: { this: "selected(o=cover)", than: "selected(o=advance)" } }
  - name: ammo-habit
    conditions: ["ammo(l=?a)"]
    actions: ["selected(o=?o)"]
    function: { over: [a, o], values: [[0.1, 0.5, 0.6, 0.4, 0.0], [0.3, 0.3, 0.3, 0.2, 0.3], [0.6, 0.2, 0.1, 0.1, 0.5]] }
  - { name: no-retreat-when-ordered, conditions: [f8, "not f9"], reject: "selected(o=retreat)" }
  - { name: flank-open-side, conditions: ["enemy(d=front)", f10], acceptable: "selected(o=flank)", value: 0.3 }
`;

function percentile(sorted: Float64Array, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

function policyOf(rng: SeededRandom, out: Float32Array, off: number): void {
  let z = 0;
  for (let a = 0; a < 5; a++) z += out[off + a] = 0.05 + rng.next();
  for (let a = 0; a < 5; a++) out[off + a]! /= z;
}

function perAgent(trace: boolean, n: number): { p50: number; p99: number; mean: number } {
  const cycle = DecisionCycle.fromText(RULES, 'bench.yaml');
  const rng = new SeededRandom(1);
  const obs = new Float32Array(21);
  const policy = new Float32Array(5);
  const times = new Float64Array(n);
  const opts = { trace };
  for (let k = -2000; k < n; k++) {
    for (let i = 0; i < obs.length; i++) obs[i] = rng.next();
    policyOf(rng, policy, 0);
    const t0 = process.hrtime.bigint();
    cycle.decide(policy, obs, opts);
    const dt = Number(process.hrtime.bigint() - t0) / 1e6;
    if (k >= 0) times[k] = dt;
  }
  const mean = times.reduce((s, x) => s + x, 0) / n;
  times.sort();
  return { p50: percentile(times, 0.5), p99: percentile(times, 0.99), mean };
}

function batched(count: number, ticks: number): { perTick: number; perAgent: number; agentsPerSecond: number } {
  const cycle = DecisionCycle.fromText(RULES, 'bench.yaml');
  const rng = new SeededRandom(2);
  const observations = Float32Array.from({ length: count * 21 }, () => rng.next());
  const policy = new Float32Array(count * 5);
  for (let i = 0; i < count; i++) policyOf(rng, policy, i * 5);
  const out = cycle.createBatchOutput(count);
  const input = { count, policy: [policy], observations, observationSize: 21 };
  for (let k = 0; k < 20; k++) cycle.decideBatch(input, out);
  const t0 = process.hrtime.bigint();
  for (let k = 0; k < ticks; k++) cycle.decideBatch(input, out);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6 / ticks;
  return { perTick: ms, perAgent: ms / count, agentsPerSecond: (count / ms) * 1000 };
}

const fmt = (x: number): string => x.toFixed(4);
console.log('cognitive decision latency — 10 conditionals over 20 predicates, 5 actions, probability matching');
for (const trace of [false, true]) {
  const r = perAgent(trace, 20000);
  console.log(`  per agent, trace ${trace ? 'on ' : 'off'}: p50 ${fmt(r.p50)} ms  p99 ${fmt(r.p99)} ms  mean ${fmt(r.mean)} ms  (20,000 decisions)`);
}
const b = batched(1024, 200);
console.log(`  batched, 1,024 agents per tick: ${b.perTick.toFixed(3)} ms per tick, ${fmt(b.perAgent)} ms per agent, ${Math.round(b.agentsPerSecond).toLocaleString('en-US')} agents/s`);
