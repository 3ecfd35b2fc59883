/**
 * PPO throughput on CartPole: env steps per second of the whole training loop (Trainer → LocalEnv → PpoLearner),
 * with configs/cartpole.yaml's settings — 4 carts × 128 steps per update (buffer 512), 4 epochs × 4 minibatches of
 * 128, a 64-64 tanh MLP — on the wasm backend. Two layouts of the 4 carts: one scene of 4 areas (the config's) and
 * 4 environments of 1 area. Prints each run's steps/s and the split of its time between acting (the learner's
 * decide: forward pass, sampling, buffer writes), updates (GAE and the PPO update), and the rest (environment steps
 * and the Trainer's own work). Target: ≥ 6,000 steps/s on a 2-core machine. Not a test.
 *
 *   npm run bench:ppo-throughput [-- --steps 51200 --warmup 5120 --repeats 2 --backend wasm]
 */
import { isOnPolicy } from '../src/config/index.js';
import { flag, machineLoad, median, numberFlag, runConfigFrom, runLoop, table } from './ppo-bench-common.js';

const CONFIG = 'configs/cartpole.yaml';
const STEPS = numberFlag('steps', 51_200);
const WARMUP = numberFlag('warmup', 5_120);
const REPEATS = numberFlag('repeats', 2);
const BACKEND = flag('backend', 'wasm');
const TARGET = 6_000;

const layouts = [
  { name: '1 env × 4 areas', numEnvs: 1, numAreas: 4 },
  { name: '4 envs × 1 area', numEnvs: 4, numAreas: 1 },
];

async function main(): Promise<void> {
  console.log(`PPO CartPole throughput: ${CONFIG}, ${STEPS} timed steps after ${WARMUP} warm-up steps, backend ${BACKEND}`);
  console.log(`machine at start: ${machineLoad()}`);
  const rows: (string | number)[][] = [];
  let backend = '';
  for (let repeat = 0; repeat < REPEATS; repeat++) {
    for (const layout of layouts) {
      const config = runConfigFrom(
        CONFIG,
        [
          [['behaviors', 'CartPole', 'max_steps'], WARMUP + STEPS],
          [['env_settings', 'num_envs'], layout.numEnvs],
          [['env_settings', 'num_areas'], layout.numAreas],
        ],
        { seed: 1 + repeat, backend: BACKEND },
      );
      const run = await runLoop(config, { warmupSteps: WARMUP });
      backend = run.backend;
      const totalMs = run.seconds * 1000;
      const restMs = totalMs - run.times.decideMs - run.times.updateMs;
      const perUpdate = run.times.updates > 0 ? run.times.updateMs / run.times.updates : NaN;
      const behavior = config.behaviors.get('CartPole')!;
      const hp = isOnPolicy(behavior) ? behavior.hyperparameters : null;
      const minibatches = hp ? Number(hp['num_epoch']) * Math.floor(Number(hp['buffer_size']) / Number(hp['batch_size'])) : NaN;
      const actingSteps = run.steps / ((run.times.decideMs + restMs) / 1000);
      rows.push([
        `${layout.name} #${repeat + 1}`,
        Math.round(run.steps / run.seconds),
        run.steps,
        run.seconds.toFixed(2),
        `${((100 * run.times.decideMs) / totalMs).toFixed(0)}%`,
        `${((100 * restMs) / totalMs).toFixed(0)}%`,
        `${((100 * run.times.updateMs) / totalMs).toFixed(0)}%`,
        Math.round(actingSteps),
        perUpdate.toFixed(1),
        ((perUpdate / minibatches) * 1000).toFixed(0),
      ]);
      console.log(`  done: ${rows[rows.length - 1]!.slice(0, 2).join(': ')} steps/s (${machineLoad()})`);
    }
  }
  console.log();
  console.log(`backend: ${backend}`);
  console.log(
    table(['layout', 'steps/s', 'steps', 'seconds', 'decide', 'env+loop', 'update', 'collect-only steps/s', 'ms/update', 'µs/minibatch'], rows),
  );
  const rates = rows.map((r) => r[1] as number);
  const m = median(rates);
  console.log(`\nmedian ${Math.round(m)} steps/s (best ${Math.max(...rates)}); target ${TARGET}: ${m >= TARGET ? 'met' : 'NOT met'} (by the median)`);
  console.log(`machine at end: ${machineLoad()}`);
}

await main();
