/** TD3 and DDPG: deterministic actor, (twin) continuous critics (agents/networks), clipped double-Q targets with smoothing. */
export * from './deterministic-actor.js';
export * from './exploration.js';
export * from './hyperparameters.js';
export * from './td3.js';
export * from './td3-target.js';
