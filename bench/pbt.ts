/**
 * Population-based training against the same compute spent on fixed hyperparameters (issue 14, item 6): PPO on
 * CartPole with the learning rate drawn from a wide log range (1e-5 .. 5e-2), where it decides whether anything
 * is learned. Per seed, the same population (size, members' seeds and initial draws) trains twice for the same
 * agent steps per member: once with rankings every `interval` steps (PBT: exploit + explore), once without (the
 * fixed-hyperparameter runs of the initial draws). Every final policy is then evaluated the same way (sampled
 * actions, fresh environments, `evalSteps` agent steps), and the table shows the fixed runs' best and mean against
 * PBT's best (and mean).
 *
 *   npm run bench:pbt -- [seeds...] [--size 4] [--steps 30000] [--interval 3000] [--eval-steps 4000]
 *
 * Seeds default to 1 2 3 4 5. Figures move with the machine's load; the load average is printed beside them.
 */
import { loadavg } from 'node:os';
import type { Learner } from '../agents/plugin/learner.js';
import { ppoHyperparameters } from '../agents/ppo/hyperparameters.js';
import { getBuiltinEnv } from '../envs/registry.js';
import type { PopulationConfig } from '../src/config/index.js';
import { LocalEnv } from '../src/core/env/local-env.js';
import { chooseBackend } from '../src/core/runtime/backend.js';
import { deriveSeed, RunSeeds } from '../src/core/runtime/seeding.js';
import type { LearnerPlan } from '../src/training/learner-plan.js';
import { MetaLearner } from '../src/training/meta-learner.js';
import { PopulationTrainer } from '../src/training/population/population-trainer.js';
import { Trainer } from '../src/training/trainer.js';
import { numberFlag } from './ppo-bench-common.js';

const size = numberFlag('size', 4);
const steps = numberFlag('steps', 30_000);
const interval = numberFlag('interval', 3_000);
const evalSteps = numberFlag('eval-steps', 4_000);
const seeds = positionalSeeds();
const cartpole = getBuiltinEnv('cartpole');
const BEHAVIOR = 'CartPole?team=0';

function positionalSeeds(): number[] {
  const named = new Set(['--size', '--steps', '--interval', '--eval-steps']);
  const out: number[] = [];
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    if (named.has(args[i]!)) i++;
    else out.push(Number(args[i]));
  }
  if (out.some((s) => !Number.isInteger(s))) throw new Error(`seeds: expected integers, got ${args.join(' ')}`);
  return out.length > 0 ? out : [1, 2, 3, 4, 5];
}

function plan(maxSteps: number): LearnerPlan {
  return {
    learnerId: 'CartPole',
    trainerType: 'ppo',
    hyperparameters: ppoHyperparameters({ batch_size: 256, buffer_size: 1024, num_epoch: 4, time_horizon: 128, beta: 0.005, learning_rate_schedule: 'constant', clip_value_loss: true }),
    network: { hiddenUnits: 64, numLayers: 2, activation: 'tanh' },
    maxSteps,
    rewardStrength: 1,
    summaryFreq: 1e9,
    checkpointInterval: 1e9,
    keepCheckpoints: 1,
  };
}

function populationOf(seed: number, withRankings: boolean): PopulationConfig {
  return {
    size,
    explore: { learning_rate: { min: 1e-5, max: 5e-2, log: true } },
    fitness: 'mean_return',
    // Without rankings: one past max_steps, so no member ever waits or copies (the fixed runs).
    interval: withRankings ? interval : steps + 1,
    truncation: 0.25,
    perturb: [0.8, 1.2],
    seed,
  };
}

/** Mean return of `learner`'s policy (sampled, not learning) over `evalSteps` agent steps on fresh environments. */
async function evaluate(learner: Learner, seed: number): Promise<number> {
  const meta = new MetaLearner((b) => (b === BEHAVIOR ? plan(evalSteps) : null), new RunSeeds(seed), new Map([['CartPole', learner.save()]]), 'bench');
  const returns: number[] = [];
  const env = new LocalEnv('builtin:cartpole#eval', cartpole.factory, { numAreas: 4, seed: 90_000 + seed });
  await new Trainer([env], meta, { learn: false, summaryFreq: () => 1e9, checkpointInterval: () => 1e9, onEpisode: (_id, e) => returns.push(e.return) }).run();
  meta.dispose();
  return returns.length === 0 ? 0 : returns.reduce((a, b) => a + b, 0) / returns.length;
}

async function arm(seed: number, withRankings: boolean): Promise<{ scores: number[]; rankings: number; exploits: number; seconds: number; rates: number[] }> {
  let rankings = 0;
  let exploits = 0;
  const t0 = performance.now();
  const runner = new PopulationTrainer({
    population: populationOf(seed, withRankings),
    seed,
    resolve: (b) => (b === BEHAVIOR ? plan(steps) : null),
    member: (m) => ({ envs: [new LocalEnv(`builtin:cartpole#${m}`, cartpole.factory, { numAreas: 4, seed: seed * 1000 + m })], seeds: new RunSeeds(deriveSeed(seed, `member:${m}`)) }),
    trainer: () => ({ summaryFreq: () => 1e9, checkpointInterval: () => 1e9 }),
    onEvent: (e) => (e.kind === 'ranking' ? rankings++ : exploits++),
  });
  const result = await runner.run();
  const seconds = (performance.now() - t0) / 1000;
  const scores: number[] = [];
  for (let m = 0; m < size; m++) scores.push(await evaluate(runner.learnersOf(m).get('CartPole')!, seed));
  runner.dispose();
  return { scores, rankings, exploits, seconds, rates: result.members.map((m) => m.hyperparameters['learning_rate']!) };
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
await chooseBackend('wasm');
console.log(`PBT vs fixed hyperparameters: PPO on CartPole, population ${size}, ${steps} agent steps per member, rankings every ${interval} (truncation 0.25, perturb ×0.8/×1.2), learning_rate drawn log-uniform in [1e-5, 5e-2]; each final policy evaluated over ${evalSteps} sampled agent steps`);
console.log(`load average at start: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.log('| seed | fixed: initial learning rates | fixed best | fixed mean | PBT best | PBT mean | PBT rankings / exploits | PBT final learning rates | seconds fixed / PBT |');
console.log('|---|---|---|---|---|---|---|---|---|');
const rows: { fixedBest: number; fixedMean: number; pbtBest: number; pbtMean: number }[] = [];
for (const seed of seeds) {
  const fixed = await arm(seed, false);
  const pbt = await arm(seed, true);
  const row = { fixedBest: Math.max(...fixed.scores), fixedMean: mean(fixed.scores), pbtBest: Math.max(...pbt.scores), pbtMean: mean(pbt.scores) };
  rows.push(row);
  const rates = (xs: number[]) => xs.map((r) => r.toExponential(1)).join(', ');
  console.log(`| ${seed} | ${rates(fixed.rates)} | ${row.fixedBest.toFixed(1)} | ${row.fixedMean.toFixed(1)} | ${row.pbtBest.toFixed(1)} | ${row.pbtMean.toFixed(1)} | ${pbt.rankings} / ${pbt.exploits} | ${rates(pbt.rates)} | ${fixed.seconds.toFixed(0)} / ${pbt.seconds.toFixed(0)} |`);
}
console.log(`| mean | | ${mean(rows.map((r) => r.fixedBest)).toFixed(1)} | ${mean(rows.map((r) => r.fixedMean)).toFixed(1)} | ${mean(rows.map((r) => r.pbtBest)).toFixed(1)} | ${mean(rows.map((r) => r.pbtMean)).toFixed(1)} | | | |`);
console.log(`load average at end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
