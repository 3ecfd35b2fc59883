/**
 * Where `network_settings.memory` is built (issue 12): PPO with an LSTM after its encoders
 * (agents/ppo/recurrent-ppo-learner.ts), with any of its reward signals (extrinsic, gail, curiosity, rnd) and with
 * behavioral cloning, but without self-play. Elsewhere the behavior trains without memory: the loader warns with
 * the reason given here (behavior-settings.ts) and the plan leaves memory out of the network
 * (src/training/plan-resolver.ts).
 */
import type { RewardSignalsConfig } from './run-config.js';

/**
 * Why this behavior trains without its memory, or null when memory is built for it. Reward signals and behavioral
 * cloning no longer decide it (both are built with memory); they stay in the signature its two callers share.
 */
export function memoryUnbuiltReason(trainerType: string, _signals: RewardSignalsConfig, _behavioralCloning: boolean, selfPlay: boolean): string | null {
  if (trainerType !== 'ppo') return `recurrent policies are built for trainer_type ppo only, not ${trainerType}`;
  if (selfPlay) return 'recurrent PPO has no recurrent self-play opponents yet';
  return null;
}
