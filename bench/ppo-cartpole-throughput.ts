/**
 * PPO throughput on CartPole: env steps per second of the whole training loop (Trainer → LocalEnv → PpoLearner),
 * with configs/cartpole.yaml's settings — 4 carts × 128 steps per update (buffer 512), 4 epochs × 4 minibatches of
 * 128, a 64-64 tanh MLP — on the wasm backend. Two layouts of the 4 carts: one scene of 4 areas (the config's) and
 * 4 environments of 1 area. Prints each run's steps/s and the split of its time between acting (the learner's
 * decide: forward pass, sampling, buffer writes), updates (GAE and the PPO update), and the rest (environment steps
 * and the Trainer's own work).
 *
 * The baseline, in the same run and alternating with Shiva's: the PyTorch anchor, a CleanRL-style PPO loop with the
 * same settings (bench/anchors/cleanrl_style_ppo_cartpole.py: 4 CartPole environments stepped in Python, 128 steps,
 * 4 epochs × 4 minibatches of 128, 64-64 tanh), on 1 and on 2 PyTorch threads; the faster of the two is the anchor.
 * Target (issue 16): Shiva's 4 envs × 1 area layout, the anchor's loop, at ≥ 1.5× the anchor's steps/s (by the
 * medians). Without a Python that has PyTorch the anchor is skipped, saying why. Not a test.
 *
 *   npm run bench:ppo-throughput [-- --steps 51200 --warmup 5120 --repeats 2 --backend wasm --anchor yes|no]
 */
import { isOnPolicy } from '../src/config/index.js';
import { flag, machineLoad, median, numberFlag, runConfigFrom, runLoop, table } from './ppo-bench-common.js';
import { findAnchorPython, runAnchor } from './pytorch-anchor.js';

const CONFIG = 'configs/cartpole.yaml';
const STEPS = numberFlag('steps', 51_200);
const WARMUP = numberFlag('warmup', 5_120);
const REPEATS = numberFlag('repeats', 2);
const BACKEND = flag('backend', 'wasm');
const TARGET_RATIO = 1.5;
const ANCHOR = flag('anchor', 'yes') !== 'no';

const layouts = [
  { name: '1 env × 4 areas', numEnvs: 1, numAreas: 4 },
  { name: '4 envs × 1 area', numEnvs: 4, numAreas: 1 },
];

async function main(): Promise<void> {
  console.log(`PPO CartPole throughput: ${CONFIG}, ${STEPS} timed steps after ${WARMUP} warm-up steps, backend ${BACKEND}`);
  console.log(`machine at start: ${machineLoad()}`);
  const python = ANCHOR ? findAnchorPython() : { missing: 'skipped (--anchor no)' };
  if ('missing' in python) console.log(`PyTorch anchor: ${python.missing}`);
  const rows: (string | number)[][] = [];
  const anchorRows: (string | number)[][] = [];
  const anchorRates: number[] = [];
  let backend = '';
  for (let repeat = 0; repeat < REPEATS; repeat++) {
    if ('python' in python) {
      // Both thread counts each round; the faster is the round's anchor (PyTorch's default here is 1 thread).
      const runs = [1, 2].map((threads) => runAnchor(python.python, STEPS, WARMUP, 1 + repeat, threads));
      for (const run of runs) anchorRows.push([`anchor #${repeat + 1}, ${run.threads} thread${run.threads > 1 ? 's' : ''}`, Math.round(run.stepsPerSecond), run.steps, run.seconds.toFixed(2), run.torch]);
      anchorRates.push(Math.max(...runs.map((r) => r.stepsPerSecond)));
      console.log(`  done: anchor #${repeat + 1}: ${runs.map((r) => `${Math.round(r.stepsPerSecond)} (${r.threads} thread${r.threads > 1 ? 's' : ''})`).join(', ')} steps/s (${machineLoad()})`);
    }
    for (const layout of layouts) {
      const config = runConfigFrom(
        CONFIG,
        [
          [['behaviors', 'CartPole', 'max_steps'], WARMUP + STEPS],
          [['env_settings', 'num_envs'], layout.numEnvs],
          [['env_settings', 'num_areas'], layout.numAreas],
        ],
        { seed: 1 + repeat, backend: BACKEND },
      );
      const run = await runLoop(config, { warmupSteps: WARMUP });
      backend = run.backend;
      const totalMs = run.seconds * 1000;
      const restMs = totalMs - run.times.decideMs - run.times.updateMs;
      const perUpdate = run.times.updates > 0 ? run.times.updateMs / run.times.updates : NaN;
      const behavior = config.behaviors.get('CartPole')!;
      const hp = isOnPolicy(behavior) ? behavior.hyperparameters : null;
      const minibatches = hp ? Number(hp['num_epoch']) * Math.floor(Number(hp['buffer_size']) / Number(hp['batch_size'])) : NaN;
      const actingSteps = run.steps / ((run.times.decideMs + restMs) / 1000);
      rows.push([
        `${layout.name} #${repeat + 1}`,
        Math.round(run.steps / run.seconds),
        run.steps,
        run.seconds.toFixed(2),
        `${((100 * run.times.decideMs) / totalMs).toFixed(0)}%`,
        `${((100 * restMs) / totalMs).toFixed(0)}%`,
        `${((100 * run.times.updateMs) / totalMs).toFixed(0)}%`,
        Math.round(actingSteps),
        perUpdate.toFixed(1),
        ((perUpdate / minibatches) * 1000).toFixed(0),
      ]);
      console.log(`  done: ${rows[rows.length - 1]!.slice(0, 2).join(': ')} steps/s (${machineLoad()})`);
    }
  }
  console.log();
  console.log(`backend: ${backend}`);
  console.log(
    table(['layout', 'steps/s', 'steps', 'seconds', 'decide', 'env+loop', 'update', 'collect-only steps/s', 'ms/update', 'µs/minibatch'], rows),
  );
  if (anchorRows.length > 0) {
    console.log();
    console.log(table(['PyTorch anchor', 'steps/s', 'steps', 'seconds', 'torch'], anchorRows));
  }
  console.log();
  for (const layout of layouts) {
    const rates = rows.filter((r) => String(r[0]).startsWith(layout.name)).map((r) => r[1] as number);
    const m = median(rates);
    if (anchorRates.length === 0) {
      console.log(`${layout.name}: median ${Math.round(m)} steps/s; no anchor in this run, so no ratio`);
      continue;
    }
    const a = median(anchorRates);
    const ratio = m / a;
    const judged = layout.numEnvs === 4 ? ` — target ≥ ${TARGET_RATIO}×: ${ratio >= TARGET_RATIO ? 'met' : 'NOT met'}` : " (the config's layout; the target is judged on the anchor's)";
    console.log(`${layout.name}: median ${Math.round(m)} steps/s = ${ratio.toFixed(2)}× the anchor's median ${Math.round(a)}${judged}`);
  }
  console.log(`machine at end: ${machineLoad()}`);
}

await main();
