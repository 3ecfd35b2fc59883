/**
 * PPO on Pendulum: the learning curve of configs/pendulum.yaml (or --config), every 25k env steps: the mean
 * return of the episodes that ended in those 25k steps and of the last 100 episodes (the Trainer's own figure),
 * from the stochastic policy that trains. Target: the last-100 mean ≥ −250 within 500k steps (max_steps). Not a
 * test.
 *
 *   npm run bench:ppo-pendulum [-- --seed 1 --every 25000 --backend wasm --config configs/pendulum.yaml
 *                                 --set behaviors.Pendulum.hyperparameters.num_epoch=5 ...]
 *
 * `--set PATH=VALUE` (repeatable) changes one key of the YAML for this run (VALUE read as YAML), for trying
 * settings without editing the file; the applied changes are printed.
 */
import { parse } from 'yaml';
import { flag, machineLoad, mean, numberFlag, runConfigFrom, runLoop, table, type EpisodeEnd } from './ppo-bench-common.js';

const CONFIG = flag('config', 'configs/pendulum.yaml');
const SEED = numberFlag('seed', 1);
const EVERY = numberFlag('every', 25_000);
const BACKEND = flag('backend', 'wasm');
const TARGET = -250;

function edits(): [string[], unknown][] {
  const out: [string[], unknown][] = [];
  process.argv.forEach((arg, i) => {
    if (arg !== '--set') return;
    const spec = process.argv[i + 1] ?? '';
    const eq = spec.indexOf('=');
    if (eq < 1) throw new Error(`--set: expected PATH=VALUE (e.g. behaviors.Pendulum.hyperparameters.num_epoch=5), got "${spec}"`);
    out.push([spec.slice(0, eq).split('.'), parse(spec.slice(eq + 1)) as unknown]);
  });
  return out;
}

async function main(): Promise<void> {
  const changes = edits();
  const config = runConfigFrom(CONFIG, changes, { seed: SEED, backend: BACKEND });
  const behavior = [...config.behaviors.values()][0]!;
  const maxSteps = behavior.maxSteps;
  console.log(`PPO Pendulum: ${CONFIG}, seed ${SEED}, ${maxSteps} steps, backend ${BACKEND}`);
  for (const [path, value] of changes) console.log(`  --set ${path.join('.')} = ${JSON.stringify(value)}`);
  console.log(`machine at start: ${machineLoad()}`);
  const rows: (string | number)[][] = [];
  let nextMark = EVERY;
  let reachedAt: number | null = null;
  let best = -Infinity;
  let windowStart = 0;
  const started = performance.now();
  const mark = (step: number, all: readonly EpisodeEnd[]) => {
    const window = all.slice(windowStart).map((e) => e.return);
    windowStart = all.length;
    const last100 = mean(all.slice(-100).map((e) => e.return));
    best = Math.max(best, last100);
    if (reachedAt === null && last100 >= TARGET) reachedAt = step;
    const seconds = (performance.now() - started) / 1000;
    rows.push([step, window.length, mean(window).toFixed(1), last100.toFixed(1), seconds.toFixed(0), Math.round(step / seconds)]);
    console.log(`  ${step}: last-100 mean ${last100.toFixed(1)}`);
  };
  const run = await runLoop(config, {
    untimed: true,
    onEpisode: (episode, all) => {
      while (episode.step >= nextMark) {
        mark(nextMark, all);
        nextMark += EVERY;
      }
    },
  });
  if (run.episodes.length > windowStart) mark(run.episodes[run.episodes.length - 1]!.step, run.episodes);
  console.log();
  console.log(table(['steps', 'episodes', 'mean return (window)', 'mean return (last 100)', 'seconds', 'steps/s'], rows));
  console.log(`\nbest last-100 mean ${best.toFixed(1)}; target ≥ ${TARGET} within ${maxSteps} steps: ${reachedAt !== null ? `met at ${reachedAt}` : 'NOT met'}`);
  console.log(`machine at end: ${machineLoad()}`);
}

await main();
