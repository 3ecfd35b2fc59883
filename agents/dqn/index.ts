/** Deep Q-learning: the Q-network, targets, ε-greedy acting and the gradient step. */
export * from './dqn.js';
export * from './dqn-loss.js';
export * from './exploration.js';
export * from './hyperparameters.js';
export * from './q-network.js';
export * from './td-target.js';
