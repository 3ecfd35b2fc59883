/**
 * PPO with visual observations: agent steps per second of the whole training loop (Trainer → LocalEnv → two PPO
 * learners, Forager and Guard) on the built-in gridworld seen through its 84×84×3 camera (configs/
 * gridworld-visual.yaml: ML-Agents' GridWorld settings, the 'simple' encoder), and in the same run, as the
 * baseline, the same scene and settings with vector observations (camera: 0). Prints each run's steps/s and the
 * split of its time between acting (the learners' forward passes, sampling and buffer writes), updates (GAE and
 * the PPO epochs) and the rest (rendering, environment steps and the Trainer's own work). Target (issue 16): ≥ 500
 * agent steps/s training on wasm. Also printed: steps per CPU-second of this process, the figure a loaded machine
 * blurs least (wasm runs on one thread here, so it is what one free core would give), and a profile of one
 * minibatch's forward and backward (bench/visual-minibatch-profile.ts). Not a test.
 *
 *   npm run bench:visual-ppo [-- --steps 3000 --warmup 600 --repeats 2 --backend wasm --only camera]
 */
import { isOnPolicy } from '../src/config/index.js';
import { flag, machineLoad, median, numberFlag, runConfigFrom, runLoop, table } from './ppo-bench-common.js';
import { profileVisualMinibatch } from './visual-minibatch-profile.js';

const CONFIG = 'configs/gridworld-visual.yaml';
const STEPS = numberFlag('steps', 3_000);
const WARMUP = numberFlag('warmup', 600);
const REPEATS = numberFlag('repeats', 2);
const BACKEND = flag('backend', 'wasm');
const TARGET = 500;

const VARIANTS = [
  { name: 'camera 84×84×3', camera: 1 },
  { name: 'vector (baseline)', camera: 0 },
];
/** `--only camera` (or `vector`) runs one variant, for a profile (node --cpu-prof) of it alone. */
const ONLY = flag('only', '');
const variants = ONLY === '' ? VARIANTS : VARIANTS.filter((v) => v.name.startsWith(ONLY));
if (variants.length === 0) throw new Error(`--only: expected camera or vector, got "${ONLY}"`);

async function main(): Promise<void> {
  console.log(`PPO with visual observations: ${CONFIG} (Forager + Guard), ${STEPS} timed agent steps after ${WARMUP} warm-up steps, backend ${BACKEND}`);
  console.log(`machine at start: ${machineLoad()}`);
  const rows: (string | number)[][] = [];
  const rates = new Map<string, number[]>();
  const cpuRates = new Map<string, number[]>();
  let backend = '';
  for (let repeat = 0; repeat < REPEATS; repeat++) {
    for (const variant of variants) {
      // Steps are counted over both learners; the run is stopped there, so max_steps only has to be out of reach.
      const config = runConfigFrom(
        CONFIG,
        [
          [['behaviors', 'Forager', 'max_steps'], 10 * (WARMUP + STEPS)],
          [['behaviors', 'Guard', 'max_steps'], 10 * (WARMUP + STEPS)],
          [['environment_parameters', 'camera'], variant.camera],
        ],
        { seed: 1 + repeat, backend: BACKEND },
      );
      const run = await runLoop(config, { warmupSteps: WARMUP, stopWhen: (_episodes, total) => total >= WARMUP + STEPS });
      backend = run.backend;
      const totalMs = run.seconds * 1000;
      const restMs = totalMs - run.times.decideMs - run.times.updateMs;
      const perUpdate = run.times.updates > 0 ? run.times.updateMs / run.times.updates : NaN;
      const behavior = config.behaviors.get('Forager')!;
      const hp = isOnPolicy(behavior) ? behavior.hyperparameters : null;
      const minibatches = hp ? Number(hp['num_epoch']) * Math.floor(Number(hp['buffer_size']) / Number(hp['batch_size'])) : NaN;
      const rate = run.steps / run.seconds;
      rates.set(variant.name, [...(rates.get(variant.name) ?? []), rate]);
      cpuRates.set(variant.name, [...(cpuRates.get(variant.name) ?? []), run.steps / run.cpuSeconds]);
      rows.push([
        `${variant.name} #${repeat + 1}`,
        Math.round(rate),
        Math.round(run.steps / run.cpuSeconds),
        run.steps,
        run.seconds.toFixed(2),
        `${((100 * run.times.decideMs) / totalMs).toFixed(0)}%`,
        `${((100 * restMs) / totalMs).toFixed(0)}%`,
        `${((100 * run.times.updateMs) / totalMs).toFixed(0)}%`,
        ((1000 * run.times.decideMs) / run.steps).toFixed(0),
        ((1000 * restMs) / run.steps).toFixed(0),
        perUpdate.toFixed(0),
        ((perUpdate / minibatches) * 1000).toFixed(0),
      ]);
      console.log(`  done: ${rows[rows.length - 1]!.slice(0, 2).join(': ')} agent steps/s (${machineLoad()})`);
    }
  }
  console.log();
  console.log(`backend: ${backend}`);
  console.log(
    table(['variant', 'steps/s', 'steps/CPU-s', 'steps', 'seconds', 'decide', 'env+loop', 'update', 'µs/step decide', 'µs/step env+loop', 'ms/update', 'µs/minibatch'], rows),
  );
  console.log();
  for (const [name, r] of rates) {
    console.log(`${name}: median ${Math.round(median(r))} agent steps/s; ${Math.round(median(cpuRates.get(name)!))} per CPU-second of this process (what one free core would give)`);
  }
  const visual = rates.get(VARIANTS[0]!.name);
  const vector = rates.get(VARIANTS[1]!.name);
  if (visual && vector) console.log(`camera / vector: ${(median(visual) / median(vector)).toFixed(3)}`);
  if (visual) console.log(`target ≥ ${TARGET} agent steps/s with the camera on ${BACKEND}: ${median(visual) >= TARGET ? 'met' : 'NOT met'} (by the median)`);
  if (visual) await profileVisualMinibatch(32, 8, 5);
  console.log(`machine at end: ${machineLoad()}`);
}

await main();
