/**
 * The reward signals a learner's settings ask for beside the extrinsic one, built in the one fixed order every
 * learner keeps (gail, curiosity, rnd), each with its own seeded stream (`${label}:gail`, …): PPO, SAC and POCA
 * build them here, and give each its own value or Q head.
 */
import type { BehaviorSpec } from '../../src/core/env/behavior-spec.js';
import { ShivaError } from '../../src/core/errors.js';
import type { RunSeeds } from '../../src/core/runtime/seeding.js';
import { Curiosity } from '../reward-signals/curiosity.js';
import { GailSignal } from '../reward-signals/gail-signal.js';
import type { RewardSignal, RewardSignalName } from '../reward-signals/reward-signal.js';
import { Rnd } from '../reward-signals/rnd.js';
import type { LearnerSettings } from './algorithm-plugin.js';

/** How each signal names itself in stats (`Policy/GAIL Reward`, `Policy/RND Value Estimate`). */
export const SIGNAL_TITLES: Readonly<Record<RewardSignalName, string>> = { gail: 'GAIL', curiosity: 'Curiosity', rnd: 'RND' };

export function createRewardSignals(spec: BehaviorSpec, settings: LearnerSettings, seeds: RunSeeds, label: string): RewardSignal[] {
  if (settings.gail && !settings.gailExpert) throw new ShivaError('SHIVA_ERR_CONFIG', `learner "${settings.id}": reward_signals.gail: expected its demonstrations (gailExpert), got none`);
  const signals: RewardSignal[] = [];
  if (settings.gail) signals.push(new GailSignal(spec, settings.gail, settings.gailExpert!(), seeds.rng(`${label}:gail`)));
  if (settings.curiosity) signals.push(new Curiosity(spec, settings.curiosity, seeds.rng(`${label}:curiosity`)));
  if (settings.rnd) signals.push(new Rnd(spec, settings.rnd, seeds.rng(`${label}:rnd`)));
  return signals;
}
