/**
 * PPO on CartPole with CleanRL's settings written as an ML-Agents config (configs/cartpole-cleanrl-mlagents.yaml:
 * 4 environments × 8 carts, buffer 512, batch 128, 4 epochs, time_horizon 128, learning rate 2.5e-4 decaying
 * linearly over 200k steps), trained under ML-Agents' trajectory semantics (agents/ppo/ppo-learner.ts). For each
 * seed: the mean return of the last 100 episodes at the end, and the first step (agent steps, as max_steps counts
 * them) at which that mean reached 475; also the first summary period (summary_freq = 10,000 steps, ML-Agents'
 * `Environment/Cumulative Reward`: the mean over episodes that ended in the period) whose mean reached 475, which
 * lags less than a 100-episode window does (100 episodes of 500 steps are 50,000 steps with 32 carts); then a table.
 * `--max-steps 500000` is CleanRL's own run length, over which its learning rate anneals. Target (issue 12): ≥ 475 within 200k steps. Not a test.
 *
 *   npm run bench:ppo-mlagents [-- --seeds 1,2,3,4,5 --backend wasm --max-steps 200000 --stop-at STEPS --set KEY=VALUE,...]
 *
 * `--set` changes keys of the behavior for experiments, e.g. `--set hyperparameters.clip_value_loss=true,
 * network_settings.activation=swish,time_horizon=32` (values parsed as JSON where they parse, else strings).
 */
import { flag, machineLoad, mean, numberFlag, runConfigFrom, runLoop, table } from './ppo-bench-common.js';

const CONFIG = 'configs/cartpole-cleanrl-mlagents.yaml';
const SEEDS = flag('seeds', '1,2,3,4,5').split(',').map(Number);
const BACKEND = flag('backend', 'wasm');
const MAX_STEPS = numberFlag('max-steps', 200_000);
/** Stop the run here (the learning rate still decays over --max-steps), e.g. 200000 with --max-steps 500000. */
const STOP_AT = numberFlag('stop-at', Number.MAX_SAFE_INTEGER);
const SETS = flag('set', '')
  .split(',')
  .filter((s) => s.length > 0)
  .map((s) => {
    const [path, value] = s.split('=') as [string, string];
    let parsed: unknown = value;
    try {
      parsed = JSON.parse(value);
    } catch {
      // a plain string
    }
    return [['behaviors', 'CartPole', ...path.split('.')], parsed] as const;
  });
const WINDOW = 100;
const SUMMARY_FREQ = 10_000;
const THRESHOLD = 475;

async function main(): Promise<void> {
  console.log(`PPO CartPole, CleanRL's settings as ML-Agents config: ${CONFIG}, max_steps ${MAX_STEPS}, seeds ${SEEDS.join(', ')}, backend ${BACKEND}${SETS.length > 0 ? `, with ${flag('set', '')}` : ''}`);
  console.log(`machine at start: ${machineLoad()}`);
  const rows: (string | number)[][] = [];
  for (const seed of SEEDS) {
    const config = runConfigFrom(CONFIG, [[['behaviors', 'CartPole', 'max_steps'], MAX_STEPS], ...SETS], { seed, backend: BACKEND });
    let reached: number | null = null;
    const checkpoints = new Map<number, number>();
    const periods = new Map<number, { sum: number; count: number }>();
    const run = await runLoop(config, {
      untimed: true,
      stopWhen: (all) => all.length > 0 && all[all.length - 1]!.step >= STOP_AT,
      onEpisode: (episode, all) => {
        const m = mean(all.slice(-WINDOW).map((e) => e.return));
        if (all.length >= WINDOW && m >= THRESHOLD && reached === null) reached = episode.step;
        const bucket = Math.floor(episode.step / 50_000) * 50_000;
        checkpoints.set(bucket, m);
        const period = Math.floor(episode.step / SUMMARY_FREQ);
        const p = periods.get(period) ?? { sum: 0, count: 0 };
        p.sum += episode.return;
        p.count++;
        periods.set(period, p);
      },
    });
    const last = mean(run.episodes.slice(-WINDOW).map((e) => e.return));
    const firstPeriod = [...periods.entries()].sort((a, b) => a[0] - b[0]).find(([, p]) => p.sum / p.count >= THRESHOLD);
    const summaryReached = firstPeriod ? (firstPeriod[0] + 1) * SUMMARY_FREQ : null;
    const at = (k: number): string => (checkpoints.has(k) ? checkpoints.get(k)!.toFixed(0) : '-');
    rows.push([seed, reached ?? `> ${MAX_STEPS}`, summaryReached ?? `> ${MAX_STEPS}`, last.toFixed(1), at(50_000), at(100_000), at(150_000), run.episodes.length, run.totalSeconds.toFixed(0)]);
    console.log(`  seed ${seed}: last-${WINDOW} mean ${last.toFixed(1)} at the end; ≥ ${THRESHOLD} ${reached === null ? 'never' : `first at step ${reached}`}; summary-period mean ≥ ${THRESHOLD} ${summaryReached === null ? 'never' : `first in the period ending at step ${summaryReached}`} (${machineLoad()})`);
  }
  console.log();
  console.log(table(['seed', `first step with last-${WINDOW} mean ≥ ${THRESHOLD}`, `first ${SUMMARY_FREQ / 1000}k summary period ≥ ${THRESHOLD} (ends at)`, `last-${WINDOW} mean at end`, 'mean by 100k', 'by 150k', 'by 200k', 'episodes', 'seconds'], rows));
  const within = (column: number, steps: number) => rows.filter((r) => typeof r[column] === 'number' && (r[column] as number) <= steps).length;
  console.log(`\nlast-${WINDOW} mean ≥ ${THRESHOLD}: ${within(1, MAX_STEPS)}/${SEEDS.length} seeds within ${MAX_STEPS} steps, ${within(1, 200_000)}/${SEEDS.length} within 200k`);
  console.log(`summary-period mean ≥ ${THRESHOLD}: ${within(2, MAX_STEPS)}/${SEEDS.length} seeds within ${MAX_STEPS} steps, ${within(2, 200_000)}/${SEEDS.length} within 200k`);
  console.log(`machine at end: ${machineLoad()}`);
}

await main();
