/**
 * TD3 on Pendulum: configs/pendulum-td3.yaml, measured as bench/sac-pendulum.ts measures SAC (the mean return of
 * the last 10 episodes at every 10k-step mark per seed, the median, env steps per second). Target (issue 5):
 * median ≥ −200 within 50k steps. For DDPG pass --config with trainer_type ddpg. Not a test.
 *
 *   npm run build && node dist/bench/td3-pendulum.js [--seeds 1,2,3,4,5 --steps 50000 --backend wasm]
 */
import { runPendulumBench } from './sac-pendulum.js';

await runPendulumBench('TD3', 'configs/pendulum-td3.yaml');
