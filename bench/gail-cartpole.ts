/**
 * GAIL on CartPole with no extrinsic reward (configs/cartpole-gail.yaml), against the scripted balance expert:
 *   1. record --episodes expert episodes (20) through `shiva record`'s code; their mean return R* (500);
 *   2. train PPO with GAIL as its only reward, as `shiva train` would (environments → MetaLearner → Trainer), until
 *      the mean environment return of the last 20 episodes reaches 80% of R* or --max-steps;
 *   3. print the agent steps it took, the last-20 mean against R*, env steps/s, and the GAIL stats of the last update.
 * The config's discriminator reads (s, a, done) with normalised observations; --variant states reads s only, --variant
 * vail adds VAIL's bottleneck; --normalize false turns the normaliser off. Prints figures; not a test.
 *
 *   npm run build && node dist/bench/gail-cartpole.js [--episodes 20] [--seed 1] [--max-steps 100000] [--variant actions|states|vail] [--normalize false]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { record } from '../src/cli/record.js';
import { silentLogger } from '../src/telemetry/logger.js';
import { flag, machineLoad, mean, numberFlag, runConfigFrom, runLoop, table } from './ppo-bench-common.js';

const episodes = numberFlag('episodes', 20);
const seed = numberFlag('seed', 1);
const maxSteps = numberFlag('max-steps', 100_000);
const variant = flag('variant', 'actions');
/** The discriminator's observation normaliser (network_settings.normalize). */
const normalize = flag('normalize', 'true') === 'true';
const TARGET_FRACTION = 0.8;

const work = mkdtempSync(join(tmpdir(), 'shiva-gail-bench-'));
try {
  const demo = join(work, 'cartpole-balance.demo');
  const recorded = await record({ env: 'builtin:cartpole', expert: { kind: 'scripted', name: 'cartpole-balance' }, episodes, out: demo, seed, numAreas: 1, timeoutMs: 10_000, logger: silentLogger() });
  const expertReturn = recorded.meanReward;
  const target = TARGET_FRACTION * expertReturn;
  const gail = ['behaviors', 'CartPole', 'reward_signals', 'gail'] as const;
  const config = runConfigFrom('configs/cartpole-gail.yaml', [
    [[...gail, 'demo_path'], demo],
    [[...gail, 'use_actions'], variant !== 'states'],
    [[...gail, 'use_vail'], variant === 'vail'],
    [[...gail, 'network_settings', 'normalize'], normalize],
    [['behaviors', 'CartPole', 'max_steps'], maxSteps],
    [['env_settings', 'seed'], seed],
  ]);
  let reachedAt: number | null = null;
  const last20 = (all: readonly { return: number }[]) => mean(all.slice(-20).map((e) => e.return));
  const run = await runLoop(config, {
    untimed: true,
    stopWhen: (all) => {
      if (all.length >= 20 && last20(all) >= target && reachedAt === null) reachedAt = all.at(-1)!.step;
      return reachedAt !== null;
    },
  });
  const final = last20(run.episodes);
  console.log(`GAIL on CartPole (${variant}${normalize ? ', normalized' : ''}), seed ${seed}, backend ${run.backend}, ${machineLoad()}`);
  console.log(`expert: ${recorded.episodes} episodes, ${recorded.steps} rows, mean return ${expertReturn.toFixed(1)}; target ${TARGET_FRACTION * 100}% = ${target.toFixed(1)}`);
  console.log(
    table(
      ['figure', 'value'],
      [
        ['agent steps to target', reachedAt ?? `not reached in ${run.totalSteps}`],
        ['mean env return, last 20 episodes', final.toFixed(1)],
        ['vs expert', `${((100 * final) / expertReturn).toFixed(1)}%`],
        ['episodes', run.episodes.length],
        ['env steps/s (whole loop, GAIL updates included)', Math.round(run.totalSteps / run.totalSeconds)],
        ['seconds', run.totalSeconds.toFixed(1)],
      ],
    ),
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
