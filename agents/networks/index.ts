/** Networks shared by the learning algorithms: encoders, heads, normalisers, the fast acting path, Adam. */
export * from './activations.js';
export * from './acting.js';
export * from './actor-critic.js';
export * from './adam.js';
export * from './dense.js';
export * from './distributions.js';
export * from './distributions-tf.js';
export * from './init.js';
export * from './network-settings.js';
export * from './normalizer.js';
export * from './observation-encoder.js';
export * from './parameters.js';
export * from './visual-encoder.js';
