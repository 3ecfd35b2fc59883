/**
 * MADDPG against independent DDPG on 3-agent simple spread at the same step budget: for each seed and method, the
 * mean team return of the last 100 episodes at the end of training, the median per method, and speed (agent steps
 * per second, and joint steps per second = agent steps / agents, acting and learning together). Methods, all from
 * configs/spread-maddpg.yaml with only the named keys changed:
 *   maddpg-per_agent  critic: per_agent (the paper's MADDPG)
 *   maddpg-shared     critic: shared (one critic trained on permuted samples)
 *   ddpg-independent  independent: true (the paper's DDPG baseline; = configs/spread-ddpg.yaml)
 * Each agent reports its team's return, so the last 100 episodes are the last 100 × agents reports. Not a test.
 *
 *   npm run build && node dist/bench/maddpg-spread.js [--seeds 1,2,3,4,5 --steps 300000 --backend wasm --methods a,b]
 */
import { flag, machineLoad, mean, median, numberFlag, runConfigFrom, runLoop, table } from './ppo-bench-common.js';

const CONFIG = flag('config', 'configs/spread-maddpg.yaml');
const SEEDS = flag('seeds', '1,2,3,4,5').split(',').map(Number);
const STEPS = numberFlag('steps', 300_000);
const BACKEND = flag('backend', 'wasm');
const WINDOW = 100;

const METHODS: Record<string, ReadonlyArray<readonly [readonly string[], unknown]>> = {
  'maddpg-per_agent': [[['behaviors', 'Spread', 'hyperparameters', 'critic'], 'per_agent']],
  'maddpg-shared': [[['behaviors', 'Spread', 'hyperparameters', 'critic'], 'shared']],
  'ddpg-independent': [[['behaviors', 'Spread', 'hyperparameters', 'independent'], true]],
};
const CHOSEN = flag('methods', Object.keys(METHODS).join(',')).split(',');

async function main(): Promise<void> {
  for (const m of CHOSEN) if (!METHODS[m]) throw new Error(`--methods: expected names from ${Object.keys(METHODS).join(', ')}, got "${m}"`);
  console.log(`MADDPG vs DDPG on spread: ${CONFIG}, ${STEPS} agent steps per run, seeds ${SEEDS.join(', ')}, backend ${BACKEND}`);
  console.log(`machine at start: ${machineLoad()}`);
  const rows: (string | number)[][] = [];
  const finals = new Map<string, number[]>();
  const rates = new Map<string, number[]>();
  for (const method of CHOSEN) {
    for (const seed of SEEDS) {
      const config = runConfigFrom(CONFIG, [...METHODS[method]!, [['behaviors', 'Spread', 'max_steps'], STEPS]], { seed, backend: BACKEND });
      const agents = Number(config.environmentParameters['agents'] ?? 3);
      const run = await runLoop(config, { untimed: true });
      const returns = run.episodes.map((e) => e.return);
      const final = returns.length > 0 ? mean(returns.slice(-WINDOW * agents)) : NaN;
      const first = returns.length > 0 ? mean(returns.slice(0, WINDOW * agents)) : NaN;
      const rate = run.steps / run.seconds;
      (finals.get(method) ?? finals.set(method, []).get(method)!).push(final);
      (rates.get(method) ?? rates.set(method, []).get(method)!).push(rate);
      rows.push([method, seed, returns.length / agents, first.toFixed(2), final.toFixed(2), run.seconds.toFixed(1), Math.round(rate), Math.round(rate / agents)]);
      console.log(`  ${method} seed ${seed}: final mean return (last ${WINDOW} episodes) ${final.toFixed(2)} (${machineLoad()})`);
    }
  }
  console.log();
  console.log(table(['method', 'seed', 'episodes', `first-${WINDOW} mean`, `last-${WINDOW} mean`, 'seconds', 'agent steps/s', 'joint steps/s'], rows));
  console.log();
  console.log(table(
    ['method', `median last-${WINDOW} mean`, 'median agent steps/s'],
    CHOSEN.map((m) => [m, median(finals.get(m)!).toFixed(2), Math.round(median(rates.get(m)!))]),
  ));
  console.log(`machine at end: ${machineLoad()}`);
}

await main();
