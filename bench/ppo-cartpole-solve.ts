/**
 * PPO sample efficiency on CartPole: for each seed, the env steps (agent steps, as max_steps counts them) until
 * the mean return of the last 20 episodes reaches 475, training with configs/cartpole.yaml's settings unchanged
 * except the seed (its max_steps, 200k, is the cap and the length of the linear learning-rate decay). Prints each
 * seed and the median; a seed that does not get there counts as the cap in the median (an under-estimate, said
 * so). Target: median ≤ 200k. Not a test.
 *
 *   npm run bench:ppo-solve [-- --seeds 1,2,3,4,5 --backend wasm]
 */
import { flag, machineLoad, mean, median, runConfigFrom, runLoop, table } from './ppo-bench-common.js';

const CONFIG = 'configs/cartpole.yaml';
const SEEDS = flag('seeds', '1,2,3,4,5').split(',').map(Number);
const BACKEND = flag('backend', 'wasm');
const WINDOW = 20;
const THRESHOLD = 475;
const TARGET = 200_000;

async function main(): Promise<void> {
  console.log(`PPO CartPole solve: ${CONFIG}, steps until the mean of the last ${WINDOW} episodes ≥ ${THRESHOLD}, seeds ${SEEDS.join(', ')}, backend ${BACKEND}`);
  console.log(`machine at start: ${machineLoad()}`);
  const rows: (string | number)[][] = [];
  const solvedAt: number[] = [];
  let capped = 0;
  for (const seed of SEEDS) {
    const config = runConfigFrom(CONFIG, [], { seed, backend: BACKEND });
    const cap = config.behaviors.get('CartPole')!.maxSteps;
    let reached: number | null = null;
    const run = await runLoop(config, {
      untimed: true,
      stopWhen: (episodes) => {
        if (episodes.length < WINDOW) return false;
        const m = mean(episodes.slice(-WINDOW).map((e) => e.return));
        if (m >= THRESHOLD && reached === null) reached = episodes[episodes.length - 1]!.step;
        return reached !== null;
      },
    });
    const last = mean(run.episodes.slice(-WINDOW).map((e) => e.return));
    const steps = reached as number | null;
    if (steps === null) capped++;
    solvedAt.push(steps ?? cap);
    rows.push([seed, steps === null ? `> ${cap}` : steps, run.episodes.length, last.toFixed(1), run.seconds.toFixed(1), Math.round(run.steps / run.seconds)]);
    console.log(`  seed ${seed}: ${steps === null ? `not reached by ${cap}` : `${steps} steps`} (${machineLoad()})`);
  }
  console.log();
  console.log(table(['seed', 'steps to ≥475', 'episodes', `last-${WINDOW} mean`, 'seconds', 'steps/s'], rows));
  const m = median(solvedAt);
  console.log(`\nmedian ${capped > 0 ? '(capped seeds counted at the cap) ' : ''}${m} steps; target ≤ ${TARGET}: ${m <= TARGET && capped <= SEEDS.length >> 1 ? 'met' : 'NOT met'}`);
  console.log(`machine at end: ${machineLoad()}`);
}

await main();
