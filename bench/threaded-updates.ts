/**
 * Learning in its own thread (issue 16, target 2): the whole training loop (Trainer → LocalEnv → learner) with
 * `threaded: false` and `threaded: true` (agents/plugin/update-thread.ts: the update on a replica in a worker
 * thread while the environments step here), alternating in one run, on four of the repository's configs:
 * configs/cartpole.yaml (PPO, a small MLP: updates are short), configs/scout.yaml (PPO, the default job),
 * configs/scout-poca.yaml (MA-POCA on the same mission) and configs/gridworld-visual.yaml (PPO on 84×84×3
 * cameras: updates dominate). Prints each run's env steps/s and the CPU
 * seconds the process used per wall second (above 1: more than one core at work), and per config the ratio of
 * the medians, threaded / not. On a machine of 2 cores the threaded loop can at best hide the shorter of
 * collection and update behind the longer. Not a test.
 *
 *   npm run bench:threaded [-- --repeats 2 --only cartpole|scout|scout-poca|visual --backend wasm]
 */
import { flag, machineLoad, median, numberFlag, runConfigFrom, runLoop, table } from './ppo-bench-common.js';

const REPEATS = numberFlag('repeats', 2);
const BACKEND = flag('backend', 'wasm');
const ONLY = flag('only', '');

interface Case {
  readonly name: string;
  readonly file: string;
  readonly behaviors: readonly string[];
  /** Steps of each behavior: the warm-up, then the timed part. */
  readonly warmup: number;
  readonly steps: number;
  readonly edits?: ReadonlyArray<readonly [readonly (string | number)[], unknown]>;
}

const CASES: readonly Case[] = [
  { name: 'cartpole', file: 'configs/cartpole.yaml', behaviors: ['CartPole'], warmup: 5_120, steps: 40_960 },
  { name: 'scout', file: 'configs/scout.yaml', behaviors: ['Red'], warmup: 10_240, steps: 61_440 },
  { name: 'scout-poca', file: 'configs/scout-poca.yaml', behaviors: ['Red'], warmup: 10_240, steps: 61_440 },
  { name: 'visual', file: 'configs/gridworld-visual.yaml', behaviors: ['Forager', 'Guard'], warmup: 300, steps: 1_500 },
];

async function main(): Promise<void> {
  console.log(`Training with and without threaded updates: backend ${BACKEND}, ${REPEATS} repeats, alternating`);
  console.log(`machine at start: ${machineLoad()}`);
  const rows: (string | number)[][] = [];
  const summary: (string | number)[][] = [];
  for (const c of CASES.filter((c) => ONLY === '' || c.name === ONLY)) {
    const rates: Record<'plain' | 'threaded', number[]> = { plain: [], threaded: [] };
    for (let repeat = 0; repeat < REPEATS; repeat++) {
      // Alternate which goes first, so a change in the machine's load falls on both.
      const order: ('plain' | 'threaded')[] = repeat % 2 === 0 ? ['plain', 'threaded'] : ['threaded', 'plain'];
      for (const mode of order) {
        const edits = [...(c.edits ?? []), ...c.behaviors.flatMap((b) => [
          [['behaviors', b, 'max_steps'], c.warmup + c.steps] as const,
          [['behaviors', b, 'threaded'], mode === 'threaded'] as const,
        ])];
        const config = runConfigFrom(c.file, edits, { seed: 1 + repeat, backend: BACKEND });
        const run = await runLoop(config, { warmupSteps: c.warmup * c.behaviors.length, untimed: true });
        const rate = run.steps / run.seconds;
        rates[mode].push(rate);
        rows.push([`${c.name} #${repeat + 1} ${mode}`, Math.round(rate), run.steps, run.seconds.toFixed(2), (run.cpuSeconds / run.seconds).toFixed(2), machineLoad().replace(/ on .*/, '')]);
        console.log(`  done: ${rows[rows.length - 1]!.join(' | ')}`);
      }
    }
    const plain = median(rates.plain);
    const threaded = median(rates.threaded);
    summary.push([c.name, Math.round(plain), Math.round(threaded), (threaded / plain).toFixed(2)]);
  }
  console.log();
  console.log(table(['run', 'env steps/s', 'timed steps', 'seconds', 'CPU s per s', 'load at end'], rows));
  console.log();
  console.log(table(['config', 'threaded: false (median)', 'threaded: true (median)', 'ratio'], summary));
  console.log(`machine at end: ${machineLoad()}`);
}

await main();
