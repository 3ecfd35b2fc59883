/** PPO: hyperparameters, GAE, the rollout buffer, the loss and the update step. */
export * from './gae.js';
export * from './hyperparameters.js';
export * from './ppo.js';
export * from './ppo-loss.js';
export * from './rollout-buffer.js';
