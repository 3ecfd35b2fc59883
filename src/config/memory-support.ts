/**
 * Where `network_settings.memory` is built (issue 12): PPO with an LSTM after its encoders
 * (agents/ppo/recurrent-ppo-learner.ts), with any of its reward signals (extrinsic, gail, curiosity, rnd), with
 * behavioral cloning and with self-play (the opponents keep memories of their own: src/training/ghost-learner.ts);
 * SAC (agents/sac/recurrent-sac-learner.ts: LSTMs in the actor and the critics, sequences in the replay) with the
 * extrinsic reward alone, without behavioral cloning or self-play; MA-POCA (agents/poca/recurrent-poca.ts: an LSTM
 * after the actor's encoder and after the group critic's attention trunk, sequences of each member's transitions)
 * with any of its reward signals, with behavioral cloning and with self-play (the actor-critic shell's memories, as
 * PPO's).
 * Elsewhere the behavior trains without memory: the loader warns with
 * the reason given here (behavior-settings.ts) and the plan leaves memory out of the network
 * (src/training/plan-resolver.ts).
 */
import type { RewardSignalsConfig } from './run-config.js';

/**
 * Why this behavior trains without its memory, or null when memory is built for it. For PPO and POCA nothing else
 * decides it (reward signals, behavioral cloning and self-play are all built with memory); SAC's reasons are below.
 */
export function memoryUnbuiltReason(trainerType: string, signals: RewardSignalsConfig, behavioralCloning: boolean, selfPlay: boolean): string | null {
  if (trainerType === 'sac') return sacMemoryUnbuiltReason(signals, behavioralCloning, selfPlay);
  if (trainerType !== 'ppo' && trainerType !== 'poca') return `recurrent policies are built for trainer_type ppo, sac and poca only, not ${trainerType}`;
  return null;
}

/** SAC with memory (agents/sac/recurrent-sac-learner.ts) learns from the extrinsic reward alone, without BC or self-play. */
function sacMemoryUnbuiltReason(signals: RewardSignalsConfig, behavioralCloning: boolean, selfPlay: boolean): string | null {
  const others = (['gail', 'curiosity', 'rnd'] as const).filter((name) => signals[name] !== undefined);
  if (others.length > 0) return `recurrent SAC is built with the extrinsic reward signal only, not with ${others.join(', ')}`;
  if (behavioralCloning) return 'recurrent SAC has no behavioral cloning yet';
  if (selfPlay) return 'recurrent SAC has no recurrent self-play opponents yet';
  return null;
}
