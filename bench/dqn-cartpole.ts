/**
 * DQN on CartPole: for each seed, the agent steps until the mean return of the last 20 episodes reaches 475, with
 * configs/cartpole-dqn.yaml's settings unchanged except the seed (its max_steps, 100k, is the cap and sets the ε
 * schedule's length), and env steps per second over the whole run (acting and learning). Prints each seed and the
 * median; a seed that does not get there counts as the cap in the median (an under-estimate, said so).
 * Target (issue 5): median ≤ 100k. Not a test.
 *
 *   npm run build && node dist/bench/dqn-cartpole.js [--seeds 1,2,3,4,5 --backend wasm]
 */
import { flag, machineLoad, mean, median, runConfigFrom, runLoop, table } from './ppo-bench-common.js';

const CONFIG = flag('config', 'configs/cartpole-dqn.yaml');
const SEEDS = flag('seeds', '1,2,3,4,5').split(',').map(Number);
const BACKEND = flag('backend', 'wasm');
const WINDOW = 20;
const THRESHOLD = 475;
const TARGET = 100_000;

async function main(): Promise<void> {
  console.log(`DQN CartPole solve: ${CONFIG}, steps until the mean of the last ${WINDOW} episodes ≥ ${THRESHOLD}, seeds ${SEEDS.join(', ')}, backend ${BACKEND}`);
  console.log(`machine at start: ${machineLoad()}`);
  const rows: (string | number)[][] = [];
  const solvedAt: number[] = [];
  const rates: number[] = [];
  let capped = 0;
  for (const seed of SEEDS) {
    const config = runConfigFrom(CONFIG, [], { seed, backend: BACKEND });
    const cap = config.behaviors.get('CartPole')!.maxSteps;
    let reached: number | null = null;
    const run = await runLoop(config, {
      untimed: true,
      stopWhen: (episodes) => {
        if (episodes.length < WINDOW) return false;
        if (reached === null && mean(episodes.slice(-WINDOW).map((e) => e.return)) >= THRESHOLD) reached = episodes[episodes.length - 1]!.step;
        return reached !== null;
      },
    });
    const last = mean(run.episodes.slice(-WINDOW).map((e) => e.return));
    const best = Math.max(...run.episodes.map((_, i, all) => (i + 1 >= WINDOW ? mean(all.slice(i + 1 - WINDOW, i + 1).map((e) => e.return)) : 0)));
    const steps = reached as number | null;
    if (steps === null) capped++;
    solvedAt.push(steps ?? cap);
    const rate = run.steps / run.seconds;
    rates.push(rate);
    rows.push([seed, steps === null ? `> ${cap}` : steps, run.episodes.length, last.toFixed(1), best.toFixed(1), run.seconds.toFixed(1), Math.round(rate)]);
    console.log(`  seed ${seed}: ${steps === null ? `not reached by ${cap}` : `${steps} steps`} (${machineLoad()})`);
  }
  console.log();
  console.log(table(['seed', 'steps to ≥475', 'episodes', `last-${WINDOW} mean`, `best ${WINDOW}-mean`, 'seconds', 'env steps/s'], rows));
  const m = median(solvedAt);
  console.log(`\nmedian ${capped > 0 ? '(capped seeds counted at the cap) ' : ''}${m} steps; target ≤ ${TARGET}: ${m <= TARGET && capped <= SEEDS.length >> 1 ? 'met' : 'NOT met'}`);
  console.log(`median env steps/s (acting + learning): ${Math.round(median(rates))}`);
  console.log(`machine at end: ${machineLoad()}`);
}

await main();
