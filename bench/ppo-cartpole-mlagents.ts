/**
 * PPO on CartPole with CleanRL's settings written as an ML-Agents config (configs/cartpole-cleanrl-mlagents.yaml:
 * 4 environments × 8 carts, buffer 512, batch 128, 4 epochs, time_horizon 128, learning rate 2.5e-4 decaying over
 * max_steps 500,000 as CleanRL's over its 500k steps), trained under ML-Agents' trajectory semantics
 * (agents/ppo/ppo-learner.ts). Target (issue 12): ≥ 475 within 200k steps, so each run stops at 200k (`--stop-at`;
 * the schedules still decay over max_steps).
 *
 * Steps are agent steps, as max_steps counts them. Two measures of "the mean return at step S", for S = 50k, 100k,
 * 150k, 200k:
 * - `sum`: ML-Agents' `Environment/Cumulative Reward` for the summary period ending at S (summary_freq = 10,000
 *   steps): the mean over the episodes that ended in (S − 10k, S];
 * - `100`: the mean of the last 100 episodes ended by S. With 32 carts, 100 episodes of 500 steps span 50,000
 *   steps, so this lags the policy by up to 50k steps.
 * For each seed also the first summary period whose mean reached 475 and the first step at which the last-100
 * mean did. Not a test.
 *
 *   npm run bench:ppo-mlagents [-- --seeds 1,2,3,4,5 --backend wasm --max-steps STEPS --stop-at STEPS --set KEY=VALUE,...]
 *
 * `--set` changes keys of the behavior for experiments, e.g. `--set hyperparameters.clip_value_loss=true,
 * network_settings.activation=swish` (values parsed as JSON where they parse, else strings).
 *
 * Measured (wasm, seeds 1-10): see configs/cartpole-cleanrl-mlagents.yaml, which keeps the figures beside the
 * settings they were measured with. A seed repeats exactly (in-process scenes are batched without a clock), but
 * seeds spread widely, so compare tables of several seeds.
 */
import { flag, machineLoad, mean, numberFlag, runConfigFrom, runLoop, table } from './ppo-bench-common.js';

const CONFIG = 'configs/cartpole-cleanrl-mlagents.yaml';
const SEEDS = flag('seeds', '1,2,3,4,5').split(',').map(Number);
const BACKEND = flag('backend', 'wasm');
/** Absent: the file's own max_steps. */
const MAX_STEPS = flag('max-steps', '') === '' ? null : numberFlag('max-steps', 0);
/** Stop the run at the first episode end from this step on (the schedules still decay over max_steps). */
const STOP_AT = numberFlag('stop-at', 200_000);
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
const MARKS = [50_000, 100_000, 150_000, 200_000];

async function main(): Promise<void> {
  const edits = [...(MAX_STEPS === null ? [] : [[['behaviors', 'CartPole', 'max_steps'], MAX_STEPS] as const]), ...SETS];
  const config0 = runConfigFrom(CONFIG, edits, { seed: 1, backend: BACKEND });
  const maxSteps = config0.behaviors.get('CartPole')?.maxSteps ?? MAX_STEPS;
  console.log(`PPO CartPole, CleanRL's settings as ML-Agents config: ${CONFIG}, max_steps ${maxSteps}${STOP_AT < Number.MAX_SAFE_INTEGER ? `, stopped at ${STOP_AT}` : ''}, seeds ${SEEDS.join(', ')}, backend ${BACKEND}${SETS.length > 0 ? `, with ${flag('set', '')}` : ''}`);
  console.log(`machine at start: ${machineLoad()}`);
  const rows: (string | number)[][] = [];
  const firstPeriods: (number | null)[] = [];
  for (const seed of SEEDS) {
    const config = runConfigFrom(CONFIG, edits, { seed, backend: BACKEND });
    let reached: number | null = null;
    /** Per mark: the last-100 mean at the last episode ended by it. */
    const windowAt = new Map<number, number>();
    const periods = new Map<number, { sum: number; count: number }>();
    const run = await runLoop(config, {
      untimed: true,
      stopWhen: (all) => all.length > 0 && all[all.length - 1]!.step >= STOP_AT,
      onEpisode: (episode, all) => {
        const m = mean(all.slice(-WINDOW).map((e) => e.return));
        if (all.length >= WINDOW && m >= THRESHOLD && reached === null) reached = episode.step;
        for (const mark of MARKS) if (episode.step <= mark) windowAt.set(mark, m);
        // Period k holds the episodes that ended in (k·10k, (k+1)·10k].
        const period = Math.max(0, Math.ceil(episode.step / SUMMARY_FREQ) - 1);
        const p = periods.get(period) ?? { sum: 0, count: 0 };
        p.sum += episode.return;
        p.count++;
        periods.set(period, p);
      },
    });
    const firstPeriod = [...periods.entries()].sort((a, b) => a[0] - b[0]).find(([, p]) => p.sum / p.count >= THRESHOLD);
    const summaryReached = firstPeriod ? (firstPeriod[0] + 1) * SUMMARY_FREQ : null;
    firstPeriods.push(summaryReached);
    const periodAt = (mark: number): string => {
      const p = periods.get(mark / SUMMARY_FREQ - 1);
      return p ? (p.sum / p.count).toFixed(0) : '-';
    };
    const last = run.episodes[run.episodes.length - 1]?.step ?? 0;
    const windowCell = (mark: number): string => (last >= mark - SUMMARY_FREQ && windowAt.has(mark) ? windowAt.get(mark)!.toFixed(0) : '-');
    rows.push([seed, ...MARKS.flatMap((mark) => [periodAt(mark), windowCell(mark)]), summaryReached ?? 'never', reached ?? 'never', run.episodes.length, run.totalSeconds.toFixed(0)]);
    const marks = MARKS.map((mark) => `${mark / 1000}k ${periodAt(mark)}/${windowCell(mark)}`).join(', ');
    console.log(`  seed ${seed}: summary-period/last-${WINDOW} means ${marks}; summary-period mean ≥ ${THRESHOLD} ${summaryReached === null ? 'never' : `first in the period ending at step ${summaryReached}`}; last-${WINDOW} mean ≥ ${THRESHOLD} ${reached === null ? 'never' : `first at step ${reached}`} (${machineLoad()})`);
  }
  console.log();
  console.log(`mean return at each step: sum = the 10k summary period ending there (ML-Agents' Environment/Cumulative Reward), ${WINDOW} = the last ${WINDOW} episodes ended by then`);
  const header = ['seed', ...MARKS.flatMap((mark) => [`${mark / 1000}k sum`, `${mark / 1000}k ${WINDOW}`]), `first period ≥ ${THRESHOLD} (ends at)`, `first last-${WINDOW} ≥ ${THRESHOLD}`, 'episodes', 'seconds'];
  console.log(table(header, rows));
  const within = (steps: number) => firstPeriods.filter((s) => s !== null && s <= steps).length;
  const windowWithin = (steps: number) => rows.filter((r) => typeof r[r.length - 3] === 'number' && (r[r.length - 3] as number) <= steps).length;
  console.log(`\nsummary-period mean ≥ ${THRESHOLD} within 200k: ${within(200_000)}/${SEEDS.length} seeds; last-${WINDOW} mean ≥ ${THRESHOLD} within 200k: ${windowWithin(200_000)}/${SEEDS.length}`);
  console.log(`machine at end: ${machineLoad()}`);
}

await main();
