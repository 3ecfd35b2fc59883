/** Deep Q-learning: targets, ε-greedy acting and the gradient step (the Q-network is agents/networks'). */
export * from './dqn.js';
export * from './dqn-loss.js';
export * from './exploration.js';
export * from './hyperparameters.js';
export * from './td-target.js';
