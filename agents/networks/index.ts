/**
 * Networks and training pieces shared by the learning algorithms: encoders, heads, normalisers, the fast acting
 * path, critics, Adam and its step, Polyak averaging, schedules and minibatches.
 */
export * from './activations.js';
export * from './acting.js';
export * from './actor-critic.js';
export * from './adam.js';
export * from './adam-step.js';
export * from './batch-tensors.js';
export * from './branch-indicator.js';
export * from './continuous-critic.js';
export * from './create-visual-encoder.js';
export * from './dense.js';
export * from './distributions.js';
export * from './distributions-tf.js';
export * from './init.js';
export * from './minibatches.js';
export * from './network-checks.js';
export * from './network-settings.js';
export * from './normalizer.js';
export * from './observation-encoder.js';
export * from './parameter-network.js';
export * from './parameters.js';
export * from './policy-batch.js';
export * from './polyak.js';
export * from './q-network.js';
export * from './resnet-encoder.js';
export * from './schedule.js';
export * from './visual-encoder.js';
export * from './visual-encoder-types.js';
