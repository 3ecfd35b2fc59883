/**
 * The scout mission at scale through the whole path a Unity build takes: stand-in children (`shiva unity-standin
 * --env scout`, over gRPC with ML-Agents' protocol) host many areas each, 256 red agents in all by default, and
 * every step their decisions go through the decision router to a PPO policy (configs/scout.yaml's network, fresh
 * weights: acting costs the same trained or not) and the rules-of-engagement reasoning layer. Blue is scripted in
 * the scene. Prints decisions per second and p50 / p99 decision latency (from a request to the router until its
 * actions come back: batching across environments, the forward pass, the rules), with the environment step time
 * beside it. It is not a test, and it does not learn (acting only, as in `shiva evaluate`).
 *
 *   npx tsc -p tsconfig.json && node dist/bench/scout-scale.js [--envs 2 --areas 64 --steps 400 --warmup 50]
 * (steps and warm-up steps per environment; the first decisions build the policy, so they are not measured)
 */
import { environmentSettings, openEnvironments } from '../src/cli/environments.js';
import { planResolver } from '../src/training/plan-resolver.js';
import { loadRuleSets, reasonerResolver } from '../src/cli/reasoners.js';
import { decide } from '../src/decisions/decision-pipeline.js';
import { DecisionRouter, type DecisionRequest } from '../src/decisions/decision-router.js';
import { chooseBackend } from '../src/core/runtime/backend.js';
import { RunSeeds } from '../src/core/runtime/seeding.js';
import { silentLogger } from '../src/telemetry/logger.js';
import { MetaLearner } from '../src/training/meta-learner.js';
import { flag, machineLoad, numberFlag, runConfigFrom, table } from './ppo-bench-common.js';

const ENVS = numberFlag('envs', 2);
const AREAS = numberFlag('areas', 64);
const STEPS = numberFlag('steps', 400);
const WARMUP = numberFlag('warmup', 50);
const RED_PER_AREA = 2; // configs/scout.yaml keeps the scenario's default red_count
const BEHAVIOR = 'Red?team=0';

const config = runConfigFrom('configs/scout.yaml', [
  [['env_settings', 'env_path'], 'standin:scout'],
  [['env_settings', 'num_envs'], ENVS],
  [['env_settings', 'num_areas'], AREAS],
  [['env_settings', 'base_port'], 0],
  [['shiva', 'backend'], flag('backend', 'auto')],
]);
const backend = await chooseBackend(config.shiva.backend);
const seeds = new RunSeeds(1);
const meta = new MetaLearner(planResolver(config), seeds, new Map(), 'untrained');
const reasonerFor = reasonerResolver(config, loadRuleSets(config), { runDir: null, seeds });
const environments = await openEnvironments(environmentSettings(config, { seed: 1, logDir: '/tmp/shiva-bench-scout-scale', maxRestarts: 0, logger: silentLogger() }));
const envs = environments.envs;

const router = new DecisionRouter(
  (behavior: string, requests: readonly DecisionRequest[]) => {
    const spec = envs[requests[0]!.source]!.behaviorSpecs.get(behavior)!;
    return decide(meta.learnerFor(spec)!, requests, { learn: false, reasoner: reasonerFor(behavior, spec) });
  },
  { windowMs: config.shiva.decisions.windowMs, maxBatchAgents: config.shiva.decisions.maxBatch },
);

interface Tally {
  decisions: number;
  steps: number;
  latencies: number[];
  stepMs: number[];
}
const tally: Tally = { decisions: 0, steps: 0, latencies: [], stepMs: [] };
let measuredFrom = 0;

async function loop(source: number): Promise<void> {
  const env = envs[source]!;
  try {
    for (let i = 0; i < WARMUP + STEPS; i++) {
      const measuring = i >= WARMUP;
      if (i === WARMUP && measuredFrom === 0) measuredFrom = performance.now();
      const { decisionSteps, terminalSteps } = env.getSteps(BEHAVIOR);
      const t0 = performance.now();
      const actions = await router.decide({ behavior: BEHAVIOR, source, decisionSteps, terminalSteps });
      const t1 = performance.now();
      if (decisionSteps.count > 0) env.setActions(BEHAVIOR, actions);
      await env.step();
      if (measuring) {
        tally.decisions += decisionSteps.count;
        tally.steps++;
        tally.latencies.push(t1 - t0);
        tally.stepMs.push(performance.now() - t1);
      }
    }
  } finally {
    router.leave(source);
  }
}

const percentile = (values: number[], p: number) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
};

await Promise.all(envs.map((env) => env.reset()));
envs.forEach((_, source) => router.expect(source, BEHAVIOR));
await Promise.all(envs.map((_, source) => loop(source)));
const seconds = (performance.now() - measuredFrom) / 1000;
router.close();
meta.dispose();
await environments.close();

const agents = ENVS * AREAS * RED_PER_AREA;
console.log(`scout at scale: ${agents} red agents (${ENVS} stand-in${ENVS > 1 ? 's' : ''} over gRPC × ${AREAS} areas × ${RED_PER_AREA}), scripted blue, PPO policy + ROE rules, tfjs ${backend.name}; ${machineLoad()}`);
console.log(
  table(
    ['decisions/s', 'env steps/s', 'mean decisions per request', 'decision p50 ms', 'decision p99 ms', 'env step p50 ms', 'env step p99 ms', 'router batches', 'requests'],
    [
      [
        Math.round(tally.decisions / seconds),
        Math.round(tally.steps / seconds),
        (tally.decisions / Math.max(1, tally.steps)).toFixed(1),
        percentile(tally.latencies, 0.5).toFixed(2),
        percentile(tally.latencies, 0.99).toFixed(2),
        percentile(tally.stepMs, 0.5).toFixed(2),
        percentile(tally.stepMs, 0.99).toFixed(2),
        router.counts.batches,
        router.counts.requests,
      ],
    ],
  ),
);
