/**
 * Imitation on a built-in environment (--env cartpole, default, or scout), against the scripted expert:
 *   1. record --episodes expert episodes (20) through `shiva record`'s code; the expert's mean return R*;
 *   2. BC on them: the learner's greedy mean return vs R* (target ≥ 90%), and the expert labels it used;
 *   3. DAgger (β_i = 0.5^i, --dagger-labels per iteration) until 90% of R*: the labels it used (target: fewer than BC);
 *   4. PPO from the BC policy (init_path's warm start) vs PPO from scratch: agent steps until the mean return of
 *      the last 20 episodes reaches 90% of R* (cap --ppo-steps).
 * Prints figures; not a test.
 *
 *   npm run build && node dist/bench/imitation-cartpole.js [--env scout] [--episodes 20] [--seed 1] [--ppo-steps 100000] [--skip-ppo]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { BehavioralCloning, datasetFromDemonstration } from '../agents/imitation/index.js';
import { act } from '../agents/networks/acting.js';
import type { SavedActorCritic } from '../agents/networks/actor-critic.js';
import { getScriptedExpert, scriptedExpertFor } from '../envs/experts.js';
import { getBuiltinEnv } from '../envs/registry.js';
import { openEnvironments } from '../src/cli/environments.js';
import { planResolver } from '../src/training/plan-resolver.js';
import { record } from '../src/cli/record.js';
import { parseRunConfig, type RunConfig } from '../src/config/index.js';
import type { Environment } from '../src/core/env/environment.js';
import { LocalEnv } from '../src/core/env/local-env.js';
import { readDemonstrations } from '../src/protocol/demo-file/index.js';
import { chooseBackend } from '../src/core/runtime/backend.js';
import { Rng } from '../src/core/runtime/rng.js';
import { RunSeeds } from '../src/core/runtime/seeding.js';
import { silentLogger } from '../src/telemetry/logger.js';
import { ImitationMetaLearner } from '../src/training/bc-meta-learner.js';
import { mean, playEpisodes, randomActors, type Actor, type OtherActors } from '../src/training/bc-rollout.js';
import { dagger } from '../src/training/dagger.js';
import { MetaLearner } from '../src/training/meta-learner.js';
import { PpoLearner } from '../agents/ppo/ppo-learner.js';
import { Trainer } from '../src/training/trainer.js';
import { flag, machineLoad, numberFlag, table } from './ppo-bench-common.js';

interface Setup {
  readonly env: string;
  readonly expert: string;
  readonly behavior: string;
  readonly config: string;
  readonly numAreas: number;
  readonly parameters: Record<string, number>;
}

/** The learners' settings: CartPole as configs/cartpole.yaml; scout's red with blue scripted by the scene. */
const SETUPS: Record<string, Setup> = {
  cartpole: {
    env: 'cartpole',
    expert: 'cartpole-balance',
    behavior: 'CartPole?team=0',
    numAreas: 4,
    parameters: {},
    config: `behaviors:
  CartPole:
    trainer_type: ppo
    hyperparameters: { batch_size: 128, buffer_size: 512, learning_rate: 1.0e-3, beta: 0.01, epsilon: 0.2, lambd: 0.95, num_epoch: 4, max_grad_norm: 0.5, clip_value_loss: true }
    network_settings: { normalize: false, hidden_units: 64, num_layers: 2, activation: tanh }
    max_steps: MAX_STEPS
    time_horizon: 128
env_settings: { env_path: builtin:cartpole, num_areas: 4, seed: SEED }
`,
  },
  scout: {
    env: 'scout',
    expert: 'scout-red',
    behavior: 'Red?team=0',
    numAreas: 8,
    parameters: { blue_scripted: 1 },
    config: `behaviors:
  Red:
    trainer_type: ppo
    hyperparameters: { batch_size: 256, buffer_size: 2048, learning_rate: 1.0e-3, beta: 0.01, epsilon: 0.2, lambd: 0.95, num_epoch: 4, max_grad_norm: 0.5, clip_value_loss: true }
    network_settings: { normalize: false, hidden_units: 64, num_layers: 2, activation: tanh }
    max_steps: MAX_STEPS
    time_horizon: 64
env_settings: { env_path: builtin:scout, num_areas: 8, seed: SEED }
environment_parameters: { blue_scripted: 1 }
`,
  },
};

const ENV = flag('env', 'cartpole');
const SETUP = SETUPS[ENV];
const EPISODES = numberFlag('episodes', 20);
const SEED = numberFlag('seed', 1);
const PPO_STEPS = numberFlag('ppo-steps', 100_000);
const BC_EPOCHS = numberFlag('bc-epochs', 30);
const DAGGER_LABELS = numberFlag('dagger-labels', 500);
const EVAL_EPISODES = numberFlag('eval-episodes', 10);
const SKIP_PPO = process.argv.includes('--skip-ppo');
const WINDOW = 20;

function config(maxSteps: number): RunConfig {
  const text = SETUP!.config.replace('MAX_STEPS', String(maxSteps)).replace('SEED', String(SEED));
  const doc = parseDocument(text);
  doc.setIn(['shiva', 'backend'], flag('backend', 'wasm'));
  return parseRunConfig(doc.toString(), `bench/imitation-cartpole.ts (${ENV})`);
}

function localEnv(seed: number): Environment {
  const env = new LocalEnv(`${ENV}#${seed}`, getBuiltinEnv(ENV).factory, { numAreas: SETUP!.numAreas, seed });
  if (Object.keys(SETUP!.parameters).length > 0) env.setEnvironmentParameters(SETUP!.parameters);
  return env;
}

function greedy(policy: PpoLearner['policy'], rng: Rng): Actor {
  return (_spec, steps) => {
    const out = act(policy, steps, rng, { deterministic: true });
    return { continuous: out.continuous, discrete: out.discrete };
  };
}

/** PPO as `shiva train` runs it (optionally from `initPolicy`): agent steps until the last 20 returns average ≥ target. */
async function ppoStepsToTarget(target: number, initPolicy: SavedActorCritic | null): Promise<{ steps: number | null; last: number; total: number }> {
  const c = config(PPO_STEPS);
  const environments = await openEnvironments({
    env: `builtin:${ENV}`, envArgs: [], numEnvs: 1, numAreas: SETUP!.numAreas, basePort: 0, seed: SEED, timeoutMs: null, noGraphics: true,
    logDir: join(tmpdir(), 'shiva-bench-logs'), maxRestarts: 0, engine: c.engineSettings, parameters: c.environmentParameters, logger: silentLogger(),
  });
  const meta: MetaLearner = new ImitationMetaLearner(planResolver(c), new RunSeeds(SEED), new Map(), 'checkpoint', () => (initPolicy ? { initPolicy: { policy: initPolicy, where: 'bc' } } : null));
  const returns: { step: number; value: number }[] = [];
  let reached: number | null = null;
  const abort = new AbortController();
  const trainer = new Trainer(environments.envs, meta, {
    onEpisode: (_learner, episode, step) => {
      returns.push({ step, value: episode.return });
      if (returns.length >= WINDOW && reached === null && mean(returns.slice(-WINDOW).map((r) => r.value)) >= target) {
        reached = step;
        abort.abort();
      }
    },
    summaryFreq: () => Number.MAX_SAFE_INTEGER,
    checkpointInterval: () => Number.MAX_SAFE_INTEGER,
    signal: abort.signal,
  });
  try {
    await trainer.run();
    return { steps: reached, last: mean(returns.slice(-WINDOW).map((r) => r.value)), total: [...meta.learners.values()][0]?.steps ?? 0 };
  } finally {
    meta.dispose();
    await environments.close();
  }
}

async function main(): Promise<void> {
  if (!SETUP) throw new Error(`--env: expected one of ${Object.keys(SETUPS).join(', ')}, got "${ENV}"`);
  const backend = await chooseBackend(config(PPO_STEPS).shiva.backend);
  console.log(`Imitation on ${ENV}: expert scripted:${SETUP.expert}, ${EPISODES} recorded episodes, seed ${SEED}, backend ${backend.name}; ${machineLoad()}`);
  const work = mkdtempSync(join(tmpdir(), 'shiva-bench-imitation-'));
  try {
    // 1. Record.
    const demoPath = join(work, 'expert.demo');
    const recorded = await record({ env: `builtin:${ENV}`, expert: { kind: 'scripted', name: SETUP.expert }, episodes: EPISODES, out: demoPath, seed: SEED, numAreas: SETUP.numAreas, timeoutMs: null, logger: silentLogger() });
    const expertRng = new Rng(SEED + 100);
    const scripted = getScriptedExpert(SETUP.expert);
    const expert: Actor = (spec, steps) => scripted.act(spec, steps, expertRng);
    const othersRng = new Rng(SEED + 200);
    const others: OtherActors = (behavior) => {
      const s = scriptedExpertFor(behavior);
      return s ? (spec, steps) => s.act(spec, steps, othersRng) : randomActors(othersRng)(behavior);
    };
    const evalEnv = localEnv(SEED + 1000);
    const expertReturn = mean(await playEpisodes(evalEnv, SETUP.behavior, expert, EVAL_EPISODES, others));
    const target = expertReturn >= 0 ? 0.9 * expertReturn : 1.1 * expertReturn;
    console.log(`expert: recorded ${recorded.episodes} episodes (${recorded.steps} records), mean return ${recorded.meanReward.toFixed(2)}; greedy evaluation ${expertReturn.toFixed(2)}; target (90%) ${target.toFixed(2)}`);

    // 2. BC.
    const c = config(PPO_STEPS);
    const demo = readDemonstrations(demoPath);
    const probe = localEnv(SEED);
    await probe.reset();
    const spec = probe.behaviorSpecs.get(SETUP.behavior)!;
    const { dataset } = datasetFromDemonstration(demo, spec);
    const bcLearner = new MetaLearner(planResolver(c), new RunSeeds(SEED)).learnerFor(spec) as PpoLearner;
    const fit = new BehavioralCloning(bcLearner.policy, { numEpoch: 1, batchSize: 64, samplesPerUpdate: 0, learningRate: 1e-3 }, new Rng(SEED));
    const t0 = performance.now();
    for (let e = 0; e < BC_EPOCHS; e++) fit.update(dataset);
    const bcSeconds = (performance.now() - t0) / 1000;
    const bcReturn = mean(await playEpisodes(evalEnv, SETUP.behavior, greedy(bcLearner.policy, new Rng(1)), EVAL_EPISODES, others));
    const bcPolicy = bcLearner.policy.save();

    // 3. DAgger.
    const daggerLearner = new MetaLearner(planResolver(c), new RunSeeds(SEED + 1)).learnerFor(spec) as PpoLearner;
    const daggerResult = await dagger({
      env: localEnv(SEED + 2000), evalEnv, behavior: SETUP.behavior, policy: daggerLearner.policy, expert, others, rng: new Rng(SEED),
      settings: { iterations: 12, labelsPerIteration: DAGGER_LABELS, beta: { kind: 'exponential', p: 0.5 }, bc: { numEpoch: 10, batchSize: 64, samplesPerUpdate: 0, learningRate: 1e-3 }, evalEpisodes: EVAL_EPISODES, targetReturn: target },
      onIteration: (r) => console.log(`  DAgger iteration ${r.iteration}: β ${r.beta.toFixed(3)}, ${r.totalLabels} labels, return ${r.meanReturn.toFixed(2)}`),
    });
    const rows: (string | number)[][] = [
      ['expert', expertReturn.toFixed(2), '100%', '-', '-'],
      [`BC (${BC_EPOCHS} epochs, ${bcSeconds.toFixed(1)} s)`, bcReturn.toFixed(2), `${((100 * bcReturn) / expertReturn).toFixed(0)}%`, dataset.size, bcReturn >= target ? 'yes' : 'no'],
      [`DAgger (${daggerResult.iterations.length} iterations)`, daggerResult.finalReturn.toFixed(2), `${((100 * daggerResult.finalReturn) / expertReturn).toFixed(0)}%`, daggerResult.totalLabels, daggerResult.reachedTarget ? 'yes' : 'no'],
    ];
    console.log(table(['policy', 'mean return', 'of expert', 'expert labels', '≥ 90%'], rows));

    // 4. PPO warm-started from BC vs from scratch.
    if (!SKIP_PPO) {
      const warm = await ppoStepsToTarget(target, bcPolicy);
      const cold = await ppoStepsToTarget(target, null);
      const describe = (r: { steps: number | null; last: number; total: number }) => [r.steps === null ? `not within ${r.total}` : r.steps, r.last.toFixed(2)];
      console.log(table(['PPO', 'agent steps to 90% (last 20 episodes)', 'last-20 mean'], [['from BC', ...describe(warm)], ['from scratch', ...describe(cold)]]));
    }
    bcLearner.dispose();
    daggerLearner.dispose();
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
