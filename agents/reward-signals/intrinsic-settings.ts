/**
 * Settings of the two curiosity-style reward signals, ML-Agents' `reward_signals.curiosity` and
 * `reward_signals.rnd` (ml-agents/mlagents/trainers/settings.py, CuriositySettings and RNDSettings, release 21), and
 * the constants ML-Agents fixes in code (reward_providers/curiosity_reward_provider.py, rnd_reward_provider.py).
 */
import type { GailNetworkSettings } from './gail-settings.js';

/** The network a reward signal encodes observations with (ML-Agents' `network_settings` of the signal). */
export type RewardNetworkSettings = GailNetworkSettings;

/** What every reward signal beside the extrinsic one carries. */
export interface IntrinsicSignalSettings {
  /** Discount of this signal's own value head (ML-Agents `gamma`, default 0.99). */
  readonly gamma: number;
  /** The signal's reward is multiplied by this (ML-Agents `strength`, default 1.0). */
  readonly strength: number;
  /** Adam step size of the signal's networks, constant (curiosity default 3e-4, RND 1e-4). */
  readonly learningRate: number;
  /**
   * The state encoder (ML-Agents' NetworkBody of the signal): `network_settings.hidden_units` is the width of the
   * encoding φ(s) (the deprecated `encoding_size` sets it when network_settings is absent), num_layers, normalize.
   */
  readonly network: RewardNetworkSettings;
}

/** ML-Agents `reward_signals.curiosity` (the Intrinsic Curiosity Module, Pathak et al. 2017). */
export type CuriositySettings = IntrinsicSignalSettings;

/** ML-Agents `reward_signals.rnd` (Random Network Distillation, Burda et al. 2018). */
export type RndSettings = IntrinsicSignalSettings;

/** ML-Agents' default network_settings of a reward signal: NetworkSettings() (128 units, 2 layers, no normalisation). */
export const DEFAULT_SIGNAL_NETWORK: RewardNetworkSettings = { hiddenUnits: 128, numLayers: 2, normalize: false, activation: 'swish' };

export const DEFAULT_CURIOSITY: CuriositySettings = { gamma: 0.99, strength: 1, learningRate: 3e-4, network: DEFAULT_SIGNAL_NETWORK };
export const DEFAULT_RND: RndSettings = { gamma: 0.99, strength: 1, learningRate: 1e-4, network: DEFAULT_SIGNAL_NETWORK };

/**
 * CuriosityRewardProvider's fixed values: loss = 10·(0.2·forward + 0.8·inverse); the inverse and forward models
 * have one hidden layer of 256 (swish); the discrete inverse loss uses −log(p + 1e-10).
 */
export const CURIOSITY_CONSTANTS = {
  forwardWeight: 0.2,
  lossMultiplier: 10,
  modelHiddenUnits: 256,
  epsilon: 1e-10,
} as const;
