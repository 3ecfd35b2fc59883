/**
 * SAC on Pendulum: for each seed, configs/pendulum-sac.yaml trained for --steps agent steps (max_steps set to it,
 * everything else unchanged but the seed), printing the mean return of the last 10 episodes at every 10k-step
 * mark, the median over seeds at each mark, and env steps per second over the whole run (acting and learning).
 * Target (issue 5): median ≥ −200 at the last mark within 50k steps. An untrained policy scores about −1200.
 * Not a test. bench/td3-pendulum.ts runs the same measurement for TD3 (runPendulumBench).
 *
 *   npm run build && node dist/bench/sac-pendulum.js [--seeds 1,2,3,4,5 --steps 50000 --backend wasm]
 */
import { pathToFileURL } from 'node:url';
import { flag, machineLoad, mean, median, numberFlag, runConfigFrom, runLoop, table, type EpisodeEnd } from './ppo-bench-common.js';

const WINDOW = 10;
const MARK = 10_000;
const TARGET = -200;

export async function runPendulumBench(algorithm: string, defaultConfig: string): Promise<void> {
  const config = flag('config', defaultConfig);
  const seeds = flag('seeds', '1,2,3,4,5').split(',').map(Number);
  const steps = numberFlag('steps', 50_000);
  const backend = flag('backend', 'wasm');
  const marks = Array.from({ length: Math.floor(steps / MARK) }, (_, i) => (i + 1) * MARK);
  if (marks.length === 0 || marks[marks.length - 1] !== steps) marks.push(steps);
  console.log(`${algorithm} Pendulum: ${config}, ${steps} agent steps, mean of the last ${WINDOW} episodes at ${marks.join(', ')}; seeds ${seeds.join(', ')}, backend ${backend}`);
  console.log(`machine at start: ${machineLoad()}`);
  const rows: (string | number)[][] = [];
  const byMark: number[][] = marks.map(() => []);
  const rates: number[] = [];
  for (const seed of seeds) {
    const run = await runLoop(runConfigFrom(config, [[['behaviors', 'Pendulum', 'max_steps'], steps]], { seed, backend }), {
      untimed: true,
      onEpisode: (e, all) => {
        if (all.length % 20 === 0) console.log(`    seed ${seed}: step ${e.step}, last-${WINDOW} mean ${lastMean(all, e.step).toFixed(1)}`);
      },
    });
    const values = marks.map((m) => lastMean(run.episodes, m));
    values.forEach((v, i) => byMark[i]!.push(v));
    const rate = run.steps / run.seconds;
    rates.push(rate);
    rows.push([seed, ...values.map((v) => v.toFixed(1)), run.episodes.length, run.seconds.toFixed(0), Math.round(rate)]);
    console.log(`  seed ${seed}: ${values.map((v, i) => `${marks[i]! / 1000}k ${v.toFixed(1)}`).join(', ')} (${machineLoad()})`);
  }
  rows.push(['median', ...byMark.map((v) => median(v).toFixed(1)), '', '', Math.round(median(rates))]);
  console.log();
  console.log(table(['seed', ...marks.map((m) => `${m / 1000}k`), 'episodes', 'seconds', 'env steps/s'], rows));
  const last = median(byMark[byMark.length - 1]!);
  console.log(`\nmedian at ${steps} steps: ${last.toFixed(1)}; target ≥ ${TARGET}: ${last >= TARGET ? 'met' : 'NOT met'}`);
  console.log(`median env steps/s (acting + learning): ${Math.round(median(rates))}`);
  console.log(`machine at end: ${machineLoad()}`);
}

/** Mean return of the last WINDOW episodes that ended by `step` (NaN before any). */
function lastMean(episodes: readonly EpisodeEnd[], step: number): number {
  const done = episodes.filter((e) => e.step <= step);
  return mean(done.slice(-WINDOW).map((e) => e.return));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await runPendulumBench('SAC', 'configs/pendulum-sac.yaml');
