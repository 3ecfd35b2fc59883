/**
 * TD3's own `hyperparameters` keys, read beside the off-policy ones (buffer_size, batch_size, learning_rate,
 * buffer_init_steps, tau, steps_per_update, save_replay_buffer) when trainer_type is td3; ddpg reads only
 * exploration_noise (DDPG has no policy delay and no target smoothing). Names follow Stable-Baselines3's TD3.
 * docs/CONFIGURATION.md lists them.
 */
import type { Section } from './section.js';
import type { TrainerType } from './run-config.js';

export const TD3_KEYS = ['policy_delay', 'target_policy_noise', 'target_noise_clip', 'exploration_noise'] as const;
/** The TD3 keys that ddpg reads too. */
export const DDPG_KEYS = ['exploration_noise'] as const;

export interface Td3HyperparametersConfig {
  /** Critic updates per actor (and target) update; ddpg: 1. */
  readonly policyDelay: number;
  /** Standard deviation of the Gaussian noise added to the target policy's action (target smoothing); ddpg: 0. */
  readonly targetPolicyNoise: number;
  /** That noise is clipped to ±this. */
  readonly targetNoiseClip: number;
  /** Standard deviation of the Gaussian noise added to actions while collecting. */
  readonly explorationNoise: number;
}

/** Fujimoto et al. 2018 (TD3), the values SB3 keeps: d = 2, σ̃ = 0.2, c = 0.5, exploration N(0, 0.1). */
export const TD3_DEFAULTS: Td3HyperparametersConfig = {
  policyDelay: 2,
  targetPolicyNoise: 0.2,
  targetNoiseClip: 0.5,
  explorationNoise: 0.1,
};

/** DDPG (Lillicrap et al. 2016, as SB3 runs it): TD3 with one critic, no delay and no smoothing. */
export const DDPG_DEFAULTS: Td3HyperparametersConfig = {
  policyDelay: 1,
  targetPolicyNoise: 0,
  targetNoiseClip: 0,
  explorationNoise: 0.1,
};

/** The keys of `type`'s own beyond the off-policy ones. */
export function td3KeysOf(type: TrainerType): readonly string[] {
  if (type === 'td3') return TD3_KEYS;
  if (type === 'ddpg') return DDPG_KEYS;
  return [];
}

export function parseTd3Hyperparameters(s: Section, type: 'td3' | 'ddpg'): Td3HyperparametersConfig {
  const d = type === 'td3' ? TD3_DEFAULTS : DDPG_DEFAULTS;
  const explorationNoise = s.number('exploration_noise', d.explorationNoise, { min: 0 });
  if (type === 'ddpg') return { ...d, explorationNoise };
  return {
    policyDelay: s.int('policy_delay', d.policyDelay, 1),
    targetPolicyNoise: s.number('target_policy_noise', d.targetPolicyNoise, { min: 0 }),
    targetNoiseClip: s.number('target_noise_clip', d.targetNoiseClip, { min: 0 }),
    explorationNoise,
  };
}
