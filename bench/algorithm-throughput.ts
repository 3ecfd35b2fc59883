/**
 * Training speed of every algorithm on its example config, measured in one process one after another (same machine,
 * same load): agent steps per second of the whole loop (acting, environment, learning), timed after each config's
 * replay warm-up (buffer_init_steps) so that off-policy runs are measured while they learn. Environment steps per
 * second = agent steps per second / agents per environment step (the config's areas × agents per area).
 * Not a test; issue 5 asks for env steps per second for each algorithm.
 *
 *   npm run build && node dist/bench/algorithm-throughput.js [--steps 6000] [--only ppo,sac]
 */
import { flag, machineLoad, numberFlag, runConfigFrom, runLoop, table } from './ppo-bench-common.js';

interface Case {
  readonly algorithm: string;
  readonly config: string;
  readonly behavior: string;
  /** Agent steps not timed: the replay warm-up (buffer_init_steps) plus tfjs's first kernels. */
  readonly warmup: number;
  /** Agents acting per environment step (areas × agents per area). */
  readonly agentsPerStep: number;
  readonly edits?: ReadonlyArray<readonly [readonly string[], unknown]>;
}

const CASES: readonly Case[] = [
  { algorithm: 'ppo', config: 'configs/cartpole.yaml', behavior: 'CartPole', warmup: 1000, agentsPerStep: 4 },
  { algorithm: 'dqn', config: 'configs/cartpole-dqn.yaml', behavior: 'CartPole', warmup: 1500, agentsPerStep: 4 },
  { algorithm: 'sac', config: 'configs/pendulum-sac.yaml', behavior: 'Pendulum', warmup: 1500, agentsPerStep: 4 },
  { algorithm: 'td3', config: 'configs/pendulum-td3.yaml', behavior: 'Pendulum', warmup: 2500, agentsPerStep: 4 },
  { algorithm: 'ddpg', config: 'configs/pendulum-td3.yaml', behavior: 'Pendulum', warmup: 2500, agentsPerStep: 4, edits: [[['behaviors', 'Pendulum', 'trainer_type'], 'ddpg'], [['behaviors', 'Pendulum', 'hyperparameters', 'policy_delay'], undefined], [['behaviors', 'Pendulum', 'hyperparameters', 'target_policy_noise'], undefined], [['behaviors', 'Pendulum', 'hyperparameters', 'target_noise_clip'], undefined]] },
  { algorithm: 'maddpg', config: 'configs/spread-maddpg.yaml', behavior: 'Spread', warmup: 6500, agentsPerStep: 24 },
  { algorithm: 'poca', config: 'configs/coop-switch-poca.yaml', behavior: 'CoopSwitch', warmup: 1000, agentsPerStep: 16 },
  { algorithm: 'ppo (scout)', config: 'configs/scout.yaml', behavior: 'Red', warmup: 2000, agentsPerStep: 32 },
];

const STEPS = numberFlag('steps', 6000);
const ONLY = flag('only', '');

async function main(): Promise<void> {
  const chosen = ONLY ? CASES.filter((c) => ONLY.split(',').includes(c.algorithm)) : CASES;
  console.log(`algorithm throughput: ${STEPS} timed agent steps each after its warm-up; backend wasm; ${machineLoad()}`);
  const rows: (string | number)[][] = [];
  for (const c of chosen) {
    const total = c.warmup + STEPS;
    const config = runConfigFrom(c.config, [...(c.edits ?? []), [['behaviors', c.behavior, 'max_steps'], total]], { backend: 'wasm' });
    const run = await runLoop(config, { warmupSteps: c.warmup });
    const agentRate = run.steps / run.seconds;
    rows.push([c.algorithm, c.config, run.steps, run.seconds.toFixed(1), Math.round(agentRate), c.agentsPerStep, Math.round(agentRate / c.agentsPerStep), run.times.updates]);
    console.log(`  ${c.algorithm}: ${Math.round(agentRate)} agent steps/s (${machineLoad()})`);
  }
  console.log();
  console.log(table(['algorithm', 'config', 'timed agent steps', 'seconds', 'agent steps/s', 'agents per env step', 'env steps/s', 'updates'], rows));
  console.log(`machine at end: ${machineLoad()}`);
}

await main();
