/**
 * Reward signals beside the environment's: GAIL (with VAIL), its discriminator, expert samples and loss terms;
 * curiosity (ICM) and RND; each one a RewardSignal with its own value head in PPO.
 */
export { Discriminator, type DiscriminatorForward } from './discriminator.js';
export { ExpertSamples, type ExpertData } from './expert-samples.js';
export { Gail, type GailUpdateStats, type SavedGail } from './gail.js';
export { discriminatorLoss, gailReward, gradientPenalty, interpolate, nextBeta, vailKl } from './gail-loss.js';
export { DEFAULT_GAIL_NETWORK, GAIL_CONSTANTS, type GailNetworkSettings, type GailSettings } from './gail-settings.js';
export { GailSignal } from './gail-signal.js';
export { Curiosity, type SavedCuriosity } from './curiosity.js';
export { Rnd, type SavedRnd } from './rnd.js';
export { CURIOSITY_CONSTANTS, DEFAULT_CURIOSITY, DEFAULT_RND, DEFAULT_SIGNAL_NETWORK, type CuriositySettings, type IntrinsicSignalSettings, type RewardNetworkSettings, type RndSettings } from './intrinsic-settings.js';
export type { RewardSignal, RewardSignalName, TransitionBatch } from './reward-signal.js';
export { StateEncoder } from './state-encoder.js';
export { actionRows, inputLayout, joinColumns, observationRows, type InputLayout, type SignalBatch } from './signal-batch.js';
