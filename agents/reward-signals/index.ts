/**
 * Reward signals beside the environment's: GAIL (with VAIL), its discriminator, expert samples and loss terms.
 */
export { Discriminator, type DiscriminatorForward } from './discriminator.js';
export { ExpertSamples, type ExpertData } from './expert-samples.js';
export { Gail, type GailUpdateStats, type SavedGail } from './gail.js';
export { discriminatorLoss, gailReward, gradientPenalty, interpolate, nextBeta, vailKl } from './gail-loss.js';
export { DEFAULT_GAIL_NETWORK, GAIL_CONSTANTS, type GailNetworkSettings, type GailSettings } from './gail-settings.js';
export { GailSignal, type GailPending } from './gail-signal.js';
export { actionRows, inputLayout, joinColumns, observationRows, type InputLayout, type SignalBatch } from './signal-batch.js';
