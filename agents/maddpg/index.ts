/** MADDPG: centralised critics, decentralised deterministic actors, a joint replay buffer of team transitions. */
export * from './critic-input.js';
export * from './gumbel-softmax.js';
export * from './hyperparameters.js';
export * from './joint-replay.js';
export * from './maddpg.js';
export * from './mlp.js';
export * from './team-collector.js';
