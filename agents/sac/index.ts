/** Soft Actor-Critic: continuous (tanh-squashed Gaussian) and discrete (per-branch categorical), learned α. */
export * from './categorical-actor.js';
export * from './discrete-sac.js';
export * from './gaussian-actor.js';
export * from './hyperparameters.js';
export * from './sac.js';
export * from './sac-core.js';
export * from './soft-target.js';
export * from './squashed-gaussian.js';
export * from './temperature.js';
