/** TD3 and DDPG: deterministic actor, (twin) continuous critics, clipped double-Q targets with smoothing. */
export * from './adam-step.js';
export * from './continuous-critic.js';
export * from './deterministic-actor.js';
export * from './exploration.js';
export * from './hyperparameters.js';
export * from './polyak.js';
export * from './td3.js';
export * from './td3-target.js';
