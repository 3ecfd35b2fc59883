/**
 * Memory on the T-maze (envs/tmaze: the cue, +1 right or −1 left, is seen only at the first of 5 decisions; +1 for
 * turning its way at the junction, −1 otherwise), with network_settings.memory (an LSTM, memory_size 32,
 * sequence_length 8) and without, over 5 seeds, the same hyperparameters and budget for both
 * (test/helpers/tmaze-run.ts): PPO, then discrete SAC (a smaller budget: its updates on sequences cost more per
 * step), then MA-POCA on the group T-maze (group_size 2: two areas' agents per group; sequence_length 5). For each run: the mean return and the success rate of the last 200 episodes, and the agent steps until the
 * first 200-episode window at ≥ 90% success. A memoryless policy cannot beat 50% here. Prints tables; not a test.
 *
 *   npm run build && node dist/bench/memory-task.js [--steps 20000] [--sac-steps 3000] [--poca-steps 3000] [--seeds 1,2,3,4,5] [--only ppo|sac|poca]
 */
import { chooseBackend } from '../src/core/runtime/backend.js';
import { POCA_PLUGIN } from '../agents/poca/plugin.js';
import { SAC_PLUGIN } from '../agents/sac/plugin.js';
import { runTMaze, tail, tmazePocaSettings, tmazeSacSettings } from '../test/helpers/tmaze-run.js';
import { flag, machineLoad, mean, numberFlag, table } from './ppo-bench-common.js';

const steps = numberFlag('steps', 20_000);
const sacSteps = numberFlag('sac-steps', 3_000);
const pocaSteps = numberFlag('poca-steps', 3_000);
const seeds = flag('seeds', '1,2,3,4,5').split(',').map(Number);
const only = flag('only', '');
const WINDOW = 200;
const SOLVED = 0.9;

await chooseBackend('wasm');
const algorithms = [
  { name: 'PPO', budget: steps, options: (_memory: boolean) => ({}) },
  { name: 'SAC', budget: sacSteps, options: (memory: boolean) => ({ plugin: SAC_PLUGIN, settings: tmazeSacSettings(memory) }) },
  { name: 'POCA', budget: pocaSteps, options: (memory: boolean) => ({ plugin: POCA_PLUGIN, settings: tmazePocaSettings(memory), parameters: { group_size: 2 } }) },
].filter((a) => only === '' || a.name.toLowerCase() === only);
for (const algorithm of algorithms) {
  const rows: (string | number)[][] = [];
  for (const memory of [true, false]) {
    const returns: number[] = [];
    const successes: number[] = [];
    const solvedAt: string[] = [];
    let seconds = 0;
    for (const seed of seeds) {
      const run = await runTMaze(memory, seed, algorithm.budget, algorithm.options(memory));
      const t = tail(run.returns, WINDOW);
      returns.push(t.meanReturn);
      successes.push(t.successRate);
      let at = -1;
      for (let e = WINDOW; e <= run.returns.length; e++) if (tail(run.returns.slice(0, e), WINDOW).successRate >= SOLVED) { at = e; break; }
      solvedAt.push(at < 0 ? '—' : `${(((at / run.returns.length) * run.steps) / 1000).toFixed(1)}k`);
      seconds += run.seconds;
    }
    rows.push([
      memory ? 'with memory' : 'without memory',
      ...seeds.map((_, i) => `${returns[i]!.toFixed(2)} / ${(100 * successes[i]!).toFixed(0)}%`),
      `${mean(returns).toFixed(2)} / ${(100 * mean(successes)).toFixed(0)}%`,
      solvedAt.join(' '),
      `${(seconds / seeds.length).toFixed(1)} s`,
    ]);
  }
  console.log(`${algorithm.name} on the T-maze, ${algorithm.budget} agent steps per run (8 areas); mean return / success rate of the last ${WINDOW} episodes; ${machineLoad()}`);
  console.log(table(['policy', ...seeds.map((s) => `seed ${s}`), 'mean', `≈ steps to ${SOLVED * 100}%`, 's/run'], rows));
}
