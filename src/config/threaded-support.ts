/**
 * Where ML-Agents' `threaded: true` is built: PPO's and MA-POCA's updates in a thread of their own
 * (agents/plugin/update-thread.ts, updates-in-thread.ts), with any of their reward signals and PPO with memory,
 * without behavioral cloning or self-play, nor POCA with memory. Elsewhere the behavior updates between collection
 * rounds as always: the loader warns with the reason given here (behavior-settings.ts), and the plan
 * (src/training/plan-resolver.ts) and the training analytics leave `threaded` false (threadedBuilt).
 */
import type { BehaviorConfig } from './run-config.js';

/** Why `threaded: true` is not built for this behavior, or null when its updates run in their own thread. */
export function threadedUnbuiltReason(trainerType: string, memory: boolean, behavioralCloning: boolean, selfPlay: boolean): string | null {
  if (trainerType !== 'ppo' && trainerType !== 'poca') return `updates run in their own thread for trainer_type ppo and poca only, not ${trainerType}`;
  // POCA's recurrent group critic carries its memories from one update to the next (agents/poca/critic-memories.ts).
  if (memory && trainerType === 'poca') return 'POCA with network_settings.memory updates in this thread (its critic carries memories across updates)';
  if (behavioralCloning) return `${trainerType.toUpperCase()} with behavioral_cloning updates in this thread`;
  if (selfPlay) return 'self-play swaps the weights between updates (ML-Agents also advises threaded: false with it)';
  return null;
}

/** Whether a loaded behavior's updates run in their own thread: `threaded: true` where it is built. */
export function threadedBuilt(b: BehaviorConfig): boolean {
  return b.threaded && threadedUnbuiltReason(b.trainerType, b.networkSettings.memory !== null, b.behavioralCloning !== null, b.selfPlay !== null) === null;
}
