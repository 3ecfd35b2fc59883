/**
 * GAIL's settings (ML-Agents' `reward_signals.gail`) and the constants ML-Agents fixes in code rather than config.
 */
import type { Activation } from '../networks/activations.js';

export interface GailNetworkSettings {
  /** Width of every hidden layer of the discriminator (ML-Agents `network_settings.hidden_units`). */
  readonly hiddenUnits: number;
  /** Hidden layers (ML-Agents `network_settings.num_layers`); 0 makes the discriminator linear in its input. */
  readonly numLayers: number;
  /** Running normalisation of the observations it reads, updated with expert batches (as ML-Agents does). */
  readonly normalize: boolean;
  readonly activation: Activation;
  /**
   * goal_conditioning_type of the signal's network_settings: with goal-signal observations, 'hyper' (the default)
   * makes the last layer of curiosity's and RND's encoders goal-conditioned (state-encoder.ts). GAIL's
   * discriminator is not conditioned yet (its gradient penalty walks plain layers back in closed form).
   */
  readonly goalConditioningType?: 'hyper' | 'none';
}

export interface GailSettings {
  /** Discount of this signal (ML-Agents `gamma`). With one value head, see ppo-learner: the extrinsic gamma wins. */
  readonly gamma: number;
  /** The GAIL reward is multiplied by this before it is added to the (strength-scaled) extrinsic reward. */
  readonly strength: number;
  /** A `.demo` file or a folder of them. */
  readonly demoPath: string;
  /** Adam step size of the discriminator, constant (ML-Agents default 3e-4). */
  readonly learningRate: number;
  /** The discriminator reads (s, a, done) instead of s alone. */
  readonly useActions: boolean;
  /** Variational discriminator bottleneck (Peng et al. 2018, VAIL). */
  readonly useVail: boolean;
  readonly network: GailNetworkSettings;
}

/**
 * Fixed values of ML-Agents' DiscriminatorNetwork (ml-agents/mlagents/trainers/torch_entities/components/
 * reward_providers/gail_reward_provider.py): gradient_penalty_weight 10.0, z_size 128, alpha 0.0005 (the dual-ascent
 * step of β), mutual_information 0.5, EPSILON 1e-7, initial_beta 0.0; estimator kernel gain 0.2, z_mu gain 0.1.
 */
export const GAIL_CONSTANTS = {
  gradientPenaltyWeight: 10,
  zSize: 128,
  betaStep: 0.0005,
  mutualInformation: 0.5,
  epsilon: 1e-7,
  initialBeta: 0,
  estimatorGain: 0.2,
  zMuGain: 0.1,
} as const;

export const DEFAULT_GAIL_NETWORK: GailNetworkSettings = { hiddenUnits: 128, numLayers: 2, normalize: false, activation: 'swish' };
