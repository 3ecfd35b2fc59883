/**
 * Exploration on a sparse reward: PPO on the locked corridor (envs/corridor: 11 doors, +1 only at the end, a random
 * policy succeeds in about one episode of 8,700) with the extrinsic reward alone, with curiosity (ICM) and with RND,
 * over 5 seeds (test/helpers/sparse-corridor.ts: same hyperparameters for all three; the signals' settings there).
 * For each run: the fraction of the last 100 episodes that reached the goal, and the agent steps until the first
 * 100-episode window at ≥ 80%. Prints a table; not a test.
 *
 *   npm run build && node dist/bench/sparse-reward.js [--steps 40000] [--seeds 1,2,3,4,5]
 */
import { chooseBackend } from '../src/core/runtime/backend.js';
import { goalRate, runCorridor, type CorridorSignal } from '../test/helpers/sparse-corridor.js';
import { flag, machineLoad, mean, numberFlag, table } from './ppo-bench-common.js';

const steps = numberFlag('steps', 40_000);
const seeds = flag('seeds', '1,2,3,4,5').split(',').map(Number);
const WINDOW = 100;
const SOLVED = 0.8;

await chooseBackend('wasm');
const signals: CorridorSignal[] = ['extrinsic', 'curiosity', 'rnd'];
const rows: (string | number)[][] = [];
for (const signal of signals) {
  const rates: number[] = [];
  const solvedAt: string[] = [];
  let seconds = 0;
  for (const seed of seeds) {
    const run = await runCorridor(signal, seed, steps);
    rates.push(goalRate(run.goals, WINDOW));
    // Steps to solve ≈ episodes until the window reached SOLVED × the mean episode length of the run.
    let at = -1;
    for (let e = WINDOW; e <= run.goals.length; e++) if (goalRate(run.goals.slice(0, e), WINDOW) >= SOLVED) { at = e; break; }
    solvedAt.push(at < 0 ? '—' : `${Math.round((at / run.goals.length) * run.steps / 1000)}k`);
    seconds += run.seconds;
  }
  rows.push([signal, ...rates.map((r) => `${(100 * r).toFixed(0)}%`), `${(100 * mean(rates)).toFixed(0)}%`, solvedAt.join(' '), `${(seconds / seeds.length).toFixed(1)} s`]);
}
console.log(`PPO on the locked corridor, ${steps} agent steps per run (8 areas); goal reached in the last ${WINDOW} episodes; ${machineLoad()}`);
console.log(table(['signal', ...seeds.map((s) => `seed ${s}`), 'mean', `≈ steps to ${SOLVED * 100}%`, 's/run'], rows));
