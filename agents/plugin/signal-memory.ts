/**
 * What the reward signals beside the extrinsic one allocate, whatever learner trains with them (PPO, SAC;
 * agents/plugin/memory-estimate.ts): GAIL's discriminator, curiosity's encoder with its inverse and forward models,
 * RND's target and predictor, each with an update's activations on batch_size rows. The heads a learner gives each
 * signal (value heads, Q heads) are the learner's own part.
 */
import type { BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import { CURIOSITY_CONSTANTS, type RewardNetworkSettings } from '../reward-signals/intrinsic-settings.js';
import type { LearnerSettings } from './algorithm-plugin.js';
import { activationBytes, denseWeights, FLOAT_BYTES, hyperExtra, logitsSize, mlpSize, observationFloats, TARGET_WEIGHT_BYTES, TRAINED_WEIGHT_BYTES, type MemoryPart } from './memory-estimate.js';

export interface SignalNetworkParts {
  readonly gail: MemoryPart | null;
  readonly curiosity: MemoryPart | null;
  readonly rnd: MemoryPart | null;
  /** Weights of every signal's networks. */
  readonly weights: number;
}

/** `rewardRows`: rows whose GAIL rewards are held at once (PPO: buffer_size; SAC: batch_size). */
export function signalNetworkParts(spec: BehaviorSpec, settings: LearnerSettings, batchSize: number, rewardRows: number): SignalNetworkParts {
  const C = spec.actionSpec.continuousSize;
  let weights = 0;
  let gailPart: MemoryPart | null = null;
  const gail = settings.gail;
  if (gail) {
    const input = observationFloats(spec) + (gail.useActions ? C + logitsSize(spec) + 1 : 0);
    const d = mlpSize(input, gail.network.hiddenUnits, gail.network.numLayers, gail.useVail ? 128 : 1);
    weights += d.weights;
    gailPart = {
      what: "GAIL's discriminator and its batches",
      bytes: d.weights * TRAINED_WEIGHT_BYTES + activationBytes(2 * batchSize, d.activations) + rewardRows * FLOAT_BYTES * 2,
      keys: ['reward_signals.gail.network_settings.hidden_units', 'reward_signals.gail.network_settings.num_layers', 'hyperparameters.batch_size'],
    };
  }
  let curiosityPart: MemoryPart | null = null;
  const curiosity = settings.curiosity;
  if (curiosity) {
    const m = CURIOSITY_CONSTANTS.modelHiddenUnits;
    const actions = C + logitsSize(spec);
    const encoder = signalEncoderSize(spec, curiosity.network);
    const phi = encoder.outputSize;
    const models = denseWeights(2 * phi, m) + denseWeights(m, actions) + denseWeights(phi + actions, m) + denseWeights(m, phi);
    weights += encoder.weights + models;
    curiosityPart = {
      what: "curiosity's encoder, inverse and forward models",
      // Per sample: the encoder on s and s', both models' hidden layers and outputs.
      bytes: (encoder.weights + models) * TRAINED_WEIGHT_BYTES + activationBytes(batchSize, 2 * encoder.activations + 2 * m + actions + 2 * phi),
      keys: ['reward_signals.curiosity.network_settings.hidden_units', 'reward_signals.curiosity.network_settings.num_layers', 'hyperparameters.batch_size'],
    };
  }
  let rndPart: MemoryPart | null = null;
  const rnd = settings.rnd;
  if (rnd) {
    const net = signalEncoderSize(spec, rnd.network);
    weights += 2 * net.weights;
    rndPart = {
      what: "RND's target and predictor networks",
      bytes: net.weights * (TRAINED_WEIGHT_BYTES + TARGET_WEIGHT_BYTES) + activationBytes(batchSize, 2 * net.activations),
      keys: ['reward_signals.rnd.network_settings.hidden_units', 'reward_signals.rnd.network_settings.num_layers', 'hyperparameters.batch_size'],
    };
  }
  return { gail: gailPart, curiosity: curiosityPart, rnd: rndPart, weights };
}

/** A curiosity or RND encoder (state-encoder.ts): the MLP, its last layer goal-conditioned where the spec has goals. */
function signalEncoderSize(spec: BehaviorSpec, network: RewardNetworkSettings) {
  const input = observationFloats(spec);
  const plain = mlpSize(input, network.hiddenUnits, network.numLayers);
  const extra = hyperExtra(spec.observationSpecs, network, input);
  return { weights: plain.weights + extra.weights, activations: plain.activations + extra.activations, outputSize: plain.outputSize };
}
