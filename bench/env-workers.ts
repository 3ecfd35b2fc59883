/**
 * Built-in environments in worker threads (shiva.env_workers, envs/workers/) against the same environments on the
 * main thread, all in one run so that the machine's load is shared alike:
 *
 * 1. Env steps/s with random actions (chosen on the main thread, as a policy would act there): scout and cartpole,
 *    num_envs 2 and 4, in-process vs 1 worker vs 2 workers (and more with --workers). Each environment runs its own
 *    loop (as the rollout loop does), so while a thread simulates, the main thread acts for the others. Each
 *    setting is measured for --seconds in each of --rounds rounds, the order reversed every round; the median is
 *    printed with the in-process figure of the same scene and num_envs beside it.
 * 2. PPO training steps/s of configs/scout.yaml's run (its network, hyperparameters and parameters; num_envs 2 of 8
 *    areas, 32 red agents as the file's 1 × 16) in-process vs 2 workers, --ppo-steps each, in --ppo-rounds
 *    rounds of alternating order, with the time spent acting (forward passes) and updating.
 *
 *   npm run bench:env-workers -- [--seconds 2 --rounds 2 --envs 2,4 --workers 0,1,2 --scenes scout,cartpole
 *                                 --areas 16 --ppo-steps 20000 --ppo-rounds 2 --backend auto]
 * (--scenes '' skips part 1, --ppo-steps 0 part 2). It prints figures and asserts nothing.
 */
import { getBuiltinEnv } from '../envs/registry.js';
import { openSceneWorkers } from '../envs/workers/scene-workers.js';
import type { Environment } from '../src/core/env/environment.js';
import { LocalEnv } from '../src/core/env/local-env.js';
import { randomActions } from '../src/core/env/random-policy.js';
import { Rng } from '../src/core/runtime/rng.js';
import { flag, machineLoad, median, numberFlag, runConfigFrom, runLoop, table } from './ppo-bench-common.js';

const SECONDS = numberFlag('seconds', 2);
const ROUNDS = numberFlag('rounds', 2);
const AREAS = numberFlag('areas', 16);
const PPO_STEPS = numberFlag('ppo-steps', 20_000);
const PPO_ROUNDS = numberFlag('ppo-rounds', 2);
const list = (name: string, fallback: string) => flag(name, fallback).split(',').filter((x) => x !== '');
const SCENES = list('scenes', 'scout,cartpole');
const NUM_ENVS = list('envs', '2,4').map(Number);
const WORKERS = list('workers', '0,1,2').map(Number);

interface Setting {
  readonly scene: string;
  readonly numEnvs: number;
  /** 0: in-process. */
  readonly workers: number;
}

interface Measured {
  readonly envSteps: number;
  readonly agentSteps: number;
  readonly seconds: number;
}

function open(s: Setting): { envs: Environment[]; close: () => Promise<void> } {
  if (s.workers > 0) return openSceneWorkers({ scene: s.scene, numEnvs: s.numEnvs, numWorkers: s.workers, numAreas: AREAS, seed: 1 });
  const builtin = getBuiltinEnv(s.scene);
  const envs = Array.from({ length: s.numEnvs }, (_, i) => new LocalEnv(`builtin:${s.scene}#${i}`, builtin.factory, { numAreas: AREAS, seed: 1 + i, decisionPeriod: builtin.decisionPeriod }));
  return { envs, close: async () => undefined };
}

/** One loop per environment, random actions within masks, for `seconds` after a short warm-up. */
async function measure(s: Setting): Promise<Measured> {
  const { envs, close } = open(s);
  try {
    await Promise.all(envs.map((env) => env.reset()));
    // Deadlines are read in the loops, not set with timers: an in-process step resolves at once, so a loop over
    // in-process environments never lets a timer run.
    const warmUntil = performance.now() + 300;
    const stopAt = warmUntil + SECONDS * 1000;
    let envSteps = 0;
    let agentSteps = 0;
    const loop = async (env: Environment, rng: Rng) => {
      for (let now = performance.now(); now < stopAt; now = performance.now()) {
        const counting = now >= warmUntil;
        for (const [behavior, spec] of env.behaviorSpecs) {
          const { decisionSteps } = env.getSteps(behavior);
          if (decisionSteps.count === 0) continue;
          env.setActions(behavior, randomActions(spec.actionSpec, decisionSteps, rng));
          if (counting) agentSteps += decisionSteps.count;
        }
        await env.step();
        if (counting) envSteps++;
      }
    };
    await Promise.all(envs.map((env, i) => loop(env, new Rng(100 + i))));
    const seconds = SECONDS;
    return { envSteps, agentSteps, seconds };
  } finally {
    await close();
  }
}

const settings: Setting[] = SCENES.flatMap((scene) => NUM_ENVS.flatMap((numEnvs) => WORKERS.filter((w) => w <= numEnvs).map((workers) => ({ scene, numEnvs, workers }))));
const key = (s: Setting) => `${s.scene}/${s.numEnvs}/${s.workers}`;
const results = new Map<string, Measured[]>();
console.log(`env-workers: ${SECONDS} s per setting, ${ROUNDS} round(s), ${AREAS} areas per environment; ${machineLoad()} at the start`);
for (let round = 0; round < (settings.length > 0 ? ROUNDS : 0); round++) {
  const order = round % 2 === 0 ? settings : [...settings].reverse();
  for (const s of order) {
    const m = await measure(s);
    results.set(key(s), [...(results.get(key(s)) ?? []), m]);
  }
}
const rate = (s: Setting, field: 'envSteps' | 'agentSteps') => median(results.get(key(s))!.map((m) => m[field] / m.seconds));
if (settings.length > 0) console.log('\n1. Env steps/s, random actions (median of the rounds; ×: against in-process of the same scene and num_envs)');
if (settings.length > 0) console.log(
  table(
    ['scene', 'num_envs', 'where', 'env steps/s', 'agent steps/s', 'in-process env steps/s', '×'],
    settings.map((s) => {
      const base = results.has(key({ ...s, workers: 0 })) ? rate({ ...s, workers: 0 }, 'envSteps') : NaN;
      const here = rate(s, 'envSteps');
      return [s.scene, s.numEnvs, s.workers === 0 ? 'in-process' : `${s.workers} worker(s)`, here.toFixed(0), rate(s, 'agentSteps').toFixed(0), base.toFixed(0), (here / base).toFixed(2)];
    }),
  ),
);
if (settings.length > 0) console.log(machineLoad());

if (PPO_STEPS > 0) {
  const rows: (string | number)[][] = [];
  // Alternating order (in-process first, then workers first, ...): the first run of a process pays for warming up.
  for (let round = 0; round < PPO_ROUNDS; round++) {
    for (const workers of round % 2 === 0 ? [0, 2] : [2, 0]) {
      const config = runConfigFrom('configs/scout.yaml', [
        [['behaviors', 'Red', 'max_steps'], PPO_STEPS],
        // The scene threads alone: the update stays on the main thread, as when these figures were first taken.
        [['behaviors', 'Red', 'threaded'], false],
        [['env_settings', 'num_envs'], 2],
        [['env_settings', 'num_areas'], 8],
        [['shiva', 'backend'], flag('backend', 'auto')],
        [['shiva', 'env_workers'], workers],
        [['shiva', 'final_evaluation'], undefined],
      ]);
      const run = await runLoop(config, { warmupSteps: 2048 });
      rows.push([
        round + 1,
        workers === 0 ? 'in-process' : `${workers} workers`,
        run.backend,
        run.steps,
        (run.steps / run.seconds).toFixed(0),
        (run.times.decideMs / 1000).toFixed(1),
        (run.times.updateMs / 1000).toFixed(1),
        (run.seconds - (run.times.decideMs + run.times.updateMs) / 1000).toFixed(1),
      ]);
    }
  }
  console.log(`\n2. PPO on configs/scout.yaml's run (num_envs 2 × 8 areas), ${PPO_STEPS} steps each, timed after 2048`);
  console.log(table(['round', 'where', 'backend', 'steps timed', 'steps/s', 'acting s', 'updates s', 'rest s (environments, loop)'], rows));
  console.log(machineLoad());
}
