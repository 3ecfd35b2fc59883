/** PPO: hyperparameters, GAE, trajectories (ML-Agents' semantics), the rollout and update buffers, the loss and the update step. */
export * from './gae.js';
export * from './hyperparameters.js';
export * from './ppo.js';
export * from './ppo-loss.js';
export * from './rollout-buffer.js';
export * from './trajectory.js';
export { UpdateBuffer, type TrajectoryTargets } from './update-buffer.js';
