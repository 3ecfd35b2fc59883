/**
 * MADDPG's own `hyperparameters` keys, read beside the off-policy ones (buffer_size, batch_size, learning_rate,
 * buffer_init_steps, tau, steps_per_update, save_replay_buffer) when trainer_type is maddpg. agents/maddpg/
 * hyperparameters.ts documents each; docs/CONFIGURATION.md lists them.
 */
import type { Section } from './section.js';

export const MADDPG_KEYS = [
  'critic',
  'independent',
  'shared_actor',
  'team_size',
  'exploration_noise',
  'gumbel_temperature',
  'gradient_steps',
  'max_grad_norm',
  'policy_regularization',
] as const;

export const MADDPG_CRITICS = ['per_agent', 'shared'] as const;

export interface MaddpgHyperparametersConfig {
  /** One centralised critic per agent slot, or one shared critic trained on permuted samples. */
  readonly critic: (typeof MADDPG_CRITICS)[number];
  /** Critics see only their own agent (independent DDPG). */
  readonly independent: boolean;
  /** One actor for every slot. */
  readonly sharedActor: boolean;
  /** Agents per team; 0 = the largest group of the first batch. */
  readonly teamSize: number;
  /** σ of the Gaussian exploration noise on continuous actions. */
  readonly explorationNoise: number;
  /** Gumbel-softmax temperature for discrete actions. */
  readonly gumbelTemperature: number;
  /** Gradient steps per update. */
  readonly gradientSteps: number;
  /** Per-network gradient norm clip; 0 = off. */
  readonly maxGradNorm: number;
  /** Weight of the actors' pre-activation penalty. */
  readonly policyRegularization: number;
}

/** The MADDPG paper's reference code (see agents/maddpg/hyperparameters.ts). */
export const MADDPG_DEFAULTS: MaddpgHyperparametersConfig = {
  critic: 'per_agent',
  independent: false,
  sharedActor: false,
  teamSize: 0,
  explorationNoise: 0.1,
  gumbelTemperature: 1,
  gradientSteps: 1,
  maxGradNorm: 0.5,
  policyRegularization: 1e-3,
};

export function parseMaddpgHyperparameters(s: Section): MaddpgHyperparametersConfig {
  const d = MADDPG_DEFAULTS;
  return {
    critic: s.oneOf('critic', MADDPG_CRITICS, d.critic),
    independent: s.bool('independent', d.independent),
    sharedActor: s.bool('shared_actor', d.sharedActor),
    teamSize: s.int('team_size', d.teamSize, 0),
    explorationNoise: s.number('exploration_noise', d.explorationNoise, { min: 0 }),
    gumbelTemperature: s.number('gumbel_temperature', d.gumbelTemperature, { min: 0, minExclusive: true }),
    gradientSteps: s.int('gradient_steps', d.gradientSteps, 1),
    maxGradNorm: s.number('max_grad_norm', d.maxGradNorm, { min: 0 }),
    policyRegularization: s.number('policy_regularization', d.policyRegularization, { min: 0 }),
  };
}
