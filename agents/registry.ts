/**
 * Every algorithm Shiva trains, one line each. Adding an algorithm is a folder under agents/ whose plugin.ts
 * exports an AlgorithmPlugin, and a line here; the configuration, the documentation and the meta-learner find it
 * by its trainer_type. The order is the order help and documentation list them in.
 */
import type { AlgorithmPlugin } from './plugin/algorithm-plugin.js';
import { DQN_PLUGIN } from './dqn/plugin.js';
import { MADDPG_PLUGIN } from './maddpg/plugin.js';
import { POCA_PLUGIN } from './poca/plugin.js';
import { MAPPO_PLUGIN, PPO_PLUGIN } from './ppo/plugin.js';
import { SAC_PLUGIN } from './sac/plugin.js';
import { DDPG_PLUGIN, TD3_PLUGIN } from './td3/plugin.js';

export const ALGORITHMS: readonly AlgorithmPlugin[] = [PPO_PLUGIN, POCA_PLUGIN, MAPPO_PLUGIN, SAC_PLUGIN, DQN_PLUGIN, TD3_PLUGIN, DDPG_PLUGIN, MADDPG_PLUGIN];

const BY_TYPE: ReadonlyMap<string, AlgorithmPlugin> = new Map(ALGORITHMS.map((a) => [a.trainerType, a]));

/** Every trainer_type a configuration may name. */
export const TRAINER_TYPES: readonly string[] = ALGORITHMS.map((a) => a.trainerType);

/** The trainer_types that train today (the others parse and are refused by `shiva train`). */
export function trainableTrainerTypes(): string[] {
  return ALGORITHMS.filter((a) => a.createLearner !== undefined).map((a) => a.trainerType);
}

/** The plugin of `trainerType`, or undefined. */
export function algorithmOf(trainerType: string): AlgorithmPlugin | undefined {
  return BY_TYPE.get(trainerType);
}
